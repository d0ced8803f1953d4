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
//!
//! Ads come from a generator of their own (the structures stay the same whatever the number of
//! ads): 500 association accounts (`bench-asso-N@bench.example`) and 100 developer accounts
//! (`bench-dev-N@bench.example`), none of which can sign in (password hash `!`), author and join
//! them; every ad has its author's pledge, 0–6 pledges of other associations and sometimes 0–3
//! offers, one of them accepted once the ad is funded. Every ad slug ends with "-bench" too. Ads
//! get no change-feed rows: the ads engine loads every ad from the database at start.

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
/// Seed of the ads' generator, apart so that the structures do not depend on the ads.
const ADS_SEED: u64 = SEED ^ 0x0000_0000_0000_0ad5;
/// Structures written per transaction.
const CHUNK: usize = 250;
/// Ads (with their pledges, offers and followers) written per transaction.
const ADS_CHUNK: usize = 5000;
/// Bound parameters per multi-row `INSERT`, at most. Far under the limits (SQLite 32,766,
/// PostgreSQL 65,535) on purpose: the SQLite driver looks each `$N` up by name, a cost that grows
/// with the square of a statement's parameters (50,000 ads took a minute with 23,000 parameters
/// per statement).
const PARAMS_PER_INSERT: usize = 500;
/// Generated association accounts (authors and joiners of the ads).
const BENCH_ASSOCIATIONS: usize = 500;
/// Generated developer accounts (offers).
const BENCH_DEVELOPERS: usize = 100;
/// Domain of the generated accounts' emails.
const EMAIL_DOMAIN: &str = "bench.example";
/// Days an open ad stays open after its publication (or after being renewed).
const AD_LIFETIME_DAYS: i64 = 120;
const DAY: i64 = 86_400;
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
    pub ads_added: usize,
    /// Ads whose slug already existed (a second run on the same folder).
    pub ads_skipped: usize,
    /// Pledges of the added ads, their authors' included.
    pub pledges: usize,
    pub offers: usize,
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

// ---- word lists of the ads ---------------------------------------------------------------

const AD_KINDS: &[(&str, u32)] =
    &[("besoin", 35), ("fonctionnalite", 20), ("accompagnement", 30), ("mutualisation", 15)];

/// Mostly open ads, then the later states; a few that only their author and moderators see.
const AD_STATUSES: &[(&str, u32)] = &[
    ("published", 600),
    ("funded", 70),
    ("in_progress", 60),
    ("done", 90),
    ("closed", 60),
    ("expired", 80),
    ("draft", 15),
    ("pending", 15),
    ("refused", 5),
    ("removed", 5),
];

/// What an association needs: (the need, the big-tech tool used for it today, free software
/// that answers it, its tag).
const TOPICS: &[(&str, &str, &[&str], &str)] = &[
    ("gérer les adhésions", "Google Sheets", &["paheko", "galette", "dolibarr", "civicrm"], "adhesions"),
    ("organiser les plannings de bénévoles", "Doodle", &["framadate", "nextcloud", "mobilizon"], "benevoles"),
    ("partager nos documents", "Google Drive", &["nextcloud", "collabora-online", "onlyoffice"], "documents"),
    ("tenir la comptabilité", "Microsoft 365", &["paheko", "dolibarr"], "comptabilite"),
    ("envoyer notre lettre d'information", "Mailchimp", &["sympa", "thunderbird"], "lettre-d-information"),
    ("organiser nos réunions à distance", "Zoom", &["jitsi-meet", "bigbluebutton", "nextcloud-talk"], "visio"),
    ("gérer les inscriptions aux ateliers", "Google Forms", &["mobilizon", "yakforms", "limesurvey"], "evenements"),
    ("publier nos vidéos", "YouTube", &["peertube"], "video"),
    ("coordonner nos équipes", "WhatsApp", &["element-matrix", "nextcloud-talk", "discourse"], "messagerie"),
    ("interroger nos adhérent·es", "Google Forms", &["limesurvey", "yakforms", "framadate"], "sondage"),
    ("gérer le prêt de matériel", "Google Sheets", &["paheko", "dolibarr", "nextcloud"], "materiel"),
    ("suivre les dons", "Google Sheets", &["galette", "paheko", "civicrm"], "dons"),
    ("créer notre site web", "Wix", &["wordpress"], "site-web"),
    ("animer notre communauté en ligne", "Facebook", &["mastodon", "discourse", "mobilizon"], "communaute"),
    ("gérer les stocks de l'épicerie", "Microsoft 365", &["dolibarr"], "stocks"),
    ("prendre des notes à plusieurs", "Google Docs", &["etherpad", "nextcloud"], "documents"),
    ("écrire nos comptes rendus", "Microsoft Word", &["libreoffice", "collabora-online", "onlyoffice"], "bureautique"),
    ("gérer nos courriels", "Gmail", &["thunderbird", "nextcloud"], "messagerie"),
];

