//! Questions and comments under a public ad.

use super::super::forms::CommentForm;
use super::super::notify::{self, Event};
use super::super::store::{self, AdRow};
use super::super::{AdError, CommentStatus, record_change};
use super::changed;
use crate::app::AppState;
use crate::config::Moderation;
use crate::web::CurrentUser;

/// Where a comment went.
pub enum Commented {
    /// Shown at once (post-moderation); followers are told (collected, see `notify`).
    Posted,
    /// Waiting for a moderator (pre-moderation).
    Pending,
}

/// `user` comments `ad` (at most `rate_comments` per window); the commenter follows the ad.
pub async fn comment(app: &AppState, user: &CurrentUser, ad: &AdRow, form: &CommentForm) -> Result<Commented, AdError> {
    if !ad.status.is_public() {
        return Err(AdError::NotPublic);
    }
    let body = form.parse().map_err(AdError::Invalid)?;
    let since = crate::db::now() - app.config.rate_window_minutes * 60;
    if store::comments_since(&app.db, user.id, since).await? >= app.config.rate_comments {
        return Err(AdError::CommentFlood);
    }
    let outcome = match app.config.ads_moderation {
        Moderation::Pre => Commented::Pending,
        Moderation::Post => Commented::Posted,
    };
    let status = match outcome {
        Commented::Pending => CommentStatus::Pending,
        Commented::Posted => CommentStatus::Published,
    };
    let txn = app.db.begin().await?;
    let comment = store::insert_comment(&txn, ad.id, user.id, &user.display_name, &body, status).await?;
    store::follow(&txn, ad.id, user.id).await?;
    // The ad's pages change: every node empties its cache of them.
    record_change(&txn, ad.id).await?;
    if let Commented::Posted = outcome {
        let event = Event::Comment { actor: Some(user.id), who: &user.display_name, comment };
        notify::collect(app, &txn, ad, event).await?;
    }
    txn.commit().await?;
    changed(app);
    Ok(outcome)
}
