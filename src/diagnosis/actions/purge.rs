//! The purge of drafts left untouched and of old results, after the configured times.

use super::super::store;
use crate::config::Config;
use crate::db::{self, Db};

pub async fn purge(db: &Db, config: &Config) -> db::Result<u64> {
    let now = db::now();
    store::purge(db.conn(), now - config.diagnosis_draft_days * 86_400, now - config.diagnosis_result_days * 86_400)
        .await
}
