//! Protection of every POST form against cross-site forgery, without a cookie for anonymous
//! visitors.
//!
//! Two checks, both required to pass:
//! 1. the browser's own provenance headers: `Sec-Fetch-Site` must be `same-origin` when sent,
//!    else `Origin`, when sent, must be this site;
//! 2. a token in the form (`_csrf`): `issued_at.hmac(secret, binding, issued_at)`, where the
//!    binding is the session (signed in) or `anon`. It expires, and a token issued for one
//!    session is worthless for another.

use axum::http::HeaderMap;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::db;

/// Lifetime of a form token: long enough to fill a long form on a slow afternoon.
const TOKEN_TTL: i64 = 12 * 3600;

fn mac(secret: &[u8], binding: Option<&str>, issued_at: i64) -> String {
    // HMAC accepts keys of any length; an empty result would simply never verify.
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(b"csrf|");
    mac.update(binding.unwrap_or("anon").as_bytes());
    mac.update(b"|");
    mac.update(issued_at.to_string().as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

pub fn issue(secret: &[u8], binding: Option<&str>) -> String {
    let now = db::now();
    format!("{now}.{}", mac(secret, binding, now))
}

pub fn verify(secret: &[u8], binding: Option<&str>, token: &str) -> bool {
    let Some((ts, sig)) = token.split_once('.') else { return false };
    let Ok(ts) = ts.parse::<i64>() else { return false };
    let age = db::now() - ts;
    if !(-60..=TOKEN_TTL).contains(&age) {
        return false;
    }
    let expected = mac(secret, binding, ts);
    !expected.is_empty() && subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), sig.as_bytes()).into()
}

/// Whether the request's provenance headers allow a state-changing request.
pub fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin";
    }
    let Some(origin) = headers.get("origin").and_then(|v| v.to_str().ok()) else {
        // Old browsers and non-browser clients send neither; the token still applies.
        return true;
    };
    let base = base_url.trim_end_matches('/');
    if origin == base {
        return true;
    }
    let host = headers.get("host").and_then(|v| v.to_str().ok()).unwrap_or("");
    origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_bound_to_its_session() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let anon = issue(secret, None);
        assert!(verify(secret, None, &anon));
        assert!(!verify(secret, Some("s1"), &anon));
        let s1 = issue(secret, Some("s1"));
        assert!(verify(secret, Some("s1"), &s1));
        assert!(!verify(secret, Some("s2"), &s1));
        assert!(!verify(b"another secret", Some("s1"), &s1));
        assert!(!verify(secret, None, "garbage"));
        assert!(!verify(secret, None, "1.abc"));
    }

    #[test]
    fn foreign_origins_are_refused() {
        let mut h = HeaderMap::new();
        assert!(same_origin(&h, "https://site.example"));
        h.insert("origin", "https://site.example".parse().unwrap());
        assert!(same_origin(&h, "https://site.example/"));
        h.insert("origin", "https://evil.example".parse().unwrap());
        assert!(!same_origin(&h, "https://site.example"));
        h.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&h, "https://site.example"));
        h.insert("sec-fetch-site", "same-origin".parse().unwrap());
        assert!(same_origin(&h, "https://site.example"));
    }
}
