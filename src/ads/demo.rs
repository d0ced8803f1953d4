//! The fictional ads of the demonstration (`content/demo/ads.json`).

use crate::db::Db;

/// Loads the demonstration ads that are not there yet; returns how many were added.
pub async fn seed_demo(_db: &Db, _password_hash: &str) -> anyhow::Result<usize> {
    Ok(0)
}
