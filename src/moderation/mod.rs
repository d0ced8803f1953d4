//! The moderation queue (`/moderation`): structures waiting for approval, recommendations
//! waiting for publication, and open reports. Every decision carries a reason, is written to
//! the audit log, and is told by email to the people concerned. An item already decided by
//! another moderator gets a clear answer instead of a second decision.
//!
//! Layout: `routes.rs` (the queue page and the decision handlers), `forms.rs` (the decision
//! form), `actions/` (one decision a file), `queue.rs` (what waits, with the flags that call
//! for a closer look), `store.rs` (SQL). Ads and comments are moderated by `ads`, through the
//! same queue page.

mod actions;
mod forms;
mod queue;
mod routes;
mod store;

use axum::http::StatusCode;

pub(crate) use forms::DecisionForm;
pub use routes::routes;
pub(crate) use routes::{already, invalid};
pub use store::JournalEntry;

use crate::db::Db;
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
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

impl ModerationError {
    /// The field, message key and status of a refusal that the queue shows; `None` for the
    /// others, which become error pages.
    pub fn on_form(&self) -> Option<(&'static str, &'static str, StatusCode)> {
        match self {
            ModerationError::AlreadyDecided => Some(("form", "err-already-decided", StatusCode::CONFLICT)),
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

/// A moderator's decision on a structure or a recommendation.
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

/// What can be reported.
#[derive(Debug, Clone, Copy)]
pub enum ReportTarget {
    Structure(i64),
    Recommendation(i64),
    Ad(i64),
    AdComment(i64),
}

/// Files a report in the moderation queue; `email` may be empty.
pub async fn report(
    db: &Db,
    target: ReportTarget,
    reason: &str,
    message: &str,
    email: &str,
) -> Result<(), sea_orm::DbErr> {
    let (kind, id) = match target {
        ReportTarget::Structure(id) => ("structure", id),
        ReportTarget::Recommendation(id) => ("recommendation", id),
        ReportTarget::Ad(id) => ("ad", id),
        ReportTarget::AdComment(id) => ("ad_comment", id),
    };
    store::insert_report(db, kind, id, reason, message, email).await
}

/// The audit log, newest first, a page at a time (for the admin journal).
pub async fn journal(db: &Db, page: u32, per_page: u32) -> Result<(Vec<JournalEntry>, bool), sea_orm::DbErr> {
    store::journal(db, page, per_page).await
}
