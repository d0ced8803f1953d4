//! GET /diagnostic: what the self-diagnosis is; POST /diagnostic: a new draft, then its first step.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::super::actions;
use crate::app::AppState;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, PageCtx, render};

#[derive(Template)]
#[template(path = "diagnosis/start.html")]
struct StartPage {
    ctx: PageCtx,
}

pub(super) async fn page(ctx: PageCtx) -> Result<Response, AppError> {
    render(&StartPage { ctx })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct StartForm {}

pub(super) async fn start(
    State(app): State<AppState>,
    ip: ClientIp,
    CsrfForm(_): CsrfForm<StartForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("diagnosis:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let token = actions::start(&app.db).await?;
    Ok(Redirect::to(&format!("/diagnostic/reponses/{token}/1")).into_response())
}
