//! The units of work of the ads, one file per action. Each one checks the rules (an
//! [`AdError`](super::AdError) when one is broken), writes through the store in one transaction
//! with the emails it causes and the change record every node's index reads, commits, then wakes
//! this node's engine and mail sender. Handlers call exactly one of them. A moderator's decision
//! (`moderate.rs`) answers a [`ModerationError`](crate::moderation::ModerationError) instead.

mod comment;
mod expiry;
mod lifecycle;
mod moderate;
mod offer;
mod pledge;
mod write;

pub use comment::{Commented, comment};
pub use expiry::keep_lifetimes;
pub use lifecycle::change_status;
pub use moderate::{Verdict, decide_ad, decide_comment};
pub use offer::{Offered, accept_offer, offer, withdraw_offer};
pub use pledge::{Pledged, pledge, unpledge};
pub use write::{create, edit, editable};

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
