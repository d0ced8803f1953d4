//! Following an ad, and the one-click unsubscribe link of its emails.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;

use super::super::notify::unsubscribe_token;
use super::super::search::path;
use super::super::store;
use super::{any, visible};
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, render, see_other};

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub(super) struct FollowForm {
    /// "oui" follows, anything else stops following.
    follow: String,
}

pub(super) async fn follow(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    let path = path(ad.id, &ad.slug);
    if form.follow == "oui" {
        store::follow(app.db.conn(), ad.id, user.id).await?;
        Ok(see_other(&path, "flash-ad-followed"))
    } else {
        store::unfollow(app.db.conn(), ad.id, user.id).await?;
        Ok(see_other(&path, "flash-ad-unfollowed"))
    }
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub(super) struct UnsubscribeQuery {
    u: String,
    t: String,
}

#[derive(Template)]
#[template(path = "ads/unsubscribe.html")]
struct UnsubscribePage {
    ctx: PageCtx,
    title: String,
    path: String,
    action: String,
    done: bool,
}

/// The follower the link was made for, when the link is genuine.
fn check_unsubscribe(app: &AppState, ad_id: i64, q: &UnsubscribeQuery) -> Result<i64, AppError> {
    let user_id = q.u.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let expected = unsubscribe_token(&app.secret, ad_id, user_id);
    if expected.is_empty() || !subtle_eq(expected.as_bytes(), q.t.as_bytes()) {
        return Err(AppError::NotFound);
    }
    Ok(user_id)
}

fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// GET from the email: one button to stop following (mail scanners that open links change nothing).
pub(super) async fn unsubscribe_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(segment): Path<String>,
    Query(q): Query<UnsubscribeQuery>,
) -> Result<Response, AppError> {
    let ad = any(&app, &segment).await?;
    check_unsubscribe(&app, ad.id, &q)?;
    render(&UnsubscribePage {
        ctx,
        title: ad.title.clone(),
        path: path(ad.id, &ad.slug),
        action: format!("/annonces/{}/desabonnement?u={}&t={}", ad.id, q.u, q.t),
        done: false,
    })
}

/// POST: the link itself is the proof; no session needed (one click from the email).
pub(super) async fn unsubscribe(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(segment): Path<String>,
    Query(q): Query<UnsubscribeQuery>,
    CsrfForm(_): CsrfForm<FollowForm>,
) -> Result<Response, AppError> {
    let ad = any(&app, &segment).await?;
    let user_id = check_unsubscribe(&app, ad.id, &q)?;
    store::unfollow(app.db.conn(), ad.id, user_id).await?;
    render(&UnsubscribePage {
        ctx,
        title: ad.title.clone(),
        path: path(ad.id, &ad.slug),
        action: String::new(),
        done: true,
    })
}
