//! GET /annuaire/embed?…: the filtered list for partner sites' iframes. The only page that
//! allows framing; links open the full site in a new tab.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum_extra::extract::Query;

use super::{Item, Search, search};
use crate::app::AppState;
use crate::directory::Results;
use crate::directory::forms::ListQuery;
use crate::web::{AppError, PageCtx, render};

#[derive(Template)]
#[template(path = "directory/embed.html")]
struct EmbedPage {
    ctx: PageCtx,
    q: String,
    results: Results,
    items: Vec<Item>,
    hidden: Vec<(&'static str, String)>,
    full: String,
    prev: Option<String>,
    next: Option<String>,
}

pub(super) async fn embed(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let Search { labels, results, state, .. } = search(&app, &query)?;
    let lang = ctx.lang;
    let items = results
        .cards
        .iter()
        .map(|card| Item {
            services: card.services.iter().take(3).filter_map(|s| labels.get(lang, "service", s)).collect(),
            software: Vec::new(),
            place: card.commune_name.clone(),
            card: card.clone(),
        })
        .collect();
    let embed_url = |page: usize| state.page(page).replacen("/annuaire", "/annuaire/embed", 1);
    let page = EmbedPage {
        q: state.q.clone(),
        hidden: state.params.clone(),
        full: format!("{}{}", app.config.base(), state.page(1)),
        prev: (results.page > 1).then(|| embed_url(results.page - 1)),
        next: (results.page < results.pages).then(|| embed_url(results.page + 1)),
        ctx,
        results,
        items,
    };
    let mut res = render(&page)?;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors *; base-uri 'none'",
        ),
    );
    Ok(res)
}
