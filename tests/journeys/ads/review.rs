//! Changes to a public ad go back to the moderators: under pre-moderation they wait, the
//! public page keeping the approved text; under post-moderation they are live and show in the
//! queue as edited since publication. The queue shows them field by field, and a decision on an
//! ad that changed since the moderator saw it is refused.

use emancipasso::config::Moderation;
use emancipasso::web::Role;

use super::*;
use crate::seed::{BODY, TITLE};

const SPAM_TITLE: &str = "Gagnez 5000 euros par semaine";
const SPAM_BODY: &str = "Cliquez ici : https://spam.example/gagner";
const MODERATOR: &str = "moderation@emancipasso.example";

fn edit_url(ad: &Ad) -> String {
    format!("/annonces/{}/modifier", ad.id)
}

/// The author saves their ad with `changes`.
async fn edit(author: &Client, ad: &Ad, changes: &[(&str, &str)]) -> Page {
    let url = edit_url(ad);
    author.submit(&url, &url, &ad_with(changes)).await
}

/// A decision posted with the form of a queue page loaded earlier: what a moderator who kept
/// the queue open sends.
async fn decide_from(moderator: &Client, queue: &Page, action: &str, decision: &str, reason: &str) -> Page {
    let hidden = queue.hidden_inputs(action);
    let mut fields: Vec<(&str, &str)> = hidden.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    fields.extend([("decision", decision), ("reason", reason)]);
    moderator.post_raw(action, &fields).await
}

#[tokio::test]
async fn under_pre_moderation_changes_to_a_published_ad_wait_for_a_moderator() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (moderator, _) = app.signed_in(MODERATOR, &[Role::Moderator]).await;
    decide(&moderator, &format!("/moderation/annonces/{}", ad.id), "publier", "")
        .await
        .assert_redirect_to("/moderation");
    assert_eq!(state(&app, &ad).await.status, "published");

    // The author rewrites the approved ad into an advertisement: it waits.
    let page = edit(&author, &ad, &[("title", SPAM_TITLE), ("body", SPAM_BODY)]).await;
    page.assert_redirect_to(ad.url());
    author.follow(&page).await.assert_flash("envoyées à l'équipe de modération");
    let seen = public(&app, ad.url()).await;
    seen.assert_status(StatusCode::OK).assert_contains(TITLE).assert_lacks(SPAM_TITLE).assert_lacks("spam.example");
    wait_for_list(&app, "/annonces", TITLE, true).await;
    app.client().get("/annonces").await.assert_lacks(SPAM_TITLE);
    // Its author sees that the change waits, and goes on from it.
    let page = author.get(ad.url()).await;
    assert_says(&page, "Vos modifications du");
    assert_says(&page, "attendent la validation");
    assert_eq!(field_value(&author.get(&edit_url(&ad)).await, "title"), SPAM_TITLE);
    // The waiting text is the author's data too: their export holds it.
    let export: serde_json::Value = serde_json::from_str(&author.get("/compte/export").await.body).expect("JSON");
    let waiting = &export["ads"]["changes_awaiting_review"][0];
    assert_eq!((&waiting["new_title"], &waiting["new_body"]), (&SPAM_TITLE.into(), &SPAM_BODY.into()), "{export}");

    // The queue shows what changed, field by field.
    let queue = moderator.get("/moderation").await;
    assert_says(&queue, "Annonces modifiées depuis leur validation (1)");
    queue.assert_contains(TITLE).assert_contains(SPAM_TITLE).assert_contains(SPAM_BODY).assert_contains(BODY);

    // The author changes it again while the moderator reads: the decision taken on what the
    // moderator saw is refused, and changes nothing.
    let changes = format!("/moderation/annonces/{}/modifications", ad.id);
    const SPAM_BODY_2: &str = "Encore mieux : https://spam.example/promo";
    edit(&author, &ad, &[("title", SPAM_TITLE), ("body", SPAM_BODY_2)]).await.assert_redirect_to(ad.url());
    let page = decide_from(&moderator, &queue, &changes, "accepter", "").await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "a changé depuis que vous avez ouvert la file");
    page.assert_contains(SPAM_BODY_2);
    public(&app, ad.url()).await.assert_contains(TITLE).assert_lacks(SPAM_TITLE);

    // Refused, with a reason the author receives; the approved text stays.
    decide(&moderator, &changes, "refuser", "").await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    const REASON: &str = "Une annonce ne peut pas devenir une publicité.";
    decide(&moderator, &changes, "refuser", REASON).await.assert_redirect_to("/moderation");
    let mail = app.last_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("n'ont pas été publiées") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains(REASON), "{mail:?}");
    public(&app, ad.url()).await.assert_contains(TITLE).assert_lacks(SPAM_TITLE);
    assert!(!text(&author.get(ad.url()).await).contains("attendent la validation"));
    assert!(!text(&moderator.get("/moderation").await).contains("Annonces modifiées depuis leur validation ("));

    // An honest change, approved: public from then on.
    const BETTER: &str = "Nous cherchons un outil libre pour les adhésions de nos 250 membres, avec export comptable.";
    edit(&author, &ad, &[("body", BETTER)]).await.assert_redirect_to(ad.url());
    public(&app, ad.url()).await.assert_lacks(BETTER);
    decide(&moderator, &changes, "accepter", "").await.assert_redirect_to("/moderation");
    public(&app, ad.url()).await.assert_contains(BETTER);
    let mail = app.last_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Vos modifications sont publiées"), "{mail:?}");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ad.changes.refuse'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ad.changes.accept'").await, 1);
    // Nothing left to decide: a second moderator is told so.
    let page = moderator.post_raw(&changes, &[("_csrf", &queue.csrf_for(&changes)), ("decision", "accepter")]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "déjà été traité");
}

