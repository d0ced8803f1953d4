//! One ad's page, at its canonical address `/annonces/{id}-{slug}` (other spellings redirect).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::{ad_page, visible};
use crate::app::AppState;
use crate::web::{AppError, MaybeUser, PageCtx, render};

pub(super) async fn show(
    State(app): State<AppState>,
    ctx: PageCtx,
    MaybeUser(user): MaybeUser,
    Path(segment): Path<String>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, user.as_ref()).await?;
    let canonical = super::super::search::path(ad.id, &ad.slug);
    if format!("/annonces/{segment}") != canonical {
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    render(&ad_page(&app, ctx, ad).await?)
}
