//! The ads' search: a tantivy index for the French-aware text match and an in-memory catalog
//! of the public ads for filters, facet counts, sorts and pages, kept in step with the
//! database through `search_changes` (kind `ad`) on every node.
//!
//! Facet values (software, region) are interned as small numbers on each card, so that
//! counting the facets of 50,000 ads is a pass over integers.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::store::AdRow;
use super::{Kind, Status};
use crate::search;

/// Bumped when the index layout changes: the index is then rebuilt at start.
pub const INDEX_VERSION: &str = "ads-v2";

/// Longest excerpt of the description kept on a card, in characters.
const EXCERPT: usize = 180;

/// What the list pages, the feeds and the API need of a public ad, kept in memory.
#[derive(Debug, Clone)]
pub struct AdCard {
    pub id: i64,
    pub slug: String,
    pub kind: Kind,
    pub status: Status,
    pub title: String,
    /// The start of the description, as plain text.
    pub excerpt: String,
    pub association_name: String,
    pub software: Option<u16>,
    pub software_other: String,
    pub region: Option<u16>,
    pub remote: bool,
    pub tags: Vec<String>,
    pub estimated_cost: Option<i64>,
    pub accepted_cost: Option<i64>,
    pub pledged: i64,
    pub associations: i64,
    pub offers: i64,
    pub deadline: Option<String>,
    pub published_at: i64,
    pub updated_at: i64,
}

impl AdCard {
    /// The cost the pledges are measured against: the accepted offer's, else the estimate.
    pub fn target(&self) -> Option<i64> {
        self.accepted_cost.or(self.estimated_cost)
    }

    /// Share of the target pledged, 0 to 100.
    pub fn progress(&self) -> u32 {
        progress(self.pledged, self.target())
    }

    pub fn path(&self) -> String {
        path(self.id, &self.slug)
    }
}

pub fn progress(pledged: i64, target: Option<i64>) -> u32 {
    match target {
        Some(t) if t > 0 => ((pledged.max(0) as f64 / t as f64) * 100.0).min(100.0) as u32,
        _ => 0,
    }
}

/// `/annonces/{id}-{slug}`.
pub fn path(id: i64, slug: &str) -> String {
    if slug.is_empty() { format!("/annonces/{id}") } else { format!("/annonces/{id}-{slug}") }
}

/// Plain text of Markdown, cut at about `max` characters on a word boundary.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new(markdown) {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => text.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak | pulldown_cmark::Event::End(_)
                if !text.ends_with(' ') =>
            {
                text.push(' ');
            }
            _ => {}
        }
        if text.len() > max * 4 {
            break;
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A growing table of facet values, shared by the cards through their numbers.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    values: Vec<String>,
    ids: HashMap<String, u16>,
}

impl Interner {
    pub fn intern(&mut self, value: &str) -> Option<u16> {
        if let Some(id) = self.ids.get(value) {
            return Some(*id);
        }
        let id = u16::try_from(self.values.len()).ok()?;
        self.values.push(value.to_owned());
        self.ids.insert(value.to_owned(), id);
        Some(id)
    }

    pub fn id(&self, value: &str) -> Option<u16> {
        self.ids.get(value).copied()
    }

    pub fn value(&self, id: u16) -> &str {
        self.values.get(usize::from(id)).map(String::as_str).unwrap_or("")
    }

    fn len(&self) -> usize {
        self.values.len()
    }
}

/// The text of an ad for the index.
pub fn document(row: &AdRow, software_label: &str) -> search::Doc {
    let body = [
        row.body.as_str(),
        software_label,
        row.software_other.as_str(),
        row.tags.as_str(),
        row.association_name.as_str(),
    ]
    .join("\n");
    search::Doc { id: row.id, name: row.title.clone(), body }
}

/// How the results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
    Deadline,
    Joined,
}

impl Sort {
    pub const CHOICES: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::Deadline, Sort::Joined];

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::CHOICES.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "pertinence",
            Sort::Newest => "recentes",
            Sort::Deadline => "echeance",
            Sort::Joined => "soutiens",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Sort::Relevance => "sort-relevance",
            Sort::Newest => "ads-sort-newest",
            Sort::Deadline => "ads-sort-deadline",
            Sort::Joined => "ads-sort-joined",
        }
    }
}

/// A search as the visitor asked it, already checked against the known values.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub text: String,
    pub kinds: Vec<Kind>,
    pub software: Vec<String>,
    pub regions: Vec<String>,
    pub remote: bool,
    pub statuses: Vec<Status>,
    pub sort: Option<Sort>,
    pub page: usize,
}

