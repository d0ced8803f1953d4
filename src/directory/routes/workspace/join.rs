//! GET /espace/structure/rejoindre?jeton=…: the invitation, to accept while signed in with the
//! invited address; POST: joins the team. An invitation sent to another address, or to an
//! account whose structure role was revoked, gets a page that says so.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::app::AppState;
use crate::directory::DirectoryError;
use crate::directory::actions::{self, Joined};
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, render, render_status, see_other};

/// The token of the invitation link (the query of the page, the hidden field of its form).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct Token {
    jeton: String,
}

#[derive(Template)]
#[template(path = "directory/join.html")]
struct JoinPage {
    ctx: PageCtx,
    token: String,
    name: String,
    already: bool,
    /// Why the invitation cannot be used by this account (a message key).
    refusal: Option<&'static str>,
}

/// The page that says why this account cannot use the invitation, or the error page.
fn refused(ctx: PageCtx, e: DirectoryError) -> Result<Response, AppError> {
    let key = match e {
        DirectoryError::InviteOtherAddress => "join-other-address",
        DirectoryError::RoleRevoked => "err-structure-role-revoked",
        e => return Err(e.into()),
    };
    let page = JoinPage { ctx, token: String::new(), name: String::new(), already: false, refusal: Some(key) };
    render_status(StatusCode::FORBIDDEN, &page)
}

pub(super) async fn page(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Query(q): Query<Token>,
) -> Result<Response, AppError> {
    match actions::invitation(&app.db, &user, &q.jeton).await {
        Ok(invitation) => {
            render(&JoinPage { ctx, token: q.jeton, name: invitation.name, already: invitation.already, refusal: None })
        }
        Err(e) => refused(ctx, e),
    }
}

pub(super) async fn join(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<Token>,
) -> Result<Response, AppError> {
    match actions::join(&app.db, &user, &form.jeton).await {
        Ok(Joined::Joined) => Ok(see_other("/espace/structure", "flash-team-joined")),
        Ok(Joined::AlreadyMember) => Ok(Redirect::to("/espace/structure").into_response()),
        Err(e) => refused(ctx, e),
    }
}
