//! What visitors trust an approved structure by (name, pitch, description, web site, contact
//! address, CHATONS membership) does not change behind the moderators' back: each change shows
//! in the moderation queue, field by field, until a moderator accepts it or restores the
//! reviewed version (the team receives the reason). Decisions on a structure that changed since
//! the moderator saw it are refused.

use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::harness::{Client, Page, TestApp};

const TEAM: &str = "equipe@nuages.example";
const WORKSPACE: &str = "/espace/structure";
const NAME: &str = "Les Nuages Solidaires (fictif)";
const PROFILE_URL: &str = "/annuaire/les-nuages-solidaires-fictif";
const PROFILE: &[(&str, &str)] = &[
    ("name", NAME),
    ("pitch", "Hébergement Nextcloud et formations pour les associations bretonnes."),
    ("description", "Nous sommes une association rennaise."),
    ("legal_form", "association"),
    ("chatons_member", "oui"),
    ("chatons_url", "https://www.chatons.org/chatons/nuages"),
    ("website", "https://nuages.example"),
    ("contact_email", "contact@nuages.example"),
    ("postcode", "35000"),
    ("commune", ""),
    ("regions", "53"),
    ("services", "diagnostic"),
    ("software", "nextcloud"),
    ("pricing", "prix-libre"),
    ("price_info", "Diagnostic : 150 euros."),
    ("languages", "fr"),
];

/// The profile with some fields changed.
fn with<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> =
        PROFILE.iter().copied().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).collect();
    fields.extend(changes.iter().copied().filter(|(_, v)| !v.is_empty()));
    fields
}

async fn save(team: &Client, changes: &[(&str, &str)]) -> Page {
    let page = team.submit(WORKSPACE, WORKSPACE, &with(changes)).await;
    page.assert_redirect_to(WORKSPACE);
    page
}

async fn decide(moderator: &Client, action: &str, decision: &str, reason: &str) -> Page {
    moderator.submit("/moderation", action, &[("decision", decision), ("reason", reason)]).await
}

/// A decision posted with the form of a queue page loaded earlier.
async fn decide_from(moderator: &Client, queue: &Page, action: &str, decision: &str) -> Page {
    let hidden = queue.hidden_inputs(action);
    let mut fields: Vec<(&str, &str)> = hidden.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    fields.push(("decision", decision));
    moderator.post_raw(action, &fields).await
}

fn text(page: &Page) -> String {
    page.doc().root_element().text().collect()
}

async fn profile(app: &TestApp) -> Page {
    app.state.directory.refresh().await.expect("refresh");
    let page = app.client().get(PROFILE_URL).await;
    page.assert_status(StatusCode::OK);
    page
}

