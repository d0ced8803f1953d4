//! When things go wrong: server errors, expired sessions, the operator's metrics.

use std::process::Stdio;
use std::time::Duration;

use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::harness::{BASE_URL, TestApp, TestDb};

#[tokio::test]
async fn a_server_error_shows_a_friendly_page_and_hides_the_cause() {
    let app = TestApp::spawn().await;
    app.seed().drop_table("pages").await;
    let page = app.client().get("/pages/confidentialite").await;
    page.assert_status(StatusCode::INTERNAL_SERVER_ERROR)
        .assert_contains("Une erreur est survenue")
        .assert_contains("<footer")
        .assert_lacks("no such table")
        .assert_lacks("does not exist");
    let page = app.client_en().get("/pages/confidentialite").await;
    page.assert_status(StatusCode::INTERNAL_SERVER_ERROR).assert_contains("Something went wrong");
}

#[tokio::test]
async fn an_expired_session_signs_the_person_out() {
    let app = TestApp::spawn().await;
    let (client, _) = app.signed_in("expire@exemple.org", &[]).await;
    client.get("/compte").await.assert_status(StatusCode::OK);
    app.seed().expire_sessions().await;
    let page = client.get("/compte").await;
    page.assert_redirect_to("/compte/connexion");
    assert!(page.set_cookies().iter().any(|c| c.starts_with("ea_session=;") && c.contains("Max-Age=0")));
    assert!(client.session_cookie().is_none());
}

#[tokio::test]
async fn metrics_are_served_on_their_own_address_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let test_db = TestDb::create(dir.path()).await;
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
    let metrics_addr = free.local_addr().expect("addr").to_string();
    drop(free);
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_emancipasso"))
        .args(["serve", "--data", dir.path().join("data").to_str().expect("path"), "--bind", "127.0.0.1:0"])
        .env("EMANCIPASSO_DATABASE_URL", &test_db.url)
        .env("EMANCIPASSO_BASE_URL", BASE_URL)
        .env("EMANCIPASSO_METRICS_BIND", &metrics_addr)
        .env("EMANCIPASSO_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("starts")
        .expect("read")
        .expect("line");
    let site = line.strip_prefix("listening on ").expect("address").to_owned();

    let http = reqwest::Client::new();
    assert_eq!(http.get(format!("{site}/healthz")).send().await.expect("healthz").status(), StatusCode::OK);
    assert_eq!(http.get(format!("{site}/metrics")).send().await.expect("not public").status(), StatusCode::NOT_FOUND);
    let metrics =
        http.get(format!("http://{metrics_addr}/metrics")).send().await.expect("metrics").text().await.expect("body");
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    assert!(metrics.contains("route=\"/healthz\""), "{metrics}");
    child.kill().await.ok();
}
