//! Offers: making or changing one, withdrawing it, and the author accepting one.

use axum::extract::{Path, State};
use axum::response::Response;

use super::super::actions::{self, Offered};
use super::super::forms::{OfferForm, StatusForm};
use super::super::search::path;
use super::{own, refused, visible};
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, see_other};

pub(super) async fn offer(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<OfferForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    match actions::offer(&app, &user, &ad, &form).await {
        Ok(Offered::Sent) => Ok(see_other(&path(ad.id, &ad.slug), "flash-offer-sent")),
        Ok(Offered::Updated) => Ok(see_other(&path(ad.id, &ad.slug), "flash-offer-updated")),
        Err(e) => refused(&app, ctx, ad, e, |p| p.offer_form = form).await,
    }
}

pub(super) async fn withdraw(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(_): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    match actions::withdraw_offer(&app, &user, &ad).await {
        Ok(()) => Ok(see_other(&path(ad.id, &ad.slug), "flash-offer-withdrawn")),
        Err(e) => refused(&app, ctx, ad, e, |_| {}).await,
    }
}

pub(super) async fn accept(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((segment, offer_id)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    let offer_id = offer_id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    match actions::accept_offer(&app, &user, &ad, offer_id).await {
        Ok(()) => Ok(see_other(&path(ad.id, &ad.slug), "flash-offer-accepted")),
        Err(e) => refused(&app, ctx, ad, e, |_| {}).await,
    }
}