/// A feature to develop and the free software it fits.
const FEATURES: &[(&str, &[&str])] = &[
    ("un module de réservation du matériel", &["paheko", "dolibarr", "nextcloud"]),
    ("des reçus fiscaux automatiques", &["galette", "paheko", "civicrm"]),
    ("une liste d'attente pour les inscriptions", &["mobilizon", "yakforms"]),
    ("un export comptable", &["paheko", "dolibarr", "galette"]),
    ("un calendrier des permanences", &["nextcloud", "paheko", "framadate"]),
    ("les cotisations à prix libre", &["paheko", "galette"]),
    ("un annuaire des membres", &["nextcloud", "galette", "discourse"]),
    ("un thème accessible", &["wordpress", "mobilizon", "discourse"]),
    ("l'import depuis un tableur", &["galette", "paheko", "dolibarr", "limesurvey"]),
    ("des sous-titres automatiques", &["peertube", "bigbluebutton", "jitsi-meet"]),
    ("la synchronisation des agendas", &["nextcloud", "mobilizon", "thunderbird"]),
    ("une carte des lieux", &["mobilizon", "wordpress"]),
    ("des rappels par courriel", &["mobilizon", "framadate", "nextcloud"]),
    ("un mode de lecture simplifié", &["nextcloud", "wordpress", "etherpad"]),
];

const TASKS: &[&str] = &[
    "migrer vers {sw}",
    "quitter {bigtech}",
    "choisir un outil libre pour {need}",
    "installer {sw}",
    "rédiger un cahier des charges",
    "faire le diagnostic de nos outils",
    "former nos référent·es numériques",
    "sécuriser nos données",
    "prendre en main {sw}",
];

const SHARED: &[&str] = &[
    "un serveur {sw}",
    "l'hébergement de {sw}",
    "une instance {sw}",
    "l'achat d'ordinateurs reconditionnés",
    "un poste de développeur·se",
    "une formation à {sw}",
    "un outil libre pour {need}",
    "un serveur de visioconférence",
];

const WHERE: &[&str] =
    &["du territoire", "de la région", "du quartier", "du département", "de la fédération", "du réseau"];

/// Titles by kind; those naming `{sw}` only for ads about a given software.
const AD_TITLES: &[(&str, &[&str])] = &[
    (
        "besoin",
        &[
            "Un outil libre pour {need}",
            "Remplacer {bigtech} pour {need}",
            "Quel logiciel libre pour {need} ?",
            "{sw} pour {need} : retours d'expérience ?",
        ],
    ),
    ("fonctionnalite", &["{Feature} dans {sw}", "Ajouter {feature} à {sw}", "Développer {feature} pour {sw}"]),
    (
        "accompagnement",
        &[
            "Accompagnement pour {task}",
            "Aide pour {task}",
            "Cherche accompagnement : {task}",
            "Former nos bénévoles à {sw}",
        ],
    ),
    (
        "mutualisation",
        &["Mutualiser {shared} entre associations {where}", "Partager {shared} à plusieurs associations"],
    ),
];

