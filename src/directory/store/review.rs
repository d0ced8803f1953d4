//! Storage of the changes of approved structures since their last review: the trust-relevant
//! fields as they were then (`structure_revisions`, at most one per structure), which the
//! moderators compare with the live profile, and the structures' version.

use sea_orm::ConnectionTrait;

use super::StructureRow;
use crate::db::{self, Db, Row};
use crate::vals;

/// The fields whose changes a moderator looks at: what visitors trust a structure by.
const TRUSTED: &str = "name, pitch, description, website, contact_email, chatons_member, chatons_url, price_info, logo";

/// The trust-relevant fields of a structure, live or as reviewed.
#[derive(Row, Debug, Clone, PartialEq, Eq)]
pub struct StructureText {
    pub name: String,
    pub pitch: String,
    pub description: String,
    pub website: String,
    pub contact_email: String,
    pub chatons_member: bool,
    pub chatons_url: String,
    pub price_info: String,
    /// The logo's file name under `/medias/logos/`.
    pub logo: Option<String>,
}

impl StructureText {
    pub fn of_row(s: &StructureRow) -> StructureText {
        StructureText {
            name: s.name.clone(),
            pitch: s.pitch.clone(),
            description: s.description.clone(),
            website: s.website.clone(),
            contact_email: s.contact_email.clone(),
            chatons_member: s.chatons_member,
            chatons_url: s.chatons_url.clone(),
            price_info: s.price_info.clone(),
            logo: s.logo.clone(),
        }
    }
}

/// Keeps the trust-relevant fields of structure `id` as they are now, unless older ones are
/// kept already (call before saving the new profile).
pub async fn snapshot<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<()> {
    db::exec(
        c,
        &format!(
            "INSERT INTO structure_revisions (structure_id, {TRUSTED}, created_at, updated_at) \
             SELECT id, {TRUSTED}, $2, $2 FROM structures WHERE id = $1 \
             ON CONFLICT (structure_id) DO UPDATE SET updated_at = $2"
        ),
        vals![id, db::now()],
    )
    .await?;
    Ok(())
}

/// The reviewed fields of structure `id`, when it changed since its review.
pub async fn revision_text<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<Option<StructureText>> {
    db::one(c, &format!("SELECT {TRUSTED} FROM structure_revisions WHERE structure_id = $1"), vals![id]).await
}

/// Forgets the reviewed fields of structure `id`; false when there were none.
pub async fn drop_revision<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<bool> {
    Ok(db::exec(c, "DELETE FROM structure_revisions WHERE structure_id = $1", vals![id]).await? == 1)
}

/// Puts the reviewed fields back in structure `id` (a new version).
pub async fn apply_revision<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<()> {
    db::exec(
        c,
        &format!(
            "UPDATE structures SET ({TRUSTED}) = (SELECT {TRUSTED} FROM structure_revisions WHERE structure_id = $1), \
               updated_at = $2, version = version + 1 \
             WHERE id = $1"
        ),
        vals![id, db::now()],
    )
    .await?;
    Ok(())
}

/// Takes the next version of structure `id` if it still is at `seen`; false when it changed.
pub async fn claim_version<C: ConnectionTrait>(c: &C, id: i64, seen: i64) -> db::Result<bool> {
    let n = db::exec(c, "UPDATE structures SET version = version + 1 WHERE id = $1 AND version = $2", vals![id, seen])
        .await?;
    Ok(n == 1)
}

/// An approved structure changed since its review.
#[derive(Row, Debug, Clone)]
pub struct ChangedStructure {
    pub id: i64,
    pub slug: String,
    pub version: i64,
    /// When it last changed.
    pub updated_at: i64,
}

/// The structures changed since their review, the longest waiting first.
pub async fn changed_structures(db: &Db) -> db::Result<Vec<ChangedStructure>> {
    db::all(
        db.conn(),
        "SELECT s.id, s.slug, s.version, r.updated_at FROM structure_revisions r \
         JOIN structures s ON s.id = r.structure_id ORDER BY r.created_at, s.id",
        vals![],
    )
    .await
}
