//! Storage of ads, pledges, offers, comments and followers; what the moderation queue shows of
//! reported ones in `store/moderation.rs`; the changes to public ads waiting for a look in
//! `store/review.rs`; the followers' collected notices, the announcements made once and the
//! counts of the rate limits in `store/notices.rs`.

use sea_orm::ConnectionTrait;

use super::{CommentStatus, Kind, Status};
use crate::db::{self, Db, Row, Value};
use crate::types::{Day, Euros};
use crate::vals;
use crate::web::Lang;

/// The columns every ad query reads, with the pledge and offer counts (correlated subqueries:
/// each one an index lookup, also when a single ad is read).
const AD_SELECT: &str = "SELECT a.id, a.slug, a.kind, a.status, a.author_id, a.association_name, a.title, a.body, \
       a.software_slug, a.software_other, a.estimated_cost, a.deadline, a.region_code, a.remote, a.tags, \
       a.accepted_offer_id, a.accepted_cost, a.close_reason, a.created_at, a.updated_at, a.published_at, \
       a.status_changed_at, a.expires_at, a.decision_reason, a.version, \
       (SELECT COUNT(*) FROM ad_pledges p WHERE p.ad_id = a.id) AS associations, \
       (SELECT CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) FROM ad_pledges p WHERE p.ad_id = a.id) AS pledged, \
       (SELECT COUNT(*) FROM ad_offers o WHERE o.ad_id = a.id AND o.status <> 'withdrawn') AS offers \
     FROM ads a";

#[derive(Row, Debug, Clone)]
pub struct AdRow {
    pub id: i64,
    pub slug: String,
    pub kind: Kind,
    pub status: Status,
    pub author_id: Option<i64>,
    pub association_name: String,
    pub title: String,
    pub body: String,
    pub software_slug: Option<String>,
    pub software_other: String,
    pub estimated_cost: Option<i64>,
    pub deadline: Option<String>,
    pub region_code: Option<String>,
    pub remote: bool,
    pub tags: String,
    pub accepted_offer_id: Option<i64>,
    pub accepted_cost: Option<i64>,
    pub close_reason: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
    pub status_changed_at: i64,
    pub expires_at: Option<i64>,
    pub decision_reason: String,
    /// Incremented at every write of its text (or of the text waiting for it): moderators
    /// decide on the version they saw.
    pub version: i64,
    pub associations: i64,
    pub pledged: i64,
    pub offers: i64,
}

/// Public ads after `after_id`, `limit` at a time in id order (the engine reads them a page at a
/// time at start); with `full` false only the start of each description is read.
pub async fn public_page(db: &Db, after_id: i64, limit: i64, full: bool) -> db::Result<Vec<AdRow>> {
    let statuses: Vec<String> = Status::PUBLIC.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let select =
        if full { AD_SELECT.to_owned() } else { AD_SELECT.replacen("a.body,", "SUBSTR(a.body, 1, 600) AS body,", 1) };
    db::all(
        db.conn(),
        &format!("{select} WHERE a.status IN ({}) AND a.id > $1 ORDER BY a.id LIMIT $2", statuses.join(", ")),
        vals![after_id, limit],
    )
    .await
}

/// Public ads (all, or those of `ids`), for the search engine.
pub async fn public(db: &Db, ids: Option<&[i64]>) -> db::Result<Vec<AdRow>> {
    let statuses: Vec<String> = Status::PUBLIC.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let (filter, values): (String, Vec<Value>) = match ids {
        Some([]) => return Ok(vec![]),
        Some(ids) => (
            format!(" AND a.id IN ({})", db::placeholders(1, ids.len())),
            ids.iter().map(|i| Value::from(*i)).collect(),
        ),
        None => (String::new(), vec![]),
    };
    db::all(db.conn(), &format!("{AD_SELECT} WHERE a.status IN ({}){filter}", statuses.join(", ")), values).await
}

pub async fn by_id<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<Option<AdRow>> {
    db::one(c, &format!("{AD_SELECT} WHERE a.id = $1"), vals![id]).await
}

/// Every ad of an author, newest first.
pub async fn by_author(db: &Db, user_id: i64) -> db::Result<Vec<AdRow>> {
    db::all(
        db.conn(),
        &format!("{AD_SELECT} WHERE a.author_id = $1 ORDER BY a.updated_at DESC, a.id DESC"),
        vals![user_id],
    )
    .await
}

