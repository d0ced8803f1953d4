//! Writing an ad: a new ad (saved as a draft or published at once) and changes to one; the
//! changes to a public ad go back to the moderators (`revision.rs`).

use super::super::store::{self, AdFields, AdRow};
use super::super::{AdError, Status, record_change};
use super::{expiry, published_flash, published_state, remember_association, revision};
use crate::app::AppState;
use crate::web::CurrentUser;

/// Where a saved ad is, and what to tell its author.
pub struct Saved {
    pub id: i64,
    pub slug: String,
    pub flash: &'static str,
}

/// Whether its author may still change an ad in `status`.
pub fn editable(status: Status) -> bool {
    matches!(status, Status::Draft | Status::Pending | Status::Refused | Status::Published | Status::Funded)
}

/// A new ad by `user`, whose association joins it at once (without a pledge) and who follows it.
pub async fn create(app: &AppState, user: &CurrentUser, fields: &AdFields, publishing: bool) -> Result<Saved, AdError> {
    let txn = app.db.begin().await?;
    let id = store::insert(&txn, user.id, fields).await?;
    remember_association(&txn, user, &fields.association_name).await?;
    store::upsert_pledge(&txn, id, user.id, &fields.association_name, None).await?;
    store::follow(&txn, id, user.id).await?;
    let flash = if publishing {
        let to = published_state(app);
        store::publish(&txn, id, to, expiry(app), &[Status::Draft]).await?;
        record_change(&txn, id).await?;
        published_flash(to)
    } else {
        "flash-ad-draft-saved"
    };
    txn.commit().await?;
    app.ads.changed();
    Ok(Saved { id, slug: fields.slug.clone(), flash })
}

/// Saves the author's changes; a draft or refused ad is published when `publishing`. The
/// changes to a public ad wait for a moderator under pre-moderation, and show in their queue
/// under post-moderation.
pub async fn edit(
    app: &AppState,
    user: &CurrentUser,
    ad: &AdRow,
    fields: &AdFields,
    publishing: bool,
) -> Result<Saved, AdError> {
    let txn = app.db.begin().await?;
    let waits = if ad.status.is_public() {
        revision::edit_public(app, &txn, ad, fields).await?
    } else {
        store::update(&txn, ad.id, fields).await?;
        false
    };
    let mut flash = if waits { "flash-ad-changes-pending" } else { "flash-ad-saved" };
    remember_association(&txn, user, &fields.association_name).await?;
    if publishing {
        let to = published_state(app);
        store::publish(&txn, ad.id, to, expiry(app), &[Status::Draft, Status::Refused]).await?;
        flash = published_flash(to);
    }
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    // The public address keeps the approved title's slug while the change waits.
    let slug = if waits { ad.slug.clone() } else { fields.slug.clone() };
    Ok(Saved { id: ad.id, slug, flash })
}
