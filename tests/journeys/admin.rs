//! Administration: who may enter, accounts and roles, editable pages, the `admin create` command.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use emancipasso::web::Role;
use reqwest::StatusCode;

use crate::harness::TestApp;

/// Runs `emancipasso admin create --email EMAIL --password-stdin` against the test database.
fn admin_create(app: &TestApp, email: &str, password: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_emancipasso"))
        .args(["admin", "create", "--email", email, "--password-stdin", "--data"])
        .arg(&app.data_dir)
        .env("EMANCIPASSO_DATABASE_URL", &app.test_db.url)
        .env_remove("EMANCIPASSO_CONFIG")
        .env_remove("EMANCIPASSO_DATA")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the emancipasso binary");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(format!("{password}\n").as_bytes()).expect("write the password");
    drop(stdin);
    child.wait_with_output().expect("command ends")
}

#[tokio::test]
async fn visitors_and_non_admins_cannot_enter_the_administration() {
    let app = TestApp::spawn().await;
    let target = app.account("cible@exemple.org", &[Role::Association]).await;
    let id = app.user_id(&target.email).await;
    let user_path = format!("/admin/utilisateurs/{id}");
    let roles_path = format!("{user_path}/roles");
    let pages_before = app.count("SELECT COUNT(*) FROM pages WHERE title_fr = 'Politique de confidentialité'").await;
    assert_eq!(pages_before, 1);

    let visitor = app.client();
    for path in ["/admin/utilisateurs", user_path.as_str(), "/admin/pages", "/admin/pages/confidentialite"] {
        let page = visitor.get(path).await;
        let encoded = path.replace('/', "%2F");
        page.assert_redirect_to(&format!("/compte/connexion?retour={encoded}"));
    }
    visitor.get("/admin").await.assert_redirect_to("/admin/utilisateurs");
    // Posting anonymously: no way in either.
    let token = visitor.get("/compte/connexion").await.csrf_for("/compte/connexion");
    let page = visitor.post_raw(&roles_path, &[("_csrf", &token), ("role", "admin")]).await;
    assert!(page.status == StatusCode::SEE_OTHER || page.status == StatusCode::FORBIDDEN, "{}", page.status);

    for (email, role) in [
        ("asso@exemple.org", Role::Association),
        ("structure@exemple.org", Role::Structure),
        ("modo@exemple.org", Role::Moderator),
    ] {
        let (client, _) = app.signed_in(email, &[role]).await;
        let home = client.get("/").await;
        assert!(home.attr("a[href=\"/admin/utilisateurs\"]", "href").is_none(), "admin link shown to {email}");
        for path in ["/admin/utilisateurs", user_path.as_str(), "/admin/pages", "/admin/pages/confidentialite"] {
            let page = client.get(path).await;
            page.assert_status(StatusCode::FORBIDDEN).assert_contains("Accès refusé");
            page.assert_lacks("cible@exemple.org");
        }
        let token = client.get("/compte").await.csrf_for("/compte/deconnexion");
        let page = client.post_raw(&roles_path, &[("_csrf", &token), ("role", "admin"), ("role", "moderator")]).await;
        page.assert_status(StatusCode::FORBIDDEN).assert_contains("Accès refusé");
        // Not even for themselves.
        let own = app.user_id(email).await;
        let page =
            client.post_raw(&format!("/admin/utilisateurs/{own}/roles"), &[("_csrf", &token), ("role", "admin")]).await;
        page.assert_status(StatusCode::FORBIDDEN);
        let page = client
            .post_raw(
                "/admin/pages/confidentialite",
                &[
                    ("_csrf", &token),
                    ("title_fr", "Piratée"),
                    ("title_en", "Hacked"),
                    ("body_fr", "x"),
                    ("body_en", "x"),
                ],
            )
            .await;
        page.assert_status(StatusCode::FORBIDDEN).assert_contains("Accès refusé");
    }
    let english = app.client_en();
    english.sign_in("modo@exemple.org", crate::harness::PASSWORD).await;
    english.get("/admin/pages").await.assert_status(StatusCode::FORBIDDEN).assert_contains("Access denied");

    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'").await, 0);
    assert_eq!(app.role_count(id).await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM pages WHERE title_fr = 'Politique de confidentialité'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM pages WHERE updated_by IS NOT NULL").await, 0);
    assert_eq!(app.rows("audit_log").await, 0);
}

#[tokio::test]
async fn an_admin_finds_an_account_and_sets_its_roles() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.signed_in("chef@exemple.org", &[Role::Admin]).await;
    app.account("dominique@asso-du-quartier.org", &[]).await;
    app.account("sam@cooperative.example", &[Role::Structure]).await;
    let id = app.user_id("dominique@asso-du-quartier.org").await;

    let home = admin.get("/").await;
    assert!(home.attr("a[href=\"/admin/utilisateurs\"]", "href").is_some(), "no admin link for an admin");

    let list = admin.get("/admin/utilisateurs").await;
    list.assert_status(StatusCode::OK)
        .assert_contains("chef@exemple.org")
        .assert_contains("dominique@asso-du-quartier.org")
        .assert_contains("sam@cooperative.example");

    let found = admin.get("/admin/utilisateurs?q=QUARTIER").await;
    found
        .assert_status(StatusCode::OK)
        .assert_contains("dominique@asso-du-quartier.org")
        .assert_lacks("sam@cooperative.example");
    assert_eq!(found.attr("#f-q", "value").as_deref(), Some("QUARTIER"));
    let link = format!("/admin/utilisateurs/{id}");
    assert!(found.attr(&format!("a[href=\"{link}\"]"), "href").is_some(), "no link to the account");
    admin
        .get("/admin/utilisateurs?q=personne-ici")
        .await
        .assert_contains("Aucun compte ne correspond")
        .assert_lacks("chef@exemple.org");
    // Wildcards are plain text, not patterns.
    admin.get("/admin/utilisateurs?q=%25").await.assert_status(StatusCode::OK);

    let page = admin.get(&link).await;
    page.assert_status(StatusCode::OK).assert_contains("dominique@asso-du-quartier.org");
    assert!(page.attr("#role-association", "checked").is_none());

    let roles_path = format!("{link}/roles");
    let page = admin.submit(&link, &roles_path, &[("role", "association"), ("role", "moderator")]).await;
    page.assert_redirect_to(&link);
    let page = admin.follow(&page).await;
    page.assert_flash("Les rôles ont été enregistrés");
    assert_eq!(page.attr("#role-association", "checked").as_deref(), Some(""));
    assert_eq!(page.attr("#role-moderator", "checked").as_deref(), Some(""));
    assert!(page.attr("#role-admin", "checked").is_none());
    assert_eq!(app.role_count(id).await, 2);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM user_roles WHERE user_id = {id} AND role IN ('association', 'moderator')"
        ))
        .await,
        2
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'role.grant'").await, 2);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'role.grant' AND target = 'user:{id}:moderator'"
        ))
        .await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE actor_label = 'chef@exemple.org'").await, 2);

    // The person sees the new roles in their own account.
    let person = app.client();
    person.sign_in("dominique@asso-du-quartier.org", crate::harness::PASSWORD).await;
    person.get("/compte").await.assert_contains("Modération");

    // Removing a role; unknown values are ignored.
    let page = admin.submit(&link, &roles_path, &[("role", "association"), ("role", "superuser"), ("role", "")]).await;
    page.assert_redirect_to(&link);
    assert_eq!(app.role_count(id).await, 1);
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM user_roles WHERE user_id = {id} AND role = 'association'")).await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'superuser'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'role.revoke'").await, 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'role.revoke' AND target = 'user:{id}:moderator'"
        ))
        .await,
        1
    );
    // Saving the same roles again changes and logs nothing.
    admin.submit(&link, &roles_path, &[("role", "association")]).await.assert_redirect_to(&link);
    assert_eq!(app.rows("audit_log").await, 3);

    // Accounts that do not exist.
    admin
        .get("/admin/utilisateurs/999999")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("Page introuvable");
    admin.get("/admin/utilisateurs/pas-un-nombre").await.assert_status(StatusCode::NOT_FOUND);
    let token = admin.get(&link).await.csrf_for(&roles_path);
    admin
        .post_raw("/admin/utilisateurs/999999/roles", &[("_csrf", &token), ("role", "admin")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'").await, 1);
}

#[tokio::test]
async fn the_last_admin_cannot_give_up_the_role() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.signed_in("seule@exemple.org", &[Role::Admin]).await;
    let id = app.user_id("seule@exemple.org").await;
    let link = format!("/admin/utilisateurs/{id}");
    let roles_path = format!("{link}/roles");

    let page = admin.submit(&link, &roles_path, &[("role", "moderator")]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Il doit rester au moins une personne administratrice");
    assert_eq!(page.attr("#role-admin", "checked").as_deref(), Some(""), "the page shows the roles actually held");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM user_roles WHERE user_id = {id} AND role = 'admin'")).await, 1);
    assert_eq!(app.role_count(id).await, 1, "nothing half-saved");
    assert_eq!(app.rows("audit_log").await, 0);
    admin.get("/admin/utilisateurs").await.assert_status(StatusCode::OK);

    // With a second admin, the first one may step down.
    app.account("relais@exemple.org", &[Role::Admin]).await;
    let page = admin.submit(&link, &roles_path, &[("role", "moderator")]).await;
    page.assert_redirect_to(&link);
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'").await, 1);
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM user_roles WHERE user_id = {id} AND role = 'moderator'")).await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'role.revoke'").await, 1);
    // The change takes effect at once, on the same session.
    admin.follow(&page).await.assert_status(StatusCode::FORBIDDEN);
    admin.get("/admin/utilisateurs").await.assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_admin_edits_a_page_in_markdown() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.signed_in("editrice@exemple.org", &[Role::Admin]).await;

    let list = admin.get("/admin/pages").await;
    list.assert_status(StatusCode::OK);
    for slug in ["mentions-legales", "confidentialite", "accessibilite"] {
        assert!(list.attr(&format!("a[href=\"/admin/pages/{slug}\"]"), "href").is_some(), "no link to {slug}");
    }
    let path = "/admin/pages/confidentialite";
    let form = admin.get(path).await;
    form.assert_status(StatusCode::OK).assert_field_value("title_fr", "Politique de confidentialité");

    let page = admin
        .post_form(
            path,
            &[("title_fr", "  "), ("title_en", "Our privacy"), ("body_fr", "Texte conservé"), ("body_en", "Kept text")],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("title_fr", "Indiquez un titre")
        .assert_no_field_error("title_en")
        .assert_no_field_error("body_fr")
        .assert_field_value("title_en", "Our privacy");
    assert_eq!(page.select_text("#f-body_fr").as_deref(), Some("Texte conservé"));
    assert_eq!(page.select_text("#f-body_en").as_deref(), Some("Kept text"));
    assert_eq!(app.count("SELECT COUNT(*) FROM pages WHERE title_en = 'Our privacy'").await, 0);
    assert_eq!(app.rows("audit_log").await, 0);

    let body_fr = "Nous gardons **très peu** de données.\n\n<script>alert('fr')</script>\n\n- une liste\n- [un lien](javascript:alert(1))";
    let page = admin
        .post_form(
            path,
            &[
                ("title_fr", "Vos données"),
                ("title_en", "Your data"),
                ("body_fr", body_fr),
                ("body_en", "We keep *little*."),
            ],
        )
        .await;
    page.assert_redirect_to("/pages/confidentialite");
    let shown = admin.follow(&page).await;
    shown.assert_status(StatusCode::OK).assert_flash("La page a été enregistrée");
    assert_eq!(shown.select_text("main h1").as_deref(), Some("Vos données"));
    shown.assert_contains("<strong>très peu</strong>").assert_contains("<li>une liste</li>");
    shown.assert_lacks("<script").assert_lacks("javascript:");
    assert!(shown.title().starts_with("Vos données"));

    let english = app.client_en().get("/pages/confidentialite").await;
    assert_eq!(english.select_text("main h1").as_deref(), Some("Your data"));
    english.assert_contains("<em>little</em>");
    // The source is kept as typed, for the next edit.
    let form = admin.get(path).await;
    assert_eq!(form.select_text("#f-body_fr").as_deref(), Some(body_fr));
    assert!(!form.body.contains("<script>alert"), "the source is escaped in the form");

    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'page.edit' AND target = 'page:confidentialite'")
            .await,
        1
    );
    let editor = app.user_id("editrice@exemple.org").await;
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM pages WHERE slug = 'confidentialite' AND updated_by = {editor}"))
            .await,
        1
    );
    // Other pages are untouched.
    app.client().get("/pages/mentions-legales").await.assert_contains("Mentions légales");

    admin.get("/admin/pages/inconnue").await.assert_status(StatusCode::NOT_FOUND).assert_contains("Page introuvable");
    let token = admin.get(path).await.csrf_for(path);
    admin
        .post_raw(
            "/admin/pages/inconnue",
            &[("_csrf", &token), ("title_fr", "A"), ("title_en", "B"), ("body_fr", "C"), ("body_en", "D")],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.client().get("/pages/inconnue").await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.rows("pages").await, 3);
}

