//! What every page template needs: language, signed-in person, CSRF token, flash, navigation.

use askama::Template;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::assets;
use super::csrf;
use super::error::AppError;
use super::i18n::{Lang, split_prefix};
use super::session::{CurrentUser, Role};
use super::state::WebState;

/// Marker on responses that are complete pages (error pages leave them alone).
#[derive(Debug, Clone, Copy)]
pub struct Rendered;

/// A link in the header's main navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub path: &'static str,
    pub label_key: &'static str,
}

#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    /// Anti-forgery token for the forms of this page.
    pub csrf: String,
    /// Path of the current page, without its language prefix.
    pub path: String,
    /// Path and query, without the language prefix, to come back after signing in.
    pub path_and_query: String,
    /// The same page in the other language (after a form post: the page the form was on).
    switch: String,
    /// `base_url` without its trailing slash, for the absolute alternate links.
    base: String,
    /// Translated flash message, from a known `flash-*` key in the URL.
    pub flash: Option<String>,
    pub site_name: String,
    pub demo: bool,
    pub nav: &'static [NavItem],
}

impl PageCtx {
    pub fn from_parts(app: &WebState, parts: &Parts) -> Self {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let ctx = Self::build(app, lang, &parts.uri, parts.extensions.get::<CurrentUser>().cloned());
        match form_page(app, &parts.method, &parts.headers) {
            Some(from) => ctx.switching_to(&from),
            None => ctx,
        }
    }

    /// The switch leads to the page `path` (without language prefix) in the other language.
    pub fn switching_to(mut self, path: &str) -> Self {
        self.switch = self.lang.other().href(path);
        self
    }

    /// For pages rendered outside an extractor (error pages): from what was kept of the request.
    pub fn build(app: &WebState, lang: Lang, uri: &axum::http::Uri, user: Option<CurrentUser>) -> Self {
        let flash = uri.query().and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("flash="))
                .filter(|k| k.starts_with("flash-") && k.len() < 64 && lang.has(k))
                .map(|k| lang.t(k))
        });
        let binding = user.as_ref().map(|u| u.session_id.as_str());
        let path_and_query = uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
        PageCtx {
            csrf: csrf::issue(&app.secret, binding),
            lang,
            user,
            path: uri.path().to_owned(),
            switch: lang.other().href(&path_and_query),
            path_and_query,
            base: app.config.base().to_owned(),
            flash,
            site_name: app.config.site_name.clone(),
            demo: app.config.demo_banner,
            nav: app.nav,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        self.lang.t_args(key, &[(name, value.to_string())])
    }

    /// A calendar day stored as "YYYY-MM-DD", in the page's language.
    pub fn day(&self, day: &str) -> String {
        match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(d) => self.lang.date(d.and_hms_opt(12, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or(0)),
            Err(_) => day.to_owned(),
        }
    }

    pub fn euros(&self, amount: &i64) -> String {
        self.lang.euros(*amount)
    }

    pub fn date(&self, ts: &i64) -> String {
        self.lang.date(*ts)
    }

    /// URL of a built-in static file, with its content hash.
    pub fn asset(&self, name: &str) -> &'static str {
        assets::url(name)
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_admin())
    }

    pub fn is_moderator(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.has(Role::Moderator) || u.is_admin())
    }

    pub fn role_label(&self, role: &Role) -> String {
        self.t(&role.label_key())
    }

    /// `aria-current="page"` for the navigation link of the current section.
    pub fn is_current(&self, path: &str) -> bool {
        if path == "/" { self.path == "/" } else { self.path.starts_with(path) }
    }

    /// The link to this page in the other language (a plain link: no cookie, no redirect).
    pub fn switch_href(&self) -> &str {
        &self.switch
    }

    /// The absolute URL of this page in French, for the `hreflang` alternates.
    pub fn alternate_fr(&self) -> String {
        format!("{}{}", self.base, Lang::Fr.href(&self.path_and_query))
    }

    /// The absolute URL of this page in English.
    pub fn alternate_en(&self) -> String {
        format!("{}{}", self.base, Lang::En.href(&self.path_and_query))
    }

    /// The sign-in link that comes back to this page.
    pub fn sign_in_href(&self) -> String {
        if self.path.starts_with("/compte") || self.path == "/" {
            "/compte/connexion".into()
        } else {
            format!(
                "/compte/connexion?retour={}",
                percent_encoding::utf8_percent_encode(&self.path_and_query, percent_encoding::NON_ALPHANUMERIC)
            )
        }
    }
}

