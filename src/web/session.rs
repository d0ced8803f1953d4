//! Server-side sessions in the database, shared by every node.
//!
//! The browser holds a random token in the `ea_session` cookie; the database holds only its
//! SHA-256, so a leaked database cannot be replayed as cookies. No cookie exists until a person
//! signs in, and a new token is issued at every sign-in. A session ends after `session_days`
//! without activity or `session_max_days` after the sign-in, whichever comes first, and every
//! answer to a request that carries a live session is marked `Cache-Control: no-store`.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::error::AppError;
use super::i18n::cookie;
use super::state::WebState;
use crate::db::{self, Db, Row};
use crate::vals;

pub const SESSION_COOKIE: &str = "ea_session";

/// Refresh `last_seen_at` at most this often, so reading pages does not write on every request.
const TOUCH_EVERY: i64 = 3600;

/// A role an account can hold; an account may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Association,
    Structure,
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Association, Role::Structure, Role::Moderator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Association => "association",
            Role::Structure => "structure",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Message key of the role's name.
    pub fn label_key(self) -> String {
        format!("role-{}", self.as_str())
    }
}

/// The signed-in person, loaded once per request by [`load_user`].
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub verified: bool,
    pub roles: Vec<Role>,
    /// Hash of the session token: binds CSRF tokens to this session.
    pub session_id: String,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }
}

#[derive(Row)]
struct SessionRow {
    user_id: i64,
    created_at: i64,
    last_seen_at: i64,
    email: String,
    display_name: String,
    email_verified_at: Option<i64>,
}

#[derive(Row)]
struct RoleRow {
    role: String,
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random token, URL-safe.
pub fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Seconds a session lives without activity, and at most after the sign-in.
fn lifetimes(app: &WebState) -> (i64, i64) {
    (app.config.session_days * 86_400, app.config.session_max_days * 86_400)
}

/// Opens a session for `user_id` and returns the `Set-Cookie` value.
pub async fn start(app: &WebState, user_id: i64) -> Result<HeaderValue, AppError> {
    let token = random_token();
    let now = db::now();
    let (idle, max) = lifetimes(app);
    db::exec(
        app.db.conn(),
        "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)",
        vals![hash_token(&token), user_id, now, now + idle.min(max)],
    )
    .await?;
    // The browser may keep the cookie until the absolute end; the server enforces inactivity.
    set_cookie(app, &token, max)
}

/// Ends one session and returns the `Set-Cookie` value that removes the cookie.
pub async fn end(app: &WebState, session_id: &str) -> Result<HeaderValue, AppError> {
    db::exec(app.db.conn(), "DELETE FROM sessions WHERE id = $1", vals![session_id]).await?;
    clear_cookie(app)
}

/// Ends every session of an account ("sign out everywhere").
pub async fn end_all(db: &Db, user_id: i64) -> Result<(), AppError> {
    db::exec(db.conn(), "DELETE FROM sessions WHERE user_id = $1", vals![user_id]).await?;
    Ok(())
}

fn set_cookie(app: &WebState, token: &str, max_age: i64) -> Result<HeaderValue, AppError> {
    let secure = if app.config.is_https() { "; Secure" } else { "" };
    let value = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&value).map_err(|e| AppError::Internal(e.into()))
}

pub fn clear_cookie(app: &WebState) -> Result<HeaderValue, AppError> {
    set_cookie(app, "", 0)
}

async fn lookup(app: &WebState, token: &str) -> Result<Option<CurrentUser>, AppError> {
    let id = hash_token(token);
    let now = db::now();
    let (idle, max) = lifetimes(app);
    let row: Option<SessionRow> = db::one(
        app.db.conn(),
        "SELECT s.user_id, s.created_at, s.last_seen_at, u.email, u.display_name, u.email_verified_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND s.expires_at > $2 AND s.created_at > $3",
        vals![id.clone(), now, now - max],
    )
    .await?;
    let Some(row) = row else { return Ok(None) };
    if now - row.last_seen_at > TOUCH_EVERY {
        db::exec(
            app.db.conn(),
            "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3",
            vals![now, (now + idle).min(row.created_at + max), id.clone()],
        )
        .await?;
    }
    let roles: Vec<RoleRow> =
        db::all(app.db.conn(), "SELECT role FROM user_roles WHERE user_id = $1", vals![row.user_id]).await?;
    Ok(Some(CurrentUser {
        id: row.user_id,
        email: row.email,
        display_name: row.display_name,
        verified: row.email_verified_at.is_some(),
        roles: roles.iter().filter_map(|r| Role::parse(&r.role)).collect(),
        session_id: id,
    }))
}

/// Middleware: loads the signed-in person (if any) into the request extensions. Requests
/// without a session cookie touch no database. A stale cookie is removed. What a signed-in
/// person is answered is kept out of every cache (see [`no_store`]).
pub async fn load_user(State(app): State<WebState>, mut req: Request, next: Next) -> Response {
    let token = cookie(req.headers(), SESSION_COOKIE).filter(|t| !t.is_empty());
    let Some(token) = token else { return next.run(req).await };
    match lookup(&app, &token).await {
        Ok(Some(user)) => {
            req.extensions_mut().insert(user);
            let mut res = next.run(req).await;
            no_store(&mut res);
            res
        }
        Ok(None) => {
            let mut res = next.run(req).await;
            if let Ok(v) = clear_cookie(&app) {
                res.headers_mut().append(SET_COOKIE, v);
            }
            res
        }
        Err(e) => e.into_response(),
    }
}

/// Marks an answer to a signed-in person `Cache-Control: no-store`, so that neither a shared
/// cache nor the browser's history keeps a page with their data (the back button after signing
/// out on a shared computer). Answers a handler declared `public` (static files, logos, open
/// data) are the same for everyone and keep their caching.
fn no_store(res: &mut Response) {
    let public = res.headers().get(CACHE_CONTROL).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("public"));
    if !public {
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The signed-in person, if any.
pub struct MaybeUser(pub Option<CurrentUser>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(parts.extensions.get::<CurrentUser>().cloned()))
    }
}

/// Requires a signed-in person; anonymous visitors are sent to the sign-in page and back.
impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<CurrentUser>() {
            Some(user) => Ok(user.clone()),
            None => {
                let back = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/compte");
                let target = format!(
                    "/compte/connexion?retour={}",
                    percent_encoding::utf8_percent_encode(back, percent_encoding::NON_ALPHANUMERIC)
                );
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

/// Requires the admin role.
pub struct AdminUser(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for AdminUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if user.is_admin() { Ok(AdminUser(user)) } else { Err(AppError::Forbidden.into_response()) }
    }
}

/// Requires the moderator or the admin role.
pub struct ModeratorUser(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for ModeratorUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if user.has(Role::Moderator) || user.is_admin() {
            Ok(ModeratorUser(user))
        } else {
            Err(AppError::Forbidden.into_response())
        }
    }
}

/// Answers `303 See Other` with an extra `Set-Cookie`.
pub fn see_other_with_cookie(to: &str, cookie: HeaderValue) -> Response {
    let mut res = Redirect::to(to).into_response();
    *res.status_mut() = StatusCode::SEE_OTHER;
    res.headers_mut().append(SET_COOKIE, cookie);
    res
}