const AD_CONTEXT: &[(&str, &[&str])] = &[
    (
        "besoin",
        &[
            "Aujourd'hui nous utilisons {bigtech} faute de mieux, mais nous voulons reprendre la main sur nos données.",
            "Nous cherchons un logiciel libre simple, utilisable par des bénévoles peu à l'aise avec le numérique.",
            "Plusieurs membres du bureau ont testé {sw} sans savoir s'il répond à tous nos besoins.",
        ],
    ),
    (
        "fonctionnalite",
        &[
            "Nous utilisons {sw} depuis plusieurs années et il nous manque une fonctionnalité importante.",
            "Le développement sera reversé au projet sous licence libre, pour profiter à toutes les associations.",
            "D'autres associations ont le même besoin : rejoignez l'annonce pour partager le coût.",
        ],
    ),
    (
        "accompagnement",
        &[
            "Personne dans l'équipe n'a le temps ni les compétences pour mener ce chantier seul.",
            "Nous cherchons une structure ou un·e indépendant·e pour nous accompagner pas à pas.",
            "L'accompagnement peut se faire à distance ou dans nos locaux.",
        ],
    ),
    (
        "mutualisation",
        &[
            "Seules, les petites associations ne peuvent pas payer ces frais.",
            "Nous proposons de partager l'hébergement, la maintenance et la formation entre plusieurs structures.",
            "Chaque association garde son espace et ses données.",
        ],
    ),
];

const AD_SENTENCES: &[&str] = &[
    "Nos adhérent·es sont de tous âges et n'ont pas tous un ordinateur.",
    "Nous voulons éviter tout outil qui piste ses utilisateurs.",
    "Les données doivent être hébergées en Europe, idéalement chez un membre du collectif CHATONS.",
    "Le projet a été validé en assemblée générale.",
    "Nous disposons d'un petit budget, complété par une subvention de la commune.",
    "Un groupe de trois bénévoles suivra le projet.",
    "Nous préférons un logiciel libre déjà utilisé par d'autres associations.",
    "La documentation devra être en français.",
];

const AD_REQUIREMENTS: &[&str] = &[
    "utilisable sur téléphone",
    "simple à prendre en main",
    "hébergé en France",
    "avec une documentation en français",
    "compatible avec nos fichiers actuels",
    "accessible aux personnes malvoyantes",
    "sans publicité ni pistage",
    "avec des droits d'accès par équipe",
    "avec un export des données dans un format ouvert",
    "une formation courte pour les bénévoles",
];

const AD_HEADINGS: &[&str] = &["## Ce dont nous avons besoin", "## Nos attentes", "## Nos critères"];

const AD_CLOSINGS: &[&str] = &[
    "Posez vos questions en commentaire !",
    "Toute association intéressée peut rejoindre l'annonce, même sans montant.",
    "Nous aimerions démarrer avant l'été.",
    "Nous aimerions démarrer à la rentrée.",
    "Nous aimerions que tout soit prêt avant la fin de l'année.",
];

/// Software named in ads without a taxonomy entry.
const OTHER_SOFTWARE: &[&str] =
    &["à choisir ensemble", "Linux", "un logiciel libre existant", "à définir avec le prestataire"];

/// Tags added to an ad's topic and software.
const AD_TAGS: &[&str] =
    &["benevoles", "formation", "hebergement", "donnees", "accessibilite", "migration", "sobriete", "rgpd"];

const FIRST_NAMES: &[&str] = &[
    "Camille",
    "Dominique",
    "Sacha",
    "Alex",
    "Noa",
    "Maxime",
    "Claude",
    "Morgan",
    "Charlie",
    "Lou",
    "Yanis",
    "Inès",
    "Léna",
    "Malo",
    "Soline",
    "Ewen",
    "Nour",
    "Aurèle",
];

const LAST_NAMES: &[&str] = &[
    "Martin-Lefort",
    "Bernard",
    "Roux",
    "Garnier",
    "Fabre",
    "Lemoine",
    "Perrin",
    "Aubert",
    "Carpentier",
    "Marchand",
    "Vidal",
    "Le Goff",
    "Barbier",
    "Chevalier",
];

const TIMEFRAMES: &[&str] = &["2 semaines", "3 semaines", "1 mois", "6 semaines", "2 mois", "3 mois", "4 mois"];

const OFFER_MESSAGES: &[&str] = &[
    "Je peux m'en charger : j'ai déjà réalisé un travail semblable pour une autre association.",
    "Nous proposons une première version rapidement, puis des ajustements avec vos bénévoles.",
    "Développement publié sous licence libre, documentation en français et une séance de prise en main.",
    "Installation, configuration et une année de maintenance comprises.",
];

const CLOSE_REASONS: &[&str] = &[
    "Nous avons trouvé une solution avec une association voisine.",
    "Le projet est reporté à l'an prochain.",
    "Le bureau a changé de priorités.",
];

