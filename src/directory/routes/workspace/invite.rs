//! POST /espace/structure/invitations: a colleague receives a link to join the team (once the
//! structure is submitted, within the caps on mail to typed addresses).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::app::AppState;
use crate::directory::actions;
use crate::directory::forms::InviteForm;
use crate::web::ratelimit;
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, render_status, see_other};

pub(super) async fn invite(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    let s = super::team_structure(&app, &user).await?;
    ratelimit::hit(&app.db, &format!("invite:{}", user.id), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let (status, errors) = match form.parse() {
        Ok(email) => match actions::invite(&app, &user, &s, &email, ctx.lang).await {
            Ok(()) => return Ok(see_other("/espace/structure", "flash-invite-sent")),
            Err(refused) => refused.into_form()?,
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let mut page = super::refused(&app, ctx, s, errors).await?;
    page.invite_email = form.invite_email;
    render_status(status, &page)
}
