//! Storage of accompaniments and recommendations, and of the moderators' decisions on them.

use sea_orm::ConnectionTrait;

use super::{AccompanimentStatus, RecommendationStatus};
use crate::db::{self, Db, Row};
use crate::vals;

pub struct NewAccompaniment<'a> {
    pub structure_id: i64,
    pub created_by: i64,
    pub association_name: &'a str,
    pub contact_email: &'a str,
    pub summary: &'a str,
    pub services: &'a str,
    pub software: &'a str,
    pub period_start: &'a str,
    pub period_end: &'a str,
    pub outcome: &'a str,
    pub token_hash: &'a str,
    pub token_expires_at: i64,
    /// The declarer's network tag (`declare::network_tag`).
    pub declared_ip: &'a str,
}

pub async fn insert_accompaniment<C: ConnectionTrait>(c: &C, a: &NewAccompaniment<'_>) -> db::Result<Option<i64>> {
    db::int(
        c,
        "INSERT INTO accompaniments (structure_id, created_by, association_name, contact_email, summary, services, \
           software, period_start, period_end, outcome, status, token_hash, token_expires_at, created_at, \
           declared_ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'sent', $11, $12, $13, $14) RETURNING id",
        vals![
            a.structure_id,
            a.created_by,
            a.association_name,
            a.contact_email,
            a.summary,
            a.services,
            a.software,
            a.period_start,
            a.period_end,
            a.outcome,
            a.token_hash,
            a.token_expires_at,
            db::now(),
            a.declared_ip
        ],
    )
    .await
}

#[derive(Row, Debug, Clone)]
pub struct Accompaniment {
    pub id: i64,
    pub structure_id: i64,
    pub structure_name: String,
    pub association_name: String,
    pub contact_email: String,
    pub summary: String,
    pub services: String,
    pub software: String,
    pub period_start: String,
    pub period_end: String,
    pub outcome: String,
    pub status: AccompanimentStatus,
    pub token_expires_at: i64,
    pub created_at: i64,
}

const ACC_SELECT: &str = "SELECT a.id, a.structure_id, s.name AS structure_name, s.slug AS structure_slug, \
    a.association_name, a.contact_email, a.summary, a.services, a.software, a.period_start, a.period_end, a.outcome, \
    a.status, a.token_expires_at, a.created_at FROM accompaniments a JOIN structures s ON s.id = a.structure_id";

pub async fn accompaniments_of(db: &Db, structure_id: i64) -> db::Result<Vec<Accompaniment>> {
    db::all(db.conn(), &format!("{ACC_SELECT} WHERE a.structure_id = $1 ORDER BY a.id DESC"), vals![structure_id]).await
}

/// The accompaniment of a token, whatever its state (the page says why it cannot be used).
pub async fn by_token(db: &Db, token_hash: &str) -> db::Result<Option<Accompaniment>> {
    db::one(db.conn(), &format!("{ACC_SELECT} WHERE a.token_hash = $1"), vals![token_hash]).await
}

/// Accompaniments a structure declared since `since`.
/// Forgets the network tags of the accompaniments declared before `before`.
pub async fn forget_network_tags(db: &Db, before: i64) -> db::Result<usize> {
    let n = db::exec(
        db.conn(),
        "UPDATE accompaniments SET declared_ip = NULL, answered_ip = NULL \
         WHERE created_at < $1 AND (declared_ip IS NOT NULL OR answered_ip IS NOT NULL)",
        vals![before],
    )
    .await?;
    Ok(n as usize)
}

pub async fn declared_since(db: &Db, structure_id: i64, since: i64) -> db::Result<i64> {
    Ok(db::int(
        db.conn(),
        "SELECT COUNT(*) FROM accompaniments WHERE structure_id = $1 AND created_at > $2",
        vals![structure_id, since],
    )
    .await?
    .unwrap_or(0))
}

/// Who answered a link: the network tag of the answer, the signed-in account if any.
pub struct Answerer<'a> {
    pub ip: &'a str,
    pub user_id: Option<i64>,
}

