//! Saving a profile from the workspace: the first save creates the structure as a draft, with
//! its creator on the team; the next ones update it (its slug and status stay). A change of the
//! fields visitors trust an approved structure by (name, pitch, description, web site, contact
//! address, CHATONS membership) is live at once and shows in the moderation queue, field by
//! field against the reviewed values, until a moderator accepts or reverts it.

use std::collections::BTreeSet;

use sea_orm::ConnectionTrait;

use crate::accounts;
use crate::db::{self, Db};
use crate::directory::StructureStatus;
use crate::directory::store::{self, StructureRow, StructureText};
use crate::directory::{Directory, DirectoryError, Profile};
use crate::web::{CurrentUser, Role};

/// Paths under /annuaire that are not profiles.
const RESERVED_SLUGS: [&str; 3] = ["embed", "carte-svg", "carte.svg"];

/// What a profile is saved over: the account's structure, if any, and the (kind, slug) of
/// every term of the taxonomy, to check the choices against.
pub struct Editing {
    pub structure: Option<StructureRow>,
    pub known: BTreeSet<(String, String)>,
}

/// Only an account with a verified address may create or edit a structure, and creating one
/// needs a structure role that an administrator did not revoke.
pub async fn start_editing(db: &Db, user: &CurrentUser) -> Result<Editing, DirectoryError> {
    if !user.verified {
        return Err(DirectoryError::Unverified);
    }
    let known = store::all_terms(db).await?.into_iter().map(|t| (t.kind, t.slug)).collect();
    let structure = store::by_member(db, user.id).await?;
    if structure.is_none() && accounts::role_revoked(db.conn(), user.id, Role::Structure).await? {
        return Err(DirectoryError::RoleRevoked);
    }
    Ok(Editing { structure, known })
}

/// What a save did.
pub enum Saved {
    Created,
    Updated,
    /// Updated, and the changes of trusted fields wait in the moderation queue.
    UpdatedForReview,
}

/// The fields of `profile` that the moderators review once the structure is approved (the logo
/// is sent apart: `logo` is the current one).
fn trusted(p: &Profile, logo: Option<String>) -> StructureText {
    StructureText {
        name: p.name.clone(),
        pitch: p.pitch.clone(),
        description: p.description.clone(),
        website: p.website.clone(),
        contact_email: p.contact_email.clone(),
        chatons_member: p.chatons_member,
        chatons_url: p.chatons_url.clone(),
        price_info: p.price_info.clone(),
        logo,
    }
}

/// Saves the profile of `structure`, or creates a draft structure with `user_id` on its team.
pub async fn save_profile(
    db: &Db,
    directory: &Directory,
    user_id: i64,
    structure: Option<&StructureRow>,
    profile: &Profile,
) -> Result<Saved, DirectoryError> {
    let txn = db.begin().await?;
    let saved = match structure {
        Some(s) => {
            let new = trusted(profile, s.logo.clone());
            let review = s.status == StructureStatus::Approved && StructureText::of_row(s) != new;
            if review {
                store::snapshot(&txn, s.id).await?;
            }
            store::update(&txn, s.id, &profile.as_new(&s.slug, s.status, db::now())).await?;
            if review && store::revision_text(&txn, s.id).await? == Some(new) {
                // Back to what was reviewed: nothing to look at any more.
                store::drop_revision(&txn, s.id).await?;
                Saved::Updated
            } else if review {
                Saved::UpdatedForReview
            } else {
                Saved::Updated
            }
        }
        None => {
            create_draft(&txn, user_id, profile).await?;
            Saved::Created
        }
    };
    txn.commit().await?;
    directory.changed();
    Ok(saved)
}

/// Inserts the structure under the first free slug made from its name, its creator on the
/// team with the structure role.
async fn create_draft<C: ConnectionTrait>(c: &C, user_id: i64, profile: &Profile) -> Result<i64, DirectoryError> {
    let base = String::from(crate::types::Slug::from_text(&profile.name, "structure"));
    let mut id = None;
    for n in 1..50 {
        let slug = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if RESERVED_SLUGS.contains(&slug.as_str()) {
            continue;
        }
        if let Some(new_id) = store::insert(c, &profile.as_new(&slug, StructureStatus::Draft, db::now())).await? {
            id = Some(new_id);
            break;
        }
    }
    let id = id.ok_or(DirectoryError::NoFreeSlug(base))?;
    store::insert_member(c, id, user_id).await?;
    if !accounts::grant_role(c, user_id, Role::Structure).await? {
        return Err(DirectoryError::RoleRevoked);
    }
    Ok(id)
}
