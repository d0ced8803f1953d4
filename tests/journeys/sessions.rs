//! Sessions and outstanding links: what a change of password or email revokes, signing out
//! everywhere, the absolute lifetime of a session.

use reqwest::StatusCode;

use crate::harness::{PASSWORD, TestApp};

#[tokio::test]
async fn changing_the_password_or_the_email_revokes_outstanding_links() {
    let app = TestApp::spawn().await;
    let (client, user) = app.signed_in("liens@exemple.org", &[]).await;
    let forgot = [("email", user.email.as_str())];
    app.client().post_form("/compte/mot-de-passe-oublie", &forgot).await.assert_redirect_to("/compte/connexion");
    let reset_link = app.only_mail_to(&user.email).await.link();
    let page = client
        .submit("/compte", "/compte/email", &[("new_email", "nouvelle@exemple.org"), ("email_password", PASSWORD)])
        .await;
    page.assert_redirect_to("/compte");
    let email_link = app.only_mail_to("nouvelle@exemple.org").await.link();

    let page = client
        .submit(
            "/compte",
            "/compte/mot-de-passe",
            &[("current_password", PASSWORD), ("new_password", "encore un autre secret")],
        )
        .await;
    page.assert_redirect_to("/compte");
    app.client().get(&reset_link).await.assert_status(StatusCode::GONE);
    client.get(&email_link).await.assert_status(StatusCode::GONE);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'nouvelle@exemple.org'").await, 0);

    // A change of email revokes a reset link sent to the old address.
    app.client().post_form("/compte/mot-de-passe-oublie", &forgot).await.assert_redirect_to("/compte/connexion");
    let reset_link = app.last_mail_to(&user.email).await.link();
    assert!(reset_link.starts_with("/compte/reinitialiser"));
    let page = client
        .submit(
            "/compte",
            "/compte/email",
            &[("new_email", "autre@exemple.org"), ("email_password", "encore un autre secret")],
        )
        .await;
    page.assert_redirect_to("/compte");
    let email_link = app.only_mail_to("autre@exemple.org").await.link();
    client.post_form(&email_link, &[]).await.assert_redirect_to("/compte");
    app.client().get(&reset_link).await.assert_status(StatusCode::GONE);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    let app = TestApp::spawn().await;
    let (laptop, user) = app.signed_in("partout@exemple.org", &[]).await;
    let phone = app.client();
    phone.sign_in(&user.email, &user.password).await;
    let page = laptop.submit("/compte", "/compte/deconnexion-partout", &[]).await;
    page.assert_redirect_to("/");
    assert!(laptop.session_cookie().is_none());
    laptop.follow(&page).await.assert_flash("déconnecté·e sur tous vos appareils");
    phone.get("/compte").await.assert_redirect_to("/compte/connexion");
    laptop.get("/compte").await.assert_redirect_to("/compte/connexion");
    assert_eq!(app.rows("sessions").await, 0);
    // Another account's sessions are not touched.
    let (other, _) = app.signed_in("autre@exemple.org", &[]).await;
    app.client().sign_in(&user.email, &user.password).await.assert_redirect_to("/compte");
    let page = app.sign_in_as(&user.email).await.submit("/compte", "/compte/deconnexion-partout", &[]).await;
    page.assert_redirect_to("/");
    other.get("/compte").await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_session_ends_after_its_absolute_lifetime_however_active() {
    let app = TestApp::spawn().await;
    let (client, _) = app.signed_in("longue@exemple.org", &[]).await;
    // Default: 30 days after the sign-in.
    app.seed().sessions_opened_days_ago(29).await;
    client.get("/compte").await.assert_status(StatusCode::OK);
    app.seed().sessions_opened_days_ago(31).await;
    client.get("/compte").await.assert_redirect_to("/compte/connexion");
    assert!(client.session_cookie().is_none(), "the dead cookie is removed");
}
