//! Storage of the changes to public ads that wait for a moderator's look (`ad_revisions`, at
//! most one per ad) and of the ads' version, which every write of their text increments.

use sea_orm::ConnectionTrait;

use super::{AdFields, AdRow};
use crate::ads::Kind;
use crate::db::{self, Db, Row};
use crate::vals;

/// The columns an author writes, in the order of [`AdFields`]' values.
const TEXT: &str = "slug, kind, association_name, title, body, software_slug, software_other, estimated_cost, deadline, region_code, \
     remote, tags";

crate::text_enum! {
    /// What a revision of a public ad holds.
    pub enum RevisionMode {
        /// Pre-moderation: the author's new text, waiting; the public page keeps the approved one.
        Pending = "pending",
        /// Post-moderation: the text before the first change since the last review; the new
        /// one is live.
        Edited = "edited",
    }
}

/// The text of an ad as its author writes it, in the ad or in its revision.
#[derive(Row, Debug, Clone, PartialEq, Eq)]
pub struct AdText {
    pub slug: String,
    pub kind: Kind,
    pub association_name: String,
    pub title: String,
    pub body: String,
    pub software_slug: Option<String>,
    pub software_other: String,
    pub estimated_cost: Option<i64>,
    pub deadline: Option<String>,
    pub region_code: Option<String>,
    pub remote: bool,
    pub tags: String,
}

impl AdText {
    pub fn of_row(a: &AdRow) -> AdText {
        AdText {
            slug: a.slug.clone(),
            kind: a.kind,
            association_name: a.association_name.clone(),
            title: a.title.clone(),
            body: a.body.clone(),
            software_slug: a.software_slug.clone(),
            software_other: a.software_other.clone(),
            estimated_cost: a.estimated_cost,
            deadline: a.deadline.clone(),
            region_code: a.region_code.clone(),
            remote: a.remote,
            tags: a.tags.clone(),
        }
    }

    pub fn of_fields(f: &AdFields) -> AdText {
        AdText {
            slug: f.slug.clone(),
            kind: f.kind,
            association_name: f.association_name.clone(),
            title: f.title.clone(),
            body: f.body.clone(),
            software_slug: f.software_slug.clone(),
            software_other: f.software_other.clone(),
            estimated_cost: f.estimated_cost.map(|e| e.get()),
            deadline: f.deadline.map(|d| d.to_string()),
            region_code: f.region_code.clone(),
            remote: f.remote,
            tags: f.tags.clone(),
        }
    }

    /// `ad` with this text, e.g. to fill in the author's form with the text that waits.
    pub fn over(&self, ad: &AdRow) -> AdRow {
        let t = self.clone();
        AdRow {
            slug: t.slug,
            kind: t.kind,
            association_name: t.association_name,
            title: t.title,
            body: t.body,
            software_slug: t.software_slug,
            software_other: t.software_other,
            estimated_cost: t.estimated_cost,
            deadline: t.deadline,
            region_code: t.region_code,
            remote: t.remote,
            tags: t.tags,
            ..ad.clone()
        }
    }
}

/// The kind of an ad's revision and when the author last wrote it.
#[derive(Row, Debug, Clone)]
pub struct RevisionInfo {
    pub mode: RevisionMode,
    pub updated_at: i64,
}

pub async fn revision_info<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<Option<RevisionInfo>> {
    db::one(c, "SELECT mode, updated_at FROM ad_revisions WHERE ad_id = $1", vals![ad_id]).await
}

/// The text held by the revision of an ad.
pub async fn revision_text<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<Option<AdText>> {
    db::one(c, &format!("SELECT {TEXT} FROM ad_revisions WHERE ad_id = $1"), vals![ad_id]).await
}

/// The text of an ad as it is now.
pub async fn ad_text<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<Option<AdText>> {
    db::one(c, &format!("SELECT {TEXT} FROM ads WHERE id = $1"), vals![ad_id]).await
}

