//! Account pages under `/compte`.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::forms::*;
use super::links::{confirm_email, confirm_email_page, verify, verify_page};
use super::reset::{forgot, forgot_page, reset, reset_page};
use super::store::{self, Purpose};
use super::{hash_password, send, verify_password};
use crate::app::AppState;
use crate::mail::Email as Mail;
use crate::web::page::safe_return;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::session::{self, see_other_with_cookie};
use crate::web::{AppError, CsrfForm, CurrentUser, FieldErrors, Lang, PageCtx, Role, render, render_status, see_other};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/compte", get(account))
        .route("/compte/inscription", get(sign_up_page).post(sign_up))
        .route("/compte/verification-envoyee", get(check_email))
        .route("/compte/verifier", get(verify_page).post(verify))
        .route("/compte/connexion", get(sign_in_page).post(sign_in))
        .route("/compte/deconnexion", post(sign_out))
        .route("/compte/deconnexion-partout", post(sign_out_everywhere))
        .route("/compte/mot-de-passe-oublie", get(forgot_page).post(forgot))
        .route("/compte/reinitialiser", get(reset_page).post(reset))
        .route("/compte/nom", post(change_name))
        .route("/compte/email", post(change_email))
        .route("/compte/confirmer-email", get(confirm_email_page).post(confirm_email))
        .route("/compte/mot-de-passe", post(change_password))
        .route("/compte/export", get(export))
        .route("/compte/supprimer", post(delete))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TokenQuery {
    pub(super) jeton: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ReturnQuery {
    retour: String,
}

// ---- sign-up ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "accounts/sign_up.html")]
struct SignUpPage {
    ctx: PageCtx,
    form: SignUpForm,
    errors: FieldErrors,
}

async fn sign_up_page(ctx: PageCtx) -> Result<Response, AppError> {
    if ctx.user.is_some() {
        return Ok(Redirect::to("/compte").into_response());
    }
    render(&SignUpPage { ctx, form: SignUpForm::default(), errors: FieldErrors::new() })
}

/// POST /compte/inscription. Known and unknown emails get the same answer: the owner of a
/// known address receives a notice instead of a verification link.
async fn sign_up(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    CsrfForm(form): CsrfForm<SignUpForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("signup:{}", ip.0), app.config.rate_sign_up, app.config.rate_window_minutes)
        .await?;
    let new = match form.parse() {
        Ok(new) => new,
        Err(errors) => {
            let mut form = form;
            form.password.clear();
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &SignUpPage { ctx, form, errors });
        }
    };
    // The address is typed by the visitor: at most `rate_reset` emails to it per window, however
    // many addresses the sign-ups come from. Past that, the same answer and no email.
    let (limit, window) = (app.config.rate_reset, app.config.rate_window_minutes);
    let mail_allowed =
        ratelimit::within(&app.db, &format!("signup-mail:{}", new.email.as_str()), limit, window).await?;
    let hash = hash_password(new.password.as_str().to_owned()).await?;
    let lang = ctx.lang;
    let base = app.config.base().to_owned();
    let txn = app.db.begin().await?;
    match store::insert_user(&txn, new.email.as_str(), &new.display_name, &hash, lang.code(), false).await? {
        Some(id) => {
            let token = store::new_token(&txn, id, Purpose::VerifyEmail, None).await?;
            let link = format!("{base}{}", lang.href(&format!("/compte/verifier?jeton={token}")));
            let mail = Mail::compose(
                lang,
                new.email.as_str(),
                Some(id),
                "mail-verify",
                &[("name", new.display_name.clone()), ("link", link)],
            );
            if mail_allowed {
                crate::mail::queue(&txn, &mail).await?;
            }
        }
        None if !mail_allowed => {}
        None => {
            let existing = store::by_email_in(&txn, new.email.as_str()).await?;
            let user_id = existing.map(|u| u.id);
            let link = format!("{base}/compte/mot-de-passe-oublie");
            let mail = Mail::compose(lang, new.email.as_str(), user_id, "mail-already", &[("link", link)]);
            crate::mail::queue(&txn, &mail).await?;
        }
    }
    txn.commit().await?;
    app.mail_queued();
    Ok(Redirect::to("/compte/verification-envoyee").into_response())
}

