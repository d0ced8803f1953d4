//! Rate limits kept in the database, so that every node counts the same attempts and a restart
//! does not reset them. Fixed windows: one row per bucket, reset when a new window starts.
//!
//! Buckets are named by the caller: `signin:{address}`, `signin:{email}|{address}`… The address
//! is [`ClientIp`]: the visitor's IPv4 address or IPv6 /64 network, as the configured trusted
//! proxies saw it. A limit that refuses must never be keyed on an account alone, or anyone could
//! lock its owner out: key it on what the requester controls (their address, their own account).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;

use super::error::AppError;
use super::state::WebState;
use sea_orm::ConnectionTrait;

use crate::db::{self, Db};
use crate::vals;

/// Now, the start of the current window and its length, in seconds.
fn current_window(window_minutes: i64) -> (i64, i64, i64) {
    let window = window_minutes * 60;
    let now = db::now();
    (now, now - now.rem_euclid(window), window)
}

/// Counts one hit in `bucket` and returns the hits of the current window.
async fn count<C: ConnectionTrait>(c: &C, bucket: &str, start: i64) -> crate::db::Result<i64> {
    let hits = db::int(
        c,
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END, \
           window_start = excluded.window_start \
         RETURNING hits",
        vals![bucket, start,],
    )
    .await?;
    Ok(hits.unwrap_or(1))
}

/// Counts one hit in `bucket`; fails with [`AppError::TooMany`] past `limit` in the window.
pub async fn hit(db: &Db, bucket: &str, limit: i64, window_minutes: i64) -> Result<(), AppError> {
    let (now, start, window) = current_window(window_minutes);
    let hits = count(db.conn(), bucket, start).await?;
    if hits > limit {
        let minutes = ((start + window - now) + 59) / 60;
        tracing::info!(bucket, hits, "rate limit reached");
        return Err(AppError::TooMany { minutes: minutes.max(1) });
    }
    Ok(())
}

/// Counts one hit in `bucket` and says whether it is within `limit`: for a limit that changes
/// what happens (no more emails) rather than refusing the request.
pub async fn within(db: &Db, bucket: &str, limit: i64, window_minutes: i64) -> crate::db::Result<bool> {
    within_in(db.conn(), bucket, limit, window_minutes).await
}

/// [`within`] in a transaction: the one that sends the email it limits. (On SQLite a write
/// through another connection would wait for that transaction's lock.)
pub async fn within_in<C: ConnectionTrait>(
    c: &C,
    bucket: &str,
    limit: i64,
    window_minutes: i64,
) -> crate::db::Result<bool> {
    let (_, start, _) = current_window(window_minutes);
    Ok(count(c, bucket, start).await? <= limit)
}

/// Takes back one hit of `bucket` in the current window. Limits on failures count an attempt
/// before the check (so that parallel attempts cannot slip past the limit together) and give
/// it back when it succeeds.
pub async fn forgive(db: &Db, bucket: &str, window_minutes: i64) -> crate::db::Result<()> {
    let (_, start, _) = current_window(window_minutes);
    db::exec(
        db.conn(),
        "UPDATE rate_limits SET hits = hits - 1 WHERE bucket = $1 AND window_start = $2 AND hits > 0",
        vals![bucket, start],
    )
    .await?;
    Ok(())
}

/// Forgets windows that ended.
pub async fn purge(db: &Db, window_minutes: i64) -> crate::db::Result<u64> {
    let cutoff = db::now() - window_minutes * 60 * 2;
    db::exec(db.conn(), "DELETE FROM rate_limits WHERE window_start < $1", vals![cutoff]).await
}

/// The visitor's address as rate limits count it (see [`client_key`]): an IPv4 address, or the
/// /64 network of an IPv6 address (its host part zeroed).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp
where
    WebState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let trusted = WebState::from_ref(state).config.trusted_proxies;
        let peer =
            parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let forwarded = parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        Ok(ClientIp(client_key(peer, forwarded, trusted)))
    }
}

