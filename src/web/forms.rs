//! Form plumbing: the [`CsrfForm`] extractor every POST goes through, and [`FieldErrors`],
//! the per-field messages shown next to each field.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Multipart, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::csrf;
use super::error::AppError;
use super::session::CurrentUser;
use super::state::WebState;

/// A form body that passed the anti-forgery checks, deserialised into `T`.
///
/// `T` should give every field `#[serde(default)]`, so that a missing field becomes an empty
/// value and a validation message rather than a rejection. Only what a browser's form sends is
/// read: `application/x-www-form-urlencoded`, or `multipart/form-data` (its text fields; files
/// are skipped). Any other body gets the 415 page.
pub struct CsrfForm<T>(pub T);

/// How a form body is encoded, from its `Content-Type`.
#[derive(Debug, PartialEq, Eq)]
enum Encoding {
    UrlEncoded,
    Multipart,
}

fn encoding(req: &Request) -> Option<Encoding> {
    let value = req.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        Some(Encoding::UrlEncoded)
    } else if essence.eq_ignore_ascii_case("multipart/form-data") {
        Some(Encoding::Multipart)
    } else {
        None
    }
}

/// The text fields of a multipart body, re-encoded as a URL-encoded body, so that both
/// encodings are then read alike. A malformed body is a bad request.
async fn multipart_as_urlencoded<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, Response> {
    let bad = |_| StatusCode::BAD_REQUEST.into_response();
    let mut multipart = Multipart::from_request(req, state).await.map_err(IntoResponse::into_response)?;
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.into_response())? {
        if field.file_name().is_some() {
            continue;
        }
        let name = field.name().unwrap_or("").to_owned();
        fields.push((name, field.text().await.map_err(|e| e.into_response())?));
    }
    let body = serde_html_form::to_string(&fields).map_err(bad)?;
    Ok(Bytes::from(body))
}

#[derive(serde::Deserialize)]
struct Token {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for CsrfForm<T>
where
    WebState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let app = WebState::from_ref(state);
        if !csrf::same_origin(req.headers(), &app.config.base_url) {
            return Err(AppError::Csrf.into_response());
        }
        let Some(encoding) = encoding(&req) else {
            return Err(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
        };
        let binding = req.extensions().get::<CurrentUser>().map(|u| u.session_id.clone());
        // The body limit answers 413 here, which becomes the "too large" page.
        let body = match encoding {
            Encoding::UrlEncoded => Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?,
            Encoding::Multipart => multipart_as_urlencoded(req, state).await?,
        };
        let token: Token = serde_html_form::from_bytes(&body).map_err(|_| AppError::Csrf.into_response())?;
        if !csrf::verify(&app.secret, binding.as_deref(), &token.csrf) {
            return Err(AppError::Csrf.into_response());
        }
        match serde_html_form::from_bytes::<T>(&body) {
            Ok(form) => Ok(CsrfForm(form)),
            Err(e) => {
                tracing::debug!(error = %e, "malformed form body");
                Err((axum::http::StatusCode::BAD_REQUEST).into_response())
            }
        }
    }
}

/// Messages for the fields of a form, as translation keys, in the order the form checks its
/// fields (which is the order of the fields on the page, for the summary at the top).
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(Vec<(&'static str, &'static str)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// A single message, for a rule broken outside the form's own checks.
    pub fn one(field: &'static str, key: &'static str) -> Self {
        FieldErrors(vec![(field, key)])
    }

    /// Records a message for a field; the first message of a field wins.
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        if !self.0.iter().any(|(f, _)| *f == field) {
            self.0.push((field, key));
        }
    }

    /// Records the error of a parse result and returns its value, if any.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, &'static str>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(key) => {
                self.add(field, key);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message key of a field, for templates.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
    }

    /// Every (field, key) pair, for the summary at the top of a form.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.0.iter().copied()
    }

    pub fn into_result<T>(self, value: Option<T>) -> Result<T, FieldErrors> {
        match value {
            Some(v) if self.is_empty() => Ok(v),
            _ => Err(self),
        }
    }
}

/// One option of a list of checkboxes, radio buttons or a select, as the templates render it.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}
