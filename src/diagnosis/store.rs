//! Storage of the self-diagnosis: the versions of the questionnaire (written whole, never
//! changed), the drafts and the results, each under the hash of its link's token.

use std::collections::BTreeMap;

use sea_orm::ConnectionTrait;

use super::questionnaire::{
    Alternative, Choice, Cost, Difficulty, GradeStep, Question, QuestionKind, Questionnaire, Text, Theme,
};
use crate::db::{self, Row, batch};
use crate::vals;

/// The newest version of the questionnaire, if one was written.
pub async fn current_version<C: ConnectionTrait>(c: &C) -> db::Result<Option<i64>> {
    db::int(c, "SELECT id FROM diagnosis_versions ORDER BY id DESC LIMIT 1", vals![]).await
}

#[derive(Row)]
struct ThemeRow {
    slug: String,
    label_fr: String,
    label_en: String,
    why_fr: String,
    why_en: String,
    next_fr: String,
    next_en: String,
}

#[derive(Row)]
struct QuestionRow {
    key: String,
    step: i32,
    kind: QuestionKind,
    need: String,
    label_fr: String,
    label_en: String,
    hint_fr: String,
    hint_en: String,
}

#[derive(Row)]
struct ChoiceRow {
    question_key: String,
    value: String,
    label_fr: String,
    label_en: String,
}

#[derive(Row)]
struct WeightRow {
    question_key: String,
    value: String,
    theme: String,
    points: i32,
}

#[derive(Row)]
struct GradeRow {
    grade: String,
    min_score: i32,
}

#[derive(Row)]
struct AlternativeRow {
    tool: String,
    name: String,
    software: String,
    difficulty: Difficulty,
    cost: Cost,
    note_fr: String,
    note_en: String,
}

/// One version of the questionnaire, whole; `None` when there is no such version.
pub async fn questionnaire<C: ConnectionTrait>(c: &C, version: i64) -> db::Result<Option<Questionnaire>> {
    if db::int(c, "SELECT COUNT(*) FROM diagnosis_versions WHERE id = $1", vals![version]).await? != Some(1) {
        return Ok(None);
    }
    let themes: Vec<ThemeRow> = db::all(
        c,
        "SELECT slug, label_fr, label_en, why_fr, why_en, next_fr, next_en FROM diagnosis_themes \
         WHERE version_id = $1 ORDER BY position, slug",
        vals![version],
    )
    .await?;
    let questions: Vec<QuestionRow> = db::all(
        c,
        "SELECT key, step, kind, need, label_fr, label_en, hint_fr, hint_en FROM diagnosis_questions \
         WHERE version_id = $1 ORDER BY step, position, key",
        vals![version],
    )
    .await?;
    let choices: Vec<ChoiceRow> = db::all(
        c,
        "SELECT question_key, value, label_fr, label_en FROM diagnosis_choices WHERE version_id = $1 \
         ORDER BY question_key, position, value",
        vals![version],
    )
    .await?;
    let weights: Vec<WeightRow> = db::all(
        c,
        "SELECT question_key, value, theme, points FROM diagnosis_weights WHERE version_id = $1",
        vals![version],
    )
    .await?;
    let grades: Vec<GradeRow> = db::all(
        c,
        "SELECT grade, min_score FROM diagnosis_grades WHERE version_id = $1 ORDER BY min_score DESC",
        vals![version],
    )
    .await?;
    let alternatives: Vec<AlternativeRow> = db::all(
        c,
        "SELECT tool, name, software, difficulty, cost, note_fr, note_en FROM diagnosis_alternatives \
         WHERE version_id = $1 ORDER BY tool, position",
        vals![version],
    )
    .await?;

    let mut weights_of: BTreeMap<(String, String), BTreeMap<String, i64>> = BTreeMap::new();
    for w in weights {
        weights_of.entry((w.question_key, w.value)).or_default().insert(w.theme, i64::from(w.points));
    }
    let mut choices_of: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    for ch in choices {
        let weights = weights_of.remove(&(ch.question_key.clone(), ch.value.clone())).unwrap_or_default();
        choices_of.entry(ch.question_key).or_default().push(Choice {
            value: ch.value,
            label: Text::new(ch.label_fr, ch.label_en),
            weights,
        });
    }
    Ok(Some(Questionnaire {
        version,
        themes: themes
            .into_iter()
            .map(|t| Theme {
                slug: t.slug,
                label: Text::new(t.label_fr, t.label_en),
                why: Text::new(t.why_fr, t.why_en),
                next: Text::new(t.next_fr, t.next_en),
            })
            .collect(),
        questions: questions
            .into_iter()
            .map(|q| Question {
                choices: choices_of.remove(&q.key).unwrap_or_default(),
                key: q.key,
                step: i64::from(q.step),
                kind: q.kind,
                need: q.need,
                label: Text::new(q.label_fr, q.label_en),
                hint: Text::new(q.hint_fr, q.hint_en),
            })
            .collect(),
        grades: grades.into_iter().map(|g| GradeStep { grade: g.grade, min_score: i64::from(g.min_score) }).collect(),
        alternatives: alternatives
            .into_iter()
            .map(|a| Alternative {
                tool: a.tool,
                name: a.name,
                software: a.software,
                difficulty: a.difficulty,
                cost: a.cost,
                note: Text::new(a.note_fr, a.note_en),
            })
            .collect(),
    }))
}

