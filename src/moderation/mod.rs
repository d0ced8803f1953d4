//! The moderation queue (`/moderation`): what the features registered waits there (structures,
//! recommendations, ads, comments: each a [`QueueSection`] handed over at start), then the open
//! reports, which moderation owns. Every decision carries a reason, is written to the audit log,
//! and is told by email to the people concerned. An item already decided by another moderator
//! gets a clear answer instead of a second decision.
//!
//! Moderation names no other feature (`.ci/check-deps` checks it): a feature registers its
//! sections, files reports under its own kind (`report`), decides on its items in its own
//! routes with the shared [`DecisionForm`], and answers with the queue page through [`decide`].
//!
//! Every decision form of the queue carries the version of the item the moderator saw
//! ([`DecisionForm::seen`]); the feature refuses a decision on an item that changed since
//! ([`ModerationError::Changed`], shown on the queue page). What changed in an item already
//! approved is shown field by field ([`FieldChange`], `templates/moderation/changes.html`).
//!
//! Layout: `hooks.rs` (what a feature registers), `routes.rs` (the queue page, the closing of
//! reports, the steps and answers the features' decisions share), `forms.rs` (the decision form),
//! `actions/` (one decision a file), `queue.rs` (what waits), `store.rs` (SQL).

mod actions;
mod forms;
mod hooks;
mod queue;
mod routes;
mod store;

use axum::http::StatusCode;

pub use actions::not_pending;
pub use forms::DecisionForm;
pub use hooks::{FieldChange, Names, Pending, QueueSection, Reported, TakeDown, changes, image_change};
pub use routes::{decide, routes};
pub use store::{JournalEntry, close_reports_about};

use crate::db::{self, Db};
use crate::web::AppError;

/// Why a decision was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ModerationError {
    /// No such item.
    #[error("no such item")]
    NotFound,
    /// Another moderator decided it first.
    #[error("already decided")]
    AlreadyDecided,
    /// The item changed since the moderator saw it (or the form did not say which version
    /// they saw): they look at it again before deciding.
    #[error("changed since it was shown")]
    Changed,
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

impl ModerationError {
    /// The field, message key and status of a refusal that the queue shows; `None` for the
    /// others, which become error pages.
    pub fn on_form(&self) -> Option<(&'static str, &'static str, StatusCode)> {
        match self {
            ModerationError::AlreadyDecided => Some(("form", "err-already-decided", StatusCode::CONFLICT)),
            ModerationError::Changed => Some(("form", "err-decision-stale", StatusCode::CONFLICT)),
            _ => None,
        }
    }
}

impl From<ModerationError> for AppError {
    fn from(e: ModerationError) -> Self {
        match e {
            ModerationError::NotFound => AppError::NotFound,
            ModerationError::Db(e) => e.into(),
            e => AppError::Internal(e.into()),
        }
    }
}

/// A moderator's decision to approve or refuse an item (a structure, a recommendation).
pub struct Decision {
    pub approve: bool,
    /// Required to refuse, optional to approve; the people concerned receive it.
    pub reason: String,
}

/// A moderator's closing of a report.
pub struct Closing {
    /// Something was done (rather than the report dismissed).
    pub acted: bool,
    /// An optional note, which the reporter receives.
    pub reason: String,
}

/// Files a report in the moderation queue about item `id` of `kind` (the kind its feature's
/// [`QueueSection`] answers for); `email` may be empty.
pub async fn report(db: &Db, kind: &str, id: i64, reason: &str, message: &str, email: &str) -> db::Result<()> {
    store::insert_report(db, kind, id, reason, message, email).await
}

/// The audit log, newest first, a page at a time (for the admin journal).
pub async fn journal(db: &Db, page: u32, per_page: u32) -> db::Result<(Vec<JournalEntry>, bool)> {
    store::journal(db, page, per_page).await
}
