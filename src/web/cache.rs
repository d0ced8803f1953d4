//! A short-lived cache of pages as anonymous visitors see them.
//!
//! Anonymous pages depend only on the URL and the language, so a popular search or profile is
//! rendered once per change of its feature (or per `page_cache_seconds`) instead of once per
//! visitor. Signed-in visitors always get fresh pages. A feature owns its cache, puts it on its
//! cacheable routes with [`cached`], and empties it when its data changes (its search engine
//! does so as soon as it applies a change). Every node keeps its own caches.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::i18n::{Lang, cookie};
use super::session::SESSION_COOKIE;

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

    /// Forgets every page: called when the feature's data changes.
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

/// Puts `cache` on every route of `routes`: their anonymous GET answers are kept. Only routes
/// whose anonymous pages are the same for everyone belong there.
pub fn cached<S: Clone + Send + Sync + 'static>(routes: Router<S>, cache: Arc<PageCache>) -> Router<S> {
    routes.route_layer(axum::middleware::from_fn_with_state(cache, middleware))
}

async fn middleware(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    if !cache.enabled()
        || req.method() != Method::GET
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
