//! The caps on mail sent to addresses someone typed into a form, so that the site cannot be
//! used as a mail relay: the contact form (to a structure, with the visitor's text), team
//! invitations and recommendation requests (to any address a structure's team types).
//!
//! Every such message is logged in `mail_relays` inside the transaction that queues it, and
//! refused when one of the caps is reached: per structure and hour for contact messages
//! (`relay_per_structure_hour`), per address and day for invitations and requests
//! (`relay_per_address_day`), and for the whole site per hour (`relay_per_hour`). The windows
//! slide: they count the messages of the last hour or day.

use axum::http::StatusCode;
use sea_orm::ConnectionTrait;

use super::store;
use crate::config::Config;
use crate::db;

/// What kind of message goes to a typed address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelayKind {
    /// A visitor's message to a structure, from the contact form.
    Contact,
    /// A team invitation.
    Invite,
    /// A request for a recommendation (a declared accompaniment).
    Accompaniment,
}

impl RelayKind {
    fn as_str(self) -> &'static str {
        match self {
            RelayKind::Contact => "contact",
            RelayKind::Invite => "invite",
            RelayKind::Accompaniment => "accompaniment",
        }
    }
}

/// The cap a message would break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelayLimit {
    /// The structure received `relay_per_structure_hour` contact messages in the last hour.
    Structure,
    /// The address received `relay_per_address_day` messages in the last day.
    Address,
    /// The site relayed `relay_per_hour` messages in the last hour.
    Site,
}

impl RelayLimit {
    /// The message key of the refusal, and its status (429: come back later).
    pub fn message(self) -> (&'static str, StatusCode) {
        let key = match self {
            RelayLimit::Structure => "err-relay-structure",
            RelayLimit::Address => "err-relay-address",
            RelayLimit::Site => "err-relay-site",
        };
        (key, StatusCode::TOO_MANY_REQUESTS)
    }
}

/// Checks the caps for a message of `kind` from or to the structure `structure_id`, going to
/// `recipient`, and logs it, inside the transaction that queues it.
pub async fn relay<C: ConnectionTrait>(
    c: &C,
    config: &Config,
    kind: RelayKind,
    structure_id: i64,
    recipient: &str,
) -> db::Result<Result<(), RelayLimit>> {
    let now = db::now();
    if store::relayed_since(c, now - 3600).await? >= config.relay_per_hour {
        tracing::warn!(kind = kind.as_str(), "site-wide relay cap reached");
        return Ok(Err(RelayLimit::Site));
    }
    match kind {
        RelayKind::Contact => {
            let sent = store::relayed_to_structure(c, kind.as_str(), structure_id, now - 3600).await?;
            if sent >= config.relay_per_structure_hour {
                tracing::info!(structure_id, "contact cap of a structure reached");
                return Ok(Err(RelayLimit::Structure));
            }
        }
        RelayKind::Invite | RelayKind::Accompaniment => {
            if store::relayed_to_address(c, recipient, now - 86_400).await? >= config.relay_per_address_day {
                tracing::info!(structure_id, "relay cap of an address reached");
                return Ok(Err(RelayLimit::Address));
            }
        }
    }
    store::insert_relay(c, kind.as_str(), structure_id, recipient).await?;
    Ok(Ok(()))
}
