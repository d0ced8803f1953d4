//! The ads' search engine on one node: the public ads plugged into `search::LiveIndex` (text
//! index + catalog, opened at start and kept in step with the change feed), and the questions
//! the pages ask it.
//!
//! The public ads are read a page at a time (descriptions cut to their start unless the text
//! index is being rebuilt), so that starting with 50,000 of them does not hold every
//! description in memory at once.

use std::collections::HashMap;
use std::sync::Arc;

use super::search::{self, AdCard, Catalog, Filters, Results};
use super::store::{self, AdRow};
use crate::db::{self, Db, Row};
use crate::search::LiveIndex;
use crate::vals;

/// The ads' search engine on this node.
pub type Ads = LiveIndex<PublicAds>;

/// The public ads, as the search engine reads them.
pub struct PublicAds;

/// Ads read per query when the engine loads everything.
const PAGE: i64 = 2000;

#[derive(Row)]
struct SoftwareLabel {
    slug: String,
    label_fr: String,
    label_en: String,
}

/// Software labels in both languages, for the text index.
async fn software_labels(db: &Db) -> db::Result<HashMap<String, String>> {
    let rows: Vec<SoftwareLabel> =
        db::all(db.conn(), "SELECT slug, label_fr, label_en FROM terms WHERE kind = 'software'", vals![]).await?;
    Ok(rows.into_iter().map(|r| (r.slug, format!("{} {}", r.label_fr, r.label_en))).collect())
}

impl crate::search::Source for PublicAds {
    type Row = AdRow;
    type Catalog = Catalog;
    /// Software labels by slug.
    type Extra = HashMap<String, String>;

    const KIND: &'static str = super::CHANGE_KIND;
    const FOLDER: &'static str = "ads";
    const VERSION: &'static str = search::INDEX_VERSION;

    async fn rows(&self, db: &Db, ids: Option<&[i64]>) -> anyhow::Result<Vec<AdRow>> {
        Ok(store::public(db, ids).await?)
    }

    async fn batch(&self, db: &Db, after: i64, full: bool) -> anyhow::Result<(Vec<AdRow>, Option<i64>)> {
        let rows = store::public_page(db, after, PAGE, full).await?;
        let next = rows.last().map(|r| r.id);
        Ok((rows, next))
    }

    async fn extra(&self, db: &Db) -> anyhow::Result<HashMap<String, String>> {
        Ok(software_labels(db).await?)
    }

    fn document(&self, row: &AdRow, labels: &HashMap<String, String>) -> crate::search::Doc {
        let label = row.software_slug.as_ref().and_then(|s| labels.get(s)).map(String::as_str).unwrap_or("");
        search::document(row, label)
    }
}

impl Ads {
    /// Loads the public ads and opens (or rebuilds) the text index in `DATA/index/ads`.
    pub async fn open(db: &Db, config: &crate::config::Config, data_dir: &std::path::Path) -> anyhow::Result<Arc<Ads>> {
        LiveIndex::start(PublicAds, db, config, data_dir).await
    }

    pub fn search(&self, filters: &Filters, per_page: usize) -> anyhow::Result<Results> {
        self.find(&filters.text, |catalog, matches| catalog.search(filters, matches, per_page))
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
