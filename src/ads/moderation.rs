//! The ads' part of the moderation queue, registered with moderation at start: the ads and the
//! comments waiting for a moderator (pre-moderation; `templates/ads/queue_ads.html` and
//! `queue_comments.html`), the changes to public ads since their last review, field by field
//! (`queue_changes.html`), how a reported ad or comment is shown, with the form that takes it
//! down, and the thin handlers of the decisions (`actions/moderate.rs` and
//! `actions/revision.rs` do the work). The forms of what waits carry the version shown.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;

use super::actions::{self, ChangeVerdict, Verdict};
use super::search::{excerpt, path};
use super::store::{self, AdText, PendingComment, RevisionMode};
use super::{CommentStatus, Status};
use crate::app::AppState;
use crate::db::{self, Db};
use crate::moderation::{self, DecisionForm, FieldChange, Names, Pending, QueueSection, Reported, TakeDown};
use crate::types::BoxFuture;
use crate::web::{AppError, CsrfForm, Lang, ModeratorUser, PageCtx};

/// The kind of a report about an ad.
pub(super) const REPORTED_AD: &str = "ad";
/// The kind of a report about a comment.
pub(super) const REPORTED_COMMENT: &str = "ad_comment";
/// The kind of the changed ads' section, which no report uses.
const CHANGED_AD: &str = "ad_changes";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/moderation/annonces/{id}", post(decide_ad))
        .route("/moderation/annonces/{id}/modifications", post(decide_changes))
        .route("/moderation/commentaires/{id}", post(decide_comment))
}

/// The hooks moderation calls for the ads, in the order of their sections: ads, changes to
/// public ads, then comments.
pub fn queue_sections() -> [Arc<dyn QueueSection>; 3] {
    [Arc::new(PendingAds), Arc::new(ChangedAds), Arc::new(PendingComments)]
}

/// POST /moderation/annonces/{id}: `publier` or `refuser` a pending ad, `retirer` a public one.
async fn decide_ad(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let seen = form.seen();
    let parsed = form.choose(&Verdict::CHOICES, |v| v == Verdict::Publish);
    moderation::decide(&app, ctx, &id, parsed, async |id, (v, reason)| {
        actions::decide_ad(&app, &me, id, v, &reason, seen).await
    })
    .await
}

/// POST /moderation/annonces/{id}/modifications: `accepter` or `refuser` the changes of a
/// public ad since its last review.
async fn decide_changes(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let seen = form.seen();
    let parsed = form.choose(&ChangeVerdict::CHOICES, |v| v == ChangeVerdict::Accept);
    moderation::decide(&app, ctx, &id, parsed, async |id, (v, reason)| {
        actions::decide_changes(&app, &me, id, v, &reason, seen).await
    })
    .await
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
    let parsed = form.choose(&Verdict::CHOICES, |v| v == Verdict::Publish);
    let decide = async |id, (v, reason): (Verdict, String)| actions::decide_comment(&app, &me, id, v, &reason).await;
    moderation::decide(&app, ctx, &id, parsed, decide).await
}

struct PendingAds;

/// A pending ad as the queue shows it.
struct PendingAd {
    id: i64,
    path: String,
    title: String,
    association_name: String,
    kind_key: &'static str,
    excerpt: String,
    updated_at: i64,
    version: i64,
}

#[derive(Template)]
#[template(path = "ads/queue_ads.html")]
struct AdsSection<'a> {
    ctx: &'a PageCtx,
    ads: Vec<PendingAd>,
}

impl QueueSection for PendingAds {
    fn names(&self) -> Names {
        Names { kind: REPORTED_AD, anchor: "annonces", title_key: "moderation-ads" }
    }

    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>> {
        Box::pin(async move {
            let ads: Vec<PendingAd> = store::pending(db)
                .await?
                .into_iter()
                .map(|a| PendingAd {
                    id: a.id,
                    path: path(a.id, &a.slug),
                    kind_key: a.kind.label_key(),
                    excerpt: excerpt(&a.body, 400),
                    title: a.title,
                    association_name: a.association_name,
                    updated_at: a.updated_at,
                    version: a.version,
                })
                .collect();
            Pending::render(ads.len(), &AdsSection { ctx, ads })
        })
    }

    fn reported<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>> {
        Box::pin(async move {
            let found: HashMap<i64, store::ReportedAd> =
                store::reported_ads(db, ids).await?.into_iter().map(|a| (a.id, a)).collect();
            // An ad not taken down yet (or gone) keeps the form that takes it down.
            Ok(ids
                .iter()
                .map(|&id| {
                    let ad = found.get(&id);
                    let removed = ad.is_some_and(|a| a.status == Status::Removed);
                    let reported = Reported {
                        link: ad.map(|a| (format!("/annonces/{}-{}", a.id, a.slug), a.title.clone())),
                        quote: None,
                        take_down: (!removed).then(|| TakeDown {
                            action: format!("/moderation/annonces/{id}"),
                            field: "ra",
                            label_key: "moderation-remove-ad",
                        }),
                    };
                    (id, reported)
                })
                .collect())
        })
    }
}

