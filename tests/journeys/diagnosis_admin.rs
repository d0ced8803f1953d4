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
    visitor.get("/admin/questionnaire").await.assert_redirect_to("/compte/connexion");
    let (moderator, _) = app.signed_in("modo@exemple.org", &[Role::Moderator]).await;
    moderator.get("/admin/questionnaire").await.assert_status(StatusCode::FORBIDDEN);
    let (admin, _) = app.signed_in("admin@exemple.org", &[Role::Admin]).await;
    let page = admin.get("/admin/questionnaire").await;
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
    let page = admin.post_form("/admin/questionnaire", &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_field_error("grades", "Ligne 2");
    page.assert_field_error("alternatives", "logiciel absent de l'annuaire");
    page.assert_field_error("note", "Indiquez le motif");
    assert_eq!(page.select_text("#f-grades").as_deref(), Some(broken_grades));
    page.assert_no_field_error("themes");
    let page = admin.get("/admin/questionnaire").await;
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
    let page = admin.post_form("/admin/questionnaire", &fields).await;
    page.assert_redirect_to("/admin/questionnaire");
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

#[tokio::test]
async fn statistics_count_the_tools_left_by_region_and_size_and_hide_small_counts() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    for _ in 0..5 {
        answer_all(&visitor, &start(&visitor).await, "35").await;
    }
    // One association in the Nord: its region stays under the threshold.
    answer_all(&visitor, &start(&visitor).await, "59").await;

    let (admin, _) = app.signed_in("admin@exemple.org", &[Role::Admin]).await;
    let page = admin.get("/admin/diagnostics").await;
    page.assert_status(StatusCode::OK).assert_contains("6 résultats comptés");
    let overall = texts(&page, "#t0 + div tbody tr");
    assert!(overall.contains(&"Google Drive 6".to_owned()), "{overall:?}");
    assert!(!overall.iter().any(|r| r.starts_with("Un logiciel libre")), "free tools are no tool to leave");
    let by_region = texts(&page, "#t1 + div tbody tr");
    assert!(by_region.contains(&"Bretagne Google Drive 5".to_owned()), "{by_region:?}");
    assert!(!by_region.iter().any(|r| r.starts_with("Hauts-de-France")), "{by_region:?}");
    let by_size = texts(&page, "#t2 + div tbody tr");
    assert!(by_size.contains(&"Moins de 20 Google Drive 6".to_owned()), "{by_size:?}");
    assert_eq!(texts(&page, "#g0 + div tbody tr"), ["E 6"]);
    // Not for other people.
    visitor.get("/admin/diagnostics").await.assert_redirect_to("/compte/connexion");

    // The same counts as open data, for anyone, without a cookie.
    let csv = visitor.get("/donnees/diagnostics.csv").await;
    csv.assert_status(StatusCode::OK);
    assert!(csv.set_cookies().is_empty());
    assert_eq!(csv.header("content-type").as_deref(), Some("text/csv; charset=utf-8"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "mesure,groupe,cle,valeur,nombre");
    for line in
        ["outil,all,,google-drive,6", "outil,region,53,google-drive,5", "outil,size,small,whatsapp,6", "note,all,,E,6"]
    {
        assert!(lines.contains(&line), "{line:?} not in {lines:?}");
    }
    assert!(!lines.iter().any(|l| l.contains(",32,")), "the Nord's one result is not shown: {lines:?}");
    assert!(
        lines.iter().skip(1).all(|l| l.rsplit(',').next().and_then(|n| n.parse::<i64>().ok()).is_some_and(|n| n >= 5))
    );

    // The node keeps the file it computed, and computes it again once it made a result: four
    // more in the Nord bring its region to the threshold.
    assert_eq!(visitor.get("/donnees/diagnostics.csv").await.body, csv.body);
    for _ in 0..4 {
        answer_all(&visitor, &start(&visitor).await, "59").await;
    }
    let csv = visitor.get("/donnees/diagnostics.csv").await;
    assert!(csv.body.lines().any(|l| l == "outil,region,32,google-drive,5"), "{}", csv.body);
}
