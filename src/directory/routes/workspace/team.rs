//! POST /espace/structure/equipe/retirer: a member takes a colleague off the team, or leaves
//! it (never the last member: the page says so).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::app::AppState;
use crate::directory::actions::{self, Remover};
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, render_status, see_other};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RemoveForm {
    /// The account to take off the team.
    membre: String,
}

pub(super) async fn remove(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<RemoveForm>,
) -> Result<Response, AppError> {
    let s = super::team_structure(&app, &user).await?;
    let member = form.membre.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    match actions::remove_member(&app, &user, Remover::Team, s.id, member).await {
        Ok(()) if member == user.id => Ok(see_other("/espace/structure", "flash-team-left")),
        Ok(()) => Ok(see_other("/espace/structure", "flash-team-member-removed")),
        Err(refused) => {
            let (status, errors) = refused.into_form()?;
            render_status(status, &super::refused(&app, ctx, s, errors).await?)
        }
    }
}
