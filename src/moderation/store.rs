//! The moderation queue: read models of what waits for a decision, and the decisions, each
//! taken only once (`… WHERE status = 'pending'`), so two moderators cannot both decide.

use sea_orm::ConnectionTrait;

use crate::db::{self, Db, Row};
use crate::vals;

#[derive(Row, Debug, Clone)]
pub struct PendingStructure {
    pub id: i64,
    pub name: String,
    pub pitch: String,
    pub website: String,
    pub contact_email: String,
    pub commune_name: String,
    pub created_at: i64,
}

pub async fn pending_structures(db: &Db) -> Result<Vec<PendingStructure>, sea_orm::DbErr> {
    db::all(
        db.conn(),
        "SELECT id, slug, name, pitch, website, contact_email, commune_name, created_at FROM structures \
         WHERE status = 'pending' ORDER BY id",
        vals![],
    )
    .await
}

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
    pub same_author: i64,
}

pub async fn pending_recommendations(db: &Db) -> Result<Vec<PendingRecommendation>, sea_orm::DbErr> {
    db::all(
        db.conn(),
        "SELECT r.id, s.name AS structure_name, s.website AS structure_website, \
           s.contact_email AS structure_contact, r.association_name, r.author_email, r.body, r.listening, \
           r.clarity, r.autonomy, r.would_recommend, a.summary, \
           (SELECT COUNT(*) FROM recommendations o WHERE o.author_email = r.author_email AND o.id <> r.id \
              AND o.created_at > $1) AS same_author \
         FROM recommendations r JOIN structures s ON s.id = r.structure_id \
         LEFT JOIN accompaniments a ON a.id = r.accompaniment_id \
         WHERE r.status = 'pending' ORDER BY r.id",
        vals![db::now() - 30 * 86_400],
    )
    .await
}

#[derive(Row, Debug, Clone)]
pub struct OpenReport {
    pub id: i64,
    pub target_kind: String,
    pub reason: String,
    pub message: String,
    pub reporter_email: String,
    pub created_at: i64,
    pub target_name: Option<String>,
    pub target_slug: Option<String>,
    pub target_id: i64,
    /// The ad reported, or the ad of the comment reported.
    pub ad_id: Option<i64>,
    pub ad_slug: Option<String>,
    pub ad_title: Option<String>,
    pub ad_status: Option<String>,
    pub comment_body: Option<String>,
    pub comment_status: Option<String>,
}

pub async fn open_reports(db: &Db) -> Result<Vec<OpenReport>, sea_orm::DbErr> {
    db::all(
        db.conn(),
        "SELECT p.id, p.target_kind, p.target_id, p.reason, p.message, p.reporter_email, p.created_at, \
           s.name AS target_name, s.slug AS target_slug, ad.id AS ad_id, ad.slug AS ad_slug, ad.title AS ad_title, \
           ad.status AS ad_status, cm.body AS comment_body, cm.status AS comment_status \
         FROM reports p LEFT JOIN structures s ON s.id = (CASE WHEN p.target_kind = 'structure' THEN p.target_id \
           WHEN p.target_kind = 'recommendation' \
             THEN (SELECT r.structure_id FROM recommendations r WHERE r.id = p.target_id) ELSE NULL END) \
         LEFT JOIN ad_comments cm ON p.target_kind = 'ad_comment' AND cm.id = p.target_id \
         LEFT JOIN ads ad ON ad.id = (CASE WHEN p.target_kind = 'ad' THEN p.target_id \
           WHEN p.target_kind = 'ad_comment' THEN cm.ad_id ELSE NULL END) \
         WHERE p.status = 'open' ORDER BY p.id",
        vals![],
    )
    .await
}

/// Decides a pending structure; false when it is not pending (any more).
pub async fn decide_structure<C: ConnectionTrait>(
    c: &C,
    id: i64,
    approve: bool,
    by: i64,
    reason: &str,
) -> Result<bool, sea_orm::DbErr> {
    let now = db::now();
    let status = if approve { "approved" } else { "rejected" };
    let n = db::exec(
        c,
        "UPDATE structures SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4, \
           approved_at = CASE WHEN $1 = 'approved' THEN $2 ELSE approved_at END, confirmed_at = $2 \
         WHERE id = $5 AND status = 'pending'",
        vals![status, now, by, reason, id],
    )
    .await?;
    Ok(n == 1)
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
) -> Result<Option<Decided>, sea_orm::DbErr> {
    let now = db::now();
    let status = if approve { "published" } else { "rejected" };
    db::one(
        c,
        "UPDATE recommendations SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4, \
           published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END \
         WHERE id = $5 AND status = 'pending' RETURNING structure_id, author_email, association_name",
        vals![status, now, by, reason, id],
    )
    .await
}

#[derive(Row)]
pub struct Closed {
    pub reporter_email: String,
}

pub async fn close_report<C: ConnectionTrait>(
    c: &C,
    id: i64,
    acted: bool,
    by: i64,
    reason: &str,
) -> Result<Option<Closed>, sea_orm::DbErr> {
    let status = if acted { "handled" } else { "dismissed" };
    db::one(
        c,
        "UPDATE reports SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4 \
         WHERE id = $5 AND status = 'open' RETURNING reporter_email",
        vals![status, db::now(), by, reason, id],
    )
    .await
}

#[derive(Row)]
pub struct Decision {
    pub decided_by_name: Option<String>,
}

/// Who decided an item already decided, for the "already decided" page; `None` if unknown item.
pub async fn decided_by(db: &Db, table: &str, id: i64) -> Result<Option<Decision>, sea_orm::DbErr> {
    let table = match table {
        "structures" => "structures",
        "recommendations" => "recommendations",
        "ads" => "ads",
        "ad_comments" => "ad_comments",
        _ => "reports",
    };
    db::one(
        db.conn(),
        &format!("SELECT u.display_name AS decided_by_name FROM {table} t LEFT JOIN users u ON u.id = t.decided_by WHERE t.id = $1"),
        vals![id],
    )
    .await
}

#[derive(Row, Debug, Clone)]
pub struct JournalEntry {
    pub actor_label: String,
    pub action: String,
    pub target: String,
    pub reason: Option<String>,
    pub created_at: i64,
}

pub async fn journal(db: &Db, page: u32, per_page: u32) -> Result<(Vec<JournalEntry>, bool), sea_orm::DbErr> {
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let mut rows: Vec<JournalEntry> = db::all(
        db.conn(),
        "SELECT actor_label, action, target, reason, created_at FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2",
        vals![i64::from(per_page) + 1, offset],
    )
    .await?;
    let more = rows.len() > per_page as usize;
    rows.truncate(per_page as usize);
    Ok((rows, more))
}

pub async fn insert_report(
    db: &Db,
    kind: &str,
    id: i64,
    reason: &str,
    message: &str,
    email: &str,
) -> Result<(), sea_orm::DbErr> {
    db::exec(
        db.conn(),
        "INSERT INTO reports (target_kind, target_id, reason, message, reporter_email, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6)",
        vals![kind, id, reason, message, email, db::now()],
    )
    .await?;
    Ok(())
}
