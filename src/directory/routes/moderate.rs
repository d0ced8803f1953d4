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
    let parsed = form.parse("approuver", "refuser");
    moderation::decide(&app, ctx, &id, parsed, async |id, d| actions::decide_structure(&app, &me, id, d).await).await
}
