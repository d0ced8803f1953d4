//! Posting an ad: accounts and drafts, publication, the listing and search, editing, and every
//! mistake the form explains.

use emancipasso::web::Role;

use super::*;
use crate::seed::{ASSOCIATION, BODY, OFFER_MESSAGE, TITLE};

#[tokio::test]
async fn posting_needs_an_account_and_a_draft_stays_with_its_author() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    visitor.get(NEW).await.assert_redirect_to("/compte/connexion?retour=%2Fannonces%2Fnouvelle");
    visitor.post_raw(NEW, AD).await.assert_redirect_to("/compte/connexion");
    visitor.get("/annonces/mes-annonces").await.assert_redirect_to("/compte/connexion");
    assert_eq!(app.rows("ads").await, 0);

    // Any account may post; its first ad makes it an association account. A draft may be
    // incomplete.
    let (author, _) = app.signed_in(AUTHOR, &[]).await;
    author.get(NEW).await.assert_status(StatusCode::OK).assert_field_value("association_name", "");
    let draft =
        ad_with(&[("action", "brouillon"), ("body", ""), ("region", ""), ("remote", ""), ("estimated_cost", "")]);
    let page = author.submit(NEW, NEW, &draft).await;
    page.assert_redirect_to("/annonces/");
    let ad = Ad::from_location(&page.location());
    let shown = author.follow(&page).await;
    shown.assert_status(StatusCode::OK).assert_flash("Brouillon enregistré").assert_contains(TITLE);
    assert_says(&shown, "Ceci est un brouillon");
    assert_eq!(state(&app, &ad).await.status, "draft");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id \
             WHERE u.email = 'asso@jardins.example' AND r.role = 'association'"
        )
        .await,
        1
    );
    let mine = author.get("/annonces/mes-annonces").await;
    mine.assert_status(StatusCode::OK).assert_contains(TITLE).assert_contains("Brouillon");
    author.get(NEW).await.assert_field_value("association_name", ASSOCIATION);

    // Nobody else sees it, by any of its addresses, nor acts on it.
    for path in [ad.url().to_owned(), format!("/annonces/{}", ad.id), ad.at("signaler")] {
        visitor.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    }
    let (other, _) = app.signed_in("curieux@exemple.org", &[Role::Association]).await;
    for path in [ad.url().to_owned(), ad.at("signaler"), ad.at("modifier")] {
        other.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    }
    for (action, fields) in [
        ("soutien", vec![("pledge_association", FRIEND_NAME), ("pledge_amount", "100")]),
        ("commentaires", vec![("comment", "Nous aussi, nous cherchons.")]),
        ("suivre", vec![("follow", "oui")]),
        ("offres", vec![("offer_amount", "900"), ("offer_timeframe", "1 mois"), ("offer_message", OFFER_MESSAGE)]),
    ] {
        post_from(&other, NEW, &ad.at(action), &fields).await.assert_status(StatusCode::NOT_FOUND);
    }
    assert_eq!(app.rows("ad_comments").await, 0);
    assert_eq!(app.rows("ad_offers").await, 0);

    // Publishing the incomplete draft says what is missing.
    let page = act(&author, &ad, "publier", "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("body", "30 caractères au moins");
    page.assert_field_error("region", "Choisissez une région ou cochez");
    assert_eq!(state(&app, &ad).await.status, "draft");

    // Completed, it is published (post-moderation is the default) and public.
    let edit = ad.at("modifier");
    let page = author.submit(&edit, &edit, AD).await;
    page.assert_redirect_to(ad.url());
    author.follow(&page).await.assert_flash("Votre annonce est publiée");
    assert_eq!(state(&app, &ad).await.status, "published");
    visitor.get(ad.url()).await.assert_status(StatusCode::OK).assert_contains(TITLE);
}

