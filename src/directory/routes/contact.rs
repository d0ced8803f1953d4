//! POST /annuaire/{slug}/contact: a visitor writes to a structure through the site; GET
//! /annuaire/{slug}/message-envoye?message=…&signature=…: the confirmation, with a copy of the
//! message (instead of an email to the address typed in the form).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Query;
use serde::Deserialize;

use super::profile;
use crate::app::AppState;
use crate::directory::actions::{self, Relayed};
use crate::directory::forms::ContactForm;
use crate::directory::store::{self, ContactRow};
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, MaybeUser, PageCtx, render, render_status, see_other};

/// The message goes to the structure by email; the structure's address is never shown.
pub(super) async fn contact(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ContactForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("contact:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let mut page = profile::load(&app, ctx, &slug).await?;
    let (status, errors) = match form.parse() {
        Ok(new) => match actions::relay_contact(&app, &page.s, user.as_ref(), page.ctx.lang, new).await {
            Ok(Relayed::Sent(receipt)) => return Ok(Redirect::to(&receipt).into_response()),
            Ok(Relayed::Dropped) => return Ok(see_other(&format!("/annuaire/{slug}"), "flash-contact-sent")),
            Err(refused) => refused.into_form()?,
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let attachment = form.joindre.clone();
    page.form = form.retyped();
    page.offer_attachment(&app, &attachment).await?;
    page.errors = errors;
    render_status(status, &page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ReceiptQuery {
    message: String,
    signature: String,
}

#[derive(Template)]
#[template(path = "directory/contact_sent.html")]
struct SentPage {
    ctx: PageCtx,
    name: String,
    slug: String,
    message: ContactRow,
}

pub(super) async fn sent(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<ReceiptQuery>,
) -> Result<Response, AppError> {
    let s = store::by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let message = actions::receipt(&app, &s, &q.message, &q.signature).await?;
    render(&SentPage { ctx, name: s.name, slug: s.slug, message })
}