/// Uses the link once: only a `sent`, unexpired accompaniment moves to `status`.
pub async fn answer<C: ConnectionTrait>(
    c: &C,
    id: i64,
    status: AccompanimentStatus,
    by: &Answerer<'_>,
) -> db::Result<bool> {
    let now = db::now();
    let n = db::exec(
        c,
        "UPDATE accompaniments SET status = $1, answered_at = $2, answered_ip = $3, answered_by = $4 \
         WHERE id = $5 AND status = 'sent' AND token_expires_at > $2",
        vals![status, now, by.ip, by.user_id, id],
    )
    .await?;
    Ok(n == 1)
}

pub struct NewRecommendation<'a> {
    pub structure_id: i64,
    pub accompaniment_id: Option<i64>,
    pub user_id: Option<i64>,
    pub association_name: &'a str,
    pub author_email: &'a str,
    pub body: &'a str,
    pub listening: i32,
    pub clarity: i32,
    pub autonomy: i32,
    pub would_recommend: bool,
    pub withdraw_token_hash: &'a str,
}

pub async fn insert_recommendation<C: ConnectionTrait>(c: &C, r: &NewRecommendation<'_>) -> db::Result<Option<i64>> {
    db::int(
        c,
        "INSERT INTO recommendations (structure_id, accompaniment_id, user_id, association_name, author_email, body, \
           listening, clarity, autonomy, would_recommend, withdraw_token_hash, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12) RETURNING id",
        vals![
            r.structure_id,
            r.accompaniment_id,
            r.user_id,
            r.association_name,
            r.author_email,
            r.body,
            r.listening,
            r.clarity,
            r.autonomy,
            r.would_recommend,
            r.withdraw_token_hash,
            db::now()
        ],
    )
    .await
}

#[derive(Row)]
pub struct Withdrawn {
    pub structure_id: i64,
}

/// Withdraws a recommendation from its author's link; `None` when the link is unknown or
/// the recommendation is already withdrawn or refused.
pub async fn withdraw<C: ConnectionTrait>(c: &C, token_hash: &str) -> db::Result<Option<Withdrawn>> {
    db::one(
        c,
        "UPDATE recommendations SET status = 'withdrawn', withdrawn_at = $1 \
         WHERE withdraw_token_hash = $2 AND status IN ('pending', 'published') RETURNING structure_id",
        vals![db::now(), token_hash],
    )
    .await
}

#[derive(Row)]
pub struct RecoPreview {
    pub structure_name: String,
    pub status: RecommendationStatus,
}

pub async fn by_withdraw_token(db: &Db, token_hash: &str) -> db::Result<Option<RecoPreview>> {
    db::one(
        db.conn(),
        "SELECT r.association_name, s.name AS structure_name, r.status FROM recommendations r \
         JOIN structures s ON s.id = r.structure_id WHERE r.withdraw_token_hash = $1",
        vals![token_hash],
    )
    .await
}

/// Recommendations written from this address in the last `days` days.
pub async fn recent_by_author(db: &Db, email: &str, days: i64) -> db::Result<i64> {
    Ok(db::int(
        db.conn(),
        "SELECT COUNT(*) FROM recommendations WHERE author_email = $1 AND created_at > $2",
        vals![email, db::now() - days * 86_400],
    )
    .await?
    .unwrap_or(0))
}

/// Whether the account is on the structure's team.
pub async fn is_member(db: &Db, structure_id: i64, user_id: i64) -> db::Result<bool> {
    Ok(db::int(
        db.conn(),
        "SELECT COUNT(*) FROM structure_members WHERE structure_id = $1 AND user_id = $2",
        vals![structure_id, user_id],
    )
    .await?
    .unwrap_or(0)
        > 0)
}

#[derive(Row)]
pub struct PublishedReco {
    pub id: i64,
    pub association_name: String,
    pub structure_name: String,
    pub structure_slug: String,
}

pub async fn published(db: &Db, id: i64) -> db::Result<Option<PublishedReco>> {
    db::one(
        db.conn(),
        "SELECT r.id, r.association_name, s.name AS structure_name, s.slug AS structure_slug FROM recommendations r \
         JOIN structures s ON s.id = r.structure_id WHERE r.id = $1 AND r.status = 'published'",
        vals![id],
    )
    .await
}

// ---- moderation -----------------------------------------------------------------------------

