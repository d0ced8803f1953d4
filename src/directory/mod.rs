//! The directory of accompanying structures (`/annuaire`).
//!
//! Listing rule: a structure appears anywhere public only when a moderator approved it, it has
//! at least `listing_min_recommendations` published recommendations, and its team confirmed it
//! within `unlist_after_months`. The search engine (text index + catalog) holds only approved,
//! recommended structures; freshness is checked at query time.

pub mod bench;
mod datainclusion;
mod demo;
mod freshness;
mod map;
mod opendata;
mod routes;
mod search;
mod store;
mod workspace;

use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::{Notify, watch};

pub use demo::seed_demo;
/// Every route of the directory: pages, open data and API.
pub fn routes() -> axum::Router<crate::app::AppState> {
    routes::routes().merge(opendata::routes()).merge(workspace::routes())
}
pub use routes::Labels;
pub use search::{Filters, Results, Sort};
pub use store::NewStructure;

use crate::config::Config;
use crate::db::Db;

/// What the listing pages need of a structure, kept in memory.
#[derive(Debug, Clone)]
pub struct Card {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// Folded name, for sorting.
    pub sort_name: String,
    pub pitch: String,
    pub description: String,
    pub logo: Option<String>,
    pub commune_name: String,
    pub department_code: String,
    pub legal_form: Option<String>,
    pub chatons: bool,
    pub national: bool,
    pub remote: bool,
    pub services: Vec<String>,
    pub software: Vec<String>,
    /// Departments where it intervenes, regions expanded.
    pub area_departements: Vec<String>,
    /// Regions where it intervenes, including those of its departments.
    pub area_regions: Vec<String>,
    pub recommendations: i64,
    pub confirmed_at: i64,
    /// Labels of its terms in both languages, for the text index.
    pub search_terms: String,
    pub audiences: Vec<String>,
    pub website: String,
    pub postcode: String,
    pub commune_insee: String,
    pub region_code: String,
    pub pricing: Option<String>,
    pub price_info: String,
    pub languages: Vec<String>,
    pub updated_at: i64,
}

/// The directory's search engine on this node.
pub struct Directory {
    engine: search::Engine,
    labels: std::sync::RwLock<Arc<routes::Labels>>,
    db: Db,
    min_recommendations: i64,
    unlist_after_seconds: i64,
    wake: Notify,
    /// Emptied whenever the directory changes.
    page_cache: Arc<crate::web::cache::PageCache>,
    /// Text scores by query, emptied whenever the directory changes.
    text_cache: std::sync::Mutex<std::collections::HashMap<String, Arc<std::collections::HashMap<i64, f32>>>>,
}

impl Directory {
    /// Loads the listed structures and opens (or rebuilds) the text index in `DATA/index`.
    pub async fn open(
        db: &Db,
        config: &Config,
        data_dir: &std::path::Path,
        page_cache: Arc<crate::web::cache::PageCache>,
    ) -> anyhow::Result<Arc<Directory>> {
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
            page_cache,
            text_cache: Default::default(),
        }))
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
    pub fn labels(&self) -> Arc<routes::Labels> {
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
    fn text_matches(&self, text: &str, limit: usize) -> anyhow::Result<Arc<std::collections::HashMap<i64, f32>>> {
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

/// Creates a structure with its terms and areas (demonstration data, imports, tests); returns
/// its id, or `None` when the slug is taken.
pub async fn create(db: &Db, new: &NewStructure<'_>) -> Result<Option<i64>, sea_orm::DbErr> {
    let txn = db.begin().await?;
    let id = store::insert(&txn, new).await?;
    txn.commit().await?;
    Ok(id)
}

/// Publishes a recommendation of a structure. The vetting workflow will call this once an
/// association confirmed it and a moderator approved it.
pub async fn publish_recommendation(
    db: &Db,
    structure_id: i64,
    association: &str,
    body: &str,
) -> Result<(), sea_orm::DbErr> {
    let txn = db.begin().await?;
    store::insert_recommendation(&txn, structure_id, association, body, crate::db::now()).await?;
    txn.commit().await
}

async fn load_labels(db: &Db) -> Result<routes::Labels, sea_orm::DbErr> {
    let terms = store::all_terms(db).await?;
    Ok(routes::Labels(terms.into_iter().map(|t| ((t.kind, t.slug), (t.label_fr, t.label_en))).collect()))
}

pub use store::TermFull as Term;

/// The kinds of taxonomy terms, in the order the admin pages show them.
pub const TERM_KINDS: [&str; 5] = ["service", "software", "audience", "legal_form", "pricing"];

/// Every taxonomy term, with how many structures use it.
pub async fn terms(db: &Db) -> Result<Vec<Term>, sea_orm::DbErr> {
    store::terms_full(db).await
}

/// Why a taxonomy change was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum TermError {
    Taken,
    NotFound,
}

/// Adds a term (its slug made from the French label) and records it in the audit log.
pub async fn add_term(
    app: &crate::app::AppState,
    actor: &crate::web::CurrentUser,
    kind: &str,
    fr: &str,
    en: &str,
) -> Result<Result<(), TermError>, sea_orm::DbErr> {
    let slug = workspace::slugify(fr);
    let txn = app.db.begin().await?;
    if store::insert_term(&txn, kind, &slug, fr, en).await?.is_none() {
        return Ok(Err(TermError::Taken));
    }
    crate::audit::record(&txn, actor, "term.add", &format!("term:{kind}:{slug}"), None).await?;
    db_change_labels(&txn).await?;
    txn.commit().await?;
    app.directory.changed();
    Ok(Ok(()))
}

/// Renames a term in both languages; the structures using it are reindexed.
pub async fn rename_term(
    app: &crate::app::AppState,
    actor: &crate::web::CurrentUser,
    id: i64,
    fr: &str,
    en: &str,
) -> Result<Result<(), TermError>, sea_orm::DbErr> {
    let txn = app.db.begin().await?;
    if !store::rename_term(&txn, id, fr, en).await? {
        return Ok(Err(TermError::NotFound));
    }
    crate::audit::record(&txn, actor, "term.rename", &format!("term:{id}"), Some(fr)).await?;
    txn.commit().await?;
    app.directory.changed();
    Ok(Ok(()))
}

async fn db_change_labels<C: sea_orm::ConnectionTrait>(c: &C) -> Result<(), sea_orm::DbErr> {
    crate::db::exec(
        c,
        "INSERT INTO search_changes (kind, target_id, changed_at) VALUES ('structure', 0, $1)",
        crate::vals![crate::db::now()],
    )
    .await?;
    Ok(())
}

/// What other features need to know of a structure.
#[derive(Debug, Clone)]
pub struct StructureRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub website: String,
    pub contact_email: String,
    pub status: String,
}

