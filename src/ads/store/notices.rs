//! Storage that keeps pledges and offers from flooding mailboxes: who was announced once on an
//! ad (`ad_announcements`), the followers' notices collected between two emails (`ad_notices`,
//! with `ads.notices_sent_at`), and the actions counted by the rate limits (`ad_actions`).

use sea_orm::ConnectionTrait;

use crate::ads::Status;
use crate::db::{self, Db, Row};
use crate::vals;

crate::text_enum! {
    /// Something a person is announced for once per ad, whatever they undo and redo.
    pub enum Announcement {
        /// Their association joined the ad (the author is told).
        Join = "join",
        /// They made an offer (the followers are told).
        Offer = "offer",
    }
}

/// Records that `user_id` is announced on the ad for `what`; false when they were before.
pub async fn announce_once<C: ConnectionTrait>(
    c: &C,
    ad_id: i64,
    user_id: i64,
    what: Announcement,
) -> db::Result<bool> {
    let n = db::exec(
        c,
        "INSERT INTO ad_announcements (ad_id, user_id, kind, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
        vals![ad_id, user_id, what, db::now()],
    )
    .await?;
    Ok(n == 1)
}

crate::text_enum! {
    /// An action on an ad that the rate limits count.
    pub enum Counted {
        Pledge = "pledge",
        Unpledge = "unpledge",
        Offer = "offer",
        Withdraw = "withdraw",
    }
}

pub async fn record_action<C: ConnectionTrait>(c: &C, ad_id: i64, user_id: i64, action: Counted) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO ad_actions (ad_id, user_id, action, created_at) VALUES ($1, $2, $3, $4)",
        vals![ad_id, user_id, action, db::now()],
    )
    .await?;
    Ok(())
}

/// The counted actions of `user_id` since `since`: on every ad, and on `ad_id`.
pub async fn actions_since(db: &Db, user_id: i64, ad_id: i64, since: i64) -> db::Result<(i64, i64)> {
    #[derive(Row)]
    struct Counts {
        total: i64,
        here: i64,
    }
    let counts: Option<Counts> = db::one(
        db.conn(),
        "SELECT COUNT(*) AS total, CAST(COALESCE(SUM(CASE WHEN ad_id = $2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS here \
         FROM ad_actions WHERE user_id = $1 AND created_at >= $3",
        vals![user_id, ad_id, since],
    )
    .await?;
    Ok(counts.map(|c| (c.total, c.here)).unwrap_or((0, 0)))
}

/// Forgets the actions counted before `before`.
pub async fn purge_actions(db: &Db, before: i64) -> db::Result<u64> {
    db::exec(db.conn(), "DELETE FROM ad_actions WHERE created_at < $1", vals![before]).await
}

crate::text_enum! {
    /// What a collected notice is about.
    pub enum NoticeKind {
        /// The ad went from one public state to another.
        Status = "status",
        /// A new offer.
        Offer = "offer",
        /// A comment published under the ad.
        Comment = "comment",
    }
}

/// A notice for the followers of an ad, waiting to be sent.
#[derive(Row, Debug, Clone)]
pub struct NoticeRow {
    pub id: i64,
    /// Who caused it: they are not told.
    pub actor_id: Option<i64>,
    pub kind: NoticeKind,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub who: String,
    pub amount: Option<i64>,
    pub timeframe: String,
    /// The text of the comment a `Comment` notice tells of, while it is still published.
    pub comment_body: Option<String>,
}

/// A notice to collect.
pub struct NewNotice<'a> {
    pub actor_id: Option<i64>,
    pub kind: NoticeKind,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub who: &'a str,
    pub amount: Option<i64>,
    pub timeframe: &'a str,
    pub comment_id: Option<i64>,
}

pub async fn insert_notice<C: ConnectionTrait>(c: &C, ad_id: i64, n: &NewNotice<'_>) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO ad_notices \
         (ad_id, actor_id, kind, from_status, to_status, who, amount, timeframe, comment_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        vals![
            ad_id,
            n.actor_id,
            n.kind,
            n.from_status.map(|s| s.as_str().to_owned()),
            n.to_status.map(|s| s.as_str().to_owned()),
            n.who,
            n.amount,
            n.timeframe,
            n.comment_id,
            db::now()
        ],
    )
    .await?;
    Ok(())
}

/// The notices waiting for the followers of an ad, oldest first.
pub async fn pending_notices<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<Vec<NoticeRow>> {
    db::all(
        c,
        "SELECT n.id, n.actor_id, n.kind, n.from_status, n.to_status, n.who, n.amount, n.timeframe, \
         c.body AS comment_body FROM ad_notices n \
         LEFT JOIN ad_comments c ON c.id = n.comment_id AND c.status = 'published' \
         WHERE n.ad_id = $1 ORDER BY n.id",
        vals![ad_id],
    )
    .await
}

/// Deletes the notices of an ad up to `last_id` (those read to be sent).
pub async fn delete_notices<C: ConnectionTrait>(c: &C, ad_id: i64, last_id: i64) -> db::Result<()> {
    db::exec(c, "DELETE FROM ad_notices WHERE ad_id = $1 AND id <= $2", vals![ad_id, last_id]).await?;
    Ok(())
}

/// When the followers of an ad were last emailed about a pledge, an offer or a comment.
pub async fn notices_sent_at<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<Option<i64>> {
    db::int(c, "SELECT notices_sent_at FROM ads WHERE id = $1 AND notices_sent_at IS NOT NULL", vals![ad_id]).await
}

/// Takes the turn to email the followers of an ad now, if none was emailed after `cutoff`;
/// false when another request or node did meanwhile.
pub async fn claim_notices<C: ConnectionTrait>(c: &C, ad_id: i64, cutoff: i64) -> db::Result<bool> {
    let n = db::exec(
        c,
        "UPDATE ads SET notices_sent_at = $1 WHERE id = $2 AND (notices_sent_at IS NULL OR notices_sent_at <= $3)",
        vals![db::now(), ad_id, cutoff],
    )
    .await?;
    Ok(n == 1)
}

/// The ads whose collected notices are due: nothing was sent about them after `cutoff`.
pub async fn ads_with_due_notices(db: &Db, cutoff: i64) -> db::Result<Vec<i64>> {
    #[derive(Row)]
    struct Id {
        ad_id: i64,
    }
    let ids: Vec<Id> = db::all(
        db.conn(),
        "SELECT DISTINCT n.ad_id FROM ad_notices n JOIN ads a ON a.id = n.ad_id \
         WHERE a.notices_sent_at IS NULL OR a.notices_sent_at <= $1 ORDER BY n.ad_id LIMIT 500",
        vals![cutoff],
    )
    .await?;
    Ok(ids.into_iter().map(|i| i.ad_id).collect())
}
