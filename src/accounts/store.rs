//! Account storage: users, roles, one-time tokens.

use sea_orm::ConnectionTrait;

use crate::db::{self, Db, Row, StoreError, map_conflict};
use crate::vals;
use crate::web::Role;
use crate::web::session::{hash_token, random_token};

/// What a one-time token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }

    /// Lifetime of a token, in seconds.
    pub fn ttl(self) -> i64 {
        match self {
            Purpose::VerifyEmail => 3 * 86_400,
            Purpose::ResetPassword => 3600,
            Purpose::ChangeEmail => 86_400,
        }
    }
}

#[derive(Row, Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub locale: String,
    pub email_verified_at: Option<i64>,
    pub created_at: i64,
}

const USER_COLS: &str = "id, email, display_name, password_hash, locale, email_verified_at, created_at";

#[derive(Row, Debug)]
pub struct TokenUse {
    pub user_id: i64,
    pub new_email: Option<String>,
}

/// Inserts an account; `None` when the email already has one (no error, so that a
/// surrounding PostgreSQL transaction stays usable).
pub async fn insert_user<C: ConnectionTrait>(
    c: &C,
    email: &str,
    display_name: &str,
    password_hash: &str,
    locale: &str,
    verified: bool,
) -> db::Result<Option<i64>> {
    let now = db::now();
    db::int(
        c,
        "INSERT INTO users (email, display_name, password_hash, locale, email_verified_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
        vals![email, display_name, password_hash, locale, verified.then_some(now), now],
    )
    .await
}

pub async fn by_email(db: &Db, email: &str) -> db::Result<Option<UserRow>> {
    by_email_in(db.conn(), email).await
}

/// The account of an email, read on `c` (a connection or the caller's transaction).
pub async fn by_email_in<C: ConnectionTrait>(c: &C, email: &str) -> db::Result<Option<UserRow>> {
    db::one(c, &format!("SELECT {USER_COLS} FROM users WHERE email = $1"), vals![email]).await
}

pub async fn by_id<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<Option<UserRow>> {
    db::one(c, &format!("SELECT {USER_COLS} FROM users WHERE id = $1"), vals![id]).await
}

/// Creates a one-time token and returns it in clear (only its hash is stored).
pub async fn new_token<C: ConnectionTrait>(
    c: &C,
    user_id: i64,
    purpose: Purpose,
    new_email: Option<&str>,
) -> db::Result<String> {
    let token = random_token();
    let now = db::now();
    db::exec(
        c,
        "INSERT INTO account_tokens (user_id, purpose, token_hash, new_email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        vals![user_id, purpose.as_str(), hash_token(&token), new_email.map(str::to_owned), now, now + purpose.ttl()],
    )
    .await?;
    Ok(token)
}

/// Whether a token is currently usable, without using it.
pub async fn peek_token(db: &Db, token: &str, purpose: Purpose) -> db::Result<Option<TokenUse>> {
    db::one(
        db.conn(),
        "SELECT user_id, new_email FROM account_tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        vals![hash_token(token), purpose.as_str(), db::now()],
    )
    .await
}

/// Uses a token: atomic, so two concurrent uses cannot both succeed.
pub async fn take_token<C: ConnectionTrait>(c: &C, token: &str, purpose: Purpose) -> db::Result<Option<TokenUse>> {
    let now = db::now();
    db::one(
        c,
        "UPDATE account_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id, new_email",
        vals![now, hash_token(token), purpose.as_str()],
    )
    .await
}

/// Makes every unused token of `user_id` for `purposes` worthless: outstanding reset and
/// email-change links die when the password or the email changes.
pub async fn revoke_tokens<C: ConnectionTrait>(c: &C, user_id: i64, purposes: &[Purpose]) -> db::Result<()> {
    for purpose in purposes {
        db::exec(
            c,
            "UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
            vals![db::now(), user_id, purpose.as_str()],
        )
        .await?;
    }
    Ok(())
}

/// Gives the newest usable token of `user_id` for `purpose` a full lifetime again; false when
/// there is none.
pub async fn extend_newest_token<C: ConnectionTrait>(c: &C, user_id: i64, purpose: Purpose) -> db::Result<bool> {
    let now = db::now();
    let extended = db::exec(
        c,
        "UPDATE account_tokens SET expires_at = $1 WHERE id = (SELECT MAX(id) FROM account_tokens \
         WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $4)",
        vals![now + purpose.ttl(), user_id, purpose.as_str(), now],
    )
    .await?;
    Ok(extended > 0)
}

