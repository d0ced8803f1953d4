//! GET /admin/questionnaire: the self-diagnosis questionnaire of the newest version as text (themes,
//! questions, choices with their weights, grades, the alternatives mapping) and the list of
//! versions; POST: saves the text as a new version, with its audit record. The diagnosis feature
//! owns the tables and the rules; this page only shows them.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::app::AppState;
use crate::diagnosis::{self, EditRefused, LabelledRow, LineError, QuestionnaireText, VersionRow};
use crate::web::{AdminUser, AppError, CsrfForm, FieldErrors, PageCtx, render, render_status, see_other};

#[derive(Template)]
#[template(path = "admin/diagnosis.html")]
struct EditPage {
    ctx: PageCtx,
    form: QuestionnaireText,
    errors: FieldErrors,
    lines: Vec<LineError>,
    versions: Vec<VersionRow>,
}

impl EditPage {
    /// (field, text, rows) of each part of the questionnaire, in page order.
    fn parts(&self) -> [(&'static str, &str, u32); 5] {
        let f = &self.form;
        [
            ("themes", f.themes.as_str(), 8),
            ("questions", f.questions.as_str(), 16),
            ("choices", f.choices.as_str(), 20),
            ("grades", f.grades.as_str(), 6),
            ("alternatives", f.alternatives.as_str(), 20),
        ]
    }

    /// The lines at fault in one part, at most ten.
    fn lines_of(&self, part: &str) -> Vec<&LineError> {
        self.lines.iter().filter(|l| l.part == part).take(10).collect()
    }
}

pub(super) async fn show(State(app): State<AppState>, ctx: PageCtx, _: AdminUser) -> Result<Response, AppError> {
    let form = diagnosis::current_text(&app.db).await?;
    let versions = diagnosis::versions(&app.db).await?;
    render(&EditPage { ctx, form, errors: FieldErrors::new(), lines: Vec::new(), versions })
}

pub(super) async fn save(
    State(app): State<AppState>,
    ctx: PageCtx,
    AdminUser(admin): AdminUser,
    CsrfForm(form): CsrfForm<QuestionnaireText>,
) -> Result<Response, AppError> {
    match diagnosis::save_questionnaire(&app.db, &admin, &form).await {
        Ok(_) => Ok(see_other("/admin/questionnaire", "flash-diagnosis-saved")),
        Err(EditRefused::Invalid(errors, lines)) => {
            let versions = diagnosis::versions(&app.db).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &EditPage { ctx, form, errors, lines, versions })
        }
        Err(EditRefused::Db(e)) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/diagnosis_stats.html")]
struct StatsPage {
    ctx: PageCtx,
    results: i64,
    min: i64,
    /// Tools, then grades: each overall, by region, by size.
    tools: [Vec<LabelledRow>; 3],
    grades: [Vec<LabelledRow>; 3],
}

/// GET /admin/diagnostics: the aggregate statistics of the results, counts only.
pub(super) async fn stats(State(app): State<AppState>, ctx: PageCtx, _: AdminUser) -> Result<Response, AppError> {
    let (results, tools, grades) = diagnosis::labelled_statistics(&app.db, ctx.lang).await?;
    render(&StatsPage { ctx, results, min: diagnosis::MIN_COUNT, tools, grades })
}
