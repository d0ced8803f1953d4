//! The ads as open data: Atom feeds and the JSON API.

use axum::Router;

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
