//! The moderation queue (`/moderation`): structures waiting for approval, recommendations
//! waiting for publication, and open reports. Every decision carries a reason, is written to
//! the audit log, and is told by email to the people concerned. An item already decided by
//! another moderator gets a clear answer instead of a second decision.

mod store;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

pub use store::JournalEntry;

use crate::app::AppState;
use crate::audit;
use crate::directory;
use crate::mail::{self, Email as Mail};
use crate::types::bounded;
use crate::web::{AppError, CsrfForm, FieldErrors, Lang, ModeratorUser, PageCtx, render, render_status, see_other};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/moderation", get(queue))
        .route("/moderation/structures/{id}", post(decide_structure))
        .route("/moderation/recommandations/{id}", post(decide_recommendation))
        .route("/moderation/signalements/{id}", post(close_report))
}

/// What the moderators see of a recommendation, with the flags that call for a closer look.
pub struct RecoItem {
    pub r: store::PendingRecommendation,
    pub flags: Vec<&'static str>,
    /// (criterion, answer) message keys.
    pub criteria: Vec<(&'static str, &'static str)>,
}

fn domain_of(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(&s).to_owned();
    let host = s.rsplit('@').next().unwrap_or("").split(['/', '?', '#']).next().unwrap_or("").to_owned();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

fn flags(r: &store::PendingRecommendation) -> Vec<&'static str> {
    let mut flags = Vec::new();
    let author = domain_of(&r.author_email);
    if !author.is_empty() && (author == domain_of(&r.structure_website) || author == domain_of(&r.structure_contact)) {
        flags.push("flag-same-domain");
    }
    if r.same_author > 0 {
        flags.push("flag-same-author");
    }
    if r.body.chars().count() < 80 {
        flags.push("flag-short");
    }
    if r.summary.is_none() {
        flags.push("flag-no-accompaniment");
    }
    flags
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    ctx: PageCtx,
    structures: Vec<store::PendingStructure>,
    recommendations: Vec<RecoItem>,
    reports: Vec<store::OpenReport>,
    ads: crate::ads::PendingAds,
    errors: FieldErrors,
}

async fn queue_page(app: &AppState, ctx: PageCtx, errors: FieldErrors) -> Result<QueuePage, AppError> {
    let structures = store::pending_structures(&app.db).await?;
    let recommendations = store::pending_recommendations(&app.db)
        .await?
        .into_iter()
        .map(|r| RecoItem {
            flags: flags(&r),
            criteria: vec![
                ("criterion-listening", crate::vetting::criterion_key(r.listening.into())),
                ("criterion-clarity", crate::vetting::criterion_key(r.clarity.into())),
                ("criterion-autonomy", crate::vetting::criterion_key(r.autonomy.into())),
                ("criterion-would-recommend", if r.would_recommend { "criterion-yes" } else { "criterion-no" }),
            ],
            r,
        })
        .collect();
    let reports = store::open_reports(&app.db).await?;
    let ads = crate::ads::pending_for_moderation(&app.db).await?;
    Ok(QueuePage { ctx, structures, recommendations, reports, ads, errors })
}

async fn queue(State(app): State<AppState>, ctx: PageCtx, _: ModeratorUser) -> Result<Response, AppError> {
    render(&queue_page(&app, ctx, FieldErrors::new()).await?)
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub(crate) struct DecisionForm {
    pub decision: String,
    pub reason: String,
}

/// (approve, reason): refusing needs a reason, approving may have one.
fn parse_decision(form: &DecisionForm, yes: &str, no: &str) -> Result<(bool, String), FieldErrors> {
    let mut e = FieldErrors::new();
    let approve = if form.decision == yes {
        true
    } else if form.decision == no {
        false
    } else {
        e.add("form", "err-decision-invalid");
        return Err(e);
    };
    let min = if approve { 0 } else { 3 };
    match bounded(&form.reason, min, 1000, "err-reason-required", "err-reason-long") {
        Ok(reason) => Ok((approve, reason)),
        Err(key) => {
            e.add("form", key);
            Err(e)
        }
    }
}

/// The page for an item another moderator decided first (409), or 404 when there is no such item.
pub(crate) async fn already(app: &AppState, ctx: PageCtx, table: &str, id: i64) -> Result<Response, AppError> {
    let Some(d) = store::decided_by(&app.db, table, id).await? else { return Err(AppError::NotFound) };
    let mut errors = FieldErrors::new();
    errors.add("form", "err-already-decided");
    if let Some(name) = d.decided_by_name {
        tracing::info!(table, id, by = name, "decision already taken");
    }
    render_status(StatusCode::CONFLICT, &queue_page(app, ctx, errors).await?)
}

pub(crate) async fn invalid(app: &AppState, ctx: PageCtx, errors: FieldErrors) -> Result<Response, AppError> {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &queue_page(app, ctx, errors).await?)
}

fn item_id(segment: &str) -> Result<i64, AppError> {
    segment.parse::<i64>().map_err(|_| AppError::NotFound)
}

