//! The ads' part of a person's data, registered with accounts: the export of their ads (and
//! their changes waiting for a moderator), pledges, offers, comments and follows, and what happens to them when the account goes.

use std::sync::Arc;

use sea_orm::DatabaseTransaction;

use super::{Ads, Status, record_change, store};
use crate::accounts::PersonalData;
use crate::db::{self, Db};
use crate::types::BoxFuture;
use crate::vals;

struct AdsData(Arc<Ads>);

/// The hook accounts calls for the ads.
pub fn personal_data(engine: &Arc<Ads>) -> Arc<dyn PersonalData> {
    Arc::new(AdsData(engine.clone()))
}

impl PersonalData for AdsData {
    fn key(&self) -> &'static str {
        "ads"
    }

    fn export<'a>(&'a self, db: &'a Db, user_id: i64) -> BoxFuture<'a, db::Result<serde_json::Value>> {
        Box::pin(export(db, user_id))
    }

    fn forget<'a>(&'a self, txn: &'a DatabaseTransaction, user_id: i64) -> BoxFuture<'a, db::Result<()>> {
        Box::pin(forget(txn, user_id))
    }

    fn forgotten(&self) {
        self.0.changed();
    }
}

/// What the ads hold about a person, for their data export.
async fn export(db: &crate::db::Db, user_id: i64) -> db::Result<serde_json::Value> {
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
    let lines = |sql: &'static str| async move { crate::db::all::<Line, _>(c, sql, vals![user_id]).await };
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
    // Their changes to public ads waiting for a moderator (pre-moderation): the new text.
    #[derive(crate::db::Row)]
    struct Change {
        ad_id: i64,
        title: String,
        body: String,
        at: i64,
    }
    let changes: Vec<Change> = crate::db::all(
        c,
        "SELECT r.ad_id, r.title, r.body, r.updated_at AS at FROM ad_revisions r JOIN ads a ON a.id = r.ad_id \
         WHERE a.author_id = $1 AND r.mode = 'pending' ORDER BY r.ad_id",
        vals![user_id],
    )
    .await?;
    let changes: Vec<serde_json::Value> = changes
        .iter()
        .map(|r| serde_json::json!({ "ad_id": r.ad_id, "new_title": r.title, "new_body": r.body, "at": iso(r.at) }))
        .collect();
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
        "changes_awaiting_review": changes,
    }))
}

/// Before an account is deleted (in the deletion's transaction): its drafts and never-published
/// ads go with it, its open ads are closed (nobody could manage them any more) and their changes
/// waiting for a moderator dropped, its pledges and offers are withdrawn, and the ads whose
/// figures change are settled again (pledges no longer counted may un-fund an ad) and told to
/// every node's index.
async fn forget<C: sea_orm::ConnectionTrait>(c: &C, user_id: i64) -> db::Result<()> {
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
    store::drop_revisions_of(c, user_id).await?;
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
    crate::db::exec(c, "DELETE FROM ad_pledges WHERE user_id = $1", vals![user_id]).await?;
    crate::db::exec(c, "DELETE FROM ad_offers WHERE user_id = $1", vals![user_id]).await?;
    for id in ids {
        store::settle_funding(c, id).await?;
        record_change(c, id).await?;
    }
    Ok(())
}
