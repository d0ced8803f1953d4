//! Joining an ad: pledges made, changed and withdrawn, and refused where the ad is not open.

use emancipasso::web::Role;

use super::*;
use crate::seed::{ASSOCIATION, TITLE};

#[tokio::test]
async fn associations_join_an_ad_change_their_pledge_and_withdraw_it() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let page = app.client().get(ad.url()).await;
    assert_says(&page, "1 association");
    assert_says(&page, "Nous aussi");
    page.assert_contains(ASSOCIATION).assert_contains("/compte/connexion?retour=");

    // Bad amounts and names, each next to its field, typed values kept.
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    for (amount, message) in [
        ("-20", "ne peut pas être négatif"),
        ("2000000", "Le montant doit être d'au plus"),
        ("trois cents", "en chiffres"),
        ("300,50", "sans centimes"),
        ("0", "supérieur à zéro"),
    ] {
        let page = pledge(&friend, &ad, FRIEND_NAME, amount).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_error(&page, "pledge_amount", message);
        assert_eq!(field_value(&page, "pledge_amount"), amount);
        assert_eq!(field_value(&page, "pledge_association"), FRIEND_NAME);
    }
    let page = pledge(&friend, &ad, "", "300").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "pledge_association", "Indiquez le nom de l'association");
    assert_eq!(field_value(&page, "pledge_amount"), "300");
    let long_name = "A".repeat(121);
    let page = pledge(&friend, &ad, &long_name, "300").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "pledge_association", "au plus 120 caractères");
    let pledges = format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", ad.id);
    assert_eq!(app.count(&pledges).await, 1);

    // Joining: counted, shown, and the author is told.
    let page = pledge(&friend, &ad, FRIEND_NAME, "300").await;
    page.assert_redirect_to(ad.url());
    let shown = friend.follow(&page).await;
    shown.assert_flash("Merci").assert_contains(FRIEND_NAME);
    assert_says(&shown, "2 associations");
    assert_says(&shown, &format!("{} promis", eur(300)));
    assert_says(&shown, "Modifier notre soutien");
    let seen = public(&app, ad.url()).await;
    seen.assert_contains(FRIEND_NAME);
    assert_says(&seen, "2 associations");
    assert_says(&seen, &format!("{} promis", eur(300)));
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains(&format!("{FRIEND_NAME} s'associe à votre annonce")), "{mail:?}");
    assert!(mail.body.contains(TITLE) && mail.body.contains(&eur(300)), "{mail:?}");
    assert!(mail.body.contains(&format!("{BASE_URL}{}", ad.url())), "{mail:?}");

    // Changing the pledge: no second email.
    let page = pledge(&friend, &ad, FRIEND_NAME, "500").await;
    page.assert_redirect_to(ad.url());
    let shown = friend.follow(&page).await;
    shown.assert_flash("Votre soutien est mis à jour");
    assert_says(&shown, "2 associations");
    assert_says(&shown, &format!("{} promis", eur(500)));
    assert_eq!(field_value(&shown, "pledge_amount"), "500");

    // Withdrawing it.
    let page = friend.submit(ad.url(), &ad.at("soutien/retirer"), &[]).await;
    page.assert_redirect_to(ad.url());
    friend.follow(&page).await.assert_flash("Votre soutien est retiré");
    let seen = public(&app, ad.url()).await;
    seen.assert_lacks(FRIEND_NAME);
    assert_says(&seen, "1 association");
    assert_eq!(app.count(&pledges).await, 1);

    // The association that posted the ad stays, and may record its own pledge.
    let page = post_from(&author, ad.url(), &ad.at("soutien/retirer"), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "y reste associée");
    pledge(&author, &ad, ASSOCIATION, "200").await.assert_redirect_to(ad.url());
    let seen = public(&app, ad.url()).await;
    assert_says(&seen, "1 association");
    assert_says(&seen, &format!("{} promis", eur(200)));
    assert_eq!(app.mails_to(AUTHOR).await.len(), 1);
}

#[tokio::test]
async fn pledges_are_refused_where_the_ad_is_not_open() {
    let app = TestApp::spawn().await;
    let (author, closed) = author_with_ad(&app, AUTHOR, "Une annonce que nous fermons déjà").await;
    let seed = app.seed();
    let expired = seed.published_ad(&author).title("Une annonce arrivée à son terme").status("expired").await;
    let draft = seed.draft_ad(&author).title("Un brouillon pas encore publié").await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &closed, FRIEND_NAME, "100").await.assert_redirect_to(closed.url());
    act(&author, &closed, "fermer", "Le besoin est couvert.").await.assert_redirect_to(closed.url());

    let fields = [("pledge_association", FRIEND_NAME), ("pledge_amount", "50")];
    for ad in [&closed, &expired] {
        let page = friend.get(ad.url()).await;
        page.assert_status(StatusCode::OK).assert_lacks(&format!("action=\"{}\"", ad.at("soutien")));
        let page = post_from(&friend, ad.url(), &ad.at("soutien"), &fields).await;
        page.assert_status(StatusCode::CONFLICT);
        let message = page.select_text(".error#e-pledge").unwrap_or_default();
        assert!(message.contains("n'est plus ouverte aux soutiens"), "{message:?} in:\n{}", page.body);
    }
    // A pledge on a closed ad is not withdrawn either: the commitment stays on record.
    let page = post_from(&friend, closed.url(), &closed.at("soutien/retirer"), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "n'est plus ouverte aux soutiens");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", closed.id)).await, 2);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", expired.id)).await, 1);

    // What is not public does not exist for others.
    post_from(&friend, NEW, &draft.at("soutien"), &fields).await.assert_status(StatusCode::NOT_FOUND);
    seed.set_ad_status(&draft, "pending").await;
    post_from(&friend, NEW, &draft.at("soutien"), &fields).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", draft.id)).await, 1);
}

/// Every id of the ad page is used once, so that the label of the pledged amount, its message
/// and the link of the error summary all lead to the amount field.
#[tokio::test]
async fn the_pledge_amount_field_has_an_id_of_its_own() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let page = friend.get(ad.url()).await;
    let duplicates = duplicate_ids(&page);
    assert!(duplicates.is_empty(), "ids used twice on the ad page: {duplicates:?}");
    let page = pledge(&friend, &ad, FRIEND_NAME, "-20").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("pledge_amount", "ne peut pas être négatif")
        .assert_field_value("pledge_amount", "-20");
}
