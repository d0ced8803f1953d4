//! GET /espace/structure/rejoindre?jeton=…: the invitation, to accept while signed in; POST:
//! joins the team.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::app::AppState;
use crate::directory::actions::{self, Joined};
use crate::web::{AppError, CsrfForm, CurrentUser, PageCtx, render, see_other};

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
}

pub(super) async fn page(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Query(q): Query<Token>,
) -> Result<Response, AppError> {
    let invitation = actions::invitation(&app.db, user.id, &q.jeton).await?;
    render(&JoinPage { ctx, token: q.jeton, name: invitation.name, already: invitation.already })
}

pub(super) async fn join(
    State(app): State<AppState>,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<Token>,
) -> Result<Response, AppError> {
    match actions::join(&app.db, user.id, &form.jeton).await? {
        Joined::Joined => Ok(see_other("/espace/structure", "flash-team-joined")),
        Joined::AlreadyMember => Ok(Redirect::to("/espace/structure").into_response()),
    }
}
