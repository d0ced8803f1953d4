//! The author's lifecycle buttons: publish, extend, start, finish, close, reopen.

use axum::extract::{Path, State};
use axum::response::Response;

use super::super::forms::StatusForm;
use super::super::search::path;
use super::super::{AdError, actions};
use super::{form_again, own, refused};
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, see_other};

pub(super) async fn change_status(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    match actions::change_status(&app, &user, &ad, &form).await {
        Ok(flash) => Ok(see_other(&path(ad.id, &ad.slug), flash)),
        Err(AdError::Incomplete(full, errors)) => form_again(&app, ctx, Some(ad), *full, errors).await,
        Err(e) => {
            // The reason typed is kept when it was the problem.
            let reason = if matches!(e, AdError::Invalid(_)) { form.close_reason } else { String::new() };
            refused(&app, ctx, ad, e, |p| p.close_reason = reason).await
        }
    }
}
