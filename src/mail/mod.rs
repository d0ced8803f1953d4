//! Outgoing email through a durable outbox.
//!
//! Features call [`queue`] inside the same transaction as the change the email is about, so a
//! message exists exactly when its cause does. A background sender on each node claims batches
//! with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL), delivers them through the configured
//! transport, and retries failures with exponential backoff. A message queued before a crash is
//! sent after restart; a lease left by a dead node expires and another node takes over.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::ConnectionTrait;
use tokio::sync::{Notify, watch};

use crate::config::{Config, MailTransport, SmtpTls};
use crate::db::{self, Db, Row};
use crate::vals;
use crate::web::Lang;

/// Messages claimed per round.
const BATCH: i64 = 20;
/// How long a claimed message stays reserved for the node that claimed it.
const LEASE_SECONDS: i64 = 120;
/// After this many failed attempts a message is marked failed and left for an operator.
const MAX_ATTEMPTS: i32 = 12;

/// An email ready to be queued.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The account the message is about, for the personal data export.
    pub user_id: Option<i64>,
}

impl Email {
    /// Builds an email from the `{key}-subject` and `{key}-body` messages of the locales, with
    /// the site's signature appended.
    pub fn compose(lang: Lang, to: &str, user_id: Option<i64>, key: &str, args: &[(&'static str, String)]) -> Self {
        let subject = lang.t_args(&format!("{key}-subject"), args);
        let body = format!("{}\n\n-- \n{}\n", lang.t_args(&format!("{key}-body"), args), lang.t("mail-signature"));
        Email { to: to.to_owned(), subject, body, user_id }
    }
}

/// Queues an email on `c` (a connection or the caller's transaction).
pub async fn queue<C: ConnectionTrait>(c: &C, email: &Email) -> db::Result<()> {
    let now = db::now();
    db::exec(
        c,
        "INSERT INTO outbox (user_id, recipient, subject, body_text, created_at, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $5)",
        vals![email.user_id, email.to.clone(), email.subject.clone(), email.body.clone(), now],
    )
    .await?;
    Ok(())
}

#[derive(Row, Debug)]
struct Claimed {
    id: i64,
    recipient: String,
    subject: String,
    body_text: String,
    attempts: i32,
}

enum Transport {
    File(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// The sender of one node.
pub struct Sender {
    db: Db,
    transport: Transport,
    from: Mailbox,
    node_id: String,
    domain: String,
}

impl Sender {
    pub fn new(db: Db, config: &Config, outbox_dir: PathBuf, node_id: String) -> anyhow::Result<Self> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("mail_from {:?} is not a valid address: {e}", config.mail_from))?;
        let transport = match config.mail_transport {
            MailTransport::File => {
                std::fs::create_dir_all(&outbox_dir)?;
                Transport::File(outbox_dir)
            }
            MailTransport::Smtp => {
                let builder = match config.smtp_tls {
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.smtp_host)?,
                    SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.smtp_host)?,
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.smtp_host),
                };
                let mut builder = builder.port(config.smtp_port).timeout(Some(Duration::from_secs(30)));
                if !config.smtp_username.is_empty() {
                    builder = builder
                        .credentials(Credentials::new(config.smtp_username.clone(), config.smtp_password.clone()));
                }
                Transport::Smtp(builder.build())
            }
        };
        let domain = from.email.domain().to_owned();
        Ok(Self { db, transport, from, node_id, domain })
    }

    /// Claims and delivers one batch; returns how many messages were claimed.
    pub async fn send_batch(&self) -> db::Result<usize> {
        let now = db::now();
        let sql = format!(
            "UPDATE outbox SET locked_by = $1, locked_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
               AND next_attempt_at <= $3 AND (locked_until IS NULL OR locked_until < $3) \
               ORDER BY id LIMIT {BATCH}{}) \
             RETURNING id, recipient, subject, body_text, attempts",
            db::skip_locked(self.db.backend())
        );
        let claimed: Vec<Claimed> =
            db::all(self.db.conn(), &sql, vals![self.node_id.clone(), now + LEASE_SECONDS, now]).await?;
        for mail in &claimed {
            match self.deliver(mail).await {
                Ok(()) => {
                    db::exec(
                        self.db.conn(),
                        "UPDATE outbox SET sent_at = $1, locked_by = NULL, locked_until = NULL, last_error = NULL \
                         WHERE id = $2",
                        vals![db::now(), mail.id],
                    )
                    .await?;
                    metrics::counter!("emails_sent_total").increment(1);
                }
                Err(e) => {
                    let error = format!("{e:#}");
                    tracing::warn!(id = mail.id, attempts = mail.attempts, error, "email delivery failed");
                    metrics::counter!("emails_failed_total").increment(1);
                    let delay = 30i64 * (1i64 << mail.attempts.clamp(0, 10));
                    let failed_at = (mail.attempts >= MAX_ATTEMPTS).then(db::now);
                    db::exec(
                        self.db.conn(),
                        "UPDATE outbox SET next_attempt_at = $1, locked_by = NULL, locked_until = NULL, \
                         last_error = $2, failed_at = $3 WHERE id = $4",
                        vals![db::now() + delay.min(6 * 3600), error, failed_at, mail.id],
                    )
                    .await?;
                }
            }
        }
        Ok(claimed.len())
    }

    async fn deliver(&self, mail: &Claimed) -> anyhow::Result<()> {
        let to: Mailbox = mail.recipient.parse()?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<outbox-{}.{}@{}>", mail.id, uuid::Uuid::new_v4(), self.domain)))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body_text.clone())?;
        match &self.transport {
            Transport::File(dir) => {
                // Named after the outbox id: delivering the same message twice rewrites one file.
                let path = dir.join(format!("{:010}.eml", mail.id));
                let tmp = dir.join(format!(".{:010}.eml.tmp", mail.id));
                tokio::fs::write(&tmp, message.formatted()).await?;
                tokio::fs::rename(&tmp, &path).await?;
            }
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
        }
        Ok(())
    }

    /// Runs until `shutdown` flips: a batch whenever `wake` is notified or `poll` elapses.
    pub async fn run(self, wake: Arc<Notify>, poll: Duration, mut shutdown: watch::Receiver<bool>) {
        loop {
            match self.send_batch().await {
                Ok(n) if n as i64 == BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = ?e, "outbox scan failed"),
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(poll) => {}
                _ = shutdown.changed() => return,
            }
            if *shutdown.borrow() {
                return;
            }
        }
    }
}
