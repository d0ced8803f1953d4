//! The moderation pages: the queue, and a handler per kind of decision. Each parses the
//! decision form, calls one action of `actions/`, and answers with the queue again (422 for a
//! bad form, 409 for an item decided first by another moderator) or a 303 with a flash.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::queue::{self, RecoItem};
use super::store::{OpenReport, PendingStructure};
use super::{DecisionForm, ModerationError, actions};
use crate::ads::PendingAds;
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, FieldErrors, ModeratorUser, PageCtx, render, render_status, see_other};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/moderation", get(show_queue))
        .route("/moderation/structures/{id}", post(decide_structure))
        .route("/moderation/recommandations/{id}", post(decide_recommendation))
        .route("/moderation/signalements/{id}", post(close_report))
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    ctx: PageCtx,
    structures: Vec<PendingStructure>,
    recommendations: Vec<RecoItem>,
    reports: Vec<OpenReport>,
    ads: PendingAds,
    errors: FieldErrors,
}

async fn queue_page(app: &AppState, ctx: PageCtx, errors: FieldErrors) -> Result<QueuePage, AppError> {
    let queue::Queue { structures, recommendations, reports, ads } = queue::load(&app.db).await?;
    Ok(QueuePage { ctx, structures, recommendations, reports, ads, errors })
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

/// The page for an item another moderator decided first (409), or 404 when there is no such item.
pub(crate) async fn already(app: &AppState, ctx: PageCtx, table: &str, id: i64) -> Result<Response, AppError> {
    let not_pending = actions::not_pending(&app.db, table, id).await?;
    answer(app, ctx, Err(not_pending)).await
}

/// The queue again with the messages of a bad decision form (422).
pub(crate) async fn invalid(app: &AppState, ctx: PageCtx, errors: FieldErrors) -> Result<Response, AppError> {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &queue_page(app, ctx, errors).await?)
}

fn item_id(segment: &str) -> Result<i64, AppError> {
    segment.parse::<i64>().map_err(|_| AppError::NotFound)
}

/// POST /moderation/structures/{id}: approve or refuse a structure.
async fn decide_structure(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    let decision = match form.parse("approuver", "refuser") {
        Ok(d) => d,
        Err(errors) => return invalid(&app, ctx, errors).await,
    };
    answer(&app, ctx, actions::decide_structure(&app, &me, id, decision).await).await
}

/// POST /moderation/recommandations/{id}: publish or refuse a recommendation.
async fn decide_recommendation(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    let decision = match form.parse("publier", "refuser") {
        Ok(d) => d,
        Err(errors) => return invalid(&app, ctx, errors).await,
    };
    answer(&app, ctx, actions::decide_recommendation(&app, &me, id, decision).await).await
}

/// POST /moderation/signalements/{id}: close a report, handled or dismissed.
async fn close_report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    let closing = match form.parse_closing() {
        Ok(c) => c,
        Err(errors) => return invalid(&app, ctx, errors).await,
    };
    answer(&app, ctx, actions::close_report(&app, &me, id, closing).await).await
}
