//! Moderation of ads and comments: publishing or refusing what waits (pre-moderation), taking
//! down what was reported (post-moderation). Each decision carries a reason, goes to the audit
//! log, closes the open reports on the item, and is told to its author.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;

use super::Status;
use super::notify::{self, Notice};
use super::search::excerpt;
use super::store;
use crate::app::AppState;
use crate::audit;
use crate::db::{self, Db};
use crate::mail::{self, Email as Mail};
use crate::moderation::{DecisionForm, already, invalid};
use crate::vals;
use crate::web::{AppError, CsrfForm, ModeratorUser, PageCtx, see_other};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/moderation/annonces/{id}", post(decide_ad))
        .route("/moderation/commentaires/{id}", post(decide_comment))
}

/// What waits for the moderators among ads and comments.
pub struct PendingAds {
    pub ads: Vec<PendingAd>,
    pub comments: Vec<store::PendingComment>,
}

pub struct PendingAd {
    pub id: i64,
    pub path: String,
    pub title: String,
    pub association_name: String,
    pub kind_key: &'static str,
    pub excerpt: String,
    pub updated_at: i64,
}

pub async fn pending_for_moderation(db: &Db) -> Result<PendingAds, sea_orm::DbErr> {
    let ads = store::pending(db)
        .await?
        .into_iter()
        .map(|a| PendingAd {
            id: a.id,
            path: super::search::path(a.id, &a.slug),
            kind_key: a.kind.label_key(),
            excerpt: super::search::excerpt(&a.body, 400),
            title: a.title,
            association_name: a.association_name,
            updated_at: a.updated_at,
        })
        .collect();
    let comments = store::pending_comments(db).await?;
    Ok(PendingAds { ads, comments })
}

fn item_id(segment: &str) -> Result<i64, AppError> {
    segment.parse::<i64>().map_err(|_| AppError::NotFound)
}

/// Closes the open reports about an item, as handled by this decision.
async fn close_reports<C: sea_orm::ConnectionTrait>(
    c: &C,
    kind: &str,
    id: i64,
    by: i64,
    reason: &str,
) -> Result<(), sea_orm::DbErr> {
    db::exec(
        c,
        "UPDATE reports SET status = 'handled', decided_at = $1, decided_by = $2, decision_reason = $3 \
         WHERE target_kind = $4 AND target_id = $5 AND status = 'open'",
        vals![db::now(), by, reason, kind, id],
    )
    .await?;
    Ok(())
}

/// POST /moderation/annonces/{id}: `publier` or `refuser` a pending ad, `retirer` a public one.
async fn decide_ad(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    let (from, to, action, key): (&[Status], Status, &str, &str) = match form.decision.as_str() {
        "retirer" => (&Status::PUBLIC, Status::Removed, "ad.remove", "mail-ad-removed"),
        "publier" => (&[Status::Pending], Status::Published, "ad.publish", "mail-ad-approved"),
        "refuser" => (&[Status::Pending], Status::Refused, "ad.refuse", "mail-ad-refused"),
        _ => {
            return invalid(&app, ctx, crate::web::FieldErrors::one("form", "err-decision-invalid")).await;
        }
    };
    // Refusing or taking down needs a reason, which the author receives.
    let min = if to == Status::Published { 0 } else { 3 };
    let reason = match crate::types::bounded(&form.reason, min, 1000, "err-reason-required", "err-reason-long") {
        Ok(r) => r,
        Err(key) => {
            return invalid(&app, ctx, crate::web::FieldErrors::one("form", key)).await;
        }
    };
    let ad = store::by_id(app.db.conn(), id).await?.ok_or(AppError::NotFound)?;
    let txn = app.db.begin().await?;
    if !store::decide(&txn, id, from, to, me.id, &reason).await? {
        drop(txn);
        return already(&app, ctx, "ads", id).await;
    }
    if to == Status::Published {
        store::publish(
            &txn,
            id,
            Status::Published,
            db::now() + app.config.ads_lifetime_days * 86_400,
            &[Status::Published],
        )
        .await?;
    }
    audit::record(&txn, &me, action, &format!("ad:{id}"), Some(&reason)).await?;
    close_reports(&txn, "ad", id, me.id, &reason).await?;
    super::record_change(&txn, id).await?;
    if let Some((email, lang)) = super::notify::author_contact(&txn, &ad).await? {
        let args = [
            ("title", ad.title.clone()),
            ("reason", reason.clone()),
            ("url", format!("{}{}", app.config.base(), super::search::path(ad.id, &ad.slug))),
        ];
        mail::queue(&txn, &Mail::compose(lang, &email, ad.author_id, key, &args)).await?;
    }
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    Ok(see_other("/moderation", "flash-decision-saved"))
}

/// POST /moderation/commentaires/{id}: `publier` or `refuser` a pending comment, `retirer` a
/// published one.
async fn decide_comment(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = item_id(&id)?;
    let (from, to, action): (&[&str], &str, &str) = match form.decision.as_str() {
        "retirer" => (&["published"], "removed", "comment.remove"),
        "publier" => (&["pending"], "published", "comment.publish"),
        "refuser" => (&["pending"], "refused", "comment.refuse"),
        _ => {
            return invalid(&app, ctx, crate::web::FieldErrors::one("form", "err-decision-invalid")).await;
        }
    };
    let min = if to == "published" { 0 } else { 3 };
    let reason = match crate::types::bounded(&form.reason, min, 1000, "err-reason-required", "err-reason-long") {
        Ok(r) => r,
        Err(key) => {
            return invalid(&app, ctx, crate::web::FieldErrors::one("form", key)).await;
        }
    };
    let comment = store::comment(app.db.conn(), id).await?.ok_or(AppError::NotFound)?;
    let ad = store::by_id(app.db.conn(), comment.ad_id).await?.ok_or(AppError::NotFound)?;
    let txn = app.db.begin().await?;
    if !store::decide_comment(&txn, id, from, to, me.id, &reason).await? {
        drop(txn);
        return already(&app, ctx, "ad_comments", id).await;
    }
    audit::record(&txn, &me, action, &format!("ad_comment:{id}"), Some(&reason)).await?;
    close_reports(&txn, "ad_comment", id, me.id, &reason).await?;
    if to == "published" {
        let notice = Notice::Comment { who: comment.author_name.clone(), excerpt: excerpt(&comment.body, 600) };
        notify::followers(&app, &txn, &ad, comment.user_id, &notice).await?;
    } else if let Some(author) = comment.user_id
        && let Some((email, lang)) = store::contact(&txn, author).await?
    {
        let args = [("title", ad.title.clone()), ("reason", reason.clone())];
        let key = if to == "removed" { "mail-comment-removed" } else { "mail-comment-refused" };
        mail::queue(&txn, &Mail::compose(lang, &email, Some(author), key, &args)).await?;
    }
    super::record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    Ok(see_other("/moderation", "flash-decision-saved"))
}