/// Counts of one facet: value → number of ads in the results.
pub type Counts = BTreeMap<String, usize>;

#[derive(Debug, Default)]
pub struct Facets {
    pub kinds: BTreeMap<Kind, usize>,
    pub software: Counts,
    pub regions: Counts,
    pub statuses: BTreeMap<Status, usize>,
    pub remote: usize,
}

pub struct Results {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub cards: Vec<Arc<AdCard>>,
    pub facets: Facets,
    pub sort: Sort,
}

pub const PER_PAGE: usize = 20;

/// The public ads, in memory, newest first: the default order of the list costs nothing and
/// other orders only sort what the page needs.
#[derive(Default, Clone)]
pub struct Catalog {
    /// Newest first (published, then id, descending).
    cards: Vec<Arc<AdCard>>,
    by_id: HashMap<i64, Arc<AdCard>>,
    pub software: Interner,
    pub regions: Interner,
}

/// A search hit: its text score and its card.
type Hit<'a> = (f32, &'a Arc<AdCard>);
/// How two hits compare in a sort.
type HitOrder = dyn Fn(&Hit, &Hit) -> std::cmp::Ordering;

fn newest(a: &AdCard, b: &AdCard) -> std::cmp::Ordering {
    b.published_at.cmp(&a.published_at).then(b.id.cmp(&a.id))
}

impl search::Catalog for Catalog {
    type Row = AdRow;

    fn size(&self) -> usize {
        self.cards.len()
    }

    /// Adds (or replaces) the cards of `rows`; the newest-first order waits for `finish`.
    fn insert(&mut self, rows: Vec<AdRow>) {
        self.add(&rows);
    }

    fn finish(&mut self) {
        self.reorder();
    }

    fn with_changes(&self, changed: &[i64], fresh: &[AdRow]) -> Catalog {
        let mut next = self.clone();
        for id in changed {
            next.by_id.remove(id);
        }
        next.extend(fresh);
        next
    }
}

impl Catalog {
    pub fn from_rows(rows: &[AdRow]) -> Catalog {
        let mut catalog = Catalog::default();
        catalog.extend(rows);
        catalog
    }

    /// Adds (or replaces) the cards of `rows`.
    pub fn extend(&mut self, rows: &[AdRow]) {
        self.add(rows);
        self.reorder();
    }

    /// Adds (or replaces) the cards of `rows`; call [`Catalog::reorder`] once done.
    fn add(&mut self, rows: &[AdRow]) {
        self.by_id.reserve(rows.len());
        for row in rows {
            let card = self.card(row);
            self.by_id.insert(card.id, Arc::new(card));
        }
    }

    /// Puts the cards back in newest-first order.
    fn reorder(&mut self) {
        self.cards = self.by_id.values().cloned().collect();
        self.cards.sort_unstable_by(|a, b| newest(a, b));
    }

    fn card(&mut self, r: &AdRow) -> AdCard {
        AdCard {
            id: r.id,
            slug: r.slug.clone(),
            kind: r.kind,
            status: r.status,
            title: r.title.clone(),
            excerpt: excerpt(&r.body, EXCERPT),
            association_name: r.association_name.clone(),
            software: r.software_slug.as_deref().and_then(|s| self.software.intern(s)),
            software_other: r.software_other.clone(),
            region: r.region_code.as_deref().and_then(|s| self.regions.intern(s)),
            remote: r.remote,
            tags: r.tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect(),
            estimated_cost: r.estimated_cost,
            accepted_cost: r.accepted_cost,
            pledged: r.pledged,
            associations: r.associations,
            offers: r.offers,
            deadline: r.deadline.clone(),
            published_at: r.published_at.unwrap_or(r.created_at),
            updated_at: r.updated_at,
        }
    }

    pub fn get(&self, id: i64) -> Option<Arc<AdCard>> {
        self.by_id.get(&id).cloned()
    }

    /// Every card, newest first.
    pub fn all(&self) -> impl Iterator<Item = &Arc<AdCard>> {
        self.cards.iter()
    }

    /// The software slug of a card.
    pub fn software_of(&self, card: &AdCard) -> Option<&str> {
        card.software.map(|i| self.software.value(i))
    }

    pub fn region_of(&self, card: &AdCard) -> Option<&str> {
        card.region.map(|i| self.regions.value(i))
    }

