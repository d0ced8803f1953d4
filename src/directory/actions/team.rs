//! Leaving a team, or being taken off it by another member or by an administrator (from the
//! admin account page, or by revoking the person's structure role).
//!
//! Workspace access is team membership, and an account holds the structure role only as a
//! member of a team: taking someone off a team takes the role away with it, and revoking the
//! role takes them off their team, at once. Every removal is audited; a person removed by
//! someone else is told by email. The team cannot remove its last member (nobody would be left
//! to keep the profile true; an administrator can, and the structure's mail then goes to its
//! contact address).

use sea_orm::ConnectionTrait;

use crate::accounts;
use crate::app::AppState;
use crate::audit;
use crate::db;
use crate::directory::DirectoryError;
use crate::directory::store::{self, TeamMember};
use crate::mail::{self, Email as Mail};
use crate::web::{CurrentUser, Lang, Role};

/// Who takes a member off a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remover {
    /// A member of the same team (or the person themselves, leaving).
    Team,
    Admin,
}

/// `actor` takes `user_id` off the team of `structure_id`.
pub async fn remove_member(
    app: &AppState,
    actor: &CurrentUser,
    by: Remover,
    structure_id: i64,
    user_id: i64,
) -> Result<(), DirectoryError> {
    let txn = app.db.begin().await?;
    let member = store::member(&txn, user_id).await?.filter(|m| m.structure_id == structure_id);
    let member = member.ok_or(DirectoryError::NotMember)?;
    if by == Remover::Team && store::count_members(&txn, structure_id).await? <= 1 {
        return Err(DirectoryError::LastMember);
    }
    take_off(&txn, actor, &member).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(())
}

/// Takes `user_id` off its team, if it is on one, inside the caller's transaction: what an
/// administrator's revocation of the structure role does. Returns whether it was on a team.
pub async fn leave_team<C: ConnectionTrait>(c: &C, actor: &CurrentUser, user_id: i64) -> db::Result<bool> {
    match store::member(c, user_id).await? {
        Some(member) => {
            take_off(c, actor, &member).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

async fn take_off<C: ConnectionTrait>(c: &C, actor: &CurrentUser, m: &TeamMember) -> db::Result<()> {
    store::remove_member(c, m.structure_id, m.user_id).await?;
    accounts::drop_role(c, m.user_id, Role::Structure).await?;
    let leaving = actor.id == m.user_id;
    let action = if leaving { "team.leave" } else { "team.remove" };
    audit::record(c, actor, action, &format!("user:{}:structure:{}", m.user_id, m.structure_id), None).await?;
    if !leaving {
        let lang = Lang::parse(&m.locale).unwrap_or(Lang::Fr);
        let args = [("structure", m.structure_name.clone())];
        mail::queue(c, &Mail::compose(lang, &m.email, Some(m.user_id), "mail-team-removed", &args)).await?;
    }
    Ok(())
}