#[derive(Template)]
#[template(path = "accounts/message.html")]
struct MessagePage {
    ctx: PageCtx,
    title: String,
    text: String,
    link: Option<(&'static str, String)>,
}

async fn check_email(ctx: PageCtx) -> Result<Response, AppError> {
    let (title, text) = (ctx.t("check-email-title"), ctx.t("check-email-text"));
    render(&MessagePage { link: Some(("/compte/connexion", ctx.t("nav-sign-in"))), ctx, title, text })
}

pub(super) fn invalid_link(ctx: PageCtx, retry: &'static str) -> Result<Response, AppError> {
    let (title, text, label) = (ctx.t("link-invalid-title"), ctx.t("link-invalid-text"), ctx.t("link-invalid-retry"));
    render_status(StatusCode::GONE, &MessagePage { ctx, title, text, link: Some((retry, label)) })
}

// ---- sign-in and out -------------------------------------------------------------------

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
struct SignInPage {
    ctx: PageCtx,
    form: SignInForm,
    errors: FieldErrors,
}

async fn sign_in_page(ctx: PageCtx, Query(q): Query<ReturnQuery>) -> Result<Response, AppError> {
    if ctx.user.is_some() {
        return Ok(Redirect::to(&safe_return(Some(&q.retour), "/compte")).into_response());
    }
    let form = SignInForm { retour: safe_return(Some(&q.retour), ""), ..Default::default() };
    render(&SignInPage { ctx, form, errors: FieldErrors::new() })
}

/// Failed sign-ins allowed from one address over all accounts, as a multiple of the limit per
/// account and address: several people may share an address, each with a few typos.
const SIGN_IN_ADDRESS_FACTOR: i64 = 3;

/// POST /compte/connexion. Failures are limited per (account, address) and per address, never
/// per account alone: wrong passwords sent from elsewhere cannot lock the owner out.
async fn sign_in(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> Result<Response, AppError> {
    let mut form = form;
    let (email, password) = match form.parse() {
        Ok(v) => v,
        Err(errors) => {
            form.password.clear();
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &SignInPage { ctx, form, errors });
        }
    };
    // Each attempt counts as a failure before the check, and is given back when it succeeds.
    let (limit, window) = (app.config.rate_sign_in, app.config.rate_window_minutes);
    let buckets = [format!("signin:{}", ip.0), format!("signin:{email}|{}", ip.0)];
    ratelimit::hit(&app.db, &buckets[0], limit * SIGN_IN_ADDRESS_FACTOR, window).await?;
    ratelimit::hit(&app.db, &buckets[1], limit, window).await?;
    let user = store::by_email(&app.db, email.as_str()).await?;
    let ok = verify_password(password, user.as_ref().map(|u| u.password_hash.clone())).await;
    form.password.clear();
    if ok {
        for bucket in &buckets {
            ratelimit::forgive(&app.db, bucket, window).await?;
        }
    }
    let Some(user) = user.filter(|_| ok) else {
        let mut errors = FieldErrors::new();
        errors.add("form", "err-sign-in-failed");
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &SignInPage { ctx, form, errors });
    };
    if user.email_verified_at.is_none() {
        // The password is right: send a fresh link (rate limited like resets).
        ratelimit::hit(&app.db, &format!("verify:{email}"), app.config.rate_reset, window).await?;
        let token = store::new_token(app.db.conn(), user.id, Purpose::VerifyEmail, None).await?;
        let lang = Lang::parse(&user.locale).unwrap_or(ctx.lang);
        let link = format!("{}{}", app.config.base(), lang.href(&format!("/compte/verifier?jeton={token}")));
        send(
            &app,
            &Mail::compose(
                lang,
                &user.email,
                Some(user.id),
                "mail-verify",
                &[("name", user.display_name.clone()), ("link", link)],
            ),
        )
        .await?;
        let mut errors = FieldErrors::new();
        errors.add("form", "err-sign-in-unverified");
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &SignInPage { ctx, form, errors });
    }
    let cookie = session::start(&app, user.id).await?;
    let to = safe_return(Some(&form.retour), "/compte");
    let sep = if to.contains('?') { '&' } else { '?' };
    Ok(see_other_with_cookie(&format!("{to}{sep}flash=flash-signed-in"), cookie))
}

#[derive(Deserialize, Default)]
struct Empty {}

async fn sign_out(
    State(app): State<AppState>,
    user: CurrentUser,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let cookie = session::end(&app, &user.session_id).await?;
    Ok(see_other_with_cookie("/?flash=flash-signed-out", cookie))
}

/// POST /compte/deconnexion-partout: ends every session of the account, this one included.
async fn sign_out_everywhere(
    State(app): State<AppState>,
    user: CurrentUser,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    session::end_all(&app.db, user.id).await?;
    Ok(see_other_with_cookie("/?flash=flash-signed-out-everywhere", session::clear_cookie(&app)?))
}

