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

pub mod bench;
mod demo;
mod engine;
mod feeds;
mod forms;
mod moderation;
mod routes;
pub mod search;
mod store;

pub use demo::seed_demo;
pub use engine::Ads;
pub use moderation::{PendingAds, pending_for_moderation};
pub use routes::format_euros;

/// Every route of the ads: pages, moderation decisions.
pub fn routes() -> axum::Router<crate::app::AppState> {
    routes::routes().merge(moderation::routes()).merge(feeds::routes())
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

    /// Whether associations may still join it and structures make offers.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Published | Status::Funded)
    }
}

/// Largest amount (euros) accepted for a cost, a pledge or an offer.
pub const MAX_AMOUNT: i64 = 1_000_000;

/// Records that an ad changed, for every node's index (call inside the change's transaction).
pub async fn record_change<C: sea_orm::ConnectionTrait>(c: &C, ad_id: i64) -> Result<(), sea_orm::DbErr> {
    crate::db::exec(
        c,
        "INSERT INTO search_changes (kind, target_id, changed_at) VALUES ('ad', $1, $2)",
        crate::vals![ad_id, crate::db::now()],
    )
    .await?;
    Ok(())
}

/// Reminds the authors of ads about to expire, and expires those past their end (run by the
/// scheduled jobs on every node: each ad is claimed by one conditional update). Returns
/// (reminded, expired).
pub async fn keep_lifetimes(app: &crate::app::AppState) -> Result<(usize, usize), sea_orm::DbErr> {
    let now = crate::db::now();
    let mut reminded = 0;
    for ad in store::to_remind(&app.db, now + app.config.ads_reminder_days * 86_400).await? {
        let Some(expires_at) = ad.expires_at else { continue };
        if expires_at <= now {
            continue;
        }
        let txn = app.db.begin().await?;
        if !store::mark_reminded(&txn, ad.id).await? {
            continue;
        }
        if let Some((email, lang)) = routes::author_contact(&txn, &ad).await? {
            let args = [
                ("title", ad.title.clone()),
                ("date", lang.date(expires_at)),
                ("url", format!("{}{}", app.config.base(), search::path(ad.id, &ad.slug))),
            ];
            crate::mail::queue(
                &txn,
                &crate::mail::Email::compose(lang, &email, ad.author_id, "mail-ad-reminder", &args),
            )
            .await?;
        }
        txn.commit().await?;
        reminded += 1;
    }
    let mut expired = 0;
    for ad in store::to_expire(&app.db, now).await? {
        let txn = app.db.begin().await?;
        if !store::transition(&txn, ad.id, &[Status::Published, Status::Funded], Status::Expired).await? {
            continue;
        }
        record_change(&txn, ad.id).await?;
        routes::notify(
            app,
            &txn,
            &ad,
            None,
            "mail-ad-status",
            &[("status_fr", Status::Expired.label_key().to_owned())],
        )
        .await?;
        txn.commit().await?;
        expired += 1;
    }
    if reminded + expired > 0 {
        app.ads.changed();
        app.mail_queued();
    }
    Ok((reminded, expired))
}

