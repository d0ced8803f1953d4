//! A visitor's report on a profile (outdated, inaccurate, abusive) goes to the moderation queue.

use crate::db::Db;
use crate::directory::moderation::REPORTED;
use crate::directory::{DirectoryError, Report};
use crate::moderation;

/// Files `report` about the structure `structure_id`.
pub async fn report(db: &Db, structure_id: i64, report: Report) -> Result<(), DirectoryError> {
    moderation::report(db, REPORTED, structure_id, report.reason, &report.message, &report.email).await?;
    Ok(())
}