// ---- the account page ------------------------------------------------------------------

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    ctx: PageCtx,
    me: CurrentUser,
    roles: Vec<Role>,
    forms: AccountForms,
    errors: FieldErrors,
}

impl AccountPage {
    fn new(ctx: PageCtx, me: CurrentUser) -> Self {
        let forms = AccountForms { name: NameForm { display_name: me.display_name.clone() }, ..Default::default() };
        let roles = me.roles.clone();
        AccountPage { ctx, me, roles, forms, errors: FieldErrors::new() }
    }

    fn with_errors(mut self, errors: FieldErrors) -> Result<Response, AppError> {
        self.errors = errors;
        render_status(StatusCode::UNPROCESSABLE_ENTITY, &self)
    }
}

async fn account(ctx: PageCtx, me: CurrentUser) -> Result<Response, AppError> {
    render(&AccountPage::new(ctx, me))
}

async fn change_name(
    State(app): State<AppState>,
    ctx: PageCtx,
    me: CurrentUser,
    CsrfForm(form): CsrfForm<NameForm>,
) -> Result<Response, AppError> {
    match form.parse() {
        Ok(name) => {
            store::set_display_name(&app.db, me.id, &name).await?;
            Ok(see_other("/compte", "flash-name-changed"))
        }
        Err(errors) => {
            let mut page = AccountPage::new(ctx, me);
            page.forms.name = form;
            page.with_errors(errors)
        }
    }
}

/// Whether `password` is the signed-in person's: failures are limited per account (only its
/// own sessions can try), and an attempt that succeeds is not counted.
async fn check_current_password(app: &AppState, me: &CurrentUser, password: String) -> Result<bool, AppError> {
    let user = store::by_id(app.db.conn(), me.id).await?;
    let (bucket, window) = (format!("password:{}", me.id), app.config.rate_window_minutes);
    ratelimit::hit(&app.db, &bucket, app.config.rate_sign_in, window).await?;
    let ok = verify_password(password, user.map(|u| u.password_hash)).await;
    if ok {
        ratelimit::forgive(&app.db, &bucket, window).await?;
    }
    Ok(ok)
}

/// POST /compte/email: a link goes to the new address; the change happens when it is followed.
async fn change_email(
    State(app): State<AppState>,
    ctx: PageCtx,
    me: CurrentUser,
    CsrfForm(form): CsrfForm<ChangeEmailForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::new();
    let parsed = form.parse();
    if let Ok((email, password)) = &parsed {
        if email.as_str() == me.email {
            errors.add("new_email", "err-email-same");
        } else if !check_current_password(&app, &me, password.clone()).await? {
            errors.add("email_password", "err-password-wrong");
        }
    }
    let email = match parsed {
        Ok((email, _)) if errors.is_empty() => email,
        Ok(_) => {
            let mut page = AccountPage::new(ctx, me);
            page.forms.email = ChangeEmailForm { new_email: form.new_email.clone(), email_password: String::new() };
            return page.with_errors(errors);
        }
        Err(errors) => {
            let mut page = AccountPage::new(ctx, me);
            page.forms.email = ChangeEmailForm { new_email: form.new_email.clone(), email_password: String::new() };
            return page.with_errors(errors);
        }
    };
    // Each request emails a typed address: at most `rate_reset` per account and window.
    ratelimit::hit(&app.db, &format!("email-change:{}", me.id), app.config.rate_reset, app.config.rate_window_minutes)
        .await?;
    let lang = ctx.lang;
    let txn = app.db.begin().await?;
    if store::by_email_in(&txn, email.as_str()).await?.is_some() {
        // Same answer as for a free address; the owner of the address is told.
        let mail = Mail::compose(lang, email.as_str(), None, "mail-email-taken", &[]);
        crate::mail::queue(&txn, &mail).await?;
    } else {
        let token = store::new_token(&txn, me.id, Purpose::ChangeEmail, Some(email.as_str())).await?;
        let link = format!("{}{}", app.config.base(), lang.href(&format!("/compte/confirmer-email?jeton={token}")));
        let mail = Mail::compose(lang, email.as_str(), Some(me.id), "mail-change-email", &[("link", link)]);
        crate::mail::queue(&txn, &mail).await?;
    }
    txn.commit().await?;
    app.mail_queued();
    Ok(see_other("/compte", "flash-email-link-sent"))
}

