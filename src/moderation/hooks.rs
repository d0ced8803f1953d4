//! What the other features contribute to the moderation queue, registered at start (`startup`
//! hands them over, `AppState` holds them), so that moderation names no other feature: each
//! kind of item the moderators look after renders its own section of the queue page and says
//! how a report about one of its items is shown. The decisions live with the feature that owns
//! the item (under `/moderation/…`) and answer through [`decide`](super::decide).

use std::collections::HashMap;

use askama::Template;

use crate::db::{self, Db};
use crate::types::BoxFuture;
use crate::web::{AppError, PageCtx};

/// A kind of item that moderators decide on and that visitors may report.
pub trait QueueSection: Send + Sync {
    /// The kind of its items and its place on the page.
    fn names(&self) -> Names;

    /// What waits for a decision, rendered for the queue page with `ctx`.
    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>>;

    /// How the queue shows the reported items among `ids`; an id left out shows the report alone.
    fn reported<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>>;
}

/// The kind of a section's items and its place on the queue page.
#[derive(Debug, Clone, Copy)]
pub struct Names {
    /// The kind of item, as its reports store it (`"structure"`); the queue shows it with the
    /// message key `report-target-{kind}`.
    pub kind: &'static str,
    /// The section's anchor on the queue page, also the id of its heading (`"structures"`).
    pub anchor: &'static str,
    /// The message key of the section's heading and of its link, which takes `$count`.
    pub title_key: &'static str,
}

/// A section's part of the queue page.
pub struct Pending {
    /// How many items wait (the section says it is empty when none does).
    pub count: usize,
    /// The items, each with its decision form; the page puts them under the section's heading.
    pub html: String,
}

impl Pending {
    /// `count` items, rendered by the feature's template `items`.
    pub fn render(count: usize, items: &impl Template) -> Result<Pending, AppError> {
        Ok(Pending { count, html: items.render()? })
    }
}

/// What the queue shows of a reported item, around the report itself.
#[derive(Clone, Default)]
pub struct Reported {
    /// The item, or what it belongs to, after the reason: (path, text).
    pub link: Option<(String, String)>,
    /// The reported text itself when the link does not show it: (label key, text).
    pub quote: Option<(&'static str, String)>,
    /// The form that takes the item down, while it is up.
    pub take_down: Option<TakeDown>,
}

impl Reported {
    /// A reported item shown by a link alone.
    pub fn link(path: String, text: String) -> Reported {
        Reported { link: Some((path, text)), ..Reported::default() }
    }
}

/// A form under a report that takes the reported item down: it posts `decision=retirer` and a
/// reason to the decision route of the feature that owns the item.
#[derive(Clone)]
pub struct TakeDown {
    /// The decision route (`/moderation/annonces/12`).
    pub action: String,
    /// The reason field's id prefix, unique on the page with the report's id (`"ra"`).
    pub field: &'static str,
    /// The message key of the button.
    pub label_key: &'static str,
}

/// One field of an approved item that changed since its last review, as the queue shows it:
/// its label, the reviewed value and the value now proposed or live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The message key of the field's label.
    pub label_key: &'static str,
    pub old: String,
    pub new: String,
    /// `old` and `new` are the addresses of images (a logo), shown as such.
    pub image: bool,
}

/// The fields among `fields` (label key, reviewed value, new value) whose value changed.
pub fn changes(fields: Vec<(&'static str, String, String)>) -> Vec<FieldChange> {
    fields
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(label_key, old, new)| FieldChange { label_key, old, new, image: false })
        .collect()
}

/// The change of an image (its address, or empty when there was or is none), if it changed.
pub fn image_change(label_key: &'static str, old: String, new: String) -> Option<FieldChange> {
    (old != new).then_some(FieldChange { label_key, old, new, image: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_fields_that_changed_are_shown() {
        let shown = changes(vec![
            ("field-name", "Les Nuages".into(), "Les Nuages".into()),
            ("field-website", "https://nuages.example".into(), "https://spam.example".into()),
        ]);
        assert_eq!(
            shown,
            [FieldChange {
                label_key: "field-website",
                old: "https://nuages.example".into(),
                new: "https://spam.example".into(),
                image: false,
            }]
        );
    }
}
