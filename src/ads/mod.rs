//! Classified ads and co-funding (`/annonces`).
//!
//! An association posts an ad (a need, a feature to develop, a call for help, a service to
//! share); other associations join it with an optional, non-binding pledge; structures and
//! developers make offers, and the author accepts one. Lifecycle:
//!
//! ```text
//! draft ─publish─▶ pending (pre-moderation) ─approve─▶ published ◀─▶ funded (pledges ≥ accepted cost)
//!                  └─────────── (post-moderation) ───▶ published, funded ─start─▶ in_progress ─finish─▶ done
//! published, funded, in_progress ─close─▶ closed      published, funded ─(time)─▶ expired ─reopen─▶ published
//! pending ─refuse─▶ refused ─publish─▶ pending         any public state ─moderator─▶ removed
//! ```
//!
//! Payments are not handled: pledges are public commitments settled outside the platform.

mod account;
mod actions;
pub mod bench;
mod demo;
mod engine;
mod error;
mod feeds;
mod forms;
mod moderation;
mod notify;
mod routes;
pub mod search;
mod store;

pub use account::personal_data;
pub use actions::{keep_lifetimes, send_due_notices};
pub use demo::{seed_demo, shared_accounts as demo_shared_accounts};
pub use engine::Ads;
pub use error::AdError;
pub use moderation::queue_sections;

/// The query parameters the cached pages and feeds read (list filters, API page size, the
/// reported comment): the page cache keys on these only.
const CACHE_PARAMS: &[&str] =
    &["q", "type", "logiciel", "region", "a_distance", "statut", "tri", "page", "per_page", "commentaire"];

/// Every route of the ads: pages and feeds (their anonymous answers cached), moderation decisions.
pub fn routes(app: &crate::app::AppState) -> axum::Router<crate::app::AppState> {
    let public = routes::routes().merge(feeds::routes());
    crate::web::cache::cached(public, app.ads.page_cache(), CACHE_PARAMS).merge(moderation::routes())
}

/// What an ad is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Looking for free software for a need.
    Besoin,
    /// A feature to develop in an existing free software.
    Fonctionnalite,
    /// Looking for help.
    Accompagnement,
    /// Sharing a service or a cost with others.
    Mutualisation,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Besoin, Kind::Fonctionnalite, Kind::Accompagnement, Kind::Mutualisation];

    /// The value in the database and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Besoin => "besoin",
            Kind::Fonctionnalite => "fonctionnalite",
            Kind::Accompagnement => "accompagnement",
            Kind::Mutualisation => "mutualisation",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Message key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Besoin => "ad-kind-besoin",
            Kind::Fonctionnalite => "ad-kind-fonctionnalite",
            Kind::Accompagnement => "ad-kind-accompagnement",
            Kind::Mutualisation => "ad-kind-mutualisation",
        }
    }
}

/// Where an ad stands in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Draft,
    /// Waiting for a moderator (pre-moderation).
    Pending,
    Published,
    /// The pledges reach the accepted cost.
    Funded,
    InProgress,
    Done,
    /// Closed by its author.
    Closed,
    /// Past its lifetime without being taken up.
    Expired,
    /// Refused by a moderator (pre-moderation); the author may edit and submit it again.
    Refused,
    /// Taken down by a moderator.
    Removed,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Draft,
        Status::Pending,
        Status::Published,
        Status::Funded,
        Status::InProgress,
        Status::Done,
        Status::Closed,
        Status::Expired,
        Status::Refused,
        Status::Removed,
    ];
    /// The states anyone can see, in the order of the status filter.
    pub const PUBLIC: [Status; 6] =
        [Status::Published, Status::Funded, Status::InProgress, Status::Done, Status::Closed, Status::Expired];

    /// The value in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Funded => "funded",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Closed => "closed",
            Status::Expired => "expired",
            Status::Refused => "refused",
            Status::Removed => "removed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The value in URLs (the status filter).
    pub fn slug(self) -> &'static str {
        match self {
            Status::Draft => "brouillon",
            Status::Pending => "en-attente",
            Status::Published => "ouverte",
            Status::Funded => "financee",
            Status::InProgress => "en-cours",
            Status::Done => "realisee",
            Status::Closed => "fermee",
            Status::Expired => "expiree",
            Status::Refused => "refusee",
            Status::Removed => "retiree",
        }
    }

    pub fn from_slug(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// Message key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Draft => "ad-status-draft",
            Status::Pending => "ad-status-pending",
            Status::Published => "ad-status-published",
            Status::Funded => "ad-status-funded",
            Status::InProgress => "ad-status-in-progress",
            Status::Done => "ad-status-done",
            Status::Closed => "ad-status-closed",
            Status::Expired => "ad-status-expired",
            Status::Refused => "ad-status-refused",
            Status::Removed => "ad-status-removed",
        }
    }

    /// Whether anyone may see the ad.
    pub fn is_public(self) -> bool {
        Status::PUBLIC.contains(&self)
    }

    /// A draft, or refused: its author may publish it.
    pub fn awaits_publication(self) -> bool {
        matches!(self, Status::Draft | Status::Refused)
    }

    /// Whether associations may still join it and structures make offers.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Published | Status::Funded)
    }
}

