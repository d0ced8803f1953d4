//! The router: every feature's routes merged in one place, and the layers around them
//! (request ids, traces, metrics, security headers, compression, sessions, error pages, panics,
//! timeouts, body limit). The one module besides `startup` that knows every feature.

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef, MatchedPath, Request};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::web::page::NavItem;
use crate::web::{WebState, assets, error, i18n, security, session};
use crate::{accounts, admin, ads, diagnosis, directory, moderation, site, vetting};

/// Sections of the site, in header order. Each feature adds its entry when it lands.
pub const NAV: &[NavItem] = &[
    NavItem { path: "/annuaire", label_key: "nav-directory" },
    NavItem { path: "/annonces", label_key: "nav-ads" },
    NavItem { path: "/diagnostic", label_key: "nav-diagnosis" },
];

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let body_limit = state.config.max_body_bytes;
    let web = WebState::from_ref(&state);
    let routes = Router::new()
        .route("/static/{file}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .merge(site::routes())
        .merge(accounts::routes())
        .merge(admin::routes())
        .merge(directory::routes(&state))
        .merge(ads::routes(&state))
        .merge(vetting::routes())
        .merge(diagnosis::routes())
        .merge(moderation::routes())
        .fallback(|| async { crate::web::AppError::NotFound });

    let app = routes
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), id)
                }))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(middleware::from_fn(record_metrics))
                .layer(middleware::from_fn_with_state(web.clone(), security::headers))
                .layer(CompressionLayer::new())
                .layer(middleware::from_fn(i18n::localise))
                .layer(middleware::from_fn_with_state(web.clone(), session::load_user))
                .layer(middleware::from_fn_with_state(web, error::error_pages))
                .layer(CatchPanicLayer::new())
                .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
                .layer(DefaultBodyLimit::max(body_limit)),
        )
        .with_state(state);
    // The language prefix comes off before the routes are matched, so each route is declared
    // once for both languages (see `web::i18n`).
    Router::new().fallback_service(app).layer(middleware::from_fn(i18n::language_from_path))
}

async fn record_metrics(req: Request, next: Next) -> Response {
    let start = std::time::Instant::now();
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "other".into());
    let method = req.method().to_string();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route).record(start.elapsed().as_secs_f64());
    res
}
