//! A small fixed questionnaire for the unit tests of the scoring, the plan and the matching.

use std::collections::BTreeMap;

use super::questionnaire::{
    Alternative, Answers, Choice, Cost, Difficulty, GradeStep, Question, QuestionKind, Questionnaire, Text, Theme,
};

fn choice(value: &str, weights: &[(&str, i64)]) -> Choice {
    Choice {
        value: value.into(),
        label: Text::new(value, value),
        weights: weights.iter().map(|(t, p)| ((*t).to_owned(), *p)).collect::<BTreeMap<_, _>>(),
    }
}

fn question(key: &str, step: i64, kind: QuestionKind, need: &str, choices: Vec<Choice>) -> Question {
    Question {
        key: key.into(),
        step,
        kind,
        need: need.into(),
        label: Text::new(key, key),
        hint: Text::default(),
        choices,
    }
}

fn alternative(tool: &str, name: &str, software: &str, difficulty: Difficulty, cost: Cost) -> Alternative {
    Alternative {
        tool: tool.into(),
        name: name.into(),
        software: software.into(),
        difficulty,
        cost,
        note: Text::new("note", "note"),
    }
}

pub fn questionnaire() -> Questionnaire {
    let themes = ["collaboration", "communication", "data", "autonomy", "costs"]
        .into_iter()
        .map(|s| Theme {
            slug: s.into(),
            label: Text::new(s, s),
            why: Text::new("why", "why"),
            next: Text::new("next", "next"),
        })
        .collect();
    let tool = |bigs: &[&str], main: &str, key: &str| {
        let mut choices: Vec<Choice> =
            bigs.iter().map(|b| choice(b, &[(main, 1), ("data", 0), ("costs", 0)])).collect();
        choices.push(choice("free", &[(main, 3), ("data", 3), ("costs", 3)]));
        choices.push(choice("other", &[]));
        choices.push(choice("none", &[]));
        question(key, 1, QuestionKind::Tool, key, choices)
    };
    let mut chat = tool(&["whatsapp"], "communication", "chat");
    // Chat costs nothing either way: only communication and data.
    for c in &mut chat.choices {
        c.weights.remove("costs");
    }
    let questions = vec![
        tool(&["google-drive", "dropbox"], "collaboration", "files"),
        chat,
        question(
            "skill",
            2,
            QuestionKind::Single,
            "",
            vec![
                choice("low", &[("autonomy", 0)]),
                choice("mid", &[("autonomy", 2)]),
                choice("high", &[("autonomy", 3)]),
            ],
        ),
        question("budget", 2, QuestionKind::Single, "", vec![choice("none", &[]), choice("some", &[])]),
        question("time", 2, QuestionKind::Single, "", vec![choice("little", &[]), choice("plenty", &[])]),
        question(
            "worries",
            2,
            QuestionKind::Multi,
            "",
            vec![
                choice("gdpr", &[("data", 0)]),
                choice("costs", &[("costs", 0)]),
                choice("reluctance", &[("autonomy", 1)]),
                choice("none", &[("data", 3), ("costs", 3), ("autonomy", 3)]),
            ],
        ),
        question("department", 3, QuestionKind::Place, "", vec![]),
    ];
    let grades = [("A", 80), ("B", 65), ("C", 50), ("D", 35), ("E", 0)]
        .into_iter()
        .map(|(g, m)| GradeStep { grade: g.into(), min_score: m })
        .collect();
    let alternatives = vec![
        alternative("google-drive", "Nextcloud", "nextcloud", Difficulty::Medium, Cost::Low),
        alternative("google-drive", "Lufi", "", Difficulty::Easy, Cost::Free),
        alternative("dropbox", "Nextcloud", "nextcloud", Difficulty::Medium, Cost::Low),
        alternative("whatsapp", "Element / Matrix", "element-matrix", Difficulty::Hard, Cost::Free),
        alternative("whatsapp", "Signal", "", Difficulty::Easy, Cost::Free),
    ];
    Questionnaire { version: 1, themes, questions, grades, alternatives }
}

pub fn answers(pairs: &[(&str, &[&str])]) -> Answers {
    pairs.iter().map(|(k, vs)| ((*k).to_owned(), vs.iter().map(|v| (*v).to_owned()).collect())).collect()
}
