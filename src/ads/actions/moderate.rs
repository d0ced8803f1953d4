//! A moderator decides on an ad or a comment: publishes or refuses what waits
//! (pre-moderation), takes down what was reported (post-moderation). Each decision carries a
//! reason, goes to the audit log, closes the open reports on the item, and is told to its author
//! (a published comment, to the ad's followers). A decision on a pending ad carries the version
//! the moderator saw, and is refused when the author changed the ad since.

use super::super::moderation::{REPORTED_AD, REPORTED_COMMENT};
use super::super::notify::{self, Event};
use super::super::store;
use super::super::{CommentStatus, Status, record_change};
use super::{changed, expiry};
use crate::app::AppState;
use crate::audit;
use crate::mail::{self, Email as Mail};
use crate::moderation::{self, ModerationError};
use crate::web::CurrentUser;

/// A moderator's decision on an ad or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Pending → published; the only one that needs no reason.
    Publish,
    /// Pending → refused.
    Refuse,
    /// Public → removed (the take-down form of a report).
    Remove,
}

impl Verdict {
    /// The values of the decision buttons.
    pub const CHOICES: [(&'static str, Verdict); 3] =
        [("retirer", Verdict::Remove), ("publier", Verdict::Publish), ("refuser", Verdict::Refuse)];
}

/// Decides on the ad `id`: publishes or refuses it while pending (as the moderator saw it at
/// version `seen`), takes it down while public.
pub async fn decide_ad(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    verdict: Verdict,
    reason: &str,
    seen: Option<i64>,
) -> Result<(), ModerationError> {
    let (from, to, action, key): (&[Status], Status, &str, &str) = match verdict {
        Verdict::Remove => (&Status::PUBLIC, Status::Removed, "ad.remove", "mail-ad-removed"),
        Verdict::Publish => (&[Status::Pending], Status::Published, "ad.publish", "mail-ad-approved"),
        Verdict::Refuse => (&[Status::Pending], Status::Refused, "ad.refuse", "mail-ad-refused"),
    };
    let ad = store::by_id(app.db.conn(), id).await?.ok_or(ModerationError::NotFound)?;
    if !from.contains(&ad.status) {
        return Err(moderation::not_pending(&app.db, "ads", id).await?);
    }
    // What waits is decided as it was shown; a take-down applies to whatever is up.
    let version = (verdict != Verdict::Remove).then_some(ad.version);
    if version.is_some() && seen != version {
        return Err(ModerationError::Changed);
    }
    let txn = app.db.begin().await?;
    if !store::decide(&txn, id, from, to, me.id, reason, version).await? {
        drop(txn);
        let still = store::by_id(app.db.conn(), id).await?.is_some_and(|now| from.contains(&now.status));
        return Err(if still { ModerationError::Changed } else { moderation::not_pending(&app.db, "ads", id).await? });
    }
    if to == Status::Published {
        store::publish(&txn, id, Status::Published, expiry(app), &[Status::Published]).await?;
    }
    audit::record(&txn, me, action, &format!("ad:{id}"), Some(reason)).await?;
    moderation::close_reports_about(&txn, REPORTED_AD, id, me.id, reason).await?;
    record_change(&txn, id).await?;
    if let Some((email, lang)) = notify::author_contact(&txn, &ad).await? {
        let args =
            [("title", ad.title.clone()), ("reason", reason.to_owned()), ("url", notify::ad_url(app, &ad, lang))];
        mail::queue(&txn, &Mail::compose(lang, &email, ad.author_id, key, &args)).await?;
    }
    txn.commit().await?;
    changed(app);
    Ok(())
}

/// Decides on the comment `id`: publishes or refuses it while pending, takes it down while
/// published.
pub async fn decide_comment(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    verdict: Verdict,
    reason: &str,
) -> Result<(), ModerationError> {
    let (from, to, action) = match verdict {
        Verdict::Remove => (CommentStatus::Published, CommentStatus::Removed, "comment.remove"),
        Verdict::Publish => (CommentStatus::Pending, CommentStatus::Published, "comment.publish"),
        Verdict::Refuse => (CommentStatus::Pending, CommentStatus::Refused, "comment.refuse"),
    };
    let comment = store::comment(app.db.conn(), id).await?.ok_or(ModerationError::NotFound)?;
    let ad = store::by_id(app.db.conn(), comment.ad_id).await?.ok_or(ModerationError::NotFound)?;
    let txn = app.db.begin().await?;
    if !store::decide_comment(&txn, id, from, to, me.id, reason).await? {
        drop(txn);
        return Err(moderation::not_pending(&app.db, "ad_comments", id).await?);
    }
    audit::record(&txn, me, action, &format!("ad_comment:{id}"), Some(reason)).await?;
    moderation::close_reports_about(&txn, REPORTED_COMMENT, id, me.id, reason).await?;
    if verdict == Verdict::Publish {
        let event = Event::Comment { actor: comment.user_id, who: &comment.author_name, comment: id };
        notify::collect(app, &txn, &ad, event).await?;
    } else if let Some(author) = comment.user_id
        && let Some((email, lang)) = store::contact(&txn, author).await?
    {
        let args = [("title", ad.title.clone()), ("reason", reason.to_owned())];
        let key = if verdict == Verdict::Remove { "mail-comment-removed" } else { "mail-comment-refused" };
        mail::queue(&txn, &Mail::compose(lang, &email, Some(author), key, &args)).await?;
    }
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    changed(app);
    Ok(())
}
