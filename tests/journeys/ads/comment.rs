//! Comments on an ad: sanitised, checked, limited, confirmed and shown to visitors.

use emancipasso::web::Role;

use super::*;
use crate::seed::TITLE;

#[tokio::test]
async fn comments_are_sanitised_checked_and_limited() {
    let app = TestApp::spawn_with(|c| c.rate_comments = 3).await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    assert_says(&app.client().get(ad.url()).await, "Connectez-vous pour poser une question");
    let friend = app.seed().association(FRIEND).named("Dominique Curieuse").await;
    let (reader, _) = app.signed_in("lectrice@exemple.org", &[]).await;

    let page =
        comment(&friend, &ad, "Nous aussi ! <script>alert('commentaire')</script> **Deux cents membres** ici.").await;
    page.assert_redirect_to(ad.url());
    let seen = reader.get(ad.url()).await;
    seen.assert_contains("<strong>Deux cents membres</strong>")
        .assert_lacks("<script>alert")
        .assert_contains("Dominique Curieuse");
    assert_says(&seen, "1 commentaire");

    // Empty or huge: refused next to the field, the text kept.
    let page = comment(&friend, &ad, "   ").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("comment", "Écrivez votre commentaire");
    let huge = "Très long. ".repeat(300);
    let page = comment(&friend, &ad, &huge).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("comment", "Le commentaire doit faire au plus");
    assert_eq!(field_value(&page, "comment"), huge);

    // A flood: the (rate_comments + 1)-th comment within the window waits, its text kept.
    comment(&friend, &ad, "Deuxième message de notre part.").await.assert_redirect_to(ad.url());
    comment(&friend, &ad, "Troisième message de notre part.").await.assert_redirect_to(ad.url());
    const FOURTH: &str = "Quatrième message, un de trop.";
    let page = comment(&friend, &ad, FOURTH).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS).assert_field_error("comment", "beaucoup de commentaires");
    assert_eq!(field_value(&page, "comment"), FOURTH);
    assert_eq!(app.rows("ad_comments").await, 3);
    reader.get(ad.url()).await.assert_lacks(FOURTH);
    // Someone else is not held back.
    comment(&author, &ad, "Deux cents membres, oui, et une trentaine de bénévoles.").await.assert_redirect_to(ad.url());

    // Followers are told, with the text but never the markup: the first comment at once, the
    // next ones collected and sent together once `ads_notice_minutes` have passed.
    let mails = mails_with(&app, AUTHOR, "Nouveau commentaire").await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(mails[0].subject.contains(TITLE), "{mails:#?}");
    assert!(mails[0].body.contains("Deux cents membres") && mails[0].body.contains("Dominique Curieuse"), "{mails:#?}");
    assert!(!mails[0].body.contains("<script>"), "{mails:#?}");
    assert!(mails_with(&app, FRIEND, "Nouveau commentaire").await.is_empty());
    assert_eq!(notices_due(&app, &ad).await, 2);
    let digest = app.last_mail_to(AUTHOR).await;
    assert!(digest.subject.contains("2 nouvelles"), "{digest:#?}");
    assert!(digest.body.contains("Deuxième message") && digest.body.contains("Troisième message"), "{digest:#?}");
    assert!(!digest.body.contains("une trentaine"), "the author is not told of their own comment");
    let mail = app.only_mail_to(FRIEND).await;
    assert!(mail.subject.contains("Nouveau commentaire") && mail.body.contains("une trentaine"), "{mail:#?}");

    // Only public ads take comments.
    let draft = app.seed().draft_ad(&author).title("Un brouillon à commenter").await;
    let page = post_from(&author, draft.url(), &draft.at("commentaires"), &[("comment", "Une note pour nous.")]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "pas publique");
    post_from(&friend, NEW, &draft.at("commentaires"), &[("comment", "Bonjour !")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

/// The confirmation of a comment must reach the server: a `?flash=` placed after the
/// `#commentaires` fragment never does.
#[tokio::test]
async fn a_posted_comment_is_confirmed() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let page = comment(&friend, &ad, "Nous aussi, nous sommes intéressés.").await;
    page.assert_redirect_to(ad.url());
    let location = page.location();
    let before_fragment = location.split('#').next().unwrap_or_default();
    assert!(before_fragment.contains("flash=flash-comment-posted"), "the flash is lost in {location}");
    friend.follow(&page).await.assert_flash("Commentaire publié");
}

/// Visitors' pages are cached until the next change of the ads: a new comment is such a change
/// (see also `moderation::a_removed_comment_disappears_for_visitors`).
#[tokio::test]
async fn a_new_comment_appears_for_visitors() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    engine_at_rest().await;
    app.client().get(ad.url()).await.assert_status(StatusCode::OK);
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    const QUESTION: &str = "Combien de membres comptez-vous ?";
    comment(&friend, &ad, QUESTION).await.assert_redirect_to(ad.url());
    friend.get(ad.url()).await.assert_contains(QUESTION);
    engine_at_rest().await;
    app.client().get(ad.url()).await.assert_contains(QUESTION);
}

/// Comments are collected like the other notices: a burst of comments is one email per
/// follower, and a comment a moderator removed before it left is never mailed.
#[tokio::test]
async fn a_burst_of_comments_is_one_email_and_removed_ones_are_not_told() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let friend = app.seed().association(FRIEND).named("Dominique Curieuse").await;
    let (other, _) = app.signed_in("autre@exemple.org", &[Role::Association]).await;
    comment(&friend, &ad, "Première question, envoyée tout de suite.").await.assert_redirect_to(ad.url());
    const SPAM: &str = "Achetez des montres pas chères sur notre site !";
    comment(&other, &ad, SPAM).await.assert_redirect_to(ad.url());
    comment(&friend, &ad, "Seconde question, gardée pour plus tard.").await.assert_redirect_to(ad.url());
    assert_eq!(mails_with(&app, AUTHOR, "").await.len(), 1);

    let spam =
        app.count(&format!("SELECT MAX(id) FROM ad_comments WHERE body LIKE '%montres%' AND ad_id = {}", ad.id)).await;
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let fields = [("decision", "retirer"), ("reason", "Publicité.")];
    post_from(&moderator, "/moderation", &format!("/moderation/commentaires/{spam}"), &fields)
        .await
        .assert_redirect_to("/moderation");
    notices_due(&app, &ad).await;
    let mails = mails_with(&app, AUTHOR, "").await;
    assert_eq!(mails.len(), 2, "{mails:#?}");
    assert!(mails[1].body.contains("Seconde question") && !mails[1].body.contains("montres"), "{mails:#?}");
}
