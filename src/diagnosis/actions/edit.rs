//! An administrator's edit of the questionnaire: the whole text of the newest version (themes,
//! questions, choices with weights, grades, the alternatives mapping) read strictly, written
//! as a new version with its audit record in one transaction. Results keep the version they
//! were made with; drafts started before go on with theirs.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::super::seed::{self, LineError, Parts};
use super::super::store;
use crate::db::{self, Db};
use crate::web::{CurrentUser, FieldErrors};

/// The questionnaire as an administrator edits it: one text per part, and why.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct QuestionnaireText {
    pub themes: String,
    pub questions: String,
    pub choices: String,
    pub grades: String,
    pub alternatives: String,
    pub note: String,
}

/// A version as the list of versions shows it.
#[derive(db::Row, Debug, Clone)]
pub struct VersionRow {
    pub id: i64,
    pub note: String,
    pub created_at: i64,
    pub author: Option<String>,
}

/// Why an edit was refused: a message per part (`FieldErrors`), and the lines at fault.
#[derive(Debug)]
pub enum EditRefused {
    Invalid(FieldErrors, Vec<LineError>),
    Db(db::DbErr),
}

impl From<db::DbErr> for EditRefused {
    fn from(e: db::DbErr) -> Self {
        EditRefused::Db(e)
    }
}

/// The newest version as text, for the editor.
pub async fn current_text(db: &Db) -> db::Result<QuestionnaireText> {
    let version = super::ensure_questionnaire(db).await?;
    let q = store::questionnaire(db.conn(), version).await?.ok_or(db::DbErr::RecordNotFound("version".into()))?;
    let (themes, questions, choices, grades, alternatives) = seed::to_text(&q);
    Ok(QuestionnaireText { themes, questions, choices, grades, alternatives, note: String::new() })
}

/// The versions, newest first.
pub async fn versions(db: &Db) -> db::Result<Vec<VersionRow>> {
    db::all(
        db.conn(),
        "SELECT v.id, v.note, v.created_at, u.email AS author FROM diagnosis_versions v \
         LEFT JOIN users u ON u.id = v.created_by ORDER BY v.id DESC LIMIT 50",
        crate::vals![],
    )
    .await
}

/// Writes `text` as the newest version; returns its number.
pub async fn save_questionnaire(db: &Db, admin: &CurrentUser, text: &QuestionnaireText) -> Result<i64, EditRefused> {
    let mut errors = FieldErrors::new();
    let note = text.note.trim();
    if note.is_empty() {
        errors.add("note", "err-diagnosis-edit-note");
    } else if note.chars().count() > 200 || note.chars().any(char::is_control) {
        errors.add("note", "err-diagnosis-edit-note-long");
    }
    let software: Vec<String> =
        crate::directory::terms(db).await?.into_iter().filter(|t| t.kind == "software").map(|t| t.slug).collect();
    let parts = Parts {
        themes: &text.themes,
        questions: &text.questions,
        choices: &text.choices,
        grades: &text.grades,
        alternatives: &text.alternatives,
    };
    let parsed = seed::parse(parts, &software);
    let lines = match &parsed {
        Ok(_) => Vec::new(),
        Err(lines) => lines.clone(),
    };
    let mut by_part: BTreeMap<&str, ()> = BTreeMap::new();
    for l in &lines {
        if by_part.insert(l.part, ()).is_none() {
            errors.add(l.part, "err-diagnosis-edit-lines");
        }
    }
    let q = match parsed {
        Ok(q) if errors.is_empty() => q,
        _ => return Err(EditRefused::Invalid(errors, lines)),
    };
    let txn = db.begin().await?;
    let version = store::insert_version(&txn, &q, Some(admin.id), note).await?;
    crate::audit::record(&txn, admin, "diagnosis.edit", &format!("diagnosis:version:{version}"), Some(note)).await?;
    txn.commit().await?;
    Ok(version)
}