async fn change_password(
    State(app): State<AppState>,
    ctx: PageCtx,
    me: CurrentUser,
    CsrfForm(form): CsrfForm<ChangePasswordForm>,
) -> Result<Response, AppError> {
    let parsed = form.parse();
    let mut errors = FieldErrors::new();
    if let Ok((current, _)) = &parsed
        && !check_current_password(&app, &me, current.clone()).await?
    {
        errors.add("current_password", "err-password-wrong");
    }
    let new = match parsed {
        Ok((_, new)) if errors.is_empty() => new,
        Ok(_) => return AccountPage::new(ctx, me).with_errors(errors),
        Err(errors) => return AccountPage::new(ctx, me).with_errors(errors),
    };
    let hash = hash_password(new.as_str().to_owned()).await?;
    let txn = app.db.begin().await?;
    store::set_password(&txn, me.id, &hash).await?;
    store::revoke_tokens(&txn, me.id, &[Purpose::ResetPassword, Purpose::ChangeEmail]).await?;
    // Other devices are signed out; this one stays signed in.
    crate::db::exec(
        &txn,
        "DELETE FROM sessions WHERE user_id = $1 AND id <> $2",
        crate::vals![me.id, me.session_id.clone()],
    )
    .await?;
    crate::mail::queue(&txn, &Mail::compose(ctx.lang, &me.email, Some(me.id), "mail-password-changed", &[])).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(see_other("/compte", "flash-password-changed"))
}

/// GET /compte/export: everything the platform holds about the person, as JSON.
async fn export(State(app): State<AppState>, me: CurrentUser) -> Result<Response, AppError> {
    let user = store::by_id(app.db.conn(), me.id).await?.ok_or(AppError::NotFound)?;
    let sessions = store::sessions_of(&app.db, me.id).await?;
    let mails = store::mails_of(&app.db, me.id).await?;
    let iso = |ts: i64| chrono::DateTime::from_timestamp(ts, 0).map(|d| d.to_rfc3339()).unwrap_or_default();
    let mut data = serde_json::json!({
        "format": "emancipasso-export-1",
        "exported_at": iso(crate::db::now()),
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "language": user.locale,
            "email_verified_at": user.email_verified_at.map(iso),
            "created_at": iso(user.created_at),
            "roles": me.roles,
        },
        "sessions": sessions.iter().map(|s| serde_json::json!({
            "created_at": iso(s.created_at), "last_seen_at": iso(s.last_seen_at), "expires_at": iso(s.expires_at),
        })).collect::<Vec<_>>(),
        "emails": mails.iter().map(|m| serde_json::json!({
            "to": m.recipient, "subject": m.subject, "queued_at": iso(m.created_at), "sent_at": m.sent_at.map(iso),
        })).collect::<Vec<_>>(),
    });
    for part in app.personal_data.iter() {
        data[part.key()] = part.export(&app.db, me.id).await?;
    }
    let body = serde_json::to_string_pretty(&data).map_err(|e| AppError::Internal(e.into()))?;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"emancipasso-mes-donnees.json\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

async fn delete(
    State(app): State<AppState>,
    ctx: PageCtx,
    me: CurrentUser,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<Response, AppError> {
    let parsed = form.parse();
    let mut errors = FieldErrors::new();
    if let Ok(password) = &parsed
        && !check_current_password(&app, &me, password.clone()).await?
    {
        errors.add("delete_password", "err-password-wrong");
    }
    if errors.is_empty() && parsed.is_ok() && me.is_admin() && store::count_admins(app.db.conn()).await? <= 1 {
        errors.add("form", "err-last-admin");
    }
    match parsed {
        Ok(_) if errors.is_empty() => {}
        Ok(_) | Err(_) => {
            let errors = parsed.err().unwrap_or(errors);
            let mut page = AccountPage::new(ctx, me);
            page.forms.delete = DeleteForm { delete_password: String::new(), confirm: form.confirm };
            return page.with_errors(errors);
        }
    }
    let txn = app.db.begin().await?;
    for part in app.personal_data.iter() {
        part.forget(&txn, me.id).await?;
    }
    store::delete_user(&txn, me.id).await?;
    crate::mail::queue(&txn, &Mail::compose(ctx.lang, &me.email, None, "mail-account-deleted", &[])).await?;
    txn.commit().await?;
    for part in app.personal_data.iter() {
        part.forgotten();
    }
    app.mail_queued();
    Ok(see_other_with_cookie("/?flash=flash-account-deleted", session::clear_cookie(&app)?))
}
