//! The generator of the synthetic ads: titles and descriptions built from topics that tie a
//! need, the big-tech tool it replaces and fitting free software; pledges of the associations'
//! accounts, offers of the developers' accounts, dates consistent with each ad's status.

use std::collections::HashMap;

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use super::Words;
use crate::geo;
use crate::synthetic::{SLUG_SUFFIX, pick, slugify, weighted};

/// Days an open ad stays open after its publication (or after being renewed).
const AD_LIFETIME_DAYS: i64 = 120;
const DAY: i64 = 86_400;

pub(super) struct Offer {
    /// Index in the developers' accounts.
    pub(super) developer: usize,
    pub(super) amount: i64,
    pub(super) timeframe: &'static str,
    pub(super) message: &'static str,
    pub(super) accepted: bool,
    pub(super) at: i64,
}

pub(super) struct Pledge {
    /// Index in the associations' accounts.
    pub(super) association: usize,
    pub(super) amount: Option<i64>,
    pub(super) at: i64,
}

pub(super) struct Ad {
    pub(super) slug: String,
    pub(super) kind: &'static str,
    pub(super) status: &'static str,
    /// Index in the associations' accounts.
    pub(super) author: usize,
    pub(super) title: String,
    pub(super) body: String,
    pub(super) software: Option<&'static str>,
    pub(super) software_other: &'static str,
    pub(super) estimated_cost: Option<i64>,
    pub(super) deadline: Option<String>,
    pub(super) region: Option<&'static str>,
    pub(super) remote: bool,
    pub(super) tags: String,
    pub(super) accepted_cost: Option<i64>,
    pub(super) close_reason: &'static str,
    pub(super) decision_reason: &'static str,
    pub(super) created_at: i64,
    pub(super) published_at: Option<i64>,
    pub(super) status_changed_at: i64,
    pub(super) expires_at: Option<i64>,
    pub(super) decided_at: Option<i64>,
    /// The author's first, then the associations that joined, each once.
    pub(super) pledges: Vec<Pledge>,
    /// From distinct developers; at most one accepted.
    pub(super) offers: Vec<Offer>,
}

/// A cost in whole euros, rounded to 50 €.
fn round50(euros: f64) -> i64 {
    (((euros / 50.0).round() as i64) * 50).max(50)
}

/// 'YYYY-MM-DD' of a Unix time.
fn date(at: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(at, 0).map(|d| d.format("%Y-%m-%d").to_string())
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn by_kind<'a>(lists: &'a HashMap<&'static str, Vec<&'static str>>, kind: &str) -> &'a [&'static str] {
    lists.get(kind).map_or(&[], |l| l.as_slice())
}

pub(super) struct Generator<'w> {
    words: &'w Words,
    rng: StdRng,
    /// How many association accounts there are (authors and joiners).
    associations: usize,
    /// How many developer accounts there are (offers).
    developers: usize,
    /// How many ads used each slug base so far.
    slugs: HashMap<String, usize>,
    now: i64,
}

impl<'w> Generator<'w> {
    /// Draws ads with `rng`, among `associations` and `developers` accounts, as of `now`.
    pub(super) fn new(words: &'w Words, rng: StdRng, associations: usize, developers: usize, now: i64) -> Self {
        Generator { words, rng, associations, developers, slugs: HashMap::new(), now }
    }

