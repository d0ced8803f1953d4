//! Moderation of ads and comments: pre-moderation, reports, removals and the journal.

use emancipasso::config::Moderation;
use emancipasso::web::Role;

use super::*;
use crate::seed::TITLE;

#[tokio::test]
async fn pre_moderation_holds_ads_and_comments_until_a_moderator_decides() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let (author, _) = app.signed_in(AUTHOR, &[Role::Association]).await;
    let page = author.submit(NEW, NEW, AD).await;
    page.assert_redirect_to("/annonces/");
    let first = Ad::from_location(&page.location());
    let shown = author.follow(&page).await;
    shown.assert_flash("envoyée à l'équipe de modération");
    assert_says(&shown, "attend la validation");
    assert_eq!(state(&app, &first).await.status, "pending");
    const SECOND: &str = "Mutualiser un serveur Nextcloud entre associations";
    let seed = app.seed();
    let second = seed.published_ad(&author).title(SECOND).kind("mutualisation").software("nextcloud").await;

    // Out of sight for everyone else.
    let visitor = app.client();
    let other = seed.association("curieux@exemple.org").named("Dominique Curieuse").await;
    let (reader, _) = app.signed_in("lectrice@exemple.org", &[]).await;
    for ad in [&first, &second] {
        visitor.get(ad.url()).await.assert_status(StatusCode::NOT_FOUND);
        other.get(ad.url()).await.assert_status(StatusCode::NOT_FOUND);
    }

    // Two moderators have the queue open.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let (late, _) = app.signed_in("second@emancipasso.example", &[Role::Moderator]).await;
    let publish_first = format!("/moderation/annonces/{}", first.id);
    let late_token = late.get("/moderation").await.csrf_for(&publish_first);
    let queue = moderator.get("/moderation").await;
    queue.assert_status(StatusCode::OK).assert_contains("Annonces (2)").assert_contains(TITLE).assert_contains(SECOND);
    moderator.get(first.url()).await.assert_status(StatusCode::OK).assert_contains(TITLE);
    other.get("/moderation").await.assert_status(StatusCode::FORBIDDEN);

    // Published: public, listed, and the author is told.
    decide(&moderator, &publish_first, "publier", "").await.assert_redirect_to("/moderation");
    let st = state(&app, &first).await;
    assert_eq!(st.status, "published");
    assert!(st.expires_at.is_some_and(|at| at > db::now() + 100 * 86_400), "{st:?}");
    visitor.get(first.url()).await.assert_status(StatusCode::OK).assert_contains(TITLE);
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Votre annonce est publiée") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains(&format!("{BASE_URL}{}", first.url())), "{mail:?}");
    wait_for_list(&app, "/annonces", TITLE, true).await;
    visitor.get("/annonces").await.assert_lacks(SECOND);

    // The second moderator comes too late.
    let page = late
        .post_raw(&publish_first, &[("_csrf", &late_token), ("decision", "refuser"), ("reason", "Trop vague.")])
        .await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "déjà été traité");
    assert_eq!(state(&app, &first).await.status, "published");

    // Refusing needs a reason, which the author receives.
    let decide_second = format!("/moderation/annonces/{}", second.id);
    let page = decide(&moderator, &decide_second, "refuser", "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_says(&page, "Indiquez le motif du refus");
    assert_eq!(state(&app, &second).await.status, "pending");
    const REASON: &str = "Précisez le besoin et les associations concernées.";
    decide(&moderator, &decide_second, "refuser", REASON).await.assert_redirect_to("/moderation");
    let mail = app.last_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("pas été publiée") && mail.subject.contains(SECOND), "{mail:?}");
    assert!(mail.body.contains(REASON), "{mail:?}");
    assert_eq!(state(&app, &second).await.status, "refused");
    visitor.get(second.url()).await.assert_status(StatusCode::NOT_FOUND);
    let page = author.get(second.url()).await;
    assert_says(&page, "Refusée");
    assert_says(&page, REASON);

    // The author submits it again: back in the queue.
    let page = act(&author, &second, "publier", "").await;
    page.assert_redirect_to(second.url());
    author.follow(&page).await.assert_flash("envoyée à l'équipe de modération");
    assert_eq!(state(&app, &second).await.status, "pending");
    moderator.get("/moderation").await.assert_contains("Annonces (1)").assert_contains(SECOND);

    // Comments wait for a moderator too; only their author sees them meanwhile.
    const COMMENT: &str = "Nous aussi, nous cherchons un outil pour nos adhésions.";
    let pending = seed.comment(&other, &first, COMMENT).await;
    let page = other.get(first.url()).await;
    page.assert_contains(COMMENT);
    assert_says(&page, "en attente de modération");
    reader.get(first.url()).await.assert_lacks(COMMENT);
    assert!(mails_with(&app, AUTHOR, "Nouveau commentaire").await.is_empty());
    moderator.get("/moderation").await.assert_contains("Commentaires (1)").assert_contains(COMMENT);
    decide(&moderator, &format!("/moderation/commentaires/{}", pending.id), "publier", "")
        .await
        .assert_redirect_to("/moderation");
    reader.get(first.url()).await.assert_contains(COMMENT);
    let mails = mails_with(&app, AUTHOR, "Nouveau commentaire").await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(mails[0].subject.contains(TITLE) && mails[0].body.contains("Dominique Curieuse"), "{mails:#?}");
    assert!(mails_with(&app, "curieux@exemple.org", "Nouveau commentaire").await.is_empty());
}

