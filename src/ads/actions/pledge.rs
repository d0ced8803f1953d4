//! Joining an ad ("nous aussi"), with an optional non-binding pledge, and withdrawing.

use super::super::forms::PledgeForm;
use super::super::notify::{self, Notice};
use super::super::store::{self, AdRow};
use super::super::{AdError, record_change};
use super::{changed, remember_association};
use crate::app::AppState;
use crate::types::Euros;
use crate::web::CurrentUser;

/// What a pledge did.
pub enum Pledged {
    /// The association joined the ad.
    Joined,
    /// It had joined before: its pledge changed.
    Updated,
}

/// `user`'s association joins `ad` or changes its pledge; the ad may become funded (followers
/// are told) and the author hears of a new association.
pub async fn pledge(app: &AppState, user: &CurrentUser, ad: &AdRow, form: &PledgeForm) -> Result<Pledged, AdError> {
    if !ad.status.is_open() {
        return Err(AdError::NotOpen);
    }
    let new = form.parse().map_err(AdError::Invalid)?;
    let joined_before = store::pledges(&app.db, ad.id).await?.iter().any(|p| p.user_id == user.id);
    let txn = app.db.begin().await?;
    store::upsert_pledge(&txn, ad.id, user.id, &new.association_name, new.amount).await?;
    remember_association(&txn, user, &new.association_name).await?;
    store::follow(&txn, ad.id, user.id).await?;
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify::followers(app, &txn, ad, None, &Notice::Status(to)).await?;
    }
    if !joined_before && ad.author_id != Some(user.id) {
        notify::joined(app, &txn, ad, &new.association_name, new.amount.map(Euros::get)).await?;
    }
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    changed(app);
    Ok(if joined_before { Pledged::Updated } else { Pledged::Joined })
}

/// `user`'s association leaves `ad` (the author's stays); the ad may no longer be funded.
pub async fn unpledge(app: &AppState, user: &CurrentUser, ad: &AdRow) -> Result<(), AdError> {
    if !ad.status.is_open() {
        return Err(AdError::NotOpen);
    }
    if ad.author_id == Some(user.id) {
        return Err(AdError::AuthorStays);
    }
    let txn = app.db.begin().await?;
    if !store::delete_pledge(&txn, ad.id, user.id).await? {
        return Ok(());
    }
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify::followers(app, &txn, ad, None, &Notice::Status(to)).await?;
    }
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    changed(app);
    Ok(())
}
