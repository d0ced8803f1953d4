//! `emancipasso bench-seed`: fills a data folder with realistic synthetic data for the
//! benchmark (`bench/run.sh`, PRODUCT.md §4).
//!
//! Everything is generated from a fixed seed, so two runs give the same data set. Every
//! structure name ends with " (bench)" and every slug with "-bench"; web sites and emails use
//! the reserved `.example` domain. Structures sit in real communes of the shipped geographic
//! data, with areas consistent with their home commune.
//!
//! The rows are written with batched SQL in a few transactions (one per chunk of structures)
//! rather than through `directory::create`, which opens one transaction per structure; the
//! statements mirror `directory::store::insert` (structure, terms, areas, one change-feed row
//! per structure) so that `serve` rebuilds its index from them at start.

use std::collections::{HashMap, HashSet};

use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use crate::db::{self, Db, Row, Value};
use crate::geo;
use crate::search::fold;
use crate::vals;

/// The fixed seed of the generator.
const SEED: u64 = 0x00e3_a2c1_9a55_0004;
/// Structures written per transaction.
const CHUNK: usize = 250;
/// Rows per multi-row `INSERT` (well under SQLite's and PostgreSQL's parameter limits).
const ROWS_PER_INSERT: usize = 200;
/// Marks every generated structure.
pub const SLUG_SUFFIX: &str = "-bench";
pub const NAME_SUFFIX: &str = " (bench)";

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub structures: usize,
    pub ads: usize,
    pub resources: usize,
    /// Seed even when the database holds structures that bench-seed did not create.
    pub force: bool,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub added: usize,
    /// Structures whose slug already existed (a second run on the same folder).
    pub skipped: usize,
    /// Approved structures with at least one published recommendation.
    pub recommended: usize,
    pub recommendations: usize,
}

// ---- word lists ------------------------------------------------------------------------

const KINDS: &[&str] = &[
    "Coopérative",
    "Collectif",
    "Atelier",
    "Association",
    "Réseau",
    "Fabrique",
    "Maison",
    "Comptoir",
    "Compagnie",
    "Assemblée",
    "Bureau",
    "Chantier",
    "Laboratoire",
    "Relais",
    "Guilde",
];

const THEMES: &[&str] = &[
    "Les Nuages",
    "Libre",
    "du Numérique Libre",
    "des Communs",
    "Logiciels Libres",
    "Octets Solidaires",
    "des Pingouins",
    "Claviers Citoyens",
    "Serveurs Partagés",
    "du Libre Ensemble",
    "Internet Éthique",
    "des Hébergeurs Locaux",
    "Données Libres",
    "Code Commun",
    "Outils Émancipés",
    "des Chatons",
    "du Web Décentralisé",
    "Sobriété Numérique",
    "des Bidouilleurs",
    "Réseaux Libres",
];

/// (slug, probability that a structure offers it).
const SERVICES: &[(&str, f64)] = &[
    ("diagnostic", 0.55),
    ("culture-numerique", 0.2),
    ("financements", 0.1),
    ("cahier-des-charges", 0.15),
    ("installation-hebergement", 0.5),
    ("migration-donnees", 0.35),
    ("formation-referents", 0.3),
    ("formation-utilisateurs", 0.45),
    ("documentation", 0.25),
    ("developpement", 0.12),
    ("maintenance-support", 0.35),
];

/// (slug, label, probability): a few very common, most rare.
const SOFTWARE: &[(&str, &str, f64)] = &[
    ("nextcloud", "Nextcloud", 0.62),
    ("libreoffice", "LibreOffice", 0.3),
    ("wordpress", "WordPress", 0.3),
    ("jitsi-meet", "Jitsi Meet", 0.25),
    ("etherpad", "Etherpad", 0.2),
    ("paheko", "Paheko", 0.18),
    ("thunderbird", "Thunderbird", 0.15),
    ("collabora-online", "Collabora Online", 0.12),
    ("framadate", "Framadate", 0.1),
    ("bigbluebutton", "BigBlueButton", 0.08),
    ("mobilizon", "Mobilizon", 0.07),
    ("peertube", "PeerTube", 0.06),
    ("element-matrix", "Element / Matrix", 0.06),
    ("nextcloud-talk", "Nextcloud Talk", 0.06),
    ("yakforms", "Yakforms", 0.05),
    ("mastodon", "Mastodon", 0.05),
    ("dolibarr", "Dolibarr", 0.04),
    ("onlyoffice", "OnlyOffice", 0.04),
    ("discourse", "Discourse", 0.03),
    ("galette", "Galette", 0.03),
    ("limesurvey", "LimeSurvey", 0.02),
    ("sympa", "Sympa", 0.02),
    ("civicrm", "CiviCRM", 0.01),
];

