//! Submitting a structure's profile: the draft goes to the moderators.

use crate::db::Db;
use crate::directory::{DirectoryError, store};

/// Sends the structure of `user_id`'s team to the moderation queue, if it is a draft.
pub async fn submit(db: &Db, user_id: i64) -> Result<(), DirectoryError> {
    let s = store::by_member(db, user_id).await?.ok_or(DirectoryError::NoStructure)?;
    store::submit(db, s.id).await?;
    Ok(())
}
