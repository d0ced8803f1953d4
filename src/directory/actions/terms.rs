//! Taxonomy changes from the admin pages: a new term, new labels for a term. Every node
//! reloads the labels through the change feed.

use crate::audit;
use crate::db::Db;
use crate::directory::{Directory, DirectoryError, store};
use crate::web::CurrentUser;

/// Adds a term (its slug made from the French label) and records it in the audit log.
pub async fn add_term(
    db: &Db,
    directory: &Directory,
    actor: &CurrentUser,
    kind: &str,
    fr: &str,
    en: &str,
) -> Result<(), DirectoryError> {
    let slug = String::from(crate::types::Slug::from_text(fr, "structure"));
    let txn = db.begin().await?;
    if store::insert_term(&txn, kind, &slug, fr, en).await?.is_none() {
        return Err(DirectoryError::TermTaken);
    }
    audit::record(&txn, actor, "term.add", &format!("term:{kind}:{slug}"), None).await?;
    store::record_labels_change(&txn).await?;
    txn.commit().await?;
    directory.changed();
    Ok(())
}

/// Renames a term in both languages; the structures using it are reindexed.
pub async fn rename_term(
    db: &Db,
    directory: &Directory,
    actor: &CurrentUser,
    id: i64,
    fr: &str,
    en: &str,
) -> Result<(), DirectoryError> {
    let txn = db.begin().await?;
    if !store::rename_term(&txn, id, fr, en).await? {
        return Err(DirectoryError::TermNotFound);
    }
    audit::record(&txn, actor, "term.rename", &format!("term:{id}"), Some(fr)).await?;
    txn.commit().await?;
    directory.changed();
    Ok(())
}
