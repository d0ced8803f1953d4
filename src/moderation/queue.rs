//! What waits for the moderators: each registered section's pending items, in the order of
//! registration, then the open reports, each with what its feature shows of the reported item.

use std::collections::HashMap;
use std::sync::Arc;

use super::hooks::{QueueSection, Reported};
use super::store::{self, OpenReport};
use crate::db::Db;
use crate::web::{AppError, PageCtx};

/// The moderation queue.
pub struct Queue {
    pub sections: Vec<Section>,
    pub reports: Vec<Report>,
}

/// A section of the queue page, rendered by the feature that owns its items.
pub struct Section {
    pub anchor: &'static str,
    pub title_key: &'static str,
    pub count: usize,
    pub html: String,
}

/// An open report, with what the queue shows of the reported item.
pub struct Report {
    pub r: OpenReport,
    pub about: Reported,
}

/// Everything that waits for a decision, oldest first.
pub async fn load(sections: &[Arc<dyn QueueSection>], db: &Db, ctx: &PageCtx) -> Result<Queue, AppError> {
    let mut pending = Vec::with_capacity(sections.len());
    for s in sections {
        let part = s.pending(db, ctx).await?;
        let names = s.names();
        pending.push(Section { anchor: names.anchor, title_key: names.title_key, count: part.count, html: part.html });
    }
    let open = store::open_reports(db).await?;
    let mut about: HashMap<(&str, i64), Reported> = HashMap::new();
    for s in sections {
        let kind = s.names().kind;
        let ids: Vec<i64> = open.iter().filter(|r| r.target_kind == kind).map(|r| r.target_id).collect();
        if ids.is_empty() {
            continue;
        }
        for (id, reported) in s.reported(db, &ids).await? {
            about.insert((kind, id), reported);
        }
    }
    let reports = open
        .into_iter()
        .map(|r| {
            let about = about.get(&(r.target_kind.as_str(), r.target_id)).cloned().unwrap_or_default();
            Report { r, about }
        })
        .collect();
    Ok(Queue { sections: pending, reports })
}
