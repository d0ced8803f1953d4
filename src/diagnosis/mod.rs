//! The self-diagnosis (`/diagnostic`): where an association stands, a tool-by-tool plan and the
//! structures of the directory that fit, without an account, a cookie or JavaScript.
//!
//! ```text
//! POST /diagnostic ─▶ draft (answers kept server-side under the hash of an unguessable token
//!                     in the URL) ─step 1…5, each a form POST─▶ result (its own unguessable link)
//! result ─"change my answers"─▶ a new draft with the same answers ─▶ a new result, which says
//!                                what changed since the one it came from
//! ```
//!
//! The questionnaire (themes, questions, choices, weights per theme, grade thresholds, the
//! alternatives mapping) lives in the database in versions written whole; the first comes from
//! `content/diagnosis/` (`seed.rs`). A draft and a result keep the version they were made with.
//!
//! Layout: `questionnaire.rs` (the types of a version), `scoring.rs` (levels and grade),
//! `plan.rs` (alternatives with their hints, the services needed), `matching.rs` (the directory's
//! structures that fit), `view.rs` (a result as its page and its Markdown show it), `forms.rs`
//! (a step's answers and their checks), `actions/` (start, answer, purge, seed), `routes/` (one
//! file per page), `store.rs` (SQL), `demo.rs`. The result page is a list of sections
//! (`view::Section`): guides and ads plug in as new sections.

mod actions;
mod demo;
mod error;
#[cfg(test)]
mod fixture;
mod forms;
mod markdown;
mod matching;
mod plan;
mod questionnaire;
mod routes;
mod scoring;
mod seed;
mod share;
mod stats;
mod store;
mod view;

pub use actions::{
    EditRefused, LabelledRow, QuestionnaireText, VersionRow, current_text, ensure_questionnaire, labelled_statistics,
    purge, save_questionnaire, statistics, versions,
};
pub use demo::seed_demo;
pub use error::DiagnosisError;
pub use routes::opendata::OpenDataFile;
pub use routes::routes;
pub use seed::LineError;
pub use share::contact_attachment;
pub use stats::{MIN_COUNT, Row as StatRow, Statistics};
