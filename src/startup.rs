//! Starting the application: open and migrate the database, load the secret, open each
//! feature's engine, bind the listeners, then serve with the background tasks (mail sender,
//! scheduled jobs, search engines) until shutdown. `main` and the tests both start it through
//! [`Application`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

use crate::app::AppState;
use crate::config::Config;
use crate::db::{self, Db, Row};
use crate::jobs::{self, Task};
use crate::router::{NAV, router};
use crate::vals;
use crate::web::{WebState, session};
use crate::{ads, diagnosis, directory, mail, moderation, site, vetting};

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
        diagnosis::ensure_questionnaire(&db).await?;
        let listener = TcpListener::bind(bind).await.map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
        let metrics = if config.metrics_bind.is_empty() {
            None
        } else {
            let l = TcpListener::bind(&config.metrics_bind)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {} for metrics: {e}", config.metrics_bind))?;
            Some((l, prometheus()?))
        };
        let directory = directory::Directory::open(&db, &config, &data_dir).await?;
        let ads = ads::Ads::open(&db, &config, &data_dir).await?;
        let node_id = format!("{}-{}", hostname(), uuid::Uuid::new_v4().simple());
        let state = AppState {
            web: WebState { db, config: Arc::new(config), secret: Arc::new(secret), nav: NAV },
            mail_wake: Arc::new(Notify::new()),
            data_dir: Arc::new(data_dir),
            personal_data: Arc::new([ads::personal_data(&ads)]),
            queue_sections: queue_sections(),
            contact_attachments: Arc::new([diagnosis::contact_attachment()]),
            diagnosis_file: Arc::default(),
            directory,
            ads,
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
        let jobs_task =
            tokio::spawn(jobs::run(state.db.clone(), state.config.clone(), scheduled_tasks(&state), stop_rx.clone()));
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

/// The sections of the moderation queue, in the order of the page: structures, structures
/// changed since approval, recommendations, ads, ads changed since review, comments (the
/// reports, moderation's own, come last).
fn queue_sections() -> Arc<[Arc<dyn moderation::QueueSection>]> {
    let mut sections: Vec<Arc<dyn moderation::QueueSection>> = directory::queue_sections().into();
    sections.push(vetting::queue_section());
    sections.extend(ads::queue_sections());
    sections.into()
}

/// The features' scheduled tasks, run by every node after the infrastructure's housekeeping.
fn scheduled_tasks(state: &AppState) -> Vec<Task> {
    let s = state.clone();
    let contacts = Task::new("directory-contacts", move || {
        let s = s.clone();
        async move { Ok(directory::purge(&s.db, &s.config).await? as usize) }
    });
    let s = state.clone();
    let freshness = Task::new("directory-freshness", move || {
        let s = s.clone();
        async move { Ok(directory::ask_confirmations(&s).await?) }
    });
    let s = state.clone();
    let lifetimes = Task::new("ads-lifetimes", move || {
        let s = s.clone();
        async move {
            let (reminded, expired) = ads::keep_lifetimes(&s).await?;
            Ok(reminded + expired)
        }
    });
    let s = state.clone();
    let notices = Task::new("ads-notices", move || {
        let s = s.clone();
        async move { Ok(ads::send_due_notices(&s).await?) }
    });
    let s = state.clone();
    let tags = Task::new("vetting-network-tags", move || {
        let s = s.clone();
        async move { Ok(vetting::forget_network_tags(&s.db).await?) }
    });
    let s = state.clone();
    let diagnoses = Task::new("diagnosis-purge", move || {
        let s = s.clone();
        async move { Ok(diagnosis::purge(&s.db, &s.config).await? as usize) }
    });
    vec![contacts, freshness, lifetimes, notices, tags, diagnoses]
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
