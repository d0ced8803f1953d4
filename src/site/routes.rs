//! Home, pages, language switch, health check.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::store;
use crate::app::AppState;
use crate::web::i18n::{Localised, split_prefix};
use crate::web::page::safe_return;
use crate::web::{AppError, Lang, PageCtx, render};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/pages/{slug}", get(page))
        .route("/langue/{code}", get(switch_language))
        .route("/healthz", get(healthz))
}

#[derive(Template)]
#[template(path = "site/home.html")]
struct HomePage {
    ctx: PageCtx,
    structures: usize,
    open_ads: usize,
    /// The newest ads: (path, title, kind label key, association).
    latest_ads: Vec<(String, String, &'static str, String)>,
}

async fn home(State(app): State<AppState>, ctx: PageCtx) -> Result<Response, AppError> {
    let latest_ads = app
        .ads
        .latest(None, 3)
        .into_iter()
        .map(|c| (c.path(), c.title.clone(), c.kind.label_key(), c.association_name.clone()))
        .collect();
    render(&HomePage { ctx, structures: app.directory.listed_count(), open_ads: app.ads.open_count(), latest_ads })
}

#[derive(Template)]
#[template(path = "site/page.html")]
struct ContentPage {
    ctx: PageCtx,
    title: String,
    html: String,
    updated_at: i64,
}

async fn page(State(app): State<AppState>, ctx: PageCtx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let page = store::page(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let (title, body) = match ctx.lang {
        Lang::Fr => (page.title_fr, page.body_fr),
        Lang::En => (page.title_en, page.body_en),
    };
    render(&ContentPage { ctx, title, html: crate::web::markdown(&body), updated_at: page.updated_at })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Back {
    retour: String,
}

/// GET /langue/{fr|en}?retour=…: the page `retour` in that language. Kept for the links of
/// earlier versions; the language is in the URL now, so nothing is remembered.
async fn switch_language(Path(code): Path<String>, Query(q): Query<Back>) -> Result<Response, AppError> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let back = safe_return(Some(&q.retour), "/");
    let mut res = Redirect::to(&lang.href(split_prefix(&back).1)).into_response();
    res.extensions_mut().insert(Localised);
    Ok(res)
}

/// GET /healthz: 200 when the database answers.
async fn healthz(State(app): State<AppState>) -> Response {
    match app.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
