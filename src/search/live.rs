//! One node's live search engine for a feature: a text index on disk in `DATA/index/<folder>`
//! and an in-memory catalog, both caches of the database kept in step through the change feed
//! (at once on this node when told, every two seconds otherwise, so every node follows).
//!
//! A feature plugs in with a [`Source`] (how to read its items, a batch at a time at start, and
//! how to turn one into a text document) and a [`Catalog`] (its items in memory, with the
//! filters, facets and sorts of its list pages). [`LiveIndex`] owns the rest: opening (the index
//! is rebuilt only when its cursor or its number of documents does not match the database), the
//! refresh loop, `reindex`, the catalog swap, the text scores cached per query, and the cache of
//! the feature's anonymous pages, both emptied at each applied change.
//!
//! Invariants: the catalog is replaced whole (readers keep the `Arc` they took, a search never
//! sees half a change); the cursor moves only after the index and the catalog have the change.

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::{Notify, watch};

use super::{Doc, TextIndex, feed};
use crate::config::Config;
use crate::db::Db;
use crate::web::cache::PageCache;

/// A feature's searchable items, as its store reads them.
///
/// Only `rows` and `document` must be written; a feature with many long texts reads them a
/// page at a time by overriding `batch`, one that keeps more than its catalog beside the index
/// (the directory's labels) reloads it in `reload`.
pub trait Source: Send + Sync + 'static {
    /// One item as the store reads it, for the text document and the catalog alike.
    type Row: Send + Sync + 'static;
    /// The items in memory, searched on every request.
    type Catalog: Catalog<Row = Self::Row>;
    /// What documents need besides their row, read once per refresh or rebuild (labels of
    /// terms…); `()` when nothing.
    type Extra: Default + Send + Sync;

    /// The kind of the feature's records in `search_changes`.
    const KIND: &'static str;
    /// The folder of the text index under `DATA/index`, also its name in the logs.
    const FOLDER: &'static str;
    /// The layout of the index: bumping it rebuilds the index at the next start.
    const VERSION: &'static str;

    /// The searchable items among `ids` (changed: those no longer searchable are left out),
    /// or all of them.
    fn rows(&self, db: &Db, ids: Option<&[i64]>) -> impl Future<Output = anyhow::Result<Vec<Self::Row>>> + Send;

    /// One batch of every searchable item, from `after` (0 for the first): the rows and where
    /// the next batch starts, `None` after the last. `full` is false when only the catalog
    /// reads them (long texts may then be cut). By default one batch of `rows(None)`.
    fn batch(
        &self,
        db: &Db,
        after: i64,
        full: bool,
    ) -> impl Future<Output = anyhow::Result<(Vec<Self::Row>, Option<i64>)>> + Send {
        let _ = (after, full);
        async move { Ok((self.rows(db, None).await?, None)) }
    }

    /// What the documents need besides their rows.
    fn extra(&self, db: &Db) -> impl Future<Output = anyhow::Result<Self::Extra>> + Send {
        let _ = db;
        async { Ok(Self::Extra::default()) }
    }

    /// The text of an item for the index.
    fn document(&self, row: &Self::Row, extra: &Self::Extra) -> Doc;

    /// Reloads what the feature keeps beside its catalog: at start (`changed` is `None`) and
    /// before each batch of changes is applied (their ids, sorted).
    fn reload(&self, db: &Db, changed: Option<&[i64]>) -> impl Future<Output = anyhow::Result<()>> + Send {
        let _ = (db, changed);
        async { Ok(()) }
    }
}

/// A feature's items in memory, for the filters, facet counts and sorts of its list pages.
pub trait Catalog: Default + Send + Sync + 'static {
    type Row;

    /// The number of items: the most text matches a search can use.
    fn size(&self) -> usize;

    /// Adds (or replaces) the items of a batch read at start; [`Catalog::finish`] follows the
    /// last batch.
    fn insert(&mut self, rows: Vec<Self::Row>);

    /// Puts the catalog in order once every batch is in.
    fn finish(&mut self) {}

    /// A copy with the items of `changed` replaced by `fresh` (those absent are removed).
    fn with_changes(&self, changed: &[i64], fresh: &[Self::Row]) -> Self;
}