/// The address rate limits count for a request from `peer` carrying the `X-Forwarded-For`
/// values `forwarded`, behind `trusted` proxies.
///
/// Each proxy appends the address it received the request from, so the entry the outermost
/// trusted proxy wrote is the `trusted`-th from the right; what lies left of it was written by
/// the client and proves nothing. With fewer entries than trusted proxies, the leftmost one is
/// still a trusted proxy's. With no trusted proxy, no header, or an entry that is not an
/// address, the peer counts. IPv6 addresses count as their /64: a subscriber usually holds a
/// whole /64, and would otherwise get 2^64 fresh keys.
pub fn client_key<'a>(peer: IpAddr, forwarded: impl IntoIterator<Item = &'a str>, trusted: usize) -> IpAddr {
    let ip = if trusted == 0 {
        peer
    } else {
        let entries: Vec<&str> =
            forwarded.into_iter().flat_map(|v| v.split(',')).map(str::trim).filter(|e| !e.is_empty()).collect();
        match entries.len().checked_sub(trusted.min(entries.len())).and_then(|i| entries.get(i)) {
            Some(entry) => parse_entry(entry).unwrap_or(peer),
            None => peer,
        }
    };
    network(ip)
}

/// An address as proxies write it: `203.0.113.7`, `2001:db8::1`, with or without a port or
/// brackets (`203.0.113.7:4711`, `[2001:db8::1]:4711`, `[2001:db8::1]`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| entry.strip_prefix('[')?.strip_suffix(']')?.parse::<IpAddr>().ok())
}

/// IPv4 as is (IPv4-mapped IPv6 included); IPv6 reduced to its /64 network.
fn network(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    const PEER: &str = "10.0.0.1";

    fn key(forwarded: &[&str], trusted: usize) -> String {
        client_key(ip(PEER), forwarded.iter().copied(), trusted).to_string()
    }

    #[test]
    fn without_trusted_proxies_the_peer_counts_whatever_the_header_says() {
        assert_eq!(key(&[], 0), PEER);
        assert_eq!(key(&["203.0.113.7"], 0), PEER);
    }

    #[test]
    fn behind_proxies_the_entry_the_outermost_trusted_one_wrote_counts() {
        assert_eq!(key(&["203.0.113.7"], 1), "203.0.113.7");
        // The client wrote the leftmost entries: they prove nothing.
        assert_eq!(key(&["1.1.1.1, 2.2.2.2, 203.0.113.7"], 1), "203.0.113.7");
        assert_eq!(key(&["1.1.1.1, 203.0.113.7, 198.51.100.2"], 2), "203.0.113.7");
        // Several headers form one list, in order.
        assert_eq!(key(&["1.1.1.1", "203.0.113.7, 198.51.100.2"], 2), "203.0.113.7");
        // Fewer entries than proxies: the leftmost was still written by a trusted proxy.
        assert_eq!(key(&["203.0.113.7"], 3), "203.0.113.7");
        // No header: the peer (a request that did not come through the proxies).
        assert_eq!(key(&[], 1), PEER);
        // Empty entries are skipped; garbage where an address should be falls back to the peer.
        assert_eq!(key(&["203.0.113.7, ,"], 1), "203.0.113.7");
        assert_eq!(key(&["203.0.113.7, unknown"], 1), PEER);
    }

    #[test]
    fn addresses_are_read_with_ports_and_brackets() {
        assert_eq!(key(&["203.0.113.7:4711"], 1), "203.0.113.7");
        assert_eq!(key(&["[2001:db8::1]:4711"], 1), "2001:db8::");
        assert_eq!(key(&["[2001:db8::1]"], 1), "2001:db8::");
    }

    /// The key of a direct connection from `peer`.
    fn direct(peer: &str) -> IpAddr {
        client_key(ip(peer), Vec::<&str>::new(), 0)
    }

    #[test]
    fn ipv6_counts_as_its_64_and_mapped_ipv4_as_ipv4() {
        let a = direct("2001:db8:1:2:aaaa::1");
        assert_eq!(a, direct("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assert_eq!(a.to_string(), "2001:db8:1:2::");
        assert_ne!(a, direct("2001:db8:1:3::1"));
        assert_eq!(direct("::ffff:203.0.113.7").to_string(), "203.0.113.7");
        assert_eq!(direct("203.0.113.7").to_string(), "203.0.113.7");
        assert_eq!(key(&["2001:db8:1:2::99"], 1), "2001:db8:1:2::");
    }
}
