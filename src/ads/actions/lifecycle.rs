//! The author moves their ad through its lifecycle (see the diagram in `ads/mod.rs`).

use super::super::forms::{AdForm, StatusForm};
use super::super::notify::{self, Notice};
use super::super::store::{self, AdRow};
use super::super::{AdAction, AdError, Status, record_change};
use super::{changed, expiry, published_flash, published_state};
use crate::app::AppState;
use crate::types::bounded;
use crate::web::{CurrentUser, FieldErrors};

/// Applies the form's action to the author's `ad`; returns the flash message. The reason is
/// kept when the ad is closed; a draft must be complete to be published. Followers are told of a
/// new public state.
pub async fn change_status(
    app: &AppState,
    user: &CurrentUser,
    ad: &AdRow,
    form: &StatusForm,
) -> Result<&'static str, AdError> {
    let status = ad.status;
    let action = AdAction::parse(&form.action)
        .filter(|action| AdAction::available(status, ad.accepted_offer_id.is_some()).iter().any(|(a, _)| a == action))
        .ok_or(AdError::Transition)?;
    let reason = bounded(&form.close_reason, 0, 1000, "", "err-reason-long")
        .map_err(|key| AdError::Invalid(FieldErrors::one("close_reason", key)))?;
    if action == AdAction::Publish {
        // A draft must be complete before it is published: the form says what is missing.
        let mut full = AdForm::from_row(ad);
        full.action = AdAction::Publish.as_str().into();
        if let Err(errors) = full.parse(&super::super::software_known(app), &super::super::forms::today()) {
            return Err(AdError::Incomplete(Box::new(full), errors));
        }
    }
    let txn = app.db.begin().await?;
    let (moved, to, flash) = match action {
        AdAction::Publish => {
            let to = published_state(app);
            let moved = store::publish(&txn, ad.id, to, expiry(app), &[Status::Draft, Status::Refused]).await?;
            (moved, to, published_flash(to))
        }
        AdAction::Reopen => {
            let moved = store::publish(&txn, ad.id, Status::Published, expiry(app), &[Status::Expired]).await?;
            // Pledges that already cover the accepted cost make it funded again.
            let to = if moved {
                store::settle_funding(&txn, ad.id).await?.unwrap_or(Status::Published)
            } else {
                Status::Published
            };
            (moved, to, "flash-ad-reopened")
        }
        AdAction::Extend => (
            store::publish(&txn, ad.id, status, expiry(app), &[Status::Published, Status::Funded]).await?,
            status,
            "flash-ad-extended",
        ),
        AdAction::Start => (
            store::transition(&txn, ad.id, &[Status::Published, Status::Funded], Status::InProgress).await?,
            Status::InProgress,
            "flash-ad-status-changed",
        ),
        AdAction::Finish => (
            store::transition(&txn, ad.id, &[Status::InProgress], Status::Done).await?,
            Status::Done,
            "flash-ad-status-changed",
        ),
        AdAction::Close if status == Status::Pending => (
            store::transition(&txn, ad.id, &[Status::Pending], Status::Draft).await?,
            Status::Draft,
            "flash-ad-withdrawn",
        ),
        AdAction::Close => {
            let open = [Status::Published, Status::Funded, Status::InProgress];
            let moved = store::transition(&txn, ad.id, &open, Status::Closed).await?;
            if moved {
                store::set_close_reason(&txn, ad.id, &reason).await?;
            }
            (moved, Status::Closed, "flash-ad-status-changed")
        }
    };
    if !moved {
        return Err(AdError::Transition);
    }
    record_change(&txn, ad.id).await?;
    if to != status && to.is_public() {
        notify::followers(app, &txn, ad, Some(user.id), &Notice::Status(to)).await?;
    }
    txn.commit().await?;
    changed(app);
    Ok(flash)
}
