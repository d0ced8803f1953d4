//! The ads' search engine on one node: text index + catalog, opened at start and kept in step
//! with the change feed (at once on this node when told, every two seconds otherwise).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::{Notify, watch};

use super::search::{self, AdCard, Catalog, Filters, Results};
use super::store::{self, AdRow};
use crate::db::{self, Db, Row};
use crate::vals;
use crate::web::cache::PageCache;

pub struct Ads {
    text: crate::search::TextIndex,
    catalog: RwLock<Arc<Catalog>>,
    cursor: AtomicI64,
    db: Db,
    wake: Notify,
    /// Anonymous ads pages already rendered on this node, emptied whenever an ad changes.
    page_cache: Arc<PageCache>,
    /// Text scores by query, emptied whenever an ad changes.
    text_cache: Mutex<HashMap<String, Arc<HashMap<i64, f32>>>>,
}

#[derive(Row)]
struct SoftwareLabel {
    slug: String,
    label_fr: String,
    label_en: String,
}

/// Software labels in both languages, for the text index.
async fn software_labels(db: &Db) -> Result<HashMap<String, String>, sea_orm::DbErr> {
    let rows: Vec<SoftwareLabel> =
        db::all(db.conn(), "SELECT slug, label_fr, label_en FROM terms WHERE kind = 'software'", vals![]).await?;
    Ok(rows.into_iter().map(|r| (r.slug, format!("{} {}", r.label_fr, r.label_en))).collect())
}

fn documents<'a>(
    rows: &'a [AdRow],
    labels: &'a HashMap<String, String>,
) -> impl ExactSizeIterator<Item = crate::search::Doc> + 'a {
    rows.iter().map(move |r| {
        let label = r.software_slug.as_ref().and_then(|s| labels.get(s)).map(String::as_str).unwrap_or("");
        search::document(r, label)
    })
}

/// Ads read per query when the engine loads everything.
const PAGE: i64 = 2000;

/// The catalog of every public ad, read a page at a time (descriptions cut to their start).
async fn load_catalog(db: &Db) -> anyhow::Result<Catalog> {
    let mut catalog = Catalog::default();
    let mut after = 0;
    loop {
        let rows = store::public_page(db, after, PAGE, false).await?;
        let Some(last) = rows.last().map(|r| r.id) else { break };
        catalog.insert(&rows);
        after = last;
    }
    catalog.reorder();
    Ok(catalog)
}

/// Writes every public ad into `text`, a page at a time; returns how many.
async fn rebuild_index(
    db: &Db,
    text: &crate::search::TextIndex,
    cursor: i64,
    progress: &dyn Fn(usize),
) -> anyhow::Result<usize> {
    let labels = software_labels(db).await?;
    text.clear()?;
    let mut after = 0;
    let mut done = 0;
    loop {
        let rows = store::public_page(db, after, PAGE, true).await?;
        let Some(last) = rows.last().map(|r| r.id) else { break };
        let docs: Vec<_> = documents(&rows, &labels).collect();
        text.add(&docs)?;
        done += rows.len();
        progress(done);
        after = last;
    }
    text.commit(cursor)?;
    Ok(done)
}

impl Ads {
    /// Loads the public ads and opens (or rebuilds) the text index in `DATA/index/ads`. The
    /// ads are read a page at a time, so that starting with 50,000 of them does not hold every
    /// description in memory at once.
    pub async fn open(db: &Db, config: &crate::config::Config, data_dir: &std::path::Path) -> anyhow::Result<Arc<Ads>> {
        let dir = data_dir.join("index").join("ads");
        let (text, index_cursor) = crate::search::TextIndex::open(&dir, search::INDEX_VERSION)?;
        let cursor = store::last_change(db).await?;
        let count = store::public_count(db).await?;
        if index_cursor != Some(cursor) || text.num_docs() != count as u64 {
            let total = rebuild_index(db, &text, cursor, &|_| {}).await?;
            tracing::info!(total, "ads index rebuilt");
        }
        let catalog = load_catalog(db).await?;
        Ok(Arc::new(Ads {
            text,
            catalog: RwLock::new(Arc::new(catalog)),
            cursor: AtomicI64::new(cursor),
            db: db.clone(),
            wake: Notify::new(),
            page_cache: Arc::new(PageCache::new(config.page_cache_seconds)),
            text_cache: Mutex::default(),
        }))
    }