/// Where an offer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferStatus {
    /// Made, the author may accept it.
    Open,
    Accepted,
    /// Taken back by the person who made it.
    Withdrawn,
}

impl OfferStatus {
    /// The value in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Open => "open",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<OfferStatus> {
        [OfferStatus::Open, OfferStatus::Accepted, OfferStatus::Withdrawn].into_iter().find(|o| o.as_str() == s)
    }

    pub fn is_open(self) -> bool {
        self == OfferStatus::Open
    }

    pub fn is_accepted(self) -> bool {
        self == OfferStatus::Accepted
    }
}

crate::text_enum!(Kind);
crate::text_enum!(Status);
crate::text_enum!(OfferStatus);

crate::text_enum! {
    /// Where a comment stands.
    pub enum CommentStatus {
        /// Waiting for a moderator (pre-moderation).
        Pending = "pending",
        Published = "published",
        /// Refused by a moderator while pending.
        Refused = "refused",
        /// Taken down by a moderator after publication.
        Removed = "removed",
    }
}

/// What an author can do to their ad's lifecycle (the `action` of the status form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdAction {
    /// Draft or refused → published (or pending under pre-moderation).
    Publish,
    /// Expired → published (funded again if the pledges still cover the cost).
    Reopen,
    /// A fresh lifetime for a published or funded ad.
    Extend,
    /// Published or funded, with an accepted offer → in progress.
    Start,
    /// In progress → done.
    Finish,
    /// Published, funded or in progress → closed, with a reason; a pending ad goes back to the
    /// drafts instead (closing it would make it public).
    Close,
}

impl AdAction {
    pub const ALL: [AdAction; 6] =
        [AdAction::Publish, AdAction::Reopen, AdAction::Extend, AdAction::Start, AdAction::Finish, AdAction::Close];

    /// The value in the form.
    pub fn as_str(self) -> &'static str {
        match self {
            AdAction::Publish => "publier",
            AdAction::Reopen => "rouvrir",
            AdAction::Extend => "prolonger",
            AdAction::Start => "demarrer",
            AdAction::Finish => "terminer",
            AdAction::Close => "fermer",
        }
    }

    pub fn parse(s: &str) -> Option<AdAction> {
        AdAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// What the author may do in `status`, with the label of each button, in page order.
    pub fn available(status: Status, has_accepted_offer: bool) -> Vec<(AdAction, &'static str)> {
        match status {
            Status::Draft | Status::Refused => vec![(AdAction::Publish, "ads-action-publish")],
            Status::Published | Status::Funded => {
                let mut out = Vec::new();
                if has_accepted_offer {
                    out.push((AdAction::Start, "ads-action-start"));
                }
                out.push((AdAction::Extend, "ads-action-extend"));
                out.push((AdAction::Close, "ads-action-close"));
                out
            }
            Status::InProgress => vec![(AdAction::Finish, "ads-action-finish"), (AdAction::Close, "ads-action-close")],
            Status::Pending => vec![(AdAction::Close, "ads-action-withdraw")],
            Status::Expired => vec![(AdAction::Reopen, "ads-action-reopen")],
            Status::Done | Status::Closed | Status::Removed => Vec::new(),
        }
    }
}

/// "1 500 €" / "€1,500".
pub fn format_euros(lang: crate::web::Lang, amount: i64) -> String {
    lang.euros(amount)
}

/// Whether `slug` names a software of the directory's taxonomy (the ads' software filter and field).
fn software_known(app: &crate::app::AppState) -> impl Fn(&str) -> bool + use<> {
    let labels = app.directory.labels();
    move |s: &str| labels.get(crate::web::Lang::Fr, "software", s).is_some()
}

/// Largest amount (euros) accepted for a cost, a pledge or an offer.
pub const MAX_AMOUNT: i64 = crate::types::Euros::MAX;

/// The kind of the ads' records in the change feed `search_changes`.
const CHANGE_KIND: &str = "ad";

/// Records that an ad changed, for every node's index (call inside the change's transaction).
pub async fn record_change<C: sea_orm::ConnectionTrait>(c: &C, ad_id: i64) -> crate::db::Result<()> {
    crate::search::feed::record(c, CHANGE_KIND, ad_id).await
}
