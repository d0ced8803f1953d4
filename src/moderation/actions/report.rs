//! Closing a report, handled or dismissed: the reporter, when they left an address, receives
//! the moderator's note (a few such emails per address and window).

use super::not_pending;
use crate::app::AppState;
use crate::audit;
use crate::mail::{self, Email as Mail};
use crate::moderation::{Closing, ModerationError, store};
use crate::web::ratelimit;
use crate::web::{CurrentUser, Lang};

/// Closes the open report `id`.
pub async fn close_report(app: &AppState, me: &CurrentUser, id: i64, closing: Closing) -> Result<(), ModerationError> {
    let Closing { acted, reason } = closing;
    let txn = app.db.begin().await?;
    let Some(closed) = store::close_report(&txn, id, acted, me.id, &reason).await? else {
        drop(txn);
        return Err(not_pending(&app.db, "reports", id).await?);
    };
    audit::record(
        &txn,
        me,
        if acted { "report.handle" } else { "report.dismiss" },
        &format!("report:{id}"),
        Some(&reason),
    )
    .await?;
    // The reporter's address was typed by whoever filed the report: at most `rate_reset` of
    // these emails per address and window, however many reports name it.
    let mail_allowed = !closed.reporter_email.is_empty() && {
        let bucket = format!("report-mail:{}", closed.reporter_email);
        ratelimit::within_in(&txn, &bucket, app.config.rate_reset, app.config.rate_window_minutes).await?
    };
    if mail_allowed {
        let key = if acted { "mail-report-handled" } else { "mail-report-dismissed" };
        mail::queue(&txn, &Mail::compose(Lang::Fr, &closed.reporter_email, None, key, &[("reason", reason.clone())]))
            .await?;
    }
    txn.commit().await?;
    app.mail_queued();
    Ok(())
}
