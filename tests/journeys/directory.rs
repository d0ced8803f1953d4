//! The directory: listing rule, French-aware search and facets, profiles, contact relay.

use emancipasso::directory::{self, StructureStatus};
use reqwest::StatusCode;

use crate::harness::TestApp;

pub(crate) async fn refresh(app: &TestApp) {
    app.state.directory.refresh().await.expect("refresh");
}

#[tokio::test]
async fn only_approved_recommended_and_fresh_structures_are_listed() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.listed_structure("listee", "Structure Listée (fictive)").await;
    let unrecommended = seed.structure("sans-reco", "Sans Recommandation (fictive)").await;
    seed.structure("brouillon", "Brouillon (fictif)").status(StructureStatus::Draft).recommended(2).await;
    seed.structure("en-attente", "En Attente (fictive)").status(StructureStatus::Pending).recommended(2).await;
    seed.structure("perimee", "Périmée (fictive)").confirmed_months_ago(13).recommended(3).await;
    refresh(&app).await;

    let visitor = app.client();
    let page = visitor.get("/annuaire").await;
    page.assert_status(StatusCode::OK).assert_contains("Structure Listée").assert_contains("1 structure");
    for hidden in ["Sans Recommandation", "Brouillon", "En Attente", "Périmée"] {
        page.assert_lacks(hidden);
    }
    visitor.get("/annuaire/listee").await.assert_status(StatusCode::OK);
    for slug in ["sans-reco", "brouillon", "en-attente", "perimee", "inconnue"] {
        visitor.get(&format!("/annuaire/{slug}")).await.assert_status(StatusCode::NOT_FOUND);
    }

    // A recommendation later, and the structure is listed.
    directory::publish_recommendation(&app.db, unrecommended.id, "Les Amis du Libre (fictifs)", "Très bien.")
        .await
        .unwrap();
    refresh(&app).await;
    visitor.get("/annuaire/sans-reco").await.assert_status(StatusCode::OK).assert_contains("Les Amis du Libre");
}

#[tokio::test]
async fn the_number_of_recommendations_needed_is_a_setting() {
    let app = TestApp::spawn_with(|c| c.listing_min_recommendations = 2).await;
    app.seed().listed_structure("une", "Une Reco (fictive)").await;
    app.seed().structure("deux", "Deux Recos (fictive)").recommended(2).await;
    refresh(&app).await;
    let page = app.client().get("/annuaire").await;
    page.assert_contains("Deux Recos").assert_lacks("Une Reco");
}

#[tokio::test]
async fn search_ignores_accents_plurals_and_typos() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.listed_structure("nuage", "Nuage Fédéré (fictif)")
        .description("Hébergement Nextcloud pour les fédérations sportives.")
        .terms(&[("software", "nextcloud"), ("service", "installation-hebergement")])
        .await;
    seed.listed_structure("forme", "Formateurs Libres (fictifs)")
        .located("13055", "13001")
        .description("Nous formons les bénévoles aux outils libres.")
        .terms(&[("service", "formation-utilisateurs"), ("software", "paheko")])
        .await;
    refresh(&app).await;
    let visitor = app.client();

    for (q, found, absent) in [
        ("nextclou", "Nuage Fédéré", "Formateurs Libres"),
        ("NEXTCLOUD", "Nuage Fédéré", "Formateurs Libres"),
        ("federation", "Nuage Fédéré", "Formateurs Libres"),
        ("formation des bénévoles", "Formateurs Libres", "Nuage Fédéré"),
        ("benevole formations", "Formateurs Libres", "Nuage Fédéré"),
    ] {
        let page = visitor.get(&format!("/annuaire?q={}", urlencode(q))).await;
        page.assert_status(StatusCode::OK).assert_contains(found).assert_lacks(absent);
        page.assert_field_value("q", q);
    }
    let none = visitor.get("/annuaire?q=zzzzqqq").await;
    none.assert_contains("Aucune structure ne correspond");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_postcode_or_department_finds_local_national_and_remote_structures() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.listed_structure("rennes", "Rennaise (fictive)").areas(&[("departement", "35")]).await;
    seed.listed_structure("breizh", "Bretonne (fictive)").located("29019", "29200").areas(&[("region", "53")]).await;
    seed.listed_structure("partout", "Nationale (fictive)").located("75056", "75001").national().await;
    seed.listed_structure("distance", "À Distance (fictive)").located("69123", "69001").remote().await;
    seed.listed_structure("marseille", "Marseillaise (fictive)")
        .located("13055", "13001")
        .areas(&[("departement", "13")])
        .await;
    refresh(&app).await;
    let visitor = app.client();
    for q in ["35000", "35", "Ille-et-Vilaine", "ille et vilaine"] {
        let page = visitor.get(&format!("/annuaire?q={}", urlencode(q))).await;
        page.assert_contains("Rennaise")
            .assert_contains("Bretonne")
            .assert_contains("Nationale")
            .assert_contains("À Distance");
        page.assert_lacks("Marseillaise").assert_contains("4 structures");
    }
    let page = visitor.get("/annuaire?q=13001").await;
    page.assert_contains("Marseillaise").assert_lacks("Rennaise").assert_contains("3 structures");
    // A region filter from the facets: local ones plus those working everywhere.
    let page = visitor.get("/annuaire?region=53").await;
    page.assert_contains("Rennaise").assert_contains("Bretonne").assert_lacks("Marseillaise");
    // Remote only.
    let page = visitor.get("/annuaire?a_distance=oui").await;
    page.assert_contains("À Distance").assert_contains("1 structure").assert_lacks("Rennaise");
}

