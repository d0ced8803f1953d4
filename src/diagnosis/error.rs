//! The rules of the self-diagnosis an action can break.

use super::forms::AnswerErrors;

#[derive(Debug, thiserror::Error)]
pub enum DiagnosisError {
    /// What was answered on a step is not valid: the messages go next to the questions (422).
    #[error("invalid answers")]
    Invalid(AnswerErrors),
    /// The draft or result names a version of the questionnaire that is gone.
    #[error("no questionnaire")]
    NoQuestionnaire,
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

impl From<DiagnosisError> for crate::web::AppError {
    fn from(e: DiagnosisError) -> Self {
        match e {
            DiagnosisError::Invalid(_) | DiagnosisError::NoQuestionnaire => crate::web::AppError::NotFound,
            DiagnosisError::Db(e) => e.into(),
        }
    }
}
