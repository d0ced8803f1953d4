//! The end-of-test check of the outbox: what was still queued is delivered, then every email
//! whose delivery failed is listed, for `TestDb`'s drop to fail the test with.

use std::path::PathBuf;

use emancipasso::config::Config;
use emancipasso::db::{self, Db, Row};
use emancipasso::vals;

#[derive(Row)]
struct FailedMail {
    id: i64,
    recipient: String,
    subject: String,
    attempts: i32,
    last_error: Option<String>,
    failed_at: Option<i64>,
}

/// Delivers what is still due with `flush` (the application's own sender cannot run once the
/// test is over), then lists the emails whose last delivery failed or that were given up.
pub(super) async fn failed_mail(url: &str, flush: Option<(Config, PathBuf)>) -> Result<Vec<String>, String> {
    let db = Db::connect(url).await.map_err(|e| e.to_string())?;
    if let Some((config, outbox)) = flush {
        let sender = emancipasso::mail::Sender::new(db.clone(), &config, outbox, "test-end".into())
            .map_err(|e| e.to_string())?;
        // Each round claims what is due; a failed message waits for its next attempt.
        for _ in 0..50 {
            if sender.send_batch().await.map_err(|e| e.to_string())? == 0 {
                break;
            }
        }
    }
    let rows: Vec<FailedMail> = db::all(
        db.conn(),
        "SELECT id, recipient, subject, attempts, last_error, failed_at FROM outbox \
         WHERE failed_at IS NOT NULL OR last_error IS NOT NULL ORDER BY id",
        vals![],
    )
    .await
    .map_err(|e| e.to_string())?;
    db.close().await.ok();
    Ok(rows
        .into_iter()
        .map(|m| {
            let state = if m.failed_at.is_some() { "given up" } else { "to retry" };
            let error = m.last_error.unwrap_or_default();
            format!("  #{} to {} «{}»: {state} after {} attempt(s): {error}", m.id, m.recipient, m.subject, m.attempts)
        })
        .collect())
}