const AUDIENCES: &[(&str, f64)] = &[
    ("petites-associations", 0.6),
    ("associations-employeuses", 0.4),
    ("federations", 0.15),
    ("collectifs", 0.3),
    ("structures-ess", 0.25),
];

const LEGAL_FORMS: &[(&str, u32)] =
    &[("association", 45), ("cooperative", 20), ("entreprise", 15), ("collectif", 10), ("independant", 10)];

const PRICINGS: &[(&str, u32)] =
    &[("gratuit", 15), ("prix-libre", 20), ("adhesion", 25), ("devis", 30), ("forfait", 10)];

const PRICE_INFO: &[&str] = &[
    "",
    "Adhésion annuelle de 20 € à 150 € selon le budget de l'association.",
    "Premier rendez-vous gratuit, puis devis.",
    "Journée de formation : 400 € ; demi-journée : 250 €.",
    "Hébergement Nextcloud à partir de 5 € par mois.",
    "Tarif solidaire pour les associations sans salarié·e.",
];

const LANGUAGES: &[(&str, u32)] =
    &[("fr", 78), ("fr,en", 14), ("fr,en,es", 3), ("fr,br", 2), ("fr,oc", 1), ("fr,de", 1), ("fr,ar", 1)];

/// Large towns, picked more often than their share of the 35,000 communes (INSEE codes).
const TOWNS: &[&str] = &[
    "75056", "69123", "13055", "31555", "44109", "35238", "33063", "59350", "34172", "67482", "38185", "06088",
    "21231", "63113", "76540", "45234", "37261", "86194", "87085", "25056", "57463", "54395", "14118", "29019",
    "49007", "72181", "2A004", "2B033", "97411", "97209", "97302", "51454", "80021", "64445", "66136", "30189",
    "42218", "17300", "56260", "22278",
];

const ASSOCIATIONS: &[&str] = &[
    "Les Amis du Jardin partagé",
    "Club de randonnée",
    "Compagnie théâtrale",
    "Épicerie solidaire",
    "AMAP",
    "Ressourcerie",
    "Université populaire",
    "Chorale",
    "Secours alimentaire",
    "Ciné-club",
    "Maison des jeunes",
    "Fédération des parents d'élèves",
    "Atelier vélo",
    "Bibliothèque associative",
    "Comité des fêtes",
    "Collectif d'habitants",
];

const PITCHES: &[&str] = &[
    "accompagne les associations {town} vers {sw} et les outils libres.",
    "aide les petites associations à quitter les outils des géants du web.",
    "installe, héberge et maintient {sw} pour les associations de la région.",
    "forme les bénévoles et les salarié·es aux logiciels libres comme {sw}.",
    "propose un diagnostic des usages numériques et une migration vers {sw}.",
    "héberge des services éthiques et forme les associations à les utiliser.",
];

