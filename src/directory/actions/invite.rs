//! Inviting a colleague to a structure's team: a single-use link valid two weeks, sent by
//! email, its token stored hashed, bound to the invited address (only an account with that
//! verified address can use it). Only a submitted or approved structure invites: a draft
//! nobody has looked at could otherwise mail any address; the caps of `relay.rs` apply.

use crate::app::AppState;
use crate::db;
use crate::directory::DirectoryError;
use crate::directory::relay::{self, RelayKind};
use crate::directory::store::{self, StructureRow};
use crate::mail::{self, Email as Mail};
use crate::types::Email;
use crate::web::session::{hash_token, random_token};
use crate::web::{CurrentUser, Lang};

/// How long an invitation stays valid.
const VALID_SECONDS: i64 = 14 * 86_400;

/// Sends `email` an invitation from `inviter` to join the team of `s`.
pub async fn invite(
    app: &AppState,
    inviter: &CurrentUser,
    s: &StructureRow,
    email: &Email,
    lang: Lang,
) -> Result<(), DirectoryError> {
    if !s.status.may_mail_out() {
        return Err(DirectoryError::NotSubmitted);
    }
    let token = random_token();
    let now = db::now();
    let txn = app.db.begin().await?;
    relay::relay(&txn, &app.config, RelayKind::Invite, s.id, email.as_str()).await?.map_err(DirectoryError::Relay)?;
    store::insert_invite(&txn, s.id, email.as_str(), &hash_token(&token), inviter.id, now, now + VALID_SECONDS).await?;
    let link = format!("{}{}", app.config.base(), lang.href(&format!("/espace/structure/rejoindre?jeton={token}")));
    let args = [
        ("structure", s.name.clone()),
        ("name", inviter.display_name.clone()),
        ("link", link),
        ("email", email.to_string()),
    ];
    mail::queue(&txn, &Mail::compose(lang, email.as_str(), None, "mail-team-invite", &args)).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(())
}
