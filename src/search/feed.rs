//! The change feed `search_changes`: a feature records `(kind, id)` in the transaction of every
//! change to a searchable item, and each node's [`LiveIndex`](super::LiveIndex) reads the
//! records after its cursor to bring its text index and catalog in step. Records are kept a
//! week (`jobs` purges older ones); a node started later rebuilds from the database.

use sea_orm::ConnectionTrait;

use crate::db::{self, Db, Row};
use crate::vals;

/// One record of the feed: its place in the feed and the item that changed.
#[derive(Row, Debug, Clone)]
pub struct Change {
    pub id: i64,
    pub target_id: i64,
}

/// The last record of `kind`, 0 when there is none: the cursor of an index built now.
pub async fn last(db: &Db, kind: &str) -> db::Result<i64> {
    Ok(db::int(db.conn(), "SELECT COALESCE(MAX(id), 0) FROM search_changes WHERE kind = $1", vals![kind])
        .await?
        .unwrap_or(0))
}

/// The records of `kind` after `cursor`, oldest first, at most 1,000 at a time.
pub async fn since(db: &Db, kind: &str, cursor: i64) -> db::Result<Vec<Change>> {
    db::all(
        db.conn(),
        "SELECT id, target_id FROM search_changes WHERE kind = $1 AND id > $2 ORDER BY id LIMIT 1000",
        vals![kind, cursor],
    )
    .await
}

/// Records that item `id` of `kind` changed (call inside the change's transaction).
pub async fn record<C: ConnectionTrait>(c: &C, kind: &str, id: i64) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO search_changes (kind, target_id, changed_at) VALUES ($1, $2, $3)",
        vals![kind, id, db::now()],
    )
    .await?;
    Ok(())
}
