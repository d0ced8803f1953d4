//! The rules of the ads an action can break, each mapped once to the field its message goes
//! next to, the message and the HTTP status of the page that says so.

use axum::http::StatusCode;

use super::forms::AdForm;
use crate::web::FieldErrors;

/// Why an action on an ad was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdError {
    /// What was typed is not valid: the messages go next to the fields (422).
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A draft lacks what publishing needs: the ad's form says what (422 on the form page).
    #[error("incomplete ad")]
    Incomplete(Box<AdForm>, FieldErrors),
    /// No such offer on this ad (404).
    #[error("no such offer")]
    NoSuchOffer,
    /// Joining or pledging needs a published or funded ad.
    #[error("the ad is not open")]
    NotOpen,
    /// The author's association stays with its own ad.
    #[error("the author cannot withdraw from their own ad")]
    AuthorStays,
    /// Authors make no offer on their own ad.
    #[error("offer on one's own ad")]
    OwnAd,
    /// The ad takes no more offers (not open, or an offer is already accepted).
    #[error("the ad takes no offers")]
    OffersClosed,
    /// An accepted offer can be neither changed nor withdrawn.
    #[error("the offer is accepted")]
    OfferFixed,
    /// The offer is not open, or another one is already accepted, or the ad is not open.
    #[error("the offer cannot be accepted")]
    CannotAccept,
    /// Comments go under public ads only.
    #[error("the ad is not public")]
    NotPublic,
    /// An administrator revoked the account's association role: it acts for no association.
    #[error("association role revoked")]
    AssociationRevoked,
    /// Too many comments from this person in the window.
    #[error("too many comments")]
    CommentFlood,
    /// Too many pledges and withdrawals from this person in the window (on this ad or all).
    #[error("too many pledges")]
    PledgeFlood,
    /// Too many offers and withdrawals from this person in the window (on this ad or all).
    #[error("too many offers")]
    OfferFlood,
    /// The action does not apply to the ad's state (or someone else changed it first).
    #[error("invalid transition")]
    Transition,
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

impl AdError {
    /// The status and the field messages of the page that says what went wrong; `None` when
    /// no form page says it (a missing offer, an incomplete draft, a storage failure).
    pub fn page_errors(&self) -> Option<(StatusCode, FieldErrors)> {
        if let AdError::Invalid(errors) = self {
            return Some((StatusCode::UNPROCESSABLE_ENTITY, errors.clone()));
        }
        let (field, key, status) = self.rule()?;
        Some((status, FieldErrors::one(field, key)))
    }

    /// (field, message key, status) of a broken rule.
    fn rule(&self) -> Option<(&'static str, &'static str, StatusCode)> {
        use StatusCode as S;
        Some(match self {
            AdError::NotOpen => ("pledge", "err-ad-not-open", S::CONFLICT),
            AdError::AuthorStays => ("pledge", "err-pledge-author-stays", S::CONFLICT),
            AdError::OwnAd => ("offer_amount", "err-offer-own-ad", S::FORBIDDEN),
            AdError::OffersClosed => ("offer_amount", "err-offer-closed", S::CONFLICT),
            AdError::OfferFixed => ("offer_amount", "err-offer-accepted-fixed", S::CONFLICT),
            AdError::CannotAccept => ("offers", "err-offer-cannot-accept", S::CONFLICT),
            AdError::NotPublic => ("comment", "err-comment-not-public", S::CONFLICT),
            AdError::CommentFlood => ("comment", "err-comment-flood", S::TOO_MANY_REQUESTS),
            AdError::AssociationRevoked => ("form", "err-association-role-revoked", S::FORBIDDEN),
            AdError::PledgeFlood => ("pledge", "err-ad-actions-flood", S::TOO_MANY_REQUESTS),
            AdError::OfferFlood => ("offer_amount", "err-ad-actions-flood", S::TOO_MANY_REQUESTS),
            AdError::Transition => ("status", "err-ad-transition", S::CONFLICT),
            AdError::Invalid(_) | AdError::Incomplete(..) | AdError::NoSuchOffer | AdError::Db(_) => return None,
        })
    }
}

impl From<AdError> for crate::web::AppError {
    fn from(e: AdError) -> Self {
        match e {
            AdError::Db(e) => e.into(),
            AdError::NoSuchOffer => crate::web::AppError::NotFound,
            other => crate::web::AppError::Internal(anyhow::anyhow!("unhandled ad rule: {other}")),
        }
    }
}