#[tokio::test]
async fn filters_combine_show_counts_and_stay_plain_urls() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.structure("a", "Alpha (fictive)")
        .terms(&[("software", "nextcloud"), ("service", "diagnostic")])
        .chatons("")
        .recommended(2)
        .await;
    seed.structure("b", "Bravo (fictive)")
        .terms(&[("software", "nextcloud"), ("service", "developpement")])
        .legal_form("cooperative")
        .recommended(1)
        .await;
    seed.structure("c", "Charlie (fictive)")
        .terms(&[("software", "paheko"), ("service", "diagnostic")])
        .recommended(3)
        .await;
    refresh(&app).await;
    let visitor = app.client();

    let page = visitor.get("/annuaire").await;
    page.assert_contains("3 structures");
    // Facet counts, and each option is a link that adds the filter.
    let link = page.attr("a[href=\"/annuaire?logiciel=nextcloud\"]", "href").expect("facet link");
    assert!(page.select_text("a[href=\"/annuaire?logiciel=nextcloud\"]").unwrap().contains("Nextcloud (2)"));
    // Sorted by recommendations by default.
    let order: Vec<usize> = ["Charlie", "Alpha", "Bravo"].iter().map(|n| page.body.find(n).unwrap()).collect();
    assert!(order[0] < order[1] && order[1] < order[2]);

    let page = visitor.get(&link).await;
    page.assert_contains("2 structures").assert_lacks("Charlie (fictive)");
    let page = visitor.get("/annuaire?logiciel=nextcloud&service=diagnostic").await;
    page.assert_contains("1 structure").assert_contains("Alpha (fictive)");
    // Repeated values of one facet are alternatives.
    let page = visitor.get("/annuaire?service=diagnostic&service=developpement&tri=nom").await;
    page.assert_contains("3 structures");
    let order: Vec<usize> = ["Alpha", "Bravo", "Charlie"].iter().map(|n| page.body.find(n).unwrap()).collect();
    assert!(order[0] < order[1] && order[1] < order[2]);
    visitor.get("/annuaire?chatons=oui").await.assert_contains("1 structure").assert_contains("Alpha");
    visitor.get("/annuaire?forme=cooperative").await.assert_contains("1 structure").assert_contains("Bravo");
    // Unknown values are ignored rather than failing.
    let page = visitor.get("/annuaire?logiciel=inconnu&region=99&departement=zz&tri=n%27importe&page=abc").await;
    page.assert_status(StatusCode::OK).assert_contains("3 structures");
    // The active filter can be removed with one link.
    let page = visitor.get("/annuaire?logiciel=nextcloud").await;
    assert!(page.attr("a.chip[href=\"/annuaire\"]", "href").is_some(), "a chip removes the filter");
}

