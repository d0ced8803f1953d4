//! Administration under `/admin`: accounts and their roles, editable pages. Every decision is
//! written to the audit log.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::accounts::{self, AccountSummary, RoleChangeError};
use crate::app::AppState;
use crate::audit;
use crate::directory;
use crate::site;
use crate::types::bounded;
use crate::web::{AdminUser, AppError, CsrfForm, FieldErrors, PageCtx, Role, render, render_status, see_other};

const PER_PAGE: u32 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/utilisateurs") }))
        .route("/admin/utilisateurs", get(users))
        .route("/admin/utilisateurs/{id}", get(user))
        .route("/admin/utilisateurs/{id}/roles", post(set_roles))
        .route("/admin/taxonomies", get(taxonomies).post(add_term))
        .route("/admin/taxonomies/{id}", post(rename_term))
        .route("/admin/journal", get(journal))
        .route("/admin/pages", get(pages))
        .route("/admin/pages/{slug}", get(edit_page).post(save_page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    q: String,
    page: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    ctx: PageCtx,
    q: String,
    page: u32,
    users: Vec<AccountSummary>,
    more: bool,
}

impl UsersPage {
    fn page_href(&self, page: u32) -> String {
        let q = percent_encoding::utf8_percent_encode(&self.q, percent_encoding::NON_ALPHANUMERIC);
        format!("/admin/utilisateurs?q={q}&page={page}")
    }
}

async fn users(
    State(app): State<AppState>,
    ctx: PageCtx,
    _: AdminUser,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = q.page.parse::<u32>().unwrap_or(1).clamp(1, 10_000);
    let query: String = q.q.chars().take(100).collect();
    let (users, more) = accounts::search(&app.db, &query, page, PER_PAGE).await?;
    render(&UsersPage { ctx, q: query, page, users, more })
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    ctx: PageCtx,
    account: AccountSummary,
    all_roles: [Role; 4],
    errors: FieldErrors,
}

impl UserPage {
    fn has(&self, role: &Role) -> bool {
        self.account.roles.contains(role)
    }
}

async fn user(
    State(app): State<AppState>,
    ctx: PageCtx,
    _: AdminUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = account_id(&id)?;
    let account = accounts::summary(&app.db, id).await?.ok_or(AppError::NotFound)?;
    render(&UserPage { ctx, account, all_roles: Role::ALL, errors: FieldErrors::new() })
}

/// The account id of a path: anything but a number names no account (404, not 400).
fn account_id(segment: &str) -> Result<i64, AppError> {
    segment.parse::<i64>().map_err(|_| AppError::NotFound)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RolesForm {
    role: Vec<String>,
}

async fn set_roles(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RolesForm>,
) -> Result<Response, AppError> {
    let id = account_id(&id)?;
    let roles: Vec<Role> = form.role.iter().filter_map(|r| Role::parse(r)).collect();
    match accounts::set_roles(&app.db, &admin, id, &roles).await? {
        Ok(_) => Ok(see_other(&format!("/admin/utilisateurs/{id}"), "flash-roles-saved")),
        Err(RoleChangeError::NotFound) => Err(AppError::NotFound),
        Err(RoleChangeError::LastAdmin) => {
            let account = accounts::summary(&app.db, id).await?.ok_or(AppError::NotFound)?;
            let mut errors = FieldErrors::new();
            errors.add("role", "err-last-admin-role");
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &UserPage { ctx, account, all_roles: Role::ALL, errors })
        }
    }
}

#[derive(Template)]
#[template(path = "admin/pages.html")]
struct PagesPage {
    ctx: PageCtx,
    pages: Vec<site::Page>,
}

async fn pages(State(app): State<AppState>, ctx: PageCtx, _: AdminUser) -> Result<Response, AppError> {
    let mut pages = Vec::new();
    for slug in site::PAGE_SLUGS {
        if let Some(p) = site::page(&app.db, slug).await? {
            pages.push(p);
        }
    }
    render(&PagesPage { ctx, pages })
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct PageForm {
    title_fr: String,
    title_en: String,
    body_fr: String,
    body_en: String,
}

impl PageForm {
    fn parse(&self, slug: &str) -> Result<site::Page, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = |s: &str| bounded(s, 1, 120, "err-title-required", "err-title-long");
        let body = |s: &str| bounded(s, 1, 50_000, "err-body-required", "err-body-long");
        let title_fr = e.check("title_fr", title(&self.title_fr));
        let title_en = e.check("title_en", title(&self.title_en));
        let body_fr = e.check("body_fr", body(&self.body_fr));
        let body_en = e.check("body_en", body(&self.body_en));
        let value = match (title_fr, title_en, body_fr, body_en) {
            (Some(title_fr), Some(title_en), Some(body_fr), Some(body_en)) => {
                Some(site::Page { slug: slug.to_owned(), title_fr, title_en, body_fr, body_en, updated_at: 0 })
            }
            _ => None,
        };
        e.into_result(value)
    }
}

#[derive(Template)]
#[template(path = "admin/page_edit.html")]
struct EditPage {
    ctx: PageCtx,
    slug: String,
    form: PageForm,
    errors: FieldErrors,
}

async fn edit_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    _: AdminUser,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let p = site::page(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let form = PageForm { title_fr: p.title_fr, title_en: p.title_en, body_fr: p.body_fr, body_en: p.body_en };
    render(&EditPage { ctx, slug, form, errors: FieldErrors::new() })
}

async fn save_page(
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
    let txn = app.db.begin().await?;
    site::save_page(&txn, &page, admin.id).await?;
    audit::record(&txn, &admin, "page.edit", &format!("page:{slug}"), None).await?;
    txn.commit().await?;
    Ok(see_other(&format!("/pages/{slug}"), "flash-page-saved").into_response())
}

// ---- taxonomies ------------------------------------------------------------------------

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct TermForm {
    kind: String,
    label_fr: String,
    label_en: String,
}

impl TermForm {
    fn parse(&self) -> Result<(String, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let fr = e.check("label_fr", bounded(&self.label_fr, 2, 80, "err-label-short", "err-label-long"));
        let en = e.check("label_en", bounded(&self.label_en, 2, 80, "err-label-short", "err-label-long"));
        e.into_result(fr.zip(en))
    }
}

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

async fn taxonomies(State(app): State<AppState>, ctx: PageCtx, _: AdminUser) -> Result<Response, AppError> {
    render(
        &taxonomies_page(&app, ctx, TermForm { kind: "software".into(), ..Default::default() }, FieldErrors::new())
            .await?,
    )
}

/// POST /admin/taxonomies: a new term (e.g. a software).
async fn add_term(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    CsrfForm(form): CsrfForm<TermForm>,
) -> Result<Response, AppError> {
    let mut errors = match form.parse() {
        Ok((fr, en)) if directory::TERM_KINDS.contains(&form.kind.as_str()) => {
            match directory::add_term(&app.db, &app.directory, &admin, &form.kind, &fr, &en).await {
                Ok(()) => return Ok(see_other("/admin/taxonomies", "flash-term-saved")),
                Err(refused) => refused.into_form()?.1,
            }
        }
        Ok(_) => FieldErrors::new(),
        Err(e) => e,
    };
    if !directory::TERM_KINDS.contains(&form.kind.as_str()) {
        errors.add("kind", "err-choice-invalid");
    }
    let page = taxonomies_page(&app, ctx, form, errors).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// POST /admin/taxonomies/{id}: new labels for a term.
async fn rename_term(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<TermForm>,
) -> Result<Response, AppError> {
    let id = account_id(&id)?;
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

// ---- audit log -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin/journal.html")]
struct JournalPage {
    ctx: PageCtx,
    entries: Vec<crate::moderation::JournalEntry>,
    page: u32,
    more: bool,
}

/// GET /admin/journal: every moderation and admin decision, newest first; read-only.
async fn journal(
    State(app): State<AppState>,
    ctx: PageCtx,
    _: AdminUser,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = q.page.parse::<u32>().unwrap_or(1).clamp(1, 100_000);
    let (entries, more) = crate::moderation::journal(&app.db, page, PER_PAGE).await?;
    render(&JournalPage { ctx, entries, page, more })
}
