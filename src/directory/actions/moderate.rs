//! A moderator approves or refuses a structure: its team (else its contact address) is told,
//! with the reason, and the search engine follows.

use crate::app::AppState;
use crate::audit;
use crate::directory::store;
use crate::mail::{self, Email as Mail};
use crate::moderation::{self, Decision, ModerationError};
use crate::web::{CurrentUser, Lang};

/// Decides the pending structure `id`.
pub async fn decide_structure(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    decision: Decision,
) -> Result<(), ModerationError> {
    let Decision { approve, reason } = decision;
    let s = store::by_id(&app.db, id).await?.ok_or(ModerationError::NotFound)?;
    let recipients = crate::directory::recipients(&app.db, id, &s.contact_email).await?;
    let txn = app.db.begin().await?;
    if !store::decide_structure(&txn, id, approve, me.id, &reason).await? {
        drop(txn);
        return Err(moderation::not_pending(&app.db, "structures", id).await?);
    }
    let action = if approve { "structure.approve" } else { "structure.reject" };
    audit::record(&txn, me, action, &format!("structure:{id}"), Some(&reason)).await?;
    store::record_change(&txn, id).await?;
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
