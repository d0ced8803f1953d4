//! The self-diagnosis pages, one file per page: the start (`start.rs`), the steps
//! (`step.rs`), the result with its Markdown and the way to change its answers (`result.rs`), the
//! results attached to contact messages, behind the structure's account (`shared.rs`).
//! Drafts and results are found by the hash of the token in their link; an unknown token is a
//! 404 page, like any missing page.

pub(super) mod opendata;
mod result;
mod shared;
mod start;
mod step;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post};

use super::questionnaire::Questionnaire;
use super::store::{self, DraftRow, ResultRow};
use crate::app::AppState;
use crate::web::AppError;
use crate::web::session::hash_token;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/diagnostic", get(start::page).post(start::start))
        .route("/diagnostic/reponses/{token}/{step}", get(step::page).post(step::answer))
        .route("/diagnostic/resultat/{token}", get(result::page))
        .route("/diagnostic/resultat/{token}/markdown", get(result::markdown))
        .route("/diagnostic/resultat/{token}/modifier", post(result::revise))
        .route("/donnees/diagnostics.csv", get(opendata::csv))
        .route("/espace/structure/diagnostics", get(shared::list))
        .route("/espace/structure/diagnostics/{id}", get(shared::show))
}

/// A token as links carry it: URL-safe base64 of 32 bytes, or a demo token (letters, digits
/// and dashes). Anything else is no link of ours.
fn plausible(token: &str) -> bool {
    (16..=64).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn questionnaire(app: &AppState, version: i64) -> Result<Questionnaire, AppError> {
    store::questionnaire(app.db.conn(), version).await?.ok_or(AppError::NotFound)
}

async fn draft(app: &AppState, token: &str) -> Result<(DraftRow, Questionnaire), AppError> {
    if !plausible(token) {
        return Err(AppError::NotFound);
    }
    let draft = store::draft(app.db.conn(), &hash_token(token)).await?.ok_or(AppError::NotFound)?;
    let q = questionnaire(app, draft.version_id).await?;
    Ok((draft, q))
}

async fn result_row(app: &AppState, token: &str) -> Result<ResultRow, AppError> {
    if !plausible(token) {
        return Err(AppError::NotFound);
    }
    store::result(app.db.conn(), &hash_token(token)).await?.ok_or(AppError::NotFound)
}

/// A page behind a private link: kept by no cache and indexed by no search engine.
fn private(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
    res
}
