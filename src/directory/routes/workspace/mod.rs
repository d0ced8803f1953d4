//! The structure's workspace (`/espace/structure`), one file per action: its team creates and
//! edits the profile (`profile.rs`), uploads a logo (`logo.rs`), invites colleagues
//! (`invite.rs`, `join.rs`), takes members off the team or leaves it (`team.rs`), and submits
//! the profile to the moderators (`submit.rs`). A person belongs to one structure team at most;
//! the workspace is open to the members of a team only (see `actions/team.rs`).

mod invite;
mod join;
mod logo;
mod profile;
mod submit;
mod team;

use askama::Template;
use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;
use crate::directory::LANGUAGES;
use crate::directory::StructureStatus;
use crate::directory::forms::ProfileForm;
use crate::directory::store::{self, StructureRow};
use crate::geo;
use crate::web::forms::Choice;
use crate::web::{AppError, CurrentUser, FieldErrors, Lang, PageCtx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/espace/structure", get(profile::page).post(profile::save))
        .route("/espace/structure/logo", post(logo::upload))
        .route("/espace/structure/invitations", post(invite::invite))
        .route("/espace/structure/rejoindre", get(join::page).post(join::join))
        .route("/espace/structure/soumettre", post(submit::submit))
        .route("/espace/structure/equipe/retirer", post(team::remove))
}

/// The structure of the signed-in person's team, or 404.
async fn team_structure(app: &AppState, user: &CurrentUser) -> Result<StructureRow, AppError> {
    store::by_member(&app.db, user.id).await?.ok_or(AppError::NotFound)
}

/// The workspace of `s` again, its profile as stored, with the messages of a refused form.
async fn refused(
    app: &AppState,
    ctx: PageCtx,
    s: StructureRow,
    errors: FieldErrors,
) -> Result<WorkspacePage, AppError> {
    let terms = store::terms_of(&app.db, s.id).await?;
    let areas = store::areas_of(&app.db, s.id).await?;
    let form = ProfileForm::from_row(&s, &terms, &areas);
    WorkspacePage::build(app, ctx, Some(s), form, errors).await
}

#[derive(Template)]
#[template(path = "directory/workspace.html")]
pub(super) struct WorkspacePage {
    ctx: PageCtx,
    structure: Option<StructureRow>,
    form: ProfileForm,
    errors: FieldErrors,
    legal_forms: Vec<Choice>,
    pricings: Vec<Choice>,
    services: Vec<Choice>,
    software: Vec<Choice>,
    audiences: Vec<Choice>,
    regions: Vec<Choice>,
    languages: Vec<Choice>,
    communes: Vec<String>,
    checklist: Vec<(String, bool)>,
    listed: bool,
    team: Vec<store::TeamMember>,
    /// The signed-in member, to offer "leave" on their own line.
    me: i64,
    /// The structure may invite (it is submitted or approved).
    may_invite: bool,
    /// An administrator revoked the person's structure role: no new structure.
    revoked: bool,
    pub(super) invite_email: String,
    logo: Option<String>,
}

impl WorkspacePage {
    pub(super) async fn build(
        app: &AppState,
        ctx: PageCtx,
        structure: Option<StructureRow>,
        form: ProfileForm,
        errors: FieldErrors,
    ) -> Result<Self, AppError> {
        let lang = ctx.lang;
        let terms = store::all_terms(&app.db).await?;
        let choices = |kind: &str, selected: &dyn Fn(&str) -> bool| -> Vec<Choice> {
            terms
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| Choice {
                    value: t.slug.clone(),
                    label: if lang == Lang::En { t.label_en.clone() } else { t.label_fr.clone() },
                    checked: selected(&t.slug),
                })
                .collect()
        };
        let has = |list: &[String], v: &str| list.iter().any(|x| x == v);
        let legal_forms = choices("legal_form", &|v| form.legal_form == v);
        let pricings = choices("pricing", &|v| form.pricing == v);
        let services = choices("service", &|v| has(&form.services, v));
        let software = choices("software", &|v| has(&form.software, v));
        let audiences = choices("audience", &|v| has(&form.audiences, v));
        let regions = geo::regions()
            .iter()
            .map(|r| Choice { value: r.code.to_owned(), label: r.name.to_owned(), checked: has(&form.regions, r.code) })
            .collect();
        let languages = LANGUAGES
            .iter()
            .map(|l| Choice {
                value: (*l).to_owned(),
                label: lang.t(&format!("language-{l}")),
                checked: has(&form.languages, l),
            })
            .collect();
        let communes = geo::by_postcode(form.postcode.trim()).iter().map(|c| c.name.to_owned()).collect();
        let (checklist, listed, team, logo) = match &structure {
            Some(s) => {
                let listed = app.directory.listed(s.id).is_some();
                let need = app.config.listing_min_recommendations;
                let checklist = vec![
                    (lang.t("workspace-check-profile"), true),
                    (lang.t("workspace-check-submitted"), s.status != StructureStatus::Draft),
                    (lang.t("workspace-check-approved"), s.status == StructureStatus::Approved),
                    (
                        lang.t_args(
                            "workspace-check-recommendations",
                            &[("count", need.to_string()), ("have", s.recommendations.to_string())],
                        ),
                        s.recommendations >= need,
                    ),
                ];
                (checklist, listed, store::members(&app.db, s.id).await?, s.logo.clone())
            }
            None => (Vec::new(), false, Vec::new(), None),
        };
        let me = ctx.user.as_ref().map_or(0, |u| u.id);
        let may_invite = structure.as_ref().is_some_and(|s| s.status.may_mail_out());
        let revoked = errors.get("form") == Some("err-structure-role-revoked");
        Ok(WorkspacePage {
            ctx,
            me,
            may_invite,
            revoked,
            structure,
            form,
            errors,
            legal_forms,
            pricings,
            services,
            software,
            audiences,
            regions,
            languages,
            communes,
            checklist,
            listed,
            team,
            invite_email: String::new(),
            logo,
        })
    }
}
