//! The ads' share of `bench-seed`: synthetic ads with their pledges, offers and followers,
//! written through the store's `insert_many`.
//!
//! The ads are drawn from a seed of their own, so the structures stay the same whatever the
//! number of ads, among accounts that bench-seed writes and hands over: associations author and
//! join the ads, developers make offers. Every ad has its author's pledge, 0–6 pledges of other
//! associations and sometimes 0–3 offers, one of them accepted once the ad is funded. Every ad
//! slug ends with "-bench". Ads get no change-feed rows: the ads engine loads every ad from the
//! database at start. The word lists are `content/bench/ads.json`.

mod generate;

use std::collections::{HashMap, HashSet};

use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::Deserialize;

use self::generate::{Ad, Generator};
use super::store::{self, AdFields, BulkAd, BulkOffer, BulkPledge, NewOffer};
use super::{Kind, Status};
use crate::db::{self, Db};
use crate::synthetic::SLUG_SUFFIX;
use crate::types::{Day, Euros};

/// The fixed seed of the ads (the structures' seed `^ 0xad5`, when both lived in one generator).
const SEED: u64 = 0x00e3_a2c1_9a55_0ad1;
/// Ads (with their pledges, offers and followers) written per transaction.
const CHUNK: usize = 5000;

/// The word lists of `content/bench/ads.json`.
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Words {
    /// (kind, weight).
    kinds: Vec<(&'static str, u32)>,
    /// (status, weight): mostly open ads, then the later states; a few that only their author
    /// and moderators see.
    statuses: Vec<(&'static str, u32)>,
    /// What associations need.
    topics: Vec<Topic>,
    /// Features to develop.
    features: Vec<Feature>,
    /// What to be accompanied for (`{task}`).
    tasks: Vec<&'static str>,
    /// What to share (`{shared}`).
    shared: Vec<&'static str>,
    /// Whose associations (`{where}`).
    #[serde(rename = "where")]
    where_: Vec<&'static str>,
    /// Titles by kind; those naming `{sw}` only for ads about a given software.
    titles: HashMap<&'static str, Vec<&'static str>>,
    /// Sentences of the description by kind, with the same placeholders.
    context: HashMap<&'static str, Vec<&'static str>>,
    sentences: Vec<&'static str>,
    /// Items of the list of expectations.
    requirements: Vec<&'static str>,
    headings: Vec<&'static str>,
    closings: Vec<&'static str>,
    /// Software named in ads without a taxonomy entry.
    other_software: Vec<&'static str>,
    /// Tags added to an ad's topic and software.
    tags: Vec<&'static str>,
    timeframes: Vec<&'static str>,
    offer_messages: Vec<&'static str>,
    close_reasons: Vec<&'static str>,
    decision_reasons: Vec<&'static str>,
}

/// What an association needs (`{need}`), the big-tech tool it uses for it today (`{bigtech}`),
/// free software that answers it and its tag.
#[derive(Deserialize)]
struct Topic {
    need: &'static str,
    bigtech: &'static str,
    software: Vec<&'static str>,
    tag: &'static str,
}

/// A feature to develop (`{feature}`) and the free software it fits.
#[derive(Deserialize)]
struct Feature {
    feature: &'static str,
    software: Vec<&'static str>,
}

impl Words {
    pub fn parse() -> anyhow::Result<Self> {
        crate::synthetic::parse("ads.json", include_str!("../../../content/bench/ads.json"))
    }
}

/// The generator of the ads before its first draw. bench-seed draws the shared accounts from it
/// first, then hands it to `seed`: the order the data set has always been drawn in.
pub fn rng() -> StdRng {
    StdRng::seed_from_u64(SEED)
}

/// An account that ads name.
pub struct Account<'a> {
    pub user_id: i64,
    /// Its association's name, or the developer's name.
    pub name: &'a str,
}

/// What the ads are drawn from.
pub struct Draw<'a> {
    pub words: &'a Words,
    /// `rng()`, once the shared accounts were drawn from it.
    pub rng: StdRng,
    /// Authors and joiners.
    pub associations: &'a [Account<'a>],
    /// Offers.
    pub developers: &'a [Account<'a>],
    /// Software of the taxonomy: an ad names no other.
    pub software: &'a HashSet<String>,
    pub now: i64,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Seeded {
    pub added: usize,
    /// Ads whose slug already existed (a second run on the same folder).
    pub skipped: usize,
    /// Pledges of the added ads, their authors' included.
    pub pledges: usize,
    pub offers: usize,
}

/// How many ads bench-seed did not create.
pub async fn foreign(db: &Db) -> db::Result<i64> {
    store::count_slugs_not_ending(db, SLUG_SUFFIX).await
}