const DECISION_REASONS: &[&str] = &[
    "L'annonce ne concerne pas un outil numérique libre.",
    "L'annonce contient des données personnelles.",
    "Annonce en double.",
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
                    let label =
                        crate::directory::TERMS.iter().find(|t| t.0 == "service" && t.1 == *s).map_or(*s, |t| t.2);
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

// ---- generation of the ads -------------------------------------------------------------

/// An account of the benchmark, for the ads.
struct BenchUser {
    email: String,
    name: String,
}

struct Offer {
    /// Index in `AdGenerator::developers`.
    developer: usize,
    amount: i64,
    timeframe: &'static str,
    message: &'static str,
    accepted: bool,
    at: i64,
}

struct Pledge {
    /// Index in `AdGenerator::associations`.
    association: usize,
    amount: Option<i64>,
    at: i64,
}

struct Ad {
    slug: String,
    kind: &'static str,
    status: &'static str,
    /// Index in `AdGenerator::associations`.
    author: usize,
    title: String,
    body: String,
    software: Option<&'static str>,
    software_other: &'static str,
    estimated_cost: Option<i64>,
    deadline: Option<String>,
    region: Option<&'static str>,
    remote: bool,
    tags: String,
    accepted_cost: Option<i64>,
    close_reason: &'static str,
    decision_reason: &'static str,
    created_at: i64,
    published_at: Option<i64>,
    status_changed_at: i64,
    expires_at: Option<i64>,
    decided_at: Option<i64>,
    /// The author's first, then the associations that joined, each once.
    pledges: Vec<Pledge>,
    /// From distinct developers; at most one accepted.
    offers: Vec<Offer>,
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

fn by_kind(lists: &[(&str, &'static [&'static str])], kind: &str) -> &'static [&'static str] {
    lists.iter().find(|(k, _)| *k == kind).map_or(&[], |(_, l)| l)
}

struct AdGenerator {
    rng: StdRng,
    associations: Vec<BenchUser>,
    developers: Vec<BenchUser>,
    /// How many ads used each slug base so far.
    slugs: HashMap<String, usize>,
    now: i64,
}

impl AdGenerator {
    fn new(now: i64) -> Self {
        let mut rng = StdRng::seed_from_u64(ADS_SEED);
        let communes: Vec<&'static geo::Commune> = geo::communes().iter().filter(|c| !c.postcodes.is_empty()).collect();
        let mut names = HashSet::new();
        let mut associations = Vec::with_capacity(BENCH_ASSOCIATIONS);
        while associations.len() < BENCH_ASSOCIATIONS {
            let name =
                format!("{} {}{NAME_SUFFIX}", pick(&mut rng, ASSOCIATIONS), of_town(pick(&mut rng, &communes).name));
            if names.insert(name.clone()) {
                associations
                    .push(BenchUser { email: format!("bench-asso-{}@{EMAIL_DOMAIN}", associations.len() + 1), name });
            }
        }
        let mut developers = Vec::with_capacity(BENCH_DEVELOPERS);
        while developers.len() < BENCH_DEVELOPERS {
            let name = format!("{} {}{NAME_SUFFIX}", pick(&mut rng, FIRST_NAMES), pick(&mut rng, LAST_NAMES));
            if names.insert(name.clone()) {
                developers
                    .push(BenchUser { email: format!("bench-dev-{}@{EMAIL_DOMAIN}", developers.len() + 1), name });
            }
        }
        AdGenerator { rng, associations, developers, slugs: HashMap::new(), now }
    }

