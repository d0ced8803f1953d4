//! The one test harness: starts the real application on a random port with a fresh database
//! (a temporary SQLite file, or a new PostgreSQL database when
//! `EMANCIPASSO_TEST_DATABASE_URL` is set), and gives HTTP clients that behave like a browser
//! without JavaScript: they keep their session cookie and send the forms' CSRF tokens. The data a
//! journey starts from comes from the builders of `app.seed()` (`crate::seed`). At the end of
//! every test, an email left failed in the outbox fails the test (see [`TestDb`]).

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use emancipasso::config::Config;
use emancipasso::db::{self, Db, Row};
use emancipasso::startup::Application;
use emancipasso::vals;
use emancipasso::web::Role;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, SET_COOKIE};
use tempfile::TempDir;
use tokio::sync::oneshot;

mod outbox;
mod page;

pub use page::Page;
use page::localise;

pub const BASE_URL: &str = "http://emancipasso.test";
pub const PASSWORD: &str = "une phrase de passe solide";

/// A database made for one test, dropped at the end. At the end it also checks the outbox: a
/// test that leaves an email whose delivery failed fails, unless it said it expects one
/// ([`TestDb::expect_failed_mail`]).
#[derive(Debug)]
pub struct TestDb {
    pub url: String,
    /// PostgreSQL: (server URL, database name) to drop.
    pg: Option<(String, String)>,
    /// The test makes delivery fail on purpose: the final check of the outbox is off.
    failed_mail_expected: AtomicBool,
    /// Settings and folder to deliver what is still queued before the final check.
    flush: Option<(Config, PathBuf)>,
}

impl TestDb {
    pub async fn create(data: &Path) -> TestDb {
        match std::env::var("EMANCIPASSO_TEST_DATABASE_URL") {
            Ok(server) if !server.is_empty() => {
                let name = format!("ea_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Db::connect(&server).await.expect("connect to the test PostgreSQL server");
                db::exec(admin.conn(), &format!("CREATE DATABASE {name}"), vals![])
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let url = match server.rsplit_once('/') {
                    Some((prefix, _)) => format!("{prefix}/{name}"),
                    None => panic!("EMANCIPASSO_TEST_DATABASE_URL must end with /database"),
                };
                TestDb::new(url, Some((server, name)))
            }
            _ => TestDb::new(format!("sqlite://{}?mode=rwc", data.join("emancipasso.db").display()), None),
        }
    }

    fn new(url: String, pg: Option<(String, String)>) -> TestDb {
        TestDb { url, pg, failed_mail_expected: AtomicBool::new(false), flush: None }
    }

    /// Turns off the final check of the outbox, for a test that makes delivery fail on purpose.
    pub fn expect_failed_mail(&self) {
        self.failed_mail_expected.store(true, Ordering::Relaxed);
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // A test that already failed says why; the check would only add noise.
        let check = !self.failed_mail_expected.load(Ordering::Relaxed) && !std::thread::panicking();
        let (url, pg, flush) = (self.url.clone(), self.pg.take(), self.flush.take());
        // Drop runs outside any async context we can use: a short-lived runtime on a thread.
        let failed = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                let failed = if check { outbox::failed_mail(&url, flush).await } else { Ok(Vec::new()) };
                if let Some((server, name)) = pg
                    && let Ok(admin) = Db::connect(&server).await
                {
                    let _ =
                        db::exec(admin.conn(), &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"), vals![]).await;
                    let _ = admin.close().await;
                }
                failed
            })
        })
        .join();
        match failed {
            Ok(Ok(failed)) if !failed.is_empty() => panic!(
                "the test leaves emails whose delivery failed in the outbox (a test that makes delivery \
                 fail on purpose calls `app.expect_failed_mail()`):\n{}",
                failed.join("\n")
            ),
            Ok(Err(e)) => eprintln!("NOTICE: the outbox could not be checked at the end of the test: {e}"),
            _ => {}
        }
    }
}

pub struct TestApp {
    pub address: String,
    /// The running application's state, e.g. to refresh the search engine at once.
    pub state: emancipasso::app::AppState,
    pub db: Db,
    pub data_dir: PathBuf,
    pub config: Config,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    // Dropped last: the database and the folder outlive the server.
    pub test_db: TestDb,
    _data: TempDir,
}

