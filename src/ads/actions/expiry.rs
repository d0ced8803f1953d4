//! Lifetimes: authors are reminded before their ad expires, then it expires (a scheduled task
//! on every node; each ad is claimed by one conditional update, so nodes never both act).

use super::super::notify::{self, Notice};
use super::super::store;
use super::super::{Status, record_change};
use crate::app::AppState;
use crate::db;

/// Reminds the authors of ads about to expire, and expires those past their end. Returns
/// (reminded, expired).
pub async fn keep_lifetimes(app: &AppState) -> db::Result<(usize, usize)> {
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
        notify::expiring(app, &txn, &ad, expires_at).await?;
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
        notify::followers(app, &txn, &ad, None, &Notice::Status(Status::Expired)).await?;
        txn.commit().await?;
        expired += 1;
    }
    if reminded + expired > 0 {
        app.ads.changed();
        app.mail_queued();
    }
    Ok((reminded, expired))
}