    pub(super) fn ad(&mut self) -> Ad {
        let now = self.now;
        let words = self.words;
        let rng = &mut self.rng;
        let kind = weighted(rng, &words.kinds);
        let status = weighted(rng, &words.statuses);
        let author = rng.random_range(0..self.associations);

        // A topic (need, tool to leave, software that fits); a feature always names its software.
        let topic = &words.topics[rng.random_range(0..words.topics.len())];
        let (need, bigtech, candidates, topic_tag) = (topic.need, topic.bigtech, &topic.software, topic.tag);
        let feature = &words.features[rng.random_range(0..words.features.len())];
        let (feature, feature_software) = (feature.feature, &feature.software);
        let (software, software_other) = match rng.random_range(0..100) {
            _ if kind == "fonctionnalite" => (Some(pick(rng, feature_software)), ""),
            0..75 => (Some(pick(rng, candidates)), ""),
            75..85 => (None, pick(rng, &words.other_software)),
            _ => (None, ""),
        };
        let sw = software
            .and_then(|slug| crate::directory::TERMS.iter().find(|t| t.0 == "software" && t.1 == slug))
            .map_or("", |t| t.2);
        // Templates naming a software only when there is one.
        let fits = |t: &&str| !sw.is_empty() || !t.contains("{sw}");
        let tasks: Vec<&str> = words.tasks.iter().copied().filter(fits).collect();
        let shares: Vec<&str> = words.shared.iter().copied().filter(fits).collect();
        let titles: Vec<&str> = by_kind(&words.titles, kind).iter().copied().filter(fits).collect();
        let task = pick(rng, &tasks);
        let shared = pick(rng, &shares);
        let where_ = pick(rng, &words.where_);
        let fill = |template: &str| -> String {
            template
                .replace("{task}", task)
                .replace("{shared}", shared)
                .replace("{Feature}", &capitalize(feature))
                .replace("{feature}", feature)
                .replace("{need}", need)
                .replace("{bigtech}", bigtech)
                .replace("{where}", where_)
                .replace("{sw}", sw)
        };
        let title = capitalize(&fill(pick(rng, &titles)));

        // Markdown of 60 to 160 words: a paragraph, a heading and its list, a paragraph.
        let mut context: Vec<&str> = by_kind(&words.context, kind).iter().copied().filter(fits).collect();
        context.shuffle(rng);
        let mut sentences = words.sentences.clone();
        sentences.shuffle(rng);
        let volunteers = rng.random_range(3..=80);
        let members = volunteers * rng.random_range(2..=8);
        let mut body = format!("Notre association compte {volunteers} bénévoles et {members} adhérent·es. ");
        body.push_str(&fill(context[0]));
        if rng.random_bool(0.5) {
            body.push(' ');
            body.push_str(sentences[0]);
        }
        body.push_str("\n\n");
        body.push_str(pick(rng, &words.headings));
        body.push_str("\n\n");
        let mut requirements = words.requirements.clone();
        requirements.shuffle(rng);
        let listed = rng.random_range(3..=5);
        for (k, r) in requirements[..listed].iter().enumerate() {
            body.push_str(&format!("- {r}{}\n", if k + 1 == listed { "." } else { " ;" }));
        }
        body.push('\n');
        body.push_str(&fill(context[1]));
        for s in &sentences[1..rng.random_range(2..=3)] {
            body.push(' ');
            body.push_str(s);
        }
        body.push(' ');
        body.push_str(pick(rng, &words.closings));

        let (region, remote) = if rng.random_bool(0.7) {
            let regions = geo::regions();
            (Some(regions[rng.random_range(0..regions.len())].code), rng.random_bool(0.2))
        } else {
            (None, true)
        };
        let mut tags: Vec<&str> = vec![if kind == "fonctionnalite" { "developpement" } else { topic_tag }];
        if let Some(slug) = software {
            tags.push(slug);
        }
        for _ in 0..rng.random_range(0..=2) {
            let tag = pick(rng, &words.tags);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if kind == "mutualisation" {
            tags.push("mutualisation");
        }
        let estimated_cost = rng.random_bool(0.75).then(|| round50(10f64.powf(rng.random_range(2.0..4.3))));

        // Dates: published over the last two years; open ads expire in the future (renewed
        // when older than their lifetime), expired ones did.
        let public = !matches!(status, "draft" | "pending" | "refused");
        let (created_at, published_at, status_changed_at, expires_at) = if public {
            let age = if status == "expired" {
                rng.random_range(AD_LIFETIME_DAYS + 1..730)
            } else {
                rng.random_range(0..730)
            };
            let published = now - age * DAY - rng.random_range(0..DAY);
            let created = published - rng.random_range(0..3 * DAY);
            let end_of_life = published + AD_LIFETIME_DAYS * DAY;
            let later = published + rng.random_range(0..=now - published);
            match status {
                "published" | "funded" => {
                    let expires =
                        if end_of_life > now { end_of_life } else { now + rng.random_range(7..AD_LIFETIME_DAYS) * DAY };
                    (created, Some(published), if status == "funded" { later } else { published }, Some(expires))
                }
                "expired" => (created, Some(published), end_of_life, Some(end_of_life)),
                _ => (created, Some(published), later, None),
            }
        } else {
            let created = now - rng.random_range(0..60 * DAY);
            let changed = if status == "draft" { created } else { created + rng.random_range(0..=now - created) };
            (created, None, changed, None)
        };
        let start = published_at.unwrap_or(created_at);
        let end = if matches!(status, "published" | "draft" | "pending") { now } else { status_changed_at };
        let moment = |rng: &mut StdRng| start + rng.random_range(0..=(end - start).max(0));
        let deadline = rng.random_bool(0.6).then(|| date(start + rng.random_range(30..=365) * DAY)).flatten();

        // Pledges: the author's, then 0–6 other associations.
        let mut pledges = vec![Pledge { association: author, amount: None, at: start }];
        if public {
            let joiners = weighted(rng, &[(0usize, 30), (1, 25), (2, 18), (3, 12), (4, 8), (5, 5), (6, 2)]);
            while pledges.len() <= joiners {
                let association = rng.random_range(0..self.associations);
                if pledges.iter().all(|p| p.association != association) {
                    pledges.push(Pledge { association, amount: None, at: moment(rng) });
                }
            }
        }
        let funded = matches!(status, "funded" | "in_progress" | "done");
        for p in &mut pledges {
            if funded || rng.random_bool(0.6) {
                p.amount = Some(rng.random_range(1..=100) * 10);
            }
        }

        // Offers: always on funded ads (one accepted, within the pledges), on 45 % of the other
        // public ones; some open ads accepted an offer and wait for more pledges.
        let count = match public {
            true if funded => rng.random_range(1..=3),
            true if rng.random_bool(0.45) => rng.random_range(1..=3),
            _ => 0,
        };
        let base = estimated_cost.unwrap_or_else(|| round50(10f64.powf(rng.random_range(2.3..4.0)))) as f64;
        let mut offers: Vec<Offer> = Vec::with_capacity(count);
        while offers.len() < count {
            let developer = rng.random_range(0..self.developers);
            if offers.iter().all(|o| o.developer != developer) {
                offers.push(Offer {
                    developer,
                    amount: round50(base * rng.random_range(0.7..1.3)),
                    timeframe: pick(rng, &words.timeframes),
                    message: pick(rng, &words.offer_messages),
                    accepted: false,
                    at: moment(rng),
                });
            }
        }
        let pledged: i64 = pledges.iter().filter_map(|p| p.amount).sum();
        let mut accepted_cost = None;
        if !offers.is_empty() && (funded || (status == "published" && rng.random_bool(0.15))) {
            let k = rng.random_range(0..offers.len());
            let offer = &mut offers[k];
            offer.accepted = true;
            if funded {
                offer.amount = offer.amount.min(pledged / 50 * 50).max(50);
                if offer.amount > pledged {
                    pledges[0].amount = Some(pledges[0].amount.unwrap_or(0) + offer.amount - pledged);
                }
            } else if offer.amount <= pledged {
                offer.amount = pledged / 50 * 50 + 50 * rng.random_range(1..=20);
            }
            accepted_cost = Some(offer.amount);
        }

        let base = slugify(&title);
        let mut base = base[..base.len().min(70)].trim_end_matches('-').to_owned();
        if base.is_empty() {
            base = "annonce".to_owned();
        }
        let n = self.slugs.entry(base.clone()).or_insert(0);
        *n += 1;
        let slug = if *n == 1 { format!("{base}{SLUG_SUFFIX}") } else { format!("{base}-{n}{SLUG_SUFFIX}") };

        Ad {
            slug,
            kind,
            status,
            author,
            title,
            body,
            software,
            software_other,
            estimated_cost,
            deadline,
            region,
            remote,
            tags: tags.join(","),
            accepted_cost,
            close_reason: if status == "closed" { pick(rng, &words.close_reasons) } else { "" },
            decision_reason: if matches!(status, "refused" | "removed") {
                pick(rng, &words.decision_reasons)
            } else {
                ""
            },
            created_at,
            published_at,
            status_changed_at,
            expires_at,
            decided_at: matches!(status, "refused" | "removed").then_some(status_changed_at),
            pledges,
            offers,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_ads_are_deterministic_and_consistent() {
        let now = 1_790_000_000;
        let words = Words::parse().expect("content/bench/ads.json");
        let mut a = Generator::new(&words, crate::ads::bench::rng(), 500, 100, now);
        let mut b = Generator::new(&words, crate::ads::bench::rng(), 500, 100, now);
        let first: Vec<Ad> = (0..3000).map(|_| a.ad()).collect();
        let second: Vec<Ad> = (0..3000).map(|_| b.ad()).collect();
        for (x, y) in first.iter().zip(&second) {
            assert_eq!((&x.slug, &x.body, x.status), (&y.slug, &y.body, y.status));
            assert_eq!(
                x.pledges.iter().map(|p| (p.association, p.amount)).collect::<Vec<_>>(),
                y.pledges.iter().map(|p| (p.association, p.amount)).collect::<Vec<_>>()
            );
        }

        let slugs: HashSet<&str> = first.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs.len(), first.len(), "ad slugs are unique");
        let statuses: HashSet<&str> = first.iter().map(|a| a.status).collect();
        for s in crate::ads::Status::ALL {
            assert!(statuses.contains(s.as_str()), "no {} ad", s.as_str());
        }
        let kinds: HashSet<&str> = first.iter().map(|a| a.kind).collect();
        assert_eq!(kinds.len(), crate::ads::Kind::ALL.len());
        let published = first.iter().filter(|a| a.status == "published").count();
        assert!(published > first.len() / 2, "mostly open: {published}");
        let local = first.iter().filter(|a| a.region.is_some()).count() * 100 / first.len();
        assert!((65..=75).contains(&local), "{local} % with a region");
        let software: HashSet<&str> =
            crate::directory::TERMS.iter().filter(|t| t.0 == "software").map(|t| t.1).collect();

        for ad in &first {
            let status = crate::ads::Status::parse(ad.status).expect("a status");
            assert!(crate::ads::Kind::parse(ad.kind).is_some());
            assert!(ad.slug.ends_with(SLUG_SUFFIX) && ad.slug.len() <= 96, "{}", ad.slug);
            assert!(ad.software.is_none_or(|s| software.contains(s)), "{:?}", ad.software);
            assert!(ad.region.is_some() || ad.remote);
            let words = ad.body.split_whitespace().count();
            assert!((40..=200).contains(&words), "{words} words in {}", ad.slug);
            assert_eq!(ad.published_at.is_some(), !matches!(ad.status, "draft" | "pending" | "refused"));
            assert!(ad.created_at <= ad.published_at.unwrap_or(ad.created_at));
            assert!(ad.status_changed_at <= now);
            assert!(ad.estimated_cost.is_none_or(|c| (50..=crate::ads::MAX_AMOUNT).contains(&c)));
            if status.is_open() {
                assert!(ad.expires_at.is_some_and(|e| e > now), "{} is open", ad.slug);
            }
            if status == crate::ads::Status::Expired {
                assert!(ad.expires_at.is_some_and(|e| e <= now), "{} has expired", ad.slug);
            }

            assert_eq!(ad.pledges[0].association, ad.author, "the author joins first");
            assert!(ad.pledges.len() <= 7);
            let joined: HashSet<usize> = ad.pledges.iter().map(|p| p.association).collect();
            assert_eq!(joined.len(), ad.pledges.len(), "one pledge per association");
            assert!(ad.offers.len() <= 3);
            let developers: HashSet<usize> = ad.offers.iter().map(|o| o.developer).collect();
            assert_eq!(developers.len(), ad.offers.len(), "one offer per developer");

            let pledged: i64 = ad.pledges.iter().filter_map(|p| p.amount).sum();
            let accepted: Vec<&Offer> = ad.offers.iter().filter(|o| o.accepted).collect();
            assert!(accepted.len() <= 1);
            assert_eq!(accepted.first().map(|o| o.amount), ad.accepted_cost);
            match (status, ad.accepted_cost) {
                (crate::ads::Status::Funded | crate::ads::Status::InProgress | crate::ads::Status::Done, cost) => {
                    let cost = cost.expect("a funded ad has an accepted offer");
                    assert!(pledged >= cost, "{}: {pledged} < {cost}", ad.slug);
                }
                (crate::ads::Status::Published, Some(cost)) => assert!(pledged < cost, "{} is funded", ad.slug),
                _ => {}
            }
        }
        let waiting = first.iter().filter(|a| a.status == "published" && a.accepted_cost.is_some()).count();
        assert!(waiting > 0, "some open ads wait for pledges");
    }
}
