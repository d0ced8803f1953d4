//! Starting a draft: empty, with the newest questionnaire, or with the answers of an earlier
//! result (to change them, or to do the diagnosis again later and see what changed).

use super::super::store::{self, ResultRow};
use super::{decode, encode};
use crate::db::{self, Db};
use crate::web::session::{hash_token, random_token};

/// A new empty draft; returns its token (the link's secret, stored only as a hash).
pub async fn start(db: &Db) -> db::Result<String> {
    let version = super::ensure_questionnaire(db).await?;
    let token = random_token();
    store::insert_draft(db.conn(), &hash_token(&token), version, "{}", 1, None).await?;
    Ok(token)
}

/// A new draft holding the answers of `result`, with the newest questionnaire, every step open.
pub async fn revise(db: &Db, result: &ResultRow) -> db::Result<String> {
    let version = super::ensure_questionnaire(db).await?;
    let steps = match store::questionnaire(db.conn(), version).await? {
        Some(q) => q.steps(),
        None => 1,
    };
    let token = random_token();
    let answers = encode(&decode(&result.answers));
    store::insert_draft(db.conn(), &hash_token(&token), version, &answers, steps, Some(&result.token_hash)).await?;
    Ok(token)
}
