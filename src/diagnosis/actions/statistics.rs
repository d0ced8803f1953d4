//! The aggregate statistics of the results (`stats.rs`), read from the database.

use std::collections::HashMap;

use super::super::stats::{self, Sample, Statistics};
use super::super::store;
use super::decode;
use crate::db::{self, Db};

pub async fn statistics(db: &Db) -> db::Result<Statistics> {
    let rows = store::samples(db.conn()).await?;
    let mut versions = HashMap::new();
    for v in rows.iter().map(|r| r.version_id) {
        if let std::collections::hash_map::Entry::Vacant(e) = versions.entry(v)
            && let Some(q) = store::questionnaire(db.conn(), v).await?
        {
            e.insert(q);
        }
    }
    let samples: Vec<Sample> = rows
        .into_iter()
        .map(|r| Sample {
            version: r.version_id,
            answers: decode(&r.answers),
            region: r.region_code,
            size: r.size,
            grade: r.grade,
        })
        .collect();
    Ok(stats::aggregate(&samples, &versions))
}

/// A row of the statistics as the admin page shows it, in one language.
#[derive(Debug, Clone)]
pub struct LabelledRow {
    /// The group's name: "" for all results, a region's name, a size's label.
    pub key: String,
    /// The tool's label, or the grade.
    pub item: String,
    pub count: i64,
}

/// The statistics, labelled with the newest questionnaire: (results, tools by all/region/size,
/// grades by all/region/size).
pub async fn labelled(
    db: &Db,
    lang: crate::web::Lang,
) -> db::Result<(i64, [Vec<LabelledRow>; 3], [Vec<LabelledRow>; 3])> {
    let s = statistics(db).await?;
    let version = super::ensure_questionnaire(db).await?;
    let q = store::questionnaire(db.conn(), version).await?;
    let tool_label = |value: &str| {
        q.as_ref()
            .and_then(|q| {
                q.questions
                    .iter()
                    .filter(|x| x.kind == super::super::questionnaire::QuestionKind::Tool)
                    .find_map(|x| x.choice(value))
            })
            .map(|c| c.label.get(lang).to_owned())
            .unwrap_or_else(|| value.to_owned())
    };
    let key_label = |group: &str, key: &str| match group {
        "region" => crate::geo::region(key).map(|r| r.name.to_owned()).unwrap_or_else(|| key.to_owned()),
        "size" => q
            .as_ref()
            .and_then(|q| q.question("size"))
            .and_then(|x| x.choice(key))
            .map(|c| c.label.get(lang).to_owned())
            .unwrap_or_else(|| key.to_owned()),
        _ => String::new(),
    };
    let split = |rows: &[stats::Row], item: &dyn Fn(&str) -> String| {
        ["all", "region", "size"].map(|g| {
            rows.iter()
                .filter(|r| r.group == g)
                .map(|r| LabelledRow { key: key_label(r.group, &r.key), item: item(&r.item), count: r.count })
                .collect::<Vec<_>>()
        })
    };
    let tools = split(&s.tools, &tool_label);
    let grades = split(&s.grades, &|g: &str| g.to_owned());
    Ok((s.results, tools, grades))
}
