//! POST /moderation/structures/{id}: a moderator approves or refuses a structure from the
//! moderation queue, which answers.

use axum::extract::{Path, State};
use axum::response::Response;

use crate::app::AppState;
use crate::directory::actions;
use crate::moderation::{self, DecisionForm};
use crate::web::{AppError, CsrfForm, ModeratorUser, PageCtx};

pub(super) async fn decide(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = moderation::item_id(&id)?;
    let decision = match form.parse("approuver", "refuser") {
        Ok(d) => d,
        Err(errors) => return moderation::invalid(&app, ctx, errors).await,
    };
    moderation::answer(&app, ctx, actions::decide_structure(&app, &me, id, decision).await).await
}
