//! The questionnaire of one version, as the pages, the scoring and the plan read it: themes,
//! questions with their choices and weights, grade thresholds and the alternatives mapping.
//! Every text exists in French and English (bilingual columns), picked by [`Lang`].

use std::collections::BTreeMap;

use crate::web::Lang;

crate::text_enum! {
    /// How a question is answered.
    pub enum QuestionKind {
        /// The tool used today for a need: one choice among the tools, "free", "other", "none".
        Tool = "tool",
        /// One choice.
        Single = "single",
        /// Several choices; "none" stands alone.
        Multi = "multi",
        /// The department, optional.
        Place = "place",
    }
}

crate::text_enum! {
    /// How hard an alternative is to adopt.
    pub enum Difficulty {
        Easy = "easy",
        Medium = "medium",
        Hard = "hard",
    }
}

crate::text_enum! {
    /// What an alternative costs.
    pub enum Cost {
        /// Free of charge at a community host.
        Free = "free",
        /// A few euros a month.
        Low = "low",
        /// A budget to plan.
        Paid = "paid",
    }
}

/// The value that says "nothing of the kind" (a tool question) or "none of these" (several choices).
pub const NONE: &str = "none";

/// A text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Text { fr: fr.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En if self.en.is_empty() => &self.fr,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub slug: String,
    pub label: Text,
    /// Why a weak level matters.
    pub why: Text,
    /// What to do next.
    pub next: Text,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: Text,
    /// Points (0 to 3) per theme slug; a theme absent here is left out of the question's count.
    pub weights: BTreeMap<String, i64>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub key: String,
    pub step: i64,
    pub kind: QuestionKind,
    /// The need of a tool question (mail, files…).
    pub need: String,
    pub label: Text,
    pub hint: Text,
    pub choices: Vec<Choice>,
}

impl Question {
    pub fn choice(&self, value: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.value == value)
    }
}

/// A grade and the lowest score (0 to 100) that earns it.
#[derive(Debug, Clone)]
pub struct GradeStep {
    pub grade: String,
    pub min_score: i64,
}

/// A free alternative to a tool.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub tool: String,
    pub name: String,
    /// The software term slug of the directory's taxonomy, or empty.
    pub software: String,
    pub difficulty: Difficulty,
    pub cost: Cost,
    pub note: Text,
}

/// One version of the questionnaire, whole.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub version: i64,
    pub themes: Vec<Theme>,
    /// In page order.
    pub questions: Vec<Question>,
    /// Best grade first.
    pub grades: Vec<GradeStep>,
    /// In suggestion order within each tool.
    pub alternatives: Vec<Alternative>,
}

impl Questionnaire {
    /// The number of steps (the highest step of a question).
    pub fn steps(&self) -> i64 {
        self.questions.iter().map(|q| q.step).max().unwrap_or(0)
    }

    pub fn step(&self, step: i64) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.step == step)
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    pub fn theme(&self, slug: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.slug == slug)
    }

    /// The grade a score (0 to 100) earns: the first step whose threshold it reaches.
    pub fn grade(&self, score: i64) -> String {
        self.grades
            .iter()
            .find(|g| score >= g.min_score)
            .or(self.grades.last())
            .map(|g| g.grade.clone())
            .unwrap_or_default()
    }

    /// Whether a grade is among the two lowest: a weak point.
    pub fn is_weak(&self, grade: &str) -> bool {
        let n = self.grades.len();
        self.grades.iter().position(|g| g.grade == grade).is_some_and(|i| n >= 2 && i >= n - 2)
    }

    /// The alternatives to a tool, in suggestion order.
    pub fn alternatives_to<'a>(&'a self, tool: &'a str) -> impl Iterator<Item = &'a Alternative> {
        self.alternatives.iter().filter(move |a| a.tool == tool)
    }
}

/// What was answered: question key → chosen values (one for a single choice).
pub type Answers = BTreeMap<String, Vec<String>>;

/// The first answer to a question, or "".
pub fn first<'a>(answers: &'a Answers, key: &str) -> &'a str {
    answers.get(key).and_then(|v| v.first()).map(String::as_str).unwrap_or("")
}