    fn ad(&mut self) -> Ad {
        let now = self.now;
        let rng = &mut self.rng;
        let kind = weighted(rng, AD_KINDS);
        let status = weighted(rng, AD_STATUSES);
        let author = rng.random_range(0..self.associations.len());

        // A topic (need, tool to leave, software that fits); a feature always names its software.
        let (need, bigtech, candidates, topic_tag) = pick(rng, TOPICS);
        let (feature, feature_software) = pick(rng, FEATURES);
        let (software, software_other) = match rng.random_range(0..100) {
            _ if kind == "fonctionnalite" => (Some(pick(rng, feature_software)), ""),
            0..75 => (Some(pick(rng, candidates)), ""),
            75..85 => (None, pick(rng, OTHER_SOFTWARE)),
            _ => (None, ""),
        };
        let sw = software
            .and_then(|slug| crate::directory::TERMS.iter().find(|t| t.0 == "software" && t.1 == slug))
            .map_or("", |t| t.2);
        // Templates naming a software only when there is one.
        let fits = |t: &&str| !sw.is_empty() || !t.contains("{sw}");
        let tasks: Vec<&str> = TASKS.iter().copied().filter(fits).collect();
        let shares: Vec<&str> = SHARED.iter().copied().filter(fits).collect();
        let titles: Vec<&str> = by_kind(AD_TITLES, kind).iter().copied().filter(fits).collect();
        let task = pick(rng, &tasks);
        let shared = pick(rng, &shares);
        let where_ = pick(rng, WHERE);
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
        let mut context: Vec<&str> = by_kind(AD_CONTEXT, kind).iter().copied().filter(fits).collect();
        context.shuffle(rng);
        let mut sentences = AD_SENTENCES.to_vec();
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
        body.push_str(pick(rng, AD_HEADINGS));
        body.push_str("\n\n");
        let mut requirements = AD_REQUIREMENTS.to_vec();
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
        body.push_str(pick(rng, AD_CLOSINGS));

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
            let tag = pick(rng, AD_TAGS);
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
                let association = rng.random_range(0..self.associations.len());
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
            let developer = rng.random_range(0..self.developers.len());
            if offers.iter().all(|o| o.developer != developer) {
                offers.push(Offer {
                    developer,
                    amount: round50(base * rng.random_range(0.7..1.3)),
                    timeframe: pick(rng, TIMEFRAMES),
                    message: pick(rng, OFFER_MESSAGES),
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
            close_reason: if status == "closed" { pick(rng, CLOSE_REASONS) } else { "" },
            decision_reason: if matches!(status, "refused" | "removed") { pick(rng, DECISION_REASONS) } else { "" },
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

// ---- writing ---------------------------------------------------------------------------

#[derive(Row)]
struct TermId {
    id: i64,
    kind: String,
    slug: String,
}

#[derive(Row)]
struct UserId {
    id: i64,
    email: String,
}

#[derive(Row)]
struct AdSlug {
    id: i64,
    slug: String,
}

/// Rows of `columns` values per statement.
fn rows_per_insert(columns: usize) -> usize {
    (PARAMS_PER_INSERT / columns.max(1)).max(1)
}

/// `INSERT INTO table (columns) VALUES ($1, …), …` for `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        let from = r * columns.len() + 1;
        let marks: Vec<String> = (from..from + columns.len()).map(|i| format!("${i}")).collect();
        sql.push_str(&format!("({})", marks.join(", ")));
    }
    sql
}

/// Splits `rows` into the statements of `insert_sql`: (row count, their values in order).
fn batches(columns: usize, rows: Vec<Vec<Value>>) -> Vec<(usize, Vec<Value>)> {
    let per = rows_per_insert(columns);
    let mut out = Vec::with_capacity(rows.len().div_ceil(per));
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per).collect();
        out.push((chunk.len(), chunk.into_iter().flatten().collect()));
    }
    out
}

/// Inserts `rows` (each `columns.len()` values) with multi-row `INSERT`s; rows that would
/// break a unique key are skipped.
async fn insert_rows<C: sea_orm::ConnectionTrait>(
    c: &C,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<(), sea_orm::DbErr> {
    for (n, values) in batches(columns.len(), rows) {
        let sql = format!("{} ON CONFLICT DO NOTHING", insert_sql(table, columns, n));
        db::exec(c, &sql, values).await?;
    }
    Ok(())
}

const AD_COLUMNS: &[&str] = &[
    "slug",
    "kind",
    "status",
    "author_id",
    "association_name",
    "title",
    "body",
    "software_slug",
    "software_other",
    "estimated_cost",
    "deadline",
    "region_code",
    "remote",
    "tags",
    "accepted_cost",
    "close_reason",
    "created_at",
    "updated_at",
    "published_at",
    "status_changed_at",
    "expires_at",
    "decided_at",
    "decision_reason",
];

/// Inserts ads with multi-row `INSERT`s; returns the id of each slug.
async fn insert_ads<C: sea_orm::ConnectionTrait>(
    c: &C,
    rows: Vec<Vec<Value>>,
) -> Result<HashMap<String, i64>, sea_orm::DbErr> {
    let mut ids = HashMap::with_capacity(rows.len());
    for (n, values) in batches(AD_COLUMNS.len(), rows) {
        let sql = format!("{} RETURNING id, slug", insert_sql("ads", AD_COLUMNS, n));
        let inserted: Vec<AdSlug> = db::all(c, &sql, values).await?;
        ids.extend(inserted.into_iter().map(|r| (r.slug, r.id)));
    }
    Ok(ids)
}

fn progress(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!("{{prefix}} [{{bar:40}}] {{pos}}/{{len}} {what} ({{elapsed}})"))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("bench-seed");
    bar
}

/// Writes the accounts of the ads (once) and returns the ids of the associations and of the
/// developers, in the generator's order.
async fn seed_accounts(db: &Db, generator: &AdGenerator) -> anyhow::Result<(Vec<i64>, Vec<i64>)> {
    let now = generator.now;
    let users =
        generator.associations.iter().map(|u| (u, u.name.as_str())).chain(generator.developers.iter().map(|u| (u, "")));
    let rows = users
        .map(|(u, association)| vals![u.email.as_str(), u.name.as_str(), "!", "fr", now, now, association])
        .collect();
    let txn = db.begin().await?;
    insert_rows(
        &txn,
        "users",
        &["email", "display_name", "password_hash", "locale", "email_verified_at", "created_at", "association_name"],
        rows,
    )
    .await?;
    let found: Vec<UserId> =
        db::all(&txn, "SELECT id, email FROM users WHERE email LIKE $1", vals![format!("bench-%@{EMAIL_DOMAIN}")])
            .await?;
    let ids: HashMap<String, i64> = found.into_iter().map(|u| (u.email, u.id)).collect();
    let id_of = |u: &BenchUser| ids.get(&u.email).copied().ok_or_else(|| anyhow::anyhow!("no account {}", u.email));
    let associations = generator.associations.iter().map(id_of).collect::<anyhow::Result<Vec<i64>>>()?;
    let developers = generator.developers.iter().map(id_of).collect::<anyhow::Result<Vec<i64>>>()?;
    let roles = associations.iter().map(|id| vals![*id, "association", now]).collect();
    insert_rows(&txn, "user_roles", &["user_id", "role", "created_at"], roles).await?;
    txn.commit().await?;
    Ok((associations, developers))
}

/// Generates and writes `count` ads, in transactions of `ADS_CHUNK` ads.
async fn seed_ads(db: &Db, count: usize, software: &HashSet<String>, summary: &mut Summary) -> anyhow::Result<()> {
    let mut generator = AdGenerator::new(db::now());
    let (associations, developers) = seed_accounts(db, &generator).await?;
    let existing: HashSet<String> = db::all::<AdSlug, _>(
        db.conn(),
        "SELECT id, slug FROM ads WHERE slug LIKE $1",
        vals![format!("%{SLUG_SUFFIX}")],
    )
    .await?
    .into_iter()
    .map(|a| a.slug)
    .collect();

    let bar = progress(count, "ads");
    let mut generated = 0;
    while generated < count {
        let n = ADS_CHUNK.min(count - generated);
        generated += n;
        let ads: Vec<Ad> = (0..n).map(|_| generator.ad()).collect();
        let (ads, known): (Vec<Ad>, Vec<Ad>) = ads.into_iter().partition(|a| !existing.contains(&a.slug));
        summary.ads_skipped += known.len();

        let txn = db.begin().await?;
        let rows = ads
            .iter()
            .map(|a| {
                vals![
                    a.slug.as_str(),
                    a.kind,
                    a.status,
                    associations[a.author],
                    generator.associations[a.author].name.as_str(),
                    a.title.as_str(),
                    a.body.as_str(),
                    a.software.filter(|s| software.contains(*s)),
                    a.software_other,
                    a.estimated_cost,
                    a.deadline.clone(),
                    a.region,
                    a.remote,
                    a.tags.as_str(),
                    a.accepted_cost,
                    a.close_reason,
                    a.created_at,
                    a.status_changed_at,
                    a.published_at,
                    a.status_changed_at,
                    a.expires_at,
                    a.decided_at,
                    a.decision_reason
                ]
            })
            .collect();
        let ids = insert_ads(&txn, rows).await?;
        let mut pledge_rows = Vec::new();
        let mut offer_rows = Vec::new();
        let mut follow_rows = Vec::new();
        for a in &ads {
            let Some(&id) = ids.get(&a.slug) else { continue };
            summary.ads_added += 1;
            for p in &a.pledges {
                let user = associations[p.association];
                let name = generator.associations[p.association].name.as_str();
                pledge_rows.push(vals![id, user, name, p.amount, p.at, p.at]);
                follow_rows.push(vals![id, user, p.at]);
            }
            for o in &a.offers {
                let user = developers[o.developer];
                let name = generator.developers[o.developer].name.as_str();
                let status = if o.accepted { "accepted" } else { "open" };
                offer_rows.push(vals![id, user, name, o.amount, o.timeframe, o.message, status, o.at, o.at]);
                follow_rows.push(vals![id, user, o.at]);
            }
        }
        summary.pledges += pledge_rows.len();
        summary.offers += offer_rows.len();
        insert_rows(
            &txn,
            "ad_pledges",
            &["ad_id", "user_id", "association_name", "amount", "created_at", "updated_at"],
            pledge_rows,
        )
        .await?;
        insert_rows(
            &txn,
            "ad_offers",
            &[
                "ad_id",
                "user_id",
                "author_name",
                "amount",
                "timeframe",
                "message",
                "status",
                "created_at",
                "updated_at",
            ],
            offer_rows,
        )
        .await?;
        insert_rows(&txn, "ad_follows", &["ad_id", "user_id", "created_at"], follow_rows).await?;
        db::exec(
            &txn,
            "UPDATE ads SET accepted_offer_id = \
               (SELECT MIN(o.id) FROM ad_offers o WHERE o.ad_id = ads.id AND o.status = 'accepted') \
             WHERE accepted_offer_id IS NULL AND accepted_cost IS NOT NULL AND slug LIKE $1",
            vals![format!("%{SLUG_SUFFIX}")],
        )
        .await?;
        txn.commit().await?;
        bar.inc(n as u64);
    }
    bar.finish();
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
        let foreign =
            db::int(db.conn(), "SELECT COUNT(*) FROM ads WHERE slug NOT LIKE $1", vals![format!("%{SLUG_SUFFIX}")])
                .await?
                .unwrap_or(0);
        if foreign > 0 {
            anyhow::bail!(
                "this database holds {foreign} ads that bench-seed did not create: \
                 use an empty data folder (or --force)"
            );
        }
    }
    let terms: Vec<TermId> = db::all(db.conn(), "SELECT id, kind, slug FROM terms", vals![]).await?;
    let term_ids: HashMap<(String, String), i64> = terms.into_iter().map(|t| ((t.kind, t.slug), t.id)).collect();
    let term = |kind: &str, slug: &str| term_ids.get(&(kind.to_owned(), slug.to_owned())).copied();