/// Writes `q` whole as a new version and returns its number.
pub async fn insert_version<C: ConnectionTrait>(
    c: &C,
    q: &Questionnaire,
    created_by: Option<i64>,
    note: &str,
) -> db::Result<i64> {
    let version = db::int(
        c,
        "INSERT INTO diagnosis_versions (note, created_by, created_at) VALUES ($1, $2, $3) RETURNING id",
        vals![note, created_by, db::now()],
    )
    .await?
    .ok_or_else(|| db::DbErr::RecordNotInserted)?;
    let themes = q.themes.iter().enumerate().map(|(i, t)| {
        vals![
            version,
            t.slug.as_str(),
            i as i64,
            t.label.fr.as_str(),
            t.label.en.as_str(),
            t.why.fr.as_str(),
            t.why.en.as_str(),
            t.next.fr.as_str(),
            t.next.en.as_str()
        ]
    });
    batch::insert(
        c,
        "diagnosis_themes",
        &["version_id", "slug", "position", "label_fr", "label_en", "why_fr", "why_en", "next_fr", "next_en"],
        themes.collect(),
    )
    .await?;
    let questions = q.questions.iter().enumerate().map(|(i, x)| {
        vals![
            version,
            x.key.as_str(),
            x.step,
            i as i64,
            x.kind,
            x.need.as_str(),
            x.label.fr.as_str(),
            x.label.en.as_str(),
            x.hint.fr.as_str(),
            x.hint.en.as_str()
        ]
    });
    batch::insert(
        c,
        "diagnosis_questions",
        &["version_id", "key", "step", "position", "kind", "need", "label_fr", "label_en", "hint_fr", "hint_en"],
        questions.collect(),
    )
    .await?;
    let mut choices = Vec::new();
    let mut weights = Vec::new();
    for x in &q.questions {
        for (i, ch) in x.choices.iter().enumerate() {
            choices.push(vals![
                version,
                x.key.as_str(),
                ch.value.as_str(),
                i as i64,
                ch.label.fr.as_str(),
                ch.label.en.as_str()
            ]);
            for (theme, points) in &ch.weights {
                weights.push(vals![version, x.key.as_str(), ch.value.as_str(), theme.as_str(), *points]);
            }
        }
    }
    batch::insert(
        c,
        "diagnosis_choices",
        &["version_id", "question_key", "value", "position", "label_fr", "label_en"],
        choices,
    )
    .await?;
    batch::insert(c, "diagnosis_weights", &["version_id", "question_key", "value", "theme", "points"], weights).await?;
    let grades = q.grades.iter().map(|g| vals![version, g.grade.as_str(), g.min_score]).collect();
    batch::insert(c, "diagnosis_grades", &["version_id", "grade", "min_score"], grades).await?;
    let alternatives = q
        .alternatives
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vals![
                version,
                a.tool.as_str(),
                i as i64,
                a.name.as_str(),
                a.software.as_str(),
                a.difficulty,
                a.cost,
                a.note.fr.as_str(),
                a.note.en.as_str()
            ]
        })
        .collect();
    batch::insert(
        c,
        "diagnosis_alternatives",
        &["version_id", "tool", "position", "name", "software", "difficulty", "cost", "note_fr", "note_en"],
        alternatives,
    )
    .await?;
    Ok(version)
}

