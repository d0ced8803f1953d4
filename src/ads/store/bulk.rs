//! Writing ads, pledges, offers and followers many at a time, in multi-row statements through
//! `db::batch`: the benchmark's data set, and `insert` (one new draft). The row structs are those
//! of the normal path where it has one (`AdFields`, `NewOffer`).

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use super::{AdFields, NewOffer, Status};
use crate::db::{self, Db, Row, Value};
use crate::vals;

/// An ad as `insert_many` writes it: what its author wrote (`AdFields`) and the point of its
/// lifecycle it has reached. A new ad is a draft (`insert`); bulk data starts anywhere, where the
/// normal path gets one step at a time (`publish`, `decide`, `transition`, `accept_offer`). It was
/// last updated when its status changed.
pub struct BulkAd<'a> {
    pub author_id: i64,
    pub fields: &'a AdFields,
    pub status: Status,
    pub accepted_cost: Option<i64>,
    pub close_reason: &'a str,
    pub decision_reason: &'a str,
    pub created_at: i64,
    pub published_at: Option<i64>,
    pub status_changed_at: i64,
    pub expires_at: Option<i64>,
    pub decided_at: Option<i64>,
}

/// A pledge as bulk data writes it (`upsert_pledge` takes its fields as arguments and dates them
/// now).
pub struct BulkPledge<'a> {
    pub ad_id: i64,
    pub user_id: i64,
    pub association_name: &'a str,
    pub amount: Option<i64>,
    pub at: i64,
}

/// An offer as bulk data writes it: `NewOffer`, the date it was made and whether its ad accepted
/// it.
pub struct BulkOffer<'a> {
    pub offer: NewOffer<'a>,
    pub accepted: bool,
    pub at: i64,
}

/// The columns `insert_many` writes, in the order of its values: `AdFields::values` first.
const AD_COLUMNS: &[&str] = &[
    "slug",
    "kind",
    "association_name",
    "title",
    "body",
    "software_slug",
    "software_other",
    "estimated_cost",
    "deadline",
    "region_code",
    "remote",
    "tags",
    "status",
    "author_id",
    "accepted_cost",
    "close_reason",
    "created_at",
    "updated_at",
    "published_at",
    "status_changed_at",
    "expires_at",
    "decided_at",
    "decision_reason",
];

#[derive(Row)]
struct SlugId {
    id: i64,
    slug: String,
}

/// Inserts many ads in multi-row statements; returns the id of each, in the order of `ads`, told
/// apart by slug (the slugs of one call are distinct).
pub async fn insert_many<C: ConnectionTrait>(c: &C, ads: &[BulkAd<'_>]) -> db::Result<Vec<Option<i64>>> {
    let rows = ads
        .iter()
        .map(|a| {
            let rest = vals![
                a.status.as_str(),
                a.author_id,
                a.accepted_cost,
                a.close_reason,
                a.created_at,
                a.status_changed_at,
                a.published_at,
                a.status_changed_at,
                a.expires_at,
                a.decided_at,
                a.decision_reason
            ];
            [a.fields.values(), rest].concat()
        })
        .collect();
    let inserted: Vec<SlugId> = db::batch::insert_returning(c, "ads", AD_COLUMNS, rows, "RETURNING id, slug").await?;
    let inserted: HashMap<String, i64> = inserted.into_iter().map(|r| (r.slug, r.id)).collect();
    Ok(ads.iter().map(|a| inserted.get(&a.fields.slug).copied()).collect())
}

/// Inserts many pledges in multi-row statements; one already there for the same ad and person
/// stays as it is.
pub async fn insert_many_pledges<C: ConnectionTrait>(c: &C, pledges: &[BulkPledge<'_>]) -> db::Result<()> {
    let rows = pledges.iter().map(|p| vals![p.ad_id, p.user_id, p.association_name, p.amount, p.at, p.at]).collect();
    let columns = ["ad_id", "user_id", "association_name", "amount", "created_at", "updated_at"];
    db::batch::insert(c, "ad_pledges", &columns, rows).await
}

/// Inserts many offers in multi-row statements (one already there for the same ad and person
/// stays as it is); an accepted one becomes its ad's accepted offer, as `accept_offer` makes it.
pub async fn insert_many_offers<C: ConnectionTrait>(c: &C, offers: &[BulkOffer<'_>]) -> db::Result<()> {
    let rows = offers
        .iter()
        .map(|b| {
            let o = &b.offer;
            let status = if b.accepted { "accepted" } else { "open" };
            vals![
                o.ad_id,
                o.user_id,
                o.structure_id,
                o.author_name,
                o.amount,
                o.timeframe,
                o.message,
                status,
                b.at,
                b.at
            ]
        })
        .collect();
    let columns = [
        "ad_id",
        "user_id",
        "structure_id",
        "author_name",
        "amount",
        "timeframe",
        "message",
        "status",
        "created_at",
        "updated_at",
    ];
    db::batch::insert(c, "ad_offers", &columns, rows).await?;
    let accepted: Vec<i64> = offers.iter().filter(|b| b.accepted).map(|b| b.offer.ad_id).collect();
    for ids in accepted.chunks(db::batch::PARAMS_PER_INSERT) {
        db::exec(
            c,
            &format!(
                "UPDATE ads SET accepted_offer_id = \
                   (SELECT MIN(o.id) FROM ad_offers o WHERE o.ad_id = ads.id AND o.status = 'accepted') \
                 WHERE accepted_offer_id IS NULL AND id IN ({})",
                db::placeholders(1, ids.len())
            ),
            ids.iter().map(|id| Value::from(*id)).collect(),
        )
        .await?;
    }
    Ok(())
}

/// Inserts many followers (ad, person, since) in multi-row statements.
pub async fn insert_many_follows<C: ConnectionTrait>(c: &C, follows: &[(i64, i64, i64)]) -> db::Result<()> {
    let rows = follows.iter().map(|(ad_id, user_id, at)| vals![*ad_id, *user_id, *at]).collect();
    db::batch::insert(c, "ad_follows", &["ad_id", "user_id", "created_at"], rows).await
}

/// The slugs of the ads whose slug ends with `suffix`.
pub async fn slugs_ending(db: &Db, suffix: &str) -> db::Result<Vec<String>> {
    let rows: Vec<SlugId> =
        db::all(db.conn(), "SELECT id, slug FROM ads WHERE slug LIKE $1", vals![format!("%{suffix}")]).await?;
    Ok(rows.into_iter().map(|r| r.slug).collect())
}

/// How many ads have a slug that does not end with `suffix`.
pub async fn count_slugs_not_ending(db: &Db, suffix: &str) -> db::Result<i64> {
    let sql = "SELECT COUNT(*) FROM ads WHERE slug NOT LIKE $1";
    Ok(db::int(db.conn(), sql, vals![format!("%{suffix}")]).await?.unwrap_or(0))
}
