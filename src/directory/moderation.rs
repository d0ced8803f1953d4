//! The structures' part of the moderation queue, registered with moderation at start: the
//! structures waiting for approval (`templates/directory/queue.html`), the approved structures
//! whose trusted fields changed since their review, field by field (`queue_changes.html`), both
//! decided by `routes/moderate.rs` with the version shown, and how a reported profile is shown.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;

use super::store::{self, PendingStructure, StructureText};
use crate::db::{self, Db};
use crate::moderation::{self, FieldChange, Names, Pending, QueueSection, Reported};
use crate::types::BoxFuture;
use crate::web::{AppError, Lang, PageCtx};

/// The kind of a report about a structure.
pub(super) const REPORTED: &str = "structure";
/// The kind of the changed structures' section, which no report uses.
const CHANGED: &str = "structure_changes";

/// The hooks moderation calls for the structures: those waiting for approval, then the
/// approved ones changed since.
pub fn queue_sections() -> [Arc<dyn QueueSection>; 2] {
    [Arc::new(Structures), Arc::new(ChangedStructures)]
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

struct ChangedStructures;

/// An approved structure changed since its review, as the queue shows it.
struct Changed {
    id: i64,
    slug: String,
    name: String,
    version: i64,
    updated_at: i64,
    changes: Vec<FieldChange>,
}

#[derive(Template)]
#[template(path = "directory/queue_changes.html")]
struct ChangesSection<'a> {
    ctx: &'a PageCtx,
    structures: Vec<Changed>,
}

impl QueueSection for ChangedStructures {
    fn names(&self) -> Names {
        Names { kind: CHANGED, anchor: "structures-modifiees", title_key: "moderation-structure-changes" }
    }

    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>> {
        Box::pin(async move {
            let mut structures = Vec::new();
            for c in store::changed_structures(db).await? {
                let (Some(live), Some(reviewed)) =
                    (store::by_id(db, c.id).await?, store::revision_text(db.conn(), c.id).await?)
                else {
                    continue;
                };
                let live = StructureText::of_row(&live);
                structures.push(Changed {
                    id: c.id,
                    slug: c.slug,
                    changes: diff(ctx.lang, &reviewed, &live),
                    name: live.name,
                    version: c.version,
                    updated_at: c.updated_at,
                });
            }
            Pending::render(structures.len(), &ChangesSection { ctx, structures })
        })
    }

    fn reported<'a>(&'a self, _: &'a Db, _: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>> {
        Box::pin(async { Ok(HashMap::new()) })
    }
}

/// The address of a logo file, or empty.
fn logo_path(file: &Option<String>) -> String {
    file.as_deref().map(|f| format!("/medias/logos/{f}")).unwrap_or_default()
}

/// The trusted fields that differ between the reviewed `old` and the live `new`, in `lang`.
fn diff(lang: Lang, old: &StructureText, new: &StructureText) -> Vec<FieldChange> {
    let chatons =
        |t: &StructureText| lang.t(if t.chatons_member { "moderation-change-yes" } else { "moderation-change-no" });
    moderation::changes(vec![
        ("field-structure-name", old.name.clone(), new.name.clone()),
        ("field-pitch", old.pitch.clone(), new.pitch.clone()),
        ("field-description", old.description.clone(), new.description.clone()),
        ("field-website", old.website.clone(), new.website.clone()),
        ("field-contact-email", old.contact_email.clone(), new.contact_email.clone()),
        ("field-chatons-member", chatons(old), chatons(new)),
        ("field-chatons-url", old.chatons_url.clone(), new.chatons_url.clone()),
        ("field-price-info", old.price_info.clone(), new.price_info.clone()),
    ])
    .into_iter()
    .chain(moderation::image_change("field-logo", logo_path(&old.logo), logo_path(&new.logo)))
    .collect()
}
