//! GET /donnees/diagnostics.csv: the aggregate statistics of the self-diagnosis as open data,
//! counts only, no row under `MIN_COUNT`: which tools with free alternatives associations use,
//! overall, by region (code) and by size, and the grades.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::super::actions;
use crate::app::AppState;
use crate::web::AppError;

/// A cell that spreadsheets would read as a formula is quoted.
fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() }
}

pub(super) async fn csv(State(app): State<AppState>) -> Result<Response, AppError> {
    let s = actions::statistics(&app.db).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| AppError::Internal(anyhow::anyhow!("{e}"));
    w.write_record(["mesure", "groupe", "cle", "valeur", "nombre"]).map_err(err)?;
    let rows = s.tools.iter().map(|r| ("outil", r)).chain(s.grades.iter().map(|r| ("note", r)));
    for (measure, r) in rows {
        // Values come from the questionnaire, which administrators edit: none may run as a formula.
        let record = [measure.to_owned(), r.group.to_owned(), cell(&r.key), cell(&r.item), r.count.to_string()];
        w.write_record(record).map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"diagnostics.csv\""));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    Ok(res)
}