#[tokio::test]
async fn the_admin_create_command_makes_an_admin_who_can_sign_in() {
    let app = TestApp::spawn().await;

    let out = admin_create(&app, "chef@exemple.org", "court");
    assert!(!out.status.success(), "a short password was accepted");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("10"), "no explanation on stderr: {stderr}");
    assert_eq!(app.rows("users").await, 0);

    let out = admin_create(&app, "Chef@Exemple.org", "un mot de passe de chef");
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("chef@exemple.org")
            || String::from_utf8_lossy(&out.stdout).contains("Chef@Exemple.org")
    );

    let chef = app.client();
    let page = chef
        .post_form("/compte/connexion", &[("email", "chef@exemple.org"), ("password", "un mot de passe de chef")])
        .await;
    page.assert_redirect_to("/compte");
    chef.get("/admin/utilisateurs").await.assert_status(StatusCode::OK).assert_contains("chef@exemple.org");

    // An existing account is given the admin role; its password stays.
    let (member, user) = app.signed_in("membre@exemple.org", &[Role::Association]).await;
    member.get("/admin/utilisateurs").await.assert_status(StatusCode::FORBIDDEN);
    let out = admin_create(&app, "membre@exemple.org", "un autre mot de passe");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    member.get("/admin/utilisateurs").await.assert_status(StatusCode::OK);
    app.client().sign_in(&user.email, &user.password).await;
    let id = app.user_id("membre@exemple.org").await;
    assert_eq!(app.role_count(id).await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'").await, 2);
}

