//! GET /annuaire/carte.svg: the department map of the list, embedded by the list page.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;

use super::url_state;
use crate::app::AppState;
use crate::directory::forms::ListQuery;
use crate::directory::map;
use crate::web::{AppError, Lang};

/// The map for the current filters (the department ones aside, so that every department
/// shows what choosing it would give).
pub(super) async fn map_svg(
    State(app): State<AppState>,
    lang: Lang,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let labels = app.directory.labels();
    let mut filters = query.filters(&labels);
    let state = url_state(&query.q, &filters);
    filters.departements.clear();
    filters.place = None;
    filters.page = 1;
    let counts = app.directory.department_counts(&filters).map_err(AppError::Internal)?;
    let body = map::svg(lang, |code| counts.get(code).copied().unwrap_or(0), |code| state.toggle("departement", code));
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    // Embedded by our own pages only; nothing in it runs.
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    Ok(res)
}
