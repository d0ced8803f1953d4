//! Interface languages: French first, English second, every visible string from `locales/`.
//!
//! The language of a page is in its URL: French pages are unprefixed, English pages live under
//! `/en` (`/en/annuaire` is the English `/annuaire`). A shared link therefore shows the language
//! it was shared in, the page cache keys on the URL alone, and no cookie is needed.
//! [`language_from_path`] runs before the routes: it takes the prefix off and leaves the
//! language in the request for the [`Lang`] extractor, so each route is declared once.
//! [`localise`] runs after the handlers: on English pages it puts the prefix back on every
//! internal link, form and redirect, and on any page whose reader's `Accept-Language` prefers the
//! other language it adds a link to that version (a suggestion, never a redirect).

use std::borrow::Cow;
use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The other language, for the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// Translates a message key.
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// Translates a message key with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        // Whole numbers go in as numbers, so that plural rules ("1 structure", "2 structures") apply.
        let value = |v: &String| match v.parse::<i64>() {
            Ok(n) if !v.starts_with('0') || v == "0" => FluentValue::from(n),
            _ => FluentValue::from(v.clone()),
        };
        let map: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), value(v))).collect();
        LOCALES.lookup_with_args(self.id(), key, &map)
    }

    /// Whether a key exists (used to accept only known flash keys from URLs).
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }

    /// The language a browser asks for in `Accept-Language`, if it names French or English.
    pub fn preferred(headers: &HeaderMap) -> Option<Lang> {
        headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(from_accept_language)
    }

    /// The path (with its query) of the page `path` in this language: `/annuaire?q=x` is
    /// `/en/annuaire?q=x` in English. Files, data and the API are the same in every language.
    pub fn href(self, path: &str) -> String {
        match self {
            Lang::En if !is_neutral(path) => match path.strip_prefix('/') {
                Some("") => "/en".to_owned(),
                Some(rest) if rest.starts_with(['?', '#']) => format!("/en{rest}"),
                _ => format!("/en{path}"),
            },
            _ => path.to_owned(),
        }
    }

    /// A whole amount of euros: "1 500 €" in French, "€1,500" in English.
    pub fn euros(self, amount: i64) -> String {
        let digits = amount.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(if self == Lang::En { ',' } else { '\u{202f}' });
            }
            grouped.push(c);
        }
        let sign = if amount < 0 { "-" } else { "" };
        if self == Lang::En { format!("{sign}€{grouped}") } else { format!("{sign}{grouped}\u{a0}€") }
    }

    /// Formats a Unix timestamp as a date in this language.
    pub fn date(self, ts: i64) -> String {
        let Some(dt) = chrono::DateTime::from_timestamp(ts, 0) else {
            return String::new();
        };
        match self {
            Lang::Fr => dt.format("%d/%m/%Y").to_string(),
            Lang::En => dt.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Best of French and English by quality value; `None` when neither is asked for.
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

/// Paths that are the same in every language: files, open data, the API, the health check.
fn is_neutral(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or("");
    path == "/en"
        || path == "/healthz"
        || path == "/favicon.ico"
        || path == "/robots.txt"
        || ["/en/", "/static/", "/medias/", "/api/", "/donnees/", "//"].iter().any(|p| path.starts_with(p))
}

/// The language of a path and the path without its language prefix: `/en/annuaire` is
/// (English, `/annuaire`), `/annuaire` is (French, `/annuaire`).
pub fn split_prefix(path: &str) -> (Lang, &str) {
    match path.strip_prefix("/en") {
        Some("") => (Lang::En, "/"),
        Some(rest) if rest.starts_with('/') => (Lang::En, rest),
        _ => (Lang::Fr, path),
    }
}

/// Middleware around the whole router: takes the `/en` prefix off the URI and leaves the
/// language in the request's extensions, where the [`Lang`] extractor finds it.
pub async fn language_from_path(mut req: Request, next: Next) -> Response {
    let (lang, rest) = split_prefix(req.uri().path());
    if lang == Lang::En {
        let path_and_query = match req.uri().query() {
            Some(q) => format!("{rest}?{q}"),
            None => rest.to_owned(),
        };
        let mut parts = req.uri().clone().into_parts();
        parts.path_and_query = path_and_query.parse().ok();
        if let Ok(uri) = Uri::from_parts(parts) {
            *req.uri_mut() = uri;
        }
    }
    req.extensions_mut().insert(lang);
    next.run(req).await
}

/// Marker on a response whose links and redirect are already in the right language (the
/// language switch itself): [`localise`] leaves it alone.
#[derive(Debug, Clone, Copy)]
pub struct Localised;

/// Where the suggestion of the other language goes in a page (see `templates/base.html`).
const SUGGESTION_MARK: &str = "<!--lang-suggest-->";
/// Largest page rewritten; larger bodies pass unchanged.
const MAX_REWRITTEN: usize = 8 * 1024 * 1024;

/// Middleware inside the router: English answers get their internal links, forms and redirect
/// prefixed with `/en`; a page read by a browser that prefers the other language gets a link
/// to that version. Runs inside the compression layer, on plain bodies.
pub async fn localise(req: Request, next: Next) -> Response {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let suggest = (matches!(*req.method(), Method::GET | Method::HEAD))
        .then(|| Lang::preferred(req.headers()))
        .flatten()
        .filter(|p| *p != lang)
        .map(|other| (other, other.href(req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"))));
    let mut res = next.run(req).await;
    if res.extensions().get::<Localised>().is_some() || (lang == Lang::Fr && suggest.is_none()) {
        return res;
    }
    if lang == Lang::En
        && let Some(to) = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok())
        && to.starts_with('/')
        && let Ok(v) = HeaderValue::from_str(&Lang::En.href(to))
    {
        res.headers_mut().insert(header::LOCATION, v);
    }
    let kind = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let html = kind.starts_with("text/html");
    if !(html || (lang == Lang::En && kind.starts_with("image/svg+xml"))) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_REWRITTEN).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let mut text = if lang == Lang::En { prefix_links(text) } else { text.to_owned() };
    if html && let Some((other, href)) = suggest {
        let note = format!(
            "<p class=\"lang-suggest\" lang=\"{code}\"><a href=\"{href}\" hreflang=\"{code}\">{text}</a></p>",
            code = other.code(),
            href = html_escape(&href),
            text = html_escape(&other.t("lang-suggest")),
        );
        text = text.replacen(SUGGESTION_MARK, &note, 1);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(text))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Prefixes with `/en` the internal links (`href`, `action`, `data`) of an English page, except
/// those of files and data and those of a tag that names its own language (`hreflang`: the
/// language switch and the alternates).
pub fn prefix_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut done = 0;
    let mut from = 0;
    while let Some(found) = html[from..].find("=\"/") {
        let at = from + found;
        let path_start = at + 2;
        from = path_start;
        let attr_start = html[..at].rfind(|c: char| c.is_ascii_whitespace() || c == ':').map_or(0, |i| i + 1);
        if !matches!(&html[attr_start..at], "href" | "action" | "data") {
            continue;
        }
        let path_end = html[path_start..].find('"').map_or(html.len(), |i| path_start + i);
        let path = &html[path_start..path_end];
        if is_neutral(path) {
            continue;
        }
        let tag_start = html[..at].rfind('<').unwrap_or(0);
        let tag_end = html[path_end..].find('>').map_or(html.len(), |i| path_end + i);
        if html[tag_start..tag_end].contains("hreflang=") {
            continue;
        }
        out.push_str(&html[done..path_start]);
        out.push_str(&Lang::En.href(path));
        done = path_end;
        from = path_end;
    }
    out.push_str(&html[done..]);
    out
}

/// Reads one cookie from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    /// The language of the page's URL (set by [`language_from_path`]); French when unset.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Lang>().copied().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality() {
        assert_eq!(from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(from_accept_language("de-DE,en;q=0.5,fr;q=0.8"), Some(Lang::Fr));
        assert_eq!(from_accept_language("de,es"), None);
        assert_eq!(from_accept_language("en;q=0"), None);
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn english_paths_carry_the_prefix_and_files_do_not() {
        assert_eq!(split_prefix("/en"), (Lang::En, "/"));
        assert_eq!(split_prefix("/en/annuaire"), (Lang::En, "/annuaire"));
        assert_eq!(split_prefix("/enquete"), (Lang::Fr, "/enquete"));
        assert_eq!(split_prefix("/annuaire"), (Lang::Fr, "/annuaire"));
        assert_eq!(Lang::En.href("/"), "/en");
        assert_eq!(Lang::En.href("/?flash=x"), "/en?flash=x");
        assert_eq!(Lang::En.href("/annuaire?q=a"), "/en/annuaire?q=a");
        assert_eq!(Lang::En.href("/static/app.css"), "/static/app.css");
        assert_eq!(Lang::En.href("/en/annuaire"), "/en/annuaire");
        assert_eq!(Lang::Fr.href("/annuaire"), "/annuaire");
    }

    #[test]
    fn english_pages_link_to_english_pages() {
        let html = r#"<a href="/">x</a><a class="b" href="/annuaire?q=a&amp;p=2">y</a>
<form method="post" action="/compte/connexion"><link rel="stylesheet" href="/static/app.css">
<a href="/annonces" hreflang="fr" lang="fr">Français</a><a href="https://ailleurs.example/">z</a>
<object data="/annuaire/carte.svg"></object><img src="/medias/logo.png"><a href="//evil.example">e</a>
<p>href="/pas-un-lien"</p>"#;
        let out = prefix_links(html);
        assert!(out.contains(r#"<a href="/en">x</a>"#), "{out}");
        assert!(out.contains(r#"href="/en/annuaire?q=a&amp;p=2""#), "{out}");
        assert!(out.contains(r#"action="/en/compte/connexion""#), "{out}");
        assert!(out.contains(r#"href="/static/app.css""#), "{out}");
        assert!(out.contains(r#"<a href="/annonces" hreflang="fr""#), "{out}");
        assert!(out.contains(r#"href="https://ailleurs.example/""#), "{out}");
        assert!(out.contains(r#"data="/en/annuaire/carte.svg""#), "{out}");
        assert!(out.contains(r#"src="/medias/logo.png""#), "{out}");
        assert!(out.contains(r#"href="//evil.example""#), "{out}");
    }

    #[test]
    fn french_and_english_have_the_same_keys() {
        let keys = |text: &str| -> std::collections::BTreeSet<String> {
            text.lines()
                .filter(|l| !l.starts_with([' ', '#', '.', '\t']) && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or("").trim().to_owned())
                .collect()
        };
        let fr = keys(include_str!("../../locales/fr/main.ftl"));
        let en = keys(include_str!("../../locales/en/main.ftl"));
        let only_fr: Vec<_> = fr.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&fr).collect();
        assert!(only_fr.is_empty() && only_en.is_empty(), "fr only: {only_fr:?}, en only: {only_en:?}");
        assert!(fr.len() > 50);
    }

    #[test]
    fn counts_follow_plural_rules() {
        assert_eq!(Lang::Fr.t_args("directory-count", &[("count", "0".into())]), "Aucune structure");
        assert_eq!(Lang::Fr.t_args("directory-count", &[("count", "1".into())]), "1 structure");
        assert_eq!(Lang::Fr.t_args("directory-count", &[("count", "12".into())]), "12 structures");
        assert_eq!(Lang::En.t_args("directory-count", &[("count", "1".into())]), "1 organisation");
    }

    #[test]
    fn every_key_translates() {
        assert_eq!(Lang::Fr.t("nav-home"), "Accueil");
        assert_eq!(Lang::En.t("nav-home"), "Home");
        assert!(Lang::Fr.has("flash-signed-out"));
        assert!(!Lang::Fr.has("no-such-key"));
    }
}
