//! Mail to addresses typed into a form: the contact form, team invitations and recommendation
//! requests cannot turn the site into a mail relay.

use emancipasso::directory::StructureStatus;
use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::harness::{Client, TestApp};
use crate::seed::Structure;

const MESSAGE: &str = "Bonjour, nous voulons quitter Google Drive pour Nextcloud.";

/// A listed structure whose contact address is `slug@structure.example`.
async fn listed(app: &TestApp, slug: &'static str, name: &'static str) -> Structure {
    let contact = format!("{slug}@structure.example");
    let s = app.seed().listed_structure(slug, name).contact_email(&contact).await;
    app.state.directory.refresh().await.expect("refresh");
    s
}

async fn write(visitor: &Client, s: &Structure, fields: &[(&str, &str)]) -> crate::harness::Page {
    visitor.submit(&s.profile_url(), &s.contact_url(), fields).await
}

#[tokio::test]
async fn the_copy_of_a_contact_message_is_shown_and_never_mailed_to_the_typed_address() {
    let app = TestApp::spawn_with(|c| c.form_min_seconds = 0).await;
    let s = listed(&app, "a", "Structure A (fictive)").await;
    let visitor = app.client();
    let page =
        write(&visitor, &s, &[("name", "Spam"), ("email", "victime@ailleurs.example"), ("message", MESSAGE)]).await;
    let receipt = page.location();
    let sent = visitor.get(&receipt).await;
    sent.assert_status(StatusCode::OK).assert_contains("Copie de votre message").assert_contains(MESSAGE);
    assert!(sent.set_cookies().is_empty(), "no cookie for a visitor");
    assert!(app.mails_to("victime@ailleurs.example").await.is_empty());
    assert_eq!(app.mails().await.len(), 1, "only the structure is written to");
    // The confirmation page needs its signature.
    visitor.get(&receipt.replace("signature=", "signature=0")).await.assert_status(StatusCode::NOT_FOUND);
    app.client_en().get(&receipt).await.assert_contains("Copy of your message");

    // A signed-in person with a verified address gets the copy at their own address only.
    let (member, _) = app.signed_in("membre@asso.example", &[Role::Association]).await;
    write(&member, &s, &[("name", "Membre"), ("email", "autre@ailleurs.example"), ("message", MESSAGE)])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert!(app.only_mail_to("membre@asso.example").await.body.contains(MESSAGE));
    assert!(app.mails_to("autre@ailleurs.example").await.is_empty());
}

#[tokio::test]
async fn control_characters_in_single_line_fields_are_refused() {
    let app = TestApp::spawn_with(|c| c.form_min_seconds = 0).await;
    let s = listed(&app, "a", "Structure A (fictive)").await;
    let page = write(
        &app.client(),
        &s,
        &[
            ("name", "Jardins\r\nBcc: x@spam.example"),
            ("email", "jardins@asso.example\r\nCc: y@spam.example"),
            ("message", MESSAGE),
        ],
    )
    .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("name", "tient sur une ligne")
        .assert_field_error("email", "tient sur une ligne")
        .assert_contains(MESSAGE);
    assert!(app.mails().await.is_empty());
    app.client_en()
        .submit(&s.profile_url(), &s.contact_url(), &[("name", "a\tb"), ("email", "a@b.example"), ("message", MESSAGE)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("name", "fits on one line");
}

#[tokio::test]
async fn contact_messages_to_one_structure_are_capped_per_hour() {
    let app = TestApp::spawn_with(|c| {
        c.form_min_seconds = 0;
        c.relay_per_structure_hour = 2;
    })
    .await;
    let a = listed(&app, "a", "Structure A (fictive)").await;
    let b = listed(&app, "b", "Structure B (fictive)").await;
    let fields = [("name", "Flot"), ("email", "flot@asso.example"), ("message", MESSAGE)];
    for _ in 0..2 {
        write(&app.client(), &a, &fields).await.assert_status(StatusCode::SEE_OTHER);
    }
    let page = write(&app.client(), &a, &fields).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("Cette structure a reçu beaucoup de messages")
        .assert_field_value("name", "Flot")
        .assert_contains(MESSAGE);
    write(&app.client(), &b, &fields).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.mails_to("a@structure.example").await.len(), 2);
}

#[tokio::test]
async fn the_site_caps_all_relayed_mail_per_hour() {
    let app = TestApp::spawn_with(|c| {
        c.form_min_seconds = 0;
        c.relay_per_hour = 2;
    })
    .await;
    let a = listed(&app, "a", "Structure A (fictive)").await;
    let b = listed(&app, "b", "Structure B (fictive)").await;
    let fields = [("name", "Flot"), ("email", "flot@asso.example"), ("message", MESSAGE)];
    write(&app.client(), &a, &fields).await.assert_status(StatusCode::SEE_OTHER);
    // An invitation counts as well.
    let team = app.seed().structure("c", "Structure C (fictive)").member("equipe@c.example").await;
    let member = app.sign_in_as(team.member_email()).await;
    member
        .submit("/espace/structure", "/espace/structure/invitations", &[("invite_email", "collegue@c.example")])
        .await
        .assert_redirect_to("/espace/structure");
    let page = write(&app.client(), &b, &fields).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS).assert_contains("Le site envoie beaucoup de messages");
    let page = member
        .submit("/espace/structure", "/espace/structure/invitations", &[("invite_email", "autre@c.example")])
        .await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS).assert_contains("Le site envoie beaucoup de messages");
    assert_eq!(app.mails().await.len(), 2);
}

