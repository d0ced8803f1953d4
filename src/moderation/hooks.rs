//! What the other features contribute to the moderation queue, registered at start (`startup`
//! hands them over, `AppState` holds them), so that moderation names no other feature: each
//! kind of item the moderators look after renders its own section of the queue page and says
//! how a report about one of its items is shown. The decisions live with the feature that owns
//! the item (under `/moderation/…`) and answer through [`answer`](super::answer).

use std::collections::HashMap;

use crate::db::{self, Db};
use crate::types::BoxFuture;
use crate::web::{AppError, PageCtx};

/// A kind of item that moderators decide on and that visitors may report.
pub trait QueueSection: Send + Sync {
    /// The kind of item, as its reports store it (`"structure"`); the queue shows it with the
    /// message key `report-target-{kind}`.
    fn kind(&self) -> &'static str;

    /// The section's anchor on the queue page, also the id of its heading (`"structures"`).
    fn anchor(&self) -> &'static str;

    /// The message key of the section's heading and of its link, which takes `$count`.
    fn title_key(&self) -> &'static str;

    /// What waits for a decision, rendered for the queue page with `ctx`.
    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>>;

    /// How the queue shows the reported items among `ids`; an id left out shows the report alone.
    fn reported<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>>;
}

/// A section's part of the queue page.
pub struct Pending {
    /// How many items wait (the section says it is empty when none does).
    pub count: usize,
    /// The items, each with its decision form; the page puts them under the section's heading.
    pub html: String,
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
