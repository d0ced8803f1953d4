//! The frame of the site: languages, home page, footer pages, error pages, health check,
//! static files, and the promise of no cookie for visitors.

use reqwest::StatusCode;

use crate::harness::{Client, PASSWORD, TestApp};

#[tokio::test]
async fn home_page_speaks_french_by_default_and_english_at_its_own_address() {
    let app = TestApp::spawn().await;

    let page = app.client().get("/").await;
    page.assert_status(StatusCode::OK).assert_contains("<html lang=\"fr\">");
    assert_eq!(page.select_text("h1").as_deref(), Some("Libérez votre association des géants du numérique"));

    // The English client reads /en.
    let page = app.client_en().get("/").await;
    page.assert_status(StatusCode::OK).assert_contains("<html lang=\"en\">");
    assert_eq!(page.select_text("h1").as_deref(), Some("Free your association from the tech giants"));

    // Neither French nor English asked for: French, and nothing suggested.
    let german = Client::new(&app.address, "de-DE,de;q=0.9");
    let page = german.get("/").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("<html lang=\"fr\">")
        .assert_contains("Libérez votre association");
    assert!(page.select_text(".lang-suggest").is_none());
}

#[tokio::test]
async fn each_language_has_its_own_urls_and_the_switch_is_a_plain_link() {
    let app = TestApp::spawn().await;
    let visitor = app.client();

    // French pages are unprefixed; their switch and alternates name the English address.
    let page = visitor.get("/pages/confidentialite").await;
    page.assert_status(StatusCode::OK).assert_contains("<html lang=\"fr\">");
    assert_eq!(page.attr("header a[hreflang=en]", "href").as_deref(), Some("/en/pages/confidentialite"));
    let base = app.config.base().to_owned();
    assert_eq!(page.attr("link[rel=alternate][hreflang=en]", "href"), Some(format!("{base}/en/pages/confidentialite")));
    assert_eq!(page.attr("link[rel=alternate][hreflang=fr]", "href"), Some(format!("{base}/pages/confidentialite")));
    assert_eq!(
        page.attr("link[rel=alternate][hreflang=x-default]", "href"),
        Some(format!("{base}/pages/confidentialite"))
    );

    // The English page is English whatever the browser asks for, links to English pages and
    // switches back to the French address; no cookie on the way.
    let page = visitor.get("/en/pages/confidentialite").await;
    page.assert_status(StatusCode::OK).assert_contains("<html lang=\"en\">");
    assert_eq!(page.select_text("h1").as_deref(), Some("Privacy policy"));
    assert_eq!(page.attr("header a[hreflang=fr]", "href").as_deref(), Some("/pages/confidentialite"));
    assert_eq!(page.attr("a.brand", "href").as_deref(), Some("/en"));
    assert!(page.attr("nav a[href=\"/en/annuaire\"]", "href").is_some(), "{}", page.body);
    assert!(page.attr("link[rel=stylesheet]", "href").is_some_and(|h| h.starts_with("/static/")));
    assert!(page.set_cookies().is_empty());
    assert!(visitor.cookies.lock().expect("jar").is_empty());

    // A query keeps its place in both languages.
    let page = visitor.get("/en/annuaire?q=nextcloud").await;
    page.assert_status(StatusCode::OK).assert_contains("<html lang=\"en\">");
    assert_eq!(page.attr("header a[hreflang=fr]", "href").as_deref(), Some("/annuaire?q=nextcloud"));
    assert_eq!(
        visitor.get("/annuaire?q=nextcloud").await.attr("header a[hreflang=en]", "href").as_deref(),
        Some("/en/annuaire?q=nextcloud")
    );

    // Accept-Language only suggests: the French address stays French, with a link to English.
    let english_browser = Client::new(&app.address, "en-GB,en;q=0.9");
    let page = english_browser.get("/pages/confidentialite").await;
    page.assert_status(StatusCode::OK).assert_contains("<html lang=\"fr\">");
    assert_eq!(page.attr(".lang-suggest a", "href").as_deref(), Some("/en/pages/confidentialite"));
    assert_eq!(page.select_text(".lang-suggest").as_deref(), Some("This page is also available in English."));
    let page = app.client().get("/en/pages/confidentialite").await;
    assert_eq!(page.attr(".lang-suggest a", "href").as_deref(), Some("/pages/confidentialite"));

    // The old switch address redirects to the page in that language, without a cookie.
    let page = visitor.get("/langue/en?retour=/pages/confidentialite").await;
    page.assert_redirect_to("/en/pages/confidentialite");
    assert!(page.set_cookies().is_empty(), "{:?}", page.set_cookies());
    let page = visitor.get("/langue/fr?retour=/en/annuaire").await;
    assert_eq!(page.location(), "/annuaire");
    let page = visitor.get("/langue/xx?retour=/").await;
    page.assert_status(StatusCode::NOT_FOUND).assert_contains("Page introuvable");

    // Redirects of English pages stay English: signing in from /en comes back to /en.
    let page = app.client_en().get("/compte").await;
    assert!(page.location().starts_with("/en/compte/connexion"), "{}", page.location());
}

