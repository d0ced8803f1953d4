//! The demonstration's self-diagnoses: the shipped questionnaire, a few results of fictional
//! associations under fixed links (one redone from another, to show what changed) and a draft
//! with every step open; the first result attached to a message to the structure of the demo's
//! structure account. Running it again changes nothing.

use super::actions::{self, encode};
use super::questionnaire::{Answers, first};
use super::store::{self, NewResult};
use super::{forms, scoring};
use crate::db::{self, Db};
use crate::web::session::hash_token;

/// (link token, the token of the result it was redone from, days ago, answers)
type DemoResult = (&'static str, Option<&'static str>, i64, &'static [(&'static str, &'static [&'static str])]);

/// The links of the demonstration's results, for the page audit: `/diagnostic/resultat/<token>`.
pub const DEMO_RESULTS: &[DemoResult] = &[
    (
        "demo-resultat-jardins-bellecombe",
        None,
        60,
        &[
            ("mail", &["gmail"]),
            ("files", &["google-drive"]),
            ("documents", &["google-docs"]),
            ("calendar", &["google-calendar"]),
            ("video", &["zoom"]),
            ("chat", &["whatsapp"]),
            ("lists", &["mailchimp"]),
            ("forms", &["doodle"]),
            ("events", &["facebook-events"]),
            ("members", &["spreadsheet"]),
            ("website", &["wix"]),
            ("social", &["facebook"]),
            ("size", &["medium"]),
            ("staff", &["volunteers"]),
            ("skill_tools", &["low"]),
            ("skill_help", &["low"]),
            ("skill_data", &["mid"]),
            ("budget", &["none"]),
            ("time", &["little"]),
            ("sensitive", &["minors"]),
            ("worries", &["gdpr", "reluctance"]),
            ("department", &["35"]),
        ],
    ),
    (
        "demo-resultat-jardins-bellecombe-apres",
        Some("demo-resultat-jardins-bellecombe"),
        2,
        &[
            ("mail", &["gmail"]),
            ("files", &["free"]),
            ("documents", &["free"]),
            ("calendar", &["free"]),
            ("video", &["free"]),
            ("chat", &["whatsapp"]),
            ("lists", &["mailchimp"]),
            ("forms", &["free"]),
            ("events", &["facebook-events"]),
            ("members", &["spreadsheet"]),
            ("website", &["wix"]),
            ("social", &["facebook"]),
            ("size", &["medium"]),
            ("staff", &["volunteers"]),
            ("skill_tools", &["mid"]),
            ("skill_help", &["mid"]),
            ("skill_data", &["mid"]),
            ("budget", &["small"]),
            ("time", &["some"]),
            ("sensitive", &["minors"]),
            ("worries", &["reluctance"]),
            ("department", &["35"]),
        ],
    ),
    (
        "demo-resultat-ludotheque-itinerante",
        None,
        10,
        &[
            ("mail", &["outlook"]),
            ("files", &["dropbox"]),
            ("documents", &["office-365"]),
            ("calendar", &["trello"]),
            ("video", &["teams"]),
            ("chat", &["slack"]),
            ("lists", &["google-groups"]),
            ("forms", &["google-forms"]),
            ("events", &["meetup"]),
            ("members", &["helloasso"]),
            ("website", &["google-sites"]),
            ("social", &["instagram"]),
            ("size", &["large"]),
            ("staff", &["few"]),
            ("skill_tools", &["high"]),
            ("skill_help", &["mid"]),
            ("skill_data", &["high"]),
            ("budget", &["some"]),
            ("time", &["plenty"]),
            ("sensitive", &["donations"]),
            ("worries", &["costs"]),
        ],
    ),
];

/// The structure the first result was sent to (its team is the demo's structure account).
const DEMO_SHARED_WITH: &str = "cooperative-libre-horizon";

/// A draft with every step open, for the page audit: `/diagnostic/reponses/<token>/<step>`.
pub const DEMO_DRAFT: &str = "demo-brouillon-diagnostic";

fn answers(pairs: &[(&str, &[&str])]) -> Answers {
    pairs.iter().map(|(k, vs)| ((*k).to_owned(), vs.iter().map(|v| (*v).to_owned()).collect())).collect()
}

/// Seeds the demonstration's results and draft; returns how many results were written.
pub async fn seed_demo(db: &Db) -> anyhow::Result<usize> {
    let version = actions::ensure_questionnaire(db).await?;
    let q = store::questionnaire(db.conn(), version).await?.ok_or_else(|| anyhow::anyhow!("no questionnaire"))?;
    let now = db::now();
    let mut written = 0;
    for (token, previous, days, pairs) in DEMO_RESULTS {
        let a = answers(pairs);
        anyhow::ensure!(forms::first_incomplete(&q, &a).is_none(), "demo result {token} is incomplete");
        let hash = hash_token(token);
        if store::result(db.conn(), &hash).await?.is_some() {
            continue;
        }
        let score = scoring::score(&q, &a);
        let department = first(&a, "department");
        let previous = previous.map(hash_token);
        store::insert_result(
            db.conn(),
            &NewResult {
                hash: &hash,
                version,
                answers: &encode(&a),
                grade: &score.grade,
                score: score.overall,
                department_code: department,
                region_code: crate::geo::departement(department).map(|d| d.region).unwrap_or(""),
                size: first(&a, "size"),
                previous_hash: previous.as_deref(),
                created_at: now - days * 86_400,
            },
        )
        .await?;
        written += 1;
    }
    // The first result, attached to a message to the structure the demo's structure account runs.
    if let Some(s) = crate::directory::structure_by_slug(db, DEMO_SHARED_WITH).await? {
        store::share(db.conn(), &hash_token(DEMO_RESULTS[0].0), s.id).await?;
    }
    let draft = hash_token(DEMO_DRAFT);
    if store::draft(db.conn(), &draft).await?.is_none() {
        let a = answers(&DEMO_RESULTS[0].3[..12]);
        store::insert_draft(db.conn(), &draft, version, &encode(&a), q.steps(), None).await?;
    }
    Ok(written)
}