#[tokio::test]
async fn an_admin_edits_the_choice_lists_and_profiles_follow() {
    let app = TestApp::spawn().await;
    app.seed()
        .listed_structure("taxo", "Taxonomie (fictive)")
        .pitch("Pour tester les listes.")
        .description("")
        .website("")
        .contact_email("taxo@structure.example")
        .pricing("gratuit", "")
        .languages("fr")
        .terms(&[("software", "nextcloud")])
        .await;
    app.state.directory.refresh().await.unwrap();

    let (moderator, _) = app.signed_in("moderation@exemple.org", &[Role::Moderator]).await;
    moderator.get("/admin/taxonomies").await.assert_status(StatusCode::FORBIDDEN);
    let (admin, _) = app.signed_in("admin@exemple.org", &[Role::Admin]).await;
    let page = admin.get("/admin/taxonomies").await;
    page.assert_status(StatusCode::OK).assert_contains("Nextcloud").assert_contains("1 fiche");

    let page = admin
        .submit("/admin/taxonomies", "/admin/taxonomies", &[("kind", "software"), ("label_fr", "X"), ("label_en", "")])
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("label_fr", "au moins 2")
        .assert_field_value("label_fr", "X");
    let page = admin
        .submit(
            "/admin/taxonomies",
            "/admin/taxonomies",
            &[("kind", "software"), ("label_fr", "Garage"), ("label_en", "Garage")],
        )
        .await;
    page.assert_redirect_to("/admin/taxonomies");
    let page = admin
        .submit(
            "/admin/taxonomies",
            "/admin/taxonomies",
            &[("kind", "software"), ("label_fr", "Garage"), ("label_en", "Garage")],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("label_fr", "existe déjà");
    let page = admin
        .submit(
            "/admin/taxonomies",
            "/admin/taxonomies",
            &[("kind", "planete"), ("label_fr", "Mars"), ("label_en", "Mars")],
        )
        .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("SELECT COUNT(*) FROM terms WHERE slug = 'garage' AND kind = 'software'").await, 1);

    let term = emancipasso::db::int(
        app.db.conn(),
        "SELECT id FROM terms WHERE kind = 'software' AND slug = 'nextcloud'",
        vec![],
    )
    .await
    .unwrap()
    .unwrap();
    let action = format!("/admin/taxonomies/{term}");
    admin
        .submit("/admin/taxonomies", &action, &[("label_fr", "Nextcloud Hub"), ("label_en", "Nextcloud Hub")])
        .await
        .assert_redirect_to("/admin/taxonomies");
    app.state.directory.refresh().await.unwrap();
    app.client().get("/annuaire").await.assert_contains("Nextcloud Hub (1)");
    app.client().get("/annuaire?q=hub").await.assert_contains("Taxonomie (fictive)");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('term.add', 'term.rename')").await, 2);
    let token = admin.get("/admin/taxonomies").await.csrf_for("/admin/taxonomies");
    let page = admin
        .post_raw("/admin/taxonomies/999999", &[("_csrf", &token), ("label_fr", "Rien"), ("label_en", "Nothing")])
        .await;
    page.assert_status(StatusCode::NOT_FOUND);
}
