//! A structure's team presents it: creation, edition, logo, invitations, submission.

use emancipasso::web::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::harness::{Client, PASSWORD, TestApp};

const PROFILE: &[(&str, &str)] = &[
    ("name", "Les Nuages Solidaires (fictif)"),
    ("pitch", "Hébergement Nextcloud et formations pour les associations bretonnes."),
    ("description", "Nous sommes une **association** rennaise."),
    ("legal_form", "association"),
    ("chatons_member", "oui"),
    ("chatons_url", "https://www.chatons.org/chatons/nuages"),
    ("website", "https://nuages.example"),
    ("contact_email", "contact@nuages.example"),
    ("postcode", "35000"),
    ("commune", ""),
    ("regions", "53"),
    ("departements", "44, 49"),
    ("services", "diagnostic"),
    ("services", "formation-referents"),
    ("software", "nextcloud"),
    ("audiences", "petites-associations"),
    ("pricing", "prix-libre"),
    ("price_info", "Diagnostic : 150 €."),
    ("languages", "fr"),
    ("languages", "br"),
];

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut fields: Vec<(&str, &str)> =
        PROFILE.iter().copied().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).collect();
    fields.extend(changes.iter().copied().filter(|(_, v)| !v.is_empty()));
    fields
}

pub(crate) async fn upload(client: &Client, bytes: Vec<u8>, file_name: &str) -> crate::harness::Page {
    let page = client.get("/espace/structure").await;
    let token = page.csrf_for("/espace/structure/logo");
    let form = Form::new().text("_csrf", token).part("logo", Part::bytes(bytes).file_name(file_name.to_owned()));
    client.request(client.raw().post(client.url("/espace/structure/logo")).multipart(form)).await
}

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(width, height, image::Rgba([91, 42, 134, 255]))
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

#[tokio::test]
async fn a_team_creates_its_profile_submits_it_and_is_listed_once_vetted() {
    let app = TestApp::spawn().await;
    app.client().get("/espace/structure").await.assert_redirect_to("/compte/connexion?retour=%2Fespace%2Fstructure");
    let (client, _) = app.signed_in("fondatrice@nuages.example", &[]).await;

    // Bad input: messages next to the fields, what was typed kept.
    let bad = with(&[
        ("name", "N"),
        ("pitch", "Court"),
        ("website", "nuages.example"),
        ("postcode", "99999"),
        ("legal_form", ""),
        ("departements", "44, 999"),
    ]);
    let bad: Vec<(&str, &str)> = bad.into_iter().filter(|(k, _)| *k != "services").collect();
    let page = client.submit("/espace/structure", "/espace/structure", &bad).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("name", "2 caractères au moins")
        .assert_field_error("pitch", "une phrase")
        .assert_field_error("website", "n'est pas valide")
        .assert_field_error("postcode", "n'existe pas")
        .assert_field_error("legal_form", "forme juridique")
        .assert_field_error("departements", "n'existe pas")
        .assert_contains("Choisissez au moins un service")
        .assert_field_value("website", "nuages.example")
        .assert_field_value("departements", "44, 999");
    assert_eq!(page.attr("#software-nextcloud", "checked").as_deref(), Some(""), "checked boxes stay checked");
    assert_eq!(app.rows("structures").await, 0);

    let page = client.submit("/espace/structure", "/espace/structure", PROFILE).await;
    page.assert_redirect_to("/espace/structure");
    let page = client.follow(&page).await;
    page.assert_flash("La fiche de votre structure est créée")
        .assert_contains("pas encore visible")
        .assert_contains("Soumettre ma fiche")
        .assert_field_value("name", "Les Nuages Solidaires (fictif)");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM structures WHERE slug = 'les-nuages-solidaires-fictif' AND status = 'draft'")
            .await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'structure'").await, 1);
    assert_eq!(app.rows("structure_areas").await, 3);
    app.client().get("/annuaire/les-nuages-solidaires-fictif").await.assert_status(StatusCode::NOT_FOUND);

    client
        .submit("/espace/structure", "/espace/structure/soumettre", &[])
        .await
        .assert_redirect_to("/espace/structure");
    assert_eq!(app.count("SELECT COUNT(*) FROM structures WHERE status = 'pending'").await, 1);

    // The moderators approve it and an association recommends it (their workflows come later).
    let id = app.team_structure_id("fondatrice@nuages.example").await;
    app.seed().approve_structure(id).await;
    app.seed().recommendation(id).await;
    app.state.directory.refresh().await.unwrap();
    client.get("/espace/structure").await.assert_contains("Votre fiche est visible dans");

    // An edit shows at once in the directory.
    let edited = with(&[("pitch", "Hébergement et formations libres, partout en Bretagne.")]);
    client.submit("/espace/structure", "/espace/structure", &edited).await.assert_redirect_to("/espace/structure");
    app.state.directory.refresh().await.unwrap();
    app.client().get("/annuaire").await.assert_contains("partout en Bretagne");
}

