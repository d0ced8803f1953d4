//! The self-diagnosis: five steps of plain form posts with the answers kept server-side under
//! the link's token (never a cookie), messages next to the questions with the answers kept,
//! going back, the private result with its table, plan and structures, the Markdown download,
//! changing the answers and seeing what changed, the purge.

use reqwest::StatusCode;

use crate::harness::{Client, TestApp};

type Answers = &'static [(&'static str, &'static str)];

pub(crate) const STEP_1: Answers = &[
    ("mail", "gmail"),
    ("files", "google-drive"),
    ("documents", "google-docs"),
    ("calendar", "free"),
    ("video", "zoom"),
    ("chat", "whatsapp"),
];
pub(crate) const STEP_2: Answers = &[
    ("lists", "none"),
    ("forms", "doodle"),
    ("events", "facebook-events"),
    ("members", "spreadsheet"),
    ("website", "other"),
    ("social", "facebook"),
];
pub(crate) const STEP_3: Answers =
    &[("size", "small"), ("staff", "volunteers"), ("skill_tools", "low"), ("skill_help", "low"), ("skill_data", "low")];
pub(crate) const STEP_4: Answers =
    &[("budget", "none"), ("time", "little"), ("sensitive", "none"), ("worries", "gdpr"), ("worries", "reluctance")];

pub(crate) async fn refresh(app: &TestApp) {
    app.state.directory.refresh().await.expect("refresh");
}

/// Starts a diagnosis; returns the path of its first step.
pub(crate) async fn start(client: &Client) -> String {
    let page = client.post_form("/diagnostic", &[]).await;
    page.assert_redirect_to("/diagnostic/reponses/");
    let step = unprefixed(&page.location());
    assert!(step.ends_with("/1"), "{step}");
    step
}

/// "/diagnostic/reponses/TOKEN/1" → "/diagnostic/reponses/TOKEN/2".
pub(crate) fn step_path(first: &str, n: usize) -> String {
    format!("{}/{n}", first.rsplit_once('/').expect("a step path").0)
}

/// Answers every step from `first`, the last with `department`; returns the result's path.
pub(crate) async fn answer_all(client: &Client, first: &str, department: &str) -> String {
    for (i, answers) in [STEP_1, STEP_2, STEP_3, STEP_4].iter().enumerate() {
        let page = client.post_form(&step_path(first, i + 1), answers).await;
        page.assert_redirect_to(&step_path(first, i + 2));
    }
    let page = client.post_form(&step_path(first, 5), &[("department", department)]).await;
    page.assert_redirect_to("/diagnostic/resultat/");
    unprefixed(&page.location())
}

/// A redirect's target without the language prefix, as the journeys name paths.
pub(crate) fn unprefixed(location: &str) -> String {
    location.strip_prefix("/en").filter(|rest| rest.starts_with('/')).unwrap_or(location).to_owned()
}

/// Each structure of a result: its name and why it fits.
fn fitting(page: &crate::harness::Page) -> Vec<String> {
    let names = texts(page, "#structures li h3");
    names.into_iter().zip(texts(page, "#structures li .why")).map(|(n, w)| format!("{n} {w}")).collect()
}