/// Ads waiting for a moderator, oldest first.
pub async fn pending(db: &Db) -> db::Result<Vec<AdRow>> {
    db::all(db.conn(), &format!("{AD_SELECT} WHERE a.status = 'pending' ORDER BY a.updated_at, a.id"), vals![]).await
}

/// The fields an author writes.
#[derive(Debug, Clone)]
pub struct AdFields {
    pub kind: Kind,
    pub association_name: String,
    pub title: String,
    pub slug: String,
    pub body: String,
    pub software_slug: Option<String>,
    pub software_other: String,
    pub estimated_cost: Option<Euros>,
    pub deadline: Option<Day>,
    pub region_code: Option<String>,
    pub remote: bool,
    pub tags: String,
}

impl AdFields {
    /// The values of the columns an author writes, in the order `update` and `insert_many` name
    /// them: from `slug` to `tags`.
    fn values(&self) -> Vec<Value> {
        vals![
            self.slug.as_str(),
            self.kind,
            self.association_name.as_str(),
            self.title.as_str(),
            self.body.as_str(),
            self.software_slug.clone(),
            self.software_other.as_str(),
            self.estimated_cost,
            self.deadline,
            self.region_code.clone(),
            self.remote,
            self.tags.as_str()
        ]
    }
}

/// Inserts a new ad, a draft; returns its id.
pub async fn insert<C: ConnectionTrait>(c: &C, author_id: i64, f: &AdFields) -> db::Result<i64> {
    let now = db::now();
    let draft = BulkAd {
        author_id,
        fields: f,
        status: Status::Draft,
        accepted_cost: None,
        close_reason: "",
        decision_reason: "",
        created_at: now,
        published_at: None,
        status_changed_at: now,
        expires_at: None,
        decided_at: None,
    };
    insert_many(c, &[draft]).await?.pop().flatten().ok_or(sea_orm::DbErr::RecordNotInserted)
}

pub async fn update<C: ConnectionTrait>(c: &C, id: i64, f: &AdFields) -> db::Result<()> {
    db::exec(
        c,
        "UPDATE ads SET slug = $1, kind = $2, association_name = $3, title = $4, body = $5, software_slug = $6, \
           software_other = $7, estimated_cost = $8, deadline = $9, region_code = $10, remote = $11, tags = $12, \
           updated_at = $13, version = version + 1 WHERE id = $14",
        [f.values(), vals![db::now(), id]].concat(),
    )
    .await?;
    Ok(())
}

/// Moves an ad to `to` if it is in one of `from`; false when it was not (someone else moved it).
pub async fn transition<C: ConnectionTrait>(c: &C, id: i64, from: &[Status], to: Status) -> db::Result<bool> {
    let from: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let n = db::exec(
        c,
        &format!(
            "UPDATE ads SET status = $1, status_changed_at = $2, updated_at = $2 WHERE id = $3 AND status IN ({})",
            from.join(", ")
        ),
        vals![to.as_str(), db::now(), id],
    )
    .await?;
    Ok(n == 1)
}

/// Publication: the ad becomes public (or waits for a moderator) with a fresh lifetime.
pub async fn publish<C: ConnectionTrait>(
    c: &C,
    id: i64,
    to: Status,
    expires_at: i64,
    from: &[Status],
) -> db::Result<bool> {
    let from: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let now = db::now();
    let n = db::exec(
        c,
        &format!(
            "UPDATE ads SET status = $1, status_changed_at = $2, updated_at = $2, expires_at = $3, reminded_at = NULL, \
               published_at = CASE WHEN $1 = 'published' THEN COALESCE(published_at, $2) ELSE published_at END \
             WHERE id = $4 AND status IN ({})",
            from.join(", ")
        ),
        vals![to.as_str(), now, expires_at, id],
    )
    .await?;
    Ok(n == 1)
}

pub async fn set_close_reason<C: ConnectionTrait>(c: &C, id: i64, reason: &str) -> db::Result<()> {
    db::exec(c, "UPDATE ads SET close_reason = $1 WHERE id = $2", vals![reason, id]).await?;
    Ok(())
}

