//! The decisions of moderation itself, one file each (the features decide on their own items):
//! every decision is taken once (the store closes only what is still open), written to the
//! audit log and told by email in the same transaction.

mod report;

pub use report::close_report;

use super::{ModerationError, store};
use crate::db::{self, Db};

/// Why there was nothing to decide on item `id` of `table`: it does not exist, or another
/// moderator decided it first.
pub async fn not_pending(db: &Db, table: &'static str, id: i64) -> db::Result<ModerationError> {
    let Some(d) = store::decided_by(db, table, id).await? else { return Ok(ModerationError::NotFound) };
    if let Some(name) = d.decided_by_name {
        tracing::info!(table, id, by = name, "decision already taken");
    }
    Ok(ModerationError::AlreadyDecided)
}
