//! The first version of the questionnaire, shipped as data in `content/diagnosis/` (themes,
//! questions, choices with their weights, grades, the alternatives mapping): written to the
//! database at start when no version exists yet. Admins' edits make later versions.

use std::collections::BTreeMap;

use super::questionnaire::{
    Alternative, Choice, Cost, Difficulty, GradeStep, Question, QuestionKind, Questionnaire, Text, Theme,
};

const THEMES: &str = include_str!("../../content/diagnosis/themes.tsv");
const QUESTIONS: &str = include_str!("../../content/diagnosis/questions.tsv");
const CHOICES: &str = include_str!("../../content/diagnosis/choices.tsv");
const GRADES: &str = include_str!("../../content/diagnosis/grades.tsv");
const ALTERNATIVES: &str = include_str!("../../content/diagnosis/alternatives.tsv");

/// A line of the questionnaire's text that could not be read: the part (`themes`,
/// `questions`, `choices`, `grades`, `alternatives`), its line number (from 1) and the message key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub part: &'static str,
    pub line: usize,
    pub key: &'static str,
}

/// The questionnaire as text, one tab-separated part per table, in the format of the files of
/// `content/diagnosis/` (lines starting with `#` and blank lines skipped).
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub themes: &'a str,
    pub questions: &'a str,
    pub choices: &'a str,
    pub grades: &'a str,
    pub alternatives: &'a str,
}

/// The lines of a part with their numbers, split into exactly `N` fields, or the error.
fn rows<'a, const N: usize>(
    part: &'static str,
    text: &'a str,
    errors: &mut Vec<LineError>,
) -> Vec<(usize, [&'a str; N])> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|(i, l)| {
            let fields: Vec<&str> = l.trim_end_matches('\r').split('\t').map(str::trim).collect();
            match <[&str; N]>::try_from(fields) {
                Ok(f) => Some((i + 1, f)),
                Err(_) => {
                    errors.push(LineError { part, line: i + 1, key: "err-diagnosis-edit-columns" });
                    None
                }
            }
        })
        .collect()
}

/// Reads a questionnaire from its text, strictly: every line must be read, and every name it
/// gives (a question, a theme, a tool, a software term among `software`) must exist.
pub fn parse(p: Parts<'_>, software: &[String]) -> Result<Questionnaire, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut themes: Vec<Theme> = Vec::new();
    for (line, [slug, lfr, len, wfr, wen, nfr, nen]) in rows::<7>("themes", p.themes, &mut errors) {
        if slug.is_empty() || lfr.is_empty() || themes.iter().any(|t| t.slug == slug) {
            errors.push(LineError { part: "themes", line, key: "err-diagnosis-edit-theme" });
            continue;
        }
        themes.push(Theme {
            slug: slug.into(),
            label: Text::new(lfr, len),
            why: Text::new(wfr, wen),
            next: Text::new(nfr, nen),
        });
    }
    let mut questions: Vec<Question> = Vec::new();
    for (line, [key, step, kind, need, lfr, len, hfr, hen]) in rows::<8>("questions", p.questions, &mut errors) {
        let step = step.parse::<i64>().ok().filter(|s| (1..=9).contains(s));
        let kind = QuestionKind::parse(kind);
        match (step, kind) {
            (Some(step), Some(kind))
                if !key.is_empty() && !lfr.is_empty() && !questions.iter().any(|q| q.key == key) =>
            {
                questions.push(Question {
                    key: key.into(),
                    step,
                    kind,
                    need: need.into(),
                    label: Text::new(lfr, len),
                    hint: Text::new(hfr, hen),
                    choices: Vec::new(),
                })
            }
            _ => errors.push(LineError { part: "questions", line, key: "err-diagnosis-edit-question" }),
        }
    }
    for (line, [key, value, fr, en, w]) in rows::<5>("choices", p.choices, &mut errors) {
        let weights: Option<BTreeMap<String, i64>> = w
            .split_whitespace()
            .map(|pair| {
                let (theme, points) = pair.split_once(':')?;
                let points = points.parse::<i64>().ok().filter(|p| (0..=3).contains(p))?;
                themes.iter().any(|t| t.slug == theme).then(|| (theme.to_owned(), points))
            })
            .collect();
        let question = questions.iter_mut().find(|q| q.key == key && q.kind != QuestionKind::Place);
        match (question, weights) {
            (Some(q), Some(weights)) if !value.is_empty() && !fr.is_empty() && q.choice(value).is_none() => {
                q.choices.push(Choice { value: value.into(), label: Text::new(fr, en), weights })
            }
            _ => errors.push(LineError { part: "choices", line, key: "err-diagnosis-edit-choice" }),
        }
    }
    for (i, q) in questions.iter().enumerate() {
        if q.kind != QuestionKind::Place && q.choices.len() < 2 {
            errors.push(LineError { part: "questions", line: i + 1, key: "err-diagnosis-edit-no-choices" });
        }
    }
    let mut grades: Vec<GradeStep> = Vec::new();
    for (line, [grade, min]) in rows::<2>("grades", p.grades, &mut errors) {
        let min = min.parse::<i64>().ok().filter(|m| (0..=100).contains(m));
        match min {
            Some(min)
                if !grade.is_empty()
                    && grade.len() <= 4
                    && grades.last().is_none_or(|g| g.min_score > min)
                    && !grades.iter().any(|g| g.grade == grade) =>
            {
                grades.push(GradeStep { grade: grade.into(), min_score: min })
            }
            _ => errors.push(LineError { part: "grades", line, key: "err-diagnosis-edit-grade" }),
        }
    }
    if grades.last().is_some_and(|g| g.min_score != 0) || grades.len() < 2 {
        errors.push(LineError { part: "grades", line: grades.len().max(1), key: "err-diagnosis-edit-grades-zero" });
    }
    let tools: Vec<&str> = questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Tool)
        .flat_map(|q| q.choices.iter().map(|c| c.value.as_str()))
        .collect();
    let mut alternatives = Vec::new();
    for (line, [tool, name, sw, difficulty, cost, nfr, nen]) in rows::<7>("alternatives", p.alternatives, &mut errors) {
        let known_software = sw.is_empty() || software.iter().any(|s| s == sw);
        match (Difficulty::parse(difficulty), Cost::parse(cost)) {
            (Some(difficulty), Some(cost)) if tools.contains(&tool) && !name.is_empty() && known_software => {
                alternatives.push(Alternative {
                    tool: tool.into(),
                    name: name.into(),
                    software: sw.into(),
                    difficulty,
                    cost,
                    note: Text::new(nfr, nen),
                })
            }
            _ => errors.push(LineError { part: "alternatives", line, key: "err-diagnosis-edit-alternative" }),
        }
    }
    if themes.is_empty() {
        errors.push(LineError { part: "themes", line: 1, key: "err-diagnosis-edit-theme" });
    }
    if questions.is_empty() {
        errors.push(LineError { part: "questions", line: 1, key: "err-diagnosis-edit-question" });
    }
    if errors.is_empty() {
        Ok(Questionnaire { version: 0, themes, questions, grades, alternatives })
    } else {
        Err(errors)
    }
}

