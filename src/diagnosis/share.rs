//! A result attached to a contact message to a listed structure: the hook the directory's
//! contact form calls (`directory::ContactAttachment`), registered at start. The structure's team
//! then sees the result behind its account (`routes/shared.rs`), never through the private link.

use std::sync::Arc;

use sea_orm::DatabaseTransaction;

use super::store;
use crate::db::{self, Db};
use crate::directory::ContactAttachment;
use crate::types::BoxFuture;
use crate::web::session::hash_token;

struct AttachResult;

impl ContactAttachment for AttachResult {
    fn label_key(&self) -> &'static str {
        "diagnosis-attach-label"
    }

    fn mail_key(&self) -> &'static str {
        "mail-contact-diagnosis"
    }

    fn exists<'a>(&'a self, db: &'a Db, token: &'a str) -> BoxFuture<'a, db::Result<bool>> {
        Box::pin(async move { Ok(store::result(db.conn(), &hash_token(token)).await?.is_some()) })
    }

    fn attach<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        token: &'a str,
        structure_id: i64,
    ) -> BoxFuture<'a, db::Result<Option<String>>> {
        Box::pin(async move {
            let hash = hash_token(token);
            if store::result(txn, &hash).await?.is_none() {
                return Ok(None);
            }
            let id = store::share(txn, &hash, structure_id).await?;
            Ok(Some(format!("/espace/structure/diagnostics/{id}")))
        })
    }
}

/// The hook that attaches a result to a contact message.
pub fn contact_attachment() -> Arc<dyn ContactAttachment> {
    Arc::new(AttachResult)
}
