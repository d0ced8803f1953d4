//! Vetting pages: a structure declares its accompaniments, associations answer and recommend.

use std::collections::BTreeSet;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

use super::declare::{self, network_tag};
use super::forms::{AccompanimentForm, RecommendationForm};
use super::store::{self, Accompaniment, Answerer};
use super::{AUTHOR_MONTHLY_LIMIT, AccompanimentStatus, RecommendationStatus};
use crate::app::AppState;
use crate::directory::{self, StructureRef, StructureStatus};
use crate::mail::{self, Email as Mail};
use crate::types::Email;
use crate::web::forms::Choice;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::session::{hash_token, random_token};
use crate::web::{
    AppError, CsrfForm, CurrentUser, FieldErrors, Lang, MaybeUser, PageCtx, Role, render, render_status, see_other,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/espace/structure/accompagnements/nouveau", get(new_page).post(declare))
        .route("/recommandation", get(answer_page).post(recommend_from_link))
        .route("/recommandation/refus", post(decline))
        .route("/recommandation/retirer", get(withdraw_page).post(withdraw))
        .route("/annuaire/{slug}/recommander", get(own_page).post(recommend_own))
        .route("/recommandations/{id}/signaler", get(report_page).post(report))
}

#[derive(Template)]
#[template(path = "vetting/declare.html")]
struct DeclarePage {
    ctx: PageCtx,
    structure: StructureRef,
    form: AccompanimentForm,
    errors: FieldErrors,
    services: Vec<Choice>,
    software: Vec<Choice>,
    declared: Vec<Accompaniment>,
}

async fn declare_page(
    app: &AppState,
    ctx: PageCtx,
    structure: StructureRef,
    form: AccompanimentForm,
    errors: FieldErrors,
) -> Result<DeclarePage, AppError> {
    let terms = directory::term_choices(&app.db, ctx.lang).await?;
    let choices = |kind: &str, selected: &[String]| -> Vec<Choice> {
        terms
            .iter()
            .filter(|(k, _, _)| k == kind)
            .map(|(_, slug, label)| Choice {
                value: slug.clone(),
                label: label.clone(),
                checked: selected.contains(slug),
            })
            .collect()
    };
    let services = choices("service", &form.services);
    let software = choices("software", &form.software);
    let declared = store::accompaniments_of(&app.db, structure.id).await?;
    Ok(DeclarePage { ctx, structure, form, errors, services, software, declared })
}

async fn my_structure(app: &AppState, user: &CurrentUser) -> Result<StructureRef, AppError> {
    directory::team_structure(&app.db, user.id).await?.ok_or(AppError::NotFound)
}

async fn new_page(State(app): State<AppState>, ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    let structure = my_structure(&app, &user).await?;
    render(&declare_page(&app, ctx, structure, AccompanimentForm::default(), FieldErrors::new()).await?)
}

fn this_month() -> String {
    chrono::Utc::now().format("%Y-%m").to_string()
}

/// POST /espace/structure/accompagnements/nouveau: the association's contact receives the link.
async fn declare(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<AccompanimentForm>,
) -> Result<Response, AppError> {
    let structure = my_structure(&app, &user).await?;
    let terms = directory::term_choices(&app.db, ctx.lang).await?;
    let known: BTreeSet<(String, String)> = terms.into_iter().map(|(k, s, _)| (k, s)).collect();
    let mut parsed = form.parse(&known, &this_month());
    if let Ok(new) = &parsed {
        let team = directory::team_emails(&app.db, structure.id).await?;
        if team.iter().any(|t| t == new.contact_email.as_str()) || new.contact_email.as_str() == structure.contact_email
        {
            let mut e = FieldErrors::new();
            e.add("contact_email", "err-contact-is-team");
            parsed = Err(e);
        }
    }
    let (status, errors) = match parsed {
        Ok(new) => {
            // Only declarations that would go out count: a form sent back with a typo does not.
            let bucket = format!("declare:{}", structure.id);
            ratelimit::hit(&app.db, &bucket, app.config.rate_forms, app.config.rate_window_minutes).await?;
            match declare::declare(&app, &user, &structure, &new, ip.0, ctx.lang).await? {
                Ok(()) => {
                    return Ok(see_other("/espace/structure/accompagnements/nouveau", "flash-accompaniment-sent"));
                }
                Err(refused) => refused,
            }
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let page = declare_page(&app, ctx, structure, form, errors).await?;
    render_status(status, &page)
}

// ---- the association's answer ----------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenQuery {
    jeton: String,
}

#[derive(Template)]
#[template(path = "vetting/answer.html")]
struct AnswerPage {
    ctx: PageCtx,
    acc: Accompaniment,
    services: Vec<String>,
    software: Vec<String>,
    form: RecommendationForm,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "vetting/message.html")]
