//! GET and POST /diagnostic/reponses/{token}/{step}: one step of the questionnaire, with the
//! progress through the steps, the answers given so far, and a link back to the previous step.
//! A step not reached yet sends to the step the draft is at.

use std::borrow::Borrow;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::super::DiagnosisError;
use super::super::actions::{self, Answered};
use super::super::forms::{AnswerErrors, StepForm};
use super::super::questionnaire::{Answers, QuestionKind, Questionnaire};
use super::super::store::DraftRow;
use super::{draft, private};
use crate::app::AppState;
use crate::web::{AppError, CsrfForm, PageCtx, render_status};

pub(super) struct ChoiceView {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub(super) struct QuestionView {
    pub key: String,
    pub kind: &'static str,
    pub label: String,
    pub hint: String,
    pub choices: Vec<ChoiceView>,
}

impl QuestionView {
    pub fn is_place(&self) -> bool {
        self.kind == "place"
    }

    pub fn is_multi(&self) -> bool {
        self.kind == "multi"
    }
}

#[derive(Template)]
#[template(path = "diagnosis/step.html")]
struct StepPage {
    ctx: PageCtx,
    token: String,
    step: i64,
    steps: i64,
    reached: i64,
    questions: Vec<QuestionView>,
    errors: AnswerErrors,
}

impl StepPage {
    fn action(&self) -> String {
        format!("/diagnostic/reponses/{}/{}", self.token, self.step)
    }

    fn step_href(&self, n: impl Borrow<i64>) -> String {
        format!("/diagnostic/reponses/{}/{}", self.token, n.borrow())
    }

    fn progress(&self) -> String {
        self.ctx
            .lang
            .t_args("diagnosis-progress", &[("step", self.step.to_string()), ("steps", self.steps.to_string())])
    }

    fn step_label(&self, n: impl Borrow<i64>) -> String {
        let n = *n.borrow();
        let key = format!("diagnosis-step-{n}");
        if self.ctx.lang.has(&key) { self.ctx.t(&key) } else { n.to_string() }
    }
}

fn views(q: &Questionnaire, step: i64, answers: &Answers, ctx: &PageCtx) -> Vec<QuestionView> {
    let lang = ctx.lang;
    q.step(step)
        .map(|question| {
            let chosen = answers.get(&question.key).map(Vec::as_slice).unwrap_or_default();
            let choices = if question.kind == QuestionKind::Place {
                crate::geo::departements()
                    .iter()
                    .map(|d| ChoiceView {
                        value: d.code.to_owned(),
                        label: format!("{} — {}", d.code, d.name),
                        checked: chosen.iter().any(|c| c == d.code),
                    })
                    .collect()
            } else {
                question
                    .choices
                    .iter()
                    .map(|c| ChoiceView {
                        value: c.value.clone(),
                        label: c.label.get(lang).to_owned(),
                        checked: chosen.contains(&c.value),
                    })
                    .collect()
            };
            QuestionView {
                key: question.key.clone(),
                kind: question.kind.as_str(),
                label: question.label.get(lang).to_owned(),
                hint: question.hint.get(lang).to_owned(),
                choices,
            }
        })
        .collect()
}

fn step_number(q: &Questionnaire, step: &str) -> Result<i64, AppError> {
    step.parse::<i64>().ok().filter(|s| (1..=q.steps()).contains(s)).ok_or(AppError::NotFound)
}

/// The step asked for and the furthest step reached, or the way to the furthest one when the
/// step asked for is beyond it.
fn open_step(
    q: &Questionnaire,
    draft: &DraftRow,
    token: &str,
    step: &str,
) -> Result<Result<(i64, i64), Response>, AppError> {
    let step = step_number(q, step)?;
    let reached = i64::from(draft.step_reached).min(q.steps());
    if step > reached {
        return Ok(Err(Redirect::to(&format!("/diagnostic/reponses/{token}/{reached}")).into_response()));
    }
    Ok(Ok((step, reached)))
}

pub(super) async fn page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path((token, step)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (draft, q) = draft(&app, &token).await?;
    let (step, reached) = match open_step(&q, &draft, &token, &step)? {
        Ok(open) => open,
        Err(further) => return Ok(further),
    };
    let answers = actions::decode_answers(&draft.answers);
    let questions = views(&q, step, &answers, &ctx);
    let page = StepPage { ctx, token, step, steps: q.steps(), reached, questions, errors: AnswerErrors::default() };
    Ok(private(render_status(StatusCode::OK, &page)?))
}

pub(super) async fn answer(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path((token, step)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, AppError> {
    let (draft, q) = draft(&app, &token).await?;
    let (step, reached) = match open_step(&q, &draft, &token, &step)? {
        Ok(open) => open,
        Err(further) => return Ok(further),
    };
    match actions::answer(&app.db, &q, &draft, step, &form).await {
        Ok(Answered::Step(next)) => Ok(Redirect::to(&format!("/diagnostic/reponses/{token}/{next}")).into_response()),
        Ok(Answered::Result(result)) => {
            app.diagnosis_file.forget();
            Ok(Redirect::to(&format!("/diagnostic/resultat/{result}")).into_response())
        }
        Err(DiagnosisError::Invalid(errors)) => {
            // What was sent on this step, kept as it was typed.
            let sent = super::super::forms::sent(&q, step, &form);
            let questions = views(&q, step, &sent, &ctx);
            let page = StepPage { ctx, token, step, steps: q.steps(), reached, questions, errors };
            Ok(private(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)?))
        }
        Err(e) => Err(e.into()),
    }
}
