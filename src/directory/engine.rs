//! The directory's search engine on this node: the text index and the in-memory catalog of
//! listed structures, kept in step with the database through the change feed, and the labels
//! of the taxonomy terms.

use crate::web::cache::PageCache;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::{Notify, watch};

use super::{Card, Filters, Results, search, store};
use crate::config::Config;
use crate::db::Db;
use crate::web::Lang;

/// Labels of the taxonomy terms, by kind then slug (kept in memory by the directory).
pub struct Labels(pub(super) HashMap<(String, String), (String, String)>);

impl Labels {
    pub fn get(&self, lang: Lang, kind: &str, slug: &str) -> Option<String> {
        self.0
            .get(&(kind.to_owned(), slug.to_owned()))
            .map(|(fr, en)| if lang == Lang::En { en.clone() } else { fr.clone() })
    }

    /// Whether the taxonomy has a term of this kind and slug.
    pub fn has(&self, kind: &str, slug: &str) -> bool {
        self.0.contains_key(&(kind.to_owned(), slug.to_owned()))
    }
}

/// The directory's search engine on this node.
pub struct Directory {
    engine: search::Engine,
    labels: std::sync::RwLock<Arc<Labels>>,
    db: Db,
    min_recommendations: i64,
    unlist_after_seconds: i64,
    wake: Notify,
    /// Emptied whenever the directory changes.
    /// Anonymous directory pages already rendered on this node, emptied whenever the
    /// directory changes.
    page_cache: Arc<PageCache>,
    /// Text scores by query, emptied whenever the directory changes.
    text_cache: std::sync::Mutex<HashMap<String, Arc<HashMap<i64, f32>>>>,
}

impl Directory {
    /// Loads the listed structures and opens (or rebuilds) the text index in `DATA/index`.
    pub async fn open(db: &Db, config: &Config, data_dir: &std::path::Path) -> anyhow::Result<Arc<Directory>> {
        let dir = data_dir.join("index").join("structures");
        let (text, index_cursor) = search::open_index(&dir)?;
        let cursor = store::last_change(db).await?;
        let cards = store::cards(db, None, config.listing_min_recommendations).await?;
        // The catalog always comes fresh from the database; the text index is rebuilt when it
        // does not match (new, older layout, or behind the change feed).
        if index_cursor != Some(cursor) || text.num_docs() != cards.len() as u64 {
            let all: Vec<_> = cards.iter().map(search::document).collect();
            text.apply(&[], &all, cursor, true)?;
        }
        let labels = std::sync::RwLock::new(Arc::new(load_labels(db).await?));
        let engine = search::Engine {
            text,
            catalog: std::sync::RwLock::new(Arc::new(search::Catalog::from_cards(cards))),
            cursor: std::sync::atomic::AtomicI64::new(cursor),
            dir,
        };
        Ok(Arc::new(Directory {
            engine,
            labels,
            db: db.clone(),
            min_recommendations: config.listing_min_recommendations,
            unlist_after_seconds: config.unlist_after_months * 30 * 86_400,
            wake: Notify::new(),
            page_cache: Arc::new(PageCache::new(config.page_cache_seconds)),
            text_cache: Default::default(),
        }))
    }

    /// The cache of the directory's anonymous pages on this node.
    pub fn page_cache(&self) -> Arc<PageCache> {
        self.page_cache.clone()
    }

    /// Asks this node to apply recent changes now (other nodes see them at their next poll).
    pub fn changed(&self) {
        self.wake.notify_one();
    }

