//! Static files built into the binary, served under names that carry their content hash
//! (`/static/app.3f2a9c1d.css`) with a one-year immutable cache; compression is applied by the
//! router's compression layer.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::error::AppError;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    hashed: String,
}

const FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../../static/app.css")),
    ("favicon.svg", "image/svg+xml", include_bytes!("../../static/favicon.svg")),
];

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, content_type, bytes)| {
            let hash = hex::encode(&Sha256::digest(bytes)[..5]);
            let hashed = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{name}.{hash}"),
            };
            Asset { name, content_type, bytes, hashed }
        })
        .collect()
});

static URLS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    ASSETS.iter().map(|a| (a.name, &*Box::leak(format!("/static/{}", a.hashed).into_boxed_str()))).collect()
});

/// The public URL of a static file, e.g. `url("app.css")`.
pub fn url(name: &str) -> &'static str {
    URLS.iter().find(|(n, _)| *n == name).map(|(_, u)| *u).unwrap_or("/static/missing")
}

/// GET /static/{file}: only hashed names are served, so each URL is immutable.
pub async fn serve(Path(file): Path<String>) -> Result<Response, AppError> {
    let asset = ASSETS.iter().find(|a| a.hashed == file).ok_or(AppError::NotFound)?;
    Ok(with_type(asset, "public, max-age=31536000, immutable"))
}

/// GET /favicon.ico: browsers ask for it on their own; answer with the SVG icon.
pub async fn favicon() -> Result<Response, AppError> {
    let asset = ASSETS.iter().find(|a| a.name == "favicon.svg").ok_or(AppError::NotFound)?;
    Ok(with_type(asset, "public, max-age=86400"))
}

fn with_type(asset: &Asset, cache: &'static str) -> Response {
    let mut res = asset.bytes.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}