#[derive(Row, Debug, Clone)]
pub struct PendingRecommendation {
    pub id: i64,
    pub structure_name: String,
    pub structure_website: String,
    pub structure_contact: String,
    pub association_name: String,
    pub author_email: String,
    pub body: String,
    pub listening: i32,
    pub clarity: i32,
    pub autonomy: i32,
    pub would_recommend: bool,
    pub summary: Option<String>,
    /// The author's other recommendations of the last 30 days.
    pub same_author: i64,
    /// The contact address of the declared accompaniment, if any.
    pub contact_email: Option<String>,
    /// The answer came from the network address of one of the structure's declarations, from
    /// the session of one of its members, or its contact address is a member's.
    pub from_team: i64,
    /// Earlier traces of the contact address elsewhere on the platform: an account, a
    /// declaration by another structure, a recommendation of another structure.
    pub seen_before: i64,
    /// The structure's declarations in the `BURST_DAYS` up to this one.
    pub burst: i64,
}

/// Recommendations waiting for a moderator, oldest first, with what the signals of a
/// self-recommendation need (see `moderation.rs`).
pub async fn pending_recommendations(db: &Db, burst_days: i64) -> db::Result<Vec<PendingRecommendation>> {
    db::all(
        db.conn(),
        "SELECT r.id, s.name AS structure_name, s.website AS structure_website, \
           s.contact_email AS structure_contact, r.association_name, r.author_email, r.body, r.listening, \
           r.clarity, r.autonomy, r.would_recommend, a.summary, \
           (SELECT COUNT(*) FROM recommendations o WHERE o.author_email = r.author_email AND o.id <> r.id \
              AND o.created_at > $1) AS same_author, \
           a.contact_email, \
           (SELECT COUNT(*) FROM accompaniments d \
              WHERE d.structure_id = r.structure_id AND d.declared_ip = a.answered_ip) \
           + (SELECT COUNT(*) FROM structure_members m JOIN users u ON u.id = m.user_id \
              WHERE m.structure_id = r.structure_id \
                AND (m.user_id = a.answered_by OR m.user_id = r.user_id OR u.email = a.contact_email)) AS from_team, \
           (SELECT COUNT(*) FROM users u WHERE u.email = a.contact_email AND u.created_at <= a.created_at) \
           + (SELECT COUNT(*) FROM accompaniments o WHERE o.contact_email = a.contact_email \
              AND o.structure_id <> a.structure_id AND o.created_at <= a.created_at) \
           + (SELECT COUNT(*) FROM recommendations o WHERE o.author_email = a.contact_email \
              AND o.structure_id <> r.structure_id AND o.created_at <= a.created_at) AS seen_before, \
           (SELECT COUNT(*) FROM accompaniments b WHERE b.structure_id = r.structure_id \
              AND b.created_at <= a.created_at AND b.created_at > a.created_at - $2) AS burst \
         FROM recommendations r JOIN structures s ON s.id = r.structure_id \
         LEFT JOIN accompaniments a ON a.id = r.accompaniment_id \
         WHERE r.status = 'pending' ORDER BY r.id",
        vals![db::now() - 30 * 86_400, burst_days * 86_400],
    )
    .await
}

#[derive(Row)]
pub struct Decided {
    pub structure_id: i64,
    pub author_email: String,
    pub association_name: String,
}

/// Decides a pending recommendation; `None` when it is not pending (any more).
pub async fn decide_recommendation<C: ConnectionTrait>(
    c: &C,
    id: i64,
    approve: bool,
    by: i64,
    reason: &str,
) -> db::Result<Option<Decided>> {
    let now = db::now();
    let status = if approve { RecommendationStatus::Published } else { RecommendationStatus::Rejected };
    db::one(
        c,
        "UPDATE recommendations SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4, \
           published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END \
         WHERE id = $5 AND status = 'pending' RETURNING structure_id, author_email, association_name",
        vals![status, now, by, reason, id],
    )
    .await
}

/// The structure of a recommendation, for a link to its profile.
#[derive(Row, Debug, Clone)]
pub struct RecoStructure {
    pub id: i64,
    pub structure_slug: String,
    pub structure_name: String,
}

/// The structures of the recommendations `ids`, whatever their status.
pub async fn structures_of(db: &Db, ids: &[i64]) -> db::Result<Vec<RecoStructure>> {
    db::all_in(
        db.conn(),
        "SELECT r.id, s.slug AS structure_slug, s.name AS structure_name \
         FROM recommendations r JOIN structures s ON s.id = r.structure_id WHERE r.id IN ({ids})",
        ids,
    )
    .await
}