#[tokio::test]
async fn a_postcode_shared_by_several_communes_asks_which_one() {
    let app = TestApp::spawn().await;
    let (client, _) = app.signed_in("village@asso.example", &[]).await;
    let page =
        client.submit("/espace/structure", "/espace/structure", &with(&[("postcode", "01400"), ("commune", "")])).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("commune", "Plusieurs communes")
        .assert_contains("Châtillon-sur-Chalaronne");
    let page = client
        .submit(
            "/espace/structure",
            "/espace/structure",
            &with(&[("postcode", "01400"), ("commune", "chatillon sur chalaronne")]),
        )
        .await;
    page.assert_redirect_to("/espace/structure");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM structures WHERE department_code = '01' AND region_code = '84'").await,
        1
    );
}

#[tokio::test]
async fn a_logo_is_reencoded_and_bad_files_are_refused() {
    let app = TestApp::spawn().await;
    let (client, _) = app.signed_in("logo@nuages.example", &[]).await;
    client.submit("/espace/structure", "/espace/structure", PROFILE).await.assert_redirect_to("/espace/structure");

    let page = upload(
        &client,
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
        "logo.png",
    )
    .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("logo", "PNG, JPEG ou WebP");
    let page = upload(&client, vec![0u8; 3 * 1024 * 1024], "enorme.png").await;
    assert!(
        page.status == StatusCode::UNPROCESSABLE_ENTITY || page.status == StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        page.status
    );
    assert!(page.body.contains("2 Mo") || page.body.contains("trop volumineux"), "a clear message");

    let page = upload(&client, png(800, 400), "logo.png").await;
    page.assert_redirect_to("/espace/structure");
    let page = client.follow(&page).await;
    page.assert_flash("Le logo est enregistré");
    let src = page.attr("img.logo-preview", "src").expect("the logo is shown");
    let logo = client.raw().get(client.url(&src)).send().await.unwrap();
    assert_eq!(logo.headers()["content-type"], "image/png");
    let stored = image::load_from_memory(&logo.bytes().await.unwrap()).expect("a PNG");
    assert_eq!((stored.width(), stored.height()), (256, 128));
    app.client().get("/medias/logos/../../emancipasso.db").await.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn huge_images_in_small_files_are_refused_and_uploads_are_limited() {
    let app = TestApp::spawn_with(|c| c.rate_forms = 4).await;
    let (client, _) = app.signed_in("bombe@nuages.example", &[]).await;
    client.submit("/espace/structure", "/espace/structure", PROFILE).await.assert_redirect_to("/espace/structure");

    // 5,000 × 5,000 pixels in a file of a few kilobytes: refused before it is decoded.
    let mut bomb = std::io::Cursor::new(Vec::new());
    image::GrayImage::new(5000, 5000).write_to(&mut bomb, image::ImageFormat::Png).unwrap();
    let bomb = bomb.into_inner();
    assert!(bomb.len() < 200_000);
    let page = upload(&client, bomb.clone(), "logo.png").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("logo", "");

    // Each upload counts: past the limit of the window, the next ones are refused at once.
    let mut refused = 0;
    for _ in 0..4 {
        let page = upload(&client, bomb.clone(), "logo.png").await;
        if page.status == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        } else {
            page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
    assert_eq!(refused, 1, "the fifth upload of the window is refused");
    app.client().get("/healthz").await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_colleague_joins_the_team_from_an_invitation() {
    let app = TestApp::spawn().await;
    let (founder, _) = app.signed_in("fondateur@nuages.example", &[]).await;
    founder.submit("/espace/structure", "/espace/structure", PROFILE).await.assert_redirect_to("/espace/structure");
    founder
        .submit("/espace/structure", "/espace/structure/soumettre", &[])
        .await
        .assert_redirect_to("/espace/structure");
    let page = founder
        .submit("/espace/structure", "/espace/structure/invitations", &[("invite_email", "pas-une-adresse")])
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("invite_email", "n'est pas valide");
    founder
        .submit("/espace/structure", "/espace/structure/invitations", &[("invite_email", "collegue@nuages.example")])
        .await
        .assert_redirect_to("/espace/structure");
    let link = app.only_mail_to("collegue@nuages.example").await.link();

    // The colleague signs in and accepts.
    app.account("collegue@nuages.example", &[Role::Association]).await;
    let colleague = app.client();
    colleague.get(&link).await.assert_redirect_to("/compte/connexion");
    colleague.sign_in("collegue@nuages.example", PASSWORD).await;
    let page = colleague.get(&link).await;
    page.assert_status(StatusCode::OK).assert_contains("Les Nuages Solidaires (fictif)");
    let page = colleague.post_form(&link, &[]).await;
    page.assert_redirect_to("/espace/structure");
    colleague
        .follow(&page)
        .await
        .assert_flash("Vous faites maintenant partie de l'équipe")
        .assert_field_value("name", "Les Nuages Solidaires (fictif)");
    assert_eq!(app.rows("structure_members").await, 2);
    // The link works once.
    app.client().get(&link).await.assert_redirect_to("/compte/connexion");
    colleague.get(&link).await.assert_status(StatusCode::NOT_FOUND);
}
