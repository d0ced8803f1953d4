//! Pledges and offers made, withdrawn and made again do not flood mailboxes: the actions are
//! rate-limited per person (on an ad and on all ads), a person's offer is announced to the
//! followers once and an association's joining to the author once, and the followers get at
//! most one email per ad every `ads_notice_minutes` about pledges and offers, telling where the
//! ad ends up.

use emancipasso::web::Role;

use super::*;
use crate::seed::{OFFER_MESSAGE, TITLE};

const VOISINS: &str = "asso@voisins.example";
const VOISINS_NAME: &str = "Les Voisins Solidaires (fictifs)";

async fn unpledge(client: &Client, ad: &Ad) -> Page {
    client.submit(ad.url(), &ad.at("soutien/retirer"), &[]).await
}

#[tokio::test]
async fn pledge_loops_are_rate_limited_and_followers_hear_where_the_ad_ends_up() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let seed = app.seed();
    let dev = seed.person("dev@exemple.org").await;
    let offer = seed.offer(&dev, &ad, "1000").await;
    seed.accept_offer(&author, &ad, offer).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "600").await.assert_redirect_to(ad.url());
    let (voisins, _) = app.signed_in(VOISINS, &[Role::Association]).await;
    pledge(&voisins, &ad, VOISINS_NAME, "400").await.assert_redirect_to(ad.url());
    assert_eq!(state(&app, &ad).await.status, "funded");
    assert_eq!(notices_due(&app, &ad).await, 4);

    // Leaving and joining again, and again: each change of state is collected, not sent.
    for _ in 0..2 {
        unpledge(&voisins, &ad).await.assert_redirect_to(ad.url());
        assert_eq!(state(&app, &ad).await.status, "published");
        pledge(&voisins, &ad, VOISINS_NAME, "400").await.assert_redirect_to(ad.url());
        assert_eq!(state(&app, &ad).await.status, "funded");
    }
    unpledge(&voisins, &ad).await.assert_redirect_to(ad.url());
    // Six actions on this ad in the window: the seventh is refused, with a message next to the
    // pledge form and nothing changed.
    let page = pledge(&voisins, &ad, VOISINS_NAME, "400").await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_error(&page, "pledge", "beaucoup de changements sur cette annonce");
    assert_eq!(field_value(&page, "pledge_amount"), "400");
    assert_eq!(state(&app, &ad).await.status, "published");
    let page = friend.get(ad.url()).await;
    page.assert_status(StatusCode::OK);

    // The followers heard "funded" once, and hear once that it is open again.
    for email in [AUTHOR, "dev@exemple.org", FRIEND, VOISINS] {
        assert_eq!(mails_with(&app, email, "Financée").await.len(), 1, "{email}");
        assert!(mails_with(&app, email, "Ouverte").await.is_empty(), "{email}");
    }
    assert_eq!(notices_due(&app, &ad).await, 4);
    for email in [AUTHOR, "dev@exemple.org", FRIEND, VOISINS] {
        assert_eq!(mails_with(&app, email, "Financée").await.len(), 1, "{email}");
        assert_eq!(mails_with(&app, email, "Ouverte").await.len(), 1, "{email}");
    }
    // The author heard of each association once, however often it came back.
    assert_eq!(mails_with(&app, AUTHOR, "s'associe à votre annonce").await.len(), 2);
}

#[tokio::test]
async fn a_person_is_limited_on_all_ads_together() {
    let app = TestApp::spawn_with(|c| c.rate_ad_actions_person = 2).await;
    let (author, first) = author_with_ad(&app, AUTHOR, TITLE).await;
    let second = app.seed().published_ad(&author).title("Une deuxième annonce de notre association").await;
    let third = app.seed().published_ad(&author).title("Une troisième annonce de notre association").await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &first, FRIEND_NAME, "").await.assert_redirect_to(first.url());
    pledge(&friend, &second, FRIEND_NAME, "").await.assert_redirect_to(second.url());
    let page = offer(&friend, &third, "900", "1 mois", OFFER_MESSAGE).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_error(&page, "offer_amount", "beaucoup de changements");
    assert_eq!(field_value(&page, "offer_message"), OFFER_MESSAGE);
    assert_eq!(app.rows("ad_offers").await, 0);
}

#[tokio::test]
async fn offers_withdrawn_and_made_again_are_announced_once_and_collected() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let seed = app.seed();
    let dev = seed.person("dev@exemple.org").named("Dominique Développeuse").await;

    // The first offer is announced at once.
    offer(&dev, &ad, "1200", "6 semaines", OFFER_MESSAGE).await.assert_redirect_to(ad.url());
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Nouvelle proposition") && mail.body.contains("Dominique Développeuse"), "{mail:?}");

    // Two new offers soon after are collected.
    let rival = seed.person("autre@exemple.org").named("Sacha Prestataire").await;
    let third = seed.person("tiers@exemple.org").named("Camille Indépendante").await;
    seed.offer(&rival, &ad, "900").await;
    seed.offer(&third, &ad, "950").await;
    // The first one withdrawn and made again, twice: never announced again.
    for _ in 0..2 {
        let page = dev.submit(ad.url(), &ad.at("offres/retirer"), &[]).await;
        page.assert_redirect_to(ad.url());
        dev.follow(&page).await.assert_flash("Votre proposition est retirée");
        offer(&dev, &ad, "1100", "5 semaines", OFFER_MESSAGE).await.assert_redirect_to(ad.url());
    }
    assert_says(&public(&app, ad.url()).await, "3 propositions");
    assert_eq!(app.mails_to(AUTHOR).await.len(), 1);

    // Once the window has passed, what was collected goes in one email: a digest of the two.
    assert_eq!(notices_due(&app, &ad).await, 4);
    let mails = app.mails_to(AUTHOR).await;
    assert_eq!(mails.len(), 2, "{mails:#?}");
    let mail = &mails[1];
    assert!(mail.subject.contains("2 nouvelles") && mail.subject.contains(TITLE), "{mail:?}");
    for said in ["Sacha Prestataire", "Camille Indépendante", &eur(900), &eur(950), "/desabonnement?"] {
        assert!(mail.body.contains(said), "{said:?} not in {mail:?}");
    }
    assert!(!mail.body.contains("Dominique Développeuse"), "{mail:?}");
    // Each one who offered hears of the others' offers only.
    let mail = app.only_mail_to("autre@exemple.org").await;
    assert!(mail.subject.contains("Nouvelle proposition") && mail.body.contains("Camille Indépendante"), "{mail:?}");
    assert!(!mail.body.contains("Sacha Prestataire"), "{mail:?}");
    assert!(app.last_mail_to("dev@exemple.org").await.subject.contains("2 nouvelles"));
}