pub fn test_config(db_url: &str) -> Config {
    Config { database_url: db_url.to_owned(), base_url: BASE_URL.into(), outbox_poll_seconds: 1, ..Config::default() }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Starts the application with settings adjusted by `tweak`.
    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        // Logs of the application under test: EMANCIPASSO_LOG=debug cargo test -- --nocapture
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_env("EMANCIPASSO_LOG"))
            .with_test_writer()
            .try_init();
        let data = tempfile::tempdir().expect("temp dir");
        let test_db = TestDb::create(data.path()).await;
        let mut config = test_config(&test_db.url);
        tweak(&mut config);
        let application = Application::build(config.clone(), data.path().to_path_buf(), "127.0.0.1:0")
            .await
            .expect("application starts");
        let address = format!("http://{}", application.local_addr().expect("bound"));
        let state = application.state().clone();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            application
                .run_until(async {
                    let _ = rx.await;
                })
                .await
                .expect("server runs");
        });
        let db = Db::connect(&test_db.url).await.expect("test connection");
        TestApp {
            address,
            state,
            db,
            data_dir: data.path().to_path_buf(),
            config,
            shutdown: Some(tx),
            server: Some(server),
            test_db,
            _data: data,
        }
    }

    /// Stops the server gracefully and waits for it.
    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(Duration::from_secs(15), server).await;
        }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.address, "fr")
    }

    pub fn client_en(&self) -> Client {
        Client::new(&self.address, "en")
    }

    /// A French client whose connections come from another loopback address (`127.0.0.N`), as a
    /// visitor elsewhere on the network: rate limits count addresses.
    pub fn client_from(&self, address: &str) -> Client {
        let ip: std::net::IpAddr = address.parse().expect("an IP address");
        Client::with(&self.address, "fr", |b| b.local_address(ip))
    }

    /// A French client that sends `headers` with every request (e.g. `X-Forwarded-For`).
    pub fn client_with_headers(&self, headers: &[(&'static str, &str)]) -> Client {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, value.parse().expect("header value"));
        }
        Client::with(&self.address, "fr", |b| b.default_headers(map))
    }

    /// A verified account with `roles`, created directly in the database.
    pub async fn account(&self, email: &str, roles: &[Role]) -> TestUser {
        self.seed().person(email).roles(roles).account().await
    }

    /// A client signed in through the sign-in form as a new account with `roles`.
    pub async fn signed_in(&self, email: &str, roles: &[Role]) -> (Client, TestUser) {
        let user = self.account(email, roles).await;
        let client = self.client();
        client.sign_in(&user.email, &user.password).await;
        (client, user)
    }

    /// Waits until every queued email has been delivered, then returns them all, oldest first.
    /// Each message is checked against its `.eml` file in the outbox folder.
    pub async fn mails(&self) -> Vec<Mail> {
        for _ in 0..200 {
            let pending = db::int(
                self.db.conn(),
                "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
                vals![],
            )
            .await
            .expect("count pending");
            if pending == Some(0) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let rows: Vec<MailRow> = db::all(
            self.db.conn(),
            "SELECT id, recipient, subject, body_text, sent_at FROM outbox ORDER BY id",
            vals![],
        )
        .await
        .expect("read outbox");
        rows.into_iter()
            .map(|r| {
                assert!(r.sent_at.is_some(), "mail {} to {} was not sent", r.id, r.recipient);
                let file = self.data_dir.join("outbox").join(format!("{:010}.eml", r.id));
                let eml = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{} exists", file.display()));
                assert!(eml.contains(&format!("To: {}", r.recipient)), "{eml}");
                Mail { to: r.recipient, subject: r.subject, body: r.body_text }
            })
            .collect()
    }

    /// The emails sent to `to`, oldest first.
    pub async fn mails_to(&self, to: &str) -> Vec<Mail> {
        self.mails().await.into_iter().filter(|m| m.to == to).collect()
    }

    /// The only email sent to `to`.
    pub async fn only_mail_to(&self, to: &str) -> Mail {
        let mails = self.mails_to(to).await;
        assert_eq!(mails.len(), 1, "expected one mail to {to}, got {mails:#?}");
        mails.into_iter().next().expect("one mail")
    }

    /// The newest email sent to `to`.
    pub async fn last_mail_to(&self, to: &str) -> Mail {
        self.mails_to(to).await.pop().unwrap_or_else(|| panic!("no mail to {to}"))
    }

    /// The id of the account with `email`.
    pub async fn user_id(&self, email: &str) -> i64 {
        let id = db::int(self.db.conn(), "SELECT id FROM users WHERE email = $1", vals![email]).await.expect("user id");
        id.unwrap_or_else(|| panic!("no account {email}"))
    }

    /// Turns off the check, at the end of the test, that no email failed to be delivered: for a
    /// test that makes delivery fail on purpose.
    pub fn expect_failed_mail(&self) {
        self.test_db.expect_failed_mail();
    }

    pub async fn count(&self, sql: &str) -> i64 {
        db::int(self.db.conn(), sql, vals![]).await.expect("count").unwrap_or(0)
    }

    /// How many rows `table` holds.
    pub async fn rows(&self, table: &str) -> i64 {
        self.count(&format!("SELECT COUNT(*) FROM {table}")).await
    }

    /// How many roles the account `user_id` holds.
    pub async fn role_count(&self, user_id: i64) -> i64 {
        self.count(&format!("SELECT COUNT(*) FROM user_roles WHERE user_id = {user_id}")).await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        // The database, dropped after the server, checks the outbox then (see `TestDb`).
        self.test_db.flush = Some((self.config.clone(), Config::outbox_dir(&self.data_dir)));
    }
}

#[derive(Row)]
struct MailRow {
    id: i64,
    recipient: String,
    subject: String,
    body_text: String,
    sent_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mail {
    /// The path of the first link to this site in the body, e.g. `/compte/verifier?jeton=…`.
    pub fn link(&self) -> String {
        let start = self.body.find(BASE_URL).unwrap_or_else(|| panic!("no link in {}", self.body));
        let rest = &self.body[start + BASE_URL.len()..];
        rest.split_whitespace().next().expect("link").to_owned()
    }
}

#[derive(Debug, Clone)]
pub struct TestUser {
    pub email: String,
    pub password: String,
}

/// A browser without JavaScript: keeps cookies per name, sends `Accept-Language`. An English
/// client (`lang` "en") reads the English site: the paths it is given get the `/en` prefix.
pub struct Client {
    base: String,
    http: reqwest::Client,
    pub lang: String,
    pub cookies: std::sync::Mutex<HashMap<String, String>>,
}

impl Client {
    pub fn new(base: &str, lang: &str) -> Client {
        Client::with(base, lang, |b| b)
    }

    /// A client whose HTTP settings `tweak` adjusts (source address, default headers).
    pub fn with(
        base: &str,
        lang: &str,
        tweak: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
    ) -> Client {
        let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        let http = tweak(builder).build().expect("http client");
        Client { base: base.to_owned(), http, lang: lang.to_owned(), cookies: Default::default() }
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") { path.to_owned() } else { format!("{}{}", self.base, self.local(path)) }
    }

    /// `path` in this client's language: `/annuaire` is `/en/annuaire` for an English client.
    pub fn local(&self, path: &str) -> String {
        localise(self.lang == "en", path)
    }

    fn cookie_header(&self) -> Option<String> {
        let jar = self.cookies.lock().expect("jar");
        if jar.is_empty() {
            return None;
        }
        Some(jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "))
    }

    fn keep_cookies(&self, headers: &HeaderMap) {
        let mut jar = self.cookies.lock().expect("jar");
        for value in headers.get_all(SET_COOKIE) {
            let value = value.to_str().expect("ascii cookie");
            let (pair, attrs) = value.split_once(';').unwrap_or((value, ""));
            let (name, val) = pair.split_once('=').expect("name=value");
            if val.is_empty() || attrs.contains("Max-Age=0") {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), val.to_owned());
            }
        }
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.cookies.lock().expect("jar").get("ea_session").cloned()
    }

    pub async fn request(&self, req: reqwest::RequestBuilder) -> Page {
        let mut req = req.header("accept-language", self.lang.clone());
        if let Some(c) = self.cookie_header() {
            req = req.header("cookie", c);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        self.keep_cookies(&headers);
        let body = res.text().await.expect("body");
        Page { status, headers, body, english: self.lang == "en" }
    }

    pub async fn get(&self, path: &str) -> Page {
        self.request(self.http.get(self.url(path))).await
    }

    /// Posts exactly `fields` (no token added): for testing the protections themselves.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.request(self.http.post(self.url(path)).form(fields)).await
    }

    /// Posts exactly `fields` with extra request headers (e.g. `origin`, `sec-fetch-site`).
    pub async fn post_raw_with(&self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Page {
        let mut req = self.http.post(self.url(path)).form(fields);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        self.request(req).await
    }

    /// Posts an arbitrary body with an arbitrary content type.
    pub async fn post_body(&self, path: &str, content_type: &str, body: impl Into<reqwest::Body>) -> Page {
        self.request(self.http.post(self.url(path)).header("content-type", content_type).body(body)).await
    }

    /// Puts a cookie in the jar, as if the server had set it.
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.lock().expect("jar").insert(name.to_owned(), value.to_owned());
    }

    pub fn raw(&self) -> &reqwest::Client {
        &self.http
    }

    /// Loads `page`, then submits its form whose action is `action` with `fields` and the
    /// form's CSRF token, as a browser does.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let form_page = self.get(page).await;
        assert!(form_page.status.is_success(), "GET {page}: {}", form_page.status);
        // Like a browser: the form's hidden inputs (CSRF token, return path...) go along.
        let hidden = form_page.hidden_inputs(action);
        // Like a browser: only the form's own fields can be sent (a field the page names
        // otherwise would never reach the server).
        let names = form_page.field_names(action);
        for (name, _) in fields {
            assert!(names.iter().any(|n| n == name), "no field {name:?} in the form posting to {action}: {names:?}");
        }
        let mut all: Vec<(&str, &str)> = hidden
            .iter()
            .filter(|(name, _)| !fields.iter().any(|(f, _)| f == name))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        all.extend_from_slice(fields);
        // Like a browser on the same site: the page of the form as the referrer.
        let referer = self.url(page);
        self.post_raw_with(action, &all, &[("referer", &referer)]).await
    }

    /// Submits the form at `path` whose action is `path` itself.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let action = path.split('?').next().unwrap_or(path);
        self.submit(path, action, fields).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        let page = self.post_form("/compte/connexion", &[("email", email), ("password", password)]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "sign-in failed: {}", page.body);
        assert!(self.session_cookie().is_some(), "no session cookie after sign-in");
        page
    }

    /// Follows a redirect answer.
    pub async fn follow(&self, page: &Page) -> Page {
        self.get(&page.location()).await
    }
}
