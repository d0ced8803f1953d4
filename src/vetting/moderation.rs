//! The recommendations' part of the moderation queue, registered with moderation at start: the
//! recommendations waiting for publication, with the flags that call for a closer look
//! (`templates/vetting/queue.html`), the moderators' decision on one, and how a reported
//! recommendation is shown.
//!
//! A structure can declare an accompaniment to a mailbox it controls and answer the link
//! itself. Nothing proves it, so the queue shows the signals of it for the moderator to judge:
//! the contact address is on a free-mail domain (`content/free-mail-domains.txt`); the answer
//! came from the network address of one of the structure's declarations, from a member's
//! session, or the address is a member's; the address was never seen on the platform before;
//! the structure declared a burst of accompaniments (`BURST` in `BURST_DAYS`).

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;

use super::criterion_key;
use super::store::{self, PendingRecommendation};
use crate::app::AppState;
use crate::db::{self, Db};
use crate::mail::{self, Email as Mail};
use crate::moderation::{self, Decision, DecisionForm, ModerationError, Names, Pending, QueueSection, Reported};
use crate::types::BoxFuture;
use crate::web::{AppError, CsrfForm, CurrentUser, Lang, ModeratorUser, PageCtx};
use crate::{audit, directory};

/// A burst: this many declarations or more from one structure within `BURST_DAYS`.
const BURST: i64 = 5;
const BURST_DAYS: i64 = 7;

/// Free-mail domains, one a line; `name.*` matches every ending.
const FREE_MAIL: &str = include_str!("../../content/free-mail-domains.txt");

/// Whether `domain` belongs to a free webmail provider.
fn free_mail(domain: &str) -> bool {
    let domain = domain.trim().to_ascii_lowercase();
    FREE_MAIL.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).any(|pattern| {
        match pattern.strip_suffix(".*") {
            Some(name) => domain.strip_prefix(name).is_some_and(|rest| rest.starts_with('.') && rest.len() > 1),
            None => domain == pattern,
        }
    })
}

/// The kind of a report about a recommendation.
pub(super) const REPORTED: &str = "recommendation";

pub fn routes() -> Router<AppState> {
    Router::new().route("/moderation/recommandations/{id}", post(decide))
}

/// The hook moderation calls for the recommendations.
pub fn queue_section() -> Arc<dyn QueueSection> {
    Arc::new(Recommendations)
}

struct Recommendations;

/// What the moderators see of a recommendation, with the flags that call for a closer look.
struct RecoItem {
    r: PendingRecommendation,
    flags: Vec<&'static str>,
    /// (criterion, answer) message keys.
    criteria: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "vetting/queue.html")]
struct Section<'a> {
    ctx: &'a PageCtx,
    recommendations: Vec<RecoItem>,
}

impl QueueSection for Recommendations {
    fn names(&self) -> Names {
        Names { kind: REPORTED, anchor: "recommandations", title_key: "moderation-recommendations" }
    }

    fn pending<'a>(&'a self, db: &'a Db, ctx: &'a PageCtx) -> BoxFuture<'a, Result<Pending, AppError>> {
        Box::pin(async move {
            let recommendations: Vec<RecoItem> =
                store::pending_recommendations(db, BURST_DAYS).await?.into_iter().map(item).collect();
            Pending::render(recommendations.len(), &Section { ctx, recommendations })
        })
    }

    fn reported<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> BoxFuture<'a, db::Result<HashMap<i64, Reported>>> {
        Box::pin(async move {
            let rows = store::structures_of(db, ids).await?;
            Ok(rows
                .into_iter()
                .map(|r| (r.id, Reported::link(format!("/annuaire/{}", r.structure_slug), r.structure_name)))
                .collect())
        })
    }
}

fn item(r: PendingRecommendation) -> RecoItem {
    RecoItem {
        flags: flags(&r),
        criteria: vec![
            ("criterion-listening", criterion_key(r.listening.into())),
            ("criterion-clarity", criterion_key(r.clarity.into())),
            ("criterion-autonomy", criterion_key(r.autonomy.into())),
            ("criterion-would-recommend", if r.would_recommend { "criterion-yes" } else { "criterion-no" }),
        ],
        r,
    }
}

fn domain_of(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(&s).to_owned();
    let host = s.rsplit('@').next().unwrap_or("").split(['/', '?', '#']).next().unwrap_or("").to_owned();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

fn flags(r: &PendingRecommendation) -> Vec<&'static str> {
    let mut flags = Vec::new();
    let author = domain_of(&r.author_email);
    if !author.is_empty() && (author == domain_of(&r.structure_website) || author == domain_of(&r.structure_contact)) {
        flags.push("flag-same-domain");
    }
    if r.same_author > 0 {
        flags.push("flag-same-author");
    }
    if r.body.chars().count() < 80 {
        flags.push("flag-short");
    }
    if r.summary.is_none() {
        flags.push("flag-no-accompaniment");
    }
    if let Some(contact) = &r.contact_email {
        if free_mail(&domain_of(contact)) {
            flags.push("flag-free-mail");
        }
        if r.seen_before == 0 {
            flags.push("flag-new-address");
        }
    }
    if r.from_team > 0 {
        flags.push("flag-from-team");
    }
    if r.burst >= BURST {
        flags.push("flag-burst");
    }
    flags
}

/// POST /moderation/recommandations/{id}: publish or refuse a recommendation.
async fn decide(
    State(app): State<AppState>,
    ctx: PageCtx,
    ModeratorUser(me): ModeratorUser,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let parsed = form.parse("publier", "refuser");
    moderation::decide(&app, ctx, &id, parsed, async |id, d| decide_recommendation(&app, &me, id, d).await).await
}

/// Publishes or refuses the pending recommendation `id`: its author is told, with the reason;
/// once published, the structure's team is told too and the search engine follows.
async fn decide_recommendation(
    app: &AppState,
    me: &CurrentUser,
    id: i64,
    decision: Decision,
) -> Result<(), ModerationError> {
    let Decision { approve, reason } = decision;
    let txn = app.db.begin().await?;
    let Some(done) = store::decide_recommendation(&txn, id, approve, me.id, &reason).await? else {
        drop(txn);
        return Err(moderation::not_pending(&app.db, "recommendations", id).await?);
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
            mail::queue(&txn, &Mail::compose(to.lang, &to.email, None, "mail-recommendation-new", &args)).await?;
        }
    }
    txn.commit().await?;
    app.directory.changed();
    app.mail_queued();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{domain_of, free_mail};

    #[test]
    fn free_mail_domains_are_recognised_with_their_endings() {
        for free in ["gmail.com", "yahoo.fr", "hotmail.co.uk", "outlook.fr", "orange.fr", "proton.me", "Laposte.net"] {
            assert!(free_mail(free), "{free}");
        }
        for own in ["jardins.example", "mairie-rennes.fr", "hotmail", "hotmailx.com", "notgmail.com", ""] {
            assert!(!free_mail(own), "{own}");
        }
    }

    #[test]
    fn domains_are_compared_without_scheme_or_www() {
        assert_eq!(domain_of("Contact@Nuages.example"), "nuages.example");
        assert_eq!(domain_of("https://www.nuages.example/a"), "nuages.example");
        assert_eq!(domain_of(""), "");
    }
}
