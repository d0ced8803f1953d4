//! Offers by structures and developers; the author accepts one.
//!
//! Making, changing and withdrawing an offer are rate-limited per person (on the ad and on all
//! ads); the followers hear of a person's offer once, however often it is withdrawn and made
//! again, through the debounced notices (`notify::collect`).

use super::super::forms::OfferForm;
use super::super::notify::{self, Event, Notice};
use super::super::store::{self, AdRow, Announcement, Counted};
use super::super::{AdError, record_change};
use super::{changed, funding_event, within_limits};
use crate::app::AppState;
use crate::config::Moderation;
use crate::web::CurrentUser;

/// What an offer did.
pub enum Offered {
    Sent,
    /// The person had an offer on the ad already: it changed.
    Updated,
}

/// `user` makes or changes an offer on `ad`, in the name of their approved structure if they
/// belong to one; followers hear of the person's first offer on the ad.
pub async fn offer(app: &AppState, user: &CurrentUser, ad: &AdRow, form: &OfferForm) -> Result<Offered, AdError> {
    if ad.author_id == Some(user.id) {
        return Err(AdError::OwnAd);
    }
    if !ad.status.is_open() || ad.accepted_offer_id.is_some() {
        return Err(AdError::OffersClosed);
    }
    let new = form.parse().map_err(AdError::Invalid)?;
    within_limits(app, user, ad.id, AdError::OfferFlood).await?;
    let structure = crate::directory::team_structure(&app.db, user.id)
        .await?
        .filter(|s| s.status == crate::directory::StructureStatus::Approved);
    let author_name = structure.as_ref().map(|s| s.name.clone()).unwrap_or_else(|| user.display_name.clone());
    let existed = store::offers(&app.db, ad.id).await?.iter().any(|o| o.user_id == user.id);
    let txn = app.db.begin().await?;
    let saved = store::upsert_offer(
        &txn,
        &store::NewOffer {
            ad_id: ad.id,
            user_id: user.id,
            structure_id: structure.as_ref().map(|s| s.id),
            author_name: &author_name,
            amount: new.amount,
            timeframe: &new.timeframe,
            message: &new.message,
        },
    )
    .await?;
    if !saved {
        return Err(AdError::OfferFixed);
    }
    store::record_action(&txn, ad.id, user.id, Counted::Offer).await?;
    store::follow(&txn, ad.id, user.id).await?;
    if store::announce_once(&txn, ad.id, user.id, Announcement::Offer).await? {
        // Under pre-moderation the followers are told only what was reviewed: the name of an
        // approved structure, the amount.
        let pre = app.config.ads_moderation == Moderation::Pre;
        let who = if pre && structure.is_none() { "" } else { author_name.as_str() };
        let timeframe = if pre { "" } else { new.timeframe.as_str() };
        let event = Event::Offer { actor: user.id, who, amount: new.amount.get(), timeframe };
        notify::collect(app, &txn, ad, event).await?;
    }
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    changed(app);
    Ok(if existed { Offered::Updated } else { Offered::Sent })
}

/// `user` withdraws their offer (not once accepted).
pub async fn withdraw_offer(app: &AppState, user: &CurrentUser, ad: &AdRow) -> Result<(), AdError> {
    within_limits(app, user, ad.id, AdError::OfferFlood).await?;
    let txn = app.db.begin().await?;
    if !store::withdraw_offer(&txn, ad.id, user.id).await? {
        return Err(AdError::OfferFixed);
    }
    store::record_action(&txn, ad.id, user.id, Counted::Withdraw).await?;
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    Ok(())
}

/// The author accepts offer `offer_id` of their `ad`: its amount becomes the ad's cost, which
/// the pledges may already cover.
pub async fn accept_offer(app: &AppState, user: &CurrentUser, ad: &AdRow, offer_id: i64) -> Result<(), AdError> {
    let offer =
        store::offer(app.db.conn(), offer_id).await?.filter(|o| o.ad_id == ad.id).ok_or(AdError::NoSuchOffer)?;
    if !offer.status.is_open() || ad.accepted_offer_id.is_some() || !ad.status.is_open() {
        return Err(AdError::CannotAccept);
    }
    let txn = app.db.begin().await?;
    if !store::accept_offer(&txn, ad.id, &offer).await? {
        return Err(AdError::CannotAccept);
    }
    let notice = Notice::OfferAccepted { who: offer.author_name.clone(), amount: offer.amount };
    notify::followers(app, &txn, ad, Some(user.id), &notice).await?;
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify::collect(app, &txn, ad, funding_event(to)).await?;
    }
    record_change(&txn, ad.id).await?;
    txn.commit().await?;
    changed(app);
    Ok(())
}
