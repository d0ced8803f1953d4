//! GET /admin/utilisateurs: the accounts, searched and paged; GET /admin/utilisateurs/{id}: an
//! account with its roles; POST …/roles: new roles (an administrator cannot remove the last
//! administrator).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{ListQuery, PER_PAGE, path_id};
use crate::accounts::{self, AccountSummary, RoleChangeError};
use crate::admin::forms::RolesForm;
use crate::app::AppState;
use crate::web::{AdminUser, AppError, CsrfForm, FieldErrors, PageCtx, Role, render, render_status, see_other};

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

pub(super) async fn list(
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

pub(super) async fn show(
    State(app): State<AppState>,
    ctx: PageCtx,
    _: AdminUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = path_id(&id)?;
    let account = accounts::summary(&app.db, id).await?.ok_or(AppError::NotFound)?;
    render(&UserPage { ctx, account, all_roles: Role::ALL, errors: FieldErrors::new() })
}

pub(super) async fn set_roles(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RolesForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id)?;
    match accounts::set_roles(&app.db, &admin, id, &form.parse()).await? {
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
