//! Writing an ad: the new-ad form, the author's changes, and "mes annonces".

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use super::super::actions;
use super::super::forms::{AdForm, today};
use super::super::search::path;
use super::super::store::{self, AdRow};
use super::super::{AdError, Status, software_known};
use super::{form_again, form_page, own};
use crate::app::AppState;
use crate::web::ratelimit;
use crate::web::{AppError, CsrfForm, CurrentUser, FieldErrors, PageCtx, render, render_status, see_other};

pub(super) async fn new_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let association_name = store::association_name(&app.db, user.id).await?;
    let form = AdForm { association_name, ..AdForm::default() };
    render(&form_page(&app, ctx, None, form, FieldErrors::new()).await?)
}

pub(super) async fn create(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<AdForm>,
) -> Result<Response, AppError> {
    let fields = match form.parse(&software_known(&app), &today()) {
        Ok(f) => f,
        Err(errors) => return form_again(&app, ctx, None, form, errors).await,
    };
    // Floods: at most `rate_forms` new ads per window and account.
    ratelimit::hit(&app.db, &format!("ad:{}", user.id), app.config.rate_forms, app.config.rate_window_minutes).await?;
    let saved = match actions::create(&app, &user, &fields, form.publishing()).await {
        Ok(saved) => saved,
        Err(e) => return refused_form(&app, ctx, None, form, e).await,
    };
    Ok(see_other(&path(saved.id, &saved.slug), saved.flash))
}

pub(super) async fn edit_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    if !actions::editable(ad.status) {
        return Ok(see_other(&path(ad.id, &ad.slug), "flash-ad-not-editable"));
    }
    // A change waiting for a moderator is what the author goes on editing.
    let form = match actions::pending_changes(&app.db, &ad).await? {
        Some((_, waiting)) => AdForm::from_row(&waiting),
        None => AdForm::from_row(&ad),
    };
    render(&form_page(&app, ctx, Some(ad), form, FieldErrors::new()).await?)
}

pub(super) async fn edit(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(mut form): CsrfForm<AdForm>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    let status = ad.status;
    if !actions::editable(status) {
        return Ok(see_other(&path(ad.id, &ad.slug), "flash-ad-not-editable"));
    }
    // A public ad stays public: saving it checks it as fully as publishing it.
    let publishing = form.publishing() && matches!(status, Status::Draft | Status::Refused);
    if status.is_public() || status == Status::Pending {
        form.action = "publier".into();
    }
    let fields = match form.parse(&software_known(&app), &today()) {
        Ok(f) => f,
        Err(errors) => return form_again(&app, ctx, Some(ad), form, errors).await,
    };
    let saved = match actions::edit(&app, &user, &ad, &fields, publishing).await {
        Ok(saved) => saved,
        Err(e) => return refused_form(&app, ctx, Some(ad), form, e).await,
    };
    Ok(see_other(&path(saved.id, &saved.slug), saved.flash))
}

#[derive(Template)]
#[template(path = "ads/mine.html")]
struct MinePage {
    ctx: PageCtx,
    ads: Vec<AdRow>,
}

pub(super) async fn mine(State(app): State<AppState>, ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    let ads = store::by_author(&app.db, user.id).await?;
    render(&MinePage { ctx, ads })
}

/// The form again with the message of a rule the action broke (e.g. a revoked association
/// role), or the error page.
async fn refused_form(
    app: &AppState,
    ctx: PageCtx,
    ad: Option<AdRow>,
    form: AdForm,
    e: AdError,
) -> Result<Response, AppError> {
    match e.page_errors() {
        Some((status, errors)) => render_status(status, &form_page(app, ctx, ad, form, errors).await?),
        None => Err(e.into()),
    }
}
