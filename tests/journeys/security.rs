//! Protections: security headers, forged forms, oversized and malformed bodies, dead sessions.

use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::harness::{BASE_URL, PASSWORD, TestApp};

#[tokio::test]
async fn pages_carry_strict_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/compte/connexion", "/nulle-part"] {
        let page = app.client().get(path).await;
        let csp = page.header("content-security-policy").unwrap_or_else(|| panic!("no CSP on {path}"));
        for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"] {
            assert!(csp.contains(directive), "{directive:?} not in {csp:?}");
        }
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
        assert_eq!(page.header("x-content-type-options").as_deref(), Some("nosniff"));
        assert_eq!(page.header("x-frame-options").as_deref(), Some("DENY"));
        assert!(page.header("referrer-policy").is_some_and(|v| !v.is_empty() && v != "unsafe-url"));
        assert!(page.header("permissions-policy").is_some_and(|v| v.contains("camera=()")));
        assert!(page.header("strict-transport-security").is_none(), "HSTS on an http site");
    }
    // Inline styles and scripts would be blocked by the policy: the pages have none.
    let home = app.client().get("/").await;
    home.assert_lacks("<script").assert_lacks("<style").assert_lacks(" style=\"");
}

#[tokio::test]
async fn a_form_without_a_valid_token_is_refused_with_an_explanation() {
    let app = TestApp::spawn().await;
    app.account("victime@exemple.org", &[]).await;
    let visitor = app.client();
    let fields = [("email", "victime@exemple.org"), ("password", PASSWORD)];

    let page = visitor.post_raw("/compte/connexion", &fields).await;
    page.assert_status(StatusCode::FORBIDDEN)
        .assert_contains("<html lang=\"fr\">")
        .assert_contains("Formulaire expiré")
        .assert_contains("Revenez en arrière");
    app.client_en()
        .post_raw("/compte/connexion", &fields)
        .await
        .assert_status(StatusCode::FORBIDDEN)
        .assert_contains("Form expired");

    for garbage in ["", "nimportequoi", "1700000000.00112233445566778899aabbccddeeff", "9999999999999999999999.abc"] {
        let page = visitor.post_raw("/compte/connexion", &[fields[0], fields[1], ("_csrf", garbage)]).await;
        page.assert_status(StatusCode::FORBIDDEN).assert_contains("Formulaire expiré");
    }
    // A token cut short or lengthened is not the token.
    let token = visitor.get("/compte/connexion").await.csrf_for("/compte/connexion");
    for altered in [&token[..token.len() - 1], &format!("{token}0")] {
        let page = visitor.post_raw("/compte/connexion", &[fields[0], fields[1], ("_csrf", altered)]).await;
        page.assert_status(StatusCode::FORBIDDEN);
    }
    assert!(visitor.session_cookie().is_none());
    assert_eq!(app.rows("sessions").await, 0);
}