#[tokio::test]
async fn a_published_ad_is_public_listed_searchable_and_editable() {
    let app = TestApp::spawn().await;
    let (author, _) = app.signed_in(AUTHOR, &[Role::Association]).await;
    let body = format!("{BODY}\n\n<script>alert('annonce')</script>");
    let page = author.submit(NEW, NEW, &ad_with(&[("body", body.as_str())])).await;
    page.assert_redirect_to("/annonces/");
    let ad = Ad::from_location(&page.location());
    assert!(ad.url().ends_with("-un-logiciel-libre-pour-gerer-nos-adhesions"), "{}", ad.url());
    author.follow(&page).await.assert_flash("Votre annonce est publiée");
    let st = state(&app, &ad).await;
    assert_eq!(st.status, "published");
    let lifetime = app.config.ads_lifetime_days * 86_400;
    assert!(st.expires_at.is_some_and(|at| (at - db::now() - lifetime).abs() < 120), "{st:?}");

    // Its page, for everyone; the Markdown is rendered, the script is not.
    let visitor = app.client();
    let page = visitor.get(ad.url()).await;
    page.assert_status(StatusCode::OK)
        .assert_contains(TITLE)
        .assert_contains("<strong>libre</strong>")
        .assert_lacks("<script>alert")
        .assert_contains("Paheko")
        .assert_contains("adhésions");
    for said in [
        format!("Publiée par {ASSOCIATION}"),
        "Bretagne · À distance".to_owned(),
        eur(1500),
        "Ouverte".to_owned(),
        "1 association".to_owned(),
    ] {
        assert_says(&page, &said);
    }

    // The short address leads to the canonical one; unknown ads are not found.
    let page = visitor.get(&format!("/annonces/{}", ad.id)).await;
    assert_eq!(page.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(page.location(), ad.url());
    visitor.get("/annonces/424242").await.assert_status(StatusCode::NOT_FOUND);
    visitor.get("/annonces/pas-une-annonce").await.assert_status(StatusCode::NOT_FOUND);

    // Listed, with its facets and the text search.
    wait_for_list(&app, "/annonces", TITLE, true).await;
    visitor.get("/annonces?type=besoin").await.assert_contains(TITLE);
    visitor.get("/annonces?region=53").await.assert_contains(TITLE);
    visitor.get("/annonces?q=cotisations").await.assert_contains(TITLE);
    visitor.get("/annonces?type=mutualisation").await.assert_lacks(TITLE);

    // The author edits it: checked like a publication, and the address follows the title.
    let edit = ad.at("modifier");
    let page = author.get(&edit).await;
    page.assert_status(StatusCode::OK).assert_field_value("title", TITLE).assert_field_value("estimated_cost", "1500");
    let page = author.submit(&edit, &edit, &ad_with(&[("title", "Court"), ("region", ""), ("remote", "")])).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("title", "au moins 8 caractères")
        .assert_field_value("title", "Court")
        .assert_field_error("region", "Choisissez une région");
    const RENAMED: &str = "Un outil libre pour nos adhésions et nos dons";
    let page = author.submit(&edit, &edit, &ad_with(&[("title", RENAMED), ("estimated_cost", "1800")])).await;
    page.assert_redirect_to(&format!("/annonces/{}-un-outil-libre-pour-nos-adhesions-et-nos-dons", ad.id));
    let renamed = Ad::from_location(&page.location());
    let shown = author.follow(&page).await;
    shown.assert_flash("Modifications enregistrées").assert_contains(RENAMED);
    assert_says(&shown, &eur(1800));
    assert_eq!(state(&app, &ad).await.status, "published");
    let page = public(&app, ad.url()).await;
    assert_eq!(page.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(page.location(), renamed.url());
    wait_for_list(&app, "/annonces", RENAMED, true).await;
    author.get("/annonces/mes-annonces").await.assert_contains(RENAMED).assert_contains("Ouverte");
}

/// Changes to the complete ad, the field they make wrong, and the message next to it.
type FormCase<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

#[tokio::test]
async fn the_ad_form_explains_every_mistake_next_to_its_field_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let (author, _) = app.signed_in(AUTHOR, &[Role::Association]).await;
    let long_title = "T".repeat(121);
    let long_body = "B".repeat(10_001);
    let long_software = "L".repeat(81);
    let long_tag = "t".repeat(31);
    let year: i32 = chrono::Utc::now().format("%Y").to_string().parse().expect("year");
    let far = format!("{}-01-01", year + 6);
    let cases: Vec<FormCase> = vec![
        (vec![("kind", "")], "kind", "Choisissez le type d'annonce"),
        (vec![("kind", "petite-annonce")], "kind", "Ce choix n'existe pas"),
        (vec![("association_name", "")], "association_name", "Indiquez le nom de l'association"),
        (vec![("title", "Court")], "title", "au moins 8 caractères"),
        (vec![("title", long_title.as_str())], "title", "au plus 120 caractères"),
        (vec![("body", "Trop court.")], "body", "30 caractères au moins"),
        (vec![("body", long_body.as_str())], "body", "La description doit faire au plus"),
        (vec![("software", "logiciel-inconnu")], "software", "Ce choix n'existe pas"),
        (vec![("software_other", long_software.as_str())], "software_other", "au plus 80 caractères"),
        (vec![("estimated_cost", "-5")], "estimated_cost", "ne peut pas être négatif"),
        (vec![("estimated_cost", "1000001")], "estimated_cost", "Le montant doit être d'au plus"),
        (vec![("estimated_cost", "99999999999999999999")], "estimated_cost", "Le montant doit être d'au plus"),
        (vec![("estimated_cost", "mille euros")], "estimated_cost", "en chiffres"),
        (vec![("estimated_cost", "1500,50")], "estimated_cost", "sans centimes"),
        (vec![("estimated_cost", "0")], "estimated_cost", "supérieur à zéro"),
        (vec![("deadline", "2020-01-15")], "deadline", "déjà passée"),
        (vec![("deadline", "31/02/2027")], "deadline", "date valide"),
        (vec![("deadline", far.as_str())], "deadline", "cinq prochaines années"),
        (vec![("region", ""), ("remote", "")], "region", "Choisissez une région ou cochez"),
        (vec![("region", "99")], "region", "Ce choix n'existe pas"),
        (vec![("tags", "a, b, c, d, e, f, g, h, i")], "tags", "Huit mots-clés au plus"),
        (vec![("tags", long_tag.as_str())], "tags", "au plus 30 caractères"),
        // A draft may be incomplete, never wrong.
        (vec![("action", "brouillon"), ("estimated_cost", "-5")], "estimated_cost", "ne peut pas être négatif"),
    ];
    for (changes, field, message) in &cases {
        let fields = ad_with(changes);
        let page = author.submit(NEW, NEW, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{changes:?}:\n{}", page.body);
        assert_error(&page, field, message);
        assert!(page.select_text(".error-summary").is_some_and(|s| s.contains(message)), "{changes:?}: no summary");
        // Everything typed is still there (a choice that does not exist cannot be shown as chosen).
        for (name, value) in fields.iter().filter(|(name, _)| *name != "action") {
            let expected = if ["petite-annonce", "logiciel-inconnu", "99"].contains(value) { "" } else { *value };
            assert_eq!(field_value(&page, name), expected, "{changes:?}: field {name}");
        }
    }

    // Everything missing at once: every message, each next to its field.
    let empty: Vec<(&str, &str)> =
        AD.iter().map(|(name, _)| (*name, if *name == "action" { "publier" } else { "" })).collect();
    let page = author.submit(NEW, NEW, &empty).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "kind", "Choisissez le type d'annonce");
    page.assert_field_error("association_name", "Indiquez le nom de l'association")
        .assert_field_error("title", "au moins 8 caractères")
        .assert_field_error("body", "30 caractères au moins")
        .assert_field_error("region", "Choisissez une région ou cochez")
        .assert_no_field_error("estimated_cost")
        .assert_no_field_error("tags");
    // Fields left out of the request altogether are empty fields, not a failure.
    let page = author.submit(NEW, NEW, &[("title", TITLE)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "kind", "Choisissez le type d'annonce");
    assert_eq!(app.rows("ads").await, 0);
}

#[tokio::test]
async fn the_ad_forms_speak_english() {
    let app = TestApp::spawn().await;
    let author = app.seed().association("asso@gardens.example").english().await;
    let changes = [
        ("kind", ""),
        ("title", "Short"),
        ("estimated_cost", "-5"),
        ("deadline", "2020-01-15"),
        ("region", ""),
        ("remote", ""),
        ("tags", "a,b,c,d,e,f,g,h,i"),
    ];
    let page = author.submit(NEW, NEW, &ad_with(&changes)).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "kind", "Choose the kind of ad");
    page.assert_field_error("title", "at least 8 characters")
        .assert_field_value("title", "Short")
        .assert_field_error("estimated_cost", "cannot be negative")
        .assert_field_value("estimated_cost", "-5")
        .assert_field_error("deadline", "The deadline has passed")
        .assert_field_value("deadline", "2020-01-15")
        .assert_field_error("region", "Choose a region")
        .assert_field_error("tags", "Eight keywords at most")
        .assert_field_value("tags", "a,b,c,d,e,f,g,h,i");
    let page = author.submit(NEW, NEW, AD).await;
    page.assert_redirect_to("/annonces/");
    author.follow(&page).await.assert_flash("Your ad is published");
    let ad = Ad::from_location(&page.location());

    let other = app.seed().person("dev@example.org").english().await;
    let page = pledge(&other, &ad, "", "-5").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "pledge_association", "Enter the name of the association");
    assert_error(&page, "pledge_amount", "cannot be negative");
    assert_eq!(field_value(&page, "pledge_amount"), "-5");
    let page = offer(&other, &ad, "12,50", "", "Too short").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("offer_amount", "without cents")
        .assert_field_value("offer_amount", "12,50")
        .assert_field_error("offer_timeframe", "Give a time frame")
        .assert_field_error("offer_message", "at least 20 characters");
    assert_eq!(field_value(&page, "offer_message"), "Too short");
    let page = comment(&other, &ad, "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("comment", "Write your comment");
    let page = act(&other, &ad, "fermer", "").await;
    page.assert_status(StatusCode::FORBIDDEN);
    assert_says(&page, "Access denied");
    let page = act(&author, &ad, "terminer", "").await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "This action is not possible in the ad's current state");
}
