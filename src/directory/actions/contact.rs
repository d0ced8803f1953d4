//! The contact relay: a visitor's message goes to the structure by email; the structure's
//! address is never shown. The sender sees a copy of the message on the confirmation page,
//! reached through a signed link: the copy is never mailed to the address typed in the form
//! (that would let anyone send the platform's mail, with their text, to any address), only to
//! a signed-in account's own verified address. Messages from robots are dropped; the caps of
//! `relay.rs` bound what one structure and the whole site receive.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::app::AppState;
use crate::db;
use crate::directory::relay::{self, RelayKind};
use crate::directory::store::{self, ContactRow, StructureRow};
use crate::directory::{DirectoryError, NewContact};
use crate::mail::{self, Email as Mail};
use crate::web::{CurrentUser, Lang};

/// How long the confirmation page of a message can be seen from its link.
const RECEIPT_SECONDS: i64 = 86_400;

/// What became of a message.
pub enum Relayed {
    /// Sent: the path of the confirmation page, which shows the copy.
    Sent(String),
    /// Dropped without a word: a robot filled the hidden field.
    Dropped,
}

/// The signature of the confirmation page of message `id`, sent at `created_at`.
fn receipt_signature(secret: &[u8], id: i64, created_at: i64) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else { return String::new() };
    mac.update(format!("contact|{id}|{created_at}").as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// Relays `new` to `s`. A signed-in `sender` with a verified address also receives a copy
/// there, in `lang`.
pub async fn relay_contact(
    app: &AppState,
    s: &StructureRow,
    sender: Option<&CurrentUser>,
    lang: Lang,
    new: NewContact,
) -> Result<Relayed, DirectoryError> {
    // Robots fill the hidden field or post within a moment of loading the page.
    if new.honeypot_filled {
        tracing::info!(slug = s.slug, "contact form honeypot filled");
        return Ok(Relayed::Dropped);
    }
    if db::now() - new.issued_at < app.config.form_min_seconds {
        return Err(DirectoryError::TooFast);
    }
    let txn = app.db.begin().await?;
    relay::relay(&txn, &app.config, RelayKind::Contact, s.id, &s.contact_email)
        .await?
        .map_err(DirectoryError::Relay)?;
    let now = db::now();
    let id = store::insert_contact(&txn, s.id, &new.name, new.email.as_str(), &new.message, now).await?;
    let mut args = vec![
        ("structure", s.name.clone()),
        ("name", new.name.clone()),
        ("email", new.email.to_string()),
        ("message", new.message.clone()),
    ];
    // The structure's own language is French by default.
    let mut key = "mail-contact";
    if let Some((mail_key, path)) = attach(app, &txn, s.id, &new.attachment).await? {
        let link = format!("{}{path}", app.config.base());
        args.push(("attachment", Lang::Fr.t_args(mail_key, &[("link", link)])));
        key = "mail-contact-attached";
    }
    let to_structure = Mail::compose(Lang::Fr, &s.contact_email, None, key, &args);
    mail::queue(&txn, &to_structure).await?;
    if let Some(user) = sender.filter(|u| u.verified) {
        mail::queue(&txn, &Mail::compose(lang, &user.email, Some(user.id), "mail-contact-copy", &args)).await?;
    }
    txn.commit().await?;
    app.mail_queued();
    let signature = receipt_signature(&app.secret, id, now);
    Ok(Relayed::Sent(format!("/annuaire/{}/message-envoye?message={id}&signature={signature}", s.slug)))
}

/// Hands `token` to the kind that knows it, in the message's transaction: (the message key of
/// the email's paragraph, the path where the team sees the attachment).
async fn attach(
    app: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    structure_id: i64,
    token: &str,
) -> db::Result<Option<(&'static str, String)>> {
    if token.is_empty() {
        return Ok(None);
    }
    for hook in app.contact_attachments.iter() {
        if let Some(path) = hook.attach(txn, token, structure_id).await? {
            return Ok(Some((hook.mail_key(), path)));
        }
    }
    Ok(None)
}

/// The message of a confirmation link, while the link is valid: its signature matches and it
/// is less than a day old.
pub async fn receipt(app: &AppState, s: &StructureRow, id: &str, sig: &str) -> Result<ContactRow, DirectoryError> {
    let id = id.parse::<i64>().map_err(|_| DirectoryError::LinkInvalid)?;
    let row = store::contact_by_id(&app.db, id).await?.filter(|m| m.structure_id == s.id);
    let Some(row) = row else { return Err(DirectoryError::LinkInvalid) };
    let expected = receipt_signature(&app.secret, row.id, row.created_at);
    let valid = !expected.is_empty() && bool::from(subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), sig.as_bytes()));
    if !valid || db::now() - row.created_at > RECEIPT_SECONDS {
        return Err(DirectoryError::LinkInvalid);
    }
    Ok(row)
}