#[tokio::test]
async fn the_switch_after_a_form_post_goes_to_a_page_that_exists() {
    let app = TestApp::spawn().await;
    let visitor = app.client_en();
    // A refused sign-in answers the post with the form again: its switch goes to the French
    // form page, not to an address that only takes posts.
    let page = visitor.post_form("/compte/connexion", &[("email", "personne@example.org"), ("password", "faux")]).await;
    assert!(page.status.is_client_error(), "{}", page.status);
    page.assert_contains("<html lang=\"en\">");
    let switch = page.attr("header a[hreflang=fr]", "href").expect("a switch");
    assert_eq!(switch, "/compte/connexion");
    app.client().get(&switch).await.assert_status(StatusCode::OK);

    // Without a usable referrer: the home page of the other language.
    let page = visitor.post_raw("/compte/connexion", &[("email", "x")]).await;
    assert_eq!(page.attr("header a[hreflang=fr]", "href").as_deref(), Some("/"));
}

#[tokio::test]
async fn return_addresses_never_leave_the_site_nor_break_the_server() {
    let app = TestApp::spawn().await;
    let user = app.account("retour@example.org", &[]).await;
    let targets = [
        "//evil.example",
        "https://evil.example/",
        "/%5Cevil.example",
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%0D%0ASet-Cookie:%20x=1",
        "/%20/evil.example",
        "/%C2%85/evil.example",
        "%2F%2Fevil.example",
    ];
    for target in targets {
        let page = app.client().get(&format!("/langue/en?retour={target}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "retour={target}");
        assert_eq!(page.location(), "/en", "retour={target}");

        let visitor = app.client();
        let page = visitor
            .submit(
                &format!("/compte/connexion?retour={target}"),
                "/compte/connexion",
                &[("email", &user.email), ("password", &user.password)],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "retour={target}: {}", page.body);
        assert!(!page.location().contains("evil") && page.location().starts_with('/'), "{}", page.location());
        assert!(!page.location().starts_with("//"), "{}", page.location());
    }
    // A French word in the path survives, encoded.
    let page = app.client().get("/langue/fr?retour=/annuaire%3Fq%3Dcaf%C3%A9").await;
    assert_eq!(page.location(), "/annuaire?q=caf%C3%A9");
}

#[tokio::test]
async fn visitor_gets_no_cookie_on_public_pages() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let stylesheet = visitor.get("/").await.attr("link[rel=stylesheet]", "href").expect("stylesheet");
    let paths = [
        "/",
        "/compte/inscription",
        "/compte/connexion",
        "/compte/mot-de-passe-oublie",
        "/pages/mentions-legales",
        "/pages/confidentialite",
        "/pages/accessibilite",
        "/nulle-part",
        "/healthz",
        stylesheet.as_str(),
    ];
    for client in [app.client(), app.client_en()] {
        for path in paths {
            let page = client.get(path).await;
            assert!(page.status == StatusCode::OK || page.status == StatusCode::NOT_FOUND, "{path}: {}", page.status);
            assert!(page.set_cookies().is_empty(), "{path} sets {:?}", page.set_cookies());
        }
        assert!(client.cookies.lock().expect("jar").is_empty());
    }
}

#[tokio::test]
async fn footer_pages_exist_in_both_languages() {
    let app = TestApp::spawn().await;
    let home = app.client().get("/").await;
    for slug in ["mentions-legales", "confidentialite", "accessibilite"] {
        let path = format!("/pages/{slug}");
        assert!(
            home.attr(&format!("footer a[href=\"{path}\"]"), "href").is_some(),
            "no footer link to {path} in:\n{}",
            home.body
        );
        let fr = app.client().get(&path).await;
        fr.assert_status(StatusCode::OK).assert_contains("<html lang=\"fr\">");
        let en = app.client_en().get(&path).await;
        en.assert_status(StatusCode::OK).assert_contains("<html lang=\"en\">");
        let title_fr = fr.select_text("main h1").expect("French h1");
        let title_en = en.select_text("main h1").expect("English h1");
        assert!(!title_fr.trim().is_empty() && !title_en.trim().is_empty());
        assert_ne!(title_fr, title_en, "{path} has the same title in both languages");
        assert!(fr.title().starts_with(&title_fr), "title {:?}", fr.title());
    }
    app.client().get("/pages/inconnue").await.assert_status(StatusCode::NOT_FOUND).assert_contains("Page introuvable");
}

#[tokio::test]
async fn an_unknown_address_gives_a_friendly_page_in_the_visitor_language() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/ceci/n-existe/pas").await;
    page.assert_status(StatusCode::NOT_FOUND).assert_contains("<html lang=\"fr\">").assert_contains("Page introuvable");
    assert_eq!(page.select_text("main a[href=\"/\"]").as_deref(), Some("Revenir à l'accueil"));
    assert!(page.select_text("header.site-header").is_some(), "no header");
    assert!(page.select_text("footer.site-footer").is_some(), "no footer");
    assert!(page.attr("footer a[href=\"/pages/mentions-legales\"]", "href").is_some());
    assert!(page.header("content-type").unwrap_or_default().starts_with("text/html"));

    let page = app.client_en().get("/ceci/n-existe/pas").await;
    page.assert_status(StatusCode::NOT_FOUND)
        .assert_contains("<html lang=\"en\">")
        .assert_contains("Page not found")
        .assert_lacks("Page introuvable");
    assert!(page.select_text("header.site-header").is_some(), "no header");
}

