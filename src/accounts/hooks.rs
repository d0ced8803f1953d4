//! What the other features hold about a person, reached through hooks they register at start
//! (`startup` hands them over), so that accounts names no other feature: the export asks each
//! hook for its part, the deletion lets each one let go of the person first.

use sea_orm::DatabaseTransaction;

use crate::db::{self, Db};
use crate::types::BoxFuture;

/// A feature's part of a person's data.
pub trait PersonalData: Send + Sync {
    /// The key of this part in the JSON export (e.g. `"ads"`).
    fn key(&self) -> &'static str;

    /// Everything the feature holds about the person.
    fn export<'a>(&'a self, db: &'a Db, user_id: i64) -> BoxFuture<'a, db::Result<serde_json::Value>>;

    /// Inside the deletion's transaction, before the account's rows go: removes or closes what
    /// must not simply follow the database's cascades, and keeps the feature's figures right.
    fn forget<'a>(&'a self, txn: &'a DatabaseTransaction, user_id: i64) -> BoxFuture<'a, db::Result<()>>;

    /// After the deletion is committed (e.g. to wake the feature's search engine).
    fn forgotten(&self) {}
}