/// The shipped questionnaire (its version number is 0 until it is written); empty if the
/// shipped files were broken, which the unit tests below rule out.
pub fn shipped() -> Questionnaire {
    let software: Vec<String> =
        crate::directory::TERMS.iter().filter(|t| t.0 == "software").map(|t| t.1.to_owned()).collect();
    let parts =
        Parts { themes: THEMES, questions: QUESTIONS, choices: CHOICES, grades: GRADES, alternatives: ALTERNATIVES };
    parse(parts, &software).unwrap_or_else(|errors| {
        tracing::error!(?errors, "the shipped diagnosis questionnaire is broken");
        Questionnaire { version: 0, themes: vec![], questions: vec![], grades: vec![], alternatives: vec![] }
    })
}

/// The text of a questionnaire, in the format `parse` reads.
pub fn to_text(q: &Questionnaire) -> (String, String, String, String, String) {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut themes = String::new();
    for t in &q.themes {
        let cols = [&t.slug, &t.label.fr, &t.label.en, &t.why.fr, &t.why.en, &t.next.fr, &t.next.en];
        themes.push_str(&cols.map(|c| clean(c)).join("\t"));
        themes.push('\n');
    }
    let (mut questions, mut choices) = (String::new(), String::new());
    for x in &q.questions {
        let step = x.step.to_string();
        let cols =
            [&x.key, &step, &x.kind.as_str().to_owned(), &x.need, &x.label.fr, &x.label.en, &x.hint.fr, &x.hint.en];
        questions.push_str(&cols.map(|c| clean(c)).join("\t"));
        questions.push('\n');
        for c in &x.choices {
            let weights = c.weights.iter().map(|(t, p)| format!("{t}:{p}")).collect::<Vec<_>>().join(" ");
            let cols = [&x.key, &c.value, &c.label.fr, &c.label.en, &weights];
            choices.push_str(&cols.map(|c| clean(c)).join("\t"));
            choices.push('\n');
        }
    }
    let grades = q.grades.iter().map(|g| format!("{}\t{}\n", clean(&g.grade), g.min_score)).collect();
    let mut alternatives = String::new();
    for a in &q.alternatives {
        let cols = [
            &a.tool,
            &a.name,
            &a.software,
            &a.difficulty.as_str().to_owned(),
            &a.cost.as_str().to_owned(),
            &a.note.fr,
            &a.note.en,
        ];
        alternatives.push_str(&cols.map(|c| clean(c)).join("\t"));
        alternatives.push('\n');
    }
    (themes, questions, choices, grades, alternatives)
}

#[cfg(test)]
mod tests {
    use super::super::questionnaire::QuestionKind;
    use super::*;

    fn lines(text: &str) -> usize {
        text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count()
    }

