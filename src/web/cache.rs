//! A short-lived cache of pages as anonymous visitors see them.
//!
//! Anonymous pages depend only on the URL, so a popular search or profile is rendered once per
//! change of its feature (or per `page_cache_seconds`) instead of once per visitor. Signed-in
//! visitors always get fresh pages. A feature owns its cache, puts it on its cacheable routes
//! with [`cached`], and empties it when its data changes (its search engine does so as soon as it
//! applies a change). Every node keeps its own caches.
//!
//! The key is the language, the path and the query parameters the routes read, decoded and in
//! a stable order; a URL with any other parameter is answered fresh and not kept, so
//! cache-busting parameters neither grow the cache nor push the popular pages out. The cache
//! holds at most `page_cache_bytes` of pages and forgets the least recently used first.

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

/// Largest page kept.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// What an entry costs besides its body (key, headers, bookkeeping), for the byte budget.
const ENTRY_OVERHEAD: usize = 512;
/// Parameters every page reads (the flash message of `PageCtx`).
const COMMON_PARAMS: &[&str] = &["flash"];

struct Entry {
    at: Instant,
    generation: u64,
    /// When it was last read, in ticks of the cache: the least recent goes first.
    used: u64,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Entry {
    fn cost(&self, key: &str) -> usize {
        self.body.len() + key.len() + ENTRY_OVERHEAD
    }
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Entry>,
    bytes: usize,
    tick: u64,
}

pub struct PageCache {
    ttl: Duration,
    budget: usize,
    generation: AtomicU64,
    entries: Mutex<Entries>,
}

impl PageCache {
    /// A cache whose pages live `ttl_seconds` (0: no cache) within `budget_bytes`.
    pub fn new(ttl_seconds: u64, budget_bytes: usize) -> Self {
        PageCache {
            ttl: Duration::from_secs(ttl_seconds),
            budget: budget_bytes,
            generation: AtomicU64::new(0),
            entries: Mutex::new(Entries::default()),
        }
    }

    /// Forgets every page: called when the feature's data changes.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut entries) = self.entries.lock() {
            *entries = Entries::default();
        }
    }

    /// Bytes held now (bodies, keys and overhead).
    pub fn bytes(&self) -> usize {
        self.entries.lock().map(|e| e.bytes).unwrap_or(0)
    }

    /// Pages held now.
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.map.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn enabled(&self) -> bool {
        !self.ttl.is_zero() && self.budget > 0
    }

    fn get(&self, key: &str) -> Option<Response> {
        let mut entries = self.entries.lock().ok()?;
        entries.tick += 1;
        let tick = entries.tick;
        let generation = self.generation.load(Ordering::SeqCst);
        let e = entries.map.get_mut(key)?;
        if e.generation != generation || e.at.elapsed() > self.ttl {
            return None;
        }
        e.used = tick;
        let mut res = (e.status, e.body.clone()).into_response();
        *res.headers_mut() = e.headers.clone();
        Some(res)
    }

    fn put(&self, key: String, generation: u64, status: StatusCode, headers: HeaderMap, body: Bytes) {
        let Ok(mut entries) = self.entries.lock() else { return };
        if generation != self.generation.load(Ordering::SeqCst) {
            return;
        }
        entries.tick += 1;
        let entry = Entry { at: Instant::now(), generation, used: entries.tick, status, headers, body };
        let cost = entry.cost(&key);
        if cost > self.budget {
            return;
        }
        if let Some(old) = entries.map.remove(&key) {
            entries.bytes -= old.cost(&key);
        }
        if entries.bytes + cost > self.budget {
            entries.evict(self.budget - cost);
        }
        entries.bytes += cost;
        entries.map.insert(key, entry);
    }
}

impl Entries {
    /// Forgets the least recently used pages until at most `keep` bytes are left, and a tenth of
    /// the budget more, so that the next pages do not each pay for a sort.
    fn evict(&mut self, keep: usize) {
        let target = keep - keep / 10;
        let mut by_use: Vec<(u64, String)> = self.map.iter().map(|(k, e)| (e.used, k.clone())).collect();
        by_use.sort_unstable();
        for (_, key) in by_use {
            if self.bytes <= target {
                break;
            }
            if let Some(e) = self.map.remove(&key) {
                self.bytes -= e.cost(&key);
            }
        }
    }
}