#[tokio::test]
async fn changes_to_an_approved_structure_wait_in_the_queue_with_what_changed() {
    let app = TestApp::spawn().await;
    let (team, _) = app.signed_in(TEAM, &[]).await;
    save(&team, &[]).await;
    team.submit(WORKSPACE, "/espace/structure/soumettre", &[]).await.assert_redirect_to(WORKSPACE);
    let id = app.team_structure_id(TEAM).await;
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;

    // The team changes its profile while a moderator reads the queue: the approval of what the
    // moderator saw is refused.
    let approve = format!("/moderation/structures/{id}");
    let queue = moderator.get("/moderation").await;
    const PITCH: &str = "Hébergement et formations, écrits après l'ouverture de la file.";
    save(&team, &[("pitch", PITCH)]).await;
    let page = decide_from(&moderator, &queue, &approve, "approuver").await;
    page.assert_status(StatusCode::CONFLICT);
    assert!(text(&page).contains("a changé depuis que vous avez ouvert la file"), "{}", page.body);
    assert_eq!(app.count("SELECT COUNT(*) FROM structures WHERE status = 'approved'").await, 0);
    decide(&moderator, &approve, "approuver", "").await.assert_redirect_to("/moderation");
    app.seed().recommendation(id).await;
    profile(&app).await.assert_contains(NAME);

    // Changes of the fields visitors trust are live, and wait for a look.
    const SPAM_NAME: &str = "Liens Sponsorisés (fictif)";
    let page = save(&team, &[("pitch", PITCH), ("name", SPAM_NAME), ("website", "https://spam.example")]).await;
    let shown = team.follow(&page).await;
    assert!(text(&shown).contains("seront relues par l'équipe de modération"), "{}", shown.body);
    let queue = moderator.get("/moderation").await;
    let said = text(&queue);
    assert!(said.contains("Fiches modifiées depuis leur validation (1)"), "{said}");
    for shown in [NAME, SPAM_NAME, "https://nuages.example", "https://spam.example"] {
        assert!(said.contains(shown), "{shown:?} not in the queue:\n{said}");
    }

    // Changed again meanwhile: the moderator's decision on what they saw is refused.
    let changes = format!("/moderation/structures/{id}/modifications");
    save(
        &team,
        &[
            ("pitch", PITCH),
            ("name", SPAM_NAME),
            ("website", "https://spam.example"),
            ("contact_email", "boite@spam.example"),
        ],
    )
    .await;
    let page = decide_from(&moderator, &queue, &changes, "accepter").await;
    page.assert_status(StatusCode::CONFLICT);
    assert!(text(&page).contains("boite@spam.example"), "{}", page.body);

    // Reverting needs a reason, which the team receives; the reviewed profile is back.
    decide(&moderator, &changes, "retablir", "").await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    const REASON: &str = "Le nouveau site ne correspond pas à la structure validée.";
    decide(&moderator, &changes, "retablir", REASON).await.assert_redirect_to("/moderation");
    let page = profile(&app).await;
    page.assert_contains(NAME).assert_lacks(SPAM_NAME).assert_lacks("spam.example");
    assert!(text(&page).contains(PITCH), "{}", page.body);
    let mail = app.last_mail_to(TEAM).await;
    assert!(mail.subject.contains("sont annulées") && mail.body.contains(REASON), "{mail:?}");
    assert!(app.mails_to("boite@spam.example").await.is_empty());
    assert!(!text(&moderator.get("/moderation").await).contains("Fiches modifiées depuis leur validation ("));

    // A change accepted stays and leaves the queue; other fields need no look.
    const NEW_PITCH: &str = "Hébergement Nextcloud, formations et accompagnement en Bretagne.";
    save(&team, &[("pitch", NEW_PITCH)]).await;
    decide(&moderator, &changes, "accepter", "").await.assert_redirect_to("/moderation");
    assert!(text(&profile(&app).await).contains(NEW_PITCH));
    let page = save(&team, &[("pitch", NEW_PITCH), ("languages", "en")]).await;
    assert!(!text(&team.follow(&page).await).contains("seront relues"));
    assert!(!text(&moderator.get("/moderation").await).contains("Fiches modifiées depuis leur validation ("));
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'structure.changes.revert'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'structure.changes.accept'").await, 1);
    // Prices are public text too: a change of them is shown to the moderators.
    const PRICES: &str = "Diagnostic gratuit, puis voir https://spam.example/tarifs";
    let page = save(&team, &[("pitch", NEW_PITCH), ("languages", "en"), ("price_info", PRICES)]).await;
    assert!(text(&team.follow(&page).await).contains("seront relues"));
    let queue = moderator.get("/moderation").await;
    assert!(text(&queue).contains("Fiches modifiées depuis leur validation (1)"), "{}", text(&queue));
    queue.assert_contains(PRICES).assert_contains("Diagnostic : 150 euros.");
    decide(&moderator, &changes, "retablir", "Lien publicitaire.").await.assert_redirect_to("/moderation");
    assert!(text(&profile(&app).await).contains("Diagnostic : 150 euros."));
}

#[tokio::test]
async fn a_new_logo_of_an_approved_structure_shows_in_the_queue_and_can_be_taken_back() {
    let app = TestApp::spawn().await;
    let (team, _) = app.signed_in(TEAM, &[]).await;
    save(&team, &[]).await;
    crate::workspace::upload(&team, crate::workspace::png(200, 100), "avant.png").await.assert_redirect_to(WORKSPACE);
    team.submit(WORKSPACE, "/espace/structure/soumettre", &[]).await.assert_redirect_to(WORKSPACE);
    let id = app.team_structure_id(TEAM).await;
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    decide(&moderator, &format!("/moderation/structures/{id}"), "approuver", "")
        .await
        .assert_redirect_to("/moderation");
    app.seed().recommendation(id).await;
    let before = profile(&app).await.attr("main img[src^=\"/medias/logos/\"]", "src").expect("the first logo");

    let page = crate::workspace::upload(&team, crate::workspace::png(300, 300), "apres.png").await;
    page.assert_redirect_to(WORKSPACE);
    assert!(text(&team.follow(&page).await).contains("Il sera vu par l'équipe de modération"));
    let after = profile(&app).await.attr("main img[src^=\"/medias/logos/\"]", "src").expect("the new logo");
    assert_ne!(before, after, "the new logo is live");
    let queue = moderator.get("/moderation").await;
    assert!(text(&queue).contains("Fiches modifiées depuis leur validation (1)"), "{}", queue.body);
    queue.assert_contains(&format!("src=\"{before}\"")).assert_contains(&format!("src=\"{after}\""));

    let changes = format!("/moderation/structures/{id}/modifications");
    decide(&moderator, &changes, "retablir", "Logo d'une autre marque.").await.assert_redirect_to("/moderation");
    let restored = profile(&app).await.attr("main img[src^=\"/medias/logos/\"]", "src").expect("a logo");
    assert_eq!(restored, before);
    app.client().get(&before).await.assert_status(StatusCode::OK);
}
