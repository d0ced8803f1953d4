//! The life of an ad: funded, started, done; reminded, extended, expired, reopened, closed.

use emancipasso::ads::keep_lifetimes;
use emancipasso::web::Role;

use super::*;
use crate::seed::{OFFER_MESSAGE, TITLE};

#[tokio::test]
async fn pledges_fund_an_ad_which_then_starts_and_is_done() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let seed = app.seed();
    let dev = seed.person("dev@exemple.org").await;
    let offer = seed.offer(&dev, &ad, "1000").await;

    // Nothing starts without an accepted offer; nothing finishes before it starts.
    for action in ["demarrer", "terminer", "rouvrir", "voler"] {
        let page = act(&author, &ad, action, "").await;
        page.assert_status(StatusCode::CONFLICT);
        assert_says(&page, "Cette action n'est pas possible dans l");
    }
    seed.accept_offer(&author, &ad, offer).await;
    assert_eq!(state(&app, &ad).await.status, "published");

    // Pledges reach the accepted cost: funded, and every follower is told (once the emails of
    // the offer, a moment ago, are old enough: one email per ad every `ads_notice_minutes`).
    let (first, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let (second, _) = app.signed_in("asso@voisins.example", &[Role::Association]).await;
    pledge(&first, &ad, FRIEND_NAME, "600").await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "published");
    pledge(&second, &ad, "Les Voisins Solidaires (fictifs)", "400").await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "funded");
    let page = public(&app, ad.url()).await;
    let pledged = format!("{} promis", eur(1000));
    for said in ["Financée", "3 associations", &pledged] {
        assert_says(&page, said);
    }
    assert!(mails_with(&app, FRIEND, "Financée").await.is_empty());
    assert_eq!(notices_due(&app, &ad).await, 4);
    for email in [AUTHOR, "dev@exemple.org", FRIEND, "asso@voisins.example"] {
        let mails = mails_with(&app, email, "Financée").await;
        assert_eq!(mails.len(), 1, "{email}: {mails:#?}");
        assert!(mails[0].subject.contains(TITLE) && mails[0].body.contains("/desabonnement?"), "{mails:#?}");
    }

    // A pledge withdrawn takes it back below the cost, and back again: the followers, who
    // heard it was funded, are told nothing.
    second.submit(ad.url(), &ad.at("soutien/retirer"), &[]).await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "published");
    pledge(&second, &ad, "Les Voisins Solidaires (fictifs)", "400").await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "funded");
    assert_eq!(notices_due(&app, &ad).await, 0);
    assert!(mails_with(&app, FRIEND, "Ouverte").await.is_empty());
    assert_eq!(mails_with(&app, FRIEND, "Financée").await.len(), 1);

    // Started, then done; each step is told to the followers but not to the author.
    act(&author, &ad, "terminer", "").await.assert_status(StatusCode::CONFLICT);
    let page = act(&author, &ad, "demarrer", "").await;
    page.assert_redirect_to(ad.url());
    author.follow(&page).await.assert_flash("mis à jour");
    assert_eq!(state(&app, &ad).await.status, "in_progress");
    assert_says(&public(&app, ad.url()).await, "En cours");
    assert_eq!(mails_with(&app, FRIEND, "En cours").await.len(), 1);
    assert!(mails_with(&app, AUTHOR, "En cours").await.is_empty());
    let fields = [("pledge_association", FRIEND_NAME), ("pledge_amount", "50")];
    post_from(&first, ad.url(), &ad.at("soutien"), &fields).await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "demarrer", "").await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "prolonger", "").await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "terminer", "").await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "done");
    assert_says(&public(&app, ad.url()).await, "Réalisée");
    assert_eq!(mails_with(&app, "dev@exemple.org", "Réalisée").await.len(), 1);

    // Done is the end.
    for action in ["fermer", "rouvrir", "prolonger", "demarrer", "terminer", "publier"] {
        act(&author, &ad, action, "").await.assert_status(StatusCode::CONFLICT);
    }
    assert_eq!(state(&app, &ad).await.status, "done");
    wait_for_list(&app, "/annonces?statut=realisee", TITLE, true).await;
}