impl From<store::StructureRow> for StructureRef {
    fn from(s: store::StructureRow) -> Self {
        StructureRef {
            id: s.id,
            slug: s.slug,
            name: s.name,
            website: s.website,
            contact_email: s.contact_email,
            status: s.status,
        }
    }
}

/// The structure whose team the account belongs to.
pub async fn team_structure(db: &Db, user_id: i64) -> Result<Option<StructureRef>, sea_orm::DbErr> {
    let id = crate::db::int(
        db.conn(),
        "SELECT structure_id FROM structure_members WHERE user_id = $1",
        crate::vals![user_id],
    )
    .await?;
    match id {
        Some(id) => Ok(store::by_id(db, id).await?.map(StructureRef::from)),
        None => Ok(None),
    }
}

/// Email addresses of a structure's team.
pub async fn team_emails(db: &Db, structure_id: i64) -> Result<Vec<String>, sea_orm::DbErr> {
    store::team_emails(db, structure_id).await
}

/// Everyone to tell about a structure: its team, else its contact address.
pub async fn recipients(db: &Db, structure_id: i64, contact_email: &str) -> Result<Vec<String>, sea_orm::DbErr> {
    let mut emails = store::team_emails(db, structure_id).await?;
    if emails.is_empty() && !contact_email.is_empty() {
        emails.push(contact_email.to_owned());
    }
    Ok(emails)
}

/// A structure by its slug, listed or not.
pub async fn structure_by_slug(db: &Db, slug: &str) -> Result<Option<StructureRef>, sea_orm::DbErr> {
    Ok(store::by_slug(db, slug).await?.map(StructureRef::from))
}

/// A structure by its id, listed or not.
pub async fn structure_by_id(db: &Db, id: i64) -> Result<Option<StructureRef>, sea_orm::DbErr> {
    Ok(store::by_id(db, id).await?.map(StructureRef::from))
}

/// Records that a structure changed (its recommendations, its status), inside the change's
/// transaction, so that every node's search engine follows.
pub async fn record_change<C: sea_orm::ConnectionTrait>(c: &C, structure_id: i64) -> Result<(), sea_orm::DbErr> {
    store::record_change(c, structure_id).await
}

/// Labels of the services and software of the taxonomy, as (kind, slug, label).
pub async fn term_choices(db: &Db, lang: crate::web::Lang) -> Result<Vec<(String, String, String)>, sea_orm::DbErr> {
    Ok(store::all_terms(db)
        .await?
        .into_iter()
        .map(|t| (t.kind, t.slug, if lang == crate::web::Lang::En { t.label_en } else { t.label_fr }))
        .collect())
}

/// Sends the confirmation reminders and unlisting notices that are due.
pub async fn ask_confirmations(app: &crate::app::AppState) -> Result<usize, sea_orm::DbErr> {
    freshness::run(app).await
}

/// Deletes contact messages past their retention period.
pub async fn purge(db: &Db, config: &Config) -> Result<u64, sea_orm::DbErr> {
    store::purge_contacts(db, config.contact_retention_days).await
}
