//! Publishing or refusing a recommendation: its author is told, with the reason; once
//! published, the structure's team is told too and the search engine follows.

use super::not_pending;
use crate::app::AppState;
use crate::audit;
use crate::directory;
use crate::mail::{self, Email as Mail};
use crate::moderation::{Decision, ModerationError, store};
use crate::web::{CurrentUser, Lang};

/// Decides the pending recommendation `id`.
pub async fn decide_recommendation(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    decision: Decision,
) -> Result<(), ModerationError> {
    let Decision { approve, reason } = decision;
    let txn = app.db.begin().await?;
    let Some(done) = store::decide_recommendation(&txn, id, approve, me.id, &reason).await? else {
        drop(txn);
        return Err(not_pending(&app.db, "recommendations", id).await?);
    };
    let action = if approve { "recommendation.publish" } else { "recommendation.reject" };
    audit::record(&txn, me, action, &format!("recommendation:{id}"), Some(&reason)).await?;
    directory::record_change(&txn, done.structure_id).await?;
    let s = directory::structure_by_id(&app.db, done.structure_id).await?.ok_or(ModerationError::NotFound)?;
    let args =
        [("structure", s.name.clone()), ("association", done.association_name.clone()), ("reason", reason.clone())];
    let key = if approve { "mail-recommendation-published" } else { "mail-recommendation-rejected" };
    mail::queue(&txn, &Mail::compose(Lang::Fr, &done.author_email, None, key, &args)).await?;
    if approve {
        for to in directory::recipients(&app.db, s.id, &s.contact_email).await? {
            mail::queue(&txn, &Mail::compose(Lang::Fr, &to, None, "mail-recommendation-new", &args)).await?;
        }
    }
    txn.commit().await?;
    app.directory.changed();
    app.mail_queued();
    Ok(())
}
