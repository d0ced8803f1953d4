//! The audit log: who decided what, when and why. Rows are only ever inserted.

use sea_orm::ConnectionTrait;

use crate::db;
use crate::vals;
use crate::web::CurrentUser;

/// Records a decision made by `actor` on `target` (e.g. `user:12`, `page:confidentialite`).
pub async fn record<C: ConnectionTrait>(
    c: &C,
    actor: &CurrentUser,
    action: &str,
    target: &str,
    reason: Option<&str>,
) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO audit_log (actor_id, actor_label, action, target, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        vals![actor.id, actor.email.clone(), action, target, reason.map(str::to_owned), db::now()],
    )
    .await?;
    Ok(())
}
