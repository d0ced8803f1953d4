//! Administrators edit the self-diagnosis questionnaire from /admin: each save is a new version
//! with its record in the decision log; results and drafts keep the version they were made with.

use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::diagnosis::{STEP_1, answer_all, start, step_path, texts};
use crate::harness::TestApp;

#[tokio::test]
async fn an_admin_edits_the_questionnaire_and_results_keep_their_version() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let before = answer_all(&visitor, &start(&visitor).await, "35").await;
    // A draft started before the edit goes on with its version.
    let draft = start(&visitor).await;
    visitor.post_form(&draft, STEP_1).await.assert_redirect_to(&step_path(&draft, 2));

    // Only administrators reach the editor.
    visitor.get("/admin/diagnostic").await.assert_redirect_to("/compte/connexion");
    let (moderator, _) = app.signed_in("modo@exemple.org", &[Role::Moderator]).await;
    moderator.get("/admin/diagnostic").await.assert_status(StatusCode::FORBIDDEN);
    let (admin, _) = app.signed_in("admin@exemple.org", &[Role::Admin]).await;
    let page = admin.get("/admin/diagnostic").await;
    page.assert_status(StatusCode::OK);
    let grades = page.select_text("#f-grades").expect("the grades");
    assert_eq!(grades, "A\t80\nB\t65\nC\t50\nD\t35\nE\t0\n");
    let themes = page.select_text("#f-themes").expect("the themes");
    let questions = page.select_text("#f-questions").expect("the questions");
    let choices = page.select_text("#f-choices").expect("the choices");
    let alternatives = page.select_text("#f-alternatives").expect("the mapping");
    assert!(alternatives.contains("google-drive\tNextcloud\tnextcloud\tmedium\tlow\t"), "{alternatives}");

    // Broken lines and no reason: 422, the lines named, the text kept.
    let broken_grades = "A\t80\nB\t90\nE\t0\n";
    let broken_mapping = format!("{alternatives}zoom\tVisio Magique\tvisio-magique\teasy\tfree\tnote\tnote\n");
    let fields = [
        ("themes", themes.as_str()),
        ("questions", questions.as_str()),
        ("choices", choices.as_str()),
        ("grades", broken_grades),
        ("alternatives", broken_mapping.as_str()),
        ("note", ""),
    ];
    let page = admin.post_form("/admin/diagnostic", &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_field_error("grades", "Ligne 2");
    page.assert_field_error("alternatives", "logiciel absent de l'annuaire");
    page.assert_field_error("note", "Indiquez le motif");
    assert_eq!(page.select_text("#f-grades").as_deref(), Some(broken_grades));
    page.assert_no_field_error("themes");
    let page = admin.get("/admin/diagnostic").await;
    assert_eq!(texts(&page, "tbody tr").len(), 1, "no version was written");

    // Kinder grades and a renamed theme: a new version, in the decision log.
    let kinder = "A\t20\nB\t15\nC\t10\nD\t5\nE\t0\n";
    let renamed = themes.replace("Coûts et dépendance", "Coûts et indépendance");
    let fields = [
        ("themes", renamed.as_str()),
        ("questions", questions.as_str()),
        ("choices", choices.as_str()),
        ("grades", kinder),
        ("alternatives", alternatives.as_str()),
        ("note", "Barème d'essai plus indulgent"),
    ];
    let page = admin.post_form("/admin/diagnostic", &fields).await;
    page.assert_redirect_to("/admin/diagnostic");
    let page = admin.follow(&page).await;
    page.assert_flash("nouvelle version du questionnaire");
    assert_eq!(texts(&page, "tbody tr th"), ["2", "1"]);
    assert_eq!(page.select_text("#f-grades").as_deref(), Some(kinder));
    let journal = admin.get("/admin/journal").await;
    journal.assert_contains("diagnosis.edit").assert_contains("diagnosis:version:2").assert_contains("Barème d");

    // The result made before keeps its grade and labels; a new one uses the new version.
    let page = visitor.get(&before).await;
    assert_eq!(page.select_text(".grade").as_deref(), Some("E"));
    page.assert_contains("questionnaire version 1").assert_contains("Coûts et dépendance");
    let after = answer_all(&visitor, &start(&visitor).await, "35").await;
    let page = visitor.get(&after).await;
    assert_eq!(page.select_text(".grade").as_deref(), Some("A"));
    page.assert_contains("questionnaire version 2").assert_contains("Coûts et indépendance");
    // The draft of before finishes with its own version.
    for (i, answers) in
        [crate::diagnosis::STEP_2, crate::diagnosis::STEP_3, crate::diagnosis::STEP_4].iter().enumerate()
    {
        visitor.post_form(&step_path(&draft, i + 2), answers).await.assert_redirect_to(&step_path(&draft, i + 3));
    }
    let page = visitor.post_form(&step_path(&draft, 5), &[("department", "35")]).await;
    let page = visitor.follow(&page).await;
    assert_eq!(page.select_text(".grade").as_deref(), Some("E"));
    page.assert_contains("questionnaire version 1");
}