/// Records a moderator's decision on a pending or public ad; false when the ad was no longer
/// in one of `from`, or no longer at `version` when one is given.
pub async fn decide<C: ConnectionTrait>(
    c: &C,
    id: i64,
    from: &[Status],
    to: Status,
    by: i64,
    reason: &str,
    version: Option<i64>,
) -> db::Result<bool> {
    let from: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let now = db::now();
    let mut values = vals![to.as_str(), now, by, reason, id];
    let same_version = match version {
        Some(v) => {
            values.push(v.into());
            " AND version = $6"
        }
        None => "",
    };
    let n = db::exec(
        c,
        &format!(
            "UPDATE ads SET status = $1, status_changed_at = $2, updated_at = $2, decided_at = $2, decided_by = $3, \
               decision_reason = $4, \
               published_at = CASE WHEN $1 = 'published' THEN COALESCE(published_at, $2) ELSE published_at END \
             WHERE id = $5 AND status IN ({}){same_version}",
            from.join(", ")
        ),
        values,
    )
    .await?;
    Ok(n == 1)
}

/// Moves a published or funded ad to the state its pledges call for; returns the new state
/// when it changed.
pub async fn settle_funding<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<Option<Status>> {
    let Some(ad) = by_id(c, id).await? else { return Ok(None) };
    let Some(cost) = ad.accepted_cost else { return Ok(None) };
    let want = if ad.pledged >= cost { Status::Funded } else { Status::Published };
    let from = match want {
        Status::Funded => Status::Published,
        _ => Status::Funded,
    };
    Ok(transition(c, id, &[from], want).await?.then_some(want))
}

// ---- comments -----------------------------------------------------------------------------

#[derive(Row, Debug, Clone)]
pub struct Comment {
    pub id: i64,
    pub ad_id: i64,
    pub user_id: Option<i64>,
    pub author_name: String,
    pub body: String,
    pub status: CommentStatus,
    pub created_at: i64,
}

pub async fn comments(db: &Db, ad_id: i64) -> db::Result<Vec<Comment>> {
    db::all(
        db.conn(),
        "SELECT id, ad_id, user_id, author_name, body, status, created_at FROM ad_comments \
         WHERE ad_id = $1 AND status IN ('published', 'pending') ORDER BY created_at, id",
        vals![ad_id],
    )
    .await
}

pub async fn comment<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<Option<Comment>> {
    db::one(
        c,
        "SELECT id, ad_id, user_id, author_name, body, status, created_at FROM ad_comments WHERE id = $1",
        vals![id],
    )
    .await
}

/// Comments waiting for a moderator, oldest first, with the title of their ad.
#[derive(Row, Debug, Clone)]
pub struct PendingComment {
    pub id: i64,
    pub ad_id: i64,
    pub ad_slug: String,
    pub ad_title: String,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

pub async fn pending_comments(db: &Db) -> db::Result<Vec<PendingComment>> {
    db::all(
        db.conn(),
        "SELECT c.id, c.ad_id, a.slug AS ad_slug, a.title AS ad_title, c.author_name, c.body, c.created_at \
         FROM ad_comments c JOIN ads a ON a.id = c.ad_id WHERE c.status = 'pending' ORDER BY c.created_at, c.id",
        vals![],
    )
    .await
}

pub async fn insert_comment<C: ConnectionTrait>(
    c: &C,
    ad_id: i64,
    user_id: i64,
    author_name: &str,
    body: &str,
    status: CommentStatus,
) -> db::Result<i64> {
    db::int(
        c,
        "INSERT INTO ad_comments (ad_id, user_id, author_name, body, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        vals![ad_id, user_id, author_name, body, status, db::now()],
    )
    .await?
    .ok_or(sea_orm::DbErr::RecordNotInserted)
}

/// Comments written by `user_id` since `since`.
pub async fn comments_since(db: &Db, user_id: i64, since: i64) -> db::Result<i64> {
    Ok(db::int(
        db.conn(),
        "SELECT COUNT(*) FROM ad_comments WHERE user_id = $1 AND created_at >= $2",
        vals![user_id, since],
    )
    .await?
    .unwrap_or(0))
}

/// Records a moderator's decision on a comment; false when it was no longer in one of `from`.
pub async fn decide_comment<C: ConnectionTrait>(
    c: &C,
    id: i64,
    from: CommentStatus,
    to: CommentStatus,
    by: i64,
    reason: &str,
) -> db::Result<bool> {
    let n = db::exec(
        c,
        "UPDATE ad_comments SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4 \
         WHERE id = $5 AND status = $6",
        vals![to, db::now(), by, reason, id, from],
    )
    .await?;
    Ok(n == 1)
}

#[derive(Row)]
struct AssociationName {
    association_name: String,
}

/// The association an account acts for (empty when never given).
pub async fn association_name(db: &Db, user_id: i64) -> db::Result<String> {
    let name: Option<AssociationName> =
        db::one(db.conn(), "SELECT association_name FROM users WHERE id = $1", vals![user_id]).await?;
    Ok(name.map(|n| n.association_name).unwrap_or_default())
}

/// Remembers the association an account acts for (its role is `actions::remember_association`'s).
pub async fn remember_association<C: ConnectionTrait>(c: &C, user_id: i64, name: &str) -> db::Result<()> {
    db::exec(c, "UPDATE users SET association_name = $1 WHERE id = $2", vals![name, user_id]).await?;
    Ok(())
}

/// A person's address and language, for an email about their ad or comment.
pub async fn contact<C: ConnectionTrait>(c: &C, user_id: i64) -> db::Result<Option<(String, Lang)>> {
    #[derive(Row)]
    struct Contact {
        email: String,
        locale: String,
    }
    let row: Option<Contact> = db::one(c, "SELECT email, locale FROM users WHERE id = $1", vals![user_id]).await?;
    Ok(row.map(|r| (r.email, Lang::parse(&r.locale).unwrap_or(Lang::Fr))))
}

// ---- followers ----------------------------------------------------------------------------

pub async fn follow<C: ConnectionTrait>(c: &C, ad_id: i64, user_id: i64) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO ad_follows (ad_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        vals![ad_id, user_id, db::now()],
    )
    .await?;
    Ok(())
}

