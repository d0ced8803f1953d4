//! GET /diagnostic/resultat/{token}: the result behind its private link; …/markdown: the same
//! as a Markdown file; POST …/modifier: a new draft with the same answers, to change them (the
//! new result then says what changed).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::super::actions;
use super::super::matching::Candidate;
use super::super::store::{self, ResultRow};
use super::super::view::{self, Context, ResultView, Section};
use super::{private, questionnaire, result_row};
use crate::app::AppState;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, Lang, PageCtx, render_status};

#[derive(Template)]
#[template(path = "diagnosis/result.html")]
pub(super) struct ResultPage {
    pub(super) ctx: PageCtx,
    /// The private link's token; empty when a structure's team reads an attached result.
    pub(super) token: String,
    /// Read by a structure's team: no link, no action.
    pub(super) shared: bool,
    pub(super) v: ResultView,
    /// How long results are kept (`diagnosis_result_days`).
    pub(super) result_days: i64,
}

impl ResultPage {
    fn is(&self, section: &Section, name: &str) -> bool {
        section.id() == name
    }

    /// When the result and its link are deleted.
    fn expires_on(&self) -> String {
        self.ctx.date(&(self.v.created_at + self.result_days * 86_400))
    }

    fn grade_sentence(&self) -> String {
        self.ctx
            .lang
            .t_args("diagnosis-result-grade", &[("grade", self.v.grade.clone()), ("score", self.v.overall.to_string())])
    }

    /// What the result it was redone from said.
    fn before_sentence(&self) -> Option<String> {
        let (score, grade) = self.v.overall_before.clone()?;
        Some(self.ctx.lang.t_args("diagnosis-result-before", &[("grade", grade), ("score", score.to_string())]))
    }

    fn overall_change(&self) -> String {
        view::signed(self.v.overall_before.as_ref().map(|(b, _)| self.v.overall - b))
    }
}

pub(super) async fn build(app: &AppState, row: &ResultRow, lang: Lang) -> Result<ResultView, AppError> {
    let q = questionnaire(app, row.version_id).await?;
    let answers = actions::decode_answers(&row.answers);
    let previous = match &row.previous_hash {
        Some(hash) => match store::result(app.db.conn(), hash).await? {
            Some(p) => store::questionnaire(app.db.conn(), p.version_id)
                .await?
                .map(|pq| (pq, actions::decode_answers(&p.answers))),
            None => None,
        },
        None => None,
    };
    let candidates: Vec<Candidate> = app.directory.all_listed().iter().map(|c| Candidate::from(c.as_ref())).collect();
    let labels = app.directory.labels();
    let cx = Context {
        lang,
        labels: &labels,
        candidates: &candidates,
        previous: previous.as_ref().map(|(q, a)| (q, a)),
        created_at: row.created_at,
    };
    Ok(view::build(&q, &answers, &cx))
}

pub(super) async fn page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let row = result_row(&app, &token).await?;
    let v = build(&app, &row, ctx.lang).await?;
    Ok(private(render_status(
        StatusCode::OK,
        &ResultPage { ctx, token, shared: false, v, result_days: app.config.diagnosis_result_days },
    )?))
}

pub(super) async fn markdown(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let row = result_row(&app, &token).await?;
    let v = build(&app, &row, ctx.lang).await?;
    let base = app.config.base();
    let link = format!("{base}{}", ctx.lang.href(&format!("/diagnostic/resultat/{token}")));
    let text = super::super::markdown::render(ctx.lang, &v, base, &link);
    let mut res = text.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/markdown; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"diagnostic.md\""));
    Ok(private(res))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ReviseForm {}

pub(super) async fn revise(
    State(app): State<AppState>,
    ip: ClientIp,
    Path(token): Path<String>,
    CsrfForm(_): CsrfForm<ReviseForm>,
) -> Result<Response, AppError> {
    let row = result_row(&app, &token).await?;
    ratelimit::hit(&app.db, &format!("diagnosis:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let draft = actions::revise(&app.db, &row).await?;
    Ok(Redirect::to(&format!("/diagnostic/reponses/{draft}/1")).into_response())
}