/// Text scores by query, shared by the searches that typed the same words.
type Matches = Arc<HashMap<i64, f32>>;

/// Queries whose scores are kept at most, until the next change.
const CACHED_QUERIES: usize = 1024;

/// Documents written between two progress reports of a rebuild.
const PROGRESS_STEP: usize = 100;

/// The live search engine of one feature on this node.
pub struct LiveIndex<S: Source> {
    source: S,
    db: Db,
    dir: PathBuf,
    text: TextIndex,
    catalog: RwLock<Arc<S::Catalog>>,
    /// The last record of the change feed the index and the catalog hold.
    cursor: AtomicI64,
    /// Held through a refresh (and a reindex): two at once could let the slower one, which read
    /// the rows earlier, put them back over the newer ones and move the cursor back.
    updating: tokio::sync::Mutex<()>,
    wake: Notify,
    /// The feature's anonymous pages already rendered on this node.
    page_cache: Arc<PageCache>,
    /// Text scores by query.
    text_cache: Mutex<HashMap<String, Matches>>,
}

impl<S: Source> LiveIndex<S> {
    /// Loads the catalog from the database and opens the text index in `DATA/index/<folder>`,
    /// rebuilding it when it does not match (new, older layout, or behind the change feed).
    pub async fn start(source: S, db: &Db, config: &Config, data_dir: &Path) -> anyhow::Result<Arc<Self>> {
        let dir = data_dir.join("index").join(S::FOLDER);
        let (text, index_cursor) = TextIndex::open(&dir, S::VERSION)?;
        let cursor = feed::last(db, S::KIND).await?;
        source.reload(db, None).await?;
        // An index behind the feed is rebuilt before the catalog is read, so that the two are
        // not in memory at once; one in step is checked against the catalog's count.
        let in_step = if index_cursor == Some(cursor) { Some(load_catalog(&source, db).await?) } else { None };
        if in_step.as_ref().is_none_or(|(_, count)| text.num_docs() != *count as u64) {
            let total = rebuild(&source, db, &text, cursor, &|_| {}).await?;
            tracing::info!(index = S::FOLDER, dir = %dir.display(), total, "index rebuilt");
        }
        let catalog = match in_step {
            Some((catalog, _)) => catalog,
            None => load_catalog(&source, db).await?.0,
        };
        Ok(Arc::new(LiveIndex {
            source,
            db: db.clone(),
            dir,
            text,
            catalog: RwLock::new(Arc::new(catalog)),
            cursor: AtomicI64::new(cursor),
            updating: tokio::sync::Mutex::new(()),
            wake: Notify::new(),
            page_cache: Arc::new(PageCache::new(
                config.page_cache_seconds,
                (config.page_cache_mb as usize).saturating_mul(1024 * 1024),
            )),
            text_cache: Mutex::default(),
        }))
    }

    /// The feature's part: its settings and what it keeps beside the catalog.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// The cache of the feature's anonymous pages on this node.
    pub fn page_cache(&self) -> Arc<PageCache> {
        self.page_cache.clone()
    }

    /// Asks this node to apply recent changes now (other nodes see them at their next poll).
    pub fn changed(&self) {
        self.wake.notify_one();
    }