const SENTENCES: &[&str] = &[
    "Nous accompagnons les associations {town} dans le choix et la prise en main de {sw}.",
    "Notre équipe propose des formations courtes, en présentiel ou à distance, autour de {sw}.",
    "Chaque accompagnement commence par un diagnostic des usages : qui fait quoi, avec quels outils, et à quel coût.",
    "Nous hébergeons {sw} sur des serveurs situés en France, sauvegardés chaque nuit.",
    "La migration des données depuis les outils propriétaires se fait pas à pas, sans rien perdre.",
    "Nos formations s'adressent aussi bien aux bénévoles qu'aux salarié·es et aux référent·es numériques.",
    "Nous aidons à rédiger un cahier des charges avant tout changement d'outil.",
    "Les associations qui le souhaitent peuvent rejoindre notre groupe d'entraide autour de {sw}.",
    "Nous documentons chaque installation dans des tutoriels simples, réutilisables par d'autres associations.",
    "Le support est assuré par courriel et par téléphone, du lundi au vendredi.",
    "Nous intervenons {where}, et à distance pour les structures qui le préfèrent.",
    "Une session de formation type dure une demi-journée et réunit jusqu'à douze personnes.",
    "Nous privilégions les logiciels libres, les formats ouverts et la sobriété numérique.",
    "Nous pouvons aussi développer de petites extensions pour {sw} quand un besoin n'est pas couvert.",
    "Nous travaillons en lien avec les autres membres du collectif CHATONS et les réseaux d'éducation populaire.",
    "Le passage à {sw} se prépare avec l'équipe : calendrier, comptes, droits d'accès et formation.",
    "Nous aidons aussi à chercher des financements pour la transition numérique des associations.",
    "Nos tarifs tiennent compte de la taille et du budget de chaque association.",
];

const HEADINGS: &[&str] = &["Ce que nous faisons", "Nos services", "Notre démarche", "Pour qui ?", "Nos outils"];

const RECOMMENDATIONS: &[&str] = &[
    "Grâce à eux, toute l'équipe utilise {sw} au quotidien.",
    "Une formation claire et patiente, adaptée à nos bénévoles.",
    "Ils nous ont aidés à migrer nos fichiers sans rien perdre.",
    "Accompagnement sérieux, à l'écoute et à un prix juste.",
    "Le diagnostic nous a fait gagner beaucoup de temps.",
    "Nous avons quitté les outils des géants du web en trois mois.",
    "Un support réactif quand nous en avons eu besoin.",
];

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
    departement: &'static str,
    region: &'static str,
    national: bool,
    remote: bool,
    pricing: &'static str,
    price_info: &'static str,
    languages: &'static str,
    status: &'static str,
    confirmed_at: i64,
    terms: Vec<(&'static str, &'static str)>,
    areas: Vec<(&'static str, &'static str)>,
    recommendations: Vec<Recommendation>,
}

fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (item, w) in items {
        if pick < *w {
            return *item;
        }
        pick -= w;
    }
    items[0].0
}

