//! What administrators type, and its parsing.

use serde::Deserialize;

use crate::directory::TERM_KINDS;
use crate::site;
use crate::types::bounded;
use crate::web::{FieldErrors, Role};

/// The roles checked on an account's page.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RolesForm {
    role: Vec<String>,
}

impl RolesForm {
    /// The roles checked; unknown values are ignored.
    pub fn parse(&self) -> Vec<Role> {
        self.role.iter().filter_map(|r| Role::parse(r)).collect()
    }
}

/// An editable page, in both languages.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct PageForm {
    pub title_fr: String,
    pub title_en: String,
    pub body_fr: String,
    pub body_en: String,
}

impl PageForm {
    pub fn parse(&self, slug: &str) -> Result<site::Page, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = |s: &str| bounded(s, 1, 120, "err-title-required", "err-title-long");
        let body = |s: &str| bounded(s, 1, 50_000, "err-body-required", "err-body-long");
        let title_fr = e.check("title_fr", title(&self.title_fr));
        let title_en = e.check("title_en", title(&self.title_en));
        let body_fr = e.check("body_fr", body(&self.body_fr));
        let body_en = e.check("body_en", body(&self.body_en));
        let value = match (title_fr, title_en, body_fr, body_en) {
            (Some(title_fr), Some(title_en), Some(body_fr), Some(body_en)) => {
                Some(site::Page { slug: slug.to_owned(), title_fr, title_en, body_fr, body_en, updated_at: 0 })
            }
            _ => None,
        };
        e.into_result(value)
    }
}

/// A taxonomy term: its kind (for a new one) and its labels.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct TermForm {
    pub kind: String,
    pub label_fr: String,
    pub label_en: String,
}

/// A new taxonomy term.
pub struct NewTerm {
    pub kind: String,
    pub label_fr: String,
    pub label_en: String,
}

impl TermForm {
    /// The labels (French, English) of a term.
    pub fn parse(&self) -> Result<(String, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let fr = e.check("label_fr", bounded(&self.label_fr, 2, 80, "err-label-short", "err-label-long"));
        let en = e.check("label_en", bounded(&self.label_en, 2, 80, "err-label-short", "err-label-long"));
        e.into_result(fr.zip(en))
    }

    /// A new term: its labels, and a kind of the taxonomy.
    pub fn parse_new(&self) -> Result<NewTerm, FieldErrors> {
        let (mut e, labels) = match self.parse() {
            Ok(labels) => (FieldErrors::new(), Some(labels)),
            Err(e) => (e, None),
        };
        if !TERM_KINDS.contains(&self.kind.as_str()) {
            e.add("kind", "err-choice-invalid");
        }
        let value = labels.map(|(label_fr, label_en)| NewTerm { kind: self.kind.clone(), label_fr, label_en });
        e.into_result(value)
    }
}
