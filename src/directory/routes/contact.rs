//! POST /annuaire/{slug}/contact: a visitor writes to a structure through the site.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::profile;
use crate::app::AppState;
use crate::directory::actions;
use crate::directory::forms::ContactForm;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, PageCtx, render_status, see_other};

/// The message goes to the structure by email, a copy to the sender; the structure's address
/// is never shown.
pub(super) async fn contact(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ContactForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("contact:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let mut page = profile::load(&app, ctx, &slug).await?;
    let (status, errors) = match form.parse() {
        Ok(new) => match actions::relay_contact(&app, &page.s, page.ctx.lang, new).await {
            Ok(()) => return Ok(see_other(&format!("/annuaire/{slug}"), "flash-contact-sent")),
            Err(refused) => refused.into_form()?,
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    page.form = form.retyped();
    page.errors = errors;
    render_status(status, &page)
}
