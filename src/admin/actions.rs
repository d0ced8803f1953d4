//! The units of work of the admin pages that no other feature offers whole.

use crate::audit;
use crate::db::{self, Db};
use crate::site;
use crate::web::CurrentUser;

/// Saves an editable page and records the edit in the audit log.
pub async fn save_page(db: &Db, admin: &CurrentUser, page: &site::Page) -> db::Result<()> {
    let txn = db.begin().await?;
    site::save_page(&txn, page, admin.id).await?;
    audit::record(&txn, admin, "page.edit", &format!("page:{}", page.slug), None).await?;
    txn.commit().await
}
