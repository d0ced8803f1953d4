//! Errors seen by visitors: every 4xx/5xx answer becomes a friendly page in their language.
//!
//! Handlers return [`AppError`]; its response carries only a status and an [`ErrorPage`]
//! marker. The [`error_pages`] middleware, which knows the visitor's language, turns every
//! error response that is not already a rendered page (including 404 from the router, 413 from
//! the body limit and 500 from a panic) into the full page. Internal causes are logged, never
//! shown.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use super::i18n::Lang;
use super::page::{PageCtx, Rendered};
use super::session::CurrentUser;
use super::state::WebState;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// The form's anti-forgery check failed (expired page or a post from another site).
    #[error("form check failed")]
    Csrf,
    /// A rate limit was reached; the visitor may retry after the window.
    #[error("too many requests")]
    TooMany { minutes: i64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<crate::db::StoreError> for AppError {
    fn from(e: crate::db::StoreError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// Marker left on error responses for [`error_pages`] to render.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub retry_minutes: Option<i64>,
    pub csrf: bool,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, marker) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorPage { retry_minutes: None, csrf: false }),
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorPage { retry_minutes: None, csrf: false }),
            AppError::Csrf => (StatusCode::FORBIDDEN, ErrorPage { retry_minutes: None, csrf: true }),
            AppError::TooMany { minutes } => {
                (StatusCode::TOO_MANY_REQUESTS, ErrorPage { retry_minutes: Some(*minutes), csrf: false })
            }
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorPage { retry_minutes: None, csrf: false })
            }
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(marker);
        res
    }
}

#[derive(Template)]
#[template(path = "site/error.html")]
struct ErrorTemplate {
    ctx: PageCtx,
    status: u16,
    title: String,
    message: String,
}

/// Paths whose errors stay machine-readable.
fn is_machine_path(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path.starts_with("/static/") || path.starts_with("/medias/")
}

/// Middleware: renders a page for every error response that is not a page yet.
pub async fn error_pages(State(app): State<WebState>, req: Request, next: Next) -> Response {
    // Only what an error page needs is kept; the page context is built only for an error.
    let uri = req.uri().clone();
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let user = req.extensions().get::<CurrentUser>().cloned();
    let form_page = super::page::form_page(&app, req.method(), req.headers());
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || res.extensions().get::<Rendered>().is_some()
        || is_machine_path(uri.path())
    {
        return res;
    }
    let ctx = PageCtx::build(&app, lang, &uri, user);
    let ctx = match form_page {
        Some(from) => ctx.switching_to(&from),
        None => ctx,
    };
    let marker = res.extensions().get::<ErrorPage>().copied();
    let lang = ctx.lang;
    let (title_key, message) = match (status.as_u16(), marker) {
        (_, Some(ErrorPage { csrf: true, .. })) => ("error-csrf-title", lang.t("error-csrf-text")),
        (429, m) => (
            "error-429-title",
            lang.t_args("error-429-text", &[("minutes", m.and_then(|m| m.retry_minutes).unwrap_or(15).to_string())]),
        ),
        (404, _) => ("error-404-title", lang.t("error-404-text")),
        (403, _) => ("error-403-title", lang.t("error-403-text")),
        (413, _) => ("error-413-title", lang.t("error-413-text")),
        (415, _) => ("error-415-title", lang.t("error-415-text")),
        (400..=499, _) => ("error-400-title", lang.t("error-400-text")),
        _ => ("error-500-title", lang.t("error-500-text")),
    };
    let page = ErrorTemplate { title: lang.t(title_key), message, status: status.as_u16(), ctx };
    let mut out = match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "error page failed to render");
            (status, lang.t("error-500-title")).into_response()
        }
    };
    // Keep headers that matter to the client (e.g. Set-Cookie clearing a stale session).
    for value in res.headers().get_all(header::SET_COOKIE) {
        out.headers_mut().append(header::SET_COOKIE, value.clone());
    }
    if let Some(v) = res.headers().get(header::RETRY_AFTER) {
        out.headers_mut().insert(header::RETRY_AFTER, v.clone());
    }
    out.extensions_mut().insert(Rendered);
    out
}
