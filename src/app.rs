//! The application: shared state, the router made of every feature's routes, the layers around
//! it, and the background tasks. `main` and the tests both start it through [`Application`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::db::{self, Db, Row};
use crate::mail;
use crate::vals;
use crate::web::page::NavItem;
use crate::web::{assets, error, security, session};
use crate::{accounts, admin, directory, jobs, moderation, site, vetting};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Key for CSRF tokens and other signatures; shared by every node through the database.
    pub secret: Arc<Vec<u8>>,
    /// Wakes this node's mail sender as soon as something is queued.
    pub mail_wake: Arc<Notify>,
    /// The sections shown in the header; a section appears here once it exists.
    pub nav: &'static [NavItem],
    pub data_dir: Arc<PathBuf>,
    /// The directory's search engine on this node.
    pub directory: Arc<directory::Directory>,
    /// The ads' search engine on this node.
    pub ads: Arc<crate::ads::Ads>,
    /// Anonymous directory pages already rendered on this node.
    pub page_cache: Arc<crate::web::cache::PageCache>,
}

impl AppState {
    /// Tells the local sender that mail is waiting (other nodes find it at their next poll).
    pub fn mail_queued(&self) {
        self.mail_wake.notify_one();
    }
}

/// Sections of the site, in header order. Each feature adds its entry when it lands.
const NAV: &[NavItem] =
    &[NavItem { path: "/annuaire", label_key: "nav-directory" }, NavItem { path: "/annonces", label_key: "nav-ads" }];

#[derive(Row)]
struct Setting {
    value: String,
}

/// Reads the instance's secret key, creating it on first start (the first node wins).
async fn load_secret(db: &Db) -> anyhow::Result<Vec<u8>> {
    let fresh = session::random_token();
    db::exec(
        db.conn(),
        "INSERT INTO settings (key, value) VALUES ('secret_key', $1) ON CONFLICT (key) DO NOTHING",
        vals![fresh],
    )
    .await?;
    let row: Option<Setting> =
        db::one(db.conn(), "SELECT value FROM settings WHERE key = 'secret_key'", vals![]).await?;
    let row = row.ok_or_else(|| anyhow::anyhow!("secret key missing after insert"))?;
    Ok(row.value.into_bytes())
}

/// Opens the database and applies migrations.
pub async fn open_db(config: &Config, data_dir: &Path) -> anyhow::Result<Db> {
    std::fs::create_dir_all(data_dir)?;
    let url = config.database_url(data_dir);
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    Ok(db)
}

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let body_limit = state.config.max_body_bytes;
    let routes = Router::new()
        .route("/static/{file}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .merge(site::routes())
        .merge(accounts::routes())
        .merge(admin::routes())
        .merge(directory::routes())
        .merge(crate::ads::routes())
        .merge(vetting::routes())
        .merge(moderation::routes())
        .fallback(|| async { crate::web::AppError::NotFound });

    routes
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), id)
                }))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(middleware::from_fn(record_metrics))
                .layer(middleware::from_fn_with_state(state.clone(), security::headers))
                .layer(CompressionLayer::new())
                .layer(middleware::from_fn_with_state(state.clone(), crate::web::cache::middleware))
                .layer(middleware::from_fn_with_state(state.clone(), session::load_user))
                .layer(middleware::from_fn_with_state(state.clone(), error::error_pages))
                .layer(CatchPanicLayer::new())
                .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
                .layer(DefaultBodyLimit::max(body_limit)),
        )
        .with_state(state)
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

static PROMETHEUS: OnceLock<PrometheusHandle> = OnceLock::new();

fn prometheus() -> anyhow::Result<PrometheusHandle> {
    if let Some(h) = PROMETHEUS.get() {
        return Ok(h.clone());
    }
    let handle = PrometheusBuilder::new().install_recorder()?;
    Ok(PROMETHEUS.get_or_init(|| handle).clone())
}

/// A configured, bound application, ready to run.
pub struct Application {
    listener: TcpListener,
    metrics: Option<(TcpListener, PrometheusHandle)>,
    state: AppState,
    node_id: String,
}

impl Application {
    /// Opens the database, migrates, binds the listeners. `bind` may use port 0.
    pub async fn build(config: Config, data_dir: PathBuf, bind: &str) -> anyhow::Result<Self> {
        let db = open_db(&config, &data_dir).await?;
        Self::with_db(config, data_dir, bind, db).await
    }

    pub async fn with_db(config: Config, data_dir: PathBuf, bind: &str, db: Db) -> anyhow::Result<Self> {
        let secret = load_secret(&db).await?;
        site::ensure_default_pages(&db).await?;
        let listener = TcpListener::bind(bind).await.map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
        let metrics = if config.metrics_bind.is_empty() {
            None
        } else {
            let l = TcpListener::bind(&config.metrics_bind)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {} for metrics: {e}", config.metrics_bind))?;
            Some((l, prometheus()?))
        };
        let page_cache = Arc::new(crate::web::cache::PageCache::new(config.page_cache_seconds));
        let directory = directory::Directory::open(&db, &config, &data_dir, page_cache.clone()).await?;
        let ads = crate::ads::Ads::open(&db, &data_dir, page_cache.clone()).await?;
        let node_id = format!("{}-{}", hostname(), uuid::Uuid::new_v4().simple());
        let state = AppState {
            db,
            config: Arc::new(config),
            secret: Arc::new(secret),
            mail_wake: Arc::new(Notify::new()),
            nav: NAV,
            data_dir: Arc::new(data_dir),
            directory,
            ads,
            page_cache,
        };
        Ok(Self { listener, metrics, state, node_id: node_id.chars().take(64).collect() })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then lets requests in flight and the mail sender
    /// finish their current work.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = watch::channel(false);
        let state = self.state;
        let sender = mail::Sender::new(
            state.db.clone(),
            &state.config,
            Config::outbox_dir(&state.data_dir),
            self.node_id.clone(),
        )?;
        let poll = Duration::from_secs(state.config.outbox_poll_seconds.max(1));
        let sender_task = tokio::spawn(sender.run(state.mail_wake.clone(), poll, stop_rx.clone()));
        let jobs_task = tokio::spawn(jobs::run(state.clone(), stop_rx.clone()));
        let index_task = tokio::spawn(state.directory.clone().run(stop_rx.clone()));
        let ads_task = tokio::spawn(state.ads.clone().run(stop_rx.clone()));
        if let Some((listener, handle)) = self.metrics {
            let metrics_app = Router::new().route("/metrics", get(move || std::future::ready(handle.render())));
            let mut rx = stop_rx.clone();
            tokio::spawn(async move {
                let _ = axum::serve(listener, metrics_app)
                    .with_graceful_shutdown(async move {
                        let _ = rx.changed().await;
                    })
                    .await;
            });
        }
        let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, app)
            .with_graceful_shutdown(async move {
                shutdown.await;
                tracing::info!("shutting down");
            })
            .await?;
        let _ = stop_tx.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(10), sender_task).await;
        let _ = tokio::time::timeout(Duration::from_secs(10), jobs_task).await;
        let _ = tokio::time::timeout(Duration::from_secs(10), index_task).await;
        let _ = tokio::time::timeout(Duration::from_secs(10), ads_task).await;
        Ok(())
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_else(|_| "node".into())
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
