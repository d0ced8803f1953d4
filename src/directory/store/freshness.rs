//! Storage of the confirmation cycle: the reminders and unlisting notices are claimed by an
//! `UPDATE … RETURNING`, so that several nodes running the job send each message once.

use sea_orm::ConnectionTrait;

use crate::db::{self, Db, Row};
use crate::vals;

/// A structure to write to about its confirmation.
#[derive(Row)]
pub struct Due {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub contact_email: String,
}

/// Claims the reminders due at `now`: approved structures confirmed before `ask_before` (but
/// not before `unlist_before`) and not asked since.
pub async fn claim_reminders(db: &Db, now: i64, ask_before: i64, unlist_before: i64) -> db::Result<Vec<Due>> {
    db::all(
        db.conn(),
        "UPDATE structures SET confirm_asked_at = $1 \
         WHERE status = 'approved' AND confirmed_at < $2 AND confirmed_at >= $3 \
           AND (confirm_asked_at IS NULL OR confirm_asked_at < confirmed_at) \
         RETURNING id, slug, name, contact_email",
        vals![now, ask_before, unlist_before],
    )
    .await
}

/// Claims the unlisting notices due at `now`: approved structures confirmed before
/// `unlist_before` and not told since.
pub async fn claim_unlisting_notices(db: &Db, now: i64, unlist_before: i64) -> db::Result<Vec<Due>> {
    db::all(
        db.conn(),
        "UPDATE structures SET unlisted_notice_at = $1, confirm_asked_at = $1 \
         WHERE status = 'approved' AND confirmed_at < $2 \
           AND (unlisted_notice_at IS NULL OR unlisted_notice_at < confirmed_at) \
         RETURNING id, slug, name, contact_email",
        vals![now, unlist_before],
    )
    .await
}

/// When a structure was last asked to confirm its profile.
#[derive(Row)]
pub struct Asked {
    pub id: i64,
    pub name: String,
    pub confirm_asked_at: Option<i64>,
}

pub async fn asked(db: &Db, slug: &str) -> db::Result<Option<Asked>> {
    db::one(db.conn(), "SELECT id, name, confirm_asked_at FROM structures WHERE slug = $1", vals![slug]).await
}

/// Records that the team confirmed its profile now, which lists it again.
pub async fn confirm<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<()> {
    db::exec(
        c,
        "UPDATE structures SET confirmed_at = $1, unlisted_notice_at = NULL WHERE id = $2",
        vals![db::now(), id],
    )
    .await?;
    super::record_change(c, id).await
}