struct ChangedAds;

/// A public ad changed since its last review, as the queue shows it.
struct ChangedAd {
    id: i64,
    path: String,
    title: String,
    /// The change waits (pre-moderation); else it is live (post-moderation).
    waiting: bool,
    version: i64,
    updated_at: i64,
    changes: Vec<FieldChange>,
}

#[derive(Template)]
#[template(path = "ads/queue_changes.html")]
struct ChangesSection<'a> {
    ctx: &'a PageCtx,
    ads: Vec<ChangedAd>,
}

impl QueueSection for ChangedAds {
    fn names(&self) -> Names {
        Names { kind: CHANGED_AD, anchor: "annonces-modifiees", title_key: "moderation-ad-changes" }
    }

    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>> {
        Box::pin(async move {
            let mut ads = Vec::new();
            for r in store::revisions(db).await? {
                let live = store::ad_text(db.conn(), r.ad_id).await?;
                let reviewed = store::revision_text(db.conn(), r.ad_id).await?;
                let (Some(live), Some(other)) = (live, reviewed) else { continue };
                let waiting = r.mode == RevisionMode::Pending;
                let changes = if waiting { diff(ctx.lang, &live, &other) } else { diff(ctx.lang, &other, &live) };
                ads.push(ChangedAd {
                    id: r.ad_id,
                    path: path(r.ad_id, &live.slug),
                    title: live.title,
                    waiting,
                    version: r.version,
                    updated_at: r.updated_at,
                    changes,
                });
            }
            Pending::render(ads.len(), &ChangesSection { ctx, ads })
        })
    }

    fn reported<'a>(&'a self, _: &'a Db, _: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>> {
        Box::pin(async { Ok(HashMap::new()) })
    }
}

/// The fields of an ad that differ between the reviewed text `old` and `new`, in `lang`.
fn diff(lang: Lang, old: &AdText, new: &AdText) -> Vec<FieldChange> {
    let kind = |t: &AdText| lang.t(t.kind.label_key());
    let cost = |t: &AdText| t.estimated_cost.map(|c| lang.euros(c)).unwrap_or_default();
    let region = |t: &AdText| {
        t.region_code.as_deref().map(|c| crate::geo::region(c).map_or(c, |r| r.name).to_owned()).unwrap_or_default()
    };
    let remote = |t: &AdText| lang.t(if t.remote { "moderation-change-yes" } else { "moderation-change-no" });
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    moderation::changes(vec![
        ("field-ad-kind", kind(old), kind(new)),
        ("field-association-name", old.association_name.clone(), new.association_name.clone()),
        ("field-ad-title", old.title.clone(), new.title.clone()),
        ("field-ad-body", old.body.clone(), new.body.clone()),
        ("field-ad-software", text(&old.software_slug), text(&new.software_slug)),
        ("field-ad-software-other", old.software_other.clone(), new.software_other.clone()),
        ("field-estimated-cost", cost(old), cost(new)),
        ("field-deadline", text(&old.deadline), text(&new.deadline)),
        ("field-ad-region", region(old), region(new)),
        ("field-ad-remote", remote(old), remote(new)),
        ("field-ad-tags", old.tags.clone(), new.tags.clone()),
    ])
}

struct PendingComments;

#[derive(Template)]
#[template(path = "ads/queue_comments.html")]
struct CommentsSection<'a> {
    ctx: &'a PageCtx,
    comments: Vec<PendingComment>,
}

impl QueueSection for PendingComments {
    fn names(&self) -> Names {
        Names { kind: REPORTED_COMMENT, anchor: "commentaires", title_key: "moderation-comments" }
    }

    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>> {
        Box::pin(async move {
            let comments = store::pending_comments(db).await?;
            Pending::render(comments.len(), &CommentsSection { ctx, comments })
        })
    }

    fn reported<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>> {
        Box::pin(async move {
            let found = store::reported_comments(db, ids).await?;
            Ok(found
                .into_iter()
                .map(|c| {
                    let reported = Reported {
                        link: Some((format!("/annonces/{}-{}", c.ad_id, c.ad_slug), c.ad_title)),
                        quote: Some(("moderation-reported-comment", c.body)),
                        take_down: (c.status == CommentStatus::Published).then(|| TakeDown {
                            action: format!("/moderation/commentaires/{}", c.id),
                            field: "rc",
                            label_key: "moderation-remove-comment",
                        }),
                    };
                    (c.id, reported)
                })
                .collect())
        })
    }
}