#[tokio::test]
async fn under_post_moderation_changes_to_a_published_ad_show_in_the_queue() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (moderator, _) = app.signed_in(MODERATOR, &[Role::Moderator]).await;
    assert!(!text(&moderator.get("/moderation").await).contains("Annonces modifiées depuis leur validation ("));

    // Live at once, and in the queue with the text as it was published.
    let page = edit(&author, &ad, &[("title", SPAM_TITLE)]).await;
    let ad = Ad::from_location(&page.location());
    author.follow(&page).await.assert_flash("Modifications enregistrées");
    public(&app, ad.url()).await.assert_contains(SPAM_TITLE);
    edit(&author, &ad, &[("title", SPAM_TITLE), ("body", SPAM_BODY)]).await.assert_redirect_to(ad.url());
    let queue = moderator.get("/moderation").await;
    assert_says(&queue, "Annonces modifiées depuis leur validation (1)");
    assert_says(&queue, "Modifiée depuis sa publication");
    queue.assert_contains(TITLE).assert_contains(SPAM_TITLE).assert_contains(BODY).assert_contains(SPAM_BODY);

    // Restored, with a reason the author receives.
    let changes = format!("/moderation/annonces/{}/modifications", ad.id);
    const REASON: &str = "Le lien ajouté mène vers une publicité.";
    decide(&moderator, &changes, "refuser", REASON).await.assert_redirect_to("/moderation");
    let page = public(&app, &format!("/annonces/{}", ad.id)).await;
    let page = if page.status == StatusCode::OK { page } else { app.client().get(&page.location()).await };
    page.assert_contains(TITLE).assert_lacks(SPAM_TITLE).assert_lacks("spam.example");
    let mail = app.last_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("annulées") && mail.body.contains(REASON), "{mail:?}");
    assert!(!text(&moderator.get("/moderation").await).contains("Annonces modifiées depuis leur validation ("));

    // A change accepted stays, and leaves the queue.
    let original = Ad::from_location(&edit(&author, &ad, &[("tags", "adhésions, compta, export")]).await.location());
    let queue = moderator.get("/moderation").await;
    assert_says(&queue, "Annonces modifiées depuis leur validation (1)");
    decide(&moderator, &changes, "accepter", "").await.assert_redirect_to("/moderation");
    assert!(!text(&moderator.get("/moderation").await).contains("Annonces modifiées depuis leur validation ("));
    assert_says(&public(&app, original.url()).await, "export");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ad.edit.revert'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ad.edit.accept'").await, 1);
}