/// Under pre-moderation, an ad no moderator approved must not become public by being closed.
#[tokio::test]
async fn closing_a_pending_ad_does_not_make_it_public() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    assert_eq!(state(&app, &ad).await.status, "pending");
    act(&author, &ad, "fermer", "Finalement, nous avons trouvé.").await.assert_redirect_to(ad.url());
    // Back to the drafts: out of the queue, still visible to its author only.
    assert_eq!(state(&app, &ad).await.status, "draft");
    public(&app, ad.url()).await.assert_status(StatusCode::NOT_FOUND);
    let (other, _) = app.signed_in("curieux@exemple.org", &[]).await;
    other.get(ad.url()).await.assert_status(StatusCode::NOT_FOUND);
    app.state.ads.refresh().await.expect("refresh");
    app.client().get("/annonces?statut=fermee").await.assert_lacks(TITLE);
}

#[tokio::test]
async fn reported_ads_and_comments_are_removed_by_moderators() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let friend = app.seed().association(FRIEND).await;
    const SPAM: &str = "Achetez des montres pas chères sur notre site !";
    let cid = app.seed().comment(&friend, &ad, SPAM).await.id;

    // A visitor reports the ad: a reason is needed, what was typed is kept.
    let visitor = app.client();
    let report = ad.at("signaler");
    let page = visitor.get(&report).await;
    page.assert_status(StatusCode::OK).assert_contains(TITLE);
    const WHY: &str = "Ce n'est pas un besoin associatif.";
    let page = visitor.submit(&report, &report, &[("report_message", WHY)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "report_reason", "Choisissez une raison");
    assert_eq!(field_value(&page, "report_message"), WHY);
    let page = visitor.submit(&report, &report, &[("report_reason", "n-importe"), ("report_message", WHY)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "report_reason", "Ce choix n'existe pas");
    let fields = [("report_reason", "spam"), ("report_message", WHY), ("report_email", "pas-une-adresse")];
    let page = visitor.submit(&report, &report, &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("report_email", "n'est pas valide")
        .assert_field_value("report_email", "pas-une-adresse");
    assert_eq!(field_value(&page, "report_reason"), "spam");
    let fields = [("report_reason", "abuse"), ("report_message", WHY), ("report_email", "temoin@exemple.org")];
    visitor.submit(&report, &report, &fields).await.assert_redirect_to(ad.url());

    // And the comment.
    let comment_report = format!("{report}?commentaire={cid}");
    let page = visitor.get(&comment_report).await;
    page.assert_status(StatusCode::OK).assert_contains(SPAM);
    assert_says(&page, "Signaler un commentaire");
    visitor.submit(&comment_report, &comment_report, &[("report_reason", "spam")]).await.assert_redirect_to(ad.url());
    for unknown in ["424242", "abc"] {
        visitor.get(&format!("{report}?commentaire={unknown}")).await.assert_status(StatusCode::NOT_FOUND);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM reports WHERE status = 'open'").await, 2);

    // Both wait in the moderation queue.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let (late, _) = app.signed_in("second@emancipasso.example", &[Role::Moderator]).await;
    let queue = moderator.get("/moderation").await;
    queue.assert_contains("Signalements (2)").assert_contains(TITLE).assert_contains(SPAM);
    assert_says(&queue, WHY);
    let remove_ad = format!("/moderation/annonces/{}", ad.id);
    let remove_comment = format!("/moderation/commentaires/{cid}");
    let late_token = late.get("/moderation").await.csrf_for(&remove_ad);
    for action in [&remove_ad, &remove_comment] {
        let fields = [("decision", "retirer"), ("reason", "Je ne suis pas d'accord.")];
        post_from(&friend, ad.url(), action, &fields).await.assert_status(StatusCode::FORBIDDEN);
    }

    // The comment is removed; its author is told why.
    decide(&moderator, &remove_comment, "retirer", "").await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    const COMMENT_REASON: &str = "Publicité sans rapport avec l'annonce.";
    decide(&moderator, &remove_comment, "retirer", COMMENT_REASON).await.assert_redirect_to("/moderation");
    author.get(ad.url()).await.assert_status(StatusCode::OK).assert_lacks(SPAM);
    let mail = app.last_mail_to(FRIEND).await;
    assert!(mail.subject.contains("retiré"), "{mail:?}");
    assert!(mail.body.contains(TITLE) && mail.body.contains(COMMENT_REASON), "{mail:?}");

    // The ad is removed, with a reason.
    let page = decide(&moderator, &remove_ad, "retirer", "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_says(&page, "Indiquez le motif");
    let page = decide(&moderator, &remove_ad, "n-importe", "Pour voir.").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_says(&page, "Cette décision n'existe pas");
    assert_eq!(state(&app, &ad).await.status, "published");
    const AD_REASON: &str = "Annonce publicitaire déguisée.";
    decide(&moderator, &remove_ad, "retirer", AD_REASON).await.assert_redirect_to("/moderation");
    assert_eq!(state(&app, &ad).await.status, "removed");
    public(&app, ad.url()).await.assert_status(StatusCode::NOT_FOUND);
    friend.get(ad.url()).await.assert_status(StatusCode::NOT_FOUND);
    public(&app, &report).await.assert_status(StatusCode::NOT_FOUND);
    let page = author.get(ad.url()).await;
    page.assert_status(StatusCode::OK);
    assert_says(&page, "Retirée");
    assert_says(&page, AD_REASON);
    let mail = app.last_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("a été retirée") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains(AD_REASON), "{mail:?}");
    wait_for_list(&app, "/annonces", TITLE, false).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM reports WHERE status = 'open'").await, 0);

    // The second moderator is too late.
    let page =
        late.post_raw(&remove_ad, &[("_csrf", &late_token), ("decision", "retirer"), ("reason", "Doublon.")]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "déjà été traité");

    // Every decision is in the journal.
    let (admin, _) = app.signed_in("admin@emancipasso.example", &[Role::Admin]).await;
    let journal = admin.get("/admin/journal").await;
    journal
        .assert_status(StatusCode::OK)
        .assert_contains("ad.remove")
        .assert_contains("comment.remove")
        .assert_contains(&format!("ad:{}", ad.id))
        .assert_contains(AD_REASON);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ad.remove'").await, 1);
}

/// Visitors' pages are cached until the next change of the ads: a comment removed by a
/// moderator is such a change, or it stays on show for `page_cache_seconds` (30 s).
#[tokio::test]
async fn a_removed_comment_disappears_for_visitors() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let friend = app.seed().association(FRIEND).await;
    const SPAM: &str = "Achetez des montres pas chères sur notre site !";
    let cid = app.seed().comment(&friend, &ad, SPAM).await.id;
    engine_at_rest().await;
    app.client().get(ad.url()).await.assert_contains(SPAM);
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let fields = [("decision", "retirer"), ("reason", "Publicité.")];
    post_from(&moderator, "/moderation", &format!("/moderation/commentaires/{cid}"), &fields)
        .await
        .assert_redirect_to("/moderation");
    friend.get(ad.url()).await.assert_lacks(SPAM);
    engine_at_rest().await;
    app.client().get(ad.url()).await.assert_lacks(SPAM);
}