#[tokio::test]
async fn ads_are_reminded_extended_expired_reopened_and_closed() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "").await.assert_redirect_to(ad.url());
    let lifetime = app.config.ads_lifetime_days * 86_400;
    assert_says(&author.get(ad.url()).await, "Cette annonce expire le");

    // A few days before its end, the author is reminded, once.
    app.seed().set_ad_expiry(&ad, db::now() + 3 * 86_400).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (1, 0));
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 0));
    let reminders = mails_with(&app, AUTHOR, "expire bientôt").await;
    assert_eq!(reminders.len(), 1, "{reminders:#?}");
    assert!(reminders[0].subject.contains(TITLE), "{reminders:#?}");
    assert!(reminders[0].body.contains(&format!("{BASE_URL}{}", ad.url())), "{reminders:#?}");
    assert!(state(&app, &ad).await.reminded_at.is_some());
    assert!(app.mails_to(FRIEND).await.is_empty());

    // Extended: a new lifetime, and a new reminder will come.
    let page = act(&author, &ad, "prolonger", "").await;
    page.assert_redirect_to(ad.url());
    author.follow(&page).await.assert_flash("prolongée");
    let st = state(&app, &ad).await;
    assert_eq!(st.status, "published");
    assert!(st.expires_at.is_some_and(|at| at > db::now() + lifetime - 120), "{st:?}");
    assert_eq!(st.reminded_at, None);
    assert!(app.mails_to(FRIEND).await.is_empty());

    // Past its end it expires, and followers are told.
    app.seed().set_ad_expiry(&ad, db::now() - 60).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 1));
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 0));
    assert_eq!(state(&app, &ad).await.status, "expired");
    for email in [AUTHOR, FRIEND] {
        let mails = mails_with(&app, email, "Expirée").await;
        assert_eq!(mails.len(), 1, "{email}: {mails:#?}");
        assert!(mails[0].subject.contains(TITLE), "{mails:#?}");
    }
    assert_says(&public(&app, ad.url()).await, "Expirée");
    author.get(ad.url()).await.assert_contains("value=\"rouvrir\"").assert_lacks("value=\"prolonger\"");
    let fields = [("offer_amount", "900"), ("offer_timeframe", "1 mois"), ("offer_message", OFFER_MESSAGE)];
    post_from(&friend, ad.url(), &ad.at("offres"), &fields).await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "prolonger", "").await.assert_status(StatusCode::CONFLICT);

    // Reopened with a fresh lifetime.
    let page = act(&author, &ad, "rouvrir", "").await;
    page.assert_redirect_to(ad.url());
    author.follow(&page).await.assert_flash("de nouveau ouverte");
    let st = state(&app, &ad).await;
    assert_eq!(st.status, "published");
    assert!(st.expires_at.is_some_and(|at| at > db::now() + lifetime - 120), "{st:?}");
    assert_eq!(mails_with(&app, FRIEND, "Ouverte").await.len(), 1);

    // Closed with a reason, shown on its page; time no longer touches it.
    const REASON: &str = "Le besoin est couvert par notre fédération.";
    act(&author, &ad, "fermer", REASON).await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "closed");
    let page = public(&app, ad.url()).await;
    for said in ["Fermée", "Motif de fermeture", REASON] {
        assert_says(&page, said);
    }
    assert_eq!(mails_with(&app, FRIEND, "Fermée").await.len(), 1);
    app.seed().set_ad_expiry(&ad, db::now() - 60).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 0));
    for action in ["rouvrir", "prolonger", "fermer", "demarrer", "terminer"] {
        act(&author, &ad, action, "").await.assert_status(StatusCode::CONFLICT);
    }
    assert_eq!(state(&app, &ad).await.status, "closed");
}

/// Like every other field, the close reason keeps what was typed when it is refused.
#[tokio::test]
async fn a_refused_close_reason_is_kept() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let reason = "Nous fermons cette annonce. ".repeat(40);
    let page = act(&author, &ad, "fermer", &reason).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("close_reason", "Le motif doit contenir au plus");
    assert_eq!(state(&app, &ad).await.status, "published");
    assert_eq!(field_value(&page, "close_reason"), reason);
}

/// An ad is funded whenever its pledges reach the accepted cost, also when it is reopened.
#[tokio::test]
async fn a_funded_ad_reopened_after_expiry_is_still_funded() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let seed = app.seed();
    let dev = seed.person("dev@exemple.org").await;
    let offer = seed.offer(&dev, &ad, "500").await;
    seed.accept_offer(&author, &ad, offer).await;
    let friend = seed.association(FRIEND).await;
    seed.pledge(&friend, &ad, FRIEND_NAME, "500").await;
    assert_eq!(state(&app, &ad).await.status, "funded");
    app.seed().set_ad_expiry(&ad, db::now() - 60).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 1));
    assert_eq!(state(&app, &ad).await.status, "expired");
    act(&author, &ad, "rouvrir", "").await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "funded", "pledges of {} cover the accepted {}", eur(500), eur(500));
}
