//! GET /espace/structure/diagnostics: the results associations attached to their messages to
//! the structure of the signed-in team member; …/{id}: one of them, as the association sees it
//! (without its private link). Anyone else gets the not-found page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::super::store::{self, ShareListRow};
use super::private;
use super::result::{ResultPage, build};
use crate::app::AppState;
use crate::directory;
use crate::web::{AppError, CurrentUser, PageCtx, render_status};

#[derive(Template)]
#[template(path = "diagnosis/shared.html")]
struct SharedList {
    ctx: PageCtx,
    structure: String,
    shares: Vec<ShareListRow>,
}

async fn team(app: &AppState, user: &CurrentUser) -> Result<directory::StructureRef, AppError> {
    directory::team_structure(&app.db, user.id).await?.ok_or(AppError::NotFound)
}

pub(super) async fn list(State(app): State<AppState>, ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    let structure = team(&app, &user).await?;
    let shares = store::shares_of(app.db.conn(), structure.id).await?;
    Ok(private(render_status(StatusCode::OK, &SharedList { ctx, structure: structure.name, shares })?))
}

pub(super) async fn show(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let structure = team(&app, &user).await?;
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let (structure_id, row) = store::shared(app.db.conn(), id).await?.ok_or(AppError::NotFound)?;
    if structure_id != structure.id {
        return Err(AppError::NotFound);
    }
    let v = build(&app, &row, ctx.lang).await?;
    Ok(private(render_status(
        StatusCode::OK,
        &ResultPage { ctx, token: String::new(), shared: true, v, result_days: app.config.diagnosis_result_days },
    )?))
}
