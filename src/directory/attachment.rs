//! What another feature can attach to a contact message (a self-diagnosis result): the hook it
//! registers at start. The visitor arrives on a profile with `?joindre=TOKEN`; when a registered
//! kind knows the token, the contact form offers a ticked box to attach it; the relay hands the
//! token to that kind in the message's transaction, and the structure's email says where its
//! team sees the attachment, behind its account. The directory never reads the attachment.

use sea_orm::DatabaseTransaction;

use crate::db::{self, Db};
use crate::types::BoxFuture;

pub trait ContactAttachment: Send + Sync {
    /// The message key of the box that attaches it on the contact form.
    fn label_key(&self) -> &'static str;

    /// The message key of the paragraph the structure's email gets, which takes `$link`.
    fn mail_key(&self) -> &'static str;

    /// Whether `token` names an item of this kind.
    fn exists<'a>(&'a self, db: &'a Db, token: &'a str) -> BoxFuture<'a, db::Result<bool>>;

    /// Attaches the item `token` names to a message to structure `structure_id`, in the
    /// message's transaction; returns the path where the structure's team sees it, or `None`
    /// when the token names nothing of this kind.
    fn attach<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        token: &'a str,
        structure_id: i64,
    ) -> BoxFuture<'a, db::Result<Option<String>>>;
}

/// The kind that knows `token`, if any (a token that is no plausible link is not looked up).
pub async fn attachable<'a>(
    hooks: &'a [std::sync::Arc<dyn ContactAttachment>],
    db: &Db,
    token: &str,
) -> db::Result<Option<&'a dyn ContactAttachment>> {
    let plausible =
        (16..=64).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !plausible {
        return Ok(None);
    }
    for hook in hooks {
        if hook.exists(db, token).await? {
            return Ok(Some(hook.as_ref()));
        }
    }
    Ok(None)
}
