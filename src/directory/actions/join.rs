//! Joining a team from an invitation: the invitation is used once, only by the account whose
//! verified address it was sent to, and only by someone who is on no team yet and whose
//! structure role an administrator did not revoke.

use crate::accounts;
use crate::db::Db;
use crate::directory::{DirectoryError, store};
use crate::web::session::hash_token;
use crate::web::{CurrentUser, Role};

/// An open invitation, as the person invited sees it.
pub struct Invitation {
    /// The structure's name.
    pub name: String,
    /// The person is on a team already (and cannot join another).
    pub already: bool,
}

/// The open invitation of `token`, if `user` may use it.
async fn usable(db: &Db, user: &CurrentUser, token: &str) -> Result<store::Invite, DirectoryError> {
    let invite = store::find_invite(db, &hash_token(token)).await?.ok_or(DirectoryError::InviteInvalid)?;
    // Addresses are stored lower-cased (`types::Email`); compare them the same way.
    if !user.verified || !invite.email.eq_ignore_ascii_case(user.email.trim()) {
        return Err(DirectoryError::InviteOtherAddress);
    }
    if accounts::role_revoked(db.conn(), user.id, Role::Structure).await? {
        return Err(DirectoryError::RoleRevoked);
    }
    Ok(invite)
}

/// The open invitation of `token`, for `user`.
pub async fn invitation(db: &Db, user: &CurrentUser, token: &str) -> Result<Invitation, DirectoryError> {
    let invite = usable(db, user, token).await?;
    let already = store::by_member(db, user.id).await?.is_some();
    Ok(Invitation { name: invite.name, already })
}

/// What accepting an invitation did.
pub enum Joined {
    Joined,
    /// Nothing: the person is on a team already.
    AlreadyMember,
}

/// Puts `user` on the team of the invitation of `token` and gives them the structure role.
pub async fn join(db: &Db, user: &CurrentUser, token: &str) -> Result<Joined, DirectoryError> {
    let invite = usable(db, user, token).await?;
    if store::by_member(db, user.id).await?.is_some() {
        return Ok(Joined::AlreadyMember);
    }
    let txn = db.begin().await?;
    if !store::use_invite(&txn, invite.id).await? {
        return Err(DirectoryError::InviteInvalid);
    }
    store::join_team(&txn, invite.structure_id, user.id).await?;
    if !accounts::grant_role(&txn, user.id, Role::Structure).await? {
        return Err(DirectoryError::RoleRevoked);
    }
    txn.commit().await?;
    Ok(Joined::Joined)
}