    let mut generator = Generator::new();
    let structures: Vec<Structure> = (0..options.structures).map(|i| generator.structure(i)).collect();

    let bar = progress(structures.len(), "structures");
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

    if options.ads > 0 {
        let software: HashSet<String> =
            term_ids.keys().filter(|(kind, _)| kind == "software").map(|(_, slug)| slug.clone()).collect();
        seed_ads(db, options.ads, &software, &mut summary).await?;
    }
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

    #[test]
    fn the_ads_are_deterministic_and_consistent() {
        let now = 1_790_000_000;
        let mut a = AdGenerator::new(now);
        let mut b = AdGenerator::new(now);
        let first: Vec<Ad> = (0..3000).map(|_| a.ad()).collect();
        let second: Vec<Ad> = (0..3000).map(|_| b.ad()).collect();
        for (x, y) in first.iter().zip(&second) {
            assert_eq!((&x.slug, &x.body, x.status), (&y.slug, &y.body, y.status));
            assert_eq!(
                x.pledges.iter().map(|p| (p.association, p.amount)).collect::<Vec<_>>(),
                y.pledges.iter().map(|p| (p.association, p.amount)).collect::<Vec<_>>()
            );
        }

        let names: HashSet<&str> = a.associations.iter().chain(&a.developers).map(|u| u.name.as_str()).collect();
        assert_eq!(names.len(), BENCH_ASSOCIATIONS + BENCH_DEVELOPERS, "account names are unique");
        assert!(
            a.associations
                .iter()
                .chain(&a.developers)
                .all(|u| u.name.ends_with(NAME_SUFFIX) && u.email.ends_with(EMAIL_DOMAIN))
        );

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