    /// Filters, counts facets and sorts; `matches` are the text scores when text was typed.
    pub fn search(&self, f: &Filters, matches: Option<&HashMap<i64, f32>>, per_page: usize) -> Results {
        // Wanted values as numbers; a wanted value no card has matches nothing.
        let wanted = |interner: &Interner, values: &[String]| -> Option<Vec<u16>> {
            (!values.is_empty()).then(|| values.iter().filter_map(|v| interner.id(v)).collect())
        };
        let software = wanted(&self.software, &f.software);
        let regions = wanted(&self.regions, &f.regions);
        let has = |want: &Option<Vec<u16>>, v: Option<u16>| match want {
            None => true,
            Some(w) => v.is_some_and(|v| w.contains(&v)),
        };
        let keep = |card: &AdCard| {
            !((f.remote && !card.remote)
                || !(f.kinds.is_empty() || f.kinds.contains(&card.kind))
                || !(f.statuses.is_empty() || f.statuses.contains(&card.status))
                || !has(&software, card.software)
                || !has(&regions, card.region))
        };
        let mut hits: Vec<(f32, &Arc<AdCard>)> = Vec::new();
        // A text matching a small share of the ads: look its matches up rather than walk them all
        // (the hits are then in no particular order).
        let mut in_newest_order = true;
        if let Some(m) = matches.filter(|m| m.len() * 4 < self.cards.len()) {
            in_newest_order = false;
            hits.extend(
                m.iter().filter_map(|(id, score)| self.by_id.get(id).map(|c| (*score, c))).filter(|(_, c)| keep(c)),
            );
        }
        // Else in newest-first order, since the cards are kept that way.
        for card in self.cards.iter().filter(|_| in_newest_order) {
            if !keep(card) {
                continue;
            }
            let score = match matches {
                Some(m) => match m.get(&card.id) {
                    Some(s) => *s,
                    None => continue,
                },
                None => 0.0,
            };
            hits.push((score, card));
        }

        // Counted in arrays indexed by number, turned into maps once.
        let mut software_counts = vec![0usize; self.software.len()];
        let mut region_counts = vec![0usize; self.regions.len()];
        let mut kind_counts = [0usize; Kind::ALL.len()];
        let mut status_counts = [0usize; Status::ALL.len()];
        let mut facets = Facets::default();
        for (_, c) in &hits {
            if let Some(s) = c.software {
                software_counts[usize::from(s)] += 1;
            }
            if let Some(r) = c.region {
                region_counts[usize::from(r)] += 1;
            }
            kind_counts[c.kind as usize] += 1;
            status_counts[c.status as usize] += 1;
            facets.remote += usize::from(c.remote);
        }
        facets.kinds = Kind::ALL.into_iter().zip(kind_counts).filter(|(_, n)| *n > 0).collect();
        facets.statuses = Status::ALL.into_iter().zip(status_counts).filter(|(_, n)| *n > 0).collect();
        let owned = |interner: &Interner, counts: Vec<usize>| -> Counts {
            counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (interner.value(i as u16).to_owned(), n))
                .collect()
        };
        facets.software = owned(&self.software, software_counts);
        facets.regions = owned(&self.regions, region_counts);

