//! Joining a team from an invitation: the invitation is used once, and only by someone who is
//! on no team yet.

use crate::accounts;
use crate::db::Db;
use crate::directory::{DirectoryError, store};
use crate::web::Role;
use crate::web::session::hash_token;

/// An open invitation, as the person invited sees it.
pub struct Invitation {
    /// The structure's name.
    pub name: String,
    /// The person is on a team already (and cannot join another).
    pub already: bool,
}

/// The open invitation of `token`, for `user_id`.
pub async fn invitation(db: &Db, user_id: i64, token: &str) -> Result<Invitation, DirectoryError> {
    let invite = store::find_invite(db, &hash_token(token)).await?.ok_or(DirectoryError::InviteInvalid)?;
    let already = store::by_member(db, user_id).await?.is_some();
    Ok(Invitation { name: invite.name, already })
}

/// What accepting an invitation did.
pub enum Joined {
    Joined,
    /// Nothing: the person is on a team already.
    AlreadyMember,
}

/// Puts `user_id` on the team of the invitation of `token` and gives them the structure role.
pub async fn join(db: &Db, user_id: i64, token: &str) -> Result<Joined, DirectoryError> {
    let invite = store::find_invite(db, &hash_token(token)).await?.ok_or(DirectoryError::InviteInvalid)?;
    if store::by_member(db, user_id).await?.is_some() {
        return Ok(Joined::AlreadyMember);
    }
    let txn = db.begin().await?;
    if !store::use_invite(&txn, invite.id).await? {
        return Err(DirectoryError::InviteInvalid);
    }
    store::join_team(&txn, invite.structure_id, user_id).await?;
    accounts::grant_role(&txn, user_id, Role::Structure).await?;
    txn.commit().await?;
    Ok(Joined::Joined)
}
