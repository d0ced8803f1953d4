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

/// "collaboration:1 data:0" → {collaboration: 1, data: 0}; a malformed pair is skipped (the
/// unit test below checks that none is).
fn weights(text: &str) -> BTreeMap<String, i64> {
    text.split_whitespace()
        .filter_map(|pair| {
            let (theme, points) = pair.split_once(':')?;
            Some((theme.to_owned(), points.parse().ok()?))
        })
        .collect()
}

/// The shipped questionnaire (its version number is 0 until it is written).
pub fn shipped() -> Questionnaire {
    let themes = crate::db::seed_rows::<7>(THEMES)
        .into_iter()
        .map(|[slug, lfr, len, wfr, wen, nfr, nen]| Theme {
            slug: slug.into(),
            label: Text::new(lfr, len),
            why: Text::new(wfr, wen),
            next: Text::new(nfr, nen),
        })
        .collect();
    let mut choices: BTreeMap<&str, Vec<Choice>> = BTreeMap::new();
    for [key, value, fr, en, w] in crate::db::seed_rows::<5>(CHOICES) {
        choices.entry(key).or_default().push(Choice {
            value: value.into(),
            label: Text::new(fr, en),
            weights: weights(w),
        });
    }
    let questions = crate::db::seed_rows::<8>(QUESTIONS)
        .into_iter()
        .filter_map(|[key, step, kind, need, lfr, len, hfr, hen]| {
            Some(Question {
                key: key.into(),
                step: step.parse().ok()?,
                kind: QuestionKind::parse(kind)?,
                need: need.into(),
                label: Text::new(lfr, len),
                hint: Text::new(hfr, hen),
                choices: choices.remove(key).unwrap_or_default(),
            })
        })
        .collect();
    let grades = crate::db::seed_rows::<2>(GRADES)
        .into_iter()
        .filter_map(|[grade, min]| Some(GradeStep { grade: grade.into(), min_score: min.parse().ok()? }))
        .collect();
    let alternatives = crate::db::seed_rows::<7>(ALTERNATIVES)
        .into_iter()
        .filter_map(|[tool, name, software, difficulty, cost, nfr, nen]| {
            Some(Alternative {
                tool: tool.into(),
                name: name.into(),
                software: software.into(),
                difficulty: Difficulty::parse(difficulty)?,
                cost: Cost::parse(cost)?,
                note: Text::new(nfr, nen),
            })
        })
        .collect();
    Questionnaire { version: 0, themes, questions, grades, alternatives }
}

#[cfg(test)]
mod tests {
    use super::super::questionnaire::QuestionKind;
    use super::*;

    fn lines(text: &str) -> usize {
        text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count()
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
