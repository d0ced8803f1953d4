//! Vetting: from a new, invisible structure to a listed one, through a declared accompaniment,
//! the association's recommendation and the moderators' decisions; and the abuse cases.

use emancipasso::db;
use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::harness::{Client, TestApp};

const PROFILE: &[(&str, &str)] = &[
    ("name", "Les Nuages Solidaires (fictif)"),
    ("pitch", "Hébergement Nextcloud et formations pour les associations bretonnes."),
    ("legal_form", "association"),
    ("website", "https://nuages.example"),
    ("contact_email", "contact@nuages.example"),
    ("postcode", "35000"),
    ("services", "diagnostic"),
    ("software", "nextcloud"),
];

const PROJECT: &[(&str, &str)] = &[
    ("association_name", "Les Jardins Partagés (fictifs)"),
    ("contact_email", "presidence@jardins.example"),
    ("summary", "Migration de Google Drive vers Nextcloud et formation de 12 bénévoles."),
    ("services", "diagnostic"),
    ("software", "nextcloud"),
    ("period_start", "2025-01"),
    ("period_end", "2025-03"),
    ("outcome", "Les bénévoles partagent leurs documents en autonomie."),
];

const RECOMMENDATION: &[(&str, &str)] = &[
    ("association_name", "Les Jardins Partagés (fictifs)"),
    ("body", "Une équipe à l'écoute, des explications claires : nous sommes autonomes sur Nextcloud."),
    ("listening", "oui"),
    ("clarity", "oui"),
    ("autonomy", "en-partie"),
    ("would_recommend", "oui"),
];

/// A team with a structure submitted to the moderators; returns its client and id.
async fn submitted_structure(app: &TestApp, email: &str) -> (Client, i64) {
    let (team, _) = app.signed_in(email, &[]).await;
    team.submit("/espace/structure", "/espace/structure", PROFILE).await.assert_redirect_to("/espace/structure");
    team.submit("/espace/structure", "/espace/structure/soumettre", &[]).await.assert_redirect_to("/espace/structure");
    (team, app.team_structure_id(email).await)
}

async fn decide(moderator: &Client, action: &str, decision: &str, reason: &str) -> crate::harness::Page {
    moderator.submit("/moderation", action, &[("decision", decision), ("reason", reason)]).await
}

