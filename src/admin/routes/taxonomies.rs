//! GET /admin/taxonomies: the terms of the directory by kind, with how many structures use
//! them; POST: a new term (e.g. a software); POST /admin/taxonomies/{id}: new labels for a term.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::path_id;
use crate::admin::forms::TermForm;
use crate::app::AppState;
use crate::directory;
use crate::web::{AdminUser, AppError, CsrfForm, FieldErrors, PageCtx, render, render_status, see_other};

#[derive(Template)]
#[template(path = "admin/taxonomies.html")]
struct TaxonomiesPage {
    ctx: PageCtx,
    groups: Vec<(&'static str, Vec<directory::Term>)>,
    form: TermForm,
    errors: FieldErrors,
}

async fn taxonomies_page(
    app: &AppState,
    ctx: PageCtx,
    form: TermForm,
    errors: FieldErrors,
) -> Result<TaxonomiesPage, AppError> {
    let terms = directory::terms(&app.db).await?;
    let groups = directory::TERM_KINDS
        .iter()
        .map(|kind| (*kind, terms.iter().filter(|t| t.kind == *kind).cloned().collect()))
        .collect();
    Ok(TaxonomiesPage { ctx, groups, form, errors })
}

pub(super) async fn show(State(app): State<AppState>, ctx: PageCtx, _: AdminUser) -> Result<Response, AppError> {
    let form = TermForm { kind: "software".into(), ..Default::default() };
    render(&taxonomies_page(&app, ctx, form, FieldErrors::new()).await?)
}

pub(super) async fn add(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    CsrfForm(form): CsrfForm<TermForm>,
) -> Result<Response, AppError> {
    let (status, errors) = match form.parse_new() {
        Ok(t) => match directory::add_term(&app.db, &app.directory, &admin, &t.kind, &t.label_fr, &t.label_en).await {
            Ok(()) => return Ok(see_other("/admin/taxonomies", "flash-term-saved")),
            Err(refused) => refused.into_form()?,
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    render_status(status, &taxonomies_page(&app, ctx, form, errors).await?)
}

pub(super) async fn rename(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<TermForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id)?;
    match form.parse() {
        Ok((fr, en)) => {
            directory::rename_term(&app.db, &app.directory, &admin, id, &fr, &en).await?;
            Ok(see_other("/admin/taxonomies", "flash-term-saved"))
        }
        Err(errors) => {
            let page = taxonomies_page(&app, ctx, TermForm::default(), errors).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
