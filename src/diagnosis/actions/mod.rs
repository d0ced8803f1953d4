//! The units of work of the self-diagnosis, one file per action: write the shipped
//! questionnaire when none exists (`seed.rs`), an administrator's edit of it (`edit.rs`), start a draft (`start.rs`), answer a step and
//! make the result at the last one (`answer.rs`), purge old drafts and results (`purge.rs`).

mod answer;
mod edit;
mod purge;
mod seed;
mod start;
mod statistics;

pub use answer::{Answered, answer};
pub use edit::{EditRefused, QuestionnaireText, VersionRow, current_text, save_questionnaire, versions};
pub use purge::purge;
pub use seed::ensure_questionnaire;
pub use start::{revise, start};
pub use statistics::{LabelledRow, labelled as labelled_statistics, statistics};

/// A stored draft's or result's answers, for the pages.
pub(super) use decode as decode_answers;

use super::questionnaire::Answers;

/// A draft's or a result's answers as stored (JSON); unreadable text reads as no answers.
pub(super) fn decode(text: &str) -> Answers {
    serde_json::from_str(text).unwrap_or_default()
}

pub(super) fn encode(answers: &Answers) -> String {
    serde_json::to_string(answers).unwrap_or_else(|_| "{}".into())
}
