//! A result as its page and its Markdown show it, in one language: the level per theme (with
//! what changed since the result it was redone from), the weak points with why and what next,
//! the tool-by-tool plan, the structures that fit, each explained in a sentence.
//!
//! The page is a list of [`Section`]s, in order: a new kind of recommendation (guides, ads)
//! is a new variant, built here and rendered by its own block of `templates/diagnosis/result.html`
//! and its own lines of `markdown.rs`.

use super::matching::{self, Candidate, Wanted};
use super::plan::{self, Plan};
use super::questionnaire::{Answers, Cost, Difficulty, Questionnaire, first};
use super::scoring::{self, Score};
use crate::directory::Labels;
use crate::web::Lang;

/// A part of the result page, in page order; each prints on its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Profile,
    WeakPoints,
    Plan,
    Structures,
}

impl Section {
    pub fn id(self) -> &'static str {
        match self {
            Section::Profile => "profil",
            Section::WeakPoints => "points-faibles",
            Section::Plan => "plan",
            Section::Structures => "structures",
        }
    }

    pub fn heading_key(self) -> &'static str {
        match self {
            Section::Profile => "diagnosis-profile-heading",
            Section::WeakPoints => "diagnosis-weak-heading",
            Section::Plan => "diagnosis-plan-heading",
            Section::Structures => "diagnosis-structures-heading",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ThemeView {
    pub label: String,
    /// "—" when nothing weighed on it.
    pub percent: Option<i64>,
    pub grade: String,
    pub width: i64,
    pub weak: bool,
    pub why: String,
    pub next: String,
    /// Its level in the result this one was redone from.
    pub before: Option<i64>,
}

impl ThemeView {
    pub fn change(&self) -> Option<i64> {
        Some(self.percent? - self.before?)
    }

    pub fn change_text(&self) -> String {
        signed(self.change())
    }
}

/// "+3", "-2", "0", or "—" when there is nothing to compare.
pub fn signed(change: Option<i64>) -> String {
    match change {
        Some(c) if c > 0 => format!("+{c}"),
        Some(c) => c.to_string(),
        None => "—".into(),
    }
}

#[derive(Debug, Clone)]
pub struct AlternativeView {
    pub name: String,
    /// The directory's software slug, for the link to the structures handling it.
    pub software: String,
    pub difficulty_key: &'static str,
    pub cost_key: &'static str,
    pub difficulty_hint: &'static str,
    pub cost_hint: &'static str,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct ToolView {
    /// The need, as the question asks it.
    pub need: String,
    pub tool: String,
    pub alternatives: Vec<AlternativeView>,
}

#[derive(Debug, Clone)]
pub struct StructureView {
    pub slug: String,
    pub name: String,
    /// "Intervient dans votre département, maîtrise Nextcloud et Mobilizon, 4 recommandations."
    pub why: String,
}

#[derive(Debug, Clone)]
pub struct ResultView {
    pub sections: Vec<Section>,
    pub grade: String,
    pub overall: i64,
    pub overall_width: i64,
    /// The overall grade is among the two lowest.
    pub overall_weak: bool,
    pub overall_before: Option<(i64, String)>,
    pub themes: Vec<ThemeView>,
    pub plan: Vec<ToolView>,
    /// Little time: change one tool at a time.
    pub little_time: bool,
    pub structures: Vec<StructureView>,
    /// What the structure list says of itself, as a message key, when it is not the near ones.
    pub structures_note: Option<&'static str>,
    pub department: String,
    pub version: i64,
    pub created_at: i64,
}

fn difficulty_key(d: Difficulty) -> &'static str {
    match d {
        Difficulty::Easy => "diagnosis-difficulty-easy",
        Difficulty::Medium => "diagnosis-difficulty-medium",
        Difficulty::Hard => "diagnosis-difficulty-hard",
    }
}

fn cost_key(c: Cost) -> &'static str {
    match c {
        Cost::Free => "diagnosis-cost-label-free",
        Cost::Low => "diagnosis-cost-label-low",
        Cost::Paid => "diagnosis-cost-label-paid",
    }
}

/// "A, B et C".
fn list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.t("diagnosis-and")),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Software named in a structure's sentence, at most.
const NAMED: usize = 3;

fn explain(lang: Lang, labels: &Labels, m: &matching::Match) -> String {
    let mut parts = vec![lang.t(m.reach.key())];
    let label = |kind: &str, slug: &String| labels.get(lang, kind, slug).unwrap_or_else(|| slug.clone());
    if !m.software.is_empty() {
        // The first few, in the plan's order, then how many more.
        let mut names: Vec<String> = m.software.iter().take(NAMED).map(|s| label("software", s)).collect();
        if m.software.len() > NAMED {
            names.push(lang.t_args("diagnosis-and-more", &[("count", (m.software.len() - NAMED).to_string())]));
        }
        parts.push(lang.t_args("diagnosis-match-software", &[("list", list(lang, &names))]));
    }
    if !m.services.is_empty() {
        let names: Vec<String> = m.services.iter().map(|s| lower_first(&label("service", s))).collect();
        parts.push(lang.t_args("diagnosis-match-services", &[("list", list(lang, &names))]));
    }
    if m.recommendations > 0 {
        parts.push(lang.t_args("diagnosis-match-recommendations", &[("count", m.recommendations.to_string())]));
    }
    format!("{}.", upper_first(&parts.join(", ")))
}