    #[test]
    fn the_text_of_a_questionnaire_reads_back_the_same_and_bad_lines_are_named() {
        let q = shipped();
        let (themes, questions, choices, grades, alternatives) = to_text(&q);
        let software: Vec<String> = q.alternatives.iter().map(|a| a.software.clone()).collect();
        let parts = Parts {
            themes: &themes,
            questions: &questions,
            choices: &choices,
            grades: &grades,
            alternatives: &alternatives,
        };
        let again = parse(parts, &software).expect("reads back");
        assert_eq!(
            to_text(&again),
            (themes.clone(), questions.clone(), choices.clone(), grades.clone(), alternatives.clone())
        );

        let bad_choices = format!("{choices}mail\tpigeon\tPigeon\tPigeon\tcollaboration:7\n");
        let bad_grades = "A\t80\nB\t90\nE\t10\n";
        let bad_alternatives = format!("gmail\tPigeon\tpigeon-soft\teasy\tfree\tnote\tnote\n{alternatives}");
        let errors = parse(
            Parts {
                themes: &themes,
                questions: "mail\tone\ttool\n",
                choices: &bad_choices,
                grades: bad_grades,
                alternatives: &bad_alternatives,
            },
            &software,
        )
        .expect_err("broken");
        let first: Vec<(&str, usize, &str)> = errors.iter().take(2).map(|e| (e.part, e.line, e.key)).collect();
        assert_eq!(
            first,
            [("questions", 1, "err-diagnosis-edit-columns"), ("choices", 1, "err-diagnosis-edit-choice")]
        );
        assert!(errors.iter().any(|e| (e.part, e.line, e.key) == ("grades", 2, "err-diagnosis-edit-grade")));
        assert!(errors.iter().any(|e| (e.part, e.key) == ("grades", "err-diagnosis-edit-grades-zero")));
        assert!(errors.iter().any(|e| (e.part, e.line) == ("alternatives", 1)));
    }

    #[test]
    fn every_line_of_the_shipped_files_is_read() {
        let q = shipped();
        assert_eq!(q.themes.len(), lines(THEMES));
        assert_eq!(q.questions.len(), lines(QUESTIONS));
        assert_eq!(q.questions.iter().map(|x| x.choices.len()).sum::<usize>(), lines(CHOICES));
        assert_eq!(q.grades.len(), lines(GRADES));
        assert_eq!(q.alternatives.len(), lines(ALTERNATIVES));
        let pairs = CHOICES.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').nth(4));
        let written: usize = pairs.map(|w| w.split_whitespace().count()).sum();
        let read: usize = q.questions.iter().flat_map(|x| &x.choices).map(|c| c.weights.len()).sum();
        assert_eq!(read, written, "a weight is malformed");
    }

    #[test]
    fn the_shipped_questionnaire_holds_together() {
        let q = shipped();
        assert_eq!(
            q.themes.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(),
            ["collaboration", "communication", "data", "autonomy", "costs"]
        );
        assert!((18..=24).contains(&q.questions.len()), "about twenty questions");
        assert_eq!(q.steps(), 5);
        for x in &q.questions {
            assert!(!x.label.fr.is_empty() && !x.label.en.is_empty(), "{}", x.key);
            assert_eq!(x.kind == QuestionKind::Place, x.choices.is_empty(), "{}", x.key);
            for c in &x.choices {
                assert!(!c.label.fr.is_empty() && !c.label.en.is_empty(), "{}/{}", x.key, c.value);
                for (theme, points) in &c.weights {
                    assert!(q.theme(theme).is_some(), "{}/{}: unknown theme {theme}", x.key, c.value);
                    assert!((0..=3).contains(points), "{}/{}", x.key, c.value);
                }
            }
            if x.kind == QuestionKind::Tool {
                assert!(!x.need.is_empty(), "{}", x.key);
                for special in ["free", "other", "none"] {
                    assert!(x.choice(special).is_some(), "{} lacks {special}", x.key);
                }
                // Every tool to leave has alternatives.
                for c in x.choices.iter().filter(|c| !["free", "other", "none"].contains(&c.value.as_str())) {
                    assert!(q.alternatives_to(&c.value).next().is_some(), "no alternative to {}", c.value);
                }
            }
        }
        let grades: Vec<_> = q.grades.iter().map(|g| (g.grade.as_str(), g.min_score)).collect();
        assert_eq!(grades, [("A", 80), ("B", 65), ("C", 50), ("D", 35), ("E", 0)]);
    }

    #[test]
    fn every_alternative_names_a_listed_tool_and_a_known_software_term() {
        let q = shipped();
        let tools: Vec<&str> = q
            .questions
            .iter()
            .filter(|x| x.kind == QuestionKind::Tool)
            .flat_map(|x| x.choices.iter().map(|c| c.value.as_str()))
            .collect();
        for a in &q.alternatives {
            assert!(tools.contains(&a.tool.as_str()), "{} is no tool of a question", a.tool);
            assert!(!a.note.fr.is_empty() && !a.note.en.is_empty(), "{}", a.name);
            if !a.software.is_empty() {
                assert!(
                    crate::directory::TERMS.iter().any(|t| t.0 == "software" && t.1 == a.software),
                    "{} is no software term",
                    a.software
                );
            }
        }
    }
}
