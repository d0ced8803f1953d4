//! Joining an ad ("nous aussi"), with an optional non-binding pledge, and withdrawing.
//!
//! Both are rate-limited per person (on the ad and on all ads); the author hears of an
//! association once, however often it leaves and comes back; a change of funding reaches the
//! followers through the debounced notices (`notify::collect`).

use super::super::forms::PledgeForm;
use super::super::notify;
use super::super::store::{self, AdRow, Announcement, Counted};
use super::super::{AdError, record_change};
use super::{changed, funding_event, remember_association, within_limits};
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
/// are told) and the author hears of an association the first time it joins.
pub async fn pledge(app: &AppState, user: &CurrentUser, ad: &AdRow, form: &PledgeForm) -> Result<Pledged, AdError> {
    if !ad.status.is_open() {
        return Err(AdError::NotOpen);
    }
    let new = form.parse().map_err(AdError::Invalid)?;
    within_limits(app, user, ad.id, AdError::PledgeFlood).await?;
    let joined_before = store::pledges(&app.db, ad.id).await?.iter().any(|p| p.user_id == user.id);
    let txn = app.db.begin().await?;
    store::upsert_pledge(&txn, ad.id, user.id, &new.association_name, new.amount).await?;
    store::record_action(&txn, ad.id, user.id, Counted::Pledge).await?;
    remember_association(&txn, user, &new.association_name).await?;
    store::follow(&txn, ad.id, user.id).await?;
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify::collect(app, &txn, ad, funding_event(to)).await?;
    }
    if ad.author_id != Some(user.id) && store::announce_once(&txn, ad.id, user.id, Announcement::Join).await? {
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
    within_limits(app, user, ad.id, AdError::PledgeFlood).await?;
    let txn = app.db.begin().await?;
    if !store::delete_pledge(&txn, ad.id, user.id).await? {
        return Ok(());
    }
    store::record_action(&txn, ad.id, user.id, Counted::Unpledge).await?;
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify::collect(app, &txn, ad, funding_event(to)).await?;
    }
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    changed(app);
    Ok(())
}
