//! The structures' part of the moderation queue, registered with moderation at start: the
//! structures waiting for approval (`templates/directory/queue.html`, decided by
//! `routes/moderate.rs`) and how a reported profile is shown.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;

use super::store::{self, PendingStructure};
use crate::db::{self, Db};
use crate::moderation::{Names, Pending, QueueSection, Reported};
use crate::types::BoxFuture;
use crate::web::{AppError, PageCtx};

/// The kind of a report about a structure.
pub(super) const REPORTED: &str = "structure";

/// The hook moderation calls for the structures.
pub fn queue_section() -> Arc<dyn QueueSection> {
    Arc::new(Structures)
}

struct Structures;

#[derive(Template)]
#[template(path = "directory/queue.html")]
struct Section<'a> {
    ctx: &'a PageCtx,
    structures: Vec<PendingStructure>,
}

impl QueueSection for Structures {
    fn names(&self) -> Names {
        Names { kind: REPORTED, anchor: "structures", title_key: "moderation-structures" }
    }

    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>> {
        Box::pin(async move {
            let structures = store::pending_structures(db).await?;
            Pending::render(structures.len(), &Section { ctx, structures })
        })
    }

    fn reported<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>> {
        Box::pin(async move {
            let named = store::names(db, ids).await?;
            Ok(named.into_iter().map(|s| (s.id, Reported::link(format!("/annuaire/{}", s.slug), s.name))).collect())
        })
    }
}
