//! The directory's search engine on this node: the listed structures plugged into
//! `search::LiveIndex` (text index + in-memory catalog, kept in step with the database through
//! the change feed), the labels of the taxonomy terms (reloaded when the taxonomy changes), and
//! the questions the pages ask, with freshness checked at query time.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::{Card, Filters, Results, search, store};
use crate::config::Config;
use crate::db::Db;
use crate::search::LiveIndex;
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
pub type Directory = LiveIndex<Listing>;

/// The approved and recommended structures, as the search engine reads them, with the listing
/// settings and the labels of the taxonomy.
pub struct Listing {
    min_recommendations: i64,
    unlist_after_seconds: i64,
    labels: RwLock<Arc<Labels>>,
}

impl crate::search::Source for Listing {
    type Row = Card;
    type Catalog = search::Catalog;
    type Extra = ();

    const KIND: &'static str = super::CHANGE_KIND;
    const FOLDER: &'static str = "structures";
    const VERSION: &'static str = search::INDEX_VERSION;

    async fn rows(&self, db: &Db, ids: Option<&[i64]>) -> anyhow::Result<Vec<Card>> {
        Ok(store::cards(db, ids, self.min_recommendations).await?)
    }

    fn document(&self, card: &Card, _: &()) -> crate::search::Doc {
        search::document(card)
    }

    /// Taxonomy edits are recorded with target 0: the labels are reloaded then (and at start).
    async fn reload(&self, db: &Db, changed: Option<&[i64]>) -> anyhow::Result<()> {
        if changed.is_none_or(|ids| ids.contains(&0)) {
            let terms = store::all_terms(db).await?;
            let labels = Labels(terms.into_iter().map(|t| ((t.kind, t.slug), (t.label_fr, t.label_en))).collect());
            match self.labels.write() {
                Ok(mut g) => *g = Arc::new(labels),
                Err(p) => *p.into_inner() = Arc::new(labels),
            }
        }
        Ok(())
    }
}

impl Directory {
    /// Loads the listed structures and the labels, and opens (or rebuilds) the text index in
    /// `DATA/index/structures`.
    pub async fn open(db: &Db, config: &Config, data_dir: &std::path::Path) -> anyhow::Result<Arc<Directory>> {
        let listing = Listing {
            min_recommendations: config.listing_min_recommendations,
            unlist_after_seconds: config.unlist_after_months * 30 * 86_400,
            labels: RwLock::new(Arc::new(Labels(HashMap::new()))),
        };
        LiveIndex::start(listing, db, config, data_dir).await
    }

    /// Labels of the taxonomy terms.
    pub fn labels(&self) -> Arc<Labels> {
        match self.source().labels.read() {
            Ok(l) => l.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Whether a card is listed now: confirmed recently enough.
    fn fresh(&self, card: &Card) -> bool {
        card.confirmed_at >= crate::db::now() - self.source().unlist_after_seconds
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
        self.catalog().all().filter(|c| self.fresh(c)).cloned().collect()
    }

    /// Runs a search with `per_page` results a page.
    pub fn search_paged(&self, filters: &Filters, per_page: usize) -> anyhow::Result<Results> {
        let cutoff = crate::db::now() - self.source().unlist_after_seconds;
        self.find(&filters.text, |catalog, matches| {
            catalog.search(filters, matches, per_page, |c| c.confirmed_at >= cutoff)
        })
    }

    /// The listed card of a structure, if it is listed.
    pub fn listed(&self, id: i64) -> Option<Arc<Card>> {
        self.catalog().get(id).filter(|c| self.fresh(c))
    }

    /// Number of listed structures.
    pub fn listed_count(&self) -> usize {
        self.catalog().all().filter(|c| self.fresh(c)).count()
    }
}
