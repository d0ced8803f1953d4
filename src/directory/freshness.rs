//! Listings that stay true: every `confirm_every_months` the team of a listed structure is
//! asked by email to confirm its profile in one click; a profile left unconfirmed for
//! `unlist_after_months` leaves the public listing (checked at query time) and its team is
//! told, until someone confirms it.
//!
//! The confirmation link carries an HMAC of the structure and of the date it was asked, so
//! nothing needs storing and a new request makes old links void. It is valid `LINK_DAYS` days
//! (the email says so; after that, saving the profile in the workspace confirms it), and it
//! confirms only through the button of the page it opens (a POST): mail scanners and link
//! previews follow links, and a GET alone changes nothing. Several nodes may run the job: each
//! message is claimed by an `UPDATE … RETURNING` on the structure first.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::store;
use crate::app::AppState;
use crate::db;
use crate::mail::{self, Email};

/// How long a confirmation link stays valid.
pub const LINK_DAYS: i64 = 30;

/// The signature of a confirmation link for `slug`, asked at `asked_at`.
pub fn signature(secret: &[u8], slug: &str, asked_at: i64) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else { return String::new() };
    mac.update(b"confirm|");
    mac.update(slug.as_bytes());
    mac.update(b"|");
    mac.update(asked_at.to_string().as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// The path of the confirmation link of `slug`, asked at `asked_at`.
pub fn confirm_path(secret: &[u8], slug: &str, asked_at: i64) -> String {
    format!("/annuaire/{slug}/confirmer?signature={}", signature(secret, slug, asked_at))
}

/// Sends the reminders and unlisting notices that are due; returns how many structures.
pub async fn run(app: &AppState) -> db::Result<usize> {
    let now = db::now();
    let month = 30 * 86_400;
    let ask_before = now - app.config.confirm_every_months * month;
    let unlist_before = now - app.config.unlist_after_months * month;
    // Claim the reminders: a structure is asked once per confirmation period.
    let due = store::claim_reminders(&app.db, now, ask_before, unlist_before).await?;
    let base = app.config.base().to_owned();
    for s in &due {
        let path = confirm_path(&app.secret, &s.slug, now);
        for to in super::recipients(&app.db, s.id, &s.contact_email).await? {
            let args = [
                ("structure", s.name.clone()),
                ("link", format!("{base}{}", to.lang.href(&path))),
                ("months", app.config.unlist_after_months.to_string()),
                ("days", LINK_DAYS.to_string()),
            ];
            let mail = Email::compose(to.lang, &to.email, None, "mail-confirm-profile", &args);
            mail::queue(app.db.conn(), &mail).await?;
        }
    }
    // Claim the unlisting notices.
    let gone = store::claim_unlisting_notices(&app.db, now, unlist_before).await?;
    for s in &gone {
        let path = confirm_path(&app.secret, &s.slug, now);
        for to in super::recipients(&app.db, s.id, &s.contact_email).await? {
            let link = format!("{base}{}", to.lang.href(&path));
            let args = [("structure", s.name.clone()), ("link", link), ("days", LINK_DAYS.to_string())];
            let mail = Email::compose(to.lang, &to.email, None, "mail-profile-unlisted", &args);
            mail::queue(app.db.conn(), &mail).await?;
        }
    }
    if !due.is_empty() || !gone.is_empty() {
        app.mail_queued();
    }
    Ok(due.len() + gone.len())
}

/// What a confirmation link is worth.
pub enum Link {
    /// Signed for the latest request, within `LINK_DAYS`: the structure's name.
    Valid(String),
    /// Signed, but older than `LINK_DAYS`: the structure's name.
    Expired(String),
}

/// Checks a signed link; `None` when it is unknown or tampered with (or void: asked again since).
async fn check(app: &AppState, slug: &str, sig: &str) -> db::Result<Option<(i64, Link)>> {
    let row = store::asked(&app.db, slug).await?;
    let Some(row) = row else { return Ok(None) };
    let Some(asked_at) = row.confirm_asked_at else { return Ok(None) };
    let expected = signature(&app.secret, slug, asked_at);
    if expected.is_empty() || !bool::from(subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), sig.as_bytes())) {
        return Ok(None);
    }
    if db::now() - asked_at > LINK_DAYS * 86_400 {
        return Ok(Some((row.id, Link::Expired(row.name))));
    }
    Ok(Some((row.id, Link::Valid(row.name))))
}

/// What the page of a link shows, without changing anything.
pub async fn link(app: &AppState, slug: &str, sig: &str) -> db::Result<Option<Link>> {
    Ok(check(app, slug, sig).await?.map(|(_, link)| link))
}

/// Confirms a structure's profile from a signed link, when it is valid.
pub async fn confirm(app: &AppState, slug: &str, sig: &str) -> db::Result<Option<Link>> {
    let Some((id, link)) = check(app, slug, sig).await? else { return Ok(None) };
    if let Link::Valid(_) = link {
        let txn = app.db.begin().await?;
        store::confirm(&txn, id).await?;
        txn.commit().await?;
        app.directory.changed();
    }
    Ok(Some(link))
}
