//! POST /moderation/structures/{id}: a moderator approves or refuses a structure from the
//! moderation queue; POST /moderation/structures/{id}/modifications: accepts or reverts the
//! changes of an approved structure since its review. The queue answers; both decisions carry
//! the version the moderator saw.

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
    let seen = form.seen();
    let parsed = form.parse("approuver", "refuser");
    moderation::decide(&app, ctx, &id, parsed, async |id, d| actions::decide_structure(&app, &me, id, d, seen).await)
        .await
}

pub(super) async fn decide_changes(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let seen = form.seen();
    let parsed = form.parse("accepter", "retablir");
    moderation::decide(&app, ctx, &id, parsed, async |id, d| actions::decide_changes(&app, &me, id, d, seen).await)
        .await
}