struct MessagePage {
    ctx: PageCtx,
    title: String,
    text: String,
}

fn message(ctx: PageCtx, status: StatusCode, title_key: &str, text: String) -> Result<Response, AppError> {
    let title = ctx.t(title_key);
    render_status(status, &MessagePage { ctx, title, text })
}

/// The accompaniment of a usable link, or the page that says why it is not usable.
async fn usable(app: &AppState, ctx: &PageCtx, token: &str) -> Result<Result<Accompaniment, Response>, AppError> {
    let acc = store::by_token(&app.db, &hash_token(token)).await?;
    let why = match acc {
        None => "vetting-link-unknown",
        Some(a) if a.status != AccompanimentStatus::Sent => "vetting-link-used",
        Some(a) if a.token_expires_at < crate::db::now() => "vetting-link-expired",
        Some(a) => return Ok(Ok(a)),
    };
    Ok(Err(message(ctx.clone(), StatusCode::GONE, "vetting-link-title", ctx.t(why))?))
}

async fn answer_view(
    app: &AppState,
    ctx: PageCtx,
    acc: Accompaniment,
    form: RecommendationForm,
    errors: FieldErrors,
) -> Result<AnswerPage, AppError> {
    let terms = directory::term_choices(&app.db, ctx.lang).await?;
    let label = |kind: &str, list: &str| -> Vec<String> {
        list.split(',')
            .filter(|s| !s.is_empty())
            .filter_map(|s| terms.iter().find(|(k, slug, _)| k == kind && slug == s).map(|(_, _, l)| l.clone()))
            .collect()
    };
    let services = label("service", &acc.services);
    let software = label("software", &acc.software);
    Ok(AnswerPage { ctx, acc, services, software, form, errors })
}

/// GET /recommandation?jeton=…: the association confirms the project and recommends.
async fn answer_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let acc = match usable(&app, &ctx, &q.jeton).await? {
        Ok(acc) => acc,
        Err(page) => return Ok(page),
    };
    let form =
        RecommendationForm { jeton: q.jeton, association_name: acc.association_name.clone(), ..Default::default() };
    render(&answer_view(&app, ctx, acc, form, FieldErrors::new()).await?)
}

/// Parses a recommendation and refuses it when `email` wrote too many this month.
async fn parse_within_limit(
    app: &AppState,
    form: &RecommendationForm,
    email: &str,
) -> Result<Result<super::forms::NewRecommendation, FieldErrors>, AppError> {
    let parsed = form.parse();
    if parsed.is_ok() && store::recent_by_author(&app.db, email, 30).await? >= AUTHOR_MONTHLY_LIMIT {
        let mut e = FieldErrors::new();
        e.add("form", "err-too-many-recommendations");
        return Ok(Err(e));
    }
    Ok(parsed)
}

/// Who writes a recommendation.
struct Author<'a> {
    accompaniment_id: Option<i64>,
    user_id: Option<i64>,
    email: &'a str,
}

/// Files a recommendation for the moderators and emails its author the link that withdraws it.
async fn file_recommendation<C: sea_orm::ConnectionTrait>(
    c: &C,
    app: &AppState,
    lang: Lang,
    structure_id: i64,
    structure_name: &str,
    author: Author<'_>,
    new: &super::forms::NewRecommendation,
) -> Result<(), AppError> {
    let withdraw_token = random_token();
    store::insert_recommendation(
        c,
        &store::NewRecommendation {
            structure_id,
            accompaniment_id: author.accompaniment_id,
            user_id: author.user_id,
            association_name: &new.association_name,
            author_email: author.email,
            body: &new.body,
            listening: new.listening,
            clarity: new.clarity,
            autonomy: new.autonomy,
            would_recommend: new.would_recommend,
            withdraw_token_hash: &hash_token(&withdraw_token),
        },
    )
    .await?;
    let link =
        format!("{}{}", app.config.base(), lang.href(&format!("/recommandation/retirer?jeton={withdraw_token}")));
    let args = [("structure", structure_name.to_owned()), ("link", link)];
    mail::queue(c, &Mail::compose(lang, author.email, None, "mail-recommendation-received", &args)).await?;
    Ok(())
}

