//! Accounts: sign-up with email verification, sign-in and out, password reset, change of name,
//! email and password, personal data export and account deletion, and creation of admins.
//!
//! Invariants: answers never reveal whether an email has an account (sign-up, sign-in and
//! reset answer alike); every email is queued in the same transaction as its cause; one-time
//! tokens are stored hashed and used atomically, and a change of password or email revokes the
//! outstanding reset and email-change links. Limits that refuse are keyed on the requester's
//! address (and the account for sign-in failures), never on the account alone, so that nobody
//! can lock an owner out. Every Argon2 computation waits for one of a few permits, after the
//! cheap checks of its form, so that a flood queues instead of allocating.

mod forms;
mod hooks;
mod links;
mod passwords;
mod reset;
mod routes;
mod store;

pub use hooks::PersonalData;
pub use passwords::{hash_password, verify_password};
pub use routes::routes;

use crate::db::{self, Db, StoreError};
use crate::mail::{self, Email as Mail};
use crate::types::Email;
use crate::web::{AppError, Lang, Role};

/// Why `create_admin` could not finish.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Creates a verified admin account, or gives the admin role to an existing account.
/// Returns whether the account was created.
pub async fn create_admin(db: &Db, email: &str, password: &str, name: Option<&str>) -> Result<bool, AdminError> {
    let email = Email::parse(email).map_err(|k| AdminError::Invalid(Lang::En.t(k)))?;
    let txn = db.begin().await.map_err(StoreError::from)?;
    if let Some(user) = store::by_email_in(&txn, email.as_str()).await.map_err(StoreError::from)? {
        store::add_role(&txn, user.id, Role::Admin).await.map_err(StoreError::from)?;
        txn.commit().await.map_err(StoreError::from)?;
        return Ok(false);
    }
    let password = forms::Password::parse(password).map_err(|k| AdminError::Invalid(Lang::En.t(k)))?;
    let default_name = email.as_str().split('@').next().unwrap_or("admin").to_owned();
    let name = forms::display_name(name.unwrap_or(&default_name)).map_err(|k| AdminError::Invalid(Lang::En.t(k)))?;
    let hash = hash_password(password.as_str().to_owned()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let id = store::insert_user(&txn, email.as_str(), &name, &hash, "fr", true)
        .await
        .map_err(StoreError::from)?
        .ok_or_else(|| StoreError::Conflict("users.email".into()))?;
    store::add_role(&txn, id, Role::Admin).await.map_err(StoreError::from)?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(true)
}

/// Creates a verified account with roles, for the demonstration data. Existing accounts are
/// left alone. `hash` is a precomputed password hash.
pub async fn create_demo_account(
    db: &Db,
    email: &str,
    name: &str,
    hash: &str,
    roles: &[Role],
) -> Result<(), StoreError> {
    if store::by_email(db, email).await?.is_some() {
        return Ok(());
    }
    let txn = db.begin().await?;
    let Some(id) = store::insert_user(&txn, email, name, hash, "fr", true).await? else {
        return Ok(());
    };
    for role in roles {
        store::add_role(&txn, id, *role).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A summary of an account, for the admin pages.
pub struct AccountSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub verified: bool,
    pub created_at: i64,
    pub roles: Vec<Role>,
}

pub async fn summary(db: &Db, id: i64) -> db::Result<Option<AccountSummary>> {
    let Some(u) = store::by_id(db.conn(), id).await? else { return Ok(None) };
    let roles = store::roles(db.conn(), id).await?;
    Ok(Some(AccountSummary {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        verified: u.email_verified_at.is_some(),
        created_at: u.created_at,
        roles,
    }))
}

/// Gives `user_id` the role `role` (nothing when they have it), inside the caller's
/// transaction: how other features make a person an association or a structure account.
/// Answers `false`, granting nothing, when an administrator revoked that role: only an
/// administrator gives it back (on the account's admin page), never a side effect.
pub async fn grant_role<C: sea_orm::ConnectionTrait>(c: &C, user_id: i64, role: Role) -> crate::db::Result<bool> {
    if store::role_revoked(c, user_id, role).await? {
        return Ok(false);
    }
    store::add_role(c, user_id, role).await?;
    Ok(true)
}

/// Whether an administrator revoked `role` from `user_id` (and has not granted it back).
pub async fn role_revoked<C: sea_orm::ConnectionTrait>(c: &C, user_id: i64, role: Role) -> crate::db::Result<bool> {
    store::role_revoked(c, user_id, role).await
}

/// Takes `role` away from `user_id` as a consequence of another change (leaving a structure's
/// team), inside the caller's transaction; unlike an administrator's revocation, nothing stops
/// the person from getting it again (joining another team).
pub async fn drop_role<C: sea_orm::ConnectionTrait>(c: &C, user_id: i64, role: Role) -> crate::db::Result<()> {
    store::remove_role(c, user_id, role).await
}

/// Why a role change was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum RoleChangeError {
    /// Removing the admin role from the last admin would lock everyone out.
    LastAdmin,
    NotFound,
}

/// Sets exactly `roles` on an account inside the caller's transaction and records each change
/// in the audit log; returns (added, removed). A removed role is remembered as revoked, so
/// that no feature grants it back on its own; granting it here lifts that.
pub async fn set_roles<C: sea_orm::ConnectionTrait>(
    c: &C,
    actor: &crate::web::CurrentUser,
    user_id: i64,
    roles: &[Role],
) -> db::Result<Result<(Vec<Role>, Vec<Role>), RoleChangeError>> {
    if store::by_id(c, user_id).await?.is_none() {
        return Ok(Err(RoleChangeError::NotFound));
    }
    let current = store::roles(c, user_id).await?;
    let added: Vec<Role> = roles.iter().copied().filter(|r| !current.contains(r)).collect();
    let removed: Vec<Role> = current.iter().copied().filter(|r| !roles.contains(r)).collect();
    if removed.contains(&Role::Admin) && store::count_admins(c).await? <= 1 {
        return Ok(Err(RoleChangeError::LastAdmin));
    }
    for r in &added {
        store::add_role(c, user_id, *r).await?;
        store::forget_revocation(c, user_id, *r).await?;
        crate::audit::record(c, actor, "role.grant", &format!("user:{user_id}:{}", r.as_str()), None).await?;
    }
    for r in &removed {
        store::remove_role(c, user_id, *r).await?;
        store::record_revocation(c, user_id, *r, actor.id).await?;
        crate::audit::record(c, actor, "role.revoke", &format!("user:{user_id}:{}", r.as_str()), None).await?;
    }
    Ok(Ok((added, removed)))
}

/// Queues an email in its own statement and wakes the sender.
async fn send(app: &crate::app::AppState, email: &Mail) -> Result<(), AppError> {
    mail::queue(app.db.conn(), email).await?;
    app.mail_queued();
    Ok(())
}

#[derive(crate::db::Row)]
struct ListRow {
    id: i64,
    email: String,
    display_name: String,
    email_verified_at: Option<i64>,
    created_at: i64,
}

/// Accounts whose email or name contains `query`, newest first, a page at a time.
/// Returns the page and whether there is a next one.
pub async fn search(db: &Db, query: &str, page: u32, per_page: u32) -> db::Result<(Vec<AccountSummary>, bool)> {
    let pattern = format!("%{}%", query.trim().to_lowercase().replace(['%', '_'], ""));
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let rows: Vec<ListRow> = crate::db::all(
        db.conn(),
        "SELECT id, email, display_name, email_verified_at, created_at FROM users \
         WHERE email LIKE $1 OR LOWER(display_name) LIKE $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
        crate::vals![pattern, i64::from(per_page) + 1, offset],
    )
    .await?;
    let more = rows.len() > per_page as usize;
    let mut out = Vec::new();
    for r in rows.into_iter().take(per_page as usize) {
        let roles = store::roles(db.conn(), r.id).await?;
        out.push(AccountSummary {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            verified: r.email_verified_at.is_some(),
            created_at: r.created_at,
            roles,
        });
    }
    Ok((out, more))
}
