//! The directory's share of `bench-seed`: synthetic structures with their terms, areas and
//! recommendations, written through `store::insert_many`.
//!
//! Everything comes from a fixed seed of its own, so two runs give the same structures. Every
//! structure name ends with " (bench)" and every slug with "-bench"; web sites and emails use the
//! reserved `.example` domain. Structures sit in real communes of the shipped geographic data,
//! with areas consistent with their home commune. The word lists are
//! `content/bench/directory.json`; recommendations are signed with the shared association names
//! (`synthetic::Names`).

use std::collections::{HashMap, HashSet};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::Deserialize;

use super::store::{self, NewRecommendation, NewStructure};
use crate::db::{self, Db};
use crate::directory::StructureStatus;
use crate::geo;
use crate::synthetic::{NAME_SUFFIX, Names, SLUG_SUFFIX, of_town, pick, slugify, subset, weighted};

/// The fixed seed of the generator.
const SEED: u64 = 0x00e3_a2c1_9a55_0004;
/// Structures written per transaction.
const CHUNK: usize = 250;

/// The word lists of `content/bench/directory.json`.
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Words {
    /// First word of a name ("Coopérative").
    kinds: Vec<&'static str>,
    /// Rest of a name ("des Communs"); those starting with a capital also stand alone.
    themes: Vec<&'static str>,
    /// (slug, probability that a structure offers it).
    services: Vec<(&'static str, f64)>,
    /// (slug, label, probability): a few very common, most rare.
    software: Vec<(&'static str, &'static str, f64)>,
    /// (slug, probability).
    audiences: Vec<(&'static str, f64)>,
    /// (slug, weight).
    legal_forms: Vec<(&'static str, u32)>,
    /// (slug, weight).
    pricings: Vec<(&'static str, u32)>,
    price_info: Vec<&'static str>,
    /// (comma-separated languages, weight).
    languages: Vec<(&'static str, u32)>,
    /// Large towns (INSEE codes), picked more often than their share of the 35,000 communes.
    towns: Vec<&'static str>,
    /// Rest of the pitch after the name; `{sw}`, `{town}` and `{where}` are filled in.
    pitches: Vec<&'static str>,
    /// Sentences of the description, with the same placeholders.
    sentences: Vec<&'static str>,
    headings: Vec<&'static str>,
    /// Sentences of the recommendations, with the same placeholders.
    recommendations: Vec<&'static str>,
}

impl Words {
    pub fn parse() -> anyhow::Result<Self> {
        crate::synthetic::parse("directory.json", include_str!("../../content/bench/directory.json"))
    }
}

/// What was written.
#[derive(Debug, Default)]
pub struct Seeded {
    pub added: usize,
    /// Structures whose slug already existed (a second run on the same folder).
    pub skipped: usize,
    /// Approved structures with at least one published recommendation.
    pub recommended: usize,
    pub recommendations: usize,
}

/// How many structures bench-seed did not create.
pub async fn foreign(db: &Db) -> db::Result<i64> {
    store::count_slugs_not_ending(db, SLUG_SUFFIX).await
}

/// Generates `count` structures and writes them, one transaction per `CHUNK`; `progress` hears
/// how many were written after each transaction.
pub async fn seed(
    db: &Db,
    count: usize,
    words: &Words,
    names: &Names,
    progress: impl Fn(usize),
) -> anyhow::Result<Seeded> {
    let mut generator = Generator::new(words, names);
    let structures: Vec<Structure> = (0..count).map(|i| generator.structure(i)).collect();
    let mut seeded = Seeded::default();
    for chunk in structures.chunks(CHUNK) {
        let rows: Vec<(NewStructure<'_>, Vec<NewRecommendation<'_>>)> = chunk.iter().map(Structure::row).collect();
        let rows: Vec<(&NewStructure<'_>, &[NewRecommendation<'_>])> =
            rows.iter().map(|(s, recommendations)| (s, recommendations.as_slice())).collect();
        let txn = db.begin().await?;
        let ids = store::insert_many(&txn, &rows).await?;
        txn.commit().await?;
        for (s, id) in chunk.iter().zip(ids) {
            if id.is_none() {
                seeded.skipped += 1;
                continue;
            }
            seeded.added += 1;
            let published = s.recommendations.iter().filter(|r| r.published).count();
            seeded.recommendations += published;
            seeded.recommended += usize::from(s.status == StructureStatus::Approved && published > 0);
        }
        progress(chunk.len());
    }
    Ok(seeded)
}

// ---- generation ------------------------------------------------------------------------

struct Recommendation {
    association: String,
    body: String,
    published: bool,
    at: i64,
}

struct Structure {
    slug: String,
    name: String,
    pitch: String,
    description: String,
    legal_form: &'static str,
    chatons: bool,
    commune: &'static geo::Commune,
    /// Where the areas were drawn from; the store derives the row's own from the commune, and
    /// the tests check that both agree.
    #[cfg_attr(not(test), allow(dead_code))]
    departement: &'static str,
    #[cfg_attr(not(test), allow(dead_code))]
    region: &'static str,
    national: bool,
    remote: bool,
    pricing: &'static str,
    price_info: &'static str,
    languages: &'static str,
    status: StructureStatus,
    confirmed_at: i64,
    terms: Vec<(&'static str, &'static str)>,
    areas: Vec<(&'static str, &'static str)>,
    recommendations: Vec<Recommendation>,
    /// Made of the slug.
    website: String,
    contact_email: String,
    chatons_url: String,
}

impl Structure {
    /// The rows `store::insert_many` writes.
    fn row(&self) -> (NewStructure<'_>, Vec<NewRecommendation<'_>>) {
        let structure = NewStructure {
            slug: &self.slug,
            name: &self.name,
            pitch: &self.pitch,
            description: &self.description,
            legal_form: self.legal_form,
            chatons_member: self.chatons,
            chatons_url: &self.chatons_url,
            website: &self.website,
            contact_email: &self.contact_email,
            commune_insee: self.commune.insee,
            postcode: self.commune.postcodes.first().copied().unwrap_or(""),
            national: self.national,
            remote: self.remote,
            pricing: self.pricing,
            price_info: self.price_info,
            languages: self.languages,
            status: self.status,
            confirmed_at: self.confirmed_at,
            terms: self.terms.clone(),
            areas: self.areas.clone(),
        };
        let recommendations = self
            .recommendations
            .iter()
            .map(|r| NewRecommendation {
                association_name: &r.association,
                body: &r.body,
                published_at: r.published.then_some(r.at),
                created_at: r.at,
            })
            .collect();
        (structure, recommendations)
    }
}

struct Generator<'w> {
    words: &'w Words,
    names: &'w Names,
    rng: StdRng,
    by_departement: HashMap<&'static str, Vec<&'static geo::Commune>>,
    towns: Vec<&'static geo::Commune>,
    all: Vec<&'static geo::Commune>,
    slugs: HashSet<String>,
    now: i64,
}

impl<'w> Generator<'w> {
    fn new(words: &'w Words, names: &'w Names) -> Self {
        let all: Vec<&'static geo::Commune> = geo::communes().iter().filter(|c| !c.postcodes.is_empty()).collect();
        let mut by_departement: HashMap<&'static str, Vec<&'static geo::Commune>> = HashMap::new();
        for c in &all {
            by_departement.entry(c.departement).or_default().push(c);
        }
        let towns =
            words.towns.iter().filter_map(|code| geo::commune(code)).filter(|c| !c.postcodes.is_empty()).collect();
        Generator {
            words,
            names,
            rng: StdRng::seed_from_u64(SEED),
            by_departement,
            towns,
            all,
            slugs: HashSet::new(),
            now: db::now(),
        }
    }

    /// The home commune of the `i`-th structure: the first ones cover every region, then
    /// large towns often, any commune otherwise.
    fn commune(&mut self, i: usize) -> &'static geo::Commune {
        let regions = geo::regions();
        if i < regions.len() {
            let deps: Vec<&str> = geo::departements_of(regions[i].code)
                .map(|d| d.code)
                .filter(|d| self.by_departement.contains_key(d))
                .collect();
            if !deps.is_empty() {
                let dep = pick(&mut self.rng, &deps);
                return pick(&mut self.rng, &self.by_departement[dep]);
            }
        }
        if !self.towns.is_empty() && self.rng.random_bool(0.35) {
            pick(&mut self.rng, &self.towns)
        } else {
            pick(&mut self.rng, &self.all)
        }
    }

    fn structure(&mut self, i: usize) -> Structure {
        let commune = self.commune(i);
        let departement = geo::departement(commune.departement).map(|d| d.code).unwrap_or(commune.departement);
        let region = geo::departement(departement).map(|d| d.region).unwrap_or("");
        let words = self.words;
        let rng = &mut self.rng;

        let kind = pick(rng, &words.kinds);
        let theme = pick(rng, &words.themes);
        let base = match rng.random_range(0..3) {
            0 => format!("{kind} {theme}"),
            1 => format!("{kind} {theme} {}", of_town(commune.name)),
            _ if theme.starts_with(char::is_uppercase) => format!("{theme} {}", of_town(commune.name)),
            _ => format!("{kind} {theme}"),
        };
        let base = base.replace("  ", " ");
        let mut slug = format!("{}{SLUG_SUFFIX}", slugify(&base));
        let mut n = 2;
        while self.slugs.contains(&slug) {
            slug = format!("{}-{n}{SLUG_SUFFIX}", slugify(&base));
            n += 1;
        }
        self.slugs.insert(slug.clone());
        let name = format!("{base}{NAME_SUFFIX}");

        let national = rng.random_bool(0.10);
        let remote = rng.random_bool(if national { 0.5 } else { 0.10 });
        let chatons = rng.random_bool(0.30);
        let services = subset(rng, &words.services);
        let software_items: Vec<((&str, &str), f64)> = words.software.iter().map(|(s, l, p)| ((*s, *l), *p)).collect();
        let software = subset(rng, &software_items);
        let audiences = subset(rng, &words.audiences);

        // Areas: the home department, some neighbours, or the whole region.
        let mut areas: Vec<(&'static str, &'static str)> = Vec::new();
        if !region.is_empty() {
            match rng.random_range(0..10) {
                0..=4 => areas.push(("departement", departement)),
                5..=6 => {
                    areas.push(("departement", departement));
                    let others: Vec<&'static str> =
                        geo::departements_of(region).map(|d| d.code).filter(|d| *d != departement).collect();
                    for _ in 0..rng.random_range(1..=2) {
                        if !others.is_empty() {
                            areas.push(("departement", pick(rng, &others)));
                        }
                    }
                }
                _ => areas.push(("region", region)),
            }
        }
        areas.sort();
        areas.dedup();

        // Listing: ~85% approved and recommended, the rest draft, pending or without
        // published recommendation.
        let (status, published) = match rng.random_range(0..100) {
            0..85 => (StructureStatus::Approved, 1 + (rng.random_range(0.0f64..1.0).powi(2) * 8.0) as usize),
            85..90 => (StructureStatus::Approved, 0),
            90..95 => (StructureStatus::Pending, 0),
            _ => (StructureStatus::Draft, 0),
        };
        let published = published.min(8);
        let pending = if status == StructureStatus::Approved && published == 0 { rng.random_range(0..=2) } else { 0 };

        let sw_names: Vec<&str> = software.iter().map(|(_, l)| *l).collect();
        let where_ = match areas.first() {
            _ if national => "partout en France".to_owned(),
            Some(("region", code)) => {
                format!("dans toute la région {}", geo::region(code).map(|r| r.name).unwrap_or(""))
            }
            _ => format!(
                "en {} et dans les départements voisins",
                geo::departement(departement).map(|d| d.name).unwrap_or(departement)
            ),
        };
        let town_of = of_town(commune.name);
        let fill = |rng: &mut StdRng, templates: &[&str]| -> String {
            pick(rng, templates)
                .replace("{sw}", pick(rng, &sw_names))
                .replace("{town}", &town_of)
                .replace("{where}", &where_)
        };

        let pitch = format!("{base} {}", fill(rng, &words.pitches));

        // Markdown of 80 to 300 words: paragraphs of a few sentences, a list of the services
        // and software, a heading now and then.
        let target_words = rng.random_range(80..=290);
        let mut description = String::new();
        let mut word_count = 0;
        let mut paragraph = 0;
        let mut order: Vec<&str> = words.sentences.clone();
        order.shuffle(rng);
        let mut next_sentence = 0;
        while word_count < target_words {
            if paragraph > 0 && paragraph % 2 == 0 {
                let heading = pick(rng, &words.headings);
                description.push_str(&format!("## {heading}\n\n"));
                word_count += heading.split_whitespace().count();
            }
            if paragraph == 1 {
                let mut list = String::new();
                for s in &services {
                    let label =
                        crate::directory::TERMS.iter().find(|t| t.0 == "service" && t.1 == *s).map_or(*s, |t| t.2);
                    list.push_str(&format!("- {label}\n"));
                }
                list.push_str(&format!("- Logiciels : **{}**\n\n", sw_names.join("**, **")));
                word_count += list.split_whitespace().filter(|w| *w != "-").count();
                description.push_str(&list);
            } else {
                for _ in 0..rng.random_range(2..=4) {
                    // Each sentence once before any repeats.
                    if next_sentence == order.len() {
                        order.shuffle(rng);
                        next_sentence = 0;
                    }
                    let sentence = fill(rng, &[order[next_sentence]]);
                    next_sentence += 1;
                    word_count += sentence.split_whitespace().count();
                    description.push_str(&sentence);
                    if word_count >= target_words {
                        break;
                    }
                    description.push(' ');
                }
                description = description.trim_end().to_owned();
                description.push_str("\n\n");
            }
            paragraph += 1;
        }
        let description = description.trim_end().to_owned();

        let mut recommendations = Vec::new();
        for k in 0..published + pending {
            let town = pick(rng, &self.by_departement[commune.departement]).name;
            let first = fill(rng, &words.recommendations);
            let mut second = fill(rng, &words.recommendations);
            while second == first {
                second = fill(rng, &words.recommendations);
            }
            let body = format!("{first} {second}");
            recommendations.push(Recommendation {
                association: format!("{} {}{NAME_SUFFIX}", pick(rng, &self.names.associations), of_town(town)),
                body,
                published: k < published,
                at: self.now - rng.random_range(5..400) * 86_400,
            });
        }

        let mut terms: Vec<(&'static str, &'static str)> = Vec::new();
        terms.extend(services.iter().map(|s| ("service", *s)));
        terms.extend(software.iter().map(|(s, _)| ("software", *s)));
        terms.extend(audiences.iter().map(|s| ("audience", *s)));

        Structure {
            website: format!("https://{slug}.example"),
            contact_email: format!("contact@{slug}.example"),
            chatons_url: if chatons { format!("https://www.chatons.org/chaton/{slug}") } else { String::new() },
            slug,
            name,
            pitch,
            description,
            legal_form: weighted(rng, &words.legal_forms),
            chatons,
            commune,
            departement,
            region,
            national,
            remote,
            pricing: weighted(rng, &words.pricings),
            price_info: pick(rng, &words.price_info),
            languages: weighted(rng, &words.languages),
            status,
            confirmed_at: self.now - rng.random_range(0..300) * 86_400,
            terms,
            areas,
            recommendations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_set_is_deterministic_and_plausible() {
        let words = Words::parse().expect("content/bench/directory.json");
        let names = Names::parse().expect("content/bench/names.json");
        let mut a = Generator::new(&words, &names);
        let mut b = Generator::new(&words, &names);
        let first: Vec<Structure> = (0..300).map(|i| a.structure(i)).collect();
        let second: Vec<Structure> = (0..300).map(|i| b.structure(i)).collect();
        for (x, y) in first.iter().zip(&second) {
            assert_eq!(x.slug, y.slug);
            assert_eq!(x.description, y.description);
        }
        let slugs: HashSet<&str> = first.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs.len(), first.len(), "slugs are unique");
        let regions: HashSet<&str> = first.iter().map(|s| s.region).collect();
        assert_eq!(regions.len(), geo::regions().len(), "every region has structures");
        for s in &first {
            assert!(s.name.ends_with(NAME_SUFFIX) && s.slug.ends_with(SLUG_SUFFIX));
            let words = s.description.split_whitespace().count();
            assert!((80..=320).contains(&words), "{words} words in {}", s.slug);
            assert_eq!(geo::commune(s.commune.insee).map(|c| c.departement), Some(s.departement));
            assert!(s.recommendations.iter().filter(|r| r.published).count() <= 8);
        }
        let nextcloud = first.iter().filter(|s| s.terms.contains(&("software", "nextcloud"))).count();
        assert!(nextcloud > 120, "Nextcloud is common: {nextcloud}");
    }
}
