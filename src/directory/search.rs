//! The directory's search: a tantivy index for the French-aware text match, and an in-memory
//! catalog of the listed structures for filters, facet counts, sorting and pages. Both are
//! caches of the database, rebuilt at start and kept in step through `search_changes`; the
//! facet counts come from the very set of structures the results are drawn from.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use tantivy::collector::TopDocs;
use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::Card;
use crate::geo;
use crate::search::{self, FRENCH};

/// Bumped when the index layout changes: the index is then rebuilt at start.
const INDEX_VERSION: &str = "structures-v1";

struct Fields {
    id: tantivy::schema::Field,
    name: tantivy::schema::Field,
    body: tantivy::schema::Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(FRENCH).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let id = b.add_u64_field("id", INDEXED | FAST | STORED);
    let name = b.add_text_field("name", text.clone());
    let body = b.add_text_field("body", text);
    (b.build(), Fields { id, name, body })
}

/// The text index of the listed structures.
pub struct TextIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

impl TextIndex {
    /// Opens the index in `dir` (created if missing); returns it and the change cursor it
    /// was committed with, `None` when it must be rebuilt.
    pub fn open(dir: &Path) -> anyhow::Result<(Self, Option<i64>)> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let mmap = tantivy::directory::MmapDirectory::open(dir)?;
        let index = match Index::open_or_create(mmap, schema.clone()) {
            Ok(index) => index,
            Err(_) => {
                // An index of an older layout: start afresh.
                std::fs::remove_dir_all(dir)?;
                std::fs::create_dir_all(dir)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        search::register(&index);
        let cursor = index
            .load_metas()?
            .payload
            .and_then(|p| p.strip_prefix(&format!("{INDEX_VERSION}:")).and_then(|c| c.parse::<i64>().ok()));
        let writer = index.writer(20_000_000)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok((Self { reader, writer: Mutex::new(writer), fields }, cursor))
    }

    fn document(&self, card: &Card) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.fields.id, card.id as u64);
        doc.add_text(self.fields.name, &card.name);
        let body =
            [card.pitch.as_str(), card.description.as_str(), card.search_terms.as_str(), card.commune_name.as_str()]
                .join("\n");
        doc.add_text(self.fields.body, &body);
        doc
    }

    /// Replaces the documents of `changed` (removing those not in `cards`) and commits with
    /// the cursor of the change feed.
    pub fn apply(&self, changed: &[i64], cards: &[&Card], cursor: i64, full: bool) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
        if full {
            writer.delete_all_documents()?;
        } else {
            for id in changed {
                writer.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
            }
        }
        for card in cards {
            writer.add_document(self.document(card))?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{INDEX_VERSION}:{cursor}"));
        commit.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Rebuilds the whole index from `cards`, telling `progress` how many are done.
    pub fn rebuild(&self, cards: &[Card], cursor: i64, progress: &dyn Fn(usize)) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().map_err(|_| anyhow::anyhow!("index writer poisoned"))?;
        writer.delete_all_documents()?;
        for (i, card) in cards.iter().enumerate() {
            writer.add_document(self.document(card))?;
            if i % 100 == 99 {
                progress(i + 1);
            }
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{INDEX_VERSION}:{cursor}"));
        commit.commit()?;
        drop(writer);
        self.reader.reload()?;
        progress(cards.len());
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Structure ids matching `text`, with their scores.
    pub fn matches(&self, text: &str, limit: usize) -> anyhow::Result<HashMap<i64, f32>> {
        let fields = [(self.fields.name, 3.0), (self.fields.body, 1.0)];
        let Some(exact) = search::text_query(&fields, text, false) else {
            return Ok(HashMap::new());
        };
        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(limit.max(1)).order_by_score();
        let mut hits = searcher.search(&exact, &collector)?;
        // Only when the words as typed find nothing: tolerate typos ("nextclou").
        if hits.is_empty()
            && let Some(fuzzy) = search::text_query(&fields, text, true)
        {
            hits = searcher.search(&fuzzy, &collector)?;
        }
        let mut out = HashMap::with_capacity(hits.len());
        // Open each segment's id column once, not once per hit.
        let mut columns: HashMap<u32, tantivy::columnar::Column<u64>> = HashMap::new();
        for (score, addr) in hits {
            let column = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(searcher.segment_reader(addr.segment_ord).fast_fields().u64("id")?)
                }
            };
            if let Some(id) = column.first(addr.doc_id) {
                out.insert(id as i64, score);
            }
        }
        Ok(out)
    }
}

/// How the results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Recommendations,
    Name,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "pertinence" => Some(Sort::Relevance),
            "recommandations" => Some(Sort::Recommendations),
            "nom" => Some(Sort::Name),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "pertinence",
            Sort::Recommendations => "recommandations",
            Sort::Name => "nom",
        }
    }
}

/// A search as the visitor asked it, already checked against the known values.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub text: String,
    pub place: Option<geo::Place>,
    pub services: Vec<String>,
    pub software: Vec<String>,
    pub regions: Vec<String>,
    pub departements: Vec<String>,
    pub forms: Vec<String>,
    pub chatons: bool,
    pub remote: bool,
    pub sort: Option<Sort>,
    pub page: usize,
}

/// Counts of one facet: value → number of structures in the results.
pub type Counts = BTreeMap<String, usize>;

#[derive(Debug, Default)]
pub struct Facets {
    pub services: Counts,
    pub software: Counts,
    pub regions: Counts,
    pub departements: Counts,
    pub forms: Counts,
    pub chatons: usize,
    pub remote: usize,
    /// Structures of the results that intervene everywhere (national or remote).
    pub everywhere: usize,
}

