//! Form plumbing: the [`CsrfForm`] extractor every POST goes through, and [`FieldErrors`],
//! the per-field messages shown next to each field.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::csrf;
use super::error::AppError;
use super::session::CurrentUser;
use super::state::WebState;

/// A form body that passed the anti-forgery checks, deserialised into `T`.
///
/// `T` should give every field `#[serde(default)]`, so that a missing field becomes an empty
/// value and a validation message rather than a rejection.
pub struct CsrfForm<T>(pub T);

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
        let binding = req.extensions().get::<CurrentUser>().map(|u| u.session_id.clone());
        // The body limit answers 413 here, which becomes the "too large" page.
        let body = Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
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
