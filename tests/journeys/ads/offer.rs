//! Offers to do the work: made by others, checked, accepted by the author.

use emancipasso::web::Role;

use super::*;
use crate::seed::{OFFER_MESSAGE, TITLE};

#[tokio::test]
async fn offers_are_made_by_others_and_the_author_accepts_one() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;

    // Not on one's own ad; visitors are asked to sign in.
    let offers_form = format!("action=\"{}\"", ad.at("offres"));
    author.get(ad.url()).await.assert_lacks(&offers_form);
    let fields = [("offer_amount", "1000"), ("offer_timeframe", "1 mois"), ("offer_message", OFFER_MESSAGE)];
    let page = post_from(&author, ad.url(), &ad.at("offres"), &fields).await;
    page.assert_status(StatusCode::FORBIDDEN);
    assert_says(&page, "Vous ne pouvez pas faire de proposition sur votre propre annonce");
    assert_says(&app.client().get(ad.url()).await, "Connectez-vous pour faire une proposition");

    // Bad input, each next to its field, typed values kept.
    let seed = app.seed();
    let dev = seed.person("dev@exemple.org").named("Dominique Développeuse").await;
    let page = offer(&dev, &ad, "", "", "Trop court").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("offer_amount", "Indiquez le montant de votre proposition")
        .assert_field_error("offer_timeframe", "Indiquez un délai")
        .assert_field_error("offer_message", "20 caractères au moins");
    assert_eq!(field_value(&page, "offer_message"), "Trop court");
    let long_timeframe = "S".repeat(81);
    let long_message = "M".repeat(3001);
    for (amount, timeframe, message, field, error) in [
        ("-300", "6 semaines", OFFER_MESSAGE, "offer_amount", "ne peut pas être négatif"),
        ("1000001", "6 semaines", OFFER_MESSAGE, "offer_amount", "Le montant doit être d'au plus"),
        ("12,50", "6 semaines", OFFER_MESSAGE, "offer_amount", "sans centimes"),
        ("beaucoup", "6 semaines", OFFER_MESSAGE, "offer_amount", "en chiffres"),
        ("1200", long_timeframe.as_str(), OFFER_MESSAGE, "offer_timeframe", "au plus 80 caractères"),
        ("1200", "6 semaines", long_message.as_str(), "offer_message", "La proposition doit faire au plus"),
    ] {
        let page = offer(&dev, &ad, amount, timeframe, message).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error(field, error);
        assert_eq!(field_value(&page, "offer_amount"), amount);
        assert_eq!(field_value(&page, "offer_timeframe"), timeframe);
        assert_eq!(field_value(&page, "offer_message"), message);
    }
    assert_eq!(app.rows("ad_offers").await, 0);

    // A valid offer is shown to all, and the author is told.
    let page = offer(&dev, &ad, "1 200 €", "6 semaines", OFFER_MESSAGE).await;
    page.assert_redirect_to(ad.url());
    dev.follow(&page).await.assert_flash("Votre proposition est envoyée");
    let seen = public(&app, ad.url()).await;
    let amount = eur(1200);
    for said in ["1 proposition", "Dominique Développeuse", &amount, "6 semaines", OFFER_MESSAGE] {
        assert_says(&seen, said);
    }
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Nouvelle proposition") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains("Dominique Développeuse") && mail.body.contains(&eur(1200)), "{mail:?}");
    assert!(mail.body.contains("6 semaines") && mail.body.contains("/desabonnement?"), "{mail:?}");

    // Changing it tells nobody again.
    let page = offer(&dev, &ad, "1100", "5 semaines", OFFER_MESSAGE).await;
    page.assert_redirect_to(ad.url());
    let shown = dev.follow(&page).await;
    shown.assert_flash("Votre proposition est mise à jour");
    assert_says(&shown, &eur(1100));
    assert_eq!(field_value(&shown, "offer_amount"), "1100");
    assert_eq!(app.mails_to(AUTHOR).await.len(), 1);

    // A second offer, and an association that joins: both follow the ad from now on.
    let rival = seed.person("autre@exemple.org").named("Sacha Prestataire").await;
    let rival_offer = seed.offer(&rival, &ad, "900").await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "").await.assert_redirect_to(ad.url());
    assert_says(&public(&app, ad.url()).await, "2 propositions");

    // Only the author accepts.
    let dev_offer = offer_id(&app, &ad, "dev@exemple.org").await;
    let accept = ad.at(&format!("offres/{dev_offer}/accepter"));
    rival.get(ad.url()).await.assert_lacks(&format!("action=\"{accept}\""));
    post_from(&rival, ad.url(), &accept, &[]).await.assert_status(StatusCode::FORBIDDEN);
    post_from(&friend, ad.url(), &accept, &[]).await.assert_status(StatusCode::FORBIDDEN);
    app.client().post_raw(&accept, &[]).await.assert_redirect_to("/compte/connexion");
    assert_eq!(state(&app, &ad).await.accepted_cost, None);

    let page = author.submit(ad.url(), &accept, &[]).await;
    page.assert_redirect_to(ad.url());
    author.follow(&page).await.assert_flash("Proposition retenue");
    let st = state(&app, &ad).await;
    assert_eq!((st.status.as_str(), st.accepted_cost), ("published", Some(1100)));
    let seen = public(&app, ad.url()).await;
    let target = format!("sur {}", eur(1100));
    for said in ["Coût retenu", "Proposition retenue", "Coût de la proposition retenue", &target] {
        assert_says(&seen, said);
    }
    // Followers are told; the author, who acted, is not.
    for email in ["dev@exemple.org", "autre@exemple.org", FRIEND] {
        let mail = app.last_mail_to(email).await;
        assert!(mail.subject.contains("Proposition retenue") && mail.subject.contains(TITLE), "{email}: {mail:?}");
        assert!(mail.body.contains("Dominique Développeuse") && mail.body.contains(&eur(1100)), "{mail:?}");
        assert!(mail.body.contains("/desabonnement?"), "{mail:?}");
    }
    assert!(mails_with(&app, AUTHOR, "Proposition retenue").await.is_empty());

    // One offer only; then no new offers, and the accepted one is fixed.
    let page = post_from(&author, ad.url(), &ad.at(&format!("offres/{}/accepter", rival_offer.id)), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "Cette proposition ne peut pas être retenue");
    assert_eq!(state(&app, &ad).await.accepted_cost, Some(1100));
    let (late, _) = app.signed_in("tardif@exemple.org", &[]).await;
    late.get(ad.url()).await.assert_lacks(&offers_form);
    let page = post_from(&late, ad.url(), &ad.at("offres"), &fields).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "Cette annonce ne reçoit plus de propositions");
    post_from(&dev, ad.url(), &ad.at("offres"), &fields).await.assert_status(StatusCode::CONFLICT);
    let page = post_from(&dev, ad.url(), &ad.at("offres/retirer"), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "Votre proposition a été retenue");
    assert_eq!(app.rows("ad_offers").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM ad_offers WHERE status = 'accepted'").await, 1);
    for unknown in ["offres/424242/accepter", "offres/une-offre/accepter"] {
        post_from(&author, ad.url(), &ad.at(unknown), &[]).await.assert_status(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn an_offer_from_a_structure_team_shows_the_structure() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let team = "equipe@horizon.example";
    app.seed().structure("libre-horizon", "Coopérative Libre Horizon (fictive)").member(team).await;
    let team = app.sign_in_as(team).await;
    offer(&team, &ad, "2000", "2 mois", OFFER_MESSAGE).await.assert_redirect_to(ad.url());
    let page = public(&app, ad.url()).await;
    page.assert_contains("<a href=\"/annuaire/libre-horizon\">Coopérative Libre Horizon (fictive)</a>");
    assert_says(&page, &eur(2000));
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.body.contains("Coopérative Libre Horizon (fictive)"), "{mail:?}");
}
