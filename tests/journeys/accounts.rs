//! The account journey: sign-up, verification, sign-in and out, reset, changes, export, deletion.

use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::harness::{PASSWORD, TestApp};

#[tokio::test]
async fn visitor_signs_up_verifies_signs_in_and_out() {
    let app = TestApp::spawn().await;
    let visitor = app.client();

    let page = visitor
        .post_form(
            "/compte/inscription",
            &[("email", " Camille@Exemple.ORG "), ("display_name", "Camille"), ("password", PASSWORD)],
        )
        .await;
    page.assert_redirect_to("/compte/verification-envoyee");
    assert!(visitor.session_cookie().is_none(), "no session before verification");
    visitor.follow(&page).await.assert_status(StatusCode::OK).assert_contains("Vérifiez votre boîte mail");

    let mail = app.only_mail_to("camille@exemple.org").await;
    assert_eq!(mail.subject, "Confirmez votre adresse e-mail");
    assert!(mail.body.contains("Bonjour Camille"));

    // Not verified yet: the right password does not open a session, and a new link is sent.
    let page =
        visitor.post_form("/compte/connexion", &[("email", "camille@exemple.org"), ("password", PASSWORD)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_contains("pas encore confirmée");
    assert!(visitor.session_cookie().is_none());
    assert_eq!(app.mails_to("camille@exemple.org").await.len(), 2);

    // The link opens a page whose button confirms: mail scanners follow links, they do not post.
    visitor.get(&mail.link()).await.assert_status(StatusCode::OK).assert_contains("Confirmer mon adresse");
    let unverified = "SELECT COUNT(*) FROM users WHERE email = 'camille@exemple.org' AND email_verified_at IS NULL";
    assert_eq!(app.count(unverified).await, 1, "a GET changes nothing");
    let page = visitor.post_form(&mail.link(), &[]).await;
    page.assert_redirect_to("/compte/connexion");
    assert_eq!(app.count(unverified).await, 0);
    visitor.follow(&page).await.assert_flash("Votre adresse e-mail est confirmée");
    // A verification link works once.
    visitor.get(&mail.link()).await.assert_status(StatusCode::GONE).assert_contains("plus valable");

    let page = visitor.sign_in("camille@exemple.org", PASSWORD).await;
    page.assert_redirect_to("/compte");
    let cookie = page.set_cookies().into_iter().find(|c| c.starts_with("ea_session=")).expect("session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "no Secure flag on an http base URL");

    let account = visitor.follow(&page).await;
    account.assert_status(StatusCode::OK).assert_flash("Vous êtes connecté").assert_contains("camille@exemple.org");

    let page = visitor.submit("/compte", "/compte/deconnexion", &[]).await;
    page.assert_redirect_to("/");
    assert!(visitor.session_cookie().is_none());
    visitor.get("/compte").await.assert_redirect_to("/compte/connexion?retour=%2Fcompte");
}

#[tokio::test]
async fn sign_up_explains_bad_input_next_to_each_field_and_keeps_it() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let page = visitor
        .post_form("/compte/inscription", &[("email", "camille@"), ("display_name", "C"), ("password", "court")])
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("email", "n'est pas valide")
        .assert_field_error("display_name", "au moins 2 caractères")
        .assert_field_error("password", "au moins 10 caractères")
        .assert_field_value("email", "camille@")
        .assert_field_value("display_name", "C")
        .assert_contains("Le formulaire contient des erreurs");
    assert!(!page.body.contains("court"), "the password is never sent back");

    let page = visitor.post_form("/compte/inscription", &[]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("email", "Indiquez votre adresse e-mail")
        .assert_field_error("display_name", "Indiquez le nom à afficher")
        .assert_field_error("password", "Indiquez votre mot de passe");

    let long = "x".repeat(61);
    let page = visitor
        .post_form(
            "/compte/inscription",
            &[("email", "a@exemple.org"), ("display_name", &long), ("password", "a@exemple.org")],
        )
        .await;
    page.assert_field_error("display_name", "au plus 60")
        .assert_field_error("password", "ne doit pas être votre adresse");

    let english = app.client_en();
    let page = english
        .post_form("/compte/inscription", &[("email", "nope"), ("display_name", "Sam"), ("password", "short")])
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("<html lang=\"en\">")
        .assert_field_error("email", "not valid")
        .assert_field_error("password", "at least 10 characters")
        .assert_field_value("display_name", "Sam");
    assert_eq!(app.rows("users").await, 0);
    assert!(app.mails().await.is_empty());
}

#[tokio::test]
async fn sign_up_with_a_known_email_answers_the_same_and_warns_the_owner() {
    let app = TestApp::spawn().await;
    app.account("deja@exemple.org", &[]).await;
    let visitor = app.client();
    let known = visitor
        .post_form(
            "/compte/inscription",
            &[("email", "deja@exemple.org"), ("display_name", "Autre"), ("password", PASSWORD)],
        )
        .await;
    let unknown = visitor
        .post_form(
            "/compte/inscription",
            &[("email", "neuf@exemple.org"), ("display_name", "Neuf"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.location(), unknown.location());
    let mail = app.only_mail_to("deja@exemple.org").await;
    assert_eq!(mail.subject, "Tentative d'inscription avec votre adresse");
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'deja@exemple.org'").await, 1);
}

#[tokio::test]
async fn sign_in_failures_do_not_reveal_which_emails_have_accounts() {
    let app = TestApp::spawn().await;
    app.account("connu@exemple.org", &[]).await;
    let visitor = app.client();
    let wrong_password = visitor
        .post_form("/compte/connexion", &[("email", "connu@exemple.org"), ("password", "mauvais mot de passe")])
        .await;
    let unknown = visitor
        .post_form("/compte/connexion", &[("email", "inconnu@exemple.org"), ("password", "mauvais mot de passe")])
        .await;
    for page in [&wrong_password, &unknown] {
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Adresse e-mail ou mot de passe incorrect");
    }
    wrong_password.assert_field_value("email", "connu@exemple.org");
    assert!(visitor.session_cookie().is_none());

    let page = visitor.post_form("/compte/connexion", &[("email", ""), ("password", "")]).await;
    page.assert_field_error("email", "Indiquez votre adresse")
        .assert_field_error("password", "Indiquez votre mot de passe");
}

#[tokio::test]
async fn sign_in_returns_to_the_page_asked_for_and_never_elsewhere() {
    let app = TestApp::spawn().await;
    let user = app.account("retour@exemple.org", &[]).await;
    let visitor = app.client();
    visitor.get("/compte").await.assert_redirect_to("/compte/connexion?retour=");
    let page = visitor.get("/compte/connexion?retour=%2Fcompte%3Fx%3D1").await;
    assert_eq!(page.attr("input[name=retour]", "value").as_deref(), Some("/compte?x=1"));
    let page = visitor
        .post_form(
            "/compte/connexion",
            &[("email", &user.email), ("password", &user.password), ("retour", "https://ailleurs.example/")],
        )
        .await;
    page.assert_redirect_to("/compte?flash=");
}

#[tokio::test]
async fn a_new_session_is_issued_at_each_sign_in() {
    let app = TestApp::spawn().await;
    let user = app.account("sessions@exemple.org", &[]).await;
    let first = app.client();
    first.sign_in(&user.email, &user.password).await;
    let second = app.client();
    second.sign_in(&user.email, &user.password).await;
    assert_ne!(first.session_cookie(), second.session_cookie());
    first.get("/compte").await.assert_status(StatusCode::OK);
    second.get("/compte").await.assert_status(StatusCode::OK);
    // The database keeps only hashes of the tokens.
    let token = first.session_cookie().expect("cookie");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM sessions WHERE id = '{token}'")).await, 0);
    assert_eq!(app.rows("sessions").await, 2);
}

#[tokio::test]
async fn the_session_cookie_is_secure_on_an_https_site() {
    let app = TestApp::spawn_with(|c| c.base_url = "https://emancipasso.test".into()).await;
    let user = app.account("https@exemple.org", &[]).await;
    let visitor = app.client();
    let page = visitor.sign_in(&user.email, &user.password).await;
    let cookie = page.set_cookies().into_iter().find(|c| c.starts_with("ea_session=")).expect("cookie");
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly"), "{cookie}");
    let home = visitor.get("/").await;
    assert!(home.headers.get("strict-transport-security").is_some());
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_email_once() {
    let app = TestApp::spawn().await;
    let user = app.account("oubli@exemple.org", &[]).await;
    let other_device = app.client();
    other_device.sign_in(&user.email, &user.password).await;

    let visitor = app.client();
    let known = visitor.post_form("/compte/mot-de-passe-oublie", &[("email", "oubli@exemple.org")]).await;
    let unknown = visitor.post_form("/compte/mot-de-passe-oublie", &[("email", "personne@exemple.org")]).await;
    assert_eq!(known.location(), unknown.location());
    visitor.follow(&known).await.assert_flash("Si un compte existe pour cette adresse");
    assert!(app.mails_to("personne@exemple.org").await.is_empty());

    let bad = visitor.post_form("/compte/mot-de-passe-oublie", &[("email", "pas-une-adresse")]).await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_value("email", "pas-une-adresse");

    let mail = app.only_mail_to("oubli@exemple.org").await;
    let link = mail.link();
    assert!(link.starts_with("/compte/reinitialiser?jeton="));
    let page = visitor.post_form(&link, &[("password", "court")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("password", "au moins 10 caractères");

    let page = visitor.post_form(&link, &[("password", "un tout nouveau secret")]).await;
    page.assert_redirect_to("/compte/connexion");
    visitor.follow(&page).await.assert_flash("Votre mot de passe a été changé");
    // Every session of the account ended; the old password is gone.
    other_device.get("/compte").await.assert_redirect_to("/compte/connexion");
    let old = visitor.post_form("/compte/connexion", &[("email", &user.email), ("password", &user.password)]).await;
    old.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    visitor.sign_in(&user.email, "un tout nouveau secret").await;
    assert_eq!(app.last_mail_to(&user.email).await.subject, "Votre mot de passe a été changé");

    // The link worked once.
    app.client().get(&link).await.assert_status(StatusCode::GONE);
    let tampered = "/compte/reinitialiser?jeton=nimportequoi";
    app.client().get(tampered).await.assert_status(StatusCode::GONE).assert_contains("Recommencer");
}

#[tokio::test]
async fn a_person_changes_name_email_and_password() {
    let app = TestApp::spawn().await;
    let (client, user) = app.signed_in("avant@exemple.org", &[Role::Association]).await;
    app.account("prise@exemple.org", &[]).await;

    let page = client.submit("/compte", "/compte/nom", &[("display_name", "")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("display_name", "Indiquez le nom");
    let page = client.submit("/compte", "/compte/nom", &[("display_name", "Dominique")]).await;
    client
        .follow(&page)
        .await
        .assert_flash("nom affiché a été enregistré")
        .assert_field_value("display_name", "Dominique");

    let page = client
        .submit(
            "/compte",
            "/compte/email",
            &[("new_email", "apres@exemple.org"), ("email_password", "faux mot de passe")],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("email_password", "n'est pas le bon")
        .assert_field_value("new_email", "apres@exemple.org");
    let page = client
        .submit("/compte", "/compte/email", &[("new_email", "avant@exemple.org"), ("email_password", PASSWORD)])
        .await;
    page.assert_field_error("new_email", "déjà votre adresse");

    // An address that has an account: same answer, its owner is told.
    let page = client
        .submit("/compte", "/compte/email", &[("new_email", "prise@exemple.org"), ("email_password", PASSWORD)])
        .await;
    page.assert_redirect_to("/compte");
    assert_eq!(
        app.only_mail_to("prise@exemple.org").await.subject,
        "Votre adresse e-mail a été proposée pour un autre compte"
    );

    let page = client
        .submit("/compte", "/compte/email", &[("new_email", "apres@exemple.org"), ("email_password", PASSWORD)])
        .await;
    client.follow(&page).await.assert_flash("Un lien de confirmation");
    let link = app.only_mail_to("apres@exemple.org").await.link();
    client.get(&link).await.assert_status(StatusCode::OK).assert_contains("apres@exemple.org");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'apres@exemple.org'").await,
        0,
        "a GET changes nothing"
    );
    client
        .follow(&client.post_form(&link, &[]).await)
        .await
        .assert_flash("nouvelle adresse e-mail est enregistrée")
        .assert_contains("apres@exemple.org");
    assert_eq!(app.last_mail_to(&user.email).await.subject, "Votre adresse e-mail a été changée");

    let other_device = app.client();
    other_device.sign_in("apres@exemple.org", PASSWORD).await;
    let page = client
        .submit("/compte", "/compte/mot-de-passe", &[("current_password", PASSWORD), ("new_password", "court")])
        .await;
    page.assert_field_error("new_password", "au moins 10 caractères");
    let page = client
        .submit(
            "/compte",
            "/compte/mot-de-passe",
            &[("current_password", "pas le bon du tout"), ("new_password", "encore un autre secret")],
        )
        .await;
    page.assert_field_error("current_password", "n'est pas le bon");
    let page = client
        .submit(
            "/compte",
            "/compte/mot-de-passe",
            &[("current_password", PASSWORD), ("new_password", "encore un autre secret")],
        )
        .await;
    client.follow(&page).await.assert_flash("Vos autres appareils ont été déconnectés");
    other_device.get("/compte").await.assert_redirect_to("/compte/connexion");
    app.client().sign_in("apres@exemple.org", "encore un autre secret").await;
}

#[tokio::test]
async fn a_person_downloads_all_their_data() {
    let app = TestApp::spawn().await;
    let (client, user) = app.signed_in("export@exemple.org", &[Role::Structure]).await;
    let page = client.get("/compte/export").await;
    page.assert_status(StatusCode::OK);
    assert!(page.headers["content-disposition"].to_str().unwrap().contains("attachment"));
    let data: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    assert_eq!(data["account"]["email"], user.email);
    assert_eq!(data["account"]["roles"][0], "structure");
    assert_eq!(data["sessions"].as_array().map(Vec::len), Some(1));
    assert!(!page.body.contains("argon2"), "no password hash in the export");
    app.client().get("/compte/export").await.assert_redirect_to("/compte/connexion");
}

#[tokio::test]
async fn a_person_deletes_their_account() {
    let app = TestApp::spawn().await;
    let (client, user) = app.signed_in("partir@exemple.org", &[Role::Association]).await;
    let page = client.submit("/compte", "/compte/supprimer", &[("delete_password", PASSWORD)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("confirm", "Cochez la case");
    let page = client
        .submit("/compte", "/compte/supprimer", &[("delete_password", "pas le bon du tout"), ("confirm", "oui")])
        .await;
    page.assert_field_error("delete_password", "n'est pas le bon");
    assert_eq!(page.attr("#f-confirm", "checked").as_deref(), Some(""), "the box stays checked");

    let page =
        client.submit("/compte", "/compte/supprimer", &[("delete_password", PASSWORD), ("confirm", "oui")]).await;
    page.assert_redirect_to("/");
    assert!(client.session_cookie().is_none());
    client.follow(&page).await.assert_flash("Votre compte a été supprimé");
    assert_eq!(app.rows("users").await, 0);
    assert_eq!(app.rows("sessions").await, 0);
    assert_eq!(app.last_mail_to(&user.email).await.subject, "Votre compte a été supprimé");
    let page = app.client().post_form("/compte/connexion", &[("email", &user.email), ("password", PASSWORD)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_last_admin_cannot_delete_their_account() {
    let app = TestApp::spawn().await;
    let (client, _) = app.signed_in("seul-admin@exemple.org", &[Role::Admin]).await;
    let page =
        client.submit("/compte", "/compte/supprimer", &[("delete_password", PASSWORD), ("confirm", "oui")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_contains("dernière personne administratrice");
    assert_eq!(app.rows("users").await, 1);
}

#[tokio::test]
async fn repeated_sign_in_attempts_are_slowed_down_with_a_clear_page() {
    let app = TestApp::spawn_with(|c| c.rate_sign_in = 3).await;
    let visitor = app.client();
    for _ in 0..3 {
        visitor
            .post_form("/compte/connexion", &[("email", "cible@exemple.org"), ("password", "essai au hasard")])
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = visitor
        .post_form("/compte/connexion", &[("email", "cible@exemple.org"), ("password", "essai au hasard")])
        .await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("Trop de tentatives")
        .assert_contains("réessayez dans");
    let english = app.client_en();
    english
        .post_form("/compte/connexion", &[("email", "cible@exemple.org"), ("password", "essai au hasard")])
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("Too many attempts");
}

#[tokio::test]
async fn sign_ups_and_resets_are_rate_limited() {
    let app = TestApp::spawn_with(|c| {
        c.rate_sign_up = 2;
        c.rate_reset = 2;
    })
    .await;
    let visitor = app.client();
    for i in 0..2 {
        let email = format!("flot{i}@exemple.org");
        visitor
            .post_form("/compte/inscription", &[("email", &email), ("display_name", "Flot"), ("password", PASSWORD)])
            .await;
        visitor.post_form("/compte/mot-de-passe-oublie", &[("email", &email)]).await;
    }
    visitor
        .post_form(
            "/compte/inscription",
            &[("email", "flot9@exemple.org"), ("display_name", "Flot"), ("password", PASSWORD)],
        )
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
    visitor
        .post_form("/compte/mot-de-passe-oublie", &[("email", "flot9@exemple.org")])
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.rows("users").await, 2);
}

#[tokio::test]
async fn wrong_passwords_sent_from_elsewhere_never_lock_the_owner_out() {
    let app = TestApp::spawn_with(|c| c.rate_sign_in = 2).await;
    let owner = app.account("cible@exemple.org", &[]).await;
    let attacker = app.client_from("127.0.0.2");
    let wrong = [("email", owner.email.as_str()), ("password", "essai au hasard")];
    for _ in 0..2 {
        attacker.post_form("/compte/connexion", &wrong).await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The attacker's address is stopped for this account, even with the right password...
    attacker.post_form("/compte/connexion", &wrong).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
    let right = [("email", owner.email.as_str()), ("password", owner.password.as_str())];
    attacker.post_form("/compte/connexion", &right).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
    // ...while the owner, from another address, signs in at once.
    app.client_from("127.0.0.3").sign_in(&owner.email, &owner.password).await;

    // From one address, wrong passwords over many accounts are limited too (three times the
    // limit per account), without touching the accounts' owners.
    let sprayer = app.client_from("127.0.0.4");
    for i in 0..6 {
        let email = format!("essai{i}@exemple.org");
        let page = sprayer.post_form("/compte/connexion", &[("email", &email), ("password", "essai au hasard")]).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    sprayer.post_form("/compte/connexion", &wrong).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
    app.client_from("127.0.0.5").sign_in(&owner.email, &owner.password).await;
}

#[tokio::test]
async fn right_passwords_do_not_count_as_attempts() {
    let app = TestApp::spawn_with(|c| c.rate_sign_in = 1).await;
    let user = app.account("souvent@exemple.org", &[]).await;
    // More sign-ins from one address than the limits allow failures (1 per account and
    // address, 3 per address).
    for _ in 0..4 {
        let client = app.client();
        client.sign_in(&user.email, &user.password).await;
        client.submit("/compte", "/compte/deconnexion", &[]).await.assert_redirect_to("/");
    }
    // Failures still count: one wrong password uses up this address's attempts on the account.
    let client = app.client();
    let wrong = [("email", user.email.as_str()), ("password", "faute de frappe")];
    client.post_form("/compte/connexion", &wrong).await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    client.post_form("/compte/connexion", &wrong).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn reset_requests_sent_from_elsewhere_leave_the_owner_a_working_link() {
    let app = TestApp::spawn_with(|c| c.rate_reset = 2).await;
    let owner = app.account("oubli@exemple.org", &[]).await;
    let ask = [("email", owner.email.as_str())];
    for address in ["127.0.0.2", "127.0.0.4"] {
        let attacker = app.client_from(address);
        for _ in 0..2 {
            attacker.post_form("/compte/mot-de-passe-oublie", &ask).await.assert_redirect_to("/compte/connexion");
        }
        attacker.post_form("/compte/mot-de-passe-oublie", &ask).await.assert_status(StatusCode::TOO_MANY_REQUESTS);
    }
    // Four requests, two emails: the mailbox is not flooded.
    assert_eq!(app.mails_to(&owner.email).await.len(), 2);

    // The owner asks in turn, from elsewhere, as the newest link is about to expire: the same
    // answer, no third email, and the newest link lives a full hour again.
    app.seed().account_links_expire_at(emancipasso::db::now() + 30).await;
    let owner_client = app.client_from("127.0.0.3");
    let page = owner_client.post_form("/compte/mot-de-passe-oublie", &ask).await;
    owner_client.follow(&page).await.assert_flash("utilisez le lien le plus récent");
    let mails = app.mails_to(&owner.email).await;
    assert_eq!(mails.len(), 2);
    let live = format!("SELECT COUNT(*) FROM account_tokens WHERE expires_at > {}", emancipasso::db::now() + 1800);
    assert_eq!(app.count(&live).await, 1);

    let newest = mails[1].link();
    let page = owner_client.post_form(&newest, &[("password", "un tout nouveau secret")]).await;
    page.assert_redirect_to("/compte/connexion");
    // The reset revoked the other link.
    owner_client.get(&mails[0].link()).await.assert_status(StatusCode::GONE);
    owner_client.sign_in(&owner.email, "un tout nouveau secret").await;

    // No link is usable any more: a new request sends a new one, past the limit of emails.
    let page = app.client_from("127.0.0.6").post_form("/compte/mot-de-passe-oublie", &ask).await;
    page.assert_redirect_to("/compte/connexion");
    let last = app.last_mail_to(&owner.email).await;
    assert_eq!(last.subject, mails[1].subject);
    assert_ne!(last.link(), newest);
    app.client().get(&last.link()).await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn posts_with_made_up_reset_links_are_refused_before_anything_else_and_limited() {
    let app = TestApp::spawn_with(|c| c.rate_sign_in = 2).await;
    let visitor = app.client();
    let token = visitor.get("/compte/connexion").await.csrf_for("/compte/connexion");
    // A made-up link is refused whatever the password, even one the rules would refuse.
    for password in ["un mot de passe valable", "court"] {
        let page = visitor
            .post_raw("/compte/reinitialiser", &[("_csrf", &token), ("jeton", "invente"), ("password", password)])
            .await;
        page.assert_status(StatusCode::GONE).assert_contains("Recommencer");
    }
    // A flood from one address is stopped.
    let page = visitor
        .post_raw("/compte/reinitialiser", &[("_csrf", &token), ("jeton", "invente"), ("password", "encore un essai")])
        .await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS).assert_contains("Trop de tentatives");
}
