//! POST /espace/structure/soumettre: the draft goes to the moderators.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::app::AppState;
use crate::directory::actions;
use crate::web::{AppError, CsrfForm, CurrentUser, see_other};

#[derive(Deserialize, Default)]
pub(super) struct Empty {}

pub(super) async fn submit(
    State(app): State<AppState>,
    user: CurrentUser,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    actions::submit(&app.db, user.id).await?;
    Ok(see_other("/espace/structure", "flash-structure-submitted"))
}
