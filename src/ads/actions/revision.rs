//! Changes to a public ad go back to the moderators.
//!
//! Under pre-moderation the new text waits as the ad's revision: the public page, the list and
//! the feeds keep the approved text until a moderator accepts the change (or refuses it, with a
//! reason the author receives); the author sees that their change waits and edits it further.
//! Under post-moderation the change is live at once, and the ad shows in the queue as edited
//! since its last review, with the text as it was then: the moderator accepts the change or
//! restores that text (with a reason the author receives). Either way the queue shows the
//! changes field by field, and a decision on an ad that changed since it was shown is refused.

use super::super::notify;
use super::super::store::{self, AdFields, AdRow, AdText, RevisionMode};
use super::super::{AdError, record_change};
use super::changed;
use crate::app::AppState;
use crate::audit;
use crate::config::Moderation;
use crate::db::{self, Db};
use crate::mail::{self, Email as Mail};
use crate::moderation::ModerationError;
use crate::web::CurrentUser;

/// Writes the author's `fields` over their public `ad` inside `txn`, as the moderation mode
/// wants it; returns whether the change waits for a moderator.
pub(super) async fn edit_public<C: sea_orm::ConnectionTrait>(
    app: &AppState,
    txn: &C,
    ad: &AdRow,
    fields: &AdFields,
) -> Result<bool, AdError> {
    let new = AdText::of_fields(fields);
    let waiting = store::revision_info(txn, ad.id).await?;
    match app.config.ads_moderation {
        Moderation::Pre => {
            if new == AdText::of_row(ad) {
                // Back to the approved text: nothing waits any more.
                if waiting.is_some() && store::drop_revision(txn, ad.id).await? {
                    store::bump_version(txn, ad.id).await?;
                }
                return Ok(false);
            }
            store::propose(txn, ad.id, fields).await?;
            store::bump_version(txn, ad.id).await?;
            Ok(true)
        }
        Moderation::Post => {
            if waiting.is_some_and(|w| w.mode == RevisionMode::Pending) {
                // Written under pre-moderation: this change replaces it, live.
                store::drop_revision(txn, ad.id).await?;
            }
            store::snapshot(txn, ad.id).await?;
            store::update(txn, ad.id, fields).await?;
            if store::revision_text(txn, ad.id).await?.is_some_and(|reviewed| reviewed == new) {
                store::drop_revision(txn, ad.id).await?;
            } else {
                store::touch_revision(txn, ad.id).await?;
            }
            Ok(false)
        }
    }
}

/// The change of `ad` that waits for a moderator (pre-moderation): when its author wrote it,
/// and the ad with that text, for its author's page and form.
pub async fn pending_changes(db: &Db, ad: &AdRow) -> db::Result<Option<(i64, AdRow)>> {
    let Some(info) = store::revision_info(db.conn(), ad.id).await? else { return Ok(None) };
    if info.mode != RevisionMode::Pending {
        return Ok(None);
    }
    Ok(store::revision_text(db.conn(), ad.id).await?.map(|text| (info.updated_at, text.over(ad))))
}

/// A moderator's decision on the changes of a public ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeVerdict {
    /// The change stands (pre-moderation: it becomes public).
    Accept,
    /// The change goes (pre-moderation: it is dropped; post-moderation: the reviewed text comes
    /// back); the author receives the reason.
    Refuse,
}

impl ChangeVerdict {
    /// The values of the decision buttons.
    pub const CHOICES: [(&'static str, ChangeVerdict); 2] =
        [("accepter", ChangeVerdict::Accept), ("refuser", ChangeVerdict::Refuse)];
}

/// Decides on the changes of ad `id`, as the moderator saw them at version `seen`.
pub async fn decide_changes(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    verdict: ChangeVerdict,
    reason: &str,
    seen: Option<i64>,
) -> Result<(), ModerationError> {
    let ad = store::by_id(app.db.conn(), id).await?.ok_or(ModerationError::NotFound)?;
    let Some(info) = store::revision_info(app.db.conn(), id).await? else {
        return Err(ModerationError::AlreadyDecided);
    };
    if seen != Some(ad.version) {
        return Err(ModerationError::Changed);
    }
    let txn = app.db.begin().await?;
    if !store::claim_version(&txn, id, ad.version).await? {
        drop(txn);
        let gone = store::revision_info(app.db.conn(), id).await?.is_none();
        return Err(if gone { ModerationError::AlreadyDecided } else { ModerationError::Changed });
    }
    let pending = info.mode == RevisionMode::Pending;
    let public_text_changes = pending == (verdict == ChangeVerdict::Accept);
    if public_text_changes {
        store::apply_revision(&txn, id).await?;
    }
    if !store::drop_revision(&txn, id).await? {
        drop(txn);
        return Err(ModerationError::AlreadyDecided);
    }
    let (action, key) = match (pending, verdict) {
        (true, ChangeVerdict::Accept) => ("ad.changes.accept", Some("mail-ad-changes-accepted")),
        (true, ChangeVerdict::Refuse) => ("ad.changes.refuse", Some("mail-ad-changes-refused")),
        (false, ChangeVerdict::Accept) => ("ad.edit.accept", None),
        (false, ChangeVerdict::Refuse) => ("ad.edit.revert", Some("mail-ad-changes-reverted")),
    };
    audit::record(&txn, me, action, &format!("ad:{id}"), Some(reason)).await?;
    if public_text_changes {
        record_change(&txn, id).await?;
    }
    if let Some(key) = key
        && let Some((email, lang)) = notify::author_contact(&txn, &ad).await?
    {
        let now = store::by_id(&txn, id).await?.unwrap_or_else(|| ad.clone());
        let args =
            [("title", now.title.clone()), ("reason", reason.to_owned()), ("url", notify::ad_url(app, &now, lang))];
        mail::queue(&txn, &Mail::compose(lang, &email, ad.author_id, key, &args)).await?;
    }
    txn.commit().await?;
    changed(app);
    Ok(())
}