    /// The catalog as of the last applied change.
    pub fn catalog(&self) -> Arc<S::Catalog> {
        match self.catalog.read() {
            Ok(c) => c.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set_catalog(&self, catalog: S::Catalog) {
        match self.catalog.write() {
            Ok(mut g) => *g = Arc::new(catalog),
            Err(p) => *p.into_inner() = Arc::new(catalog),
        }
    }

    /// Runs `search` on the catalog with the text scores of `text` (`None` when no word was
    /// typed): the feature's search, without a lookup or an allocation more than its own.
    pub fn find<R>(
        &self,
        text: &str,
        search: impl FnOnce(&S::Catalog, Option<&HashMap<i64, f32>>) -> R,
    ) -> anyhow::Result<R> {
        let catalog = self.catalog();
        let matches = if text.trim().is_empty() { None } else { Some(self.text_matches(text, catalog.size())?) };
        Ok(search(&catalog, matches.as_deref()))
    }

    /// The text scores of a query, computed once per query until the next change: the same
    /// words come back with other filters, pages and sorts.
    fn text_matches(&self, text: &str, limit: usize) -> anyhow::Result<Matches> {
        let key = text.trim().to_lowercase();
        if let Ok(cache) = self.text_cache.lock()
            && let Some(hit) = cache.get(&key)
        {
            return Ok(hit.clone());
        }
        let matches = Arc::new(self.text.matches(text, limit)?);
        if let Ok(mut cache) = self.text_cache.lock() {
            if cache.len() >= CACHED_QUERIES {
                cache.clear();
            }
            cache.insert(key, matches.clone());
        }
        Ok(matches)
    }

    fn forget_cached(&self) {
        if let Ok(mut cache) = self.text_cache.lock() {
            cache.clear();
        }
        self.page_cache.invalidate();
    }

    /// Applies the changes recorded since the cursor; returns how many items changed.
    pub async fn refresh(&self) -> anyhow::Result<usize> {
        let _one_at_a_time = self.updating.lock().await;
        let cursor = self.cursor.load(Ordering::SeqCst);
        let changes = feed::since(&self.db, S::KIND, cursor).await?;
        let Some(last) = changes.last().map(|c| c.id) else { return Ok(0) };
        let mut ids: Vec<i64> = changes.iter().map(|c| c.target_id).collect();
        ids.sort_unstable();
        ids.dedup();
        self.source.reload(&self.db, Some(&ids)).await?;
        let fresh = self.source.rows(&self.db, Some(&ids)).await?;
        let extra = self.source.extra(&self.db).await?;
        let docs: Vec<Doc> = fresh.iter().map(|r| self.source.document(r, &extra)).collect();
        self.text.apply(&ids, &docs, last)?;
        self.set_catalog(self.catalog().with_changes(&ids, &fresh));
        self.cursor.store(last, Ordering::SeqCst);
        self.forget_cached();
        Ok(ids.len())
    }

    /// Keeps the engine in step until shutdown: at once when told, else every two seconds.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        loop {
            if let Err(e) = self.refresh().await {
                tracing::error!(index = S::FOLDER, error = ?e, "index refresh failed");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(std::time::Duration::from_secs(2)) => {}
                _ = shutdown.changed() => return,
            }
        }
    }

    /// Rebuilds the text index and the catalog from the database (the `reindex` command);
    /// `progress` gets (done, total). Returns the number of items.
    pub async fn reindex(&self, progress: impl Fn(usize, usize) + Sync) -> anyhow::Result<usize> {
        let _one_at_a_time = self.updating.lock().await;
        let cursor = feed::last(&self.db, S::KIND).await?;
        let (catalog, total) = load_catalog(&self.source, &self.db).await?;
        progress(0, total);
        rebuild(&self.source, &self.db, &self.text, cursor, &|done| progress(done, total)).await?;
        self.set_catalog(catalog);
        self.cursor.store(cursor, Ordering::SeqCst);
        self.forget_cached();
        tracing::info!(index = S::FOLDER, dir = %self.dir.display(), total, "index rebuilt");
        Ok(total)
    }
}

