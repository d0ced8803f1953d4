//! The ads as open data: Atom feeds of the newest ads (all of them, or one kind) and a JSON API
//! with the filters of the `/annonces` list.
//!
//! Only public ads ever appear: the feeds and the list read the in-memory catalog, which holds
//! nothing else, and a single ad is read again from the database and answered only while its
//! state is public (a draft, a pending, refused or removed ad is a 404). The API follows the
//! conventions of the structures' API (`/api/v1/structures`): open to every origin, cacheable
//! for five minutes, unknown filter values ignored, `{"error": "not_found"}` for a missing item.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Query;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::routes::ListQuery;
use super::search::{AdCard, Catalog};
use super::store;
use crate::app::AppState;
use crate::web::api::{iso, json, not_found, open};
use crate::web::{AppError, Lang};

/// Entries in a feed.
const FEED_ENTRIES: usize = 50;
/// Items per page of the API: default and largest.
const PER_PAGE: usize = 20;
const MAX_PER_PAGE: usize = 100;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/annonces.atom", get(feed))
        .route("/api/v1/ads", get(api_list))
        .route("/api/v1/ads/{id}", get(api_one))
}

// ---- Atom feeds ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct FeedQuery {
    #[serde(rename = "type")]
    kind: String,
}

/// Text for XML content and attribute values. Characters XML 1.0 forbids (control characters
/// other than tab and line breaks) are dropped, so that the feed stays well-formed whatever
/// was typed.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// One `<entry>` of a feed.
fn entry(out: &mut String, base: &str, lang: Lang, card: &AdCard) {
    let url = escape(&format!("{base}{}", card.path()));
    let updated = card.updated_at.max(card.published_at);
    out.push_str("  <entry>\n");
    out.push_str(&format!("    <id>{url}</id>\n"));
    out.push_str(&format!("    <title type=\"text\">{}</title>\n", escape(&card.title)));
    out.push_str(&format!("    <published>{}</published>\n", iso(card.published_at)));
    out.push_str(&format!("    <updated>{}</updated>\n", iso(updated)));
    out.push_str(&format!("    <author><name>{}</name></author>\n", escape(&card.association_name)));
    out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
    out.push_str(&format!("    <summary type=\"text\">{}</summary>\n", escape(&card.excerpt)));
    out.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\"/>\n",
        card.kind.as_str(),
        escape(&lang.t(card.kind.label_key()))
    ));
    out.push_str("  </entry>\n");
}

/// The Atom 1.0 document of `cards`, newest first.
fn atom(base: &str, site: &str, lang: Lang, kind: Option<Kind>, cards: &[std::sync::Arc<AdCard>]) -> String {
    let query = kind.map(|k| format!("?type={}", k.as_str())).unwrap_or_default();
    let self_url = escape(&format!("{base}/annonces.atom{query}"));
    let list_url = escape(&format!("{base}/annonces{query}"));
    let title = match kind {
        Some(k) => lang.t_args("ads-feed-title-kind", &[("site", site.to_owned()), ("kind", lang.t(k.label_key()))]),
        None => lang.t_args("ads-feed-title", &[("site", site.to_owned())]),
    };
    let updated = cards.iter().map(|c| c.updated_at.max(c.published_at)).max().unwrap_or_else(crate::db::now);
    let mut out = String::with_capacity(1024 + cards.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", lang.code()));
    out.push_str(&format!("  <id>{self_url}</id>\n"));
    out.push_str(&format!("  <title type=\"text\">{}</title>\n", escape(&title)));
    out.push_str(&format!("  <subtitle type=\"text\">{}</subtitle>\n", escape(&lang.t("ads-feed-subtitle"))));
    out.push_str(&format!("  <updated>{}</updated>\n", iso(updated)));
    out.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n"));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{list_url}\"/>\n"));
    for card in cards {
        entry(&mut out, base, lang, card);
    }
    out.push_str("</feed>\n");
    out
}

/// GET /annonces.atom, /annonces.atom?type=besoin: the newest public ads, of one kind or all.
async fn feed(State(app): State<AppState>, lang: Lang, Query(q): Query<FeedQuery>) -> Result<Response, AppError> {
    let kind = match q.kind.as_str() {
        "" => None,
        other => Some(Kind::parse(other).ok_or(AppError::NotFound)?),
    };
    let cards = app.ads.latest(kind, FEED_ENTRIES);
    let body = atom(app.config.base(), &app.config.site_name, lang, kind, &cards);
    let mut res = open(body.into_response(), "application/atom+xml; charset=utf-8");
    // The titles follow the visitor's language.
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    Ok(res)
}