async fn decide_structure(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    let (approve, reason) = match parse_decision(&form, "approuver", "refuser") {
        Ok(d) => d,
        Err(errors) => return invalid(&app, ctx, errors).await,
    };
    let s = directory::structure_by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let recipients = directory::recipients(&app.db, id, &s.contact_email).await?;
    let txn = app.db.begin().await?;
    if !store::decide_structure(&txn, id, approve, me.id, &reason).await? {
        drop(txn);
        return already(&app, ctx, "structures", id).await;
    }
    let action = if approve { "structure.approve" } else { "structure.reject" };
    audit::record(&txn, &me, action, &format!("structure:{id}"), Some(&reason)).await?;
    directory::record_change(&txn, id).await?;
    let key = if approve { "mail-structure-approved" } else { "mail-structure-rejected" };
    for to in &recipients {
        let args = [("structure", s.name.clone()), ("reason", reason.clone())];
        mail::queue(&txn, &Mail::compose(Lang::Fr, to, None, key, &args)).await?;
    }
    txn.commit().await?;
    app.directory.changed();
    app.mail_queued();
    Ok(see_other("/moderation", "flash-decision-saved"))
}

async fn decide_recommendation(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    let (approve, reason) = match parse_decision(&form, "publier", "refuser") {
        Ok(d) => d,
        Err(errors) => return invalid(&app, ctx, errors).await,
    };
    let txn = app.db.begin().await?;
    let Some(done) = store::decide_recommendation(&txn, id, approve, me.id, &reason).await? else {
        drop(txn);
        return already(&app, ctx, "recommendations", id).await;
    };
    let action = if approve { "recommendation.publish" } else { "recommendation.reject" };
    audit::record(&txn, &me, action, &format!("recommendation:{id}"), Some(&reason)).await?;
    directory::record_change(&txn, done.structure_id).await?;
    let s = directory::structure_by_id(&app.db, done.structure_id).await?.ok_or(AppError::NotFound)?;
    let args =
        [("structure", s.name.clone()), ("association", done.association_name.clone()), ("reason", reason.clone())];
    let key = if approve { "mail-recommendation-published" } else { "mail-recommendation-rejected" };
    mail::queue(&txn, &Mail::compose(Lang::Fr, &done.author_email, None, key, &args)).await?;
    if approve {
        for to in directory::recipients(&app.db, s.id, &s.contact_email).await? {
            mail::queue(&txn, &Mail::compose(Lang::Fr, &to, None, "mail-recommendation-new", &args)).await?;
        }
    }
    txn.commit().await?;
    app.directory.changed();
    app.mail_queued();
    Ok(see_other("/moderation", "flash-decision-saved"))
}

async fn close_report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    // Closing a report takes an optional note, which the reporter receives.
    let acted = match form.decision.as_str() {
        "traite" => true,
        "classe" => false,
        _ => {
            let mut e = FieldErrors::new();
            e.add("form", "err-decision-invalid");
            return invalid(&app, ctx, e).await;
        }
    };
    let reason = match bounded(&form.reason, 0, 1000, "", "err-reason-long") {
        Ok(r) => r,
        Err(key) => {
            let mut e = FieldErrors::new();
            e.add("form", key);
            return invalid(&app, ctx, e).await;
        }
    };
    let txn = app.db.begin().await?;
    let Some(closed) = store::close_report(&txn, id, acted, me.id, &reason).await? else {
        drop(txn);
        return already(&app, ctx, "reports", id).await;
    };
    audit::record(
        &txn,
        &me,
        if acted { "report.handle" } else { "report.dismiss" },
        &format!("report:{id}"),
        Some(&reason),
    )
    .await?;
    if !closed.reporter_email.is_empty() {
        let key = if acted { "mail-report-handled" } else { "mail-report-dismissed" };
        mail::queue(&txn, &Mail::compose(Lang::Fr, &closed.reporter_email, None, key, &[("reason", reason.clone())]))
            .await?;
    }
    txn.commit().await?;
    app.mail_queued();
    Ok(see_other("/moderation", "flash-decision-saved"))
}

/// What can be reported.
#[derive(Debug, Clone, Copy)]
pub enum ReportTarget {
    Structure(i64),
    Recommendation(i64),
    Ad(i64),
    AdComment(i64),
}

/// Files a report in the moderation queue; `email` may be empty.
pub async fn report(
    db: &crate::db::Db,
    target: ReportTarget,
    reason: &str,
    message: &str,
    email: &str,
) -> Result<(), sea_orm::DbErr> {
    let (kind, id) = match target {
        ReportTarget::Structure(id) => ("structure", id),
        ReportTarget::Recommendation(id) => ("recommendation", id),
        ReportTarget::Ad(id) => ("ad", id),
        ReportTarget::AdComment(id) => ("ad_comment", id),
    };
    store::insert_report(db, kind, id, reason, message, email).await
}

/// The audit log, newest first, a page at a time (for the admin journal).
pub async fn journal(
    db: &crate::db::Db,
    page: u32,
    per_page: u32,
) -> Result<(Vec<JournalEntry>, bool), sea_orm::DbErr> {
    store::journal(db, page, per_page).await
}

#[cfg(test)]
mod tests {
    use super::domain_of;

    #[test]
    fn domains_are_compared_without_scheme_or_www() {
        assert_eq!(domain_of("Contact@Nuages.example"), "nuages.example");
        assert_eq!(domain_of("https://www.nuages.example/a"), "nuages.example");
        assert_eq!(domain_of(""), "");
    }
}
