//! The admin pages, one file per section: accounts and roles (`users.rs`), editable pages
//! (`pages.rs`), taxonomies (`taxonomies.rs`), the decision log (`journal.rs`), the
//! self-diagnosis questionnaire (`diagnosis.rs`). Every page
//! asks for an administrator (`AdminUser`).

mod diagnosis;
mod journal;
mod pages;
mod taxonomies;
mod users;

use axum::Router;
use axum::response::Redirect;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::AppState;
use crate::web::AppError;

/// Rows of a page of accounts or of the journal.
const PER_PAGE: u32 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/utilisateurs") }))
        .route("/admin/utilisateurs", get(users::list))
        .route("/admin/utilisateurs/{id}", get(users::show))
        .route("/admin/utilisateurs/{id}/roles", post(users::set_roles))
        .route("/admin/utilisateurs/{id}/equipe", post(users::remove_from_team))
        .route("/admin/taxonomies", get(taxonomies::show).post(taxonomies::add))
        .route("/admin/taxonomies/{id}", post(taxonomies::rename))
        .route("/admin/journal", get(journal::journal))
        .route("/admin/questionnaire", get(diagnosis::show).post(diagnosis::save))
        .route("/admin/diagnostics", get(diagnosis::stats))
        .route("/admin/pages", get(pages::list))
        .route("/admin/pages/{slug}", get(pages::edit).post(pages::save))
}

/// The query of a paged list: a search and a page number, as typed.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    q: String,
    page: String,
}

/// The id of a path: anything but a number names nothing (404, not 400).
fn path_id(segment: &str) -> Result<i64, AppError> {
    segment.parse::<i64>().map_err(|_| AppError::NotFound)
}