// ---- JSON API -----------------------------------------------------------------------------

/// A public ad as published in the API.
#[derive(Serialize, Debug)]
struct Item {
    id: i64,
    url: String,
    title: String,
    kind: &'static str,
    /// The value in the database: `published`, `funded`, `in_progress`, `done`, `closed`, `expired`.
    status: &'static str,
    association: String,
    excerpt: String,
    /// Software slug.
    software: Option<String>,
    software_other: String,
    /// Region code (INSEE).
    region: Option<String>,
    remote: bool,
    tags: Vec<String>,
    estimated_cost: Option<i64>,
    accepted_cost: Option<i64>,
    pledged: i64,
    associations: i64,
    offers: i64,
    /// `YYYY-MM-DD`.
    deadline: Option<String>,
    published_at: String,
}

fn item(base: &str, catalog: &Catalog, c: &AdCard) -> Item {
    Item {
        id: c.id,
        url: format!("{base}{}", c.path()),
        title: c.title.clone(),
        kind: c.kind.as_str(),
        status: c.status.as_str(),
        association: c.association_name.clone(),
        excerpt: c.excerpt.clone(),
        software: catalog.software_of(c).map(str::to_owned),
        software_other: c.software_other.clone(),
        region: catalog.region_of(c).map(str::to_owned),
        remote: c.remote,
        tags: c.tags.clone(),
        estimated_cost: c.estimated_cost,
        accepted_cost: c.accepted_cost,
        pledged: c.pledged,
        associations: c.associations,
        offers: c.offers,
        deadline: c.deadline.clone(),
        published_at: iso(c.published_at),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Paging {
    per_page: String,
}

impl Paging {
    /// 1 to `MAX_PER_PAGE`; anything unreadable is the default.
    fn per_page(&self) -> usize {
        self.per_page.trim().parse::<usize>().unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE)
    }
}

#[derive(Serialize)]
struct Page {
    total: usize,
    page: usize,
    per_page: usize,
    pages: usize,
    items: Vec<Item>,
}

/// GET /api/v1/ads: the list with the filters of `/annonces`, a page at a time.
async fn api_list(
    State(app): State<AppState>,
    Query(query): Query<ListQuery>,
    Query(paging): Query<Paging>,
) -> Result<Response, AppError> {
    let filters = query.filters(super::software_known(&app));
    let per_page = paging.per_page();
    let results = app.ads.search(&filters, per_page).map_err(AppError::Internal)?;
    let catalog = app.ads.catalog();
    let base = app.config.base();
    json(&Page {
        total: results.total,
        page: results.page,
        per_page,
        pages: results.pages,
        items: results.cards.iter().map(|c| item(base, &catalog, c)).collect(),
    })
}

#[derive(Serialize)]
struct Detail {
    #[serde(flatten)]
    item: Item,
    /// Markdown, as its author wrote it.
    body: String,
    /// The Markdown as sanitised HTML.
    body_html: String,
}

/// GET /api/v1/ads/{id}: one public ad, read from the database so that an ad taken down a
/// moment ago is already gone.
async fn api_one(State(app): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else { return Ok(not_found()) };
    let Some(row) = store::by_id(app.db.conn(), id).await? else { return Ok(not_found()) };
    if !row.status.is_public() {
        return Ok(not_found());
    }
    // The card of this row exactly as the catalog builds it, for the same fields as the list.
    let catalog = Catalog::from_rows(std::slice::from_ref(&row));
    let Some(card) = catalog.get(row.id) else { return Ok(not_found()) };
    json(&Detail {
        item: item(app.config.base(), &catalog, &card),
        body_html: crate::web::markdown(&row.body),
        body: row.body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_safe_in_xml() {
        assert_eq!(escape("R&D <b>\"x\" 'y'</b>"), "R&amp;D &lt;b&gt;&quot;x&quot; &apos;y&apos;&lt;/b&gt;");
        assert_eq!(escape("a\u{0}b\u{1b}c\nd\u{fffe}"), "abc\nd");
        assert_eq!(escape("« Déjà vu »"), "« Déjà vu »");
    }

    #[test]
    fn per_page_is_bounded() {
        let p = |s: &str| Paging { per_page: s.into() }.per_page();
        assert_eq!((p(""), p("abc"), p("0"), p("7"), p("100"), p("101"), p("-3")), (20, 20, 1, 7, 100, 100, 20));
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(iso(0), "1970-01-01T00:00:00+00:00");
    }
}
