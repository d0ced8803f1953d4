//! The decisions of the moderators, one file each: every decision is taken once (the store
//! decides only what is still pending), written to the audit log and told by email in the
//! same transaction.

mod recommendation;
mod report;
mod structure;

pub use recommendation::decide_recommendation;
pub use report::close_report;
pub use structure::decide_structure;

use super::{ModerationError, store};
use crate::db::Db;

/// Why there was nothing to decide on item `id` of `table`: it does not exist, or another
/// moderator decided it first.
pub async fn not_pending(db: &Db, table: &str, id: i64) -> Result<ModerationError, sea_orm::DbErr> {
    let Some(d) = store::decided_by(db, table, id).await? else { return Ok(ModerationError::NotFound) };
    if let Some(name) = d.decided_by_name {
        tracing::info!(table, id, by = name, "decision already taken");
    }
    Ok(ModerationError::AlreadyDecided)
}
