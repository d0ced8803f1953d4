//! The contact relay: a visitor's message goes to the structure by email, a copy to the
//! sender; the structure's address is never shown. Messages from robots are dropped.

use crate::app::AppState;
use crate::db;
use crate::directory::store::{self, StructureRow};
use crate::directory::{DirectoryError, NewContact};
use crate::mail::{self, Email as Mail};
use crate::web::Lang;

/// Relays `new` to `s`; the copy to the sender is in `lang`.
pub async fn relay_contact(
    app: &AppState,
    s: &StructureRow,
    lang: Lang,
    new: NewContact,
) -> Result<(), DirectoryError> {
    // Robots fill the hidden field or post within a moment of loading the page.
    if new.honeypot_filled {
        tracing::info!(slug = s.slug, "contact form honeypot filled");
        return Ok(());
    }
    if db::now() - new.issued_at < app.config.form_min_seconds {
        return Err(DirectoryError::TooFast);
    }
    let txn = app.db.begin().await?;
    store::insert_contact(&txn, s.id, &new.name, new.email.as_str(), &new.message).await?;
    let args = [
        ("structure", s.name.clone()),
        ("name", new.name.clone()),
        ("email", new.email.to_string()),
        ("message", new.message.clone()),
    ];
    // The structure's own language is French by default.
    let to_structure = Mail::compose(Lang::Fr, &s.contact_email, None, "mail-contact", &args);
    mail::queue(&txn, &to_structure).await?;
    let copy = Mail::compose(lang, new.email.as_str(), None, "mail-contact-copy", &args);
    mail::queue(&txn, &copy).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(())
}
