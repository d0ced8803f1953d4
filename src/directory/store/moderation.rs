//! Storage of the structures' moderation: the structures waiting for a moderator, the decision,
//! taken only once (`… WHERE status = 'pending'`) so two moderators cannot both decide, and the
//! names of reported structures.

use sea_orm::ConnectionTrait;

use crate::db::{self, Db, Row};
use crate::directory::StructureStatus;
use crate::vals;

#[derive(Row, Debug, Clone)]
pub struct PendingStructure {
    pub id: i64,
    pub name: String,
    pub pitch: String,
    pub website: String,
    pub contact_email: String,
    pub commune_name: String,
    pub created_at: i64,
    pub version: i64,
}

/// Structures waiting for a moderator, oldest first.
pub async fn pending_structures(db: &Db) -> db::Result<Vec<PendingStructure>> {
    db::all(
        db.conn(),
        "SELECT id, slug, name, pitch, website, contact_email, commune_name, created_at, version FROM structures \
         WHERE status = 'pending' ORDER BY id",
        vals![],
    )
    .await
}

/// Decides a pending structure as it was at `version`; false when it is not pending (any
/// more) or no longer at that version.
pub async fn decide_structure<C: ConnectionTrait>(
    c: &C,
    id: i64,
    approve: bool,
    by: i64,
    reason: &str,
    version: i64,
) -> db::Result<bool> {
    let now = db::now();
    let status = if approve { StructureStatus::Approved } else { StructureStatus::Rejected };
    let n = db::exec(
        c,
        "UPDATE structures SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4, \
           approved_at = CASE WHEN $1 = 'approved' THEN $2 ELSE approved_at END, confirmed_at = $2 \
         WHERE id = $5 AND status = 'pending' AND version = $6",
        vals![status, now, by, reason, id, version],
    )
    .await?;
    Ok(n == 1)
}

/// A structure's name and slug, for a link to its profile.
#[derive(Row, Debug, Clone)]
pub struct Named {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// The names of the structures `ids`, whatever their status.
pub async fn names(db: &Db, ids: &[i64]) -> db::Result<Vec<Named>> {
    db::all_in(db.conn(), "SELECT id, slug, name FROM structures WHERE id IN ({ids})", ids).await
}