#[tokio::test]
async fn a_decision_on_a_pending_ad_changed_since_it_was_shown_is_refused() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (moderator, _) = app.signed_in(MODERATOR, &[Role::Moderator]).await;
    let publish = format!("/moderation/annonces/{}", ad.id);
    let queue = moderator.get("/moderation").await;
    queue.assert_contains(TITLE);

    // The author rewrites it while the moderator reads the queue.
    edit(&author, &ad, &[("title", SPAM_TITLE), ("body", SPAM_BODY)]).await.assert_redirect_to("/annonces/");
    assert_eq!(state(&app, &ad).await.status, "pending");
    let page = decide_from(&moderator, &queue, &publish, "publier", "").await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "a changé depuis que vous avez ouvert la file");
    page.assert_contains(SPAM_TITLE);
    assert_eq!(state(&app, &ad).await.status, "pending");
    // A publication without the version seen is refused the same way.
    let page = moderator.post_raw(&publish, &[("_csrf", &queue.csrf_for(&publish)), ("decision", "publier")]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_eq!(state(&app, &ad).await.status, "pending");

    // Decided on what the moderator now sees.
    decide(&moderator, &publish, "refuser", "Une publicité n'est pas une annonce.")
        .await
        .assert_redirect_to("/moderation");
    assert_eq!(state(&app, &ad).await.status, "refused");
}

/// Under pre-moderation, what participants type on a public ad and nobody reviews (an offer's
/// message and time frame, the name of a person without an approved structure, the names given
/// to pledges) is shown to the author and its writer, not to the public nor in the followers'
/// emails.
#[tokio::test]
async fn under_pre_moderation_what_participants_type_stays_off_the_public_page() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (moderator, _) = app.signed_in(MODERATOR, &[Role::Moderator]).await;
    decide(&moderator, &format!("/moderation/annonces/{}", ad.id), "publier", "")
        .await
        .assert_redirect_to("/moderation");
    let reader = app.seed().association("lectrice@exemple.org").await;
    reader.submit(ad.url(), &ad.at("suivre"), &[]).await.assert_redirect_to(ad.url());
    const NAME: &str = "Promo sur spam.example";
    let developer = app.seed().person("dev@exemple.org").named(NAME).await;
    offer(&developer, &ad, "800", "voir spam.example/delai", "Cliquez sur https://spam.example/offre").await;
    pledge(&reader, &ad, "Casino spam.example", "100").await.assert_redirect_to(ad.url());

    let public = app.client().get(ad.url()).await;
    public.assert_status(StatusCode::OK).assert_lacks("spam.example");
    assert_says(&public, "Une personne (sans structure validée)");
    assert_says(&public, "Une association");
    // The author reads everything; the writer reads their own.
    author.get(ad.url()).await.assert_contains("https://spam.example/offre").assert_contains("Casino spam.example");
    developer.get(ad.url()).await.assert_contains("https://spam.example/offre").assert_lacks("Casino spam.example");
    // The followers' email of the offer holds the amount and nothing typed.
    let mail = app.mails_to("lectrice@exemple.org").await.into_iter().find(|m| m.subject.contains("proposition"));
    let mail = mail.expect("the offer's notice");
    assert!(mail.body.contains("Une personne propose") && !mail.body.contains("spam.example"), "{mail:#?}");
}
