//! Following an ad: the emails followers get, in their own language, and unfollowing from the
//! page or in one click from an email.

use emancipasso::web::Role;

use super::*;
use crate::seed::{OFFER_MESSAGE, TITLE};

#[tokio::test]
async fn followers_unsubscribe_in_one_click_from_their_email() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let other_ad = app.seed().published_ad(&author).title("Une autre annonce de notre association").await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    comment(&friend, &ad, "Bonjour, combien de membres avez-vous ?").await.assert_redirect_to(ad.url());
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Nouveau commentaire") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains("combien de membres"), "{mail:?}");
    let link = unsubscribe_link(&mail);
    let author_id = app.user_id(AUTHOR).await;
    let friend_id = app.user_id(FRIEND).await;
    assert!(link.starts_with(&format!("/annonces/{}/desabonnement?u={author_id}&t=", ad.id)), "{link}");

    // Tampered links lead nowhere.
    let token = link.split("&t=").nth(1).expect("token").to_owned();
    let flipped = format!("{}{}", if token.starts_with('0') { '1' } else { '0' }, &token[1..]);
    let bad_links = [
        format!("/annonces/{}/desabonnement?u={author_id}&t={flipped}", ad.id),
        format!("/annonces/{}/desabonnement?u={friend_id}&t={token}", ad.id),
        format!("/annonces/{}/desabonnement?u={author_id}&t={token}", other_ad.id),
        format!("/annonces/{}/desabonnement?u={author_id}", ad.id),
        format!("/annonces/{}/desabonnement?u=moi&t={token}", ad.id),
    ];
    let visitor = app.client();
    for bad in &bad_links {
        visitor.get(bad).await.assert_status(StatusCode::NOT_FOUND);
    }

    // Opening the link changes nothing; its button does, without signing in.
    let page = visitor.get(&link).await;
    page.assert_status(StatusCode::OK).assert_contains(TITLE);
    assert_says(&page, "Ne plus recevoir d'e-mails sur cette annonce");
    let csrf = page.csrf_for(&link);
    for bad in &bad_links {
        visitor.post_raw(bad, &[("_csrf", &csrf)]).await.assert_status(StatusCode::NOT_FOUND);
    }
    let follows = format!("SELECT COUNT(*) FROM ad_follows WHERE ad_id = {} AND user_id = {author_id}", ad.id);
    assert_eq!(app.count(&follows).await, 1);
    let page = visitor.submit(&link, &link, &[]).await;
    page.assert_status(StatusCode::OK);
    assert_says(&page, "vous ne recevrez plus d'e-mails sur cette annonce");
    assert_eq!(app.count(&follows).await, 0);
    assert!(visitor.cookies.lock().expect("jar").is_empty());

    // No more emails about this ad.
    comment(&friend, &ad, "Autre question : quel est votre budget ?").await.assert_redirect_to(ad.url());
    notices_due(&app, &ad).await;
    assert_eq!(app.mails_to(AUTHOR).await.len(), 1);
    // Others still are, each with a link of their own.
    comment(&author, &ad, "Environ deux cents membres.").await.assert_redirect_to(ad.url());
    notices_due(&app, &ad).await;
    let mail = app.last_mail_to(FRIEND).await;
    assert!(mail.body.contains("Environ deux cents membres"), "{mail:?}");
    assert!(unsubscribe_link(&mail).contains(&format!("u={friend_id}&t=")), "{mail:?}");
}

#[tokio::test]
async fn following_and_unfollowing_from_the_ad_page() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (reader, _) = app.signed_in("lectrice@exemple.org", &[]).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let follow = ad.at("suivre");

    let page = reader.get(ad.url()).await;
    assert_says(&page, "Suivre cette annonce");
    assert_eq!(
        page.attr(&format!("form[action=\"{follow}\"] input[name=\"follow\"]"), "value").as_deref(),
        Some("oui")
    );
    let page = reader.submit(ad.url(), &follow, &[]).await;
    page.assert_redirect_to(ad.url());
    let shown = reader.follow(&page).await;
    shown.assert_flash("Vous suivez cette annonce");
    assert_says(&shown, "Ne plus suivre");
    comment(&friend, &ad, "Une première question sur le budget.").await.assert_redirect_to(ad.url());
    let mails = mails_with(&app, "lectrice@exemple.org", "Nouveau commentaire").await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(mails[0].body.contains("Une première question sur le budget."), "{mails:#?}");

    let page = reader.submit(ad.url(), &follow, &[]).await;
    page.assert_redirect_to(ad.url());
    let shown = reader.follow(&page).await;
    shown.assert_flash("Vous ne suivez plus cette annonce");
    assert_says(&shown, "Suivre cette annonce");
    comment(&friend, &ad, "Une seconde question sur le calendrier.").await.assert_redirect_to(ad.url());
    notices_due(&app, &ad).await;
    assert_eq!(app.mails_to("lectrice@exemple.org").await.len(), 1);

    // Someone else's draft cannot be followed.
    let draft = app.seed().draft_ad(&author).title("Un brouillon à suivre").await;
    post_from(&reader, NEW, &draft.at("suivre"), &[("follow", "oui")]).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_follows WHERE ad_id = {}", draft.id)).await, 1);
}

/// Each follower reads amounts as written in their language ("€1,500" in English).
#[tokio::test]
async fn amounts_in_emails_follow_the_language_of_each_recipient() {
    let app = TestApp::spawn().await;
    let author = app.seed().association("asso@gardens.example").english().await;
    let ad = app.seed().published_ad(&author).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "1500").await.assert_redirect_to(ad.url());
    let mail = app.only_mail_to("asso@gardens.example").await;
    assert!(mail.subject.contains("joins your ad"), "{mail:?}");
    let english = format_euros(Lang::En, 1500);
    assert!(mail.body.contains(&english), "{english:?} not in {mail:?}");
    let (dev, _) = app.signed_in("dev@exemple.org", &[]).await;
    offer(&dev, &ad, "1200", "6 weeks", OFFER_MESSAGE).await.assert_redirect_to(ad.url());
    let mail = app.last_mail_to("asso@gardens.example").await;
    assert!(mail.subject.contains("New offer"), "{mail:?}");
    let english = format_euros(Lang::En, 1200);
    assert!(mail.body.contains(&english), "{english:?} not in {mail:?}");
}
