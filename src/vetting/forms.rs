//! The vetting forms: what was typed, and its parsing.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::types::{Email, bounded, single_line};
use crate::web::FieldErrors;

/// "2025-03" or "03/2025" → "2025-03".
pub fn month(input: &str) -> Result<String, &'static str> {
    let s = input.trim();
    if s.is_empty() {
        return Err("err-month-required");
    }
    let (y, m) = match (s.split_once('-'), s.split_once('/')) {
        (Some((y, m)), _) if y.len() == 4 => (y, m),
        (_, Some((m, y))) if y.len() == 4 => (y, m),
        _ => return Err("err-month-invalid"),
    };
    match (y.parse::<u32>(), m.parse::<u32>()) {
        (Ok(y), Ok(m)) if (2000..=2100).contains(&y) && (1..=12).contains(&m) => Ok(format!("{y:04}-{m:02}")),
        _ => Err("err-month-invalid"),
    }
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct AccompanimentForm {
    pub association_name: String,
    pub contact_email: String,
    pub summary: String,
    pub services: Vec<String>,
    pub software: Vec<String>,
    pub period_start: String,
    pub period_end: String,
    pub outcome: String,
}

pub struct NewAccompaniment {
    pub association_name: String,
    pub contact_email: Email,
    pub summary: String,
    pub services: Vec<String>,
    pub software: Vec<String>,
    pub period_start: String,
    pub period_end: String,
    pub outcome: String,
}

impl AccompanimentForm {
    pub fn parse(&self, known: &BTreeSet<(String, String)>, now_month: &str) -> Result<NewAccompaniment, FieldErrors> {
        let mut e = FieldErrors::new();
        let association_name = e.check(
            "association_name",
            single_line(&self.association_name, 2, 120, "err-association-name", "err-association-name-long"),
        );
        let contact_email = e.check(
            "contact_email",
            Email::parse(&self.contact_email)
                .map_err(|k| if k == "err-email-required" { "err-association-email-required" } else { k }),
        );
        let summary = e.check("summary", bounded(&self.summary, 20, 3000, "err-summary-short", "err-summary-long"));
        let is = |kind: &str, v: &String| known.contains(&(kind.to_owned(), v.clone()));
        if self.services.iter().any(|s| !is("service", s)) {
            e.add("services", "err-choice-invalid");
        } else if self.services.is_empty() {
            e.add("services", "err-services-required");
        }
        if self.software.iter().any(|s| !is("software", s)) {
            e.add("software", "err-choice-invalid");
        }
        let which = |r: Result<String, &'static str>, required: &'static str| {
            r.map_err(|k| if k == "err-month-required" { required } else { k })
        };
        let start = e.check("period_start", which(month(&self.period_start), "err-start-required"));
        let end = e.check("period_end", which(month(&self.period_end), "err-end-required"));
        if let (Some(start), Some(end)) = (&start, &end) {
            if end < start {
                e.add("period_end", "err-period-order");
            } else if start.as_str() > now_month {
                e.add("period_start", "err-period-future");
            }
        }
        let outcome = e.check("outcome", bounded(&self.outcome, 0, 3000, "", "err-outcome-long"));
        let value = match (association_name, contact_email, summary, start, end, outcome) {
            (
                Some(association_name),
                Some(contact_email),
                Some(summary),
                Some(period_start),
                Some(period_end),
                Some(outcome),
            ) => Some(NewAccompaniment {
                association_name,
                contact_email,
                summary,
                services: self.services.clone(),
                software: self.software.clone(),
                period_start,
                period_end,
                outcome,
            }),
            _ => None,
        };
        e.into_result(value)
    }
}

/// A criterion answer: "oui" 3, "en-partie" 2, "non" 1.
fn level(input: &str) -> Result<i32, &'static str> {
    match input {
        "oui" => Ok(3),
        "en-partie" => Ok(2),
        "non" => Ok(1),
        "" => Err("err-criterion-required"),
        _ => Err("err-choice-invalid"),
    }
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct RecommendationForm {
    pub jeton: String,
    pub association_name: String,
    pub email: String,
    pub body: String,
    pub listening: String,
    pub clarity: String,
    pub autonomy: String,
    pub would_recommend: String,
}

pub struct NewRecommendation {
    pub association_name: String,
    pub body: String,
    pub listening: i32,
    pub clarity: i32,
    pub autonomy: i32,
    pub would_recommend: bool,
}

impl RecommendationForm {
    /// The answer typed for a criterion, for the radio buttons.
    pub fn value(&self, name: &str) -> &str {
        match name {
            "listening" => &self.listening,
            "clarity" => &self.clarity,
            "autonomy" => &self.autonomy,
            _ => "",
        }
    }

    pub fn parse(&self) -> Result<NewRecommendation, FieldErrors> {
        let mut e = FieldErrors::new();
        let association_name = e.check(
            "association_name",
            single_line(&self.association_name, 2, 120, "err-association-name", "err-association-name-long"),
        );
        let body =
            e.check("body", bounded(&self.body, 30, 3000, "err-recommendation-short", "err-recommendation-long"));
        let listening = e.check("listening", level(&self.listening));
        let clarity = e.check("clarity", level(&self.clarity));
        let autonomy = e.check("autonomy", level(&self.autonomy));
        let would_recommend = match self.would_recommend.as_str() {
            "oui" => Some(true),
            "non" => Some(false),
            "" => {
                e.add("would_recommend", "err-criterion-required");
                None
            }
            _ => {
                e.add("would_recommend", "err-choice-invalid");
                None
            }
        };
        let value = match (association_name, body, listening, clarity, autonomy, would_recommend) {
            (
                Some(association_name),
                Some(body),
                Some(listening),
                Some(clarity),
                Some(autonomy),
                Some(would_recommend),
            ) => Some(NewRecommendation { association_name, body, listening, clarity, autonomy, would_recommend }),
            _ => None,
        };
        e.into_result(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_in_both_forms() {
        assert_eq!(month("2025-03"), Ok("2025-03".into()));
        assert_eq!(month("3/2025"), Ok("2025-03".into()));
        assert_eq!(month("2025-13"), Err("err-month-invalid"));
        assert_eq!(month("mars"), Err("err-month-invalid"));
        assert_eq!(month(""), Err("err-month-required"));
    }

    #[test]
    fn a_recommendation_needs_every_criterion() {
        let errors = RecommendationForm::default().parse().err().unwrap();
        for field in ["association_name", "body", "listening", "clarity", "autonomy", "would_recommend"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let bad = RecommendationForm { listening: "peut-etre".into(), ..Default::default() };
        assert_eq!(bad.parse().err().unwrap().get("listening"), Some("err-choice-invalid"));
    }
}