pub async fn mark_verified<C: ConnectionTrait>(c: &C, user_id: i64) -> db::Result<()> {
    db::exec(
        c,
        "UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL",
        vals![db::now(), user_id],
    )
    .await?;
    Ok(())
}

pub async fn set_password<C: ConnectionTrait>(c: &C, user_id: i64, hash: &str) -> db::Result<()> {
    db::exec(c, "UPDATE users SET password_hash = $1 WHERE id = $2", vals![hash, user_id]).await?;
    Ok(())
}

pub async fn set_email<C: ConnectionTrait>(c: &C, user_id: i64, email: &str) -> Result<(), StoreError> {
    db::exec(c, "UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3", vals![email, db::now(), user_id])
        .await
        .map_err(map_conflict)?;
    Ok(())
}

pub async fn set_display_name(db: &Db, user_id: i64, name: &str) -> db::Result<()> {
    db::exec(db.conn(), "UPDATE users SET display_name = $1 WHERE id = $2", vals![name, user_id]).await?;
    Ok(())
}

pub async fn delete_user<C: ConnectionTrait>(c: &C, user_id: i64) -> db::Result<()> {
    db::exec(c, "DELETE FROM users WHERE id = $1", vals![user_id]).await?;
    Ok(())
}

#[derive(Row)]
struct RoleRow {
    role: String,
}

pub async fn roles<C: ConnectionTrait>(c: &C, user_id: i64) -> db::Result<Vec<Role>> {
    let rows: Vec<RoleRow> =
        db::all(c, "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role", vals![user_id]).await?;
    Ok(rows.iter().filter_map(|r| Role::parse(&r.role)).collect())
}

pub async fn add_role<C: ConnectionTrait>(c: &C, user_id: i64, role: Role) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO user_roles (user_id, role, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        vals![user_id, role.as_str(), db::now()],
    )
    .await?;
    Ok(())
}

pub async fn remove_role<C: ConnectionTrait>(c: &C, user_id: i64, role: Role) -> db::Result<()> {
    db::exec(c, "DELETE FROM user_roles WHERE user_id = $1 AND role = $2", vals![user_id, role.as_str()]).await?;
    Ok(())
}

/// Whether an administrator revoked `role` from the account.
pub async fn role_revoked<C: ConnectionTrait>(c: &C, user_id: i64, role: Role) -> db::Result<bool> {
    let n = db::int(
        c,
        "SELECT COUNT(*) FROM role_revocations WHERE user_id = $1 AND role = $2",
        vals![user_id, role.as_str()],
    )
    .await?;
    Ok(n.unwrap_or(0) > 0)
}

/// Remembers that an administrator revoked `role`.
pub async fn record_revocation<C: ConnectionTrait>(c: &C, user_id: i64, role: Role, by: i64) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO role_revocations (user_id, role, revoked_by, revoked_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, role) DO UPDATE SET revoked_by = excluded.revoked_by, revoked_at = excluded.revoked_at",
        vals![user_id, role.as_str(), by, db::now()],
    )
    .await?;
    Ok(())
}

/// Forgets a revocation: an administrator granted the role again.
pub async fn forget_revocation<C: ConnectionTrait>(c: &C, user_id: i64, role: Role) -> db::Result<()> {
    db::exec(c, "DELETE FROM role_revocations WHERE user_id = $1 AND role = $2", vals![user_id, role.as_str()]).await?;
    Ok(())
}

pub async fn count_admins<C: ConnectionTrait>(c: &C) -> db::Result<i64> {
    Ok(db::int(c, "SELECT COUNT(*) FROM user_roles WHERE role = 'admin'", vals![]).await?.unwrap_or(0))
}

#[derive(Row, Debug, serde::Serialize)]
pub struct SessionExport {
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

#[derive(Row, Debug, serde::Serialize)]
pub struct MailExport {
    pub recipient: String,
    pub subject: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

pub async fn sessions_of(db: &Db, user_id: i64) -> db::Result<Vec<SessionExport>> {
    db::all(
        db.conn(),
        "SELECT created_at, last_seen_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at",
        vals![user_id],
    )
    .await
}

pub async fn mails_of(db: &Db, user_id: i64) -> db::Result<Vec<MailExport>> {
    db::all(
        db.conn(),
        "SELECT recipient, subject, created_at, sent_at FROM outbox WHERE user_id = $1 ORDER BY id",
        vals![user_id],
    )
    .await
}