/// Pre-moderation: `f` waits as the revision of the ad (replacing the one that waited).
pub async fn propose<C: ConnectionTrait>(c: &C, ad_id: i64, f: &AdFields) -> db::Result<()> {
    let set = TEXT.split(", ").map(|col| format!("{col} = excluded.{col}")).collect::<Vec<_>>().join(", ");
    db::exec(
        c,
        &format!(
            "INSERT INTO ad_revisions (ad_id, mode, {TEXT}, created_at, updated_at) \
             VALUES ($1, 'pending', {}, $14, $14) \
             ON CONFLICT (ad_id) DO UPDATE SET mode = 'pending', {set}, updated_at = $14",
            db::placeholders(2, 12)
        ),
        [vals![ad_id], f.values(), vals![db::now()]].concat(),
    )
    .await?;
    Ok(())
}

/// Post-moderation: keeps the ad's text as it is now, unless a revision keeps an older one
/// already (call before writing the new text).
pub async fn snapshot<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<()> {
    db::exec(
        c,
        &format!(
            "INSERT INTO ad_revisions (ad_id, mode, {TEXT}, created_at, updated_at) \
             SELECT id, 'edited', {TEXT}, $2, $2 FROM ads WHERE id = $1 \
             ON CONFLICT (ad_id) DO NOTHING"
        ),
        vals![ad_id, db::now()],
    )
    .await?;
    Ok(())
}

/// Marks a post-moderation revision as touched by a new change of the live text.
pub async fn touch_revision<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<()> {
    db::exec(c, "UPDATE ad_revisions SET updated_at = $1 WHERE ad_id = $2", vals![db::now(), ad_id]).await?;
    Ok(())
}

/// Writes the revision's text into the ad (a new version).
pub async fn apply_revision<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<()> {
    db::exec(
        c,
        &format!(
            "UPDATE ads SET ({TEXT}) = (SELECT {TEXT} FROM ad_revisions WHERE ad_id = $1), \
               updated_at = $2, version = version + 1 \
             WHERE id = $1"
        ),
        vals![ad_id, db::now()],
    )
    .await?;
    Ok(())
}

/// Deletes the revision of an ad; false when there was none (another moderator decided).
pub async fn drop_revision<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<bool> {
    Ok(db::exec(c, "DELETE FROM ad_revisions WHERE ad_id = $1", vals![ad_id]).await? == 1)
}

/// Deletes the revisions of every ad of `author_id` (their account goes: nobody would answer
/// for a change published after it).
pub async fn drop_revisions_of<C: ConnectionTrait>(c: &C, author_id: i64) -> db::Result<()> {
    db::exec(c, "DELETE FROM ad_revisions WHERE ad_id IN (SELECT id FROM ads WHERE author_id = $1)", vals![author_id])
        .await?;
    Ok(())
}

/// A new version of the ad (its text, or the text waiting for it, changed).
pub async fn bump_version<C: ConnectionTrait>(c: &C, ad_id: i64) -> db::Result<()> {
    db::exec(c, "UPDATE ads SET version = version + 1 WHERE id = $1", vals![ad_id]).await?;
    Ok(())
}

/// Takes the next version of the ad if it still is at `seen`; false when it changed since.
pub async fn claim_version<C: ConnectionTrait>(c: &C, ad_id: i64, seen: i64) -> db::Result<bool> {
    Ok(db::exec(c, "UPDATE ads SET version = version + 1 WHERE id = $1 AND version = $2", vals![ad_id, seen]).await?
        == 1)
}

/// A revision waiting for the moderators, with what they decide on.
#[derive(Row, Debug, Clone)]
pub struct RevisionItem {
    pub ad_id: i64,
    pub mode: RevisionMode,
    pub updated_at: i64,
    pub version: i64,
}

/// The revisions waiting for a moderator, the longest waiting first.
pub async fn revisions(db: &Db) -> db::Result<Vec<RevisionItem>> {
    db::all(
        db.conn(),
        "SELECT r.ad_id, r.mode, r.updated_at, a.version FROM ad_revisions r JOIN ads a ON a.id = r.ad_id \
         ORDER BY r.created_at, r.ad_id",
        vals![],
    )
    .await
}