/// Puts `cache` on every route of `routes`: their anonymous GET answers are kept, keyed on the
/// query parameters in `params` (every parameter those routes read). Only routes whose
/// anonymous pages are the same for everyone belong there.
pub fn cached<S: Clone + Send + Sync + 'static>(
    routes: Router<S>,
    cache: Arc<PageCache>,
    params: &'static [&'static str],
) -> Router<S> {
    routes.route_layer(axum::middleware::from_fn_with_state((cache, params), middleware))
}

/// The key of a request: language, path, then the known parameters decoded and ordered by
/// name (values of one name keep their order). `None` when the query has another parameter:
/// the handler might read it, so the answer is not shared.
fn key(lang: Lang, path: &str, query: Option<&str>, params: &[&str]) -> Option<String> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode(name);
        if name.starts_with("utm_") || name == "fbclid" || name.starts_with("mtm_") {
            // Campaign tags of shared links: no page reads them.
            continue;
        }
        if !params.contains(&name.as_str()) && !COMMON_PARAMS.contains(&name.as_str()) {
            return None;
        }
        pairs.push((name, decode(value)));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut key = format!("{}|{path}", lang.code());
    for (name, value) in pairs {
        key.push('\u{0}');
        key.push_str(&name);
        key.push('=');
        key.push_str(&value);
    }
    Some(key)
}

/// A query component as the handler reads it: `+` is a space, `%XX` a byte.
fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
}

async fn middleware(
    State((cache, params)): State<(Arc<PageCache>, &'static [&'static str])>,
    req: Request,
    next: Next,
) -> Response {
    if !cache.enabled()
        || req.method() != Method::GET
        || cookie(req.headers(), SESSION_COOKIE).is_some_and(|c| !c.is_empty())
    {
        return next.run(req).await;
    }
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let Some(key) = key(lang, req.uri().path(), req.uri().query(), params) else {
        metrics::counter!("page_cache_bypass_total").increment(1);
        return next.run(req).await;
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: &[&str] = &["q", "region", "page"];

    #[test]
    fn keys_read_only_the_known_parameters_in_a_stable_order() {
        let k = |q: Option<&str>| key(Lang::Fr, "/annuaire", q, PARAMS);
        assert_eq!(k(Some("q=site+web&region=84")), k(Some("region=84&q=site%20web")));
        assert_ne!(k(Some("region=84&region=11")), k(Some("region=84")));
        assert_eq!(k(Some("q=caf%C3%A9&utm_source=lettre&fbclid=x")), k(Some("q=caf%C3%A9")));
        assert_eq!(k(Some("q=a&flash=flash-saved")).map(|k| k.contains("flash")), Some(true));
        assert_eq!(k(Some("q=a&x=1")), None, "an unknown parameter is never shared");
        assert_eq!(k(Some("cachebust=123")), None);
        assert_ne!(key(Lang::En, "/annuaire", None, PARAMS), key(Lang::Fr, "/annuaire", None, PARAMS));
    }

    #[test]
    fn the_least_recently_used_pages_go_first_within_the_budget() {
        let page = |n: usize| Bytes::from(vec![b'x'; n]);
        let cache = PageCache::new(60, 10 * (1000 + ENTRY_OVERHEAD + 8));
        for i in 0..10 {
            cache.put(format!("page-{i:02}"), 0, StatusCode::OK, HeaderMap::new(), page(1000));
        }
        assert_eq!(cache.len(), 10);
        // page-00 is read, so page-01 is now the least recently used.
        assert!(cache.get("page-00").is_some());
        cache.put("page-10".into(), 0, StatusCode::OK, HeaderMap::new(), page(1000));
        assert!(cache.bytes() <= 10 * (1000 + ENTRY_OVERHEAD + 8));
        assert!(cache.get("page-00").is_some(), "a page just read stays");
        assert!(cache.get("page-01").is_none(), "the least recently used goes");
        assert!(cache.get("page-10").is_some());
        // A page larger than the whole budget is not kept; nothing else is lost for it.
        let before = cache.len();
        cache.put("huge".into(), 0, StatusCode::OK, HeaderMap::new(), page(20_000));
        assert!(cache.get("huge").is_none());
        assert_eq!(cache.len(), before);
        cache.invalidate();
        assert_eq!((cache.len(), cache.bytes()), (0, 0));
    }
}
