//! POST /annuaire/{slug}/signaler: a visitor says the profile is outdated, inaccurate or
//! abusive; the report goes to the moderators.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::profile;
use crate::app::AppState;
use crate::directory::actions;
use crate::directory::forms::ReportForm;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, PageCtx, render_status, see_other};

pub(super) async fn report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("report:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes).await?;
    let mut page = profile::load(&app, ctx, &slug).await?;
    match form.parse() {
        Ok(report) => {
            actions::report(&app.db, page.s.id, report).await?;
            Ok(see_other(&format!("/annuaire/{slug}"), "flash-report-sent"))
        }
        Err(errors) => {
            page.report = form;
            page.errors = errors;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