#[tokio::test]
async fn a_profile_shows_everything_and_describes_itself_for_machines() {
    let app = TestApp::spawn().await;
    app.seed()
        .listed_structure("complete", "Structure Complète (fictive)")
        .chatons("https://www.chatons.org/chatons/exemple")
        .areas(&[("departement", "35"), ("region", "52")])
        .remote()
        .await;
    refresh(&app).await;
    let page = app.client().get("/annuaire/complete").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Structure Complète (fictive)")
        .assert_contains("<strong>fictive</strong>")
        .assert_contains("Membre du collectif CHATONS")
        .assert_contains("https://exemple.example")
        .assert_contains("35000 Rennes, Ille-et-Vilaine (35), Bretagne")
        .assert_contains("Pays de la Loire")
        .assert_contains("À distance")
        .assert_contains("Diagnostic des usages et des outils")
        .assert_contains("Paheko")
        .assert_contains("Prix libre")
        .assert_contains("200 € la demi-journée")
        .assert_contains("breton")
        .assert_contains("Association 0 (fictive)")
        .assert_contains("application/ld+json")
        .assert_lacks("equipe@structure.example");
    let json = page.select_text("script[type=\"application/ld+json\"]").expect("json-ld");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON-LD");
    assert_eq!(value["@type"], "Organization");
    assert_eq!(value["review"][0]["author"]["name"], "Association 0 (fictive)");
    app.client_en().get("/annuaire/complete").await.assert_contains("Member of the CHATONS collective");
}