#[tokio::test]
async fn a_structure_becomes_listed_through_an_accompaniment_and_a_recommendation() {
    let app = TestApp::spawn().await;
    let (team, id) = submitted_structure(&app, "equipe@nuages.example").await;
    app.client().get("/annuaire/les-nuages-solidaires-fictif").await.assert_status(StatusCode::NOT_FOUND);

    // A moderator approves the structure: still invisible without a recommendation.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let queue = moderator.get("/moderation").await;
    queue.assert_contains("Structures à valider (1)").assert_contains("Les Nuages Solidaires (fictif)");
    decide(&moderator, &format!("/moderation/structures/{id}"), "approuver", "")
        .await
        .assert_redirect_to("/moderation");
    assert!(app.last_mail_to("equipe@nuages.example").await.subject.contains("est validée"));
    app.state.directory.refresh().await.unwrap();
    app.client().get("/annuaire/les-nuages-solidaires-fictif").await.assert_status(StatusCode::NOT_FOUND);
    team.get("/espace/structure").await.assert_contains("Au moins 1 recommandation(s) publiée(s)");

    // The team declares an accompaniment; bad input first.
    let page = team
        .post_form(
            "/espace/structure/accompagnements/nouveau",
            &[
                ("association_name", "J"),
                ("contact_email", "non"),
                ("period_start", "2025-05"),
                ("period_end", "2025-02"),
            ],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("association_name", "2 caractères au moins")
        .assert_field_error("contact_email", "n'est pas valide")
        .assert_field_error("summary", "quelques phrases")
        .assert_field_error("period_end", "après le début")
        .assert_field_value("period_start", "2025-05");
    let page = team.post_form("/espace/structure/accompagnements/nouveau", PROJECT).await;
    page.assert_redirect_to("/espace/structure/accompagnements/nouveau");
    team.follow(&page).await.assert_flash("La demande de recommandation est envoyée").assert_contains("lien envoyé");

    // The association follows the link, without an account.
    let mail = app.only_mail_to("presidence@jardins.example").await;
    assert!(
        mail.subject.contains("vous demande une recommandation") && mail.body.contains("Migration de Google Drive")
    );
    let link = mail.link();
    let association = app.client();
    let page = association.get(&link).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Migration de Google Drive")
        .assert_field_value("association_name", "Les Jardins Partagés (fictifs)");
    let page = association.post_form(&link, &[("body", "Bien."), ("listening", "peut-être")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("30 caractères au moins")
        .assert_contains("Choisissez une réponse")
        .assert_contains("existe pas");
    let page = association.post_form(&link, RECOMMENDATION).await;
    page.assert_status(StatusCode::OK).assert_contains("Merci pour votre recommandation");
    let receipt = app.last_mail_to("presidence@jardins.example").await;
    assert!(receipt.link().starts_with("/recommandation/retirer?jeton="));
    // The link worked once.
    association.get(&link).await.assert_status(StatusCode::GONE).assert_contains("déjà servi");

    // The moderator publishes it: the structure is listed, with the accompaniment summary.
    let queue = moderator.get("/moderation").await;
    queue.assert_contains("Recommandations à vérifier (1)").assert_contains("nous sommes autonomes");
    let reco = app.newest_id("recommendations").await;
    decide(&moderator, &format!("/moderation/recommandations/{reco}"), "publier", "Vérifiée")
        .await
        .assert_redirect_to("/moderation");
    app.state.directory.refresh().await.unwrap();
    let profile = app.client().get("/annuaire/les-nuages-solidaires-fictif").await;
    profile
        .assert_status(StatusCode::OK)
        .assert_contains("nous sommes autonomes")
        .assert_contains("Migration de Google Drive");
    app.client().get("/annuaire?tri=recommandations").await.assert_contains("Les Nuages Solidaires (fictif)");
    assert!(app.last_mail_to("presidence@jardins.example").await.subject.contains("est publiée"));
    assert!(app.last_mail_to("equipe@nuages.example").await.subject.contains("Nouvelle recommandation"));

    // Every decision is in the journal, for admins only.
    let (admin, _) = app.signed_in("admin@emancipasso.example", &[Role::Admin]).await;
    let journal = admin.get("/admin/journal").await;
    journal
        .assert_status(StatusCode::OK)
        .assert_contains("structure.approve")
        .assert_contains("recommendation.publish")
        .assert_contains("Vérifiée");
    moderator.get("/admin/journal").await.assert_status(StatusCode::FORBIDDEN);

    // The association withdraws its recommendation: the structure leaves the listing.
    let withdraw = receipt.link();
    association.get(&withdraw).await.assert_status(StatusCode::OK);
    association.post_form(&withdraw, &[]).await.assert_status(StatusCode::OK).assert_contains("Recommandation retirée");
    app.state.directory.refresh().await.unwrap();
    app.client().get("/annuaire/les-nuages-solidaires-fictif").await.assert_status(StatusCode::NOT_FOUND);
    association.get(&withdraw).await.assert_status(StatusCode::GONE);
}

#[tokio::test]
async fn links_that_are_tampered_expired_or_reused_get_a_clear_page() {
    let app = TestApp::spawn().await;
    let (team, _) = submitted_structure(&app, "equipe@nuages.example").await;
    team.post_form("/espace/structure/accompagnements/nouveau", PROJECT)
        .await
        .assert_redirect_to("/espace/structure/accompagnements/nouveau");
    let link = app.only_mail_to("presidence@jardins.example").await.link();
    let visitor = app.client();
    visitor.get("/recommandation?jeton=falsifie").await.assert_status(StatusCode::GONE).assert_contains("inconnu");
    let tampered = format!("{}x", link);
    visitor.get(&tampered).await.assert_status(StatusCode::GONE);
    app.seed().recommendation_links_expire_at(db::now() - 1).await;
    visitor.get(&link).await.assert_status(StatusCode::GONE).assert_contains("expiré");
    app.seed().recommendation_links_expire_at(db::now() + 3600).await;
    // "It did not happen": the team is told, and the link is spent.
    let page = visitor.get(&link).await;
    let token = page.csrf_for("/recommandation/refus");
    let jeton = link.split("jeton=").nth(1).unwrap();
    visitor
        .post_raw("/recommandation/refus", &[("_csrf", &token), ("jeton", jeton)])
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("est noté");
    assert!(app.last_mail_to("equipe@nuages.example").await.subject.contains("non confirmé"));
    visitor.get(&link).await.assert_status(StatusCode::GONE).assert_contains("déjà servi");
    assert_eq!(app.rows("recommendations").await, 0);
}

#[tokio::test]
async fn a_structure_cannot_recommend_itself() {
    let app = TestApp::spawn().await;
    let (team, id) = submitted_structure(&app, "equipe@nuages.example").await;
    // Declaring an accompaniment with the team's own address is refused.
    let own = [("contact_email", "equipe@nuages.example")];
    let fields: Vec<(&str, &str)> = PROJECT.iter().copied().filter(|(k, _)| *k != "contact_email").chain(own).collect();
    let page = team.post_form("/espace/structure/accompagnements/nouveau", &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("contact_email", "celle de l'association accompagnée");
    // A team member who is also an association member cannot recommend it either.
    app.seed().approve_structure(id).await;
    app.seed().grant_role("equipe@nuages.example", Role::Association).await;
    let team = app.sign_in_as("equipe@nuages.example").await;
    team.get("/annuaire/les-nuages-solidaires-fictif/recommander")
        .await
        .assert_status(StatusCode::FORBIDDEN)
        .assert_contains("faites partie de");
    // Someone without the association role cannot either.
    let (other, _) = app.signed_in("curieux@exemple.org", &[]).await;
    other.get("/annuaire/les-nuages-solidaires-fictif/recommander").await.assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_association_recommends_on_its_own_and_floods_are_refused() {
    let app = TestApp::spawn().await;
    let (_, id) = submitted_structure(&app, "equipe@nuages.example").await;
    app.seed().approve_structure(id).await;
    let (asso, _) = app.signed_in("asso@jardins.example", &[Role::Association]).await;
    let page = asso.post_form("/annuaire/les-nuages-solidaires-fictif/recommander", &[("association_name", "")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("association_name", "Indiquez le nom");
    let page = asso.post_form("/annuaire/les-nuages-solidaires-fictif/recommander", RECOMMENDATION).await;
    page.assert_redirect_to("/annuaire/les-nuages-solidaires-fictif");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM recommendations WHERE status = 'pending' AND accompaniment_id IS NULL").await,
        1
    );
    // The queue flags it: no declared accompaniment.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    moderator.get("/moderation").await.assert_contains("sans accompagnement déclaré");
    for _ in 0..4 {
        asso.post_form("/annuaire/les-nuages-solidaires-fictif/recommander", RECOMMENDATION)
            .await
            .assert_redirect_to("/annuaire/");
    }
    let page = asso.post_form("/annuaire/les-nuages-solidaires-fictif/recommander", RECOMMENDATION).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_contains("beaucoup de recommandations");
    moderator.get("/moderation").await.assert_contains("plusieurs recommandations de cette adresse");
}

#[tokio::test]
async fn moderators_decide_once_with_reasons_and_others_cannot_decide() {
    let app = TestApp::spawn().await;
    let (_, id) = submitted_structure(&app, "equipe@nuages.example").await;
    let (visitor_account, _) = app.signed_in("curieux@exemple.org", &[Role::Association]).await;
    visitor_account.get("/moderation").await.assert_status(StatusCode::FORBIDDEN);
    app.client().get("/moderation").await.assert_redirect_to("/compte/connexion");

    let (first, _) = app.signed_in("premiere@emancipasso.example", &[Role::Moderator]).await;
    let (second, _) = app.signed_in("second@emancipasso.example", &[Role::Moderator]).await;
    let action = format!("/moderation/structures/{id}");
    // Both have the queue open; refusing needs a reason.
    let token_second = second.get("/moderation").await.csrf_for(&action);
    let page = decide(&first, &action, "refuser", "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_contains("Indiquez le motif du refus");
    let page = decide(&first, &action, "n-importe", "x").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    decide(&first, &action, "refuser", "Le site web ne répond pas.").await.assert_redirect_to("/moderation");
    let mail = app.last_mail_to("equipe@nuages.example").await;
    assert!(mail.subject.contains("n'a pas été validée") && mail.body.contains("Le site web ne répond pas."));
    // The second moderator's decision comes too late.
    let page = second.post_raw(&action, &[("_csrf", &token_second), ("decision", "approuver"), ("reason", "")]).await;
    page.assert_status(StatusCode::CONFLICT).assert_contains("déjà été traité");
    assert_eq!(app.count("SELECT COUNT(*) FROM structures WHERE status = 'rejected'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'structure.reject'").await, 1);
    // Unknown items.
    let page =
        second.post_raw("/moderation/structures/424242", &[("_csrf", &token_second), ("decision", "approuver")]).await;
    page.assert_status(StatusCode::NOT_FOUND);

    // Reports land in the queue and are closed with a reason.
    app.seed().approve_structure(id).await;
    app.seed().recommendation(id).await;
    app.state.directory.refresh().await.unwrap();
    let visitor = app.client();
    visitor
        .submit(
            "/annuaire/les-nuages-solidaires-fictif",
            "/annuaire/les-nuages-solidaires-fictif/signaler",
            &[("report_message", "Le site a fermé."), ("report_email", "temoin@exemple.org")],
        )
        .await
        .assert_redirect_to("/annuaire/les-nuages-solidaires-fictif");
    first.get("/moderation").await.assert_contains("Signalements (1)").assert_contains("Le site a fermé.");
    let report = app.newest_id("reports").await;
    decide(&first, &format!("/moderation/signalements/{report}"), "traite", "Fiche mise à jour avec l'équipe.")
        .await
        .assert_redirect_to("/moderation");
    assert!(app.last_mail_to("temoin@exemple.org").await.body.contains("Fiche mise à jour"));
    first.get("/moderation").await.assert_contains("Signalements (0)");
}

/// `PROJECT` with another contact address.
fn project_to(contact: &'static str) -> Vec<(&'static str, &'static str)> {
    PROJECT.iter().map(|&(k, v)| if k == "contact_email" { (k, contact) } else { (k, v) }).collect()
}

#[tokio::test]
async fn moderators_see_the_signals_of_a_self_recommendation() {
    let app = TestApp::spawn().await;
    let (team, _) = submitted_structure(&app, "equipe@nuages.example").await;
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;

    // The team declares to a fresh free mailbox and answers the link itself, from its own
    // network address (signed out: a session of the team would be refused outright).
    let declare = "/espace/structure/accompagnements/nouveau";
    team.post_form(declare, &project_to("jardins.partages.fictifs@gmail.com")).await.assert_redirect_to(declare);
    let link = app.only_mail_to("jardins.partages.fictifs@gmail.com").await.link();
    app.client().post_form(&link, RECOMMENDATION).await.assert_status(StatusCode::OK);
    let queue = moderator.get("/moderation").await;
    queue
        .assert_contains("fournisseur de messagerie gratuit")
        .assert_contains("la session ou l&#39;adresse e-mail d&#39;un membre")
        .assert_contains("jamais vue sur la plateforme")
        .assert_lacks("nombreuses déclarations");

    // An association known to the platform, on its own domain: none of those address signals.
    app.account("presidence@jardins.example", &[Role::Association]).await;
    let reco = app.newest_id("recommendations").await;
    decide(&moderator, &format!("/moderation/recommandations/{reco}"), "refuser", "Auto-recommandation")
        .await
        .assert_redirect_to("/moderation");
    team.post_form(declare, PROJECT).await.assert_redirect_to(declare);
    let link = app.only_mail_to("presidence@jardins.example").await.link();
    app.client().post_form(&link, RECOMMENDATION).await.assert_status(StatusCode::OK);
    let queue = moderator.get("/moderation").await;
    queue
        .assert_lacks("fournisseur de messagerie gratuit")
        .assert_lacks("jamais vue sur la plateforme")
        .assert_contains("la session ou l&#39;adresse e-mail");

    // A burst of declarations.
    for contact in ["a@burst.example", "b@burst.example", "c@burst.example"] {
        team.post_form(declare, &project_to(contact)).await.assert_redirect_to(declare);
    }
    let link = app.only_mail_to("c@burst.example").await.link();
    app.client().post_form(&link, RECOMMENDATION).await.assert_status(StatusCode::OK);
    moderator.get("/moderation").await.assert_contains("nombreuses déclarations de cette structure");

    // The network tags are kept for the moderators' look, then forgotten.
    let tagged = "SELECT COUNT(*) FROM accompaniments WHERE declared_ip IS NOT NULL OR answered_ip IS NOT NULL";
    assert!(app.count(tagged).await >= 5);
    assert_eq!(emancipasso::vetting::forget_network_tags(&app.db).await.expect("forget"), 0);
    app.age_accompaniments(emancipasso::vetting::NETWORK_TAG_DAYS + 1).await;
    assert!(emancipasso::vetting::forget_network_tags(&app.db).await.expect("forget") >= 5);
    assert_eq!(app.count(tagged).await, 0);
}
