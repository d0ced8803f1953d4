//! The units of work of the admin pages that no other feature offers whole.

use crate::accounts::{self, RoleChangeError};
use crate::app::AppState;
use crate::audit;
use crate::db::{self, Db};
use crate::directory;
use crate::site;
use crate::web::{CurrentUser, Role};

/// Saves an editable page and records the edit in the audit log.
pub async fn save_page(db: &Db, admin: &CurrentUser, page: &site::Page) -> db::Result<()> {
    let txn = db.begin().await?;
    site::save_page(&txn, page, admin.id).await?;
    audit::record(&txn, admin, "page.edit", &format!("page:{}", page.slug), None).await?;
    txn.commit().await
}

/// Sets exactly `roles` on the account `user_id` (audited by accounts). Revoking the structure
/// role takes the person off their team in the same transaction, so that the workspace closes
/// at once (see `directory::leave_team`); they are told by email.
pub async fn set_roles(
    app: &AppState,
    admin: &CurrentUser,
    user_id: i64,
    roles: &[Role],
) -> db::Result<Result<(), RoleChangeError>> {
    let txn = app.db.begin().await?;
    let removed = match accounts::set_roles(&txn, admin, user_id, roles).await? {
        Ok((_, removed)) => removed,
        Err(refused) => return Ok(Err(refused)),
    };
    let left_team = removed.contains(&Role::Structure) && directory::leave_team(&txn, admin, user_id).await?;
    txn.commit().await?;
    if left_team {
        app.mail_queued();
    }
    Ok(Ok(()))
}
