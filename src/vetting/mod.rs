//! Vetting by recommendations, the trust mechanism of the directory.
//!
//! A structure declares an accompaniment; the association's contact receives a signed,
//! single-use, expiring link (a random token stored hashed, compared by the database index on
//! its hash), confirms the project and writes a recommendation — or says it did not happen. A
//! signed-in association member may also recommend a structure on their own initiative. Every
//! recommendation waits for a moderator before it counts, and its author can withdraw it from
//! the link of the confirmation email.
//!
//! Layout: `routes.rs` (the pages), `declare.rs` (a declaration, with its caps), `forms.rs`,
//! `store.rs` (SQL), `moderation.rs` (the recommendations' section of the moderation queue,
//! with the signals of a self-recommendation, and the decision on one).

mod declare;
mod forms;
mod moderation;
mod routes;
mod store;

pub use moderation::queue_section;

/// How long the network tags of a declaration and of its answer (keyed hashes of the /64 or
/// IPv4 address, compared to show moderators a self-recommendation) are kept.
pub const NETWORK_TAG_DAYS: i64 = 90;

/// Forgets the network tags older than [`NETWORK_TAG_DAYS`] (a scheduled task); returns how many
/// accompaniments had some.
pub async fn forget_network_tags(db: &crate::db::Db) -> crate::db::Result<usize> {
    store::forget_network_tags(db, crate::db::now() - NETWORK_TAG_DAYS * 86_400).await
}

/// Every route of the vetting: declarations, answers, recommendations, reports, and the
/// moderators' decision on a recommendation.
pub fn routes() -> axum::Router<crate::app::AppState> {
    routes::routes().merge(moderation::routes())
}

crate::text_enum! {
    /// Where a declared accompaniment stands: its link is used once.
    pub enum AccompanimentStatus {
        /// The link is sent, no answer yet.
        Sent = "sent",
        Confirmed = "confirmed",
        /// The association says it did not happen.
        Declined = "declined",
    }
}

crate::text_enum! {
    /// Where a recommendation stands: only published ones count.
    pub enum RecommendationStatus {
        /// Waiting for a moderator.
        Pending = "pending",
        Published = "published",
        Rejected = "rejected",
        /// Withdrawn by its author.
        Withdrawn = "withdrawn",
    }
}

/// An accompaniment link is valid this long.
pub const LINK_DAYS: i64 = 30;
/// Recommendations one address may write in a month before the next ones are refused.
pub const AUTHOR_MONTHLY_LIMIT: i64 = 5;

/// A level of a criterion: 3 yes, 2 partly, 1 no, 0 not given.
pub fn criterion_key(level: i64) -> &'static str {
    match level {
        3 => "criterion-yes",
        2 => "criterion-partly",
        1 => "criterion-no",
        _ => "criterion-none",
    }
}
