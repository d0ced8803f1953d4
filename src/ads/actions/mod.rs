//! The units of work of the ads, one file per action. Each one checks the rules (an
//! [`AdError`](super::AdError) when one is broken), writes through the store in one transaction
//! with the emails it causes and the change record every node's index reads, commits, then wakes
//! this node's engine and mail sender. Handlers call exactly one of them. A moderator's decision
//! (`moderate.rs`) answers a [`ModerationError`](crate::moderation::ModerationError) instead.

mod comment;
mod expiry;
mod lifecycle;
mod moderate;
mod notices;
mod offer;
mod pledge;
mod revision;
mod write;

pub use comment::{Commented, comment};
pub use expiry::keep_lifetimes;
pub use lifecycle::change_status;
pub use moderate::{Verdict, decide_ad, decide_comment};
pub use notices::send_due_notices;
pub use offer::{Offered, accept_offer, offer, withdraw_offer};
pub use pledge::{Pledged, pledge, unpledge};
pub use revision::{ChangeVerdict, decide_changes, pending_changes};
pub use write::{create, edit, editable};

use super::notify::Event;
use super::{AdError, Status, store};
use crate::accounts;
use crate::app::AppState;
use crate::config::Moderation;
use crate::web::{CurrentUser, Role};

/// The state an ad goes to when its author publishes it.
fn published_state(app: &AppState) -> Status {
    match app.config.ads_moderation {
        Moderation::Pre => Status::Pending,
        Moderation::Post => Status::Published,
    }
}

/// When an ad published now expires.
fn expiry(app: &AppState) -> i64 {
    crate::db::now() + app.config.ads_lifetime_days * 86_400
}

/// The flash message of a publication that went to `to`.
fn published_flash(to: Status) -> &'static str {
    if to == Status::Pending { "flash-ad-pending" } else { "flash-ad-published" }
}

/// After a commit: this node's engine applies the change now, its sender sends now.
fn changed(app: &AppState) {
    app.ads.changed();
    app.mail_queued();
}

/// Remembers the association `user` acts for, which makes them an association account,
/// unless an administrator revoked that role: then the action is refused, never granted back.
async fn remember_association<C: sea_orm::ConnectionTrait>(
    c: &C,
    user: &CurrentUser,
    name: &str,
) -> Result<(), AdError> {
    if !user.has(Role::Association) && !accounts::grant_role(c, user.id, Role::Association).await? {
        return Err(AdError::AssociationRevoked);
    }
    store::remember_association(c, user.id, name).await?;
    Ok(())
}

/// Refuses a pledge or offer action (made, changed or withdrawn) past the rate limits: at most
/// `rate_ad_actions` per person on one ad and `rate_ad_actions_person` per person on all ads
/// in `rate_window_minutes`. Each action done is counted (`store::record_action`).
async fn within_limits(app: &AppState, user: &CurrentUser, ad_id: i64, flood: AdError) -> Result<(), AdError> {
    let since = crate::db::now() - app.config.rate_window_minutes * 60;
    let (all, here) = store::actions_since(&app.db, user.id, ad_id, since).await?;
    if here >= app.config.rate_ad_actions || all >= app.config.rate_ad_actions_person {
        tracing::info!(user = user.id, ad = ad_id, here, all, "ad actions rate limit reached");
        return Err(flood);
    }
    Ok(())
}

/// The followers' event of a change of funding that moved an ad to `to`.
fn funding_event(to: Status) -> Event<'static> {
    let from = if to == Status::Funded { Status::Published } else { Status::Funded };
    Event::Status { from, to }
}
