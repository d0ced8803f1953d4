//! What a step's form sent, checked against the questions of that step: the answers to keep,
//! or a message per question (by question key) with what was typed kept for the page.

use std::collections::BTreeMap;

use super::questionnaire::{Answers, NONE, QuestionKind, Questionnaire};

/// The fields of a step as sent: repeated keys for several choices. The anti-forgery token and
/// unknown fields are ignored.
pub type StepForm = Vec<(String, String)>;

/// Messages per question key, as translation keys, in page order. Question keys come from the
/// questionnaire's data, so they are owned strings (unlike `web::FieldErrors`); the templates
/// read both alike (`get`, `iter`, `is_empty`).
#[derive(Debug, Default, Clone)]
pub struct AnswerErrors(Vec<(String, &'static str)>);

impl AnswerErrors {
    pub fn add(&mut self, field: &str, key: &'static str) {
        if !self.0.iter().any(|(f, _)| f == field) {
            self.0.push((field.to_owned(), key));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, k)| *k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &'static str)> + '_ {
        self.0.iter().map(|(f, k)| (f.as_str(), *k))
    }
}

/// The values sent per question of the step (trimmed, empty ones dropped).
pub fn sent(q: &Questionnaire, step: i64, form: &StepForm) -> Answers {
    let mut out: Answers = BTreeMap::new();
    for question in q.step(step) {
        let values: Vec<String> = form
            .iter()
            .filter(|(k, _)| *k == question.key)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        out.insert(question.key.clone(), values);
    }
    out
}

/// Checks the answers of one step.
pub fn check(q: &Questionnaire, step: i64, answers: &Answers) -> Result<(), AnswerErrors> {
    let mut errors = AnswerErrors::default();
    for question in q.step(step) {
        let values = answers.get(&question.key).map(Vec::as_slice).unwrap_or_default();
        let key = question.key.as_str();
        match question.kind {
            QuestionKind::Place => match values {
                [] => {}
                [code] if crate::geo::departement(code).is_some() => {}
                _ => errors.add(key, "err-diagnosis-department"),
            },
            QuestionKind::Tool | QuestionKind::Single => match values {
                [] => errors.add(key, "err-diagnosis-required"),
                [v] if question.choice(v).is_some() => {}
                _ => errors.add(key, "err-choice-invalid"),
            },
            QuestionKind::Multi => {
                if values.is_empty() {
                    errors.add(key, "err-diagnosis-required-multi");
                } else if values.iter().any(|v| question.choice(v).is_none()) {
                    errors.add(key, "err-choice-invalid");
                } else if values.len() > 1 && values.iter().any(|v| v == NONE) {
                    errors.add(key, "err-diagnosis-none-alone");
                }
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The first step with a question left unanswered or wrongly answered, if any.
pub fn first_incomplete(q: &Questionnaire, answers: &Answers) -> Option<i64> {
    (1..=q.steps()).find(|s| check(q, *s, answers).is_err())
}

#[cfg(test)]
mod tests {
    use super::super::fixture::questionnaire;
    use super::{check, first_incomplete, sent};

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_step_needs_one_known_choice_per_question() {
        let q = questionnaire();
        let a = sent(&q, 1, &form(&[("_csrf", "x"), ("files", "dropbox"), ("chat", " ")]));
        let e = check(&q, 1, &a).expect_err("chat is missing");
        assert_eq!(e.iter().collect::<Vec<_>>(), [("chat", "err-diagnosis-required")]);
        let a = sent(&q, 1, &form(&[("files", "floppy"), ("chat", "free"), ("chat", "none")]));
        let e = check(&q, 1, &a).expect_err("unknown and double");
        assert_eq!(e.iter().collect::<Vec<_>>(), [("files", "err-choice-invalid"), ("chat", "err-choice-invalid")]);
        assert!(check(&q, 1, &sent(&q, 1, &form(&[("files", "dropbox"), ("chat", "free")]))).is_ok());
    }

    #[test]
    fn several_choices_keep_none_alone_and_the_place_is_optional_but_known() {
        let q = questionnaire();
        let base = [("skill", "low"), ("budget", "none"), ("time", "little")];
        let mut f = form(&base);
        f.extend(form(&[("worries", "gdpr"), ("worries", "none")]));
        let e = check(&q, 2, &sent(&q, 2, &f)).expect_err("none with another");
        assert_eq!(e.get("worries"), Some("err-diagnosis-none-alone"));
        assert_eq!(
            check(&q, 2, &sent(&q, 2, &form(&base))).err().and_then(|e| e.get("worries")),
            Some("err-diagnosis-required-multi")
        );
        assert!(check(&q, 3, &sent(&q, 3, &form(&[]))).is_ok());
        assert!(check(&q, 3, &sent(&q, 3, &form(&[("department", "35")]))).is_ok());
        let e = check(&q, 3, &sent(&q, 3, &form(&[("department", "999")]))).expect_err("unknown department");
        assert_eq!(e.get("department"), Some("err-diagnosis-department"));
        assert_eq!(first_incomplete(&q, &sent(&q, 1, &form(&[("files", "dropbox"), ("chat", "free")]))), Some(2));
    }
}
