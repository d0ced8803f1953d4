//! Settings: built-in defaults, then an optional TOML file, then `EMANCIPASSO_*` variables.
//!
//! Every setting is declared once here with its default, so that a new instance starts with
//! nothing configured. Keys are flat (`smtp_host`, not `[smtp] host`) so that each one maps to a
//! single environment variable (`EMANCIPASSO_SMTP_HOST`).

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// How outgoing mail leaves the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// One `.eml` file per message in `DATA/outbox/`: works without a mail server.
    File,
    /// A real SMTP relay (see the `smtp_*` settings).
    Smtp,
}

/// When moderators look at new ads and comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Moderation {
    /// Published at once; moderators act on reports.
    Post,
    /// Held in the moderation queue until a moderator publishes them.
    Pre,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Implicit TLS, usually port 465.
    Tls,
    /// STARTTLS, usually port 587.
    Starttls,
    /// Plain text, only for a relay on the same machine.
    None,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// `sqlite://...` or `postgres://...`; empty means `DATA/emancipasso.db`.
    #[serde(deserialize_with = "text")]
    pub database_url: String,
    /// Public URL of the site, used in emails and to decide on `Secure` cookies and HSTS.
    #[serde(deserialize_with = "text")]
    pub base_url: String,
    /// Name shown in the header, titles and emails.
    #[serde(deserialize_with = "text")]
    pub site_name: String,
    /// Shows a banner saying that the data is fictional.
    pub demo_banner: bool,
    pub mail_transport: MailTransport,
    /// Sender of every email, e.g. `Emancip'Asso <ne-pas-repondre@example.org>`.
    #[serde(deserialize_with = "text")]
    pub mail_from: String,
    #[serde(deserialize_with = "text")]
    pub smtp_host: String,
    pub smtp_port: u16,
    #[serde(deserialize_with = "text")]
    pub smtp_username: String,
    #[serde(deserialize_with = "text")]
    pub smtp_password: String,
    pub smtp_tls: SmtpTls,
    /// Address for the Prometheus `/metrics` endpoint; empty means off.
    #[serde(deserialize_with = "text")]
    pub metrics_bind: String,
    /// Reverse proxies in front of the application that append the address they received a
    /// request from to `X-Forwarded-For`. 0: the header is ignored and rate limits count the
    /// connection's address; N: they count the N-th entry from the right.
    pub trusted_proxies: usize,
    /// Deprecated: `true` reads as `trusted_proxies = 1` when `trusted_proxies` is 0.
    pub behind_proxy: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// A signed-in session ends after this many days without activity.
    pub session_days: i64,
    /// A signed-in session ends this many days after the sign-in, however active.
    pub session_max_days: i64,
    /// Failed sign-ins allowed per account and address in `rate_window_minutes` (three times as
    /// many per address over all accounts); also new passwords sent through reset links per
    /// address.
    pub rate_sign_in: i64,
    /// Sign-ups allowed per address in `rate_window_minutes`.
    pub rate_sign_up: i64,
    /// Password-reset and verification requests allowed per address in `rate_window_minutes`;
    /// also reset emails sent per account (past that, the newest link is kept alive instead).
    pub rate_reset: i64,
    /// Other public form posts allowed per address in `rate_window_minutes`.
    pub rate_forms: i64,
    pub rate_window_minutes: i64,
    /// Seconds between two scans of the outbox when nothing wakes the sender.
    pub outbox_poll_seconds: u64,
    /// `text` (default) or `json` logs.
    #[serde(deserialize_with = "text")]
    pub log_format: String,
    /// Published recommendations a structure needs to be listed.
    pub listing_min_recommendations: i64,
    /// A structure's team is asked to confirm its profile after this many months.
    pub confirm_every_months: i64,
    /// A profile left unconfirmed this many months leaves the public listing.
    pub unlist_after_months: i64,
    /// Contact messages relayed to structures are deleted after this many days.
    pub contact_retention_days: i64,
    /// Seconds a visitor must spend on a public form before sending it (anti-spam).
    pub form_min_seconds: i64,
    /// Contact messages relayed to one structure in an hour; the next ones wait.
    pub relay_per_structure_hour: i64,
    /// Team invitations and recommendation requests one email address may receive in a day.
    pub relay_per_address_day: i64,
    /// Messages to addresses typed into a form (contact messages, team invitations,
    /// recommendation requests) the whole site relays in an hour.
    pub relay_per_hour: i64,
    /// Recommendation requests (declared accompaniments) a structure may send in 30 days.
    pub accompaniments_per_structure_month: i64,
    /// Seconds anonymous directory pages stay cached on a node (emptied at every change); 0 is off.
    pub page_cache_seconds: u64,
    /// Megabytes of pages each feature's page cache holds at most on a node (least recently
    /// used pages go first); 0 is off.
    pub page_cache_mb: u64,
    /// `post` (default): ads and comments appear at once and moderators act on reports;
    /// `pre`: they wait in the moderation queue.
    pub ads_moderation: Moderation,
    /// An open ad expires this many days after its publication (its author can extend it).
    pub ads_lifetime_days: i64,
    /// The author is reminded this many days before the ad expires.
    pub ads_reminder_days: i64,
    /// Comments a person may post in `rate_window_minutes`.
    pub rate_comments: i64,
    /// Pledges, offers and their withdrawals a person may make on one ad in `rate_window_minutes`.
    pub rate_ad_actions: i64,
    /// Pledges, offers and their withdrawals a person may make on all ads in `rate_window_minutes`.
    pub rate_ad_actions_person: i64,
    /// A follower gets at most one email per ad in this many minutes about pledges and offers
    /// (new offers, funded or no longer funded): what happens meanwhile is sent together
    /// afterwards, by the scheduled task (every 10 minutes). 0 sends each at once.
    pub ads_notice_minutes: i64,
    /// A self-diagnosis left unfinished is deleted after this many days without an answer.
    pub diagnosis_draft_days: i64,
    /// A self-diagnosis result (and its private link) is deleted this many days after it was made.
    pub diagnosis_result_days: i64,
}

