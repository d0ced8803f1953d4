//! Several `serve` processes on one database, crashes and restarts: the real binary, started
//! as an operator would, on SQLite (one shared file) or PostgreSQL.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use emancipasso::db::{self, Db};
use emancipasso::mail::{self, Email};
use emancipasso::vals;
use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::harness::{BASE_URL, Client, PASSWORD, TestDb};
use crate::seed;

struct Node {
    child: Child,
    address: String,
    data: PathBuf,
}

impl Node {
    /// Starts `emancipasso serve` on a free port and waits until it listens.
    async fn start(db_url: &str, data: &Path, extra_env: &[(&str, &str)]) -> Node {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_emancipasso"));
        cmd.args(["serve", "--data", data.to_str().expect("utf-8 path"), "--bind", "127.0.0.1:0"])
            .env("EMANCIPASSO_DATABASE_URL", db_url)
            .env("EMANCIPASSO_BASE_URL", BASE_URL)
            .env("EMANCIPASSO_OUTBOX_POLL_SECONDS", "1")
            .env("EMANCIPASSO_RATE_SIGN_UP", "1000")
            .env("EMANCIPASSO_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start the binary");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
            .await
            .expect("the node starts in time")
            .expect("read stdout")
            .expect("a line on stdout");
        let address =
            line.strip_prefix("listening on ").unwrap_or_else(|| panic!("unexpected output {line:?}")).to_owned();
        Node { child, address, data: data.to_path_buf() }
    }

    fn client(&self) -> Client {
        Client::new(&self.address, "fr")
    }

    /// Sends SIGTERM and returns whether the process exited cleanly.
    async fn terminate(mut self) -> bool {
        let pid = self.child.id().expect("running");
        let status = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("kill");
        assert!(status.success());
        let exit = tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("the node stops in time")
            .expect("exit status");
        exit.success()
    }

    /// Kills the process without warning, as a crash would.
    async fn crash(mut self) {
        self.child.kill().await.expect("kill -9");
    }

    fn sent_files(&self) -> BTreeSet<String> {
        let dir = self.data.join("outbox");
        std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".eml") && !n.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default()
    }
}

async fn wait_until_sent(db: &Db, expected: i64) {
    for _ in 0..600 {
        let sent = db::int(db.conn(), "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", vals![])
            .await
            .expect("count")
            .unwrap_or(0);
        if sent >= expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("mail was not sent in time");
}

fn mail_to(i: usize) -> Email {
    Email { to: format!("lot{i}@exemple.org"), subject: format!("Message {i}"), body: "Bonjour".into(), user_id: None }
}

#[tokio::test]
async fn two_nodes_share_sessions_and_send_each_mail_exactly_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let test_db = TestDb::create(dir.path()).await;
    let (data_a, data_b) = (dir.path().join("node-a"), dir.path().join("node-b"));
    let a = Node::start(&test_db.url, &data_a, &[]).await;
    let b = Node::start(&test_db.url, &data_b, &[]).await;
    let db = Db::connect(&test_db.url).await.expect("connect");

    // Signed in through one node, signed in on the other.
    let hash = emancipasso::accounts::hash_password(PASSWORD.into()).await.expect("hash");
    emancipasso::accounts::create_demo_account(&db, "deux@exemple.org", "Deux Nœuds", &hash, &[])
        .await
        .expect("account");
    let on_a = a.client();
    on_a.sign_in("deux@exemple.org", PASSWORD).await;
    let on_b = b.client();
    on_b.cookies.lock().expect("jar").insert("ea_session".into(), on_a.session_cookie().expect("cookie"));
    on_b.get("/compte").await.assert_status(StatusCode::OK).assert_contains("deux@exemple.org");
    // Signed out through the second node, signed out on the first.
    on_b.submit("/compte", "/compte/deconnexion", &[]).await.assert_redirect_to("/");
    on_a.get("/compte").await.assert_redirect_to("/compte/connexion");

    // Sign-ups through both nodes, plus a burst queued at once: each message leaves once.
    for i in 0..6 {
        let node = if i % 2 == 0 { &a } else { &b };
        let email = format!("inscrit{i}@exemple.org");
        node.client()
            .post_form("/compte/inscription", &[("email", &email), ("display_name", "Inscrit"), ("password", PASSWORD)])
            .await
            .assert_redirect_to("/compte/verification-envoyee");
    }
    for i in 0..150 {
        mail::queue(db.conn(), &mail_to(i)).await.expect("queue");
    }
    wait_until_sent(&db, 156).await;
    // Leave the nodes a moment to finish anything in flight, then count the files.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (files_a, files_b) = (a.sent_files(), b.sent_files());
    assert!(files_a.is_disjoint(&files_b), "a message was sent by both nodes");
    assert_eq!(files_a.len() + files_b.len(), 156, "each message is sent exactly once");
    let total = db::int(db.conn(), "SELECT COUNT(*) FROM outbox", vals![]).await.expect("count");
    assert_eq!(total, Some(156));

    // SIGTERM stops both cleanly.
    assert!(a.terminate().await, "node A exits cleanly on SIGTERM");
    assert!(b.terminate().await, "node B exits cleanly on SIGTERM");
    db.close().await.ok();
}

