//! The moderation pages: the queue, the closing of a report, and the answers every decision
//! shares, the features' too: the queue again (422 for a bad form, 409 for an item decided
//! first by another moderator) or a 303 with a flash.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::queue::{self, Report, Section};
use super::{DecisionForm, ModerationError, actions};
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, FieldErrors, ModeratorUser, PageCtx, render, render_status, see_other};

pub fn routes() -> Router<AppState> {
    Router::new().route("/moderation", get(show_queue)).route("/moderation/signalements/{id}", post(close_report))
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    ctx: PageCtx,
    sections: Vec<Section>,
    reports: Vec<Report>,
    errors: FieldErrors,
}

async fn queue_page(app: &AppState, ctx: PageCtx, errors: FieldErrors) -> Result<QueuePage, AppError> {
    let queue::Queue { sections, reports } = queue::load(&app.queue_sections, &app.db, &ctx).await?;
    Ok(QueuePage { ctx, sections, reports, errors })
}

async fn show_queue(State(app): State<AppState>, ctx: PageCtx, _: ModeratorUser) -> Result<Response, AppError> {
    render(&queue_page(&app, ctx, FieldErrors::new()).await?)
}

/// The answer to a decision: back to the queue with a flash, or the queue again with the
/// message of a refusal, or the error page.
async fn answer(app: &AppState, ctx: PageCtx, decided: Result<(), ModerationError>) -> Result<Response, AppError> {
    let refused = match decided {
        Ok(()) => return Ok(see_other("/moderation", "flash-decision-saved")),
        Err(refused) => refused,
    };
    let Some((field, key, status)) = refused.on_form() else { return Err(refused.into()) };
    render_status(status, &queue_page(app, ctx, FieldErrors::one(field, key)).await?)
}

/// The queue again with the messages of a bad decision form (422).
async fn invalid(app: &AppState, ctx: PageCtx, errors: FieldErrors) -> Result<Response, AppError> {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &queue_page(app, ctx, errors).await?)
}

/// What every decision handler does: the item of the route's `segment` (else not found), the
/// form as `parsed` (else the queue again, 422), then `decide` on them and [`answer`].
pub async fn decide<T>(
    app: &AppState,
    ctx: PageCtx,
    segment: &str,
    parsed: Result<T, FieldErrors>,
    decide: impl AsyncFnOnce(i64, T) -> Result<(), ModerationError>,
) -> Result<Response, AppError> {
    let id = item_id(segment)?;
    let decision = match parsed {
        Ok(d) => d,
        Err(errors) => return invalid(app, ctx, errors).await,
    };
    answer(app, ctx, decide(id, decision).await).await
}

fn item_id(segment: &str) -> Result<i64, AppError> {
    segment.parse::<i64>().map_err(|_| AppError::NotFound)
}

/// POST /moderation/signalements/{id}: close a report, handled or dismissed.
async fn close_report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    decide(&app, ctx, &id, form.parse_closing(), async |id, closing| {
        actions::close_report(&app, &me, id, closing).await
    })
    .await
}
