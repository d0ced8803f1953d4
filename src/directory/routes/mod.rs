//! Directory pages, one file per page or action: the searchable list (`list.rs`), its map
//! (`map.rs`), the list for partner sites (`embed.rs`), the profiles (`profile.rs`) with their
//! contact relay and its confirmation page (`contact.rs`) and reports (`report.rs`), the
//! confirmation of a profile from the reminder's link (`confirm.rs`), the logos (`logo.rs`), the structure's workspace (`workspace/`), and the
//! moderators' decision on a structure (`moderate.rs`).
//! Handlers parse, call one action of `../actions/` and answer; the open data routes are in
//! `../opendata.rs`.

mod confirm;
mod contact;
mod embed;
mod list;
mod logo;
mod map;
mod moderate;
mod profile;
mod report;
mod workspace;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::forms::ListQuery;
use super::search::Sort;
use super::{Card, Filters, Labels, Results};
use crate::app::AppState;
use crate::web::AppError;
use crate::web::facets::UrlState;

/// The query parameters the cached pages read (the list, the map and the embed; the profile
/// reads none): the page cache keys on these only.
pub(super) const LIST_PARAMS: &[&str] =
    &["q", "service", "logiciel", "region", "departement", "forme", "chatons", "a_distance", "tri", "page"];
/// The same and the API's page size.
pub(super) const API_PARAMS: &[&str] =
    &["q", "service", "logiciel", "region", "departement", "forme", "chatons", "a_distance", "tri", "page", "per_page"];

/// Every route of the directory: pages, workspace, open data and API, the moderators' decision.
/// The anonymous answers of the pages and of the API are kept in the directory's page cache.
pub fn routes(app: &AppState) -> Router<AppState> {
    let cache = app.directory.page_cache();
    let pages = Router::new()
        .route("/annuaire", get(list::list))
        .route("/annuaire/carte.svg", get(map::map_svg))
        .route("/annuaire/{slug}", get(profile::profile))
        .route("/annuaire/{slug}/contact", post(contact::contact))
        .route("/annuaire/{slug}/signaler", post(report::report))
        .route("/annuaire/embed", get(embed::embed))
        .route("/medias/logos/{file}", get(logo::logo));
    // Pages that depend on a signed link or change state: never in the page cache.
    let links = Router::new()
        .route("/annuaire/{slug}/message-envoye", get(contact::sent))
        .route("/annuaire/{slug}/confirmer", get(confirm::page).post(confirm::confirm));
    let moderation = Router::new()
        .route("/moderation/structures/{id}", post(moderate::decide))
        .route("/moderation/structures/{id}/modifications", post(moderate::decide_changes));
    crate::web::cache::cached(pages, cache.clone(), LIST_PARAMS)
        .merge(super::opendata::routes(cache))
        .merge(links)
        .merge(workspace::routes())
        .merge(moderation)
}

/// A search of the list: the labels, the filters kept from the query, the results and the URL
/// state of the list for them.
struct Search {
    labels: Arc<Labels>,
    filters: Filters,
    results: Results,
    state: UrlState,
}

fn search(app: &AppState, query: &ListQuery) -> Result<Search, AppError> {
    let labels = app.directory.labels();
    let filters = query.filters(&labels);
    let results = app.directory.search(&filters).map_err(AppError::Internal)?;
    let state = url_state(&query.q, &filters);
    Ok(Search { labels, filters, results, state })
}

/// The URL state of the list for the current search.
fn url_state(q: &str, f: &Filters) -> UrlState {
    let mut params = Vec::new();
    params.extend(f.services.iter().map(|v| ("service", v.clone())));
    params.extend(f.software.iter().map(|v| ("logiciel", v.clone())));
    params.extend(f.regions.iter().map(|v| ("region", v.clone())));
    params.extend(f.departements.iter().map(|v| ("departement", v.clone())));
    params.extend(f.forms.iter().map(|v| ("forme", v.clone())));
    if f.chatons {
        params.push(("chatons", "oui".into()));
    }
    if f.remote {
        params.push(("a_distance", "oui".into()));
    }
    UrlState::new("/annuaire", q, params, f.sort.map(Sort::as_str))
}

/// A structure in the list, with its labels in the page's language.
pub struct Item {
    pub card: Arc<Card>,
    pub services: Vec<String>,
    pub software: Vec<String>,
    pub place: String,
}
