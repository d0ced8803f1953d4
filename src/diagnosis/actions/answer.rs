//! Answering a step of a draft: the step's answers are checked, kept in the draft, and the
//! visitor goes on to the next step; at the last one, the result is made (with its grade and
//! the figures the statistics count) and the draft deleted, in one transaction.

use super::super::DiagnosisError;
use super::super::forms::{self, StepForm};
use super::super::questionnaire::{Questionnaire, first};
use super::super::scoring;
use super::super::store::{self, DraftRow, NewResult};
use super::{decode, encode};
use crate::db::{self, Db};
use crate::web::session::{hash_token, random_token};

pub enum Answered {
    /// Go on to this step.
    Step(i64),
    /// The result's token.
    Result(String),
}

pub async fn answer(
    db: &Db,
    q: &Questionnaire,
    draft: &DraftRow,
    step: i64,
    form: &StepForm,
) -> Result<Answered, DiagnosisError> {
    let sent = forms::sent(q, step, form);
    forms::check(q, step, &sent).map_err(DiagnosisError::Invalid)?;
    let mut answers = decode(&draft.answers);
    answers.extend(sent);
    let reached = (step + 1).max(i64::from(draft.step_reached));
    if step < q.steps() {
        store::update_draft(db.conn(), &draft.token_hash, &encode(&answers), reached).await?;
        // A step never answered comes next; when going back, the one after.
        return Ok(Answered::Step(forms::first_incomplete(q, &answers).unwrap_or(step + 1).min(step + 1)));
    }
    if let Some(missing) = forms::first_incomplete(q, &answers) {
        store::update_draft(db.conn(), &draft.token_hash, &encode(&answers), reached).await?;
        return Ok(Answered::Step(missing));
    }
    let score = scoring::score(q, &answers);
    let department = first(&answers, "department");
    let region = crate::geo::departement(department).map(|d| d.region).unwrap_or("");
    let token = random_token();
    let hash = hash_token(&token);
    let txn = db.begin().await?;
    store::insert_result(
        &txn,
        &NewResult {
            hash: &hash,
            version: q.version,
            answers: &encode(&answers),
            grade: &score.grade,
            score: score.overall,
            department_code: department,
            region_code: region,
            size: first(&answers, "size"),
            previous_hash: draft.previous_hash.as_deref(),
            created_at: db::now(),
        },
    )
    .await?;
    store::delete_draft(&txn, &draft.token_hash).await?;
    txn.commit().await?;
    Ok(Answered::Result(token))
}