    /// Applies the changes recorded since the last cursor; returns how many structures changed.
    pub async fn refresh(&self) -> anyhow::Result<usize> {
        let cursor = self.engine.cursor.load(Ordering::SeqCst);
        let changes = store::changes_since(&self.db, cursor).await?;
        let Some(last) = changes.last().map(|c| c.id) else { return Ok(0) };
        // Taxonomy edits are recorded with target 0: reload the labels.
        if changes.iter().any(|c| c.target_id == 0) {
            let labels = load_labels(&self.db).await?;
            match self.labels.write() {
                Ok(mut g) => *g = Arc::new(labels),
                Err(p) => *p.into_inner() = Arc::new(labels),
            }
        }
        let mut ids: Vec<i64> = changes.iter().map(|c| c.target_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let fresh = store::cards(&self.db, Some(&ids), self.min_recommendations).await?;
        let docs: Vec<_> = fresh.iter().map(search::document).collect();
        self.engine.text.apply(&ids, &docs, last, false)?;
        let catalog = self.engine.catalog().with_changes(&ids, &fresh);
        self.engine.set_catalog(catalog);
        self.engine.cursor.store(last, Ordering::SeqCst);
        self.forget_cached();
        Ok(ids.len())
    }

    /// Keeps the engine in step until shutdown: at once when told, else every two seconds.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        loop {
            if let Err(e) = self.refresh().await {
                tracing::error!(error = ?e, "directory index refresh failed");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(std::time::Duration::from_secs(2)) => {}
                _ = shutdown.changed() => return,
            }
        }
    }

    fn forget_cached(&self) {
        if let Ok(mut cache) = self.text_cache.lock() {
            cache.clear();
        }
        self.page_cache.invalidate();
    }

    /// Labels of the taxonomy terms.
    pub fn labels(&self) -> Arc<Labels> {
        match self.labels.read() {
            Ok(l) => l.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Whether a card is listed now: confirmed recently enough.
    fn fresh(&self, card: &Card) -> bool {
        card.confirmed_at >= crate::db::now() - self.unlist_after_seconds
    }

    /// Runs a search of the listed structures, a page of the list at a time.
    pub fn search(&self, filters: &Filters) -> anyhow::Result<Results> {
        self.search_paged(filters, search::PER_PAGE)
    }

    /// Listed structures matching `filters`, counted by department where they intervene
    /// (those working everywhere are not counted: they would shade the whole country).
    pub fn department_counts(&self, filters: &Filters) -> anyhow::Result<std::collections::BTreeMap<String, usize>> {
        let results = self.search_paged(filters, 1)?;
        Ok(results.facets.departements)
    }

    /// Every listed structure.
    pub fn all_listed(&self) -> Vec<Arc<Card>> {
        self.engine.catalog().all().filter(|c| self.fresh(c)).cloned().collect()
    }

    /// Runs a search with `per_page` results a page.
    pub fn search_paged(&self, filters: &Filters, per_page: usize) -> anyhow::Result<Results> {
        let catalog = self.engine.catalog();
        let matches =
            if filters.text.trim().is_empty() { None } else { Some(self.text_matches(&filters.text, catalog.size())?) };
        let cutoff = crate::db::now() - self.unlist_after_seconds;
        Ok(catalog.search(filters, matches.as_deref(), per_page, |c| c.confirmed_at >= cutoff))
    }

    /// The text scores of a query, computed once per query until the next change: the same
    /// words come back with other filters, pages and sorts.
    fn text_matches(&self, text: &str, limit: usize) -> anyhow::Result<Arc<HashMap<i64, f32>>> {
        let key = text.trim().to_lowercase();
        if let Ok(cache) = self.text_cache.lock()
            && let Some(hit) = cache.get(&key)
        {
            return Ok(hit.clone());
        }
        let matches = Arc::new(self.engine.text.matches(text, limit)?);
        if let Ok(mut cache) = self.text_cache.lock() {
            if cache.len() >= 1024 {
                cache.clear();
            }
            cache.insert(key, matches.clone());
        }
        Ok(matches)
    }

    /// The listed card of a structure, if it is listed.
    pub fn listed(&self, id: i64) -> Option<Arc<Card>> {
        self.engine.catalog().get(id).filter(|c| self.fresh(c))
    }

    /// Number of listed structures.
    pub fn listed_count(&self) -> usize {
        self.engine.catalog().all().filter(|c| self.fresh(c)).count()
    }

    /// Rebuilds the text index from the database (the `reindex` command); `progress` gets
    /// (done, total).
    pub async fn reindex(&self, progress: impl Fn(usize, usize)) -> anyhow::Result<usize> {
        let cursor = store::last_change(&self.db).await?;
        let cards = store::cards(&self.db, None, self.min_recommendations).await?;
        let total = cards.len();
        progress(0, total);
        self.engine.text.rebuild(cards.iter().map(search::document), cursor, &|done| progress(done, total))?;
        self.engine.set_catalog(search::Catalog::from_cards(cards));
        self.engine.cursor.store(cursor, Ordering::SeqCst);
        self.forget_cached();
        tracing::info!(dir = %self.engine.dir.display(), total, "directory reindexed");
        Ok(total)
    }
}

async fn load_labels(db: &Db) -> Result<Labels, sea_orm::DbErr> {
    let terms = store::all_terms(db).await?;
    Ok(Labels(terms.into_iter().map(|t| ((t.kind, t.slug), (t.label_fr, t.label_en))).collect()))
}
