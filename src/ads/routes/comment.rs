//! Questions and comments under an ad.

use axum::extract::{Path, State};
use axum::response::Response;

use super::super::actions::{self, Commented};
use super::super::forms::CommentForm;
use super::super::search::path;
use super::{refused, visible};
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, see_other};

pub(super) async fn comment(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    let to = format!("{}#commentaires", path(ad.id, &ad.slug));
    match actions::comment(&app, &user, &ad, &form).await {
        Ok(Commented::Posted) => Ok(see_other(&to, "flash-comment-posted")),
        Ok(Commented::Pending) => Ok(see_other(&to, "flash-comment-pending")),
        Err(e) => refused(&app, ctx, ad, e, |p| p.comment_form = form).await,
    }
}
