//! Writes the shipped questionnaire as the first version when the database has none.

use super::super::{seed, store};
use crate::db::{self, Db};

/// Returns the newest version, writing the shipped one first when there is none. Nodes that
/// start together may race: the loser's transaction finds the version written and writes nothing.
pub async fn ensure_questionnaire(db: &Db) -> db::Result<i64> {
    if let Some(v) = store::current_version(db.conn()).await? {
        return Ok(v);
    }
    let txn = db.begin().await?;
    let version = match store::current_version(&txn).await? {
        Some(v) => v,
        None => store::insert_version(&txn, &seed::shipped(), None, "content/diagnosis").await?,
    };
    txn.commit().await?;
    Ok(version)
}
