//! Keeping the directory fresh: teams are asked to confirm their profile, stale ones leave the
//! listing, and the confirmation link expires and confirms by POST only.

use emancipasso::db;
use emancipasso::directory;
use emancipasso::vals;
use reqwest::StatusCode;

use crate::directory::refresh;
use crate::harness::TestApp;

#[tokio::test]
async fn teams_are_asked_to_confirm_and_stale_profiles_leave_the_listing() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    let fresh = seed.listed_structure("fraiche", "Fraîche (fictive)").await;
    // A team member receives the messages of their structure.
    let due = seed
        .listed_structure("a-verifier", "À Vérifier (fictive)")
        .confirmed_months_ago(7)
        .member("membre@structure.example")
        .await;
    let stale = seed.listed_structure("oubliee", "Oubliée (fictive)").confirmed_months_ago(13).await;
    refresh(&app).await;
    let visitor = app.client();
    visitor.get("/annuaire").await.assert_contains("Fraîche").assert_contains("À Vérifier").assert_lacks("Oubliée");
    visitor.get("/annuaire/oubliee").await.assert_status(StatusCode::NOT_FOUND);

    assert_eq!(directory::ask_confirmations(&app.state).await.unwrap(), 2);
    // Running it again (another node, the next hour) sends nothing more.
    assert_eq!(directory::ask_confirmations(&app.state).await.unwrap(), 0);
    let reminder = app.only_mail_to(due.member_email()).await;
    assert!(reminder.subject.contains("toujours à jour"), "{}", reminder.subject);
    let notice = app.only_mail_to(&stale.contact_email).await;
    assert!(notice.subject.contains("n'est plus visible"), "{}", notice.subject);
    assert_eq!(app.mails().await.len(), 2, "nothing for the fresh structure {}", fresh.id);

    // Opening the link (as a mail scanner does) changes nothing: the page has a button.
    assert!(notice.body.contains("valable 30 jours"), "{}", notice.body);
    let page = visitor.get(&notice.link()).await;
    page.assert_status(StatusCode::OK).assert_contains("Confirmer que la fiche est à jour");
    refresh(&app).await;
    visitor.get("/annuaire/oubliee").await.assert_status(StatusCode::NOT_FOUND);
    // The button brings the stale profile back.
    let page = visitor.post_form(&notice.link(), &[]).await;
    page.assert_status(StatusCode::OK).assert_contains("votre fiche est confirmée");
    refresh(&app).await;
    visitor.get("/annuaire/oubliee").await.assert_status(StatusCode::OK);
    let confirmed = db::int(app.db.conn(), "SELECT confirmed_at FROM structures WHERE id = $1", vals![stale.id])
        .await
        .unwrap()
        .unwrap();
    assert!(confirmed > db::now() - 60);
    // Tampered or foreign signatures are refused.
    visitor.get("/annuaire/a-verifier/confirmer?signature=0000").await.assert_status(StatusCode::NOT_FOUND);
    let other = reminder.link().replace("/annuaire/a-verifier/", "/annuaire/fraiche/");
    visitor.get(&other).await.assert_status(StatusCode::NOT_FOUND);
    visitor.get(&reminder.link()).await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_confirmation_link_expires_and_a_get_changes_nothing() {
    let app = TestApp::spawn().await;
    let seed = app.seed();
    let old = seed.listed_structure("ancienne", "Ancienne (fictive)").await;
    let recent = seed.listed_structure("recente", "Récente (fictive)").await;
    let expired = seed.confirmation_asked_days_ago(&old, 31).await;
    let valid = seed.confirmation_asked_days_ago(&recent, 29).await;
    let before = (confirmed_at(&app, old.id).await, confirmed_at(&app, recent.id).await);

    let visitor = app.client();
    visitor.get(&expired).await.assert_status(StatusCode::GONE).assert_contains("a expiré").assert_contains("30 jours");
    visitor.get(&valid).await.assert_status(StatusCode::OK).assert_contains("Confirmer que la fiche est à jour");
    assert_eq!(
        (confirmed_at(&app, old.id).await, confirmed_at(&app, recent.id).await),
        before,
        "a GET changes nothing"
    );

    // The button of a still-valid page no longer confirms once the link has expired.
    let form = visitor.get(&valid).await;
    let token = form.csrf_for("/annuaire/recente/confirmer");
    let expired_sig = expired.split("signature=").nth(1).unwrap();
    visitor
        .post_raw("/annuaire/ancienne/confirmer", &[("_csrf", &token), ("signature", expired_sig)])
        .await
        .assert_status(StatusCode::GONE);
    assert_eq!(confirmed_at(&app, old.id).await, before.0);
    visitor.post_form(&valid, &[]).await.assert_status(StatusCode::OK).assert_contains("votre fiche est confirmée");
    assert!(confirmed_at(&app, recent.id).await > before.1);
}

async fn confirmed_at(app: &TestApp, id: i64) -> i64 {
    let at = db::int(app.db.conn(), "SELECT confirmed_at FROM structures WHERE id = $1", vals![id]).await;
    at.expect("read").expect("a structure")
}