        let sort = f.sort.unwrap_or(if matches.is_some() { Sort::Relevance } else { Sort::Newest });
        let total = hits.len();
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let page = f.page.clamp(1, pages);
        let wanted = (page * per_page).min(total);
        let order: Box<HitOrder> = match sort {
            Sort::Newest => Box::new(|a, b| newest(a.1, b.1)),
            Sort::Relevance => Box::new(|a, b| b.0.total_cmp(&a.0).then_with(|| newest(a.1, b.1))),
            // Soonest deadline first, ads without one last.
            Sort::Deadline => Box::new(|a, b| match (&a.1.deadline, &b.1.deadline) {
                (Some(x), Some(y)) => x.cmp(y).then_with(|| newest(a.1, b.1)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => newest(a.1, b.1),
            }),
            Sort::Joined => Box::new(|a, b| {
                b.1.associations
                    .cmp(&a.1.associations)
                    .then(b.1.pledged.cmp(&a.1.pledged))
                    .then_with(|| newest(a.1, b.1))
            }),
        };
        if (sort != Sort::Newest || !in_newest_order) && wanted > 0 {
            // Only the hits up to this page need their exact order.
            if wanted < total {
                hits.select_nth_unstable_by(wanted - 1, |a, b| order(a, b));
                hits.truncate(wanted);
            }
            hits.sort_unstable_by(|a, b| order(a, b));
        }
        let cards = hits.into_iter().skip((page - 1) * per_page).take(per_page).map(|(_, c)| c.clone()).collect();
        Results { total, page, pages, cards, facets, sort }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Catalog as _;

    #[test]
    fn excerpts_are_plain_text_cut_on_a_word() {
        let e =
            excerpt("# Titre\n\nUn **logiciel** de [gestion](https://x.example) pour nos adhérents et bénévoles.", 40);
        assert!(!e.contains('*') && !e.contains('['), "{e}");
        assert!(e.starts_with("Titre Un logiciel de gestion"), "{e}");
        assert!(e.ends_with('…') && e.chars().count() <= 41, "{e}");
        assert_eq!(excerpt("Court.", 40), "Court.");
    }

    fn row(id: i64, published_at: i64, deadline: Option<&str>, associations: i64) -> AdRow {
        AdRow {
            id,
            slug: format!("annonce-{id}"),
            kind: Kind::Besoin,
            status: Status::Published,
            author_id: None,
            association_name: "Asso (fictive)".into(),
            title: format!("Annonce {id}"),
            body: "Un besoin.".into(),
            software_slug: None,
            software_other: String::new(),
            estimated_cost: None,
            deadline: deadline.map(str::to_owned),
            region_code: None,
            remote: true,
            tags: String::new(),
            accepted_offer_id: None,
            accepted_cost: None,
            close_reason: String::new(),
            created_at: published_at,
            updated_at: published_at,
            published_at: Some(published_at),
            status_changed_at: published_at,
            expires_at: None,
            decision_reason: String::new(),
            version: 1,
            associations,
            pledged: 0,
            offers: 0,
        }
    }

    #[test]
    fn every_sort_gives_the_same_pages_as_a_full_sort() {
        let rows: Vec<AdRow> = (1..=57)
            .map(|i| {
                let deadline = (i % 3 != 0).then(|| format!("2027-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
                row(i, 1_000 + (i * 37) % 23, deadline.as_deref(), (i * 7) % 5)
            })
            .collect();
        let catalog = Catalog::from_rows(&rows);
        let ids = |sort: Sort, page: usize| -> Vec<i64> {
            let f = Filters { sort: Some(sort), page, ..Filters::default() };
            catalog.search(&f, None, 10).cards.iter().map(|c| c.id).collect()
        };
        let cards: Vec<&AdCard> = catalog.all().map(|c| c.as_ref()).collect();
        for sort in [Sort::Newest, Sort::Deadline, Sort::Joined] {
            let mut all = cards.clone();
            all.sort_by(|a, b| match sort {
                Sort::Deadline => match (&a.deadline, &b.deadline) {
                    (Some(x), Some(y)) => x.cmp(y).then_with(|| newest(a, b)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => newest(a, b),
                },
                Sort::Joined => {
                    b.associations.cmp(&a.associations).then(b.pledged.cmp(&a.pledged)).then_with(|| newest(a, b))
                }
                _ => newest(a, b),
            });
            let expected: Vec<i64> = all.iter().map(|c| c.id).collect();
            for page in 1..=6 {
                let want: Vec<i64> = expected.iter().skip((page - 1) * 10).take(10).copied().collect();
                assert_eq!(ids(sort, page), want, "{sort:?} page {page}");
            }
        }
        // A change keeps the order: the removed card leaves, the new one comes first.
        let next = catalog.with_changes(&[5], &[row(99, 5_000, None, 0)]);
        assert_eq!(next.all().next().map(|c| c.id), Some(99));
        assert!(next.get(5).is_none() && next.size() == 57);
    }

    #[test]
    fn kinds_and_states_count_by_their_place_in_all() {
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(k as usize, i);
        }
        for (i, st) in Status::ALL.into_iter().enumerate() {
            assert_eq!(st as usize, i);
        }
    }

    #[test]
    fn a_rare_word_is_looked_up_and_still_sorted() {
        let rows: Vec<AdRow> = (1..=40).map(|i| row(i, 1_000 + i, None, 0)).collect();
        let catalog = Catalog::from_rows(&rows);
        let matches: HashMap<i64, f32> = [(3, 1.0), (7, 2.0), (5, 2.0)].into_iter().collect();
        let f = Filters { text: "x".into(), ..Filters::default() };
        let ids: Vec<i64> = catalog.search(&f, Some(&matches), 10).cards.iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![7, 5, 3]);
        let f = Filters { text: "x".into(), sort: Some(Sort::Newest), ..Filters::default() };
        let ids: Vec<i64> = catalog.search(&f, Some(&matches), 10).cards.iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![7, 5, 3]);
        let r = catalog.search(&f, Some(&matches), 2);
        assert_eq!((r.total, r.pages, r.cards.len()), (3, 2, 2));
    }

    #[test]
    fn progress_is_capped_and_safe() {
        assert_eq!(progress(50, Some(200)), 25);
        assert_eq!(progress(500, Some(200)), 100);
        assert_eq!(progress(50, None), 0);
        assert_eq!(progress(50, Some(0)), 0);
    }
}
