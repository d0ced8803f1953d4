//! Listings that stay true: every `confirm_every_months` the team of a listed structure is
//! asked by email to confirm its profile in one click; a profile left unconfirmed for
//! `unlist_after_months` leaves the public listing (checked at query time) and its team is
//! told, until someone confirms it.
//!
//! The confirmation link carries an HMAC of the structure and of the date it was asked, so
//! nothing needs storing and a new request makes old links void. Several nodes may run the
//! job: each message is claimed by an `UPDATE … RETURNING` on the structure first.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::store;
use crate::app::AppState;
use crate::db;
use crate::mail::{self, Email};
use crate::web::Lang;

/// The signature of a confirmation link for `slug`, asked at `asked_at`.
pub fn signature(secret: &[u8], slug: &str, asked_at: i64) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else { return String::new() };
    mac.update(b"confirm|");
    mac.update(slug.as_bytes());
    mac.update(b"|");
    mac.update(asked_at.to_string().as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
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
        let link = format!("{base}/annuaire/{}/confirmer?signature={}", s.slug, signature(&app.secret, &s.slug, now));
        for to in super::recipients(&app.db, s.id, &s.contact_email).await? {
            let args = [
                ("structure", s.name.clone()),
                ("link", link.clone()),
                ("months", app.config.unlist_after_months.to_string()),
            ];
            mail::queue(app.db.conn(), &Email::compose(Lang::Fr, &to, None, "mail-confirm-profile", &args)).await?;
        }
    }
    // Claim the unlisting notices.
    let gone = store::claim_unlisting_notices(&app.db, now, unlist_before).await?;
    for s in &gone {
        let link = format!("{base}/annuaire/{}/confirmer?signature={}", s.slug, signature(&app.secret, &s.slug, now));
        for to in super::recipients(&app.db, s.id, &s.contact_email).await? {
            let args = [("structure", s.name.clone()), ("link", link.clone())];
            mail::queue(app.db.conn(), &Email::compose(Lang::Fr, &to, None, "mail-profile-unlisted", &args)).await?;
        }
    }
    if !due.is_empty() || !gone.is_empty() {
        app.mail_queued();
    }
    Ok(due.len() + gone.len())
}

/// Confirms a structure's profile from a signed link; returns its name when the link is valid.
pub async fn confirm(app: &AppState, slug: &str, sig: &str) -> db::Result<Option<String>> {
    let row = store::asked(&app.db, slug).await?;
    let Some(row) = row else { return Ok(None) };
    let Some(asked_at) = row.confirm_asked_at else { return Ok(None) };
    let expected = signature(&app.secret, slug, asked_at);
    if expected.is_empty() || !bool::from(subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), sig.as_bytes())) {
        return Ok(None);
    }
    let txn = app.db.begin().await?;
    store::confirm(&txn, row.id).await?;
    txn.commit().await?;
    app.directory.changed();
    Ok(Some(row.name))
}
