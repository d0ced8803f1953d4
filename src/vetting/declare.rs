//! Declaring an accompaniment: the association's contact receives a single-use link to confirm
//! it and recommend the structure.
//!
//! The link goes to an address the team types, with the team's text: only a submitted or
//! approved structure declares (never a draft nobody has looked at), within the caps on mail to
//! typed addresses (`directory::relay`: per address and day, for the whole site per hour) and
//! `accompaniments_per_structure_month` declarations per structure in 30 days. The declaration
//! keeps a pseudonymous tag of the declarer's network address ([`network_tag`]), which the
//! moderation queue compares with the answer's.

use std::net::IpAddr;

use axum::http::StatusCode;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::LINK_DAYS;
use super::forms::NewAccompaniment;
use super::store;
use crate::app::AppState;
use crate::db;
use crate::directory::{self, RelayKind, StructureRef};
use crate::mail::{self, Email as Mail};
use crate::web::session::{hash_token, random_token};
use crate::web::{AppError, CurrentUser, FieldErrors, Lang};

/// A keyed hash of a network address: equal addresses give equal tags, and the address cannot
/// be read back from the database without the instance's key.
pub fn network_tag(secret: &[u8], ip: IpAddr) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else { return String::new() };
    mac.update(b"ip|");
    mac.update(ip.to_string().as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// The rule that refused a declaration: the status and the message next to `field`.
type Refusal = (StatusCode, FieldErrors);

fn refuse(status: StatusCode, field: &'static str, key: &'static str) -> Result<Result<(), Refusal>, AppError> {
    Ok(Err((status, FieldErrors::one(field, key))))
}

/// Sends the link of `new` to its contact, in `lang` (the page's language), or says which rule refused it (the status and the
/// messages to show the form again with).
pub async fn declare(
    app: &AppState,
    user: &CurrentUser,
    structure: &StructureRef,
    new: &NewAccompaniment,
    ip: IpAddr,
    lang: Lang,
) -> Result<Result<(), Refusal>, AppError> {
    if !structure.status.may_mail_out() {
        return refuse(StatusCode::CONFLICT, "form", "err-declare-not-submitted");
    }
    let month_ago = db::now() - 30 * 86_400;
    if store::declared_since(&app.db, structure.id, month_ago).await? >= app.config.accompaniments_per_structure_month {
        return refuse(StatusCode::TOO_MANY_REQUESTS, "form", "err-declare-monthly-cap");
    }
    let token = random_token();
    let services = new.services.join(",");
    let software = new.software.join(",");
    let contact = new.contact_email.as_str();
    let txn = app.db.begin().await?;
    let relayed = directory::relay(&txn, &app.config, RelayKind::Accompaniment, structure.id, contact).await?;
    if let Err(limit) = relayed {
        let (key, status) = limit.message();
        let field = if limit == directory::RelayLimit::Address { "contact_email" } else { "form" };
        return refuse(status, field, key);
    }
    let declared_ip = network_tag(&app.secret, ip);
    store::insert_accompaniment(
        &txn,
        &store::NewAccompaniment {
            structure_id: structure.id,
            created_by: user.id,
            association_name: &new.association_name,
            contact_email: contact,
            summary: &new.summary,
            services: &services,
            software: &software,
            period_start: &new.period_start,
            period_end: &new.period_end,
            outcome: &new.outcome,
            token_hash: &hash_token(&token),
            token_expires_at: db::now() + LINK_DAYS * 86_400,
            declared_ip: &declared_ip,
        },
    )
    .await?;
    let link = format!("{}{}", app.config.base(), lang.href(&format!("/recommandation?jeton={token}")));
    let args = [
        ("structure", structure.name.clone()),
        ("association", new.association_name.clone()),
        ("summary", new.summary.clone()),
        ("link", link),
        ("days", LINK_DAYS.to_string()),
    ];
    // The association's own language is not known: the one the structure declared in.
    mail::queue(&txn, &Mail::compose(lang, contact, None, "mail-accompaniment", &args)).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(Ok(()))
}
