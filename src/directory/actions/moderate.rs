//! A moderator approves or refuses a structure: its team (else its contact address) is told,
//! with the reason, and the search engine follows. A moderator also accepts or reverts the
//! changes of an approved structure's trusted fields since its review (a revert is told to the
//! team with the reason). Each decision is taken on the version of the structure the moderator
//! saw, and refused when it changed since.

use crate::app::AppState;
use crate::audit;
use crate::directory::store;
use crate::mail::{self, Email as Mail};
use crate::moderation::{self, Decision, ModerationError};
use crate::web::CurrentUser;

/// Decides the pending structure `id`, as the moderator saw it at version `seen`.
pub async fn decide_structure(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    decision: Decision,
    seen: Option<i64>,
) -> Result<(), ModerationError> {
    let Decision { approve, reason } = decision;
    let s = store::by_id(&app.db, id).await?.ok_or(ModerationError::NotFound)?;
    if s.status != crate::directory::StructureStatus::Pending {
        return Err(moderation::not_pending(&app.db, "structures", id).await?);
    }
    if seen != Some(s.version) {
        return Err(ModerationError::Changed);
    }
    let recipients = crate::directory::recipients(&app.db, id, &s.contact_email).await?;
    let txn = app.db.begin().await?;
    if !store::decide_structure(&txn, id, approve, me.id, &reason, s.version).await? {
        drop(txn);
        let still = store::by_id(&app.db, id).await?.is_some_and(|now| now.status == s.status);
        return Err(if still {
            ModerationError::Changed
        } else {
            moderation::not_pending(&app.db, "structures", id).await?
        });
    }
    let action = if approve { "structure.approve" } else { "structure.reject" };
    audit::record(&txn, me, action, &format!("structure:{id}"), Some(&reason)).await?;
    store::record_change(&txn, id).await?;
    let key = if approve { "mail-structure-approved" } else { "mail-structure-rejected" };
    for to in &recipients {
        let args = [("structure", s.name.clone()), ("reason", reason.clone())];
        mail::queue(&txn, &Mail::compose(to.lang, &to.email, None, key, &args)).await?;
    }
    txn.commit().await?;
    app.directory.changed();
    app.mail_queued();
    Ok(())
}

/// Accepts (`keep`) or reverts the changes of the approved structure `id` since its review,
/// as the moderator saw them at version `seen`.
pub async fn decide_changes(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    decision: Decision,
    seen: Option<i64>,
) -> Result<(), ModerationError> {
    let Decision { approve: keep, reason } = decision;
    let s = store::by_id(&app.db, id).await?.ok_or(ModerationError::NotFound)?;
    let Some(reviewed) = store::revision_text(app.db.conn(), id).await? else {
        return Err(ModerationError::AlreadyDecided);
    };
    if seen != Some(s.version) {
        return Err(ModerationError::Changed);
    }
    // Its team, else the contact address as it was reviewed (not one typed since).
    let recipients = crate::directory::recipients(&app.db, id, &reviewed.contact_email).await?;
    let txn = app.db.begin().await?;
    if !store::claim_version(&txn, id, s.version).await? {
        drop(txn);
        let gone = store::revision_text(app.db.conn(), id).await?.is_none();
        return Err(if gone { ModerationError::AlreadyDecided } else { ModerationError::Changed });
    }
    if !keep {
        store::apply_revision(&txn, id).await?;
    }
    if !store::drop_revision(&txn, id).await? {
        drop(txn);
        return Err(ModerationError::AlreadyDecided);
    }
    let action = if keep { "structure.changes.accept" } else { "structure.changes.revert" };
    audit::record(&txn, me, action, &format!("structure:{id}"), Some(&reason)).await?;
    if !keep {
        store::record_change(&txn, id).await?;
        for to in &recipients {
            let args = [("structure", reviewed.name.clone()), ("reason", reason.clone())];
            let mail = Mail::compose(to.lang, &to.email, None, "mail-structure-changes-reverted", &args);
            mail::queue(&txn, &mail).await?;
        }
    }
    txn.commit().await?;
    app.directory.changed();
    app.mail_queued();
    Ok(())
}
