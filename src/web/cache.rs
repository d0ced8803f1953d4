//! A short-lived cache of the directory pages as anonymous visitors see them.
//!
//! Anonymous pages depend only on the URL and the language, so a popular search or profile is
//! rendered once per change of the directory (or per `page_cache_seconds`) instead of once per
//! visitor. Signed-in visitors always get fresh pages. Every node keeps its own cache; the
//! search engine empties it as soon as it applies a change.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::i18n::{Lang, cookie};
use super::session::SESSION_COOKIE;
use crate::app::AppState;

/// Entries kept at most; past that the cache starts afresh.
const MAX_ENTRIES: usize = 4096;
/// Largest page kept.
const MAX_BODY: usize = 4 * 1024 * 1024;

struct Entry {
    at: Instant,
    generation: u64,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

pub struct PageCache {
    ttl: Duration,
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

impl PageCache {
    pub fn new(ttl_seconds: u64) -> Self {
        PageCache {
            ttl: Duration::from_secs(ttl_seconds),
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Forgets every page: called when the directory changes.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    fn get(&self, key: &str) -> Option<Response> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(key)?;
        if e.generation != self.generation.load(Ordering::SeqCst) || e.at.elapsed() > self.ttl {
            return None;
        }
        let mut res = (e.status, e.body.clone()).into_response();
        *res.headers_mut() = e.headers.clone();
        Some(res)
    }

    fn put(&self, key: String, generation: u64, status: StatusCode, headers: HeaderMap, body: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, Entry { at: Instant::now(), generation, status, headers, body });
        }
    }
}

/// Paths whose anonymous pages are the same for everyone.
fn cacheable(path: &str) -> bool {
    path == "/annuaire"
        || path.starts_with("/annuaire/")
        || path.starts_with("/api/v1/structures")
        || path.starts_with("/annonces")
        || path.starts_with("/api/v1/ads")
}

pub async fn middleware(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &app.page_cache;
    if !cache.enabled()
        || req.method() != Method::GET
        || !cacheable(req.uri().path())
        || cookie(req.headers(), SESSION_COOKIE).is_some_and(|c| !c.is_empty())
    {
        return next.run(req).await;
    }
    let key = format!("{}|{}", Lang::from_headers(req.headers()).code(), req.uri());
    if let Some(res) = cache.get(&key) {
        metrics::counter!("page_cache_hits_total").increment(1);
        return res;
    }
    let generation = cache.generation.load(Ordering::SeqCst);
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            cache.put(key, generation, parts.status, parts.headers.clone(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
