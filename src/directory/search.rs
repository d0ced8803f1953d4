//! The directory's search: a tantivy index for the French-aware text match, and an in-memory
//! catalog of the listed structures for filters, facet counts, sorting and pages. Both are
//! caches of the database, rebuilt at start and kept in step through `search_changes` by the
//! engine (`engine.rs`); the facet counts come from the very set of structures the results are
//! drawn from.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::Card;
use crate::geo;
use crate::search;

/// Bumped when the index layout changes: the index is then rebuilt at start.
pub const INDEX_VERSION: &str = "structures-v2";

/// The text of a structure for the index: its name, and the rest of its words.
pub fn document(card: &Card) -> search::Doc {
    let body = [card.pitch.as_str(), card.description.as_str(), card.search_terms.as_str(), card.commune_name.as_str()]
        .join("\n");
    search::Doc { id: card.id, name: card.name.clone(), body }
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

impl search::Catalog for Catalog {
    type Row = Card;

    fn size(&self) -> usize {
        self.cards.len()
    }

    fn insert(&mut self, cards: Vec<Card>) {
        self.cards.extend(cards.into_iter().map(|c| (c.id, Arc::new(c))));
    }

    fn with_changes(&self, changed: &[i64], fresh: &[Card]) -> Catalog {
        let mut cards = self.cards.clone();
        for id in changed {
            cards.remove(id);
        }
        for card in fresh {
            cards.insert(card.id, Arc::new(card.clone()));
        }
        Catalog { cards }
    }
}

impl Catalog {
    pub fn get(&self, id: i64) -> Option<Arc<Card>> {
        self.cards.get(&id).cloned()
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<Card>> {
        self.cards.values()
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