/// What the ads hold about a person, for their data export.
pub async fn personal_data(db: &crate::db::Db, user_id: i64) -> Result<serde_json::Value, sea_orm::DbErr> {
    #[derive(crate::db::Row)]
    struct Line {
        ad_id: i64,
        title: String,
        detail: Option<String>,
        amount: Option<i64>,
        at: i64,
    }
    let iso = |ts: i64| chrono::DateTime::from_timestamp(ts, 0).map(|d| d.to_rfc3339()).unwrap_or_default();
    let c = db.conn();
    let lines = |sql: &'static str| async move { crate::db::all::<Line, _>(c, sql, crate::vals![user_id]).await };
    let ads = lines("SELECT id AS ad_id, title, status AS detail, estimated_cost AS amount, created_at AS at FROM ads WHERE author_id = $1 ORDER BY id").await?;
    let pledges = lines(
        "SELECT p.ad_id, a.title, p.association_name AS detail, p.amount, p.updated_at AS at \
         FROM ad_pledges p JOIN ads a ON a.id = p.ad_id WHERE p.user_id = $1 ORDER BY p.id",
    )
    .await?;
    let offers = lines(
        "SELECT o.ad_id, a.title, o.message AS detail, o.amount, o.updated_at AS at \
         FROM ad_offers o JOIN ads a ON a.id = o.ad_id WHERE o.user_id = $1 ORDER BY o.id",
    )
    .await?;
    let comments = lines(
        "SELECT c.ad_id, a.title, c.body AS detail, CAST(NULL AS BIGINT) AS amount, c.created_at AS at \
         FROM ad_comments c JOIN ads a ON a.id = c.ad_id WHERE c.user_id = $1 ORDER BY c.id",
    )
    .await?;
    let follows = lines(
        "SELECT f.ad_id, a.title, CAST(NULL AS TEXT) AS detail, CAST(NULL AS BIGINT) AS amount, f.created_at AS at \
         FROM ad_follows f JOIN ads a ON a.id = f.ad_id WHERE f.user_id = $1 ORDER BY f.ad_id",
    )
    .await?;
    let list = |rows: &[Line], detail: &str, amount: &str| -> Vec<serde_json::Value> {
        rows.iter()
            .map(|l| {
                let mut v = serde_json::json!({ "ad_id": l.ad_id, "ad_title": l.title, "at": iso(l.at) });
                if !detail.is_empty() {
                    v[detail] = serde_json::json!(l.detail);
                }
                if !amount.is_empty() {
                    v[amount] = serde_json::json!(l.amount);
                }
                v
            })
            .collect()
    };
    Ok(serde_json::json!({
        "ads": list(&ads, "status", "estimated_cost"),
        "pledges": list(&pledges, "association", "amount"),
        "offers": list(&offers, "message", "amount"),
        "comments": list(&comments, "body", ""),
        "follows": list(&follows, "", ""),
    }))
}

/// Before an account is deleted (in the deletion's transaction): its drafts and never-published
/// ads go with it, its open ads are closed (nobody could manage them any more). Returns the ads
/// whose figures change once its pledges and offers are gone, for [`after_account_deleted`].
pub async fn before_account_deleted<C: sea_orm::ConnectionTrait>(
    c: &C,
    user_id: i64,
) -> Result<Vec<i64>, sea_orm::DbErr> {
    use crate::vals;
    #[derive(crate::db::Row)]
    struct Id {
        id: i64,
    }
    crate::db::exec(
        c,
        "DELETE FROM ads WHERE author_id = $1 AND status IN ('draft', 'pending', 'refused')",
        vals![user_id],
    )
    .await?;
    let own: Vec<Id> = crate::db::all(
        c,
        "SELECT id FROM ads WHERE author_id = $1 AND status IN ('published', 'funded', 'in_progress')",
        vals![user_id],
    )
    .await?;
    for ad in &own {
        store::transition(c, ad.id, &[Status::Published, Status::Funded, Status::InProgress], Status::Closed).await?;
    }
    let touched: Vec<Id> = crate::db::all(
        c,
        "SELECT ad_id AS id FROM ad_pledges WHERE user_id = $1 UNION SELECT ad_id AS id FROM ad_offers WHERE user_id = $1",
        vals![user_id],
    )
    .await?;
    let mut ids: Vec<i64> = own.iter().chain(touched.iter()).map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// After the account's rows are gone: pledges no longer counted may un-fund an ad; every node's
/// index is told.
pub async fn after_account_deleted<C: sea_orm::ConnectionTrait>(c: &C, ids: &[i64]) -> Result<(), sea_orm::DbErr> {
    for id in ids {
        store::settle_funding(c, *id).await?;
        record_change(c, *id).await?;
    }
    Ok(())
}