#[tokio::test]
async fn mail_survives_a_crash_and_failed_deliveries_are_retried() {
    let dir = tempfile::tempdir().expect("temp dir");
    let test_db = TestDb::create(dir.path()).await;
    let data = dir.path().join("node");

    // A node whose SMTP relay is down: the message stays queued with its error.
    let smtp_down = [
        ("EMANCIPASSO_MAIL_TRANSPORT", "smtp"),
        ("EMANCIPASSO_SMTP_HOST", "127.0.0.1"),
        ("EMANCIPASSO_SMTP_PORT", "9"),
        ("EMANCIPASSO_SMTP_TLS", "none"),
    ];
    let node = Node::start(&test_db.url, &data, &smtp_down).await;
    let db = Db::connect(&test_db.url).await.expect("connect");
    node.client()
        .post_form("/compte/mot-de-passe-oublie", &[("email", "personne@exemple.org")])
        .await
        .assert_redirect_to("/compte/connexion");
    mail::queue(db.conn(), &mail_to(1)).await.expect("queue");
    let mut attempts = 0;
    for _ in 0..100 {
        attempts = db::int(db.conn(), "SELECT attempts FROM outbox WHERE last_error IS NOT NULL", vals![])
            .await
            .expect("attempts")
            .unwrap_or(0);
        if attempts > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(attempts, 1, "one failed attempt recorded");
    let later = db::int(db.conn(), "SELECT next_attempt_at FROM outbox", vals![]).await.expect("next").unwrap_or(0);
    assert!(later > db::now() + 20, "the retry waits (exponential backoff)");
    node.crash().await;

    // While no node runs: one more message is queued, and one is left claimed by a dead node.
    mail::queue(db.conn(), &mail_to(2)).await.expect("queue");
    mail::queue(db.conn(), &mail_to(3)).await.expect("queue");
    seed::claim_by_dead_node(&db, "lot3@exemple.org").await;
    // Skip the backoff wait of the failed message.
    seed::make_mail_due(&db).await;

    let node = Node::start(&test_db.url, &data, &[]).await;
    wait_until_sent(&db, 3).await;
    let files = node.sent_files();
    assert_eq!(files.len(), 3, "{files:?}");
    let eml = std::fs::read_to_string(data.join("outbox").join(files.iter().next().expect("file"))).expect("eml");
    assert!(eml.contains("Subject: Message 1") && eml.contains("To: lot1@exemple.org"), "{eml}");
    let failed = db::int(db.conn(), "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", vals![]).await.expect("count");
    assert_eq!(failed, Some(0));
    assert!(node.terminate().await);
    db.close().await.ok();
}
