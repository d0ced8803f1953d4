//! Storage of a structure's team (a person belongs to one team at most), its invitations, and
//! the changes the team makes outside the profile form: the logo and the submission.

use sea_orm::ConnectionTrait;

use super::{STRUCTURE_SELECT, StructureRow, record_change};
use crate::db::{self, Db, Row};
use crate::vals;

/// The structure whose team the account belongs to.
pub async fn by_member(db: &Db, user_id: i64) -> db::Result<Option<StructureRow>> {
    let id =
        db::int(db.conn(), "SELECT structure_id FROM structure_members WHERE user_id = $1", vals![user_id]).await?;
    match id {
        Some(id) => db::one(db.conn(), &format!("{STRUCTURE_SELECT} WHERE s.id = $1"), vals![id]).await,
        None => Ok(None),
    }
}

/// Puts the creator of a structure on its team.
pub async fn insert_member<C: ConnectionTrait>(c: &C, structure_id: i64, user_id: i64) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO structure_members (structure_id, user_id, created_at) VALUES ($1, $2, $3)",
        vals![structure_id, user_id, db::now()],
    )
    .await?;
    Ok(())
}

/// Puts an invited person on a team (nothing when they already are).
pub async fn join_team<C: ConnectionTrait>(c: &C, structure_id: i64, user_id: i64) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO structure_members (structure_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        vals![structure_id, user_id, db::now()],
    )
    .await?;
    Ok(())
}

/// Stores an invitation (its token hashed) valid until `expires_at`.
pub async fn insert_invite<C: ConnectionTrait>(
    c: &C,
    structure_id: i64,
    email: &str,
    token_hash: &str,
    invited_by: i64,
    created_at: i64,
    expires_at: i64,
) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO structure_invites (structure_id, email, token_hash, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        vals![structure_id, email, token_hash, invited_by, created_at, expires_at],
    )
    .await?;
    Ok(())
}

/// An invitation still open, with the name of its structure and the address it was sent to.
#[derive(Row)]
pub struct Invite {
    pub id: i64,
    pub structure_id: i64,
    pub name: String,
    pub email: String,
}

/// The open invitation of a token hash: not used, not expired.
pub async fn find_invite(db: &Db, token_hash: &str) -> db::Result<Option<Invite>> {
    db::one(
        db.conn(),
        "SELECT i.id, i.structure_id, s.name, i.email FROM structure_invites i \
         JOIN structures s ON s.id = i.structure_id \
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2",
        vals![token_hash, db::now()],
    )
    .await
}

/// Marks an invitation used; false when someone used it first.
pub async fn use_invite<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<bool> {
    let used = db::exec(
        c,
        "UPDATE structure_invites SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
        vals![db::now(), id],
    )
    .await?;
    Ok(used > 0)
}

/// A member of a team, as the workspace and the admin pages show them.
#[derive(Row, Debug, Clone)]
pub struct TeamMember {
    pub structure_id: i64,
    pub structure_name: String,
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: String,
}

const MEMBER_SELECT: &str = "SELECT m.structure_id, s.name AS structure_name, u.id AS user_id, u.email, \
    u.display_name, u.locale FROM structure_members m JOIN users u ON u.id = m.user_id \
    JOIN structures s ON s.id = m.structure_id";

/// The team of a structure, oldest member first.
pub async fn members(db: &Db, structure_id: i64) -> db::Result<Vec<TeamMember>> {
    db::all(
        db.conn(),
        &format!("{MEMBER_SELECT} WHERE m.structure_id = $1 ORDER BY m.created_at, u.id"),
        vals![structure_id],
    )
    .await
}

/// The membership of an account, if it is on a team.
pub async fn member<C: ConnectionTrait>(c: &C, user_id: i64) -> db::Result<Option<TeamMember>> {
    db::one(c, &format!("{MEMBER_SELECT} WHERE m.user_id = $1"), vals![user_id]).await
}

/// How many people the team of a structure has.
pub async fn count_members<C: ConnectionTrait>(c: &C, structure_id: i64) -> db::Result<i64> {
    Ok(db::int(c, "SELECT COUNT(*) FROM structure_members WHERE structure_id = $1", vals![structure_id])
        .await?
        .unwrap_or(0))
}

/// Takes an account off a team; false when it was not on it.
pub async fn remove_member<C: ConnectionTrait>(c: &C, structure_id: i64, user_id: i64) -> db::Result<bool> {
    let n = db::exec(
        c,
        "DELETE FROM structure_members WHERE structure_id = $1 AND user_id = $2",
        vals![structure_id, user_id],
    )
    .await?;
    Ok(n > 0)
}

/// Sets the logo file of a structure and records the change.
pub async fn set_logo<C: ConnectionTrait>(c: &C, id: i64, file: &str) -> db::Result<()> {
    db::exec(
        c,
        "UPDATE structures SET logo = $1, updated_at = $2, version = version + 1 WHERE id = $3",
        vals![file, db::now(), id],
    )
    .await?;
    record_change(c, id).await
}

/// Sends a draft to the moderators (nothing when it is not a draft).
pub async fn submit(db: &Db, id: i64) -> db::Result<()> {
    db::exec(db.conn(), "UPDATE structures SET status = 'pending' WHERE id = $1 AND status = 'draft'", vals![id])
        .await?;
    Ok(())
}
