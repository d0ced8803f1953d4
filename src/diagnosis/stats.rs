//! Aggregate statistics of the results, for the team (`/admin/diagnostics`) and as open data
//! (`/donnees/diagnostics.csv`): which tools associations use and would leave, overall, by
//! region and by size, and the grades. Counts only, and no row under [`MIN_COUNT`]: a small
//! count could point at one association.

use std::collections::{BTreeMap, HashMap};

use super::questionnaire::{Answers, QuestionKind, Questionnaire};

/// Rows counting fewer results are not shown.
pub const MIN_COUNT: i64 = 5;

/// One result as the statistics read it.
pub struct Sample {
    pub version: i64,
    pub answers: Answers,
    pub region: String,
    pub size: String,
    pub grade: String,
}

/// A count of results for a tool (or a grade) within a group ("" for all, a region code, a size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `all`, `region` or `size`.
    pub group: &'static str,
    pub key: String,
    /// The tool's value, or the grade.
    pub item: String,
    pub count: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Statistics {
    /// How many results were counted; shown only from `MIN_COUNT` on.
    pub results: i64,
    /// Tools in use that have free alternatives, by group, most used first within each group.
    pub tools: Vec<Row>,
    pub grades: Vec<Row>,
}

/// Counts `samples`, reading each with the version it was made with (`versions`), and leaves
/// out every row under `MIN_COUNT`.
pub fn aggregate(samples: &[Sample], versions: &HashMap<i64, Questionnaire>) -> Statistics {
    let mut tools: BTreeMap<(&'static str, String, String), i64> = BTreeMap::new();
    let mut grades: BTreeMap<(&'static str, String, String), i64> = BTreeMap::new();
    for s in samples {
        let Some(q) = versions.get(&s.version) else { continue };
        let groups = [("all", String::new()), ("region", s.region.clone()), ("size", s.size.clone())];
        for question in q.questions.iter().filter(|x| x.kind == QuestionKind::Tool) {
            for value in s.answers.get(&question.key).into_iter().flatten() {
                if q.alternatives_to(value).next().is_none() {
                    continue;
                }
                for (group, key) in groups.iter().filter(|(g, k)| *g == "all" || !k.is_empty()) {
                    *tools.entry((group, key.clone(), value.clone())).or_default() += 1;
                }
            }
        }
        for (group, key) in groups.iter().filter(|(g, k)| *g == "all" || !k.is_empty()) {
            *grades.entry((group, key.clone(), s.grade.clone())).or_default() += 1;
        }
    }
    let rows = |map: BTreeMap<(&'static str, String, String), i64>| {
        let mut rows: Vec<Row> = map
            .into_iter()
            .filter(|(_, count)| *count >= MIN_COUNT)
            .map(|((group, key, item), count)| Row { group, key, item, count })
            .collect();
        let order = |g: &str| ["all", "region", "size"].iter().position(|x| *x == g).unwrap_or(3);
        rows.sort_by(|a, b| {
            order(a.group)
                .cmp(&order(b.group))
                .then(a.key.cmp(&b.key))
                .then(b.count.cmp(&a.count))
                .then(a.item.cmp(&b.item))
        });
        rows
    };
    Statistics { results: samples.len() as i64, tools: rows(tools), grades: rows(grades) }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::super::fixture::{answers, questionnaire};
    use super::{Row, Sample, aggregate};

    fn sample(files: &str, region: &str, grade: &str) -> Sample {
        Sample {
            version: 1,
            answers: answers(&[("files", &[files]), ("chat", &["free"])]),
            region: region.into(),
            size: "small".into(),
            grade: grade.into(),
        }
    }

    #[test]
    fn tools_to_leave_are_counted_by_group_and_small_counts_are_left_out() {
        let versions = HashMap::from([(1, questionnaire())]);
        let mut samples: Vec<Sample> = (0..6).map(|_| sample("google-drive", "53", "E")).collect();
        samples.extend((0..4).map(|_| sample("google-drive", "11", "E")));
        samples.extend((0..4).map(|_| sample("dropbox", "53", "D")));
        // A version nobody has any more is skipped; free tools are no tool to leave.
        samples.push(Sample { version: 9, ..sample("dropbox", "53", "D") });
        let stats = aggregate(&samples, &versions);
        assert_eq!(stats.results, 15);
        let row = |group, key: &str, item: &str, count| Row { group, key: key.into(), item: item.into(), count };
        assert_eq!(
            stats.tools,
            [
                row("all", "", "google-drive", 10),
                row("region", "53", "google-drive", 6),
                row("size", "small", "google-drive", 10)
            ]
        );
        assert_eq!(stats.grades, [row("all", "", "E", 10), row("region", "53", "E", 6), row("size", "small", "E", 10)]);
        assert!(!stats.tools.iter().any(|r| r.count < super::MIN_COUNT));
    }
}
