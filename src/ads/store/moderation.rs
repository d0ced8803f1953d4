//! What the moderation queue shows of reported ads and comments.

use crate::ads::{CommentStatus, Status};
use crate::db::{self, Db, Row};

/// A reported ad: its link and whether it is still up.
#[derive(Row, Debug, Clone)]
pub struct ReportedAd {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: Status,
}

/// The ads `ids`, whatever their status.
pub async fn reported_ads(db: &Db, ids: &[i64]) -> db::Result<Vec<ReportedAd>> {
    db::all_in(db.conn(), "SELECT id, slug, title, status FROM ads WHERE id IN ({ids})", ids).await
}

/// A reported comment, with the link of its ad and whether it is still up.
#[derive(Row, Debug, Clone)]
pub struct ReportedComment {
    pub id: i64,
    pub body: String,
    pub status: CommentStatus,
    pub ad_id: i64,
    pub ad_slug: String,
    pub ad_title: String,
}

/// The comments `ids`, whatever their status, with their ad.
pub async fn reported_comments(db: &Db, ids: &[i64]) -> db::Result<Vec<ReportedComment>> {
    db::all_in(
        db.conn(),
        "SELECT c.id, c.body, c.status, a.id AS ad_id, a.slug AS ad_slug, a.title AS ad_title \
         FROM ad_comments c JOIN ads a ON a.id = c.ad_id WHERE c.id IN ({ids})",
        ids,
    )
    .await
}
