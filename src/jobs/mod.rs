//! Scheduled housekeeping on every node (each task is idempotent, so nodes running it at the
//! same time do no harm): expired sessions and tokens, old rate-limit windows, delivered mail
//! past its retention and old index change records, then the tasks the features register
//! (contact messages, reminders, expiries...). Names no feature: `startup` hands the tasks over.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::config::Config;
use crate::db::{self, Db};
use crate::vals;
use crate::web::ratelimit;

/// Delivered messages are kept this long (for the personal data export), then deleted.
const SENT_MAIL_RETENTION_DAYS: i64 = 30;

/// What a task returns: how many things it did (logged).
pub type TaskFuture = Pin<Box<dyn Future<Output = anyhow::Result<usize>> + Send>>;

/// A feature's scheduled task, run at every round on every node; it must be idempotent.
#[derive(Clone)]
pub struct Task {
    pub name: &'static str,
    pub run: Arc<dyn Fn() -> TaskFuture + Send + Sync>,
}

impl Task {
    pub fn new<F, Fut>(name: &'static str, run: F) -> Task
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<usize>> + Send + 'static,
    {
        Task { name, run: Arc::new(move || Box::pin(run())) }
    }
}

pub async fn run(db: Db, config: Arc<Config>, tasks: Vec<Task>, mut shutdown: watch::Receiver<bool>) {
    // The first round waits a minute: starting a node should not start with housekeeping.
    let mut wait = Duration::from_secs(60);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => return,
        }
        if let Err(e) = purge(&db, &config).await {
            tracing::error!(error = ?e, "scheduled jobs failed");
        }
        for task in &tasks {
            match (task.run)().await {
                Ok(done) => tracing::debug!(task = task.name, done, "scheduled task"),
                Err(e) => tracing::error!(task = task.name, error = ?e, "scheduled task failed"),
            }
        }
        wait = Duration::from_secs(600);
    }
}

/// The infrastructure's own housekeeping.
pub async fn purge(db: &Db, config: &Config) -> db::Result<()> {
    let now = db::now();
    let c = db.conn();
    let sessions = db::exec(c, "DELETE FROM sessions WHERE expires_at < $1", vals![now]).await?;
    let tokens = db::exec(c, "DELETE FROM account_tokens WHERE expires_at < $1", vals![now - 86_400]).await?;
    let mails = db::exec(
        c,
        "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1",
        vals![now - SENT_MAIL_RETENTION_DAYS * 86_400],
    )
    .await?;
    let limits = ratelimit::purge(db, config.rate_window_minutes).await?;
    let changes = db::exec(c, "DELETE FROM search_changes WHERE changed_at < $1", vals![now - 7 * 86_400]).await?;
    tracing::debug!(sessions, tokens, mails, limits, changes, "purged");
    Ok(())
}
