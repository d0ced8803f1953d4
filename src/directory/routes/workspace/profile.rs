//! GET /espace/structure: the workspace with the profile form; POST: creates the structure (a
//! draft, its creator on the team) or saves its profile.

use axum::extract::State;
use axum::response::Response;

use super::WorkspacePage;
use crate::app::AppState;
use crate::directory::actions::{self, Saved};
use crate::directory::forms::ProfileForm;
use crate::directory::store;
use crate::web::{AppError, CsrfForm, CurrentUser, FieldErrors, PageCtx, render, render_status, see_other};

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
    render(&WorkspacePage::build(&app, ctx, structure, form, FieldErrors::new()).await?)
}

pub(super) async fn save(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<Response, AppError> {
    let editing = actions::start_editing(&app.db, &user).await?;
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
