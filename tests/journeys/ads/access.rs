//! Who may see and manage an ad: its author only, visitors without a cookie.

use emancipasso::web::Role;

use super::*;
use crate::seed::{AD, TITLE};

#[tokio::test]
async fn only_the_author_edits_and_manages_an_ad() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (other, _) = app.signed_in("curieux@exemple.org", &[Role::Association, Role::Structure]).await;

    let page = other.get(&ad.at("modifier")).await;
    page.assert_status(StatusCode::FORBIDDEN);
    assert_says(&page, "Accès refusé");
    let hijack = ad_with(&[("title", "Une annonce détournée par un tiers")]);
    post_from(&other, ad.url(), &ad.at("modifier"), &hijack).await.assert_status(StatusCode::FORBIDDEN);
    for action in ["fermer", "prolonger", "demarrer", "terminer", "rouvrir", "publier"] {
        act(&other, &ad, action, "").await.assert_status(StatusCode::FORBIDDEN);
    }
    let page = other.get(ad.url()).await;
    page.assert_contains(TITLE)
        .assert_lacks(&ad.at("modifier"))
        .assert_lacks(&format!("action=\"{}\"", ad.at("statut")));
    assert_eq!(state(&app, &ad).await.status, "published");

    // Moderators do not manage someone else's ad either.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    moderator.get(&ad.at("modifier")).await.assert_status(StatusCode::FORBIDDEN);
    act(&moderator, &ad, "fermer", "").await.assert_status(StatusCode::FORBIDDEN);

    // Visitors are sent to sign in before anything.
    let visitor = app.client();
    visitor.get(&ad.at("modifier")).await.assert_redirect_to("/compte/connexion");
    for action in
        ["modifier", "statut", "soutien", "soutien/retirer", "offres", "offres/retirer", "commentaires", "suivre"]
    {
        visitor.post_raw(&ad.at(action), &[("action", "fermer")]).await.assert_redirect_to("/compte/connexion");
    }
    let page = visitor.get(ad.url()).await;
    page.assert_lacks(&ad.at("modifier"));
    assert_says(&page, "Connectez-vous pour suivre cette annonce");
    assert_eq!(state(&app, &ad).await.status, "published");
    assert_eq!(app.count("SELECT COUNT(*) FROM ads WHERE title = 'Une annonce détournée par un tiers'").await, 0);

    // The author manages it; once closed it can no longer be edited.
    author.get(&ad.at("modifier")).await.assert_status(StatusCode::OK);
    let page = author.get(ad.url()).await;
    page.assert_contains(&ad.at("modifier")).assert_contains("value=\"fermer\"").assert_contains("value=\"prolonger\"");
    act(&author, &ad, "fermer", "").await.assert_redirect_to(ad.url());
    let page = author.get(&ad.at("modifier")).await;
    page.assert_redirect_to(ad.url());
    author.follow(&page).await.assert_flash("ne peut plus être modifiée");
    post_from(&author, ad.url(), &ad.at("modifier"), AD).await.assert_redirect_to(ad.url());
    author.get(ad.url()).await.assert_lacks(&ad.at("modifier"));

    // Unknown ads.
    author.get("/annonces/424242/modifier").await.assert_status(StatusCode::NOT_FOUND);
    let unknown = Ad::unknown(&ad);
    act(&author, &unknown, "fermer", "").await.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn visitor_gets_no_cookie_on_ads_pages() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    wait_for_list(&app, "/annonces", TITLE, true).await;
    let paths = [
        "/annonces".to_owned(),
        "/annonces?type=besoin&statut=ouverte&region=53".to_owned(),
        "/annonces?q=cotisations&tri=recentes".to_owned(),
        "/annonces?page=2".to_owned(),
        ad.url().to_owned(),
        format!("/annonces/{}", ad.id),
        ad.at("signaler"),
        "/annonces/424242".to_owned(),
    ];
    for client in [app.client(), app.client_en()] {
        for path in &paths {
            let page = client.get(path).await;
            assert!(page.status.as_u16() < 500, "{path}: {}", page.status);
            assert!(page.set_cookies().is_empty(), "{path} sets {:?}", page.set_cookies());
        }
        assert!(client.cookies.lock().expect("jar").is_empty());
    }
}
