//! Replacing a structure's logo: the upload is re-encoded, stored, and the structure points to
//! the new file.

use std::path::Path;

use crate::db::Db;
use crate::directory::logo::{self, Upload};
use crate::directory::store::{self, StructureRow};
use crate::directory::{Directory, DirectoryError};

/// Stores the uploaded logo of `s` under `data_dir`.
pub async fn replace_logo(
    db: &Db,
    directory: &Directory,
    data_dir: &Path,
    s: &StructureRow,
    upload: Upload,
) -> Result<(), DirectoryError> {
    let png = logo::prepare(upload).await?;
    let name = logo::store(data_dir, &s.slug, &png).await?;
    let txn = db.begin().await?;
    store::set_logo(&txn, s.id, &name).await?;
    txn.commit().await?;
    directory.changed();
    Ok(())
}
