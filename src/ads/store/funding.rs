//! Storage of the pledges and offers of an ad.

use sea_orm::ConnectionTrait;

use crate::db::{self, Db, Row};
use crate::types::Euros;
use crate::vals;

// ---- pledges ------------------------------------------------------------------------------

#[derive(Row, Debug, Clone)]
pub struct Pledge {
    pub user_id: i64,
    pub association_name: String,
    pub amount: Option<i64>,
}

pub async fn pledges(db: &Db, ad_id: i64) -> db::Result<Vec<Pledge>> {
    db::all(
        db.conn(),
        "SELECT id, user_id, association_name, amount, created_at FROM ad_pledges WHERE ad_id = $1 ORDER BY created_at, id",
        vals![ad_id],
    )
    .await
}

/// Adds or changes the pledge of `user_id`.
pub async fn upsert_pledge<C: ConnectionTrait>(
    c: &C,
    ad_id: i64,
    user_id: i64,
    association_name: &str,
    amount: Option<Euros>,
) -> db::Result<()> {
    let now = db::now();
    db::exec(
        c,
        "INSERT INTO ad_pledges (ad_id, user_id, association_name, amount, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (ad_id, user_id) DO UPDATE SET association_name = $3, amount = $4, updated_at = $5",
        vals![ad_id, user_id, association_name, amount, now],
    )
    .await?;
    Ok(())
}

pub async fn delete_pledge<C: ConnectionTrait>(c: &C, ad_id: i64, user_id: i64) -> db::Result<bool> {
    Ok(db::exec(c, "DELETE FROM ad_pledges WHERE ad_id = $1 AND user_id = $2", vals![ad_id, user_id]).await? == 1)
}

// ---- offers -------------------------------------------------------------------------------

#[derive(Row, Debug, Clone)]
pub struct Offer {
    pub id: i64,
    pub ad_id: i64,
    pub user_id: i64,
    pub structure_slug: Option<String>,
    pub author_name: String,
    pub amount: i64,
    pub timeframe: String,
    pub message: String,
    pub status: super::super::OfferStatus,
    pub created_at: i64,
}

const OFFER_SELECT: &str = "SELECT o.id, o.ad_id, o.user_id, o.structure_id, s.slug AS structure_slug, o.author_name, \
       o.amount, o.timeframe, o.message, o.status, o.created_at \
     FROM ad_offers o LEFT JOIN structures s ON s.id = o.structure_id";

pub async fn offers(db: &Db, ad_id: i64) -> db::Result<Vec<Offer>> {
    db::all(
        db.conn(),
        &format!("{OFFER_SELECT} WHERE o.ad_id = $1 AND o.status <> 'withdrawn' ORDER BY o.created_at, o.id"),
        vals![ad_id],
    )
    .await
}

pub async fn offer<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<Option<Offer>> {
    db::one(c, &format!("{OFFER_SELECT} WHERE o.id = $1"), vals![id]).await
}

pub struct NewOffer<'a> {
    pub ad_id: i64,
    pub user_id: i64,
    pub structure_id: Option<i64>,
    pub author_name: &'a str,
    pub amount: Euros,
    pub timeframe: &'a str,
    pub message: &'a str,
}

/// Adds the offer of a person, or replaces their open one; false when theirs was accepted.
pub async fn upsert_offer<C: ConnectionTrait>(c: &C, o: &NewOffer<'_>) -> db::Result<bool> {
    let now = db::now();
    let n = db::exec(
        c,
        "INSERT INTO ad_offers (ad_id, user_id, structure_id, author_name, amount, timeframe, message, status, \
           created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $8) \
         ON CONFLICT (ad_id, user_id) DO UPDATE SET structure_id = $3, author_name = $4, amount = $5, timeframe = $6, \
           message = $7, status = 'open', updated_at = $8 WHERE ad_offers.status <> 'accepted'",
        vals![o.ad_id, o.user_id, o.structure_id, o.author_name, o.amount, o.timeframe, o.message, now],
    )
    .await?;
    Ok(n == 1)
}

pub async fn withdraw_offer<C: ConnectionTrait>(c: &C, ad_id: i64, user_id: i64) -> db::Result<bool> {
    let n = db::exec(
        c,
        "UPDATE ad_offers SET status = 'withdrawn', updated_at = $1 WHERE ad_id = $2 AND user_id = $3 AND status = 'open'",
        vals![db::now(), ad_id, user_id],
    )
    .await?;
    Ok(n == 1)
}

/// Accepts an open offer of an ad that has none accepted yet; false when that no longer holds.
pub async fn accept_offer<C: ConnectionTrait>(c: &C, ad_id: i64, offer: &Offer) -> db::Result<bool> {
    let now = db::now();
    let n = db::exec(
        c,
        "UPDATE ads SET accepted_offer_id = $1, accepted_cost = $2, updated_at = $3 \
         WHERE id = $4 AND accepted_offer_id IS NULL AND status IN ('published', 'funded')",
        vals![offer.id, offer.amount, now, ad_id],
    )
    .await?;
    if n != 1 {
        return Ok(false);
    }
    db::exec(c, "UPDATE ad_offers SET status = 'accepted', updated_at = $1 WHERE id = $2", vals![now, offer.id])
        .await?;
    Ok(true)
}
