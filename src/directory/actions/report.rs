//! A visitor's report on a profile (outdated, inaccurate, abusive) goes to the moderation queue.

use crate::db::Db;
use crate::directory::{DirectoryError, Report};
use crate::moderation::{self, ReportTarget};

/// Files `report` about the structure `structure_id`.
pub async fn report(db: &Db, structure_id: i64, report: Report) -> Result<(), DirectoryError> {
    moderation::report(db, ReportTarget::Structure(structure_id), report.reason, &report.message, &report.email)
        .await?;
    Ok(())
}