pub async fn unfollow<C: ConnectionTrait>(c: &C, ad_id: i64, user_id: i64) -> db::Result<()> {
    db::exec(c, "DELETE FROM ad_follows WHERE ad_id = $1 AND user_id = $2", vals![ad_id, user_id]).await?;
    Ok(())
}

pub async fn follows(db: &Db, ad_id: i64, user_id: i64) -> db::Result<bool> {
    Ok(db::int(db.conn(), "SELECT COUNT(*) FROM ad_follows WHERE ad_id = $1 AND user_id = $2", vals![ad_id, user_id])
        .await?
        .unwrap_or(0)
        > 0)
}

#[derive(Row, Debug, Clone)]
pub struct Follower {
    pub user_id: i64,
    pub email: String,
    pub locale: String,
}

pub async fn followers<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<Vec<Follower>> {
    db::all(
        c,
        "SELECT u.id AS user_id, u.email, u.locale FROM ad_follows f JOIN users u ON u.id = f.user_id \
         WHERE f.ad_id = $1 ORDER BY u.id",
        vals![ad_id],
    )
    .await
}

// ---- the lifetime of ads ----------------------------------------------------------------

/// Open ads whose end is near and whose author was not reminded yet.
pub async fn to_remind(db: &Db, before: i64) -> db::Result<Vec<AdRow>> {
    db::all(
        db.conn(),
        &format!(
            "{AD_SELECT} WHERE a.status IN ('published', 'funded') AND a.expires_at IS NOT NULL \
             AND a.expires_at <= $1 AND a.reminded_at IS NULL ORDER BY a.id LIMIT 500"
        ),
        vals![before],
    )
    .await
}

/// Marks the reminder as sent; false when another node sent it first.
pub async fn mark_reminded<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<bool> {
    let n = db::exec(c, "UPDATE ads SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL", vals![db::now(), id])
        .await?;
    Ok(n == 1)
}

/// Open ads past their end.
pub async fn to_expire(db: &Db, now: i64) -> db::Result<Vec<AdRow>> {
    db::all(
        db.conn(),
        &format!(
            "{AD_SELECT} WHERE a.status IN ('published', 'funded') AND a.expires_at IS NOT NULL \
             AND a.expires_at <= $1 ORDER BY a.id LIMIT 500"
        ),
        vals![now],
    )
    .await
}

// Writing many rows at once (`insert` writes one ad through it, bench-seed many).
mod bulk;
mod funding;
mod moderation;
mod notices;
mod review;
pub use bulk::*;
pub use funding::*;
pub use moderation::*;
pub use notices::*;
pub use review::*;