/// For the answer to a form post, which has no page of its own to switch language to: the page
/// the form was on (from the referrer, when it is this site), else the home page. `None` for a
/// GET, whose own address is the page.
pub fn form_page(app: &WebState, method: &Method, headers: &axum::http::HeaderMap) -> Option<String> {
    if matches!(*method, Method::GET | Method::HEAD) {
        return None;
    }
    let from = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| same_site_path(r, app.config.base(), headers.get(header::HOST)))
        .map(|p| safe_return(Some(split_prefix(p).1), "/"))
        .unwrap_or_else(|| "/".to_owned());
    Some(from)
}

/// The path and query of `url` when it is a page of this site: its origin is `base`'s, or its
/// host is the one the request was sent to.
fn same_site_path<'a>(url: &'a str, base: &str, host: Option<&axum::http::HeaderValue>) -> Option<&'a str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let (authority, path) = rest.split_at(rest.find('/')?);
    let base_authority = base.split_once("://").map(|(_, a)| a).unwrap_or(base);
    let host = host.and_then(|h| h.to_str().ok());
    (authority == base_authority || Some(authority) == host).then_some(path)
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx
where
    WebState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(PageCtx::from_parts(&WebState::from_ref(state), parts))
    }
}

/// Renders a template as a complete page.
pub fn render<T: Template>(page: &T) -> Result<Response, AppError> {
    render_status(StatusCode::OK, page)
}

/// Renders a template with a status, e.g. 422 for a form with errors.
pub fn render_status<T: Template>(status: StatusCode, page: &T) -> Result<Response, AppError> {
    let html = page.render()?;
    let mut res = (status, Html(html)).into_response();
    res.extensions_mut().insert(Rendered);
    Ok(res)
}

/// `303 See Other` to `path`, showing the flash message `key` there.
pub fn see_other(path: &str, flash_key: &str) -> Response {
    // The query goes before a fragment: browsers never send what follows '#'.
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (path, String::new()),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    axum::response::Redirect::to(&format!("{path}{sep}flash={flash_key}{fragment}")).into_response()
}

/// Keeps only same-site paths, so `?retour=` cannot send a visitor elsewhere: a path that starts
/// with one `/`, holds no backslash, no control character and no blank (browsers drop a tab or a
/// newline, so `/<TAB>/evil.example` reads as `//evil.example`). Letters beyond ASCII are
/// percent-encoded, so the result is always a valid `Location`. Anything else gives `default`.
pub fn safe_return(target: Option<&str>, default: &str) -> String {
    let Some(t) = target else { return default.to_owned() };
    let refused = |c: char| c.is_control() || c.is_whitespace() || c == '\\';
    if !t.starts_with('/') || t.starts_with("//") || t.len() >= 512 || t.chars().any(refused) {
        return default.to_owned();
    }
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn return_targets_stay_on_the_site() {
        assert_eq!(safe_return(Some("/compte"), "/"), "/compte");
        assert_eq!(safe_return(Some("//evil.example"), "/"), "/");
        assert_eq!(safe_return(Some("https://evil.example"), "/"), "/");
        assert_eq!(safe_return(Some("/\\evil.example"), "/"), "/");
        assert_eq!(safe_return(None, "/"), "/");
        assert_eq!(safe_return(Some("/\t/evil.example"), "/"), "/");
        assert_eq!(safe_return(Some("/\n/evil.example"), "/"), "/");
        assert_eq!(safe_return(Some("/compte\r\nSet-Cookie: x=1"), "/"), "/");
        assert_eq!(safe_return(Some("/ /evil.example"), "/"), "/");
        assert_eq!(safe_return(Some("/\u{85}/evil.example"), "/"), "/");
        assert_eq!(safe_return(Some("/\u{3000}/evil.example"), "/"), "/");
        assert_eq!(safe_return(Some("/annuaire?q=café"), "/"), "/annuaire?q=caf%C3%A9");
    }
}