/// Generates `count` ads and writes them, one transaction per `CHUNK`; `progress` hears how many
/// were generated after each transaction.
pub async fn seed(db: &Db, count: usize, draw: Draw<'_>, progress: impl Fn(usize)) -> anyhow::Result<Seeded> {
    let Draw { words, rng, associations, developers, software, now } = draw;
    let mut generator = Generator::new(words, rng, associations.len(), developers.len(), now);
    let existing: HashSet<String> = store::slugs_ending(db, SLUG_SUFFIX).await?.into_iter().collect();
    let mut seeded = Seeded::default();
    let mut generated = 0;
    while generated < count {
        let n = CHUNK.min(count - generated);
        generated += n;
        let ads: Vec<Ad> = (0..n).map(|_| generator.ad()).collect();
        let (ads, known): (Vec<Ad>, Vec<Ad>) = ads.into_iter().partition(|a| !existing.contains(&a.slug));
        seeded.skipped += known.len();

        let fields: Vec<AdFields> =
            ads.iter().map(|a| ad_fields(a, &associations[a.author], software)).collect::<anyhow::Result<_>>()?;
        let rows = ads
            .iter()
            .zip(&fields)
            .map(|(a, f)| bulk_ad(a, f, associations[a.author].user_id))
            .collect::<anyhow::Result<Vec<BulkAd<'_>>>>()?;
        let txn = db.begin().await?;
        let ids = store::insert_many(&txn, &rows).await?;
        let (mut pledges, mut offers, mut follows) = (Vec::new(), Vec::new(), Vec::new());
        for (a, id) in ads.iter().zip(ids) {
            let Some(ad_id) = id else { continue };
            seeded.added += 1;
            for p in &a.pledges {
                let user = &associations[p.association];
                pledges.push(BulkPledge {
                    ad_id,
                    user_id: user.user_id,
                    association_name: user.name,
                    amount: p.amount,
                    at: p.at,
                });
                follows.push((ad_id, user.user_id, p.at));
            }
            for o in &a.offers {
                let user = &developers[o.developer];
                let offer = NewOffer {
                    ad_id,
                    user_id: user.user_id,
                    structure_id: None,
                    author_name: user.name,
                    amount: Euros::new(o.amount).ok_or_else(|| anyhow::anyhow!("generated offer of {}", o.amount))?,
                    timeframe: o.timeframe,
                    message: o.message,
                };
                offers.push(BulkOffer { offer, accepted: o.accepted, at: o.at });
                follows.push((ad_id, user.user_id, o.at));
            }
        }
        seeded.pledges += pledges.len();
        seeded.offers += offers.len();
        store::insert_many_pledges(&txn, &pledges).await?;
        store::insert_many_offers(&txn, &offers).await?;
        store::insert_many_follows(&txn, &follows).await?;
        txn.commit().await?;
        progress(n);
    }
    Ok(seeded)
}

/// What the author of a generated ad wrote.
fn ad_fields(a: &Ad, author: &Account<'_>, software: &HashSet<String>) -> anyhow::Result<AdFields> {
    let bad = |what: &str| anyhow::anyhow!("generated ad {}: bad {what}", a.slug);
    Ok(AdFields {
        kind: Kind::parse(a.kind).ok_or_else(|| bad("kind"))?,
        association_name: author.name.to_owned(),
        title: a.title.clone(),
        slug: a.slug.clone(),
        body: a.body.clone(),
        software_slug: a.software.filter(|s| software.contains(*s)).map(str::to_owned),
        software_other: a.software_other.to_owned(),
        estimated_cost: a.estimated_cost.map(|c| Euros::new(c).ok_or_else(|| bad("cost"))).transpose()?,
        deadline: a
            .deadline
            .as_deref()
            .map(|d| Day::parse(d).ok().flatten().ok_or_else(|| bad("deadline")))
            .transpose()?,
        region_code: a.region.map(str::to_owned),
        remote: a.remote,
        tags: a.tags.clone(),
    })
}

/// The row `store::insert_many` writes for a generated ad.
fn bulk_ad<'a>(a: &'a Ad, fields: &'a AdFields, author_id: i64) -> anyhow::Result<BulkAd<'a>> {
    let status =
        Status::parse(a.status).ok_or_else(|| anyhow::anyhow!("content/bench/ads.json: no status {}", a.status))?;
    Ok(BulkAd {
        author_id,
        fields,
        status,
        accepted_cost: a.accepted_cost,
        close_reason: a.close_reason,
        decision_reason: a.decision_reason,
        created_at: a.created_at,
        published_at: a.published_at,
        status_changed_at: a.status_changed_at,
        expires_at: a.expires_at,
        decided_at: a.decided_at,
    })
}
