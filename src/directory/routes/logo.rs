//! GET /medias/logos/{file}: the uploaded logos (re-encoded PNG, named after their content, so
//! cached for good).

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::directory::logo;
use crate::web::AppError;

pub(super) async fn logo(State(app): State<AppState>, Path(file): Path<String>) -> Result<Response, AppError> {
    let bytes = logo::read(&app.data_dir, &file).await.ok_or(AppError::NotFound)?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    Ok(res)
}