#[tokio::test]
async fn the_health_check_answers_ok() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/healthz").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.body, "ok");
}

#[tokio::test]
async fn the_stylesheet_is_served_under_its_hash_cached_forever_and_compressed() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let href = visitor.get("/").await.attr("link[rel=stylesheet]", "href").expect("stylesheet link");
    let hash = href
        .strip_prefix("/static/app.")
        .and_then(|rest| rest.strip_suffix(".css"))
        .unwrap_or_else(|| panic!("unexpected stylesheet URL {href}"));
    assert!(hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "hash {hash:?}");

    let css = visitor.get(&href).await;
    css.assert_status(StatusCode::OK);
    assert!(css.header("cache-control").unwrap_or_default().contains("immutable"), "{:?}", css.headers);
    assert!(css.header("content-type").unwrap_or_default().starts_with("text/css"), "{:?}", css.headers);
    assert!(css.header("content-encoding").is_none(), "compressed without being asked");
    assert!(css.body.contains('{'), "not a stylesheet");

    for encoding in ["gzip", "br"] {
        // reqwest is built without decompression: the header tells what was applied.
        let res =
            visitor.raw().get(visitor.url(&href)).header("accept-encoding", encoding).send().await.expect("request");
        assert_eq!(res.status(), StatusCode::OK);
        let applied = res.headers().get("content-encoding").map(|v| v.to_str().unwrap_or("").to_owned());
        assert_eq!(applied.as_deref(), Some(encoding));
        let compressed = res.bytes().await.expect("body");
        assert!(compressed.len() < css.body.len(), "{encoding} did not shrink the stylesheet");
    }

    visitor.get("/static/app.css").await.assert_status(StatusCode::NOT_FOUND);
    visitor.get("/static/app.0000000000.css").await.assert_status(StatusCode::NOT_FOUND);
    visitor.get("/static/../Cargo.toml").await.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_header_links_only_to_sections_that_exist() {
    let app = TestApp::spawn().await;
    // Sections of the plan: each one appears in the header when, and only when, it answers.
    let planned = [
        "/annuaire",
        "/annonces",
        "/ressources",
        "/formations",
        "/diagnostic",
        "/partenaires",
        "/actualites",
        "/soutenir",
    ];
    for client in [app.client(), app.client_en()] {
        let page = client.get("/").await;
        for section in planned {
            let answer = app.client().get(section).await;
            let local = client.local(section);
            let linked = page.attr(&format!("header a[href^=\"{local}\"]"), "href").is_some();
            if answer.status == StatusCode::NOT_FOUND {
                assert!(
                    page.attr(&format!("a[href^=\"{local}\"]"), "href").is_none(),
                    "link to {section}, which does not exist yet"
                );
            } else {
                answer.assert_status(StatusCode::OK);
                assert!(linked, "{section} exists but the header does not link to it");
            }
        }
        // Every link of the page leads somewhere.
        let doc = page.doc();
        let sel = scraper::Selector::parse("a[href^=\"/\"]").expect("selector");
        let links: Vec<String> = doc.select(&sel).filter_map(|a| a.value().attr("href").map(str::to_owned)).collect();
        assert!(links.len() >= 5, "{links:?}");
        for link in links {
            let res = app.client().get(&link).await;
            assert!(res.status == StatusCode::OK || res.status == StatusCode::SEE_OTHER, "{link}: {}", res.status);
        }
    }
}