/// Reads every item into a new catalog, a batch at a time; returns it with their number.
async fn load_catalog<S: Source>(source: &S, db: &Db) -> anyhow::Result<(S::Catalog, usize)> {
    let mut catalog = S::Catalog::default();
    let mut count = 0;
    let mut after = 0;
    loop {
        let (rows, next) = source.batch(db, after, false).await?;
        count += rows.len();
        catalog.insert(rows);
        match next {
            Some(next) => after = next,
            None => break,
        }
    }
    catalog.finish();
    Ok((catalog, count))
}

/// Writes every item into `text` afresh, a batch at a time, and commits it with `cursor`
/// (nothing is visible before); `progress` gets the number written. Returns it.
async fn rebuild<S: Source>(
    source: &S,
    db: &Db,
    text: &TextIndex,
    cursor: i64,
    progress: &(dyn Fn(usize) + Sync),
) -> anyhow::Result<usize> {
    let extra = source.extra(db).await?;
    text.clear()?;
    let mut done = 0;
    let mut after = 0;
    loop {
        let (rows, next) = source.batch(db, after, true).await?;
        for chunk in rows.chunks(PROGRESS_STEP) {
            let docs: Vec<Doc> = chunk.iter().map(|r| source.document(r, &extra)).collect();
            text.add(&docs)?;
            done += chunk.len();
            progress(done);
        }
        match next {
            Some(next) => after = next,
            None => break,
        }
    }
    text.commit(cursor)?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// Notes kept in memory as a feature's store would keep them in the database.
    #[derive(Default)]
    struct Notes {
        rows: Mutex<BTreeMap<i64, String>>,
        /// How many batches with full texts were read: the index was rebuilt.
        full_batches: AtomicUsize,
    }

    #[derive(Default)]
    struct NoteCatalog(BTreeMap<i64, String>);

    impl Catalog for NoteCatalog {
        type Row = (i64, String);

        fn size(&self) -> usize {
            self.0.len()
        }

        fn insert(&mut self, rows: Vec<(i64, String)>) {
            self.0.extend(rows);
        }

        fn with_changes(&self, changed: &[i64], fresh: &[(i64, String)]) -> Self {
            let mut next = self.0.clone();
            for id in changed {
                next.remove(id);
            }
            next.extend(fresh.iter().cloned());
            NoteCatalog(next)
        }
    }

    impl Source for Notes {
        type Row = (i64, String);
        type Catalog = NoteCatalog;
        type Extra = ();

        const KIND: &'static str = "note";
        const FOLDER: &'static str = "notes";
        const VERSION: &'static str = "notes-v1";

        async fn rows(&self, _: &Db, ids: Option<&[i64]>) -> anyhow::Result<Vec<(i64, String)>> {
            let rows = self.rows.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
            Ok(rows
                .iter()
                .filter(|(id, _)| ids.is_none_or(|ids| ids.contains(id)))
                .map(|(i, t)| (*i, t.clone()))
                .collect())
        }

        /// Two notes a page, to go through several batches.
        async fn batch(&self, _: &Db, after: i64, full: bool) -> anyhow::Result<(Vec<(i64, String)>, Option<i64>)> {
            if full {
                self.full_batches.fetch_add(1, Ordering::SeqCst);
            }
            let rows = self.rows.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
            let page: Vec<_> = rows.range(after + 1..).take(2).map(|(i, t)| (*i, t.clone())).collect();
            let next = page.last().map(|(id, _)| *id);
            Ok((page, next))
        }

        fn document(&self, (id, text): &(i64, String), _: &()) -> Doc {
            Doc { id: *id, name: text.clone(), body: String::new() }
        }
    }

    fn notes(rows: &[(i64, &str)]) -> Notes {
        let notes = Notes::default();
        if let Ok(mut map) = notes.rows.lock() {
            map.extend(rows.iter().map(|(i, t)| (*i, (*t).to_owned())));
        }
        notes
    }

    fn ids(live: &LiveIndex<Notes>, text: &str) -> Vec<i64> {
        let mut ids: Vec<i64> = live
            .find(text, |catalog, matches| {
                catalog.0.keys().filter(|id| matches.is_none_or(|m| m.contains_key(id))).copied().collect()
            })
            .expect("search");
        ids.sort_unstable();
        ids
    }

    #[tokio::test]
    async fn the_index_follows_the_feed_and_is_rebuilt_only_when_out_of_step() {
        let data = tempfile::tempdir().expect("temporary folder");
        let db = Db::connect(&format!("sqlite://{}?mode=rwc", data.path().join("t.db").display())).await.expect("db");
        db.migrate().await.expect("migrations");
        let config = Config::default();
        let rows = [(1, "Pommes du verger"), (2, "Poires au sirop"), (3, "Compote de pommes"), (4, "Tarte")];

        // A new index is built from every batch: two notes a batch until an empty one.
        let live = LiveIndex::start(notes(&rows), &db, &config, data.path()).await.expect("start");
        assert_eq!(live.source().full_batches.load(Ordering::SeqCst), 3);
        assert_eq!(live.catalog().size(), 4);
        assert_eq!(ids(&live, "pomme"), vec![1, 3]);
        assert_eq!(ids(&live, " "), vec![1, 2, 3, 4]);

        // A change and a removal, recorded in the feed, reach the index, the catalog and the
        // text scores cached for a query already asked.
        if let Ok(mut map) = live.source().rows.lock() {
            map.insert(2, "Poires et pommes".into());
            map.remove(&3);
        }
        feed::record(db.conn(), Notes::KIND, 2).await.expect("record");
        feed::record(db.conn(), Notes::KIND, 3).await.expect("record");
        feed::record(db.conn(), Notes::KIND, 2).await.expect("record");
        feed::record(db.conn(), "other", 1).await.expect("record");
        assert_eq!(live.refresh().await.expect("refresh"), 2);
        assert_eq!(live.refresh().await.expect("refresh"), 0);
        assert_eq!(ids(&live, "pomme"), vec![1, 2]);
        assert_eq!(live.catalog().size(), 3);

        // Another node (or a restart) finds the index in step and does not rebuild it.
        let rows = [(1, "Pommes du verger"), (2, "Poires et pommes"), (4, "Tarte")];
        drop(live);
        let again = LiveIndex::start(notes(&rows), &db, &config, data.path()).await.expect("restart");
        assert_eq!(again.source().full_batches.load(Ordering::SeqCst), 0);
        assert_eq!(ids(&again, "pomme"), vec![1, 2]);

        // In step with the feed but not with the rows (a note written without its record):
        // rebuilt too.
        drop(again);
        let unrecorded = [(1, "Pommes du verger"), (2, "Poires et pommes"), (4, "Tarte"), (5, "Crumble")];
        let counted = LiveIndex::start(notes(&unrecorded), &db, &config, data.path()).await.expect("restart");
        assert_eq!(counted.source().full_batches.load(Ordering::SeqCst), 3);
        assert_eq!(ids(&counted, "crumble"), vec![5]);

        // Behind the feed: rebuilt, two notes a batch until an empty one.
        feed::record(db.conn(), Notes::KIND, 4).await.expect("record");
        drop(counted);
        let behind = LiveIndex::start(notes(&rows), &db, &config, data.path()).await.expect("restart");
        assert_eq!(behind.source().full_batches.load(Ordering::SeqCst), 3);

        // reindex tells its progress and ends on the total.
        let seen = Mutex::new(Vec::new());
        let total = behind
            .reindex(|done, total| {
                if let Ok(mut seen) = seen.lock() {
                    seen.push((done, total));
                }
            })
            .await
            .expect("reindex");
        assert_eq!(total, 3);
        let seen = seen.into_inner().expect("progress");
        assert_eq!(seen.first(), Some(&(0, 3)));
        assert_eq!(seen.last(), Some(&(3, 3)));
        assert_eq!(ids(&behind, "tarte"), vec![4]);
    }
}
