//! GET /donnees/diagnostics.csv: the aggregate statistics of the self-diagnosis as open data,
//! counts only, no row under `MIN_COUNT`: which tools with free alternatives associations use,
//! overall, by region (code) and by size, and the grades.

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::super::actions;
use crate::app::AppState;
use crate::types::csv_cell;
use crate::web::AppError;

/// How long a node keeps the file it computed (it reads every kept result), unless it made a
/// result meanwhile.
const KEEP: Duration = Duration::from_secs(60);

/// The file of the statistics as this node last computed it; one request computes it while the
/// others wait for it, so a flood of requests costs one scan a minute.
#[derive(Default)]
pub struct OpenDataFile {
    kept: tokio::sync::Mutex<Option<(Instant, Bytes)>>,
}

impl OpenDataFile {
    /// Forgets the kept file: the next request computes it again.
    pub fn forget(&self) {
        if let Ok(mut kept) = self.kept.try_lock() {
            *kept = None;
        } else {
            // Being computed right now: that computation may miss the newest result for a minute.
            tracing::debug!("statistics file being computed while a result was made");
        }
    }
}

pub(super) async fn csv(State(app): State<AppState>) -> Result<Response, AppError> {
    let mut kept = app.diagnosis_file.kept.lock().await;
    let bytes = match kept.as_ref() {
        Some((at, bytes)) if at.elapsed() < KEEP => bytes.clone(),
        _ => {
            let bytes = Bytes::from(compute(&app).await?);
            *kept = Some((Instant::now(), bytes.clone()));
            bytes
        }
    };
    drop(kept);
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"diagnostics.csv\""));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    Ok(res)
}

async fn compute(app: &AppState) -> Result<Vec<u8>, AppError> {
    let s = actions::statistics(&app.db).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| AppError::Internal(anyhow::anyhow!("{e}"));
    w.write_record(["mesure", "groupe", "cle", "valeur", "nombre"]).map_err(err)?;
    let rows = s.tools.iter().map(|r| ("outil", r)).chain(s.grades.iter().map(|r| ("note", r)));
    for (measure, r) in rows {
        // Values come from the questionnaire, which administrators edit: none may run as a formula.
        let record = [
            measure.to_owned(),
            r.group.to_owned(),
            csv_cell(r.key.clone()),
            csv_cell(r.item.clone()),
            r.count.to_string(),
        ];
        w.write_record(record).map_err(err)?;
    }
    w.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}
