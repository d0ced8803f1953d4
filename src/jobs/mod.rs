//! Scheduled housekeeping on every node (each task is an idempotent delete, so nodes running it
//! at the same time do no harm): expired sessions and tokens, old rate-limit windows, and
//! delivered mail and contact messages past their retention, old index change records.

use std::time::Duration;

use tokio::sync::watch;

use crate::app::AppState;
use crate::db;
use crate::vals;
use crate::web::ratelimit;

/// Delivered messages are kept this long (for the personal data export), then deleted.
const SENT_MAIL_RETENTION_DAYS: i64 = 30;

pub async fn run(app: AppState, mut shutdown: watch::Receiver<bool>) {
    // The first round waits a minute: starting a node should not start with housekeeping.
    let mut wait = Duration::from_secs(60);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => return,
        }
        if let Err(e) = purge(&app).await {
            tracing::error!(error = ?e, "scheduled jobs failed");
        }
        wait = Duration::from_secs(600);
    }
}

pub async fn purge(app: &AppState) -> Result<(), sea_orm::DbErr> {
    let now = db::now();
    let c = app.db.conn();
    let sessions = db::exec(c, "DELETE FROM sessions WHERE expires_at < $1", vals![now]).await?;
    let tokens = db::exec(c, "DELETE FROM account_tokens WHERE expires_at < $1", vals![now - 86_400]).await?;
    let mails = db::exec(
        c,
        "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1",
        vals![now - SENT_MAIL_RETENTION_DAYS * 86_400],
    )
    .await?;
    let limits = ratelimit::purge(&app.db, app.config.rate_window_minutes).await?;
    let contacts = crate::directory::purge(&app.db, &app.config).await?;
    let changes = db::exec(c, "DELETE FROM search_changes WHERE changed_at < $1", vals![now - 7 * 86_400]).await?;
    let reminders = crate::directory::ask_confirmations(app).await?;
    let (ads_reminded, ads_expired) = crate::ads::keep_lifetimes(app).await?;
    tracing::debug!(sessions, tokens, mails, limits, contacts, changes, reminders, ads_reminded, ads_expired, "purged");
    Ok(())
}
