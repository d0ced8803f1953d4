//! GET /annuaire/{slug}/confirmer?signature=…: the one-click link of the reminder email.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;

use crate::app::AppState;
use crate::directory::freshness;
use crate::web::{AppError, PageCtx, render};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ConfirmQuery {
    signature: String,
}

#[derive(Template)]
#[template(path = "directory/confirmed.html")]
struct ConfirmedPage {
    ctx: PageCtx,
    name: String,
    slug: String,
}

pub(super) async fn confirm(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<ConfirmQuery>,
) -> Result<Response, AppError> {
    match freshness::confirm(&app, &slug, &q.signature).await? {
        Some(name) => render(&ConfirmedPage { ctx, name, slug }),
        None => Err(AppError::NotFound),
    }
}
