//! Scoring: a level per theme (0 to 100) and an overall grade, from the answers and the weights
//! of the version they were given with.
//!
//! For each question and each theme one of its choices weighs on, the question counts its
//! points out of the best points any of its choices gives that theme. A single answer counts
//! when its choice weighs on the theme ("other" and "none" usually do not, and leave the
//! question out); several answers count their lowest points among the choices that weigh on it.
//! A theme's level is its points over its maximum; the overall score is the mean of the themes
//! that counted, graded by the version's thresholds.

use super::questionnaire::{Answers, Questionnaire};

/// The level of one theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeLevel {
    pub slug: String,
    /// 0 to 100; `None` when no answer weighed on the theme.
    pub percent: Option<i64>,
    pub grade: Option<String>,
    /// Graded among the two lowest grades.
    pub weak: bool,
}

impl ThemeLevel {
    /// The width class of its bar: the level rounded to a step of 10.
    pub fn width(&self) -> i64 {
        (self.percent.unwrap_or(0) + 5) / 10 * 10
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// In the order of the version's themes.
    pub themes: Vec<ThemeLevel>,
    /// 0 to 100.
    pub overall: i64,
    pub grade: String,
}

impl Score {
    pub fn theme(&self, slug: &str) -> Option<&ThemeLevel> {
        self.themes.iter().find(|t| t.slug == slug)
    }

    pub fn overall_width(&self) -> i64 {
        (self.overall + 5) / 10 * 10
    }
}

pub fn score(q: &Questionnaire, answers: &Answers) -> Score {
    let mut themes = Vec::new();
    for theme in &q.themes {
        let (mut points, mut max) = (0i64, 0i64);
        for question in &q.questions {
            let best = question.choices.iter().filter_map(|c| c.weights.get(&theme.slug)).max().copied();
            let Some(best) = best else { continue };
            let chosen = answers.get(&question.key).map(Vec::as_slice).unwrap_or_default();
            let worst = chosen
                .iter()
                .filter_map(|v| question.choice(v))
                .filter_map(|c| c.weights.get(&theme.slug))
                .min()
                .copied();
            if let Some(p) = worst {
                points += p;
                max += best;
            }
        }
        let percent = (max > 0).then(|| (points * 100 + max / 2) / max);
        let grade = percent.map(|p| q.grade(p));
        let weak = grade.as_deref().is_some_and(|g| q.is_weak(g));
        themes.push(ThemeLevel { slug: theme.slug.clone(), percent, grade, weak });
    }
    let counted: Vec<i64> = themes.iter().filter_map(|t| t.percent).collect();
    let overall = if counted.is_empty() {
        0
    } else {
        let n = counted.len() as i64;
        (counted.iter().sum::<i64>() + n / 2) / n
    };
    Score { themes, overall, grade: q.grade(overall) }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{answers, questionnaire};
    use super::score;

    #[test]
    fn big_tech_tools_and_low_skills_grade_low() {
        let q = questionnaire();
        let s = score(
            &q,
            &answers(&[
                ("files", &["google-drive"]),
                ("chat", &["whatsapp"]),
                ("skill", &["low"]),
                ("worries", &["gdpr"]),
            ]),
        );
        // collaboration: files 1/3 → 33; communication: chat 1/3 → 33; data: files 0, chat 0,
        // worries gdpr 0 → 0/9; autonomy: skill 0/3; costs: files 0/3.
        assert_eq!(
            s.themes.iter().map(|t| (t.slug.as_str(), t.percent)).collect::<Vec<_>>(),
            [
                ("collaboration", Some(33)),
                ("communication", Some(33)),
                ("data", Some(0)),
                ("autonomy", Some(0)),
                ("costs", Some(0))
            ]
        );
        assert_eq!(s.overall, 13);
        assert_eq!(s.grade, "E");
        assert!(s.themes.iter().all(|t| t.weak));
    }

    #[test]
    fn free_tools_and_skills_grade_a() {
        let q = questionnaire();
        let s = score(
            &q,
            &answers(&[("files", &["free"]), ("chat", &["free"]), ("skill", &["high"]), ("worries", &["none"])]),
        );
        assert!(s.themes.iter().all(|t| t.percent == Some(100)), "{s:?}");
        assert_eq!((s.overall, s.grade.as_str()), (100, "A"));
        assert!(s.themes.iter().all(|t| !t.weak));
    }

    #[test]
    fn a_mixed_profile_gets_the_grade_of_its_mean_and_its_weak_points() {
        let q = questionnaire();
        let s = score(
            &q,
            &answers(&[
                ("files", &["free"]),
                ("chat", &["whatsapp"]),
                ("skill", &["mid"]),
                ("worries", &["costs", "gdpr"]),
            ]),
        );
        // collaboration 100; communication 33; data: files 3, chat 0, worries min(gdpr 0) → 3/9 = 33;
        // autonomy 2/3 = 67; costs: files 3, worries 0 → 3/6 = 50.
        let levels: Vec<_> =
            s.themes.iter().map(|t| (t.percent, t.grade.clone().unwrap_or_default(), t.weak)).collect();
        assert_eq!(
            levels,
            [
                (Some(100), "A".to_owned(), false),
                (Some(33), "E".to_owned(), true),
                (Some(33), "E".to_owned(), true),
                (Some(67), "B".to_owned(), false),
                (Some(50), "C".to_owned(), false),
            ]
        );
        assert_eq!((s.overall, s.grade.as_str()), (57, "C"));
    }

    #[test]
    fn answers_that_weigh_nothing_leave_their_theme_uncounted() {
        let q = questionnaire();
        let s = score(&q, &answers(&[("files", &["none"]), ("chat", &["other"]), ("skill", &["high"])]));
        assert_eq!(s.theme("collaboration").and_then(|t| t.percent), None);
        assert_eq!(s.theme("autonomy").and_then(|t| t.percent), Some(100));
        // Only autonomy counted: the mean is its level.
        assert_eq!((s.overall, s.grade.as_str()), (100, "A"));
        assert_eq!(s.theme("autonomy").map(|t| t.width()), Some(100));
    }

    #[test]
    fn bar_widths_are_steps_of_ten() {
        let q = questionnaire();
        let s = score(&q, &answers(&[("chat", &["whatsapp"])]));
        assert_eq!(s.theme("communication").map(|t| (t.percent, t.width())), Some((Some(33), 30)));
    }
}
