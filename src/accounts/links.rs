//! The links of account emails that change something: the verification of a new account's
//! address (`/compte/verifier`) and of a new address (`/compte/confirmer-email`). Mail scanners
//! follow links, so the link opens a page whose button (a POST) does the change.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::routes::{TokenQuery, invalid_link};
use super::store::{self, Purpose};
use crate::app::AppState;
use crate::mail::Email as Mail;
use crate::web::{AppError, CsrfForm, Lang, PageCtx, render, see_other};

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TokenForm {
    jeton: String,
}

/// The page a link opens: what the button will do, and the button.
#[derive(Template)]
#[template(path = "accounts/confirm_link.html")]
struct ConfirmLinkPage {
    ctx: PageCtx,
    title: String,
    text: String,
    action: &'static str,
    jeton: String,
    button: String,
}

/// GET /compte/verifier?jeton=…: the link of the verification email.
pub(super) async fn verify_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    if store::peek_token(&app.db, &q.jeton, Purpose::VerifyEmail).await?.is_none() {
        return invalid_link(ctx, "/compte/connexion");
    }
    let (title, text, button) = (ctx.t("verify-title"), ctx.t("verify-text"), ctx.t("verify-button"));
    render(&ConfirmLinkPage { ctx, title, text, action: "/compte/verifier", jeton: q.jeton, button })
}

/// POST /compte/verifier: the address is confirmed.
pub(super) async fn verify(
    State(app): State<AppState>,
    ctx: PageCtx,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, AppError> {
    let txn = app.db.begin().await?;
    let Some(used) = store::take_token(&txn, &form.jeton, Purpose::VerifyEmail).await? else {
        return invalid_link(ctx, "/compte/connexion");
    };
    store::mark_verified(&txn, used.user_id).await?;
    txn.commit().await?;
    let to = if ctx.user.is_some() { "/compte" } else { "/compte/connexion" };
    Ok(see_other(to, "flash-verified"))
}

/// GET /compte/confirmer-email?jeton=…: the link sent to a new address, which it names.
pub(super) async fn confirm_email_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let used = store::peek_token(&app.db, &q.jeton, Purpose::ChangeEmail).await?;
    let Some(email) = used.and_then(|u| u.new_email) else { return invalid_link(ctx, "/compte") };
    let (title, button) = (ctx.t("confirm-email-title"), ctx.t("confirm-email-button"));
    let text = ctx.t1("confirm-email-text", "email", email);
    render(&ConfirmLinkPage { ctx, title, text, action: "/compte/confirmer-email", jeton: q.jeton, button })
}

/// POST /compte/confirmer-email: the account takes the new address; links sent to the old one
/// die with the change, and the old address is told.
pub(super) async fn confirm_email(
    State(app): State<AppState>,
    ctx: PageCtx,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, AppError> {
    let txn = app.db.begin().await?;
    let used = store::take_token(&txn, &form.jeton, Purpose::ChangeEmail).await?;
    let Some((user_id, new_email)) = used.and_then(|u| u.new_email.map(|e| (u.user_id, e))) else {
        return invalid_link(ctx, "/compte");
    };
    let Some(user) = store::by_id(&txn, user_id).await? else { return invalid_link(ctx, "/compte") };
    match store::set_email(&txn, user_id, &new_email).await {
        Ok(()) => {}
        Err(crate::db::StoreError::Conflict(_)) => return invalid_link(ctx, "/compte"),
        Err(e) => return Err(e.into()),
    }
    store::revoke_tokens(&txn, user_id, &[Purpose::ResetPassword, Purpose::ChangeEmail, Purpose::VerifyEmail]).await?;
    let lang = Lang::parse(&user.locale).unwrap_or(ctx.lang);
    let mail = Mail::compose(lang, &user.email, Some(user_id), "mail-email-changed", &[("email", new_email)]);
    crate::mail::queue(&txn, &mail).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(see_other(if ctx.user.is_some() { "/compte" } else { "/compte/connexion" }, "flash-email-changed"))
}