// ---- drafts and results -------------------------------------------------------------------

#[derive(Row, Debug, Clone)]
pub struct DraftRow {
    pub token_hash: String,
    pub version_id: i64,
    pub answers: String,
    pub step_reached: i32,
    pub previous_hash: Option<String>,
}

pub async fn insert_draft<C: ConnectionTrait>(
    c: &C,
    hash: &str,
    version: i64,
    answers: &str,
    step_reached: i64,
    previous_hash: Option<&str>,
) -> db::Result<()> {
    let now = db::now();
    db::exec(
        c,
        "INSERT INTO diagnosis_drafts (token_hash, version_id, answers, step_reached, previous_hash, created_at, \
           updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        vals![hash, version, answers, step_reached, previous_hash, now],
    )
    .await?;
    Ok(())
}

pub async fn draft<C: ConnectionTrait>(c: &C, hash: &str) -> db::Result<Option<DraftRow>> {
    db::one(
        c,
        "SELECT token_hash, version_id, answers, step_reached, previous_hash FROM diagnosis_drafts \
         WHERE token_hash = $1",
        vals![hash],
    )
    .await
}

pub async fn update_draft<C: ConnectionTrait>(c: &C, hash: &str, answers: &str, step_reached: i64) -> db::Result<()> {
    db::exec(
        c,
        "UPDATE diagnosis_drafts SET answers = $2, step_reached = $3, updated_at = $4 WHERE token_hash = $1",
        vals![hash, answers, step_reached, db::now()],
    )
    .await?;
    Ok(())
}

pub async fn delete_draft<C: ConnectionTrait>(c: &C, hash: &str) -> db::Result<()> {
    db::exec(c, "DELETE FROM diagnosis_drafts WHERE token_hash = $1", vals![hash]).await?;
    Ok(())
}

#[derive(Row, Debug, Clone)]
pub struct ResultRow {
    pub token_hash: String,
    pub version_id: i64,
    pub answers: String,
    pub previous_hash: Option<String>,
    pub created_at: i64,
}

/// What a new result stores besides its answers: the figures the statistics count.
pub struct NewResult<'a> {
    pub hash: &'a str,
    pub version: i64,
    pub answers: &'a str,
    pub grade: &'a str,
    pub score: i64,
    pub department_code: &'a str,
    pub region_code: &'a str,
    pub size: &'a str,
    pub previous_hash: Option<&'a str>,
    pub created_at: i64,
}

/// Inserts a result; one already under that hash is left as it is (the demo's).
pub async fn insert_result<C: ConnectionTrait>(c: &C, r: &NewResult<'_>) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO diagnosis_results (token_hash, version_id, answers, grade, score, department_code, region_code, \
           size, previous_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
        vals![
            r.hash,
            r.version,
            r.answers,
            r.grade,
            r.score,
            r.department_code,
            r.region_code,
            r.size,
            r.previous_hash,
            r.created_at
        ],
    )
    .await?;
    Ok(())
}

