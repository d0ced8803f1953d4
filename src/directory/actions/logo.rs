//! Replacing a structure's logo: the upload is re-encoded, stored, and the structure points to
//! the new file; an approved structure's new logo shows in the moderation queue.

use std::path::Path;

use crate::db::Db;
use crate::directory::logo::{self, Upload};
use crate::directory::store::{self, StructureRow};
use crate::directory::{Directory, DirectoryError, StructureStatus};

/// Stores the uploaded logo of `s` under `data_dir`; true when the change waits for the
/// moderators' look (an approved structure: the logo is live and shows in the queue, where a
/// moderator may restore the previous one, whose file stays).
pub async fn replace_logo(
    db: &Db,
    directory: &Directory,
    data_dir: &Path,
    s: &StructureRow,
    upload: Upload,
) -> Result<bool, DirectoryError> {
    let png = logo::prepare(upload).await?;
    let name = logo::store(data_dir, &s.slug, &png).await?;
    let review = s.status == StructureStatus::Approved && s.logo.as_deref() != Some(name.as_str());
    let txn = db.begin().await?;
    if review {
        store::snapshot(&txn, s.id).await?;
    }
    store::set_logo(&txn, s.id, &name).await?;
    txn.commit().await?;
    directory.changed();
    Ok(review)
}
