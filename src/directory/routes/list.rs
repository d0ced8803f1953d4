//! GET /annuaire: the searchable list of listed structures, with its facets, active filters,
//! sorts, pager and map.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::Query;

use super::{Item, Search, search};
use crate::app::AppState;
use crate::directory::forms::ListQuery;
use crate::directory::search::{Counts, Facets, Sort};
use crate::directory::{Filters, Labels, Results};
use crate::geo;
use crate::web::facets::{FacetGroup, FacetOption, UrlState, group};
use crate::web::{AppError, Lang, PageCtx, render};

#[derive(Template)]
#[template(path = "directory/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    results: Results,
    items: Vec<Item>,
    groups: Vec<FacetGroup>,
    active: Vec<(String, String)>,
    sorts: Vec<(&'static str, &'static str, bool)>,
    hidden: Vec<(&'static str, String)>,
    place: Option<String>,
    prev: Option<String>,
    next: Option<String>,
    clear: String,
    map_src: String,
}

pub(super) async fn list(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let Search { labels, filters, results, state } = search(&app, &query)?;
    let lang = ctx.lang;
    let groups = facet_groups(lang, &labels, &state, &filters, &results.facets);
    let page = ListPage {
        map_src: state.url(&state.params, 1).replacen("/annuaire", "/annuaire/carte.svg", 1),
        place: filters.place.as_ref().map(|p| place_label(lang, p)),
        q: state.q.clone(),
        hidden: state.params.clone(),
        clear: "/annuaire".into(),
        active: active_filters(&groups, &state),
        items: items(lang, &labels, &results),
        sorts: sorts(&filters, results.sort),
        prev: (results.page > 1).then(|| state.page(results.page - 1)),
        next: (results.page < results.pages).then(|| state.page(results.page + 1)),
        ctx,
        results,
        groups,
    };
    render(&page)
}

fn place_label(lang: Lang, place: &geo::Place) -> String {
    match place {
        geo::Place::Postcode { code, departements } => {
            let names: Vec<&str> = departements.iter().filter_map(|d| geo::departement(d).map(|d| d.name)).collect();
            lang.t_args("directory-place-postcode", &[("code", code.clone()), ("departements", names.join(", "))])
        }
        geo::Place::Departement(code) => {
            geo::departement(code).map(|d| format!("{} ({})", d.name, d.code)).unwrap_or_default()
        }
        geo::Place::Region(code) => geo::region(code).map(|r| r.name.to_owned()).unwrap_or_default(),
    }
}

/// The facet groups of the results, each option linking to the list with it toggled.
fn facet_groups(lang: Lang, labels: &Labels, state: &UrlState, filters: &Filters, f: &Facets) -> Vec<FacetGroup> {
    let term_options = |kind: &'static str, key: &'static str, counts: &Counts| -> Vec<FacetOption> {
        counts
            .iter()
            .filter_map(|(slug, count)| {
                Some(FacetOption {
                    label: labels.get(lang, kind, slug)?,
                    count: *count,
                    href: state.toggle(key, slug),
                    active: state.has(key, slug),
                })
            })
            .collect()
    };
    let mut groups = vec![
        group("service", "directory-facet-service", term_options("service", "service", &f.services)),
        group("logiciel", "directory-facet-software", term_options("software", "logiciel", &f.software)),
        group(
            "region",
            "directory-facet-region",
            f.regions
                .iter()
                .filter_map(|(code, count)| {
                    Some(FacetOption {
                        label: geo::region(code)?.name.to_owned(),
                        count: *count,
                        href: state.toggle("region", code),
                        active: state.has("region", code),
                    })
                })
                .collect(),
        ),
        // Departments only once the search is narrowed to a region or a place: the whole
        // list would weigh on every page.
        group(
            "departement",
            "directory-facet-departement",
            f.departements
                .iter()
                .filter_map(|(code, count)| {
                    Some(FacetOption {
                        label: format!("{} ({})", geo::departement(code)?.name, code),
                        count: *count,
                        href: state.toggle("departement", code),
                        active: state.has("departement", code),
                    })
                })
                .filter(|_| !filters.regions.is_empty() || !filters.departements.is_empty() || filters.place.is_some())
                .collect(),
        ),
        group("forme", "directory-facet-form", term_options("legal_form", "forme", &f.forms)),
    ];
    let mut other = Vec::new();
    if f.chatons > 0 || filters.chatons {
        other.push(FacetOption {
            label: lang.t("directory-chatons-member"),
            count: f.chatons,
            href: state.toggle("chatons", "oui"),
            active: filters.chatons,
        });
    }
    if f.remote > 0 || filters.remote {
        other.push(FacetOption {
            label: lang.t("directory-remote"),
            count: f.remote,
            href: state.toggle("a_distance", "oui"),
            active: filters.remote,
        });
    }
    groups.push(group("autres", "directory-facet-other", other));
    groups.retain(|g| !g.first.is_empty());
    groups
}

/// The filters in force, as (label, link that removes it), the typed words first.
fn active_filters(groups: &[FacetGroup], state: &UrlState) -> Vec<(String, String)> {
    let mut active: Vec<(String, String)> = groups
        .iter()
        .flat_map(|g| g.first.iter().chain(g.more.iter()))
        .filter(|o| o.active)
        .map(|o| (o.label.clone(), o.href.clone()))
        .collect();
    if !state.q.is_empty() {
        active.insert(0, (format!("« {} »", state.q), state.without_text()));
    }
    active
}

fn items(lang: Lang, labels: &Labels, results: &Results) -> Vec<Item> {
    results
        .cards
        .iter()
        .map(|card| Item {
            services: card.services.iter().take(3).filter_map(|s| labels.get(lang, "service", s)).collect(),
            software: card.software.iter().take(5).filter_map(|s| labels.get(lang, "software", s)).collect(),
            place: match geo::departement(&card.department_code) {
                Some(d) if !card.commune_name.is_empty() => format!("{} ({})", card.commune_name, d.code),
                _ => card.commune_name.clone(),
            },
            card: card.clone(),
        })
        .collect()
}

/// The sort choices as (value, label key, chosen); relevance only for a text search.
fn sorts(filters: &Filters, current: Sort) -> Vec<(&'static str, &'static str, bool)> {
    [Sort::Relevance, Sort::Recommendations, Sort::Name]
        .into_iter()
        .filter(|s| *s != Sort::Relevance || !filters.text.is_empty())
        .map(|s| {
            let key = match s {
                Sort::Relevance => "directory-sort-relevance",
                Sort::Recommendations => "directory-sort-recommendations",
                Sort::Name => "directory-sort-name",
            };
            (s.as_str(), key, s == current)
        })
        .collect()
}