pub async fn result<C: ConnectionTrait>(c: &C, hash: &str) -> db::Result<Option<ResultRow>> {
    db::one(
        c,
        "SELECT token_hash, version_id, answers, previous_hash, created_at \
         FROM diagnosis_results WHERE token_hash = $1",
        vals![hash],
    )
    .await
}

/// Deletes the drafts untouched since `drafts_before` and the results made before
/// `results_before`; returns how many rows went.
pub async fn purge<C: ConnectionTrait>(c: &C, drafts_before: i64, results_before: i64) -> db::Result<u64> {
    let drafts = db::exec(c, "DELETE FROM diagnosis_drafts WHERE updated_at < $1", vals![drafts_before]).await?;
    let results = db::exec(c, "DELETE FROM diagnosis_results WHERE created_at < $1", vals![results_before]).await?;
    Ok(drafts + results)
}

// ---- results attached to a contact message ------------------------------------------------

/// Attaches a result to a structure (once: attaching it again gives the same share); returns
/// the share's id.
pub async fn share<C: ConnectionTrait>(c: &C, result_hash: &str, structure_id: i64) -> db::Result<i64> {
    db::exec(
        c,
        "INSERT INTO diagnosis_shares (result_hash, structure_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (result_hash, structure_id) DO NOTHING",
        vals![result_hash, structure_id, db::now()],
    )
    .await?;
    db::int(
        c,
        "SELECT id FROM diagnosis_shares WHERE result_hash = $1 AND structure_id = $2",
        vals![result_hash, structure_id],
    )
    .await?
    .ok_or(db::DbErr::RecordNotFound("share".into()))
}

#[derive(Row, Debug, Clone)]
pub struct ShareListRow {
    pub id: i64,
    pub shared_at: i64,
    pub grade: String,
    pub score: i32,
    pub department_code: String,
}

/// The results attached to messages to a structure, newest first.
pub async fn shares_of<C: ConnectionTrait>(c: &C, structure_id: i64) -> db::Result<Vec<ShareListRow>> {
    db::all(
        c,
        "SELECT s.id, s.created_at AS shared_at, r.grade, r.score, r.department_code FROM diagnosis_shares s \
         JOIN diagnosis_results r ON r.token_hash = s.result_hash WHERE s.structure_id = $1 \
         ORDER BY s.created_at DESC, s.id DESC LIMIT 200",
        vals![structure_id],
    )
    .await
}

/// A share with its result.
pub async fn shared<C: ConnectionTrait>(c: &C, id: i64) -> db::Result<Option<(i64, ResultRow)>> {
    #[derive(Row)]
    struct Line {
        structure_id: i64,
        token_hash: String,
        version_id: i64,
        answers: String,
        previous_hash: Option<String>,
        created_at: i64,
    }
    let line: Option<Line> = db::one(
        c,
        "SELECT s.structure_id, r.token_hash, r.version_id, r.answers, r.previous_hash, r.created_at \
         FROM diagnosis_shares s JOIN diagnosis_results r ON r.token_hash = s.result_hash WHERE s.id = $1",
        vals![id],
    )
    .await?;
    Ok(line.map(|l| {
        (
            l.structure_id,
            ResultRow {
                token_hash: l.token_hash,
                version_id: l.version_id,
                answers: l.answers,
                previous_hash: l.previous_hash,
                created_at: l.created_at,
            },
        )
    }))
}

// ---- statistics ---------------------------------------------------------------------------

#[derive(Row, Debug, Clone)]
pub struct SampleRow {
    pub version_id: i64,
    pub answers: String,
    pub region_code: String,
    pub size: String,
    pub grade: String,
}

/// Every result, as the statistics read them (at most the newest 100,000).
pub async fn samples<C: ConnectionTrait>(c: &C) -> db::Result<Vec<SampleRow>> {
    db::all(
        c,
        "SELECT version_id, answers, region_code, size, grade FROM diagnosis_results \
         ORDER BY created_at DESC LIMIT 100000",
        vals![],
    )
    .await
}