#[tokio::test]
async fn the_demo_banner_shows_only_on_a_demo_site() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/").await;
    assert!(page.select_text(".demo-banner").is_none(), "banner on a real site");
    page.assert_lacks("données affichées sont fictives");

    let demo = TestApp::spawn_with(|c| c.demo_banner = true).await;
    let page = demo.client().get("/").await;
    let banner = page.select_text(".demo-banner").expect("demo banner");
    assert!(banner.contains("toutes les données affichées sont fictives"), "{banner}");
    let page = demo.client_en().get("/pages/confidentialite").await;
    assert!(page.select_text(".demo-banner").expect("demo banner").contains("made up"));
    // Also on error pages.
    assert!(demo.client().get("/nulle-part").await.select_text(".demo-banner").is_some());
}

#[tokio::test]
async fn emails_link_to_the_language_of_their_recipient() {
    let app = TestApp::spawn().await;
    for (client, email, prefix, heading) in [
        (app.client(), "camille@exemple.org", "", "lang=\"fr\""),
        (app.client_en(), "robin@example.org", "/en", "lang=\"en\""),
    ] {
        client
            .post_form("/compte/inscription", &[("email", email), ("display_name", "Camille"), ("password", PASSWORD)])
            .await
            .assert_redirect_to("/compte/verification-envoyee");
        let link = app.only_mail_to(email).await.link();
        assert!(link.starts_with(&format!("{prefix}/compte/verifier?jeton=")), "{link}");
        let page = client.get(&link).await;
        let page = if page.status == StatusCode::SEE_OTHER { client.follow(&page).await } else { page };
        page.assert_contains(heading);
    }
}

#[tokio::test]
async fn structures_are_told_in_the_language_of_each_team_member() {
    let app = TestApp::spawn().await;
    app.seed()
        .listed_structure("bilingue", "Bilingue (fictive)")
        .confirmed_months_ago(7)
        .member("membre@structure.example")
        .english_member("member@structure.example")
        .await;
    assert_eq!(emancipasso::directory::ask_confirmations(&app.state).await.expect("reminders"), 1);
    let french = app.only_mail_to("membre@structure.example").await;
    assert!(french.subject.contains("toujours à jour"), "{french:?}");
    assert!(french.link().starts_with("/annuaire/bilingue/confirmer?"), "{french:?}");
    let english = app.only_mail_to("member@structure.example").await;
    assert!(english.subject.contains("up to date"), "{english:?}");
    assert!(english.link().starts_with("/en/annuaire/bilingue/confirmer?"), "{english:?}");
    app.client().get(&english.link()).await.assert_status(StatusCode::OK).assert_contains("lang=\"en\"");
}