/// Reads a text setting even when an environment variable made it look like a number or a
/// boolean (`EMANCIPASSO_SMTP_PASSWORD=12345`).
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a text value")
        }
        fn visit_str<E>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_bool<E>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_char<E>(self, v: char) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(Text)
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: String::new(),
            base_url: "http://127.0.0.1:8080".into(),
            site_name: "Emancip'Asso".into(),
            demo_banner: false,
            mail_transport: MailTransport::File,
            mail_from: "Emancip'Asso <ne-pas-repondre@emancipasso.invalid>".into(),
            smtp_host: "localhost".into(),
            smtp_port: 587,
            smtp_username: String::new(),
            smtp_password: String::new(),
            smtp_tls: SmtpTls::Starttls,
            metrics_bind: String::new(),
            trusted_proxies: 0,
            behind_proxy: false,
            max_body_bytes: 256 * 1024,
            session_days: 30,
            session_max_days: 30,
            rate_sign_in: 10,
            rate_sign_up: 5,
            rate_reset: 5,
            rate_forms: 20,
            rate_window_minutes: 15,
            outbox_poll_seconds: 10,
            log_format: "text".into(),
            listing_min_recommendations: 1,
            confirm_every_months: 6,
            unlist_after_months: 12,
            contact_retention_days: 90,
            form_min_seconds: 3,
            relay_per_structure_hour: 10,
            relay_per_address_day: 3,
            relay_per_hour: 200,
            accompaniments_per_structure_month: 20,
            page_cache_seconds: 30,
            page_cache_mb: 32,
            ads_moderation: Moderation::Post,
            ads_lifetime_days: 120,
            ads_reminder_days: 14,
            rate_comments: 5,
            rate_ad_actions: 6,
            rate_ad_actions_person: 30,
            ads_notice_minutes: 30,
            diagnosis_draft_days: 7,
            diagnosis_result_days: 365,
        }
    }
}

impl Config {
    /// Defaults, then the TOML file if given, then the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            if !file.exists() {
                anyhow::bail!("configuration file {} not found", file.display());
            }
            figment = figment.merge(Toml::file(file));
        }
        let mut config: Config =
            figment.merge(Env::prefixed("EMANCIPASSO_").ignore(&["data", "bind", "config"])).extract()?;
        if config.behind_proxy && config.trusted_proxies == 0 {
            config.trusted_proxies = 1;
        }
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> anyhow::Result<()> {
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            anyhow::bail!("base_url must start with http:// or https://");
        }
        if self.ads_lifetime_days < 1 || self.ads_reminder_days < 0 {
            anyhow::bail!("ads_lifetime_days must be at least 1 and ads_reminder_days at least 0");
        }
        if self.diagnosis_draft_days < 1 || self.diagnosis_result_days < 1 {
            anyhow::bail!("diagnosis_draft_days and diagnosis_result_days must be at least 1");
        }
        if self.session_days < 1 || self.session_max_days < 1 || self.rate_window_minutes < 1 {
            anyhow::bail!("session_days, session_max_days and rate_window_minutes must be at least 1");
        }
        if self.rate_ad_actions < 1 || self.rate_ad_actions_person < 1 || self.ads_notice_minutes < 0 {
            anyhow::bail!(
                "rate_ad_actions and rate_ad_actions_person must be at least 1, ads_notice_minutes at least 0"
            );
        }
        Ok(())
    }

    /// The database URL, defaulting to a SQLite file in the data folder.
    pub fn database_url(&self, data_dir: &Path) -> String {
        if self.database_url.is_empty() {
            format!("sqlite://{}?mode=rwc", data_dir.join("emancipasso.db").display())
        } else {
            self.database_url.clone()
        }
    }

    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// `base_url` without a trailing slash, for building absolute links.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    pub fn outbox_dir(data_dir: &Path) -> PathBuf {
        data_dir.join("outbox")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_settings_accept_values_that_look_like_numbers() {
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string("smtp_password = 12345\nsite_name = true\nsmtp_port = 2525"))
            .extract()
            .expect("valid settings");
        assert_eq!(config.smtp_password, "12345");
        assert_eq!(config.site_name, "true");
        assert_eq!(config.smtp_port, 2525);
    }

    #[test]
    fn the_older_behind_proxy_setting_reads_as_one_trusted_proxy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("emancipasso.toml");
        std::fs::write(&file, "behind_proxy = true\n").expect("write settings");
        assert_eq!(Config::load(Some(&file)).expect("valid settings").trusted_proxies, 1);
        std::fs::write(&file, "behind_proxy = true\ntrusted_proxies = 2\n").expect("write settings");
        assert_eq!(Config::load(Some(&file)).expect("valid settings").trusted_proxies, 2);
        std::fs::write(&file, "").expect("write settings");
        assert_eq!(Config::load(Some(&file)).expect("valid settings").trusted_proxies, 0);
    }
}
