//! The fictional ads of the demonstration (`content/demo/ads.json`).
//!
//! The file holds the association and developer accounts the ads need, then the ads, each with
//! the pledges of the associations that joined it, the offers (one of them accepted once the
//! author chose), comments and followers. Dates are relative (`published_days_ago`,
//! `deadline_in_days`…) so that the demonstration always looks current. Every ad counts its
//! author among the associations that joined it (a row in `ad_pledges`), and authors, joiners
//! and offer makers follow it.
//!
//! Running it again adds nothing: an ad whose slug its author already has is skipped with
//! everything attached to it, and accounts are only created when missing.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{Kind, Status};
use crate::accounts;
use crate::db::{self, Db, Row};
use crate::vals;
use crate::web::Role;

const DEMO: &str = include_str!("../../content/demo/ads.json");
const DAY: i64 = 86_400;
/// Days an ad stays open after its publication in the demonstration.
const LIFETIME_DAYS: i64 = 120;
/// The account recorded as the moderator of refused and removed ads.
const MODERATOR_EMAIL: &str = "moderation@demo.example";

#[derive(Deserialize)]
struct DemoData {
    associations: Vec<DemoAccount>,
    developers: Vec<DemoAccount>,
    ads: Vec<DemoAd>,
}

/// An account; for associations the name is both the display name and the association's.
#[derive(Deserialize)]
struct DemoAccount {
    email: String,
    name: String,
}

#[derive(Deserialize)]
struct DemoAd {
    title: String,
    kind: String,
    status: String,
    author: String,
    body: String,
    software: Option<String>,
    #[serde(default)]
    software_other: String,
    estimated_cost: Option<i64>,
    deadline_in_days: Option<i64>,
    region: Option<String>,
    #[serde(default)]
    remote: bool,
    #[serde(default)]
    tags: String,
    /// `None` for ads never published (draft, pending, refused).
    published_days_ago: Option<i64>,
    /// For unpublished ads (default: one day ago).
    created_days_ago: Option<i64>,
    /// When the ad reached its status (default: its publication, or its expiry).
    status_days_ago: Option<i64>,
    /// The author's own pledge (the author always counts among the associations).
    author_pledge: Option<i64>,
    #[serde(default)]
    pledges: Vec<DemoPledge>,
    #[serde(default)]
    offers: Vec<DemoOffer>,
    #[serde(default)]
    comments: Vec<DemoComment>,
    #[serde(default)]
    followers: Vec<String>,
    #[serde(default)]
    close_reason: String,
    #[serde(default)]
    decision_reason: String,
    report: Option<DemoReport>,
}

#[derive(Deserialize)]
struct DemoPledge {
    by: String,
    amount: Option<i64>,
}

#[derive(Deserialize)]
struct DemoOffer {
    by: String,
    /// Slug of the structure the offer is made for (its name becomes the offer's author).
    structure: Option<String>,
    amount: i64,
    timeframe: String,
    message: String,
    #[serde(default)]
    accepted: bool,
}

#[derive(Deserialize)]
struct DemoComment {
    by: String,
    body: String,
    report: Option<DemoReport>,
}

/// An open report in the moderation queue; `by` gives the reporter's email (anonymous if absent).
#[derive(Deserialize)]
struct DemoReport {
    reason: String,
    message: String,
    by: Option<String>,
}

#[derive(Row)]
struct Account {
    id: i64,
    display_name: String,
    association_name: String,
}

#[derive(Row)]
struct StructureRef {
    id: i64,
    name: String,
}