fn pick<T: Copy>(rng: &mut StdRng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// Each item with its own probability; at least one (the first drawn by weight otherwise).
fn subset<T: Copy>(rng: &mut StdRng, items: &[(T, f64)]) -> Vec<T> {
    let mut out: Vec<T> = items.iter().filter(|(_, p)| rng.random_bool(*p)).map(|(t, _)| *t).collect();
    if out.is_empty() {
        let weights: Vec<(T, u32)> = items.iter().map(|(t, p)| (*t, (p * 1000.0) as u32 + 1)).collect();
        out.push(weighted(rng, &weights));
    }
    out
}

fn slugify(text: &str) -> String {
    fold(text).split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

/// "de Rennes", "d'Angers".
fn of_town(town: &str) -> String {
    if let Some(rest) = town.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = town.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let vowel = town.chars().next().is_some_and(|c| "AEIOUYÉÈÊÂÎÔaeiouyéèêâîô".contains(c));
    if vowel { format!("d'{town}") } else { format!("de {town}") }
}

struct Generator {
    rng: StdRng,
    by_departement: HashMap<&'static str, Vec<&'static geo::Commune>>,
    towns: Vec<&'static geo::Commune>,
    all: Vec<&'static geo::Commune>,
    slugs: HashSet<String>,
    now: i64,
}

impl Generator {
    fn new() -> Self {
        let all: Vec<&'static geo::Commune> = geo::communes().iter().filter(|c| !c.postcodes.is_empty()).collect();
        let mut by_departement: HashMap<&'static str, Vec<&'static geo::Commune>> = HashMap::new();
        for c in &all {
            by_departement.entry(c.departement).or_default().push(c);
        }
        let towns = TOWNS.iter().filter_map(|code| geo::commune(code)).filter(|c| !c.postcodes.is_empty()).collect();
        Generator {
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
        let rng = &mut self.rng;

        let kind = pick(rng, KINDS);
        let theme = pick(rng, THEMES);
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
        let services = subset(rng, SERVICES);
        let software_items: Vec<((&str, &str), f64)> = SOFTWARE.iter().map(|(s, l, p)| ((*s, *l), *p)).collect();
        let software = subset(rng, &software_items);
        let audiences = subset(rng, AUDIENCES);

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
            0..85 => ("approved", 1 + (rng.random_range(0.0f64..1.0).powi(2) * 8.0) as usize),
            85..90 => ("approved", 0),
            90..95 => ("pending", 0),
            _ => ("draft", 0),
        };
        let published = published.min(8);
        let pending = if status == "approved" && published == 0 { rng.random_range(0..=2) } else { 0 };

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

        let pitch = format!("{base} {}", fill(rng, PITCHES));

        // Markdown of 80 to 300 words: paragraphs of a few sentences, a list of the services
        // and software, a heading now and then.
        let target_words = rng.random_range(80..=290);
        let mut description = String::new();
        let mut words = 0;
        let mut paragraph = 0;
        let mut order: Vec<&str> = SENTENCES.to_vec();
        order.shuffle(rng);
        let mut next_sentence = 0;
        while words < target_words {
            if paragraph > 0 && paragraph % 2 == 0 {
                let heading = pick(rng, HEADINGS);
                description.push_str(&format!("## {heading}\n\n"));
                words += heading.split_whitespace().count();
            }
            if paragraph == 1 {
                let mut list = String::new();
                for s in &services {
                    let label = crate::db::TERMS.iter().find(|t| t.0 == "service" && t.1 == *s).map_or(*s, |t| t.2);
                    list.push_str(&format!("- {label}\n"));
                }
                list.push_str(&format!("- Logiciels : **{}**\n\n", sw_names.join("**, **")));
                words += list.split_whitespace().filter(|w| *w != "-").count();
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
                    words += sentence.split_whitespace().count();
                    description.push_str(&sentence);
                    if words >= target_words {
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
            let first = fill(rng, RECOMMENDATIONS);
            let mut second = fill(rng, RECOMMENDATIONS);
            while second == first {
                second = fill(rng, RECOMMENDATIONS);
            }
            let body = format!("{first} {second}");
            recommendations.push(Recommendation {
                association: format!("{} {}{NAME_SUFFIX}", pick(rng, ASSOCIATIONS), of_town(town)),
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
            slug,
            name,
            pitch,
            description,
            legal_form: weighted(rng, LEGAL_FORMS),
            chatons,
            commune,
            departement,
            region,
            national,
            remote,
            pricing: weighted(rng, PRICINGS),
            price_info: pick(rng, PRICE_INFO),
            languages: weighted(rng, LANGUAGES),
            status,
            confirmed_at: self.now - rng.random_range(0..300) * 86_400,
            terms,
            areas,
            recommendations,
        }
    }
}

// ---- writing ---------------------------------------------------------------------------

#[derive(Row)]
struct TermId {
    id: i64,
    kind: String,
    slug: String,
}

/// Inserts `rows` (each `columns.len()` values) with multi-row `INSERT`s.
async fn insert_rows<C: sea_orm::ConnectionTrait>(
    c: &C,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<(), sea_orm::DbErr> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut values = Vec::with_capacity(chunk.len() * columns.len());
        for (r, row) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            let from = r * columns.len() + 1;
            let marks: Vec<String> = (from..from + columns.len()).map(|i| format!("${i}")).collect();
            sql.push_str(&format!("({})", marks.join(", ")));
            values.extend(row.iter().cloned());
        }
        sql.push_str(" ON CONFLICT DO NOTHING");
        db::exec(c, &sql, values).await?;
    }
    Ok(())
}

/// Generates and writes the data set.
pub async fn seed(db: &Db, options: &Options) -> anyhow::Result<Summary> {
    if !options.force {
        let foreign = db::int(
            db.conn(),
            "SELECT COUNT(*) FROM structures WHERE slug NOT LIKE $1",
            vals![format!("%{SLUG_SUFFIX}")],
        )
        .await?
        .unwrap_or(0);
        if foreign > 0 {
            anyhow::bail!(
                "this database holds {foreign} structures that bench-seed did not create: \
                 use an empty data folder (or --force)"
            );
        }
    }
    let terms: Vec<TermId> = db::all(db.conn(), "SELECT id, kind, slug FROM terms", vals![]).await?;
    let term_ids: HashMap<(String, String), i64> = terms.into_iter().map(|t| ((t.kind, t.slug), t.id)).collect();
    let term = |kind: &str, slug: &str| term_ids.get(&(kind.to_owned(), slug.to_owned())).copied();

    let mut generator = Generator::new();
    let structures: Vec<Structure> = (0..options.structures).map(|i| generator.structure(i)).collect();

    let bar = ProgressBar::new(structures.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} structures ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("bench-seed");
    let mut summary = Summary::default();
    let now = db::now();
    for chunk in structures.chunks(CHUNK) {
        let txn = db.begin().await?;
        let mut term_rows = Vec::new();
        let mut area_rows = Vec::new();
        let mut reco_rows = Vec::new();
        let mut change_rows = Vec::new();
        for s in chunk {
            let website = format!("https://{}.example", s.slug);
            let id = db::int(
                &txn,
                "INSERT INTO structures (slug, name, pitch, description, legal_form_id, chatons_member, chatons_url, \
                   website, contact_email, commune_insee, commune_name, postcode, department_code, region_code, \
                   national, remote, pricing_id, price_info, languages, status, approved_at, confirmed_at, created_at, \
                   updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
                   $21, $22, $23, $23) \
                 ON CONFLICT (slug) DO NOTHING RETURNING id",
                vals![
                    s.slug.as_str(),
                    s.name.as_str(),
                    s.pitch.as_str(),
                    s.description.as_str(),
                    term("legal_form", s.legal_form),
                    s.chatons,
                    if s.chatons { format!("https://www.chatons.org/chaton/{}", s.slug) } else { String::new() },
                    website,
                    format!("contact@{}.example", s.slug),
                    s.commune.insee,
                    s.commune.name,
                    s.commune.postcodes.first().copied().unwrap_or(""),
                    s.departement,
                    s.region,
                    s.national,
                    s.remote,
                    term("pricing", s.pricing),
                    s.price_info,
                    s.languages,
                    s.status,
                    (s.status == "approved").then_some(now),
                    s.confirmed_at,
                    now
                ],
            )
            .await?;
            bar.inc(1);
            let Some(id) = id else {
                summary.skipped += 1;
                continue;
            };
            summary.added += 1;
            for (kind, slug) in &s.terms {
                if let Some(term_id) = term(kind, slug) {
                    term_rows.push(vals![id, term_id]);
                }
            }
            for (kind, code) in &s.areas {
                area_rows.push(vals![id, *kind, *code]);
            }
            for r in &s.recommendations {
                let (status, published_at) = if r.published { ("published", Some(r.at)) } else { ("pending", None) };
                reco_rows.push(vals![id, r.association.as_str(), r.body.as_str(), status, published_at, r.at]);
            }
            let published = s.recommendations.iter().filter(|r| r.published).count();
            summary.recommendations += published;
            summary.recommended += usize::from(s.status == "approved" && published > 0);
            change_rows.push(vals!["structure", id, now]);
        }
        insert_rows(&txn, "structure_terms", &["structure_id", "term_id"], term_rows).await?;
        insert_rows(&txn, "structure_areas", &["structure_id", "kind", "code"], area_rows).await?;
        insert_rows(
            &txn,
            "recommendations",
            &["structure_id", "association_name", "body", "status", "published_at", "created_at"],
            reco_rows,
        )
        .await?;
        insert_rows(&txn, "search_changes", &["kind", "target_id", "changed_at"], change_rows).await?;
        txn.commit().await?;
    }
    bar.finish();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_set_is_deterministic_and_plausible() {
        let mut a = Generator::new();
        let mut b = Generator::new();
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