pub(crate) fn texts(page: &crate::harness::Page, css: &str) -> Vec<String> {
    let doc = page.doc();
    let sel = scraper::Selector::parse(css).expect("selector");
    doc.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[tokio::test]
async fn an_association_answers_five_steps_and_gets_its_result_behind_a_private_link() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.listed_structure("pres", "Les Voisins Libres (fictifs)")
        .areas(&[("departement", "35")])
        .terms(&[("software", "nextcloud"), ("software", "mobilizon")])
        .await;
    seed.listed_structure("a-distance", "Le Libre à Distance (fictif)")
        .located("13055", "13001")
        .remote()
        .recommended(4)
        .terms(&[("software", "nextcloud"), ("service", "formation-utilisateurs")])
        .await;
    seed.listed_structure("hors-sujet", "Hors Sujet (fictif)").terms(&[("software", "dolibarr")]).await;
    refresh(&app).await;
    let visitor = app.client();

    let intro = visitor.get("/diagnostic").await;
    intro.assert_status(StatusCode::OK).assert_contains("Autodiagnostic numérique");
    assert!(intro.set_cookies().is_empty());
    assert_eq!(intro.attr("header .main-nav a[href=\"/diagnostic\"]", "aria-current").as_deref(), Some("page"));

    let first = start(&visitor).await;
    let page = visitor.get(&first).await;
    page.assert_status(StatusCode::OK).assert_contains("Étape 1 sur 5").assert_contains("Vos outils de travail");
    assert!(page.set_cookies().is_empty(), "no cookie: the draft is in the link");
    assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
    assert_eq!(page.attr("progress", "value").as_deref(), Some("1"));
    // A step not reached yet sends back to the step the draft is at.
    visitor.get(&step_path(&first, 3)).await.assert_redirect_to(&first);

    let result = answer_all(&visitor, &first, "35").await;
    // The draft is gone once the result is made.
    visitor.get(&first).await.assert_status(StatusCode::NOT_FOUND);

    let page = visitor.get(&result).await;
    page.assert_status(StatusCode::OK).assert_contains("Résultat de votre autodiagnostic");
    assert!(page.set_cookies().is_empty());
    assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
    assert_eq!(page.header("x-robots-tag").as_deref(), Some("noindex, nofollow"));
    // It says when it goes (365 days by default).
    let gone = chrono::Utc::now() + chrono::Duration::days(365);
    page.assert_contains(&format!("Il sera supprimé le {}", emancipasso::web::Lang::Fr.date(gone.timestamp())));
    // Scores: collaboration: files 1, documents 1, calendar 3, video 1, of 3 each → 50 %; data:
    // calendar 3 and "no sensitive data" 3 of 36 → 17 %; autonomy: time 1 and reluctance 1 of
    // 14 → 14 %; costs: nothing but Big Tech → 0 %. The table says the same as the bars.
    let rows = texts(&page, "#profil tbody tr");
    assert_eq!(
        rows,
        [
            "Collaboration 50 % C",
            "Communication 33 % E",
            "Données et RGPD 17 % E",
            "Autonomie et compétences 14 % E",
            "Coûts et dépendance 0 % E",
            "Ensemble 23 % E"
        ]
    );
    assert_eq!(page.select_text(".grade").as_deref(), Some("E"));
    assert_eq!(page.attr("#profil .bar-fill", "class").as_deref(), Some("bar-fill w50"));
    assert_eq!(page.attr("#profil .overall .bar-fill", "class").as_deref(), Some("bar-fill w20 weak"));
    assert!(!page.body.contains("style="), "no inline style");
    // One sentence of why and what next per weak point.
    let weak = texts(&page, "#points-faibles h3");
    assert_eq!(weak, ["Communication", "Données et RGPD", "Autonomie et compétences", "Coûts et dépendance"]);
    // The plan, tool by tool, the easiest first with few skills and little time.
    let tools = texts(&page, "#plan h3");
    assert_eq!(tools[0], "Au lieu de Gmail");
    assert_eq!(texts(&page, "#plan .diagnosis-tool .meta")[0], "Pour vos courriels, vous utilisez surtout");
    assert!(tools.iter().any(|t| t == "Au lieu de Doodle"), "{tools:?}");
    assert!(!tools.iter().any(|t| t.contains("Un logiciel libre")), "free tools need no plan");
    let mail = texts(&page, "#plan .diagnosis-tool:first-of-type li");
    assert!(mail[0].starts_with("Thunderbird Facile Gratuit"), "{mail:?}");
    assert!(mail[1].contains("Faites-vous accompagner pour la mise en place"), "{mail:?}");
    assert!(mail[1].contains("demandez un prix libre ou mutualisez"), "{mail:?}");
    page.assert_contains("changez un outil à la fois");
    assert_eq!(
        page.attr("#plan a[href=\"/annuaire?logiciel=nextcloud\"]", "href").as_deref(),
        Some("/annuaire?logiciel=nextcloud")
    );
    // The structures that fit, the nearby one first, explained in words.
    let structures = fitting(&page);
    assert_eq!(
        structures,
        [
            "Les Voisins Libres (fictifs) Intervient dans votre département, maîtrise Nextcloud et Mobilizon, 1 recommandation.",
            "Le Libre à Distance (fictif) Accompagne à distance, maîtrise Nextcloud, propose formation des utilisateur·ices, \
             4 recommandations."
        ]
    );
    page.assert_lacks("Hors Sujet");

    // The same in English, at the /en address.
    let english = app.client_en();
    let page = english.get(&result).await;
    page.assert_status(StatusCode::OK).assert_contains("Your self-assessment result");
    let structures = fitting(&page);
    assert_eq!(
        structures[0],
        "Les Voisins Libres (fictifs) Works in your department, knows Nextcloud and Mobilizon, 1 recommendation."
    );

    // The Markdown download.
    let md = visitor.get(&format!("{result}/markdown")).await;
    md.assert_status(StatusCode::OK);
    assert_eq!(md.header("content-type").as_deref(), Some("text/markdown; charset=utf-8"));
    assert!(md.header("content-disposition").is_some_and(|d| d.starts_with("attachment")));
    assert!(md.body.starts_with("# Résultat de votre autodiagnostic\n"), "{}", md.body);
    for line in [
        "Note globale E (23 sur 100).",
        "| Collaboration | 50 % | C |",
        "## Votre plan outil par outil",
        "### Au lieu de Gmail\n\nPour vos courriels, vous utilisez surtout\n",
        "Intervient dans votre département, maîtrise Nextcloud et Mobilizon, 1 recommandation.",
        &format!("{}{result}", app.config.base()),
        &format!("({}/annuaire/pres)", app.config.base()),
    ] {
        assert!(md.body.contains(line), "{line:?} not in:\n{}", md.body);
    }

    // Links that are no result are the not-found page.
    for path in [
        "/diagnostic/resultat/pas-un-vrai-jeton-du-tout",
        "/diagnostic/resultat/x",
        "/diagnostic/reponses/inconnu-inconnu-inconnu/1",
    ] {
        visitor.get(path).await.assert_status(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn missing_and_bad_answers_are_refused_next_to_the_question_with_the_answers_kept() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let first = start(&visitor).await;

    // Half the step: 422, each missing question says so, what was chosen stays chosen.
    let page = visitor.post_form(&first, &STEP_1[..3]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_field_error("calendar", "Choisissez une réponse.");
    page.assert_field_error("chat", "Choisissez une réponse.");
    page.assert_no_field_error("mail");
    assert!(page.attr("#f-mail-gmail", "checked").is_some(), "the answer is kept");
    assert!(page.attr("#f-files-google-drive", "checked").is_some(), "the answer is kept");
    assert_eq!(texts(&page, ".error-summary li").len(), 3);
    assert!(page.set_cookies().is_empty());

    // A value no choice has.
    let mut bad = STEP_1.to_vec();
    bad[0] = ("mail", "pigeon-voyageur");
    let page = visitor.post_form(&first, &bad).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_field_error("mail", "Ce choix n'existe pas");
    assert!(page.attr("#f-chat-whatsapp", "checked").is_some());

    // Nothing was kept of the refused posts: the step is still the first.
    visitor.get(&step_path(&first, 2)).await.assert_redirect_to(&first);
    visitor.post_form(&first, STEP_1).await.assert_redirect_to(&step_path(&first, 2));
    visitor.post_form(&step_path(&first, 2), STEP_2).await.assert_redirect_to(&step_path(&first, 3));
    visitor.post_form(&step_path(&first, 3), STEP_3).await.assert_redirect_to(&step_path(&first, 4));

    // "None" with another answer, and nothing ticked.
    let page = visitor
        .post_form(
            &step_path(&first, 4),
            &[("budget", "none"), ("time", "little"), ("sensitive", "none"), ("sensitive", "health")],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_field_error("sensitive", "ne va pas avec une autre réponse");
    page.assert_field_error("worries", "Cochez au moins une réponse");
    assert!(page.attr("#f-sensitive-health", "checked").is_some());
    assert!(page.attr("#f-sensitive-none", "checked").is_some());
    visitor.post_form(&step_path(&first, 4), STEP_4).await.assert_redirect_to(&step_path(&first, 5));

    // A department that does not exist; leaving it out is fine.
    let page = visitor.post_form(&step_path(&first, 5), &[("department", "999")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_field_error("department", "Ce département n'existe pas");
    let page = visitor.post_form(&step_path(&first, 5), &[("department", "")]).await;
    page.assert_redirect_to("/diagnostic/resultat/");

    // In English, the messages are English.
    let english = app.client_en();
    let first = start(&english).await;
    let page = english.post_form(&first, &STEP_1[..5]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_field_error("chat", "Choose an answer.");
}

#[tokio::test]
async fn going_back_changes_an_answer_and_a_redone_diagnosis_says_what_changed() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let first = start(&visitor).await;
    visitor.post_form(&first, STEP_1).await.assert_redirect_to(&step_path(&first, 2));
    visitor.post_form(&step_path(&first, 2), STEP_2).await.assert_redirect_to(&step_path(&first, 3));

    // Back to the first step: the answers are there, and the steps reached are links.
    let page = visitor.get(&step_path(&first, 3)).await;
    assert_eq!(page.attr(".actions-row a", "href"), Some(step_path(&first, 2)));
    assert_eq!(page.attr(".diagnosis-progress li.done a", "href"), Some(first.clone()));
    let page = visitor.get(&first).await;
    assert!(page.attr("#f-chat-whatsapp", "checked").is_some());
    let mut changed = STEP_1.to_vec();
    changed[5] = ("chat", "free");
    visitor.post_form(&first, &changed).await.assert_redirect_to(&step_path(&first, 2));
    let page = visitor.get(&first).await;
    assert!(page.attr("#f-chat-free", "checked").is_some());
    assert!(page.attr("#f-chat-whatsapp", "checked").is_none());
    // The later answers are still there.
    assert!(visitor.get(&step_path(&first, 2)).await.attr("#f-forms-doodle", "checked").is_some());
    visitor.post_form(&step_path(&first, 2), STEP_2).await;
    visitor.post_form(&step_path(&first, 3), STEP_3).await;
    visitor.post_form(&step_path(&first, 4), STEP_4).await;
    let page = visitor.post_form(&step_path(&first, 5), &[("department", "35")]).await;
    let result = unprefixed(&page.location());
    let before = visitor.get(&result).await;
    assert!(!texts(&before, "#plan h3").iter().any(|t| t.contains("WhatsApp")));
    before.assert_lacks("Lors du diagnostic précédent");

    // Change the answers of the result: a new draft holds them, every step open.
    let page = visitor.submit(&result, &format!("{result}/modifier"), &[]).await;
    page.assert_redirect_to("/diagnostic/reponses/");
    let again = unprefixed(&page.location());
    assert_ne!(step_path(&again, 1), first);
    let step3 = visitor.get(&step_path(&again, 3)).await;
    step3.assert_status(StatusCode::OK);
    assert!(step3.attr("#f-skill_tools-low", "checked").is_some());
    // Better skills now; straight to the last step and the new result.
    visitor
        .post_form(
            &step_path(&again, 3),
            &[
                ("size", "small"),
                ("staff", "volunteers"),
                ("skill_tools", "high"),
                ("skill_help", "high"),
                ("skill_data", "high"),
            ],
        )
        .await
        .assert_redirect_to(&step_path(&again, 4));
    let page = visitor.post_form(&step_path(&again, 5), &[("department", "35")]).await;
    let redone = unprefixed(&page.location());
    assert_ne!(redone, result);
    let page = visitor.get(&redone).await;
    let before = page.select_text(".diagnosis-result > .notice").expect("what the previous result said");
    assert!(before.starts_with("Lors du diagnostic précédent") && before.contains("note E (27 sur 100)"), "{before}");
    let rows = texts(&page, "#profil tbody tr");
    // Skills 0 → 3 on three questions: autonomy from 14 to 71, the whole from 27 to 40.
    for row in ["Autonomie et compétences 71 % B +57", "Communication 47 % D 0", "Ensemble 40 % D +13"] {
        assert!(rows.iter().any(|r| r == row), "{row:?} not in {rows:?}");
    }
    // Both results stay reachable at their own links.
    visitor.get(&result).await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn nothing_listed_nearby_falls_back_to_remote_structures_and_says_so() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.listed_structure("rennes", "Rennes Libre (fictive)")
        .areas(&[("departement", "35")])
        .terms(&[("software", "nextcloud")])
        .await;
    seed.listed_structure("partout", "Partout en France (fictive)")
        .located("13055", "13001")
        .national()
        .terms(&[("software", "mobilizon")])
        .await;
    refresh(&app).await;
    let visitor = app.client();
    let first = start(&visitor).await;
    // An association in the Nord: the Rennes structure is not near.
    let result = answer_all(&visitor, &first, "59").await;
    let page = visitor.get(&result).await;
    let note = page.select_text("#structures .notice").expect("a note");
    assert!(note.starts_with("Aucune structure de l'annuaire n'intervient encore près de chez vous"), "{note}");
    assert_eq!(
        fitting(&page),
        ["Partout en France (fictive) Intervient dans toute la France, maîtrise Mobilizon, 1 recommandation."]
    );
}

#[tokio::test]
async fn drafts_and_results_are_purged_after_the_configured_time() {
    let app = TestApp::spawn_with(|c| {
        c.diagnosis_draft_days = 2;
        c.diagnosis_result_days = 30;
    })
    .await;
    let visitor = app.client();
    let first = start(&visitor).await;
    let result = answer_all(&visitor, &first, "35").await;
    let draft = start(&visitor).await;

    // A day later nothing goes; past the times, both go.
    app.seed().age_diagnoses(1).await;
    emancipasso::diagnosis::purge(&app.db, &app.config).await.expect("purge");
    visitor.get(&result).await.assert_status(StatusCode::OK);
    visitor.get(&draft).await.assert_status(StatusCode::OK);
    app.seed().age_diagnoses(3).await;
    emancipasso::diagnosis::purge(&app.db, &app.config).await.expect("purge");
    visitor.get(&draft).await.assert_status(StatusCode::NOT_FOUND);
    visitor.get(&result).await.assert_status(StatusCode::OK);
    app.seed().age_diagnoses(31).await;
    emancipasso::diagnosis::purge(&app.db, &app.config).await.expect("purge");
    visitor.get(&result).await.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_result_attached_to_a_contact_request_is_seen_by_that_structure_only() {
    let app = TestApp::spawn_with(|c| c.form_min_seconds = 0).await;
    let seed = app.seed();
    let host = seed
        .listed_structure("pres", "Les Voisins Libres (fictifs)")
        .areas(&[("departement", "35")])
        .terms(&[("software", "nextcloud")])
        .contact_email("contact@voisins.example")
        .member("equipe@voisins.example")
        .await;
    let other = seed.listed_structure("autre", "Une Autre (fictive)").member("equipe@autre.example").await;
    refresh(&app).await;
    let visitor = app.client();
    let first = start(&visitor).await;
    let result = answer_all(&visitor, &first, "35").await;
    let token = result.rsplit('/').next().expect("a token").to_owned();

    // The result links to each structure's contact form with the result to attach.
    let page = visitor.get(&result).await;
    let link = page.attr("#structures li a[href*=\"joindre\"]", "href").expect("a contact link");
    assert_eq!(link, format!("/annuaire/pres?joindre={token}#contact"));
    let profile = visitor.get(&link).await;
    profile.assert_status(StatusCode::OK);
    assert_eq!(profile.attr("#f-joindre", "value"), Some(token.clone()));
    assert!(profile.attr("#f-joindre", "checked").is_some());
    assert!(profile.set_cookies().is_empty());
    // A token that names no result offers nothing to attach.
    let page = visitor.get("/annuaire/pres?joindre=pas-un-resultat-du-tout").await;
    assert!(page.attr("#f-joindre", "value").is_none());

    // A refused message keeps the box; then the message goes with the result.
    // The box is ticked: a browser sends it.
    let fields = [
        ("name", "Les Jardins (fictifs)"),
        ("email", "bureau@jardins.example"),
        ("message", "Court"),
        ("joindre", &token),
    ];
    let page = visitor.submit(&link, &host.contact_url(), &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.attr("#f-joindre", "value"), Some(token.clone()));
    let message = "Bonjour, voici notre diagnostic : pouvez-vous nous aider à quitter Google Drive ?";
    let fields = [
        ("name", "Les Jardins (fictifs)"),
        ("email", "bureau@jardins.example"),
        ("message", message),
        ("joindre", &token),
    ];
    visitor.submit(&link, &host.contact_url(), &fields).await.assert_status(StatusCode::SEE_OTHER);
    let mail = app.only_mail_to("contact@voisins.example").await;
    assert!(mail.body.contains(message), "{}", mail.body);
    assert!(mail.body.contains("a joint son autodiagnostic"), "{}", mail.body);
    assert!(!mail.body.contains(&token), "the private link stays private");
    let shared_path = mail
        .body
        .split_whitespace()
        .find_map(|w| w.strip_prefix(app.config.base()))
        .filter(|p| p.starts_with("/espace/structure/diagnostics/"))
        .expect("a link to the workspace")
        .to_owned();

    // The structure's team sees it behind its account; nobody else does.
    let team = app.sign_in_as("equipe@voisins.example").await;
    let list = team.get("/espace/structure/diagnostics").await;
    list.assert_status(StatusCode::OK);
    assert_eq!(list.attr("tbody a", "href"), Some(shared_path.clone()));
    assert_eq!(list.select_text("tbody td").as_deref(), Some("E (23 %)"));
    let page = team.get(&shared_path).await;
    page.assert_status(StatusCode::OK).assert_contains("Une association a joint ce résultat");
    assert_eq!(texts(&page, "#profil tbody tr").last().map(String::as_str), Some("Ensemble 23 % E"));
    page.assert_lacks(&token);
    assert!(page.attr("form[action$=\"/modifier\"]", "action").is_none(), "no action on the association's result");

    let stranger = app.sign_in_as("equipe@autre.example").await;
    stranger.get(&shared_path).await.assert_status(StatusCode::NOT_FOUND);
    assert!(stranger.get("/espace/structure/diagnostics").await.attr("tbody a", "href").is_none());
    // Without an account: the sign-in page first.
    visitor.get(&shared_path).await.assert_redirect_to("/compte/connexion");
    assert!(app.mails_to("equipe@autre.example").await.is_empty() && other.slug == "autre");

    // Sending it again to the same structure attaches the same result once.
    visitor.submit(&link, &host.contact_url(), &fields).await.assert_status(StatusCode::SEE_OTHER);
    let list = team.get("/espace/structure/diagnostics").await;
    assert_eq!(texts(&list, "tbody tr").len(), 1);
}
