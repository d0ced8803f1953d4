//! Approving or refusing a structure: its team (else its contact address) is told, with the
//! reason, and the search engine follows.

use super::not_pending;
use crate::app::AppState;
use crate::audit;
use crate::directory;
use crate::mail::{self, Email as Mail};
use crate::moderation::{Decision, ModerationError, store};
use crate::web::{CurrentUser, Lang};

/// Decides the pending structure `id`.
pub async fn decide_structure(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    decision: Decision,
) -> Result<(), ModerationError> {
    let Decision { approve, reason } = decision;
    let s = directory::structure_by_id(&app.db, id).await?.ok_or(ModerationError::NotFound)?;
    let recipients = directory::recipients(&app.db, id, &s.contact_email).await?;
    let txn = app.db.begin().await?;
    if !store::decide_structure(&txn, id, approve, me.id, &reason).await? {
        drop(txn);
        return Err(not_pending(&app.db, "structures", id).await?);
    }
    let action = if approve { "structure.approve" } else { "structure.reject" };
    audit::record(&txn, me, action, &format!("structure:{id}"), Some(&reason)).await?;
    directory::record_change(&txn, id).await?;
    let key = if approve { "mail-structure-approved" } else { "mail-structure-rejected" };
    for to in &recipients {
        let args = [("structure", s.name.clone()), ("reason", reason.clone())];
        mail::queue(&txn, &Mail::compose(Lang::Fr, to, None, key, &args)).await?;
    }
    txn.commit().await?;
    app.directory.changed();
    app.mail_queued();
    Ok(())
}
