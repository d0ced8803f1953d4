//! What every page template needs: language, signed-in person, CSRF token, flash, navigation.

use askama::Template;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};

use super::assets;
use super::csrf;
use super::error::AppError;
use super::i18n::Lang;
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
    /// Path of the current page, to come back after switching language.
    pub path: String,
    /// Path and query, to come back after signing in.
    pub path_and_query: String,
    /// Translated flash message, from a known `flash-*` key in the URL.
    pub flash: Option<String>,
    pub site_name: String,
    pub demo: bool,
    pub nav: &'static [NavItem],
}

impl PageCtx {
    pub fn from_parts(app: &WebState, parts: &Parts) -> Self {
        Self::build(app, Lang::from_headers(&parts.headers), &parts.uri, parts.extensions.get::<CurrentUser>().cloned())
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
        PageCtx {
            csrf: csrf::issue(&app.secret, binding),
            lang,
            user,
            path: uri.path().to_owned(),
            path_and_query: uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default(),
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

    /// The link that switches to the other language and comes back here.
    pub fn switch_href(&self) -> String {
        format!(
            "/langue/{}?retour={}",
            self.lang.other().code(),
            percent_encoding::utf8_percent_encode(&self.path_and_query, percent_encoding::NON_ALPHANUMERIC)
        )
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

/// Keeps only same-site relative paths, so `?retour=` cannot send a visitor elsewhere.
pub fn safe_return(target: Option<&str>, default: &str) -> String {
    match target {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.contains('\\') && t.len() < 512 => t.to_owned(),
        _ => default.to_owned(),
    }
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
    }
}