#[tokio::test]
async fn a_visitor_writes_to_a_structure_without_seeing_its_address() {
    let app = TestApp::spawn_with(|c| c.form_min_seconds = 0).await;
    let host = app.seed().listed_structure("contact", "Contactable (fictive)").await;
    refresh(&app).await;
    let visitor = app.client();
    let page = visitor
        .submit(
            &host.profile_url(),
            &host.contact_url(),
            &[("name", ""), ("email", "pas-une-adresse"), ("message", "Court")],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("name", "Indiquez votre nom")
        .assert_field_error("email", "n'est pas valide")
        .assert_field_error("message", "au moins 20 caractères")
        .assert_field_value("email", "pas-une-adresse")
        .assert_contains("Court</textarea>");
    let message = "Bonjour, nous voulons quitter Google Drive pour Nextcloud.";
    let page = visitor
        .submit(
            &host.profile_url(),
            &host.contact_url(),
            &[("name", "Les Jardins (fictifs)"), ("email", "jardins@asso.example"), ("message", message)],
        )
        .await;
    page.assert_redirect_to("/annuaire/contact/message-envoye?message=");
    // The copy is on the confirmation page, not in a mail to the typed address.
    let sent = visitor.follow(&page).await;
    sent.assert_status(StatusCode::OK)
        .assert_contains("Votre message est envoyé")
        .assert_contains(message)
        .assert_contains("jardins@asso.example")
        .assert_lacks(&host.contact_email);
    let to_structure = app.only_mail_to(&host.contact_email).await;
    assert!(to_structure.subject.contains("Nouvelle demande de contact"));
    assert!(to_structure.body.contains(message) && to_structure.body.contains("jardins@asso.example"));
    assert!(app.mails_to("jardins@asso.example").await.is_empty(), "nothing is mailed to a typed address");
    assert_eq!(app.rows("contact_messages").await, 1);

    // Robots: the hidden field filled → accepted silently, nothing sent.
    let page = visitor
        .submit(
            &host.profile_url(),
            &host.contact_url(),
            &[
                ("name", "Robot"),
                ("email", "robot@spam.example"),
                ("message", message),
                ("site_web", "http://spam.example"),
            ],
        )
        .await;
    page.assert_redirect_to(&host.profile_url());
    assert!(app.mails_to("robot@spam.example").await.is_empty());
}

#[tokio::test]
async fn a_form_sent_too_fast_is_held_back_with_an_explanation() {
    let app = TestApp::spawn_with(|c| c.form_min_seconds = 600).await;
    let host = app.seed().listed_structure("rapide", "Rapide (fictive)").await;
    refresh(&app).await;
    let page = app
        .client()
        .submit(
            &host.profile_url(),
            &host.contact_url(),
            &[
                ("name", "Pressé"),
                ("email", "presse@asso.example"),
                ("message", "Un message parfaitement valable et assez long."),
            ],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("un peu trop vite")
        .assert_field_value("name", "Pressé");
    assert!(app.mails().await.is_empty());
}

#[tokio::test]
async fn contact_requests_are_rate_limited() {
    let app = TestApp::spawn_with(|c| {
        c.form_min_seconds = 0;
        c.rate_forms = 2;
    })
    .await;
    let host = app.seed().listed_structure("limite", "Limitée (fictive)").await;
    refresh(&app).await;
    let visitor = app.client();
    let fields = [
        ("name", "Flot"),
        ("email", "flot@asso.example"),
        ("message", "Un message parfaitement valable et assez long."),
    ];
    for _ in 0..2 {
        visitor.submit(&host.profile_url(), &host.contact_url(), &fields).await.assert_status(StatusCode::SEE_OTHER);
    }
    visitor
        .submit(&host.profile_url(), &host.contact_url(), &fields)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_visitor_flags_an_outdated_profile_for_the_moderators() {
    let app = TestApp::spawn().await;
    let host = app.seed().listed_structure("vieille", "Vieille Fiche (fictive)").await;
    refresh(&app).await;
    let visitor = app.client();
    let page = visitor
        .submit(
            &host.profile_url(),
            &host.report_url(),
            &[("report_message", "Le site ne répond plus."), ("report_email", "faux")],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("report_email", "n'est pas valide");
    let page = visitor
        .submit(
            &host.profile_url(),
            &host.report_url(),
            &[("report_message", "Le site ne répond plus."), ("report_email", "")],
        )
        .await;
    page.assert_redirect_to(&host.profile_url());
    visitor.follow(&page).await.assert_flash("L'équipe de modération va vérifier");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM reports WHERE target_kind = 'structure' AND reason = 'outdated'").await,
        1
    );
}

#[tokio::test]
async fn other_nodes_see_changes_through_the_change_feed() {
    let app = TestApp::spawn().await;
    // No explicit refresh: the indexer picks the change up by itself.
    let host = app.seed().listed_structure("automatique", "Automatique (fictive)").await;
    let visitor = app.client();
    for _ in 0..100 {
        if visitor.get("/annuaire").await.body.contains(&host.name) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the directory did not pick up the change");
}

#[tokio::test]
async fn the_map_shades_departments_and_links_to_the_filtered_list() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.listed_structure("r1", "Rennes Un (fictive)").areas(&[("departement", "35")]).await;
    seed.listed_structure("r2", "Rennes Deux (fictive)").areas(&[("departement", "35")]).await;
    seed.listed_structure("re", "Réunion (fictive)").located("97411", "97400").areas(&[("departement", "974")]).await;
    refresh(&app).await;
    let visitor = app.client();
    let list = visitor.get("/annuaire?chatons=oui").await;
    let src = list.attr("object[type=\"image/svg+xml\"]", "data").expect("the map is embedded");
    assert_eq!(src, "/annuaire/carte.svg?chatons=oui");
    let csp = list.headers["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-src 'self'") && csp.contains("object-src 'self'"), "{csp}");

    let map = visitor.get("/annuaire/carte.svg").await;
    map.assert_status(StatusCode::OK);
    assert!(map.headers["content-type"].to_str().unwrap().starts_with("image/svg+xml"));
    assert!(map.headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'self'"));
    assert!(map.set_cookies().is_empty());
    map.assert_contains(
        "href=\"/annuaire?departement=35\" target=\"_top\" aria-label=\"Ille-et-Vilaine (35)\u{202f}: 2 structures\"",
    )
    .assert_contains("aria-label=\"Finistère (29)\u{202f}: aucune structure\"")
    .assert_contains("aria-label=\"La Réunion (974)\u{202f}: 1 structure\"");
    // The map follows the other filters.
    let filtered = visitor.get("/annuaire/carte.svg?chatons=oui").await;
    filtered.assert_contains("Ille-et-Vilaine (35)\u{202f}: aucune structure").assert_contains("departement=35");
    app.client_en().get("/annuaire/carte.svg").await.assert_contains("Ille-et-Vilaine (35): 2 organisations");
    // Choosing a department on the map filters the list.
    visitor.get("/annuaire?departement=35").await.assert_contains("2 structures").assert_lacks("Réunion (fictive)");
}

#[tokio::test]
async fn the_directory_is_open_data_in_csv_json_and_an_api() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.structure("ouverte", "Données Ouvertes (fictive)")
        .terms(&[("software", "nextcloud"), ("service", "diagnostic")])
        .areas(&[("region", "53")])
        .recommended(2)
        .await;
    seed.listed_structure("autre", "Autre (fictive)").located("13055", "13001").terms(&[("software", "paheko")]).await;
    seed.structure("cachee", "Cachée (fictive)")
        .located("13055", "13001")
        .status(StructureStatus::Draft)
        .recommended(1)
        .await;
    refresh(&app).await;
    let visitor = app.client();

    let json = visitor.get("/donnees/annuaire.json").await;
    json.assert_status(StatusCode::OK);
    assert_eq!(json.headers["access-control-allow-origin"], "*");
    let items: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert!(!json.body.contains("equipe@structure.example"), "contact addresses are never published");
    assert!(!json.body.contains("Cachée"));

    let csv = visitor.get("/donnees/annuaire.csv").await;
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("slug,nom,url,presentation"));
    assert!(csv.body.contains("ouverte,Données Ouvertes (fictive),http://emancipasso.test/annuaire/ouverte"));

    let page = visitor.get("/api/v1/structures?logiciel=nextcloud&per_page=1").await;
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["per_page"], 1);
    let item = &v["items"][0];
    for key in ["slug", "name", "url", "pitch", "services", "software", "departments", "regions", "recommendations"] {
        assert!(!item[key].is_null(), "{key} missing in {item}");
    }
    assert_eq!(item["slug"], "ouverte");
    assert_eq!(item["recommendations"], 2);
    assert_eq!(item["regions"][0], "53");
    assert!(item["departments"].as_array().unwrap().iter().any(|d| d == "29"));
    let all: serde_json::Value =
        serde_json::from_str(&visitor.get("/api/v1/structures?per_page=1&page=2").await.body).unwrap();
    assert_eq!((all["total"].as_i64(), all["pages"].as_i64(), all["page"].as_i64()), (Some(2), Some(2), Some(2)));

    let one: serde_json::Value = serde_json::from_str(&visitor.get("/api/v1/structures/ouverte").await.body).unwrap();
    assert_eq!(one["recommendation_list"].as_array().unwrap().len(), 2);
    assert!(one["description"].as_str().unwrap().contains("fictive"));
    let missing = visitor.get("/api/v1/structures/cachee").await;
    missing.assert_status(StatusCode::NOT_FOUND);
    assert!(missing.body.contains("not_found"));

    let doc: serde_json::Value = serde_json::from_str(&visitor.get("/api/v1/openapi.json").await.body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let documented = doc["components"]["schemas"]["Structure"]["properties"].as_object().unwrap();
    for key in item.as_object().unwrap().keys() {
        assert!(documented.contains_key(key), "{key} is not documented in the OpenAPI document");
    }
    assert!(doc["paths"]["/api/v1/structures/{slug}"]["get"].is_object());
}

#[tokio::test]
async fn partner_sites_can_frame_the_embeddable_list_only() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    seed.listed_structure("integree", "Intégrée (fictive)").terms(&[("software", "nextcloud")]).await;
    seed.listed_structure("absente", "Absente (fictive)").terms(&[("software", "paheko")]).await;
    refresh(&app).await;
    let visitor = app.client();
    let page = visitor.get("/annuaire/embed?logiciel=nextcloud").await;
    page.assert_status(StatusCode::OK).assert_contains("Intégrée (fictive)").assert_lacks("Absente (fictive)");
    page.assert_contains("target=\"_blank\"").assert_lacks("<header");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors *") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(page.headers.get("x-frame-options").is_none());
    assert!(page.set_cookies().is_empty());
    let list = visitor.get("/annuaire").await;
    assert_eq!(list.headers["x-frame-options"], "DENY");
    assert!(list.headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
}

#[tokio::test]
async fn anonymous_pages_are_cached_until_the_directory_changes() {
    // A lifetime no loaded machine reaches between two requests: only a change empties the cache.
    let app = TestApp::spawn_with(|c| c.page_cache_seconds = 3600).await;
    let id = app.seed().listed_structure("cache", "En Cache (fictive)").await.id;
    refresh(&app).await;
    let visitor = app.client();
    visitor.get("/annuaire/cache").await.assert_contains("Nous accompagnons les associations vers le libre.");
    // A change written without telling the search engine: anonymous visitors see the cached page…
    app.seed().change_pitch_unannounced(id, "Présentation toute neuve.").await;
    visitor
        .get("/annuaire/cache")
        .await
        .assert_contains("Nous accompagnons les associations")
        .assert_lacks("toute neuve");
    // …signed-in people always get a fresh one…
    let (member, _) = app.signed_in("membre@exemple.org", &[]).await;
    member.get("/annuaire/cache").await.assert_contains("toute neuve");
    // …and every change the engine applies empties the cache.
    directory::record_change(app.db.conn(), id).await.unwrap();
    refresh(&app).await;
    visitor.get("/annuaire/cache").await.assert_contains("toute neuve");
    // Without a cache, pages are always fresh.
    let uncached = TestApp::spawn_with(|c| c.page_cache_seconds = 0).await;
    let id = uncached.seed().listed_structure("frais", "Toujours Fraîche (fictive)").await.id;
    refresh(&uncached).await;
    let visitor = uncached.client();
    visitor.get("/annuaire/frais").await.assert_lacks("toute neuve");
    uncached.seed().change_pitch_unannounced(id, "Présentation toute neuve.").await;
    visitor.get("/annuaire/frais").await.assert_contains("toute neuve");
}

#[tokio::test]
async fn the_page_cache_keys_on_the_parameters_pages_read() {
    let app = TestApp::spawn_with(|c| c.page_cache_seconds = 3600).await;
    let id = app.seed().listed_structure("cle", "La Clé (fictive)").await.id;
    refresh(&app).await;
    let visitor = app.client();
    let old = "Nous accompagnons les associations";
    visitor.get("/annuaire?q=cle&tri=nom").await.assert_contains(old);
    visitor.get("/annuaire/cle").await.assert_contains(old);
    // A parameter no page reads: answered fresh and never kept.
    visitor.get("/annuaire/cle?cachebust=1").await.assert_contains(old);
    app.seed().change_pitch_unannounced(id, "Présentation toute neuve.").await;

    // The same parameters in another order or encoding, or with campaign tags: the kept page.
    for url in ["/annuaire?tri=nom&q=cle", "/annuaire?q=cl%65&tri=nom&utm_source=lettre", "/annuaire/cle?fbclid=x"] {
        visitor.get(url).await.assert_contains(old).assert_lacks("toute neuve");
    }
    // Unknown parameters were never kept, and each language has its own pages.
    visitor.get("/annuaire/cle?cachebust=1").await.assert_contains("toute neuve");
    visitor.get("/annuaire/cle?cachebust=2").await.assert_contains("toute neuve");
    visitor.get("/en/annuaire/cle").await.assert_contains("toute neuve");
    visitor.get("/annuaire/cle").await.assert_lacks("toute neuve");
}

#[tokio::test]
async fn a_profile_can_be_reported_for_several_reasons() {
    let app = TestApp::spawn().await;
    let host = app.seed().listed_structure("signalee", "Signalée (fictive)").await;
    refresh(&app).await;
    let visitor = app.client();
    let page = visitor.submit(&host.profile_url(), &host.report_url(), &[("report_reason", "vengeance")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_contains("existe pas");
    visitor
        .submit(
            &host.profile_url(),
            &host.report_url(),
            &[("report_reason", "abuse"), ("report_message", "Contenu insultant.")],
        )
        .await
        .assert_redirect_to(&host.profile_url());
    assert_eq!(app.count("SELECT COUNT(*) FROM reports WHERE reason = 'abuse'").await, 1);
}

#[tokio::test]
async fn csv_cells_that_spreadsheets_read_as_formulas_are_neutralised() {
    let app = TestApp::spawn().await;
    let name = "=HYPERLINK(\"http://evil.example\",\"Cliquez\")";
    app.seed()
        .listed_structure("formule", name)
        .pitch("+33 1 23 45 67 89, appelez-nous")
        .pricing("prix-libre", "@SOMME(A1:A9)")
        .await;
    refresh(&app).await;
    let csv = app.client().get("/donnees/annuaire.csv").await;
    csv.assert_status(StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let row = reader.records().next().expect("one structure").expect("a valid record");
    assert_eq!(&row[1], format!("'{name}"));
    assert_eq!(&row[3], "'+33 1 23 45 67 89, appelez-nous");
    assert!(row.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])), "{row:?}");
    assert_eq!(&row[0], "formule", "plain cells stay as they are");
    // JSON keeps the values as they are.
    let json: serde_json::Value = serde_json::from_str(&app.client().get("/donnees/annuaire.json").await.body).unwrap();
    assert_eq!(json[0]["name"], name);
    assert_eq!(json[0]["price_info"], "@SOMME(A1:A9)");
}