pub struct Results {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub cards: Vec<Arc<Card>>,
    pub facets: Facets,
    pub sort: Sort,
}

pub const PER_PAGE: usize = 20;

/// The listed structures, in memory.
#[derive(Default)]
pub struct Catalog {
    cards: HashMap<i64, Arc<Card>>,
}

impl Catalog {
    pub fn from_cards(cards: Vec<Card>) -> Self {
        Catalog { cards: cards.into_iter().map(|c| (c.id, Arc::new(c))).collect() }
    }

    pub fn size(&self) -> usize {
        self.cards.len()
    }

    pub fn get(&self, id: i64) -> Option<Arc<Card>> {
        self.cards.get(&id).cloned()
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<Card>> {
        self.cards.values()
    }

    /// A copy with `changed` replaced by `fresh` (absent ids are removed).
    pub fn with_changes(&self, changed: &[i64], fresh: &[Card]) -> Catalog {
        let mut cards = self.cards.clone();
        for id in changed {
            cards.remove(id);
        }
        for card in fresh {
            cards.insert(card.id, Arc::new(card.clone()));
        }
        Catalog { cards }
    }

    /// Filters, counts facets and sorts. `matches` are the text scores when text was typed;
    /// `listed` says whether a card is listed now (fresh enough).
    pub fn search(
        &self,
        f: &Filters,
        matches: Option<&HashMap<i64, f32>>,
        per_page: usize,
        listed: impl Fn(&Card) -> bool,
    ) -> Results {
        let place_deps: Option<HashSet<&str>> = f.place.as_ref().map(|p| p.departements().into_iter().collect());
        let any = |wanted: &[String], have: &[String]| wanted.is_empty() || wanted.iter().any(|w| have.contains(w));
        let mut hits: Vec<(f32, Arc<Card>)> = Vec::new();
        for card in self.cards.values() {
            // Cheapest tests first; `listed` (it reads the clock) and the text score last.
            let everywhere = card.national || card.remote;
            let in_place =
                |deps: &HashSet<&str>| everywhere || card.area_departements.iter().any(|d| deps.contains(d.as_str()));
            if (f.chatons && !card.chatons)
                || (f.remote && !card.remote)
                || !(f.forms.is_empty() || card.legal_form.as_ref().is_some_and(|l| f.forms.contains(l)))
                || !any(&f.services, &card.services)
                || !any(&f.software, &card.software)
                || !(f.regions.is_empty() || everywhere || any(&f.regions, &card.area_regions))
                || !(f.departements.is_empty() || everywhere || any(&f.departements, &card.area_departements))
                || place_deps.as_ref().is_some_and(|deps| !in_place(deps))
            {
                continue;
            }
            let score = match matches {
                Some(m) => match m.get(&card.id) {
                    Some(s) => *s,
                    None => continue,
                },
                None => 0.0,
            };
            if !listed(card) {
                continue;
            }
            hits.push((score, card.clone()));
        }

        // Counted on borrowed keys (no allocation per card), turned into owned maps once.
        let mut services: BTreeMap<&str, usize> = BTreeMap::new();
        let mut software: BTreeMap<&str, usize> = BTreeMap::new();
        let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
        let mut departements: BTreeMap<&str, usize> = BTreeMap::new();
        let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
        let mut facets = Facets::default();
        for (_, c) in &hits {
            for s in &c.services {
                *services.entry(s).or_default() += 1;
            }
            for s in &c.software {
                *software.entry(s).or_default() += 1;
            }
            for r in &c.area_regions {
                *regions.entry(r).or_default() += 1;
            }
            for d in &c.area_departements {
                *departements.entry(d).or_default() += 1;
            }
            if let Some(l) = &c.legal_form {
                *forms.entry(l).or_default() += 1;
            }
            facets.chatons += usize::from(c.chatons);
            facets.remote += usize::from(c.remote);
            facets.everywhere += usize::from(c.national || c.remote);
        }
        let owned = |m: BTreeMap<&str, usize>| -> Counts { m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect() };
        facets.services = owned(services);
        facets.software = owned(software);
        facets.regions = owned(regions);
        facets.departements = owned(departements);
        facets.forms = owned(forms);

        let sort = f.sort.unwrap_or(if matches.is_some() { Sort::Relevance } else { Sort::Recommendations });
        match sort {
            Sort::Relevance => hits.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then(b.1.recommendations.cmp(&a.1.recommendations))
                    .then(a.1.sort_name.cmp(&b.1.sort_name))
            }),
            Sort::Recommendations => hits
                .sort_by(|a, b| b.1.recommendations.cmp(&a.1.recommendations).then(a.1.sort_name.cmp(&b.1.sort_name))),
            Sort::Name => hits.sort_by(|a, b| a.1.sort_name.cmp(&b.1.sort_name)),
        }
        let total = hits.len();
        let pages = total.div_ceil(per_page).max(1);
        let page = f.page.clamp(1, pages);
        let cards = hits.into_iter().skip((page - 1) * per_page).take(per_page).map(|(_, c)| c).collect();
        Results { total, page, pages, cards, facets, sort }
    }
}

/// Index, catalog and change cursor of one node.
pub struct Engine {
    pub text: TextIndex,
    pub catalog: RwLock<Arc<Catalog>>,
    pub cursor: std::sync::atomic::AtomicI64,
    pub dir: PathBuf,
}

impl Engine {
    pub fn catalog(&self) -> Arc<Catalog> {
        match self.catalog.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn set_catalog(&self, catalog: Catalog) {
        let mut guard = match self.catalog.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = Arc::new(catalog);
    }
}