/// What the result needs besides its questionnaire and answers.
pub struct Context<'a> {
    pub lang: Lang,
    pub labels: &'a Labels,
    pub candidates: &'a [Candidate],
    /// The result this one was redone from: its questionnaire and answers.
    pub previous: Option<(&'a Questionnaire, &'a Answers)>,
    pub created_at: i64,
}

pub fn build(q: &Questionnaire, answers: &Answers, cx: &Context<'_>) -> ResultView {
    let lang = cx.lang;
    let score: Score = scoring::score(q, answers);
    let before: Option<Score> = cx.previous.map(|(pq, pa)| scoring::score(pq, pa));
    let plan: Plan = plan::plan(q, answers, &score);
    let themes: Vec<ThemeView> = score
        .themes
        .iter()
        .filter_map(|level| {
            let theme = q.theme(&level.slug)?;
            Some(ThemeView {
                label: theme.label.get(lang).to_owned(),
                percent: level.percent,
                grade: level.grade.clone().unwrap_or_default(),
                width: level.width(),
                weak: level.weak,
                why: theme.why.get(lang).to_owned(),
                next: theme.next.get(lang).to_owned(),
                before: before.as_ref().and_then(|b| b.theme(&level.slug)).and_then(|t| t.percent),
            })
        })
        .collect();
    let tools: Vec<ToolView> = plan
        .tools
        .iter()
        .filter_map(|t| {
            let question = q.question(&t.question)?;
            let tool = question.choice(&t.tool).map(|c| c.label.get(lang).to_owned()).unwrap_or_else(|| t.tool.clone());
            Some(ToolView {
                need: question.label.get(lang).trim_end_matches('…').to_owned(),
                tool,
                alternatives: t
                    .steps
                    .iter()
                    .map(|s| AlternativeView {
                        name: s.alternative.name.clone(),
                        software: s.alternative.software.clone(),
                        difficulty_key: difficulty_key(s.alternative.difficulty),
                        cost_key: cost_key(s.alternative.cost),
                        difficulty_hint: s.difficulty_hint,
                        cost_hint: s.cost_hint,
                        note: s.alternative.note.get(lang).to_owned(),
                    })
                    .collect(),
            })
        })
        .collect();
    let departement = first(answers, "department");
    let geo = crate::geo::departement(departement);
    let wanted = Wanted {
        departement: departement.to_owned(),
        region: geo.map(|d| d.region.to_owned()).unwrap_or_default(),
        software: plan.software.clone(),
        services: plan.services.clone(),
    };
    let found = matching::matches(cx.candidates, &wanted);
    let structures: Vec<StructureView> = found
        .structures
        .iter()
        .map(|m| StructureView { slug: m.slug.clone(), name: m.name.clone(), why: explain(lang, cx.labels, m) })
        .collect();
    let structures_note = if structures.is_empty() {
        Some("diagnosis-structures-none")
    } else if departement.is_empty() {
        Some("diagnosis-structures-no-place")
    } else if found.nothing_near {
        Some("diagnosis-structures-remote-fallback")
    } else {
        None
    };
    let mut sections = vec![Section::Profile];
    if themes.iter().any(|t| t.weak) {
        sections.push(Section::WeakPoints);
    }
    sections.extend([Section::Plan, Section::Structures]);
    ResultView {
        sections,
        grade: score.grade.clone(),
        overall: score.overall,
        overall_width: score.overall_width(),
        overall_weak: q.is_weak(&score.grade),
        overall_before: before.map(|b| (b.overall, b.grade)),
        themes,
        plan: tools,
        little_time: plan.constraints.little_time,
        structures,
        structures_note,
        department: geo.map(|d| format!("{} ({})", d.name, d.code)).unwrap_or_default(),
        version: q.version,
        created_at: cx.created_at,
    }
}

#[cfg(test)]
mod tests {
    use super::{list, lower_first, upper_first};
    use crate::web::Lang;

    #[test]
    fn lists_read_as_sentences() {
        let items = ["Nextcloud".to_owned(), "Mobilizon".to_owned(), "PeerTube".to_owned()];
        assert_eq!(list(Lang::Fr, &items[..2]), "Nextcloud et Mobilizon");
        assert_eq!(list(Lang::En, &items), "Nextcloud, Mobilizon and PeerTube");
        assert_eq!(lower_first("Formation des utilisateur·ices"), "formation des utilisateur·ices");
        assert_eq!(upper_first("intervient"), "Intervient");
    }
}