/// POST /recommandation: the project happened; the recommendation goes to the moderators.
async fn recommend_from_link(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    MaybeUser(user): MaybeUser,
    CsrfForm(form): CsrfForm<RecommendationForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("recommend:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let acc = match usable(&app, &ctx, &form.jeton).await? {
        Ok(acc) => acc,
        Err(page) => return Ok(page),
    };
    if let Some(user) = &user
        && store::is_member(&app.db, acc.structure_id, user.id).await?
    {
        return message(ctx.clone(), StatusCode::FORBIDDEN, "vetting-own-title", ctx.t("err-own-structure"));
    }
    let parsed = parse_within_limit(&app, &form, &acc.contact_email).await?;
    let new = match parsed {
        Ok(new) => new,
        Err(errors) => {
            let page = answer_view(&app, ctx, acc, form, errors).await?;
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let tag = network_tag(&app.secret, ip.0);
    let answerer = Answerer { ip: &tag, user_id: user.as_ref().map(|u| u.id) };
    let txn = app.db.begin().await?;
    if !store::answer(&txn, acc.id, AccompanimentStatus::Confirmed, &answerer).await? {
        // Used or expired between the page and the post.
        return message(ctx.clone(), StatusCode::GONE, "vetting-link-title", ctx.t("vetting-link-used"));
    }
    let author =
        Author { accompaniment_id: Some(acc.id), user_id: user.as_ref().map(|u| u.id), email: &acc.contact_email };
    file_recommendation(&txn, &app, ctx.lang, acc.structure_id, &acc.structure_name, author, &new).await?;
    txn.commit().await?;
    app.mail_queued();
    message(ctx.clone(), StatusCode::OK, "vetting-thanks-title", ctx.t("vetting-thanks-text"))
}

/// POST /recommandation/refus: the project did not happen.
async fn decline(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    MaybeUser(user): MaybeUser,
    CsrfForm(form): CsrfForm<TokenQuery>,
) -> Result<Response, AppError> {
    let acc = match usable(&app, &ctx, &form.jeton).await? {
        Ok(acc) => acc,
        Err(page) => return Ok(page),
    };
    let tag = network_tag(&app.secret, ip.0);
    let answerer = Answerer { ip: &tag, user_id: user.as_ref().map(|u| u.id) };
    let txn = app.db.begin().await?;
    if !store::answer(&txn, acc.id, AccompanimentStatus::Declined, &answerer).await? {
        return message(ctx.clone(), StatusCode::GONE, "vetting-link-title", ctx.t("vetting-link-used"));
    }
    for to in directory::recipients(&app.db, acc.structure_id, "").await? {
        let args = [("association", acc.association_name.clone())];
        mail::queue(&txn, &Mail::compose(to.lang, &to.email, None, "mail-accompaniment-declined", &args)).await?;
    }
    txn.commit().await?;
    app.mail_queued();
    message(ctx.clone(), StatusCode::OK, "vetting-declined-title", ctx.t("vetting-declined-text"))
}

// ---- withdrawal ------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "vetting/withdraw.html")]
struct WithdrawPage {
    ctx: PageCtx,
    token: String,
    structure: String,
}

async fn withdraw_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    match store::by_withdraw_token(&app.db, &hash_token(&q.jeton)).await? {
        Some(r) if matches!(r.status, RecommendationStatus::Pending | RecommendationStatus::Published) => {
            render(&WithdrawPage { ctx, token: q.jeton, structure: r.structure_name })
        }
        _ => message(ctx.clone(), StatusCode::GONE, "vetting-link-title", ctx.t("vetting-withdraw-gone")),
    }
}

async fn withdraw(
    State(app): State<AppState>,
    ctx: PageCtx,
    CsrfForm(form): CsrfForm<TokenQuery>,
) -> Result<Response, AppError> {
    let txn = app.db.begin().await?;
    let Some(done) = store::withdraw(&txn, &hash_token(&form.jeton)).await? else {
        return message(ctx.clone(), StatusCode::GONE, "vetting-link-title", ctx.t("vetting-withdraw-gone"));
    };
    directory::record_change(&txn, done.structure_id).await?;
    txn.commit().await?;
    app.directory.changed();
    message(ctx.clone(), StatusCode::OK, "vetting-withdrawn-title", ctx.t("vetting-withdrawn-text"))
}

// ---- recommending on one's own initiative ---------------------------------------------

#[derive(Template)]
#[template(path = "vetting/recommend.html")]
struct OwnPage {
    ctx: PageCtx,
    structure: StructureRef,
    form: RecommendationForm,
    errors: FieldErrors,
}

/// A listed structure that the account may recommend, or the page that says why not.
async fn recommendable(
    app: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    slug: &str,
) -> Result<Result<StructureRef, Response>, AppError> {
    let structure = directory::structure_by_slug(&app.db, slug).await?.ok_or(AppError::NotFound)?;
    if structure.status != StructureStatus::Approved {
        return Err(AppError::NotFound);
    }
    if !user.has(Role::Association) {
        return Ok(Err(message(
            ctx.clone(),
            StatusCode::FORBIDDEN,
            "vetting-own-title",
            ctx.t("err-association-only"),
        )?));
    }
    if store::is_member(&app.db, structure.id, user.id).await? {
        return Ok(Err(message(ctx.clone(), StatusCode::FORBIDDEN, "vetting-own-title", ctx.t("err-own-structure"))?));
    }
    Ok(Ok(structure))
}

async fn own_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let structure = match recommendable(&app, &ctx, &user, &slug).await? {
        Ok(s) => s,
        Err(page) => return Ok(page),
    };
    render(&OwnPage { ctx, structure, form: RecommendationForm::default(), errors: FieldErrors::new() })
}

