//! Storage of the log of mail relayed to typed addresses, which the caps count: one row per
//! message, kept two days.

use sea_orm::ConnectionTrait;

use crate::db;
use crate::vals;

/// Messages relayed since `since`, for the whole site.
pub async fn relayed_since<C: ConnectionTrait>(c: &C, since: i64) -> db::Result<i64> {
    Ok(db::int(c, "SELECT COUNT(*) FROM mail_relays WHERE created_at > $1", vals![since]).await?.unwrap_or(0))
}

/// Messages of `kind` relayed to the structure `structure_id` since `since`.
pub async fn relayed_to_structure<C: ConnectionTrait>(
    c: &C,
    kind: &str,
    structure_id: i64,
    since: i64,
) -> db::Result<i64> {
    Ok(db::int(
        c,
        "SELECT COUNT(*) FROM mail_relays WHERE kind = $1 AND structure_id = $2 AND created_at > $3",
        vals![kind, structure_id, since],
    )
    .await?
    .unwrap_or(0))
}

/// Messages relayed to the address `recipient` since `since`, whatever their kind.
pub async fn relayed_to_address<C: ConnectionTrait>(c: &C, recipient: &str, since: i64) -> db::Result<i64> {
    Ok(db::int(c, "SELECT COUNT(*) FROM mail_relays WHERE recipient = $1 AND created_at > $2", vals![recipient, since])
        .await?
        .unwrap_or(0))
}

pub async fn insert_relay<C: ConnectionTrait>(c: &C, kind: &str, structure_id: i64, recipient: &str) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO mail_relays (kind, structure_id, recipient, created_at) VALUES ($1, $2, $3, $4)",
        vals![kind, structure_id, recipient, db::now()],
    )
    .await?;
    Ok(())
}

/// Forgets what no cap counts any more.
pub async fn purge_relays<C: ConnectionTrait>(c: &C) -> db::Result<u64> {
    db::exec(c, "DELETE FROM mail_relays WHERE created_at < $1", vals![db::now() - 2 * 86_400]).await
}