#[tokio::test]
async fn a_form_posted_from_another_site_is_refused_even_with_a_token() {
    let app = TestApp::spawn().await;
    app.account("cible@exemple.org", &[]).await;
    let visitor = app.client();
    let token = visitor.get("/compte/connexion").await.csrf_for("/compte/connexion");
    let fields = [("email", "cible@exemple.org"), ("password", PASSWORD), ("_csrf", token.as_str())];

    for headers in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        // Sec-Fetch-Site is trusted over Origin.
        vec![("sec-fetch-site", "cross-site"), ("origin", BASE_URL)],
    ] {
        let page = visitor.post_raw_with("/compte/connexion", &fields, &headers).await;
        page.assert_status(StatusCode::FORBIDDEN).assert_contains("Formulaire expiré");
    }
    assert_eq!(app.rows("sessions").await, 0);

    // The site's own origin passes: bad credentials get the ordinary form answer.
    let wrong = [("email", "cible@exemple.org"), ("password", "pas le bon du tout"), ("_csrf", token.as_str())];
    let page = visitor.post_raw_with("/compte/connexion", &wrong, &[("origin", BASE_URL)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_contains("Adresse e-mail ou mot de passe incorrect");
    let page = visitor.post_raw_with("/compte/connexion", &wrong, &[("sec-fetch-site", "same-origin")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    // And with the right password, a same-origin post signs in.
    let page = visitor
        .post_raw_with("/compte/connexion", &fields, &[("sec-fetch-site", "same-origin"), ("origin", BASE_URL)])
        .await;
    page.assert_redirect_to("/compte");
    assert!(visitor.session_cookie().is_some());
}

#[tokio::test]
async fn a_token_only_works_for_the_session_it_was_issued_to() {
    let app = TestApp::spawn().await;
    let (alice, _) = app.signed_in("alice@exemple.org", &[]).await;
    let (bruno, _) = app.signed_in("bruno@exemple.org", &[]).await;

    // A token from an anonymous page (another visitor's) is worthless once signed in.
    let anonymous = app.client().get("/compte/connexion").await.csrf_for("/compte/connexion");
    let page = alice.post_raw("/compte/nom", &[("display_name", "Piratée"), ("_csrf", &anonymous)]).await;
    page.assert_status(StatusCode::FORBIDDEN).assert_contains("Formulaire expiré");

    // Alice's token does not work in Bruno's session.
    let alices = alice.get("/compte").await.csrf_for("/compte/nom");
    let page = bruno.post_raw("/compte/nom", &[("display_name", "Pirate"), ("_csrf", &alices)]).await;
    page.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE display_name <> 'Camille Testeuse'").await, 0);

    // In her own session, it does.
    let page = alice.post_raw("/compte/nom", &[("display_name", "Alice"), ("_csrf", &alices)]).await;
    page.assert_redirect_to("/compte");
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE display_name = 'Alice'").await, 1);

    // A signed-in token is no good to an anonymous visitor either.
    let page = app
        .client()
        .post_raw("/compte/connexion", &[("email", "alice@exemple.org"), ("password", PASSWORD), ("_csrf", &alices)])
        .await;
    page.assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_oversized_form_gets_a_clear_page_not_an_error() {
    let app = TestApp::spawn().await;
    let big = "x".repeat(300 * 1024);
    for (client, title) in [(app.client(), "Envoi trop volumineux"), (app.client_en(), "Upload too large")] {
        let token = client.get("/compte/inscription").await.csrf_for("/compte/inscription");
        let page = client
            .post_raw(
                "/compte/inscription",
                &[("_csrf", &token), ("email", "gros@exemple.org"), ("display_name", &big), ("password", PASSWORD)],
            )
            .await;
        page.assert_status(StatusCode::PAYLOAD_TOO_LARGE).assert_contains(title);
        assert!(page.select_text("footer.site-footer").is_some(), "not a full page");
    }
    assert_eq!(app.rows("users").await, 0);

    // Just under the limit is still read (and refused by validation, as the name is too long).
    let client = app.client();
    let token = client.get("/compte/inscription").await.csrf_for("/compte/inscription");
    let almost = "x".repeat(200 * 1024);
    let page = client
        .post_raw(
            "/compte/inscription",
            &[("_csrf", &token), ("email", "gros@exemple.org"), ("display_name", &almost), ("password", PASSWORD)],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("display_name", "au plus 60");
}

#[tokio::test]
async fn malformed_form_bodies_never_break_the_server() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.signed_in("admin@exemple.org", &[Role::Admin]).await;
    let target = app.account("cible@exemple.org", &[Role::Association]).await;
    let id = app.user_id(&target.email).await;
    let roles = format!("/admin/utilisateurs/{id}/roles");
    let token = admin.get(&format!("/admin/utilisateurs/{id}")).await.csrf_for(&roles);
    let encoded_token = token.replace('.', "%2E");

    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("application/x-www-form-urlencoded", b"\xff\xfe\x00garbage=%%%&&&==".to_vec()),
        (
            "application/x-www-form-urlencoded",
            format!("_csrf={token}&role=association&role=%FF%FE&role[]=x&=&&").into_bytes(),
        ),
        (
            "application/x-www-form-urlencoded",
            format!("_csrf={encoded_token}&role=association&role=%E9%80").into_bytes(),
        ),
        ("application/json", format!("{{\"_csrf\":\"{token}\",\"role\":[\"admin\"]}}").into_bytes()),
        (
            "multipart/form-data; boundary=x",
            b"--x\r\ncontent-disposition: form-data; name=\"role\"\r\n\r\nadmin\r\n--x--".to_vec(),
        ),
        ("text/plain", Vec::new()),
    ];
    for (content_type, body) in bodies {
        for path in [roles.as_str(), "/compte/nom"] {
            let page = admin.post_body(path, content_type, body.clone()).await;
            assert!(
                page.status.is_client_error() || page.status == StatusCode::SEE_OTHER,
                "{path} {content_type}: {}",
                page.status
            );
            assert!(page.status != StatusCode::INTERNAL_SERVER_ERROR);
            if page.status.is_client_error() {
                assert!(page.select_text("main h1").is_some(), "no page for {}: {}", page.status, page.body);
            }
        }
        let visitor = app.client();
        let page = visitor.post_body("/compte/connexion", content_type, body.clone()).await;
        assert!(page.status.is_client_error(), "/compte/connexion {content_type}: {}", page.status);
        assert!(page.select_text("main h1").is_some());
    }
    // Nobody gained a role through garbage, and nobody lost one.
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'").await, 1);
    assert_eq!(app.role_count(id).await, 1);
}

#[tokio::test]
async fn a_session_cookie_is_dead_after_sign_out() {
    let app = TestApp::spawn().await;
    let (client, _) = app.signed_in("sortie@exemple.org", &[]).await;
    let old = client.session_cookie().expect("session cookie");
    client.get("/compte").await.assert_status(StatusCode::OK);

    let page = client.submit("/compte", "/compte/deconnexion", &[]).await;
    page.assert_redirect_to("/");
    let cleared = page.set_cookies().into_iter().find(|c| c.starts_with("ea_session=")).expect("cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(app.rows("sessions").await, 0);

    let thief = app.client();
    thief.set_cookie("ea_session", &old);
    let page = thief.get("/compte").await;
    page.assert_redirect_to("/compte/connexion?retour=%2Fcompte");
    let cleared = page.set_cookies().into_iter().find(|c| c.starts_with("ea_session=")).expect("stale cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert!(thief.session_cookie().is_none());

    // A public page also clears the stale cookie, and shows the visitor as signed out.
    let stale = app.client();
    stale.set_cookie("ea_session", &old);
    let home = stale.get("/").await;
    home.assert_status(StatusCode::OK).assert_contains("Se connecter").assert_lacks("Se déconnecter");
    assert!(home.set_cookies().iter().any(|c| c.starts_with("ea_session=") && c.contains("Max-Age=0")));
    // A made-up cookie is treated the same way.
    let forger = app.client();
    forger.set_cookie("ea_session", "invente");
    forger.get("/compte").await.assert_redirect_to("/compte/connexion");
}

#[tokio::test]
async fn what_a_signed_in_person_is_shown_is_never_stored() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.signed_in("admin@exemple.org", &[Role::Admin]).await;
    // Pages behind the account, public pages seen signed in, error pages and redirects alike.
    for path in ["/compte", "/admin/utilisateurs", "/moderation", "/annuaire", "/", "/nulle-part", "/admin"] {
        let page = admin.get(path).await;
        assert_eq!(page.header("cache-control").as_deref(), Some("no-store"), "{path}: {}", page.status);
    }
    // Anonymous pages may be kept (and revalidated).
    let anonymous = app.client().get("/annuaire").await;
    anonymous.assert_status(StatusCode::OK);
    assert_ne!(anonymous.header("cache-control").as_deref(), Some("no-store"));
    // Static files are the same for everyone and keep their long caching.
    let css = anonymous.attr("link[rel=stylesheet]", "href").expect("a stylesheet");
    let file = admin.get(&css).await;
    assert!(file.header("cache-control").is_some_and(|v| v.contains("public")), "{:?}", file.header("cache-control"));
}

#[tokio::test]
async fn a_form_sent_in_another_format_gets_a_clear_page() {
    let app = TestApp::spawn().await;
    let user = app.account("format@exemple.org", &[]).await;
    let visitor = app.client();
    let token = visitor.get("/compte/connexion").await.csrf_for("/compte/connexion");
    let json = format!("{{\"_csrf\":\"{token}\",\"email\":\"{}\",\"password\":\"{PASSWORD}\"}}", user.email);
    for content_type in ["application/json", "text/plain", "application/xml", "application/x-www-form-urlencodedx"] {
        let page = visitor.post_body("/compte/connexion", content_type, json.clone()).await;
        page.assert_status(StatusCode::UNSUPPORTED_MEDIA_TYPE).assert_contains("non pris en charge");
        assert!(page.select_text("main h1").is_some(), "not a full page");
    }
    let bare = visitor.request(visitor.raw().post(visitor.url("/compte/connexion")).body(json.clone())).await;
    bare.assert_status(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let english = app.client_en();
    english
        .post_body("/compte/connexion", "application/json", json.clone())
        .await
        .assert_status(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        .assert_contains("Unsupported format");
    assert_eq!(app.rows("sessions").await, 0);

    // Both encodings a browser's form may use are read, with their token checked.
    let page = visitor
        .post_body(
            "/compte/connexion",
            "application/x-www-form-urlencoded; charset=UTF-8",
            format!("_csrf={token}&email=format%40exemple.org&password=mauvais+mot+de+passe"),
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_contains("Adresse e-mail ou mot de passe incorrect");
    let form = reqwest::multipart::Form::new()
        .text("email", user.email.clone())
        .text("password", PASSWORD)
        .part("ignored", reqwest::multipart::Part::bytes(b"file".to_vec()).file_name("a.txt"));
    let forged = visitor.request(visitor.raw().post(visitor.url("/compte/connexion")).multipart(form)).await;
    forged.assert_status(StatusCode::FORBIDDEN).assert_contains("Formulaire expiré");
    let form = reqwest::multipart::Form::new()
        .text("_csrf", token.clone())
        .text("email", user.email.clone())
        .text("password", PASSWORD)
        .part("ignored", reqwest::multipart::Part::bytes(b"file".to_vec()).file_name("a.txt"));
    let page = visitor.request(visitor.raw().post(visitor.url("/compte/connexion")).multipart(form)).await;
    page.assert_redirect_to("/compte");
    assert!(visitor.session_cookie().is_some());
}

#[tokio::test]
async fn rate_limits_count_an_ipv6_network_as_the_trusted_proxies_saw_it() {
    let app = TestApp::spawn_with(|c| {
        c.trusted_proxies = 1;
        c.rate_reset = 1;
    })
    .await;
    let ask = [("email", "personne@exemple.org")];
    let from = |forwarded: &str| app.client_with_headers(&[("x-forwarded-for", forwarded)]);
    let forgot = "/compte/mot-de-passe-oublie";
    from("2001:db8:1:2::1").post_form(forgot, &ask).await.assert_redirect_to("/compte/connexion");
    // Another address of the same /64 is the same visitor.
    from("2001:db8:1:2:ffff::9").post_form(forgot, &ask).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
    // What the client writes before the proxy's entry changes nothing.
    let forged = from("198.51.100.1, 2001:db8:1:2::7");
    forged.post_form(forgot, &ask).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
    // Another network, or another IPv4 address, is another visitor.
    from("2001:db8:1:3::1").post_form(forgot, &ask).await.assert_redirect_to("/compte/connexion");
    from("2001:db8:1:2::1, 203.0.113.7").post_form(forgot, &ask).await.assert_redirect_to("/compte/connexion");

    // Without trusted proxies (the default), the header is ignored: the connection counts.
    let app = TestApp::spawn_with(|c| c.rate_reset = 1).await;
    let from = |forwarded: &str| app.client_with_headers(&[("x-forwarded-for", forwarded)]);
    from("203.0.113.7").post_form(forgot, &ask).await.assert_redirect_to("/compte/connexion");
    from("203.0.113.8").post_form(forgot, &ask).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
}