    /// The cache of the ads' anonymous pages on this node.
    pub fn page_cache(&self) -> Arc<PageCache> {
        self.page_cache.clone()
    }

    /// Asks this node to apply recent changes now.
    pub fn changed(&self) {
        self.wake.notify_one();
    }

    pub fn catalog(&self) -> Arc<Catalog> {
        match self.catalog.read() {
            Ok(c) => c.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set_catalog(&self, catalog: Catalog) {
        match self.catalog.write() {
            Ok(mut g) => *g = Arc::new(catalog),
            Err(p) => *p.into_inner() = Arc::new(catalog),
        }
    }

    /// Applies the changes recorded since the last cursor; returns how many ads changed.
    pub async fn refresh(&self) -> anyhow::Result<usize> {
        let cursor = self.cursor.load(Ordering::SeqCst);
        let changes = store::changes_since(&self.db, cursor).await?;
        let Some(last) = changes.last().map(|c| c.id) else { return Ok(0) };
        let mut ids: Vec<i64> = changes.iter().map(|c| c.target_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let fresh = store::public(&self.db, Some(&ids)).await?;
        let labels = software_labels(&self.db).await?;
        let docs: Vec<_> = documents(&fresh, &labels).collect();
        self.text.apply(&ids, &docs, last, false)?;
        let catalog = self.catalog().with_changes(&ids, &fresh);
        self.set_catalog(catalog);
        self.cursor.store(last, Ordering::SeqCst);
        if let Ok(mut cache) = self.text_cache.lock() {
            cache.clear();
        }
        self.page_cache.invalidate();
        Ok(ids.len())
    }

    /// Keeps the engine in step until shutdown.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        loop {
            if let Err(e) = self.refresh().await {
                tracing::error!(error = ?e, "ads index refresh failed");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(std::time::Duration::from_secs(2)) => {}
                _ = shutdown.changed() => return,
            }
        }
    }

    /// Rebuilds the text index from the database (the `reindex` command).
    pub async fn reindex(&self, progress: impl Fn(usize, usize)) -> anyhow::Result<usize> {
        let cursor = store::last_change(&self.db).await?;
        let total = store::public_count(&self.db).await? as usize;
        progress(0, total);
        rebuild_index(&self.db, &self.text, cursor, &|done| progress(done, total)).await?;
        self.set_catalog(load_catalog(&self.db).await?);
        self.cursor.store(cursor, Ordering::SeqCst);
        if let Ok(mut cache) = self.text_cache.lock() {
            cache.clear();
        }
        self.page_cache.invalidate();
        Ok(total)
    }

    pub fn search(&self, filters: &Filters, per_page: usize) -> anyhow::Result<Results> {
        let catalog = self.catalog();
        let matches =
            if filters.text.trim().is_empty() { None } else { Some(self.text_matches(&filters.text, catalog.size())?) };
        Ok(catalog.search(filters, matches.as_deref(), per_page))
    }

    fn text_matches(&self, text: &str, limit: usize) -> anyhow::Result<Arc<HashMap<i64, f32>>> {
        let key = text.trim().to_lowercase();
        if let Ok(cache) = self.text_cache.lock()
            && let Some(hit) = cache.get(&key)
        {
            return Ok(hit.clone());
        }
        let matches = Arc::new(self.text.matches(text, limit)?);
        if let Ok(mut cache) = self.text_cache.lock() {
            if cache.len() >= 1024 {
                cache.clear();
            }
            cache.insert(key, matches.clone());
        }
        Ok(matches)
    }

    /// The public card of an ad.
    pub fn card(&self, id: i64) -> Option<Arc<AdCard>> {
        self.catalog().get(id)
    }

    /// The newest public ads, for the home page and the feeds.
    pub fn latest(&self, kind: Option<super::Kind>, n: usize) -> Vec<Arc<AdCard>> {
        // The catalog holds only public ads, newest first.
        self.catalog().all().filter(|c| kind.is_none_or(|k| c.kind == k)).take(n).cloned().collect()
    }

    /// Number of open ads (published or funded).
    pub fn open_count(&self) -> usize {
        self.catalog().all().filter(|c| c.status.is_open()).count()
    }
}