const PROJECT: &[(&str, &str)] = &[
    ("association_name", "Les Jardins Partagés (fictifs)"),
    ("contact_email", "presidence@jardins.example"),
    ("summary", "Migration de Google Drive vers Nextcloud et formation de 12 bénévoles."),
    ("services", "diagnostic"),
    ("period_start", "2025-01"),
    ("period_end", "2025-03"),
];

fn project(contact: &'static str) -> Vec<(&'static str, &'static str)> {
    PROJECT.iter().map(|&(k, v)| if k == "contact_email" { (k, contact) } else { (k, v) }).collect()
}

const DECLARE: &str = "/espace/structure/accompagnements/nouveau";

#[tokio::test]
async fn recommendation_requests_need_a_submitted_structure_and_are_capped() {
    let app = TestApp::spawn_with(|c| {
        c.relay_per_address_day = 1;
        c.accompaniments_per_structure_month = 2;
    })
    .await;
    app.seed().structure("brouillon", "Brouillon (fictif)").status(StructureStatus::Draft).member("d@b.example").await;
    let drafter = app.sign_in_as("d@b.example").await;
    let page = drafter.post_form(DECLARE, &project("presidence@jardins.example")).await;
    page.assert_status(StatusCode::CONFLICT).assert_contains("abord la fiche");
    assert!(app.mails().await.is_empty(), "a draft mails nobody");

    let team = app
        .seed()
        .structure("soumise", "Soumise (fictive)")
        .status(StructureStatus::Pending)
        .member("e@s.example")
        .await;
    let member = app.sign_in_as(team.member_email()).await;
    member.post_form(DECLARE, &project("presidence@jardins.example")).await.assert_redirect_to(DECLARE);
    // The same address again the same day.
    let page = member.post_form(DECLARE, &project("presidence@jardins.example")).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_field_error("contact_email", "déjà reçu plusieurs messages")
        .assert_field_value("contact_email", "presidence@jardins.example");
    member.post_form(DECLARE, &project("tresorerie@jardins.example")).await.assert_redirect_to(DECLARE);
    // The monthly cap of the structure.
    let page = member.post_form(DECLARE, &project("secretariat@jardins.example")).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS).assert_contains("beaucoup de demandes de recommandation");
    assert_eq!(app.rows("accompaniments").await, 2);
    assert!(app.mails_to("secretariat@jardins.example").await.is_empty());
}

#[tokio::test]
async fn sign_ups_with_someone_elses_address_send_it_few_emails() {
    let app = TestApp::spawn_with(|c| c.rate_reset = 2).await;
    let fields =
        [("email", "cible@exemple.org"), ("display_name", "Offre spéciale"), ("password", crate::harness::PASSWORD)];
    // Four sign-ups from four addresses: the same answer each time, two emails at most.
    for address in ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"] {
        let page = app.client_from(address).post_form("/compte/inscription", &fields).await;
        page.assert_redirect_to("/compte/verification-envoyee");
    }
    let mails = app.mails_to("cible@exemple.org").await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert_eq!(mails[0].subject, "Confirmez votre adresse e-mail");
}

#[tokio::test]
async fn reports_naming_someone_elses_address_send_it_few_emails() {
    let app = TestApp::spawn_with(|c| c.rate_reset = 2).await;
    listed(&app, "signalee", "Signalée (fictive)").await;
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    for (i, address) in ["127.0.0.2", "127.0.0.3", "127.0.0.4"].into_iter().enumerate() {
        let message = format!("Signalement numéro {i}.");
        app.client_from(address)
            .submit(
                "/annuaire/signalee",
                "/annuaire/signalee/signaler",
                &[("report_message", &message), ("report_email", "cible@exemple.org")],
            )
            .await
            .assert_redirect_to("/annuaire/signalee");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM reports").await, 3);
    for _ in 0..3 {
        let id = app.count("SELECT MIN(id) FROM reports WHERE status = 'open'").await;
        let action = format!("/moderation/signalements/{id}");
        let page =
            moderator.submit("/moderation", &action, &[("decision", "classe"), ("reason", "Rien à corriger.")]).await;
        page.assert_redirect_to("/moderation");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM reports WHERE status = 'open'").await, 0);
    assert_eq!(app.mails_to("cible@exemple.org").await.len(), 2);
}

#[tokio::test]
async fn declarations_sent_back_with_a_mistake_do_not_count_against_the_limit() {
    let app = TestApp::spawn_with(|c| c.rate_forms = 2).await;
    let team = app
        .seed()
        .structure("soignee", "Soignée (fictive)")
        .status(StructureStatus::Pending)
        .member("f@s.example")
        .await;
    let member = app.sign_in_as(team.member_email()).await;
    for typo in ["presidence@", "presidence@jardins", "presidence jardins.example"] {
        let page = member.post_form(DECLARE, &project(typo)).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_value("contact_email", typo);
    }
    member.post_form(DECLARE, &project("presidence@jardins.example")).await.assert_redirect_to(DECLARE);
    member.post_form(DECLARE, &project("tresorerie@jardins.example")).await.assert_redirect_to(DECLARE);
    let page = member.post_form(DECLARE, &project("secretariat@jardins.example")).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.rows("accompaniments").await, 2);
}
