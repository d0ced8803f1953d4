//! GET /admin/utilisateurs: the accounts, searched and paged; GET /admin/utilisateurs/{id}: an
//! account with its roles and its structure's team; POST …/roles: new roles (an administrator
//! cannot remove the last administrator; revoking the structure role takes the person off
//! their team); POST …/equipe: takes the person off their structure's team.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{ListQuery, PER_PAGE, path_id};
use crate::accounts::{self, AccountSummary, RoleChangeError};
use crate::admin::actions;
use crate::admin::forms::RolesForm;
use crate::app::AppState;
use crate::directory::{self, StructureRef};
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
    /// The structure whose team the account is on.
    team: Option<StructureRef>,
}

impl UserPage {
    async fn load(app: &AppState, ctx: PageCtx, id: i64, errors: FieldErrors) -> Result<Self, AppError> {
        let account = accounts::summary(&app.db, id).await?.ok_or(AppError::NotFound)?;
        let team = directory::team_structure(&app.db, id).await?;
        Ok(UserPage { ctx, account, all_roles: Role::ALL, errors, team })
    }
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
    render(&UserPage::load(&app, ctx, id, FieldErrors::new()).await?)
}

pub(super) async fn set_roles(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RolesForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id)?;
    match actions::set_roles(&app, &admin, id, &form.parse()).await? {
        Ok(()) => Ok(see_other(&format!("/admin/utilisateurs/{id}"), "flash-roles-saved")),
        Err(RoleChangeError::NotFound) => Err(AppError::NotFound),
        Err(RoleChangeError::LastAdmin) => {
            let errors = FieldErrors::one("role", "err-last-admin-role");
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &UserPage::load(&app, ctx, id, errors).await?)
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(super) struct Empty {}

/// POST /admin/utilisateurs/{id}/equipe: the person leaves their structure's team (audited,
/// told by email); the last member too.
pub(super) async fn remove_from_team(
    State(app): State<AppState>,
    AdminUser(admin): AdminUser,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let id = path_id(&id)?;
    directory::remove_from_team(&app, &admin, id).await?;
    Ok(see_other(&format!("/admin/utilisateurs/{id}"), "flash-team-member-removed"))
}
