//! Rate limits kept in the database, so that every node counts the same attempts and a restart
//! does not reset them. Fixed windows: one row per bucket, reset when a new window starts.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;

use super::error::AppError;
use super::state::WebState;
use crate::db::{self, Db};
use crate::vals;

/// Counts one hit in `bucket`; fails with [`AppError::TooMany`] past `limit` in the window.
pub async fn hit(db: &Db, bucket: &str, limit: i64, window_minutes: i64) -> Result<(), AppError> {
    let window = window_minutes * 60;
    let now = db::now();
    let start = now - now.rem_euclid(window);
    let hits = db::int(
        db.conn(),
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END, \
           window_start = excluded.window_start \
         RETURNING hits",
        vals![bucket, start,],
    )
    .await?
    .unwrap_or(1);
    if hits > limit {
        let minutes = ((start + window - now) + 59) / 60;
        tracing::info!(bucket, hits, "rate limit reached");
        return Err(AppError::TooMany { minutes: minutes.max(1) });
    }
    Ok(())
}

/// Forgets windows that ended.
pub async fn purge(db: &Db, window_minutes: i64) -> crate::db::Result<u64> {
    let cutoff = db::now() - window_minutes * 60 * 2;
    db::exec(db.conn(), "DELETE FROM rate_limits WHERE window_start < $1", vals![cutoff]).await
}

/// The visitor's address: the peer, or the first `X-Forwarded-For` entry behind a proxy.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp
where
    WebState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if WebState::from_ref(state).config.behind_proxy
            && let Some(ip) = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
        {
            return Ok(ClientIp(ip));
        }
        let peer =
            parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::from([0, 0, 0, 0]));
        Ok(ClientIp(peer))
    }
}
