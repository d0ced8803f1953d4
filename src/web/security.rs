//! Security headers on every response: a strict CSP without `unsafe-inline`, no framing, no
//! MIME sniffing, a discreet referrer, no powerful features, HSTS when served over https.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use super::state::WebState;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; object-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; \
base-uri 'none'; manifest-src 'self'";

pub async fn headers(State(app): State<WebState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Pages that allow framing (the embeddable directory) say so in their own CSP.
    let framable = h
        .get(header::CONTENT_SECURITY_POLICY)
        .is_some_and(|v| v.as_bytes().ends_with(b"frame-ancestors *; base-uri 'none'"));
    if !framable {
        set(h, header::X_FRAME_OPTIONS, "DENY");
    }
    set(h, header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    );
    set(h, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if app.config.is_https() {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    if h.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html")) {
        set(h, header::CACHE_CONTROL, "no-cache");
        h.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    }
    res
}
