//! The tool-by-tool plan: for each tool to leave, its free alternatives with a difficulty and a
//! cost hint drawn from the constraints answered (skills, time, budget), and the services the
//! association needs from a structure (training when the team's skills are low, installation
//! when an alternative asks for it, data migration, funding without a budget).

use super::questionnaire::{Alternative, Answers, Cost, Difficulty, QuestionKind, Questionnaire, first};
use super::scoring::Score;

/// How much the team can take on, read from the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraints {
    /// The autonomy level is graded among the two lowest.
    pub low_skills: bool,
    /// The autonomy level reaches the best grade.
    pub high_skills: bool,
    pub little_time: bool,
    pub no_budget: bool,
}

impl Constraints {
    pub fn read(q: &Questionnaire, answers: &Answers, score: &Score) -> Constraints {
        let autonomy = score.theme("autonomy");
        let best = q.grades.first().map(|g| g.grade.as_str());
        Constraints {
            low_skills: autonomy.is_some_and(|t| t.weak),
            high_skills: autonomy.and_then(|t| t.grade.as_deref()).is_some_and(|g| Some(g) == best),
            little_time: first(answers, "time") == "little",
            no_budget: first(answers, "budget") == "none",
        }
    }
}

/// One alternative of the plan, with its hints as message keys.
#[derive(Debug, Clone)]
pub struct Step {
    pub alternative: Alternative,
    pub difficulty_hint: &'static str,
    pub cost_hint: &'static str,
}

/// A tool in use and what can replace it.
#[derive(Debug, Clone)]
pub struct ToolPlan {
    /// The question (the need).
    pub question: String,
    /// The tool's value in the question.
    pub tool: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub tools: Vec<ToolPlan>,
    /// The directory's service slugs the association needs, most important first.
    pub services: Vec<String>,
    /// The directory's software slugs of the alternatives, in plan order, once each.
    pub software: Vec<String>,
    pub constraints: Constraints,
}

fn difficulty_hint(d: Difficulty, c: Constraints) -> &'static str {
    match d {
        Difficulty::Easy => "diagnosis-hint-easy",
        Difficulty::Medium if c.low_skills => "diagnosis-hint-medium-help",
        Difficulty::Medium => "diagnosis-hint-medium",
        Difficulty::Hard if c.low_skills || c.little_time => "diagnosis-hint-hard-help",
        Difficulty::Hard => "diagnosis-hint-hard",
    }
}

fn cost_hint(cost: Cost, c: Constraints) -> &'static str {
    match cost {
        Cost::Free => "diagnosis-cost-free",
        Cost::Low if c.no_budget => "diagnosis-cost-low-nobudget",
        Cost::Low => "diagnosis-cost-low",
        Cost::Paid if c.no_budget => "diagnosis-cost-paid-nobudget",
        Cost::Paid => "diagnosis-cost-paid",
    }
}

fn rank(d: Difficulty) -> u8 {
    match d {
        Difficulty::Easy => 0,
        Difficulty::Medium => 1,
        Difficulty::Hard => 2,
    }
}

/// The needs whose data moves with the tool (files, documents, memberships): leaving their
/// tool calls for a data migration.
const DATA_NEEDS: [&str; 3] = ["files", "documents", "members"];

pub fn plan(q: &Questionnaire, answers: &Answers, score: &Score) -> Plan {
    let constraints = Constraints::read(q, answers, score);
    let mut tools = Vec::new();
    let mut software: Vec<String> = Vec::new();
    let mut needs_install = false;
    let mut moves_data = false;
    for question in q.questions.iter().filter(|q| q.kind == QuestionKind::Tool) {
        let tool = first(answers, &question.key);
        let mut steps: Vec<Step> = q
            .alternatives_to(tool)
            .map(|a| Step {
                alternative: a.clone(),
                difficulty_hint: difficulty_hint(a.difficulty, constraints),
                cost_hint: cost_hint(a.cost, constraints),
            })
            .collect();
        if steps.is_empty() {
            continue;
        }
        // With few skills or little time, the easiest first (a stable sort keeps the mapping's
        // order among equals).
        if constraints.low_skills || constraints.little_time {
            steps.sort_by_key(|s| rank(s.alternative.difficulty));
        }
        for s in &steps {
            let a = &s.alternative;
            if !a.software.is_empty() && !software.contains(&a.software) {
                software.push(a.software.clone());
            }
            needs_install |= a.difficulty != Difficulty::Easy && !constraints.high_skills;
        }
        moves_data |= DATA_NEEDS.contains(&question.need.as_str());
        tools.push(ToolPlan { question: question.key.clone(), tool: tool.to_owned(), steps });
    }
    let mut services = Vec::new();
    let reluctance = answers.get("worries").is_some_and(|w| w.iter().any(|v| v == "reluctance"));
    if constraints.low_skills {
        services.extend(["formation-utilisateurs", "formation-referents", "documentation"]);
    } else if reluctance {
        services.push("formation-utilisateurs");
    }
    if needs_install && !tools.is_empty() {
        services.push("installation-hebergement");
    }
    if moves_data {
        services.push("migration-donnees");
    }
    if constraints.no_budget && !tools.is_empty() {
        services.push("financements");
    }
    Plan { tools, services: services.into_iter().map(str::to_owned).collect(), software, constraints }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{answers, questionnaire};
    use super::super::scoring::score;
    use super::plan;

    #[test]
    fn each_tool_in_use_gets_its_alternatives_and_free_tools_none() {
        let q = questionnaire();
        let a =
            answers(&[("files", &["google-drive"]), ("chat", &["free"]), ("skill", &["high"]), ("time", &["plenty"])]);
        let p = plan(&q, &a, &score(&q, &a));
        assert_eq!(p.tools.len(), 1);
        let names: Vec<_> = p.tools[0].steps.iter().map(|s| s.alternative.name.as_str()).collect();
        // Skilled and with time: the mapping's order.
        assert_eq!(names, ["Nextcloud", "Lufi"]);
        assert_eq!(p.software, ["nextcloud"]);
        assert_eq!(p.tools[0].steps[0].difficulty_hint, "diagnosis-hint-medium");
        // Skilled: no training, no installation; files move: a data migration.
        assert_eq!(p.services, ["migration-donnees"]);
    }

    #[test]
    fn low_skills_and_no_budget_put_the_easiest_first_and_ask_for_help() {
        let q = questionnaire();
        let a = answers(&[
            ("files", &["google-drive"]),
            ("chat", &["whatsapp"]),
            ("skill", &["low"]),
            ("budget", &["none"]),
            ("time", &["little"]),
        ]);
        let p = plan(&q, &a, &score(&q, &a));
        let names: Vec<Vec<&str>> =
            p.tools.iter().map(|t| t.steps.iter().map(|s| s.alternative.name.as_str()).collect()).collect();
        assert_eq!(names, [vec!["Lufi", "Nextcloud"], vec!["Signal", "Element / Matrix"]]);
        let nextcloud = &p.tools[0].steps[1];
        assert_eq!(
            (nextcloud.difficulty_hint, nextcloud.cost_hint),
            ("diagnosis-hint-medium-help", "diagnosis-cost-low-nobudget")
        );
        assert_eq!(p.tools[1].steps[1].difficulty_hint, "diagnosis-hint-hard-help");
        assert_eq!(
            p.services,
            [
                "formation-utilisateurs",
                "formation-referents",
                "documentation",
                "installation-hebergement",
                "migration-donnees",
                "financements"
            ]
        );
        assert_eq!(p.software, ["nextcloud", "element-matrix"]);
    }
}