async fn recommend_own(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<RecommendationForm>,
) -> Result<Response, AppError> {
    let structure = match recommendable(&app, &ctx, &user, &slug).await? {
        Ok(s) => s,
        Err(page) => return Ok(page),
    };
    let parsed = parse_within_limit(&app, &form, &user.email).await?;
    let new = match parsed {
        Ok(new) => new,
        Err(errors) => {
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &OwnPage { ctx, structure, form, errors });
        }
    };
    let email = Email::parse(&user.email).map(|e| e.to_string()).unwrap_or_else(|_| user.email.clone());
    let txn = app.db.begin().await?;
    let author = Author { accompaniment_id: None, user_id: Some(user.id), email: &email };
    file_recommendation(&txn, &app, ctx.lang, structure.id, &structure.name, author, &new).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(see_other(&format!("/annuaire/{}", structure.slug), "flash-recommendation-sent"))
}

// ---- reporting a recommendation --------------------------------------------------------

/// Reasons a visitor may give when reporting a recommendation.
const REPORT_REASONS: [&str; 3] = ["abuse", "inaccurate", "other"];

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct ReportForm {
    reason: String,
    message: String,
    email: String,
}

#[derive(Template)]
#[template(path = "vetting/report.html")]
struct ReportPage {
    ctx: PageCtx,
    reco: store::PublishedReco,
    reasons: [&'static str; 3],
    form: ReportForm,
    errors: FieldErrors,
}

async fn published_reco(app: &AppState, id: &str) -> Result<store::PublishedReco, AppError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    store::published(&app.db, id).await?.ok_or(AppError::NotFound)
}

async fn report_page(State(app): State<AppState>, ctx: PageCtx, Path(id): Path<String>) -> Result<Response, AppError> {
    let reco = published_reco(&app, &id).await?;
    render(&ReportPage { ctx, reco, reasons: REPORT_REASONS, form: ReportForm::default(), errors: FieldErrors::new() })
}

/// POST /recommandations/{id}/signaler: the report lands in the moderation queue.
async fn report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("report:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes).await?;
    let reco = published_reco(&app, &id).await?;
    let mut errors = FieldErrors::new();
    if !REPORT_REASONS.contains(&form.reason.as_str()) {
        errors.add("reason", if form.reason.is_empty() { "err-criterion-required" } else { "err-choice-invalid" });
    }
    let message =
        errors.check("message", crate::types::bounded(&form.message, 10, 2000, "err-report-short", "err-report-long"));
    let email = if form.email.trim().is_empty() {
        Some(String::new())
    } else {
        errors.check("email", Email::parse(&form.email).map(|e| e.to_string()))
    };
    match (message, email) {
        (Some(message), Some(email)) if errors.is_empty() => {
            crate::moderation::report(&app.db, super::moderation::REPORTED, reco.id, &form.reason, &message, &email)
                .await?;
            Ok(see_other(&format!("/annuaire/{}", reco.structure_slug), "flash-report-sent"))
        }
        _ => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ReportPage { ctx, reco, reasons: REPORT_REASONS, form, errors },
        ),
    }
}
