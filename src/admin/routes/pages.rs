//! GET /admin/pages: the editable pages; GET /admin/pages/{slug}: a page's form, in both
//! languages; POST: saves it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::admin::actions;
use crate::admin::forms::PageForm;
use crate::app::AppState;
use crate::site;
use crate::web::{AdminUser, AppError, CsrfForm, FieldErrors, PageCtx, render, render_status, see_other};

#[derive(Template)]
#[template(path = "admin/pages.html")]
struct PagesPage {
    ctx: PageCtx,
    pages: Vec<site::Page>,
}

pub(super) async fn list(State(app): State<AppState>, ctx: PageCtx, _: AdminUser) -> Result<Response, AppError> {
    let mut pages = Vec::new();
    for slug in site::PAGE_SLUGS {
        if let Some(p) = site::page(&app.db, slug).await? {
            pages.push(p);
        }
    }
    render(&PagesPage { ctx, pages })
}

#[derive(Template)]
#[template(path = "admin/page_edit.html")]
struct EditPage {
    ctx: PageCtx,
    slug: String,
    form: PageForm,
    errors: FieldErrors,
}

pub(super) async fn edit(
    State(app): State<AppState>,
    ctx: PageCtx,
    _: AdminUser,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let p = site::page(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let form = PageForm { title_fr: p.title_fr, title_en: p.title_en, body_fr: p.body_fr, body_en: p.body_en };
    render(&EditPage { ctx, slug, form, errors: FieldErrors::new() })
}

pub(super) async fn save(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<PageForm>,
) -> Result<Response, AppError> {
    site::page(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let page = match form.parse(&slug) {
        Ok(p) => p,
        Err(errors) => return render_status(StatusCode::UNPROCESSABLE_ENTITY, &EditPage { ctx, slug, form, errors }),
    };
    actions::save_page(&app.db, &admin, &page).await?;
    Ok(see_other(&format!("/pages/{slug}"), "flash-page-saved"))
}
