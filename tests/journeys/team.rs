//! A structure's team and the roles behind it: revoking a role takes effect at once and is never
//! undone by a side effect, members are taken off a team by the team or by an administrator,
//! and an invitation works only for the address it was sent to.

use emancipasso::directory::StructureStatus;
use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::harness::{Client, PASSWORD, TestApp};
use crate::seed::{AD, NEW_AD, Structure};

/// A submitted structure with a team of `members`, each signed in.
async fn team(app: &TestApp, members: &[&'static str]) -> (Structure, Vec<Client>) {
    let mut builder = app.seed().structure("nuages", "Les Nuages (fictifs)").status(StructureStatus::Pending);
    for m in members {
        builder = builder.member(m);
    }
    let s = builder.await;
    let mut clients = Vec::new();
    for m in members {
        clients.push(app.sign_in_as(m).await);
    }
    (s, clients)
}

/// A form token of `client`'s session (every signed-in page has the sign-out form).
async fn token(client: &Client) -> String {
    client.get("/compte").await.csrf_for("/compte/deconnexion")
}

async fn invite(member: &Client, email: &str) -> crate::harness::Page {
    member.submit("/espace/structure", "/espace/structure/invitations", &[("invite_email", email)]).await
}

/// An administrator's client and the path of the admin page of `email`'s account.
async fn admin_page_of(app: &TestApp, email: &str) -> (Client, String) {
    let (admin, _) = app.signed_in("admin@emancipasso.example", &[Role::Admin]).await;
    (admin, format!("/admin/utilisateurs/{}", app.user_id(email).await))
}

#[tokio::test]
async fn revoking_the_structure_role_closes_the_workspace_at_once() {
    let app = TestApp::spawn().await;
    let (_, clients) = team(&app, &["alix@nuages.example", "bao@nuages.example"]).await;
    let alix = &clients[0];
    alix.get("/espace/structure")
        .await
        .assert_status(StatusCode::OK)
        .assert_field_value("name", "Les Nuages (fictifs)");

    let (admin, link) = admin_page_of(&app, "alix@nuages.example").await;
    admin.get(&link).await.assert_contains("quipe de Les Nuages (fictifs).");
    admin.submit(&link, &format!("{link}/roles"), &[]).await.assert_redirect_to(&link);

    // Her very next request: no structure, no way to create one, no profile saved.
    let page = alix.get("/espace/structure").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("vous a retiré le rôle")
        .assert_lacks("Les Nuages (fictifs)")
        .assert_lacks("action=\"/espace/structure\"");
    let t = token(alix).await;
    alix.post_raw("/espace/structure/invitations", &[("_csrf", &t), ("invite_email", "x@exemple.org")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let page = alix.post_raw("/espace/structure", &[("_csrf", &t), ("name", "Reprise (fictive)")]).await;
    page.assert_status(StatusCode::FORBIDDEN).assert_contains("vous a retiré le rôle");
    assert_eq!(app.count("SELECT COUNT(*) FROM structure_invites").await, 0);
    assert_eq!(app.rows("structures").await, 1);
    assert_eq!(app.rows("structure_members").await, 1, "her colleague stays");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('role.revoke', 'team.remove')").await, 2);
    assert!(app.only_mail_to("alix@nuages.example").await.subject.contains("ne faites plus partie"));

    // An invitation does not give the role back either.
    clients[1]
        .submit("/espace/structure", "/espace/structure/invitations", &[("invite_email", "alix@nuages.example")])
        .await
        .assert_redirect_to("/espace/structure");
    let invite = app.last_mail_to("alix@nuages.example").await.link();
    alix.get(&invite).await.assert_status(StatusCode::FORBIDDEN).assert_contains("vous a retiré le rôle");
    let jeton = invite.split("jeton=").nth(1).expect("token");
    alix.post_raw("/espace/structure/rejoindre", &[("_csrf", &token(alix).await), ("jeton", jeton)])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.rows("structure_members").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'structure'").await, 1);

    // Only an administrator gives it back.
    admin.submit(&link, &format!("{link}/roles"), &[("role", "structure")]).await.assert_redirect_to(&link);
    alix.get("/espace/structure")
        .await
        .assert_lacks("vous a retiré le rôle")
        .assert_contains("action=\"/espace/structure\"");
}

#[tokio::test]
async fn a_team_takes_a_member_off_and_a_member_leaves_but_never_the_last_one() {
    let app = TestApp::spawn().await;
    let (_, clients) = team(&app, &["alix@nuages.example", "bao@nuages.example"]).await;
    let (alix, bao) = (&clients[0], &clients[1]);
    let bao_id = app.user_id("bao@nuages.example").await.to_string();
    let page = alix.get("/espace/structure").await;
    page.assert_contains("bao@nuages.example").assert_contains("Quitter l&#39;équipe");

    let page = alix.submit("/espace/structure", "/espace/structure/equipe/retirer", &[("membre", &bao_id)]).await;
    page.assert_redirect_to("/espace/structure");
    alix.follow(&page).await.assert_flash("retirée de l'équipe").assert_lacks("bao@nuages.example");
    bao.get("/espace/structure").await.assert_lacks("Les Nuages (fictifs)");
    assert!(app.only_mail_to("bao@nuages.example").await.subject.contains("ne faites plus partie"));
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'team.remove'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'structure'").await, 1);

    // Someone off the team cannot remove anyone.
    let alix_id = app.user_id("alix@nuages.example").await.to_string();
    bao.post_raw("/espace/structure/equipe/retirer", &[("_csrf", &token(bao).await), ("membre", &alix_id)])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // The last member cannot leave.
    let page = alix.submit("/espace/structure", "/espace/structure/equipe/retirer", &[("membre", &alix_id)]).await;
    page.assert_status(StatusCode::CONFLICT).assert_contains("Vous êtes la dernière personne");
    assert_eq!(app.rows("structure_members").await, 1);
}

#[tokio::test]
async fn a_member_leaves_a_team() {
    let app = TestApp::spawn().await;
    let (_, clients) = team(&app, &["alix@nuages.example", "bao@nuages.example"]).await;
    let bao_id = app.user_id("bao@nuages.example").await.to_string();
    let page = clients[1].submit("/espace/structure", "/espace/structure/equipe/retirer", &[("membre", &bao_id)]).await;
    page.assert_redirect_to("/espace/structure");
    clients[1].follow(&page).await.assert_flash("Vous avez quitté l'équipe");
    assert_eq!(app.rows("structure_members").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'team.leave'").await, 1);
    assert!(app.mails_to("bao@nuages.example").await.is_empty(), "no mail for leaving");
}

#[tokio::test]
async fn an_admin_takes_someone_off_a_team_from_the_account_page() {
    let app = TestApp::spawn().await;
    let (_, clients) = team(&app, &["alix@nuages.example"]).await;
    let (admin, link) = admin_page_of(&app, "alix@nuages.example").await;
    let page = admin.submit(&link, &format!("{link}/equipe"), &[]).await;
    page.assert_redirect_to(&link);
    admin.follow(&page).await.assert_contains("aucune équipe de structure");
    clients[0].get("/espace/structure").await.assert_lacks("Les Nuages (fictifs)");
    assert_eq!(app.rows("structure_members").await, 0, "an administrator may remove the last member");
    assert!(app.only_mail_to("alix@nuages.example").await.subject.contains("ne faites plus partie"));
    let journal = admin.get("/admin/journal").await;
    journal.assert_contains("team.remove");
    // Not for anyone else.
    let (other, _) = app.signed_in("modo@emancipasso.example", &[Role::Moderator]).await;
    other
        .post_raw(&format!("{link}/equipe"), &[("_csrf", &token(&other).await)])
        .await
        .assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_revoked_association_role_is_not_granted_back_by_posting_an_ad() {
    let app = TestApp::spawn().await;
    let asso = app.seed().association("asso@jardins.example").await;
    let (admin, link) = admin_page_of(&app, "asso@jardins.example").await;
    admin.submit(&link, &format!("{link}/roles"), &[]).await.assert_redirect_to(&link);

    let page = asso.submit(NEW_AD, NEW_AD, AD).await;
    page.assert_status(StatusCode::FORBIDDEN)
        .assert_contains("vous a retiré le rôle")
        .assert_field_value("title", AD[2].1);
    assert_eq!(app.rows("ads").await, 0);
    assert_eq!(app.role_count(asso.id).await, 0);

    // Someone who never had the role still becomes an association account by posting.
    let newcomer = app.seed().person("nouvelle@jardins.example").await;
    newcomer.submit(NEW_AD, NEW_AD, AD).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.role_count(newcomer.id).await, 1);
}

#[tokio::test]
async fn an_invitation_works_only_for_the_address_it_was_sent_to() {
    let app = TestApp::spawn().await;
    let (_, clients) = team(&app, &["alix@nuages.example"]).await;
    clients[0]
        .submit("/espace/structure", "/espace/structure/invitations", &[("invite_email", "collegue@nuages.example")])
        .await
        .assert_redirect_to("/espace/structure");
    let mail = app.only_mail_to("collegue@nuages.example").await;
    assert!(mail.body.contains("collegue@nuages.example"), "the email says which account may use it");
    let link = mail.link();

    // Someone else who got hold of the link.
    let (intruder, _) = app.signed_in("intrus@exemple.org", &[]).await;
    intruder.get(&link).await.assert_status(StatusCode::FORBIDDEN).assert_contains("envoyée à une autre adresse");
    let jeton = link.split("jeton=").nth(1).expect("token");
    intruder
        .post_raw("/espace/structure/rejoindre", &[("_csrf", &token(&intruder).await), ("jeton", jeton)])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.rows("structure_members").await, 1);

    // The invited address, verified, joins.
    let colleague = app.client();
    app.account("collegue@nuages.example", &[]).await;
    colleague.sign_in("collegue@nuages.example", PASSWORD).await;
    colleague.post_form(&link, &[]).await.assert_redirect_to("/espace/structure");
    assert_eq!(app.rows("structure_members").await, 2);
}

#[tokio::test]
async fn a_draft_cannot_invite_and_invitations_are_capped_per_address() {
    let app = TestApp::spawn_with(|c| c.relay_per_address_day = 1).await;
    let (_, clients) = team(&app, &["alix@nuages.example"]).await;
    app.seed().structure("brouillon", "Brouillon (fictif)").status(StructureStatus::Draft).member("d@b.example").await;
    let drafter = app.sign_in_as("d@b.example").await;
    let page = drafter.get("/espace/structure").await;
    page.assert_contains("une fois la fiche soumise").assert_lacks("action=\"/espace/structure/invitations\"");
    let t = token(&drafter).await;
    let page = drafter
        .post_raw("/espace/structure/invitations", &[("_csrf", &t), ("invite_email", "cible@exemple.org")])
        .await;
    page.assert_status(StatusCode::CONFLICT).assert_contains("abord la fiche");
    assert!(app.mails_to("cible@exemple.org").await.is_empty());

    let alix = &clients[0];
    invite(alix, "cible@exemple.org").await.assert_redirect_to("/espace/structure");
    let page = invite(alix, "cible@exemple.org").await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_field_error("invite_email", "déjà reçu plusieurs messages")
        .assert_field_value("invite_email", "cible@exemple.org");
    invite(alix, "autre@exemple.org").await.assert_redirect_to("/espace/structure");
    assert_eq!(app.mails_to("cible@exemple.org").await.len(), 1);
}
