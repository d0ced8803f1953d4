//! Moderation storage: the reports and their closing, each closed only once (`… WHERE status =
//! 'open'`) so two moderators cannot both decide; who decided an item; the audit log read model.

use sea_orm::ConnectionTrait;

use crate::db::{self, Db, Row};
use crate::vals;

#[derive(Row, Debug, Clone)]
pub struct OpenReport {
    pub id: i64,
    pub target_kind: String,
    pub target_id: i64,
    pub reason: String,
    pub message: String,
    pub reporter_email: String,
    pub created_at: i64,
}

pub async fn open_reports(db: &Db) -> db::Result<Vec<OpenReport>> {
    db::all(
        db.conn(),
        "SELECT id, target_kind, target_id, reason, message, reporter_email, created_at FROM reports \
         WHERE status = 'open' ORDER BY id",
        vals![],
    )
    .await
}

#[derive(Row)]
pub struct Closed {
    pub reporter_email: String,
}

pub async fn close_report<C: ConnectionTrait>(
    c: &C,
    id: i64,
    acted: bool,
    by: i64,
    reason: &str,
) -> db::Result<Option<Closed>> {
    let status = if acted { "handled" } else { "dismissed" };
    db::one(
        c,
        "UPDATE reports SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4 \
         WHERE id = $5 AND status = 'open' RETURNING reporter_email",
        vals![status, db::now(), by, reason, id],
    )
    .await
}

#[derive(Row)]
pub struct Decision {
    pub decided_by_name: Option<String>,
}

/// Who decided item `id` of `table` (a table with `id` and `decided_by` columns, named by the
/// feature that owns it), for the "already decided" answer; `None` for an unknown item.
pub async fn decided_by(db: &Db, table: &'static str, id: i64) -> db::Result<Option<Decision>> {
    db::one(
        db.conn(),
        &format!("SELECT u.display_name AS decided_by_name FROM {table} t LEFT JOIN users u ON u.id = t.decided_by WHERE t.id = $1"),
        vals![id],
    )
    .await
}

#[derive(Row, Debug, Clone)]
pub struct JournalEntry {
    pub actor_label: String,
    pub action: String,
    pub target: String,
    pub reason: Option<String>,
    pub created_at: i64,
}

pub async fn journal(db: &Db, page: u32, per_page: u32) -> db::Result<(Vec<JournalEntry>, bool)> {
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let mut rows: Vec<JournalEntry> = db::all(
        db.conn(),
        "SELECT actor_label, action, target, reason, created_at FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2",
        vals![i64::from(per_page) + 1, offset],
    )
    .await?;
    let more = rows.len() > per_page as usize;
    rows.truncate(per_page as usize);
    Ok((rows, more))
}

pub async fn insert_report(db: &Db, kind: &str, id: i64, reason: &str, message: &str, email: &str) -> db::Result<()> {
    db::exec(
        db.conn(),
        "INSERT INTO reports (target_kind, target_id, reason, message, reporter_email, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6)",
        vals![kind, id, reason, message, email, db::now()],
    )
    .await?;
    Ok(())
}

/// Closes the open reports about item `id` of `kind` as handled by the decision `by` took on it
/// (call inside the decision's transaction).
pub async fn close_reports_about<C: ConnectionTrait>(
    c: &C,
    kind: &str,
    id: i64,
    by: i64,
    reason: &str,
) -> db::Result<()> {
    db::exec(
        c,
        "UPDATE reports SET status = 'handled', decided_at = $1, decided_by = $2, decision_reason = $3 \
         WHERE target_kind = $4 AND target_id = $5 AND status = 'open'",
        vals![db::now(), by, reason, kind, id],
    )
    .await?;
    Ok(())
}
