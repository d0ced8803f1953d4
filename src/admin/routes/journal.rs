//! GET /admin/journal: every moderation and admin decision, newest first; read-only.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::{ListQuery, PER_PAGE};
use crate::app::AppState;
use crate::moderation::{self, JournalEntry};
use crate::web::{AdminUser, AppError, PageCtx, render};

#[derive(Template)]
#[template(path = "admin/journal.html")]
struct JournalPage {
    ctx: PageCtx,
    entries: Vec<JournalEntry>,
    page: u32,
    more: bool,
}

pub(super) async fn journal(
    State(app): State<AppState>,
    ctx: PageCtx,
    _: AdminUser,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = q.page.parse::<u32>().unwrap_or(1).clamp(1, 100_000);
    let (entries, more) = moderation::journal(&app.db, page, PER_PAGE).await?;
    render(&JournalPage { ctx, entries, page, more })
}
