//! Forgotten password: the request of a link and the reset through it (`/compte/mot-de-passe-oublie`,
//! `/compte/reinitialiser`).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::forms::*;
use super::hash_password;
use super::routes::{TokenQuery, invalid_link};
use super::store::{self, Purpose};
use crate::app::AppState;
use crate::mail::Email as Mail;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, FieldErrors, Lang, PageCtx, render, render_status, see_other};

// ---- password reset --------------------------------------------------------------------

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    ctx: PageCtx,
    form: EmailForm,
    errors: FieldErrors,
}

pub(super) async fn forgot_page(ctx: PageCtx) -> Result<Response, AppError> {
    render(&ForgotPage { ctx, form: EmailForm::default(), errors: FieldErrors::new() })
}

/// POST /compte/mot-de-passe-oublie: the same answer whether the address has an account.
/// Requests are refused past `rate_reset` per address, never per account (see
/// [`send_reset_link`]).
pub(super) async fn forgot(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("reset:{}", ip.0), app.config.rate_reset, app.config.rate_window_minutes).await?;
    let email = match form.parse() {
        Ok(e) => e,
        Err(errors) => return render_status(StatusCode::UNPROCESSABLE_ENTITY, &ForgotPage { ctx, form, errors }),
    };
    if let Some(user) = store::by_email(&app.db, email.as_str()).await? {
        send_reset_link(&app, &user, Lang::parse(&user.locale).unwrap_or(ctx.lang)).await?;
    }
    Ok(see_other("/compte/connexion", "flash-reset-sent"))
}

/// Emails `user` a reset link. At most `rate_reset` such emails go out per account and window,
/// so that nobody can flood a mailbox; past that, a request sends nothing but gives the newest
/// usable link a full lifetime again, so that requests made by someone else never leave the
/// owner without a working link in their mailbox. When no link is usable any more (after a
/// reset or a change of password or email), a new one is sent.
async fn send_reset_link(app: &AppState, user: &store::UserRow, lang: Lang) -> Result<(), AppError> {
    let (limit, window) = (app.config.rate_reset, app.config.rate_window_minutes);
    let mail_allowed = ratelimit::within(&app.db, &format!("reset-mail:{}", user.id), limit, window).await?;
    let txn = app.db.begin().await?;
    if !mail_allowed && store::extend_newest_token(&txn, user.id, Purpose::ResetPassword).await? {
        txn.commit().await?;
        return Ok(());
    }
    let token = store::new_token(&txn, user.id, Purpose::ResetPassword, None).await?;
    let link = format!("{}{}", app.config.base(), lang.href(&format!("/compte/reinitialiser?jeton={token}")));
    let mail = Mail::compose(lang, &user.email, Some(user.id), "mail-reset", &[("link", link)]);
    crate::mail::queue(&txn, &mail).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(())
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    ctx: PageCtx,
    form: ResetForm,
    errors: FieldErrors,
}

pub(super) async fn reset_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    if store::peek_token(&app.db, &q.jeton, Purpose::ResetPassword).await?.is_none() {
        return invalid_link(ctx, "/compte/mot-de-passe-oublie");
    }
    let form = ResetForm { jeton: q.jeton, ..Default::default() };
    render(&ResetPage { ctx, form, errors: FieldErrors::new() })
}

/// POST /compte/reinitialiser. The cheap checks come first (the address's limit, then the
/// link), so that posts with made-up links never reach Argon2.
pub(super) async fn reset(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<Response, AppError> {
    let (limit, window) = (app.config.rate_sign_in, app.config.rate_window_minutes);
    ratelimit::hit(&app.db, &format!("new-password:{}", ip.0), limit, window).await?;
    if store::peek_token(&app.db, &form.jeton, Purpose::ResetPassword).await?.is_none() {
        return invalid_link(ctx, "/compte/mot-de-passe-oublie");
    }
    let password = match form.parse() {
        Ok(p) => p,
        Err(errors) => {
            let form = ResetForm { jeton: form.jeton, password: String::new() };
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &ResetPage { ctx, form, errors });
        }
    };
    let hash = hash_password(password.as_str().to_owned()).await?;
    let txn = app.db.begin().await?;
    let Some(used) = store::take_token(&txn, &form.jeton, Purpose::ResetPassword).await? else {
        return invalid_link(ctx, "/compte/mot-de-passe-oublie");
    };
    store::set_password(&txn, used.user_id, &hash).await?;
    store::revoke_tokens(&txn, used.user_id, &[Purpose::ResetPassword, Purpose::ChangeEmail]).await?;
    // Following the emailed link proves the address.
    store::mark_verified(&txn, used.user_id).await?;
    if let Some(user) = store::by_id(&txn, used.user_id).await? {
        let lang = Lang::parse(&user.locale).unwrap_or(ctx.lang);
        crate::mail::queue(&txn, &Mail::compose(lang, &user.email, Some(user.id), "mail-password-changed", &[]))
            .await?;
    }
    crate::db::exec(&txn, "DELETE FROM sessions WHERE user_id = $1", crate::vals![used.user_id]).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(see_other("/compte/connexion", "flash-password-reset"))
}
