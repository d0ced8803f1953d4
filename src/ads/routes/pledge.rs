//! "Nous aussi !": joining an ad with an optional pledge, changing it, withdrawing.

use axum::extract::{Path, State};
use axum::response::Response;

use super::super::actions::{self, Pledged};
use super::super::forms::{PledgeForm, StatusForm};
use super::super::search::path;
use super::{refused, visible};
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, see_other};

pub(super) async fn pledge(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<PledgeForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    match actions::pledge(&app, &user, &ad, &form).await {
        Ok(Pledged::Joined) => Ok(see_other(&path(ad.id, &ad.slug), "flash-ad-joined")),
        Ok(Pledged::Updated) => Ok(see_other(&path(ad.id, &ad.slug), "flash-pledge-updated")),
        Err(e) => refused(&app, ctx, ad, e, |p| p.pledge_form = form).await,
    }
}

pub(super) async fn unpledge(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(_): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    match actions::unpledge(&app, &user, &ad).await {
        Ok(()) => Ok(see_other(&path(ad.id, &ad.slug), "flash-pledge-withdrawn")),
        Err(e) => refused(&app, ctx, ad, e, |_| {}).await,
    }
}
