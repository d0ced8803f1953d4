//! GET /espace/structure: the workspace with the profile form; POST: creates the structure (a
//! draft, its creator on the team) or saves its profile.

use axum::extract::State;
use axum::response::Response;

use super::WorkspacePage;
use crate::accounts;
use crate::app::AppState;
use crate::directory::DirectoryError;
use crate::directory::actions::{self, Saved};
use crate::directory::forms::ProfileForm;
use crate::directory::store;
use crate::web::{AppError, CsrfForm, CurrentUser, FieldErrors, PageCtx, Role, render, render_status, see_other};

pub(super) async fn page(State(app): State<AppState>, ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    let structure = store::by_member(&app.db, user.id).await?;
    let form = match &structure {
        Some(s) => {
            let terms = store::terms_of(&app.db, s.id).await?;
            let areas = store::areas_of(&app.db, s.id).await?;
            ProfileForm::from_row(s, &terms, &areas)
        }
        None => ProfileForm::blank(),
    };
    let mut errors = FieldErrors::new();
    if structure.is_none() && accounts::role_revoked(app.db.conn(), user.id, Role::Structure).await? {
        errors.add("form", "err-structure-role-revoked");
    }
    render(&WorkspacePage::build(&app, ctx, structure, form, errors).await?)
}

pub(super) async fn save(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<Response, AppError> {
    let editing = match actions::start_editing(&app.db, &user).await {
        Ok(editing) => editing,
        Err(DirectoryError::RoleRevoked) => {
            let errors = FieldErrors::one("form", "err-structure-role-revoked");
            let page = WorkspacePage::build(&app, ctx, None, form, errors).await?;
            return render_status(axum::http::StatusCode::FORBIDDEN, &page);
        }
        Err(e) => return Err(e.into()),
    };
    let profile = match form.parse(&editing.known) {
        Ok(p) => p,
        Err(errors) => {
            let page = WorkspacePage::build(&app, ctx, editing.structure, form, errors).await?;
            return render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let saved = actions::save_profile(&app.db, &app.directory, user.id, editing.structure.as_ref(), &profile).await?;
    Ok(see_other(
        "/espace/structure",
        match saved {
            Saved::Created => "flash-structure-created",
            Saved::Updated => "flash-structure-saved",
            Saved::UpdatedForReview => "flash-structure-saved-review",
        },
    ))
}
