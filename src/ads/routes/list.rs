//! The searchable list `/annonces`: text, facets with counts, sorts and pages, every state a
//! plain GET URL.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;

use super::super::search::{AdCard, Catalog, Filters, Results, Sort};
use super::super::{Kind, Status};
use crate::app::AppState;
use crate::directory::Labels;
use crate::geo;
use crate::web::facets::{FacetGroup, FacetOption, UrlState, group};
use crate::web::{AppError, Lang, PageCtx, render};

/// The query string of the list, as typed (repeated keys allowed).
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    pub logiciel: Vec<String>,
    pub region: Vec<String>,
    pub a_distance: String,
    pub statut: Vec<String>,
    pub tri: String,
    pub page: String,
}

impl ListQuery {
    /// Keeps only known values, so that every link built from it is valid.
    pub fn filters(&self, software_known: impl Fn(&str) -> bool) -> Filters {
        let mut kinds: Vec<Kind> = self.kind.iter().filter_map(|k| Kind::parse(k)).collect();
        kinds.sort();
        kinds.dedup();
        let mut software: Vec<String> = self.logiciel.iter().filter(|s| software_known(s)).cloned().collect();
        software.sort();
        software.dedup();
        let mut regions: Vec<String> = self.region.iter().filter(|r| geo::region(r).is_some()).cloned().collect();
        regions.sort();
        regions.dedup();
        let mut statuses: Vec<Status> =
            self.statut.iter().filter_map(|s| Status::from_slug(s)).filter(|s| s.is_public()).collect();
        statuses.sort();
        statuses.dedup();
        Filters {
            text: self.q.chars().take(200).collect(),
            kinds,
            software,
            regions,
            remote: self.a_distance == "oui",
            statuses,
            sort: Sort::parse(&self.tri),
            page: self.page.parse().unwrap_or(1).clamp(1, 10_000),
        }
    }
}

fn url_state(q: &str, f: &Filters) -> UrlState {
    let mut params = Vec::new();
    params.extend(f.kinds.iter().map(|k| ("type", k.as_str().to_owned())));
    params.extend(f.software.iter().map(|v| ("logiciel", v.clone())));
    params.extend(f.regions.iter().map(|v| ("region", v.clone())));
    params.extend(f.statuses.iter().map(|s| ("statut", s.slug().to_owned())));
    if f.remote {
        params.push(("a_distance", "oui".into()));
    }
    UrlState::new("/annonces", q, params, f.sort.map(Sort::as_str))
}

/// An ad in a list, with its labels in the page's language.
pub struct Item {
    pub card: Arc<AdCard>,
    pub place: String,
    pub software: String,
}

fn item(catalog: &Catalog, labels: &Labels, lang: Lang, card: Arc<AdCard>) -> Item {
    let region = catalog.region_of(&card).and_then(geo::region).map(|r| r.name.to_owned());
    let place = super::place(lang, region, card.remote);
    let software = catalog
        .software_of(&card)
        .and_then(|s| labels.get(lang, "software", s))
        .unwrap_or_else(|| card.software_other.clone());
    Item { card, place, software }
}

#[derive(Template)]
#[template(path = "ads/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    results: Results,
    items: Vec<Item>,
    groups: Vec<FacetGroup>,
    active: Vec<(String, String)>,
    sorts: Vec<(&'static str, &'static str, bool)>,
    hidden: Vec<(&'static str, String)>,
    prev: Option<String>,
    next: Option<String>,
    clear: String,
    feed: String,
}

pub(super) async fn list(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let filters = query.filters(super::super::software_known(&app));
    let results = app.ads.search(&filters, super::super::search::PER_PAGE).map_err(AppError::Internal)?;
    let lang = ctx.lang;
    let state = url_state(&query.q, &filters);
    let labels = app.directory.labels();
    let f = &results.facets;
    let option = |key: &'static str, value: &str, label: String, count: usize| FacetOption {
        label,
        count,
        href: state.toggle(key, value),
        active: state.has(key, value),
    };
    let mut groups = vec![
        group(
            "type",
            "ads-facet-kind",
            f.kinds.iter().map(|(k, n)| option("type", k.as_str(), ctx.t(k.label_key()), *n)).collect(),
        ),
        group(
            "statut",
            "ads-facet-status",
            f.statuses.iter().map(|(s, n)| option("statut", s.slug(), ctx.t(s.label_key()), *n)).collect(),
        ),
        group(
            "logiciel",
            "ads-facet-software",
            f.software
                .iter()
                .filter_map(|(slug, n)| Some(option("logiciel", slug, labels.get(lang, "software", slug)?, *n)))
                .collect(),
        ),
        group(
            "region",
            "ads-facet-region",
            f.regions
                .iter()
                .filter_map(|(code, n)| Some(option("region", code, geo::region(code)?.name.to_owned(), *n)))
                .collect(),
        ),
    ];
    if f.remote > 0 || filters.remote {
        groups.push(group(
            "autres",
            "ads-facet-other",
            vec![option("a_distance", "oui", ctx.t("ads-remote"), f.remote)],
        ));
    }
    groups.retain(|g| !g.first.is_empty());
    let mut active: Vec<(String, String)> = groups
        .iter()
        .flat_map(|g| g.first.iter().chain(g.more.iter()))
        .filter(|o| o.active)
        .map(|o| (o.label.clone(), o.href.clone()))
        .collect();
    if !state.q.is_empty() {
        active.insert(0, (format!("« {} »", state.q), state.without_text()));
    }
    let catalog = app.ads.catalog();
    let items = results.cards.iter().map(|c| item(&catalog, &labels, lang, c.clone())).collect();
    let has_text = !filters.text.trim().is_empty();
    let sorts = Sort::CHOICES
        .iter()
        .filter(|s| has_text || **s != Sort::Relevance)
        .map(|s| (s.as_str(), s.label_key(), *s == results.sort))
        .collect();
    let prev = (results.page > 1).then(|| state.page(results.page - 1));
    let next = (results.page < results.pages).then(|| state.page(results.page + 1));
    let feed = match filters.kinds.as_slice() {
        [k] => format!("/annonces.atom?type={}", k.as_str()),
        _ => "/annonces.atom".to_owned(),
    };
    render(&ListPage {
        ctx,
        q: state.q.clone(),
        hidden: state.params.clone(),
        clear: "/annonces".into(),
        results,
        items,
        groups,
        active,
        sorts,
        prev,
        next,
        feed,
    })
}