/// 'YYYY-MM-DD' of a Unix time.
fn date(at: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(at, 0).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The `k`-th of `n` moments evenly spread strictly between `from` and `to`.
fn spread(from: i64, to: i64, k: usize, n: usize) -> i64 {
    from + (to - from).max(3600) * (k as i64 + 1) / (n as i64 + 1)
}

/// The moments of an ad's life.
struct Times {
    created: i64,
    published: Option<i64>,
    changed: i64,
    expires: Option<i64>,
}

impl Times {
    /// `offset` keeps the ads of the file apart by a few minutes, so that their order is stable.
    fn of(ad: &DemoAd, status: Status, now: i64, offset: i64) -> Times {
        let published = ad.published_days_ago.map(|d| now - d * DAY - offset);
        let created = match published {
            Some(p) => p - 2 * DAY,
            None => now - ad.created_days_ago.unwrap_or(1) * DAY - offset,
        };
        let expires = match (status, published) {
            (Status::Published | Status::Funded | Status::Expired, Some(p)) => Some(p + LIFETIME_DAYS * DAY),
            _ => None,
        };
        let changed = match (ad.status_days_ago, status, expires) {
            (Some(d), _, _) => now - d * DAY - offset,
            (None, Status::Expired, Some(e)) => e,
            _ => published.unwrap_or(created),
        };
        Times { created, published, changed, expires }
    }

    /// Pledges and offers come before the ad moved on (funded, started, closed…).
    fn engagement_end(&self, status: Status, now: i64) -> i64 {
        if matches!(status, Status::Published | Status::Draft | Status::Pending) { now } else { self.changed }
    }
}

/// Loads the demonstration ads that are not there yet; returns how many were added.
/// The people the demonstration ads name (authors, pledges, offers, comments, followers) that
/// they do not create themselves: the demonstration's shared accounts, which the `demo` driver
/// creates first (its test checks that it does).
pub fn shared_accounts() -> Vec<String> {
    let Ok(data) = serde_json::from_str::<DemoData>(DEMO) else { return Vec::new() };
    let own: HashSet<&str> = data.associations.iter().chain(&data.developers).map(|a| a.email.as_str()).collect();
    let mut shared: Vec<String> = data
        .ads
        .iter()
        .flat_map(|ad| {
            std::iter::once(&ad.author)
                .chain(ad.pledges.iter().map(|p| &p.by))
                .chain(ad.offers.iter().map(|o| &o.by))
                .chain(ad.comments.iter().map(|c| &c.by))
                .chain(&ad.followers)
        })
        .filter(|e| !own.contains(e.as_str()))
        .cloned()
        .collect();
    shared.sort();
    shared.dedup();
    shared
}

pub async fn seed_demo(db: &Db, password_hash: &str) -> anyhow::Result<usize> {
    let data: DemoData = serde_json::from_str(DEMO)?;
    for a in &data.associations {
        accounts::create_demo_account(db, &a.email, &a.name, password_hash, &[Role::Association]).await?;
        db::exec(
            db.conn(),
            "UPDATE users SET association_name = $1 WHERE email = $2 AND association_name = ''",
            vals![a.name.as_str(), a.email.as_str()],
        )
        .await?;
    }
    for d in &data.developers {
        accounts::create_demo_account(db, &d.email, &d.name, password_hash, &[]).await?;
    }

    let now = db::now();
    let mut users: HashMap<String, Account> = HashMap::new();
    let txn = db.begin().await?;
    let mut account = async |email: &str| -> anyhow::Result<(i64, String, String)> {
        if !users.contains_key(email) {
            let found: Option<Account> =
                db::one(&txn, "SELECT id, display_name, association_name FROM users WHERE email = $1", vals![email])
                    .await?;
            let Some(found) = found else { anyhow::bail!("demo ads: no account {email}") };
            users.insert(email.to_owned(), found);
        }
        let a = &users[email];
        Ok((a.id, a.display_name.clone(), a.association_name.clone()))
    };
    let (moderator, _, _) = account(MODERATOR_EMAIL).await?;
    let mut structures: HashMap<String, Option<StructureRef>> = HashMap::new();

    let mut added = 0;
    for (i, ad) in data.ads.iter().enumerate() {
        let Some(kind) = Kind::parse(&ad.kind) else { anyhow::bail!("demo ads: unknown kind {}", ad.kind) };
        let Some(status) = Status::parse(&ad.status) else { anyhow::bail!("demo ads: unknown status {}", ad.status) };
        let slug = String::from(crate::types::Slug::from_text(&ad.title, "annonce"));
        let (author_id, _, association) = account(&ad.author).await?;
        let exists =
            db::int(&txn, "SELECT id FROM ads WHERE author_id = $1 AND slug = $2", vals![author_id, slug.as_str()])
                .await?
                .is_some();
        if exists {
            continue;
        }
        let t = Times::of(ad, status, now, i as i64 * 600);
        let decided = matches!(status, Status::Refused | Status::Removed);
        let Some(ad_id) = db::int(
            &txn,
            "INSERT INTO ads (slug, kind, status, author_id, association_name, title, body, software_slug, \
               software_other, estimated_cost, deadline, region_code, remote, tags, close_reason, created_at, \
               updated_at, published_at, status_changed_at, expires_at, decided_at, decided_by, decision_reason) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $17, $19, \
               $20, $21, $22) RETURNING id",
            vals![
                slug.as_str(),
                kind.as_str(),
                status.as_str(),
                author_id,
                association.as_str(),
                ad.title.as_str(),
                ad.body.as_str(),
                ad.software.clone(),
                ad.software_other.as_str(),
                ad.estimated_cost,
                ad.deadline_in_days.and_then(|d| date(now + d * DAY)),
                ad.region.clone(),
                ad.remote,
                ad.tags.as_str(),
                ad.close_reason.as_str(),
                t.created,
                t.changed,
                t.published,
                t.expires,
                decided.then_some(t.changed),
                decided.then_some(moderator),
                ad.decision_reason.as_str()
            ],
        )
        .await?
        else {
            anyhow::bail!("demo ads: no id for {slug}");
        };
        added += 1;

        let start = t.published.unwrap_or(t.created);
        let end = t.engagement_end(status, now);
        let mut followers = vec![author_id];
        db::exec(
            &txn,
            "INSERT INTO ad_pledges (ad_id, user_id, association_name, amount, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING",
            vals![ad_id, author_id, association.as_str(), ad.author_pledge, start],
        )
        .await?;
        for (k, p) in ad.pledges.iter().enumerate() {
            let (user, _, association) = account(&p.by).await?;
            db::exec(
                &txn,
                "INSERT INTO ad_pledges (ad_id, user_id, association_name, amount, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING",
                vals![ad_id, user, association.as_str(), p.amount, spread(start, end, k, ad.pledges.len())],
            )
            .await?;
            followers.push(user);
        }
        for (k, o) in ad.offers.iter().enumerate() {
            let (user, display_name, _) = account(&o.by).await?;
            let structure = match &o.structure {
                Some(slug) => {
                    if !structures.contains_key(slug) {
                        let found: Option<StructureRef> =
                            db::one(&txn, "SELECT id, name FROM structures WHERE slug = $1", vals![slug.as_str()])
                                .await?;
                        structures.insert(slug.clone(), found);
                    }
                    structures[slug].as_ref()
                }
                None => None,
            };
            let author_name = structure.map_or(display_name.as_str(), |s| s.name.as_str());
            let offer_id = db::int(
                &txn,
                "INSERT INTO ad_offers (ad_id, user_id, structure_id, author_name, amount, timeframe, message, status, \
                   created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT DO NOTHING RETURNING id",
                vals![
                    ad_id,
                    user,
                    structure.map(|s| s.id),
                    author_name,
                    o.amount,
                    o.timeframe.as_str(),
                    o.message.as_str(),
                    if o.accepted { "accepted" } else { "open" },
                    spread(start, end, k, ad.offers.len())
                ],
            )
            .await?;
            if let (true, Some(offer_id)) = (o.accepted, offer_id) {
                db::exec(
                    &txn,
                    "UPDATE ads SET accepted_offer_id = $1, accepted_cost = $2 WHERE id = $3",
                    vals![offer_id, o.amount, ad_id],
                )
                .await?;
            }
            followers.push(user);
        }
        for (k, c) in ad.comments.iter().enumerate() {
            let (user, display_name, _) = account(&c.by).await?;
            let at = spread(start, now, k, ad.comments.len());
            let comment_id = db::int(
                &txn,
                "INSERT INTO ad_comments (ad_id, user_id, author_name, body, status, created_at) \
                 VALUES ($1, $2, $3, $4, 'published', $5) RETURNING id",
                vals![ad_id, user, display_name.as_str(), c.body.as_str(), at],
            )
            .await?;
            if let (Some(report), Some(comment_id)) = (&c.report, comment_id) {
                file_report(&txn, "ad_comment", comment_id, report, now).await?;
            }
        }
        for email in &ad.followers {
            followers.push(account(email).await?.0);
        }
        for user in followers {
            db::exec(
                &txn,
                "INSERT INTO ad_follows (ad_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                vals![ad_id, user, start],
            )
            .await?;
        }
        if let Some(report) = &ad.report {
            file_report(&txn, "ad", ad_id, report, now).await?;
        }
        super::record_change(&txn, ad_id).await?;
    }
    txn.commit().await?;
    Ok(added)
}

async fn file_report<C: sea_orm::ConnectionTrait>(
    c: &C,
    kind: &str,
    id: i64,
    report: &DemoReport,
    now: i64,
) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO reports (target_kind, target_id, reason, message, reporter_email, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6)",
        vals![
            kind,
            id,
            report.reason.as_str(),
            report.message.as_str(),
            report.by.clone().unwrap_or_default(),
            now - 3600
        ],
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn data() -> DemoData {
        serde_json::from_str(DEMO).expect("content/demo/ads.json parses")
    }

    fn pledged(ad: &DemoAd) -> i64 {
        ad.author_pledge.unwrap_or(0) + ad.pledges.iter().filter_map(|p| p.amount).sum::<i64>()
    }

    fn accepted(ad: &DemoAd) -> Vec<&DemoOffer> {
        ad.offers.iter().filter(|o| o.accepted).collect()
    }

    #[test]
    fn the_demo_ads_cover_every_kind_and_state_consistently() {
        let d = data();
        assert!(d.ads.len() >= 15, "{} ads", d.ads.len());
        let statuses: HashSet<Status> = d.ads.iter().map(|a| Status::parse(&a.status).expect("status")).collect();
        for s in Status::ALL {
            assert!(statuses.contains(&s), "no {} ad", s.as_str());
        }
        let kinds: HashSet<Kind> = d.ads.iter().map(|a| Kind::parse(&a.kind).expect("kind")).collect();
        for k in Kind::ALL {
            assert!(kinds.contains(&k), "no {} ad", k.as_str());
        }
        let published = d.ads.iter().filter(|a| a.status == "published").count();
        assert!(published >= 4, "{published} published ads");

        let software: HashSet<&str> =
            crate::directory::TERMS.iter().filter(|t| t.0 == "software").map(|t| t.1).collect();
        // The shared accounts are the driver's to create (its own test checks them).
        let shared = shared_accounts();
        let mut emails: HashSet<&str> = shared.iter().map(String::as_str).collect();
        emails.extend(d.associations.iter().chain(&d.developers).map(|a| a.email.as_str()));
        assert!(!shared.is_empty() && shared.iter().all(|e| e.ends_with("@demo.example")), "{shared:?}");
        for a in d.associations.iter().chain(&d.developers) {
            assert!(a.name.ends_with("(fictif)") || a.name.ends_with("(fictive)"), "{}", a.name);
            assert!(a.email.ends_with("@demo.example"), "{}", a.email);
        }

        let mut slugs = HashSet::new();
        for ad in &d.ads {
            let status = Status::parse(&ad.status).expect("status");
            let slug = String::from(crate::types::Slug::from_text(&ad.title, "annonce"));
            assert!(slugs.insert((ad.author.as_str(), slug.clone())), "duplicate slug {slug}");
            if let Some(s) = &ad.software {
                assert!(software.contains(s.as_str()), "unknown software {s} in {slug}");
            }
            if let Some(r) = &ad.region {
                assert!(crate::geo::region(r).is_some(), "unknown region {r} in {slug}");
            }
            assert!(ad.region.is_some() || ad.remote, "{slug} is neither local nor remote");
            for tag in ad.tags.split(',').filter(|t| !t.is_empty()) {
                assert!(!tag.contains(' ') && tag == tag.to_lowercase(), "tag {tag:?} in {slug}");
            }
            let people = std::iter::once(&ad.author)
                .chain(ad.pledges.iter().map(|p| &p.by))
                .chain(ad.offers.iter().map(|o| &o.by))
                .chain(ad.comments.iter().map(|c| &c.by))
                .chain(&ad.followers);
            for email in people {
                assert!(emails.contains(email.as_str()), "unknown account {email} in {slug}");
            }
            let offerers: HashSet<&str> = ad.offers.iter().map(|o| o.by.as_str()).collect();
            assert_eq!(offerers.len(), ad.offers.len(), "one offer per account in {slug}");

            // The lifecycle: published or not, open or expired, an accepted offer once chosen.
            assert_eq!(
                ad.published_days_ago.is_some(),
                !matches!(status, Status::Draft | Status::Pending | Status::Refused),
                "publication of {slug}"
            );
            if status.is_open() {
                assert!(ad.published_days_ago.is_some_and(|d| d < LIFETIME_DAYS), "{slug} is still open");
            }
            if status == Status::Expired {
                assert!(ad.published_days_ago.is_some_and(|d| d > LIFETIME_DAYS), "{slug} has expired");
            }
            let accepted = accepted(ad);
            assert!(accepted.len() <= 1, "{slug} accepted several offers");
            if matches!(status, Status::Funded | Status::InProgress | Status::Done) {
                assert_eq!(accepted.len(), 1, "{slug} needs an accepted offer");
            }
            if let Some(offer) = accepted.first() {
                match status {
                    Status::Funded => assert!(pledged(ad) >= offer.amount, "{slug} is not funded"),
                    Status::Published => assert!(pledged(ad) < offer.amount, "{slug} is already funded"),
                    _ => {}
                }
            }
            if matches!(status, Status::Refused | Status::Removed) {
                assert!(!ad.decision_reason.is_empty(), "{slug} needs a decision reason");
            }
            if status == Status::Closed {
                assert!(!ad.close_reason.is_empty(), "{slug} needs a close reason");
            }
        }

        // What the demonstration accounts show.
        let mine: Vec<&DemoAd> = d.ads.iter().filter(|a| a.author == "asso@demo.example").collect();
        for status in ["draft", "in_progress"] {
            assert!(mine.iter().any(|a| a.status == status), "asso@demo.example has no {status} ad");
        }
        assert!(
            mine.iter().any(|a| a.status == "published"
                && a.offers.iter().filter(|o| !o.accepted).count() >= 2
                && accepted(a).is_empty()),
            "asso@demo.example has no published ad with two offers to choose from"
        );
        assert!(d.ads.iter().any(|a| a.pledges.iter().any(|p| p.by == "asso@demo.example")));
        let structure_offers: Vec<&DemoOffer> =
            d.ads.iter().flat_map(|a| &a.offers).filter(|o| o.by == "structure@demo.example").collect();
        assert!(structure_offers.len() >= 2 && structure_offers.iter().all(|o| o.structure.is_some()));
        assert_eq!(structure_offers.iter().filter(|o| o.accepted).count(), 1);
        let reports = d.ads.iter().filter(|a| a.report.is_some()).count()
            + d.ads.iter().flat_map(|a| &a.comments).filter(|c| c.report.is_some()).count();
        assert_eq!(reports, 2);
    }
}
