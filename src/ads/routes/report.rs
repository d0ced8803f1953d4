//! Reports of an ad or of one of its comments, by anyone, for the moderators.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;

use super::super::CommentStatus;
use super::super::moderation::{REPORTED_AD, REPORTED_COMMENT};
use super::super::search::path;
use super::super::store::{self, AdRow};
use super::any;
use crate::app::AppState;
use crate::types::{Email, bounded};
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, FieldErrors, PageCtx, render, render_status, see_other};
use axum::http::StatusCode;

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub(super) struct ReportQuery {
    commentaire: String,
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub(super) struct ReportForm {
    report_reason: String,
    report_message: String,
    report_email: String,
}

/// A report as typed, checked.
struct Report {
    reason: String,
    message: String,
    email: String,
}

impl ReportForm {
    fn parse(&self) -> Result<Report, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = match self.report_reason.as_str() {
            "abuse" | "spam" | "inaccurate" => self.report_reason.clone(),
            "" => {
                errors.add("report_reason", "err-report-reason-required");
                String::new()
            }
            _ => {
                errors.add("report_reason", "err-choice-invalid");
                String::new()
            }
        };
        let message = errors.check("report_message", bounded(&self.report_message, 0, 2000, "", "err-report-long"));
        let email = if self.report_email.trim().is_empty() {
            Some(String::new())
        } else {
            errors.check("report_email", Email::parse(&self.report_email).map(|e| e.to_string()))
        };
        match (message, email) {
            (Some(message), Some(email)) if errors.is_empty() => Ok(Report { reason, message, email }),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "ads/report.html")]
struct ReportPage {
    ctx: PageCtx,
    title: String,
    path: String,
    action: String,
    comment: Option<store::Comment>,
    form: ReportForm,
    errors: FieldErrors,
}

async fn report_target(
    app: &AppState,
    segment: &str,
    q: &ReportQuery,
) -> Result<(AdRow, Option<store::Comment>), AppError> {
    let ad = any(app, segment).await?;
    if !ad.status.is_public() {
        return Err(AppError::NotFound);
    }
    let comment = match q.commentaire.as_str() {
        "" => None,
        c => {
            let id = c.parse::<i64>().map_err(|_| AppError::NotFound)?;
            let c = store::comment(app.db.conn(), id)
                .await?
                .filter(|c| c.ad_id == ad.id && c.status == CommentStatus::Published);
            Some(c.ok_or(AppError::NotFound)?)
        }
    };
    Ok((ad, comment))
}

pub(super) async fn report_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(segment): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let (ad, comment) = report_target(&app, &segment, &q).await?;
    let action = match &comment {
        Some(c) => format!("/annonces/{}/signaler?commentaire={}", ad.id, c.id),
        None => format!("/annonces/{}/signaler", ad.id),
    };
    let form = ReportForm {
        report_email: ctx.user.as_ref().map(|u| u.email.clone()).unwrap_or_default(),
        ..ReportForm::default()
    };
    render(&ReportPage {
        path: path(ad.id, &ad.slug),
        title: ad.title,
        action,
        comment,
        form,
        errors: FieldErrors::new(),
        ctx,
    })
}

pub(super) async fn report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    Path(segment): Path<String>,
    Query(q): Query<ReportQuery>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("report:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes).await?;
    let (ad, comment) = report_target(&app, &segment, &q).await?;
    let path = path(ad.id, &ad.slug);
    match form.parse() {
        Ok(Report { reason, message, email }) => {
            let (kind, id) = match &comment {
                Some(c) => (REPORTED_COMMENT, c.id),
                None => (REPORTED_AD, ad.id),
            };
            crate::moderation::report(&app.db, kind, id, &reason, &message, &email).await?;
            Ok(see_other(&path, "flash-ad-report-sent"))
        }
        Err(errors) => {
            let action = match &comment {
                Some(c) => format!("/annonces/{}/signaler?commentaire={}", ad.id, c.id),
                None => format!("/annonces/{}/signaler", ad.id),
            };
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ReportPage { ctx, title: ad.title, path, action, comment, form, errors },
            )
        }
    }
}
