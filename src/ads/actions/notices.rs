//! The followers' notices collected while an email about the ad went out less than
//! `ads_notice_minutes` ago leave once that time has passed (a scheduled task on every node;
//! each ad is claimed by one conditional update, so nodes never both send). The counts of the
//! rate limits are forgotten once they no longer count.

use super::super::{notify, store};
use crate::app::AppState;
use crate::db;

/// Sends the collected notices that are due; returns how many emails went.
pub async fn send_due_notices(app: &AppState) -> db::Result<usize> {
    let now = db::now();
    let mut sent = 0;
    for ad_id in store::ads_with_due_notices(&app.db, now - app.config.ads_notice_minutes * 60).await? {
        // Reads the notices, then claims and deletes them: the write lock first.
        let txn = app.db.begin().await?;
        sent += notify::send_collected(app, &txn, ad_id).await?;
        txn.commit().await?;
    }
    store::purge_actions(&app.db, now - 2 * app.config.rate_window_minutes * 60).await?;
    if sent > 0 {
        app.mail_queued();
    }
    Ok(sent)
}
