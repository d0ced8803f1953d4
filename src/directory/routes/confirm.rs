//! GET /annuaire/{slug}/confirmer?signature=…: the link of the reminder email opens a page with
//! a button and changes nothing (mail scanners follow links); POST: the button confirms the
//! profile. An expired link says how to confirm from the workspace instead.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;

use crate::app::AppState;
use crate::directory::freshness::{self, LINK_DAYS, Link};
use crate::web::{AppError, CsrfForm, PageCtx, render, render_status};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ConfirmQuery {
    signature: String,
}

#[derive(Template)]
#[template(path = "directory/confirm.html")]
struct ConfirmPage {
    ctx: PageCtx,
    name: String,
    slug: String,
    signature: String,
    /// The link is older than `LINK_DAYS`.
    expired: bool,
    days: i64,
}

#[derive(Template)]
#[template(path = "directory/confirmed.html")]
struct ConfirmedPage {
    ctx: PageCtx,
    name: String,
    slug: String,
}

/// The page of a link: the button, or why the link no longer works.
fn link_page(ctx: PageCtx, slug: String, signature: String, link: Link) -> Result<Response, AppError> {
    let (name, expired) = match link {
        Link::Valid(name) => (name, false),
        Link::Expired(name) => (name, true),
    };
    let status = if expired { StatusCode::GONE } else { StatusCode::OK };
    render_status(status, &ConfirmPage { ctx, name, slug, signature, expired, days: LINK_DAYS })
}

pub(super) async fn page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<ConfirmQuery>,
) -> Result<Response, AppError> {
    let link = freshness::link(&app, &slug, &q.signature).await?.ok_or(AppError::NotFound)?;
    link_page(ctx, slug, q.signature, link)
}

pub(super) async fn confirm(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ConfirmQuery>,
) -> Result<Response, AppError> {
    match freshness::confirm(&app, &slug, &form.signature).await?.ok_or(AppError::NotFound)? {
        Link::Valid(name) => render(&ConfirmedPage { ctx, name, slug }),
        expired => link_page(ctx, slug, form.signature, expired),
    }
}
