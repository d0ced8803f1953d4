//! Open-data answers (JSON API, feeds, downloads): any origin may read them, caches may keep
//! them five minutes, a missing item is `{"error": "not_found"}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppError;

/// A Unix timestamp as RFC 3339.
pub fn iso(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0).map(|d| d.to_rfc3339()).unwrap_or_default()
}

/// Adds the open-data headers to `res`.
pub fn open(mut res: Response, content_type: &'static str) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    res
}

pub fn json<T: Serialize>(value: &T) -> Result<Response, AppError> {
    let body = serde_json::to_string(value).map_err(|e| AppError::Internal(e.into()))?;
    Ok(open(body.into_response(), "application/json; charset=utf-8"))
}

/// 404 `{"error": "not_found"}`.
pub fn not_found() -> Response {
    let body = serde_json::json!({"error": "not_found"}).to_string();
    let mut res = open(body.into_response(), "application/json; charset=utf-8");
    *res.status_mut() = StatusCode::NOT_FOUND;
    res
}
