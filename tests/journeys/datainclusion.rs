//! The directory in the data·inclusion schema: `/donnees/data-inclusion/structures.json` and
//! `/donnees/data-inclusion/services.json`, checked here and validated by the schema's own
//! pydantic models (`tests/datainclusion/validate.py`, package `data-inclusion-schema`).
//!
//! The Python validation runs when `python3 -c "import data_inclusion.schema"` works
//! (`pip install -r tests/datainclusion/requirements.txt`); set `EMANCIPASSO_REQUIRE_PYTHON=1`
//! to make its absence a failure (CI).

use std::process::Command;

use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{BASE_URL, TestApp};
use crate::seed::StructureBuilder;

/// A listed structure as this file's journeys start from: free, in French, without services.
fn base<'a>(app: &'a TestApp, slug: &'a str, name: &'a str) -> StructureBuilder<'a> {
    app.seed()
        .listed_structure(slug, name)
        .pitch("Nous accompagnons les associations vers le numérique libre.")
        .description("Une structure **fictive** de test.\n\n- ateliers\n- hébergement")
        .pricing("gratuit", "")
        .languages("fr")
        .terms(&[])
}

async fn fetch(app: &TestApp, path: &str) -> (String, Vec<Value>) {
    let page = app.client().get(path).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.header("access-control-allow-origin").as_deref(), Some("*"), "{path}: CORS");
    assert!(page.header("content-type").unwrap_or_default().starts_with("application/json"), "{path}: type");
    assert!(page.header("cache-control").unwrap_or_default().contains("public"), "{path}: cache");
    let records: Vec<Value> = serde_json::from_str(&page.body).expect("a JSON array");
    (page.body.clone(), records)
}

fn by_id<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no record {id}"))
}

fn strings(v: &Value) -> Vec<&str> {
    let mut s: Vec<&str> = v.as_array().expect("array").iter().map(|x| x.as_str().expect("string")).collect();
    s.sort_unstable();
    s
}

#[tokio::test]
async fn the_directory_is_published_in_the_data_inclusion_schema() {
    let app = TestApp::spawn().await;
    let long_pitch = "Nous hébergeons des outils libres pour les associations et formons leurs bénévoles. ".repeat(6);
    base(&app, "nationale", "Chaton National (fictif)")
        .national()
        .remote()
        .chatons("https://www.chatons.org/chaton/exemple")
        .pitch(&long_pitch)
        .pricing("gratuit", "")
        .terms(&[
            ("service", "diagnostic"),
            ("service", "installation-hebergement"),
            ("service", "developpement"),
            ("software", "nextcloud"),
            ("audience", "petites-associations"),
            ("audience", "federations"),
        ])
        .await;
    base(&app, "distante", "Coopérative à Distance (fictive)")
        .remote()
        .legal_form("cooperative")
        .pricing("prix-libre", "Participation libre et consciente.")
        .terms(&[("service", "formation-utilisateurs")])
        .await;
    base(&app, "regionale", "Entreprise Régionale (fictive)")
        .remote()
        .legal_form("entreprise")
        .pricing("adhesion", "10 € par an.")
        .areas(&[("region", "53")])
        .terms(&[("service", "documentation"), ("service", "maintenance-support"), ("service", "migration-donnees")])
        .recommended(2)
        .await;
    base(&app, "departementale", "Indépendante du Sud (fictive)")
        .legal_form("independant")
        .pricing("devis", "")
        .located("13055", "13001")
        .website("")
        .description("")
        .areas(&[("departement", "13"), ("departement", "2A")])
        .terms(&[
            ("service", "financements"),
            ("service", "cahier-des-charges"),
            ("service", "culture-numerique"),
            ("service", "formation-referents"),
        ])
        .await;
    base(&app, "collectif", "Collectif Corse etc.")
        .legal_form("collectif")
        .pricing("forfait", "")
        .located("2A004", "20000")
        .terms(&[("service", "diagnostic"), ("software", "paheko")])
        .await;
    base(&app, "sans-service", "Sans Service (fictive)").await;
    // Not listed: no recommendation.
    base(&app, "cachee", "Cachée (fictive)").terms(&[("service", "diagnostic")]).recommended(0).await;
    app.state.directory.refresh().await.expect("refresh");

    let (structures_json, structures) = fetch(&app, "/donnees/data-inclusion/structures.json").await;
    let (services_json, services) = fetch(&app, "/donnees/data-inclusion/services.json").await;
    assert_eq!(structures.len(), 6, "every listed structure, not the hidden one");
    assert_eq!(services.len(), 3 + 1 + 3 + 4 + 1, "one record per offered service");
    assert!(!structures_json.contains("cachee") && !services_json.contains("cachee"));
    assert!(!structures_json.contains("equipe@structure.example"), "the contact address is never published");
    assert!(!services_json.contains("equipe@structure.example"), "the contact address is never published");

    let nationale = by_id(&structures, "emancipasso--nationale");
    assert_eq!(nationale["source"], "emancipasso");
    assert_eq!(nationale["nom"], "Chaton National (fictif)");
    assert_eq!(nationale["commune"], "Rennes");
    assert_eq!(nationale["code_postal"], "35000");
    assert_eq!(nationale["code_insee"], "35238");
    assert_eq!(nationale["site_web"], "https://exemple.example");
    assert_eq!(nationale["lien_source"], format!("{BASE_URL}/annuaire/nationale"));
    assert!(nationale["adresse"].is_null() && nationale["courriel"].is_null() && nationale["telephone"].is_null());
    assert_eq!(nationale["date_maj"].as_str().expect("date").len(), 10, "YYYY-MM-DD");
    assert!(nationale["description"].as_str().expect("description").contains("**fictive**"));
    assert!(by_id(&structures, "emancipasso--departementale")["site_web"].is_null());
    assert_eq!(by_id(&structures, "emancipasso--collectif")["code_insee"], "2A004");
    assert_eq!(by_id(&structures, "emancipasso--collectif")["nom"], "Collectif Corse etc.");

    let hebergement = by_id(&services, "emancipasso--nationale--installation-hebergement");
    assert_eq!(hebergement["structure_id"], "emancipasso--nationale");
    assert_eq!(hebergement["nom"], "Installation et hébergement");
    assert_eq!(strings(&hebergement["thematiques"]), ["numerique--acceder-a-des-services-en-ligne"]);
    assert_eq!(strings(&hebergement["zone_eligibilite"]), ["france"]);
    assert_eq!(strings(&hebergement["modes_accueil"]), ["a-distance"]);
    assert_eq!(hebergement["frais"], "gratuit");
    assert_eq!(hebergement["publics_precisions"], "Petites associations bénévoles, Fédérations et réseaux");
    assert!(hebergement["description"].as_str().expect("description").contains("Nextcloud"));
    assert_eq!(hebergement["lien_mobilisation"], format!("{BASE_URL}/annuaire/nationale#contact"));
    assert!(by_id(&services, "emancipasso--nationale--developpement")["thematiques"].is_null());

    let distante = by_id(&services, "emancipasso--distante--formation-utilisateurs");
    assert_eq!(distante["type"], "formation");
    assert_eq!(strings(&distante["modes_accueil"]), ["a-distance"]);
    assert_eq!(strings(&distante["zone_eligibilite"]), ["35"], "its own department");
    assert_eq!(distante["frais"], "payant");
    assert_eq!(distante["frais_precisions"], "Prix libre — Participation libre et consciente.");
    assert_eq!(strings(&distante["thematiques"]), ["numerique--maitriser-les-fondamentaux-du-numerique"]);

    let regionale = by_id(&services, "emancipasso--regionale--documentation");
    assert_eq!(strings(&regionale["zone_eligibilite"]), ["22", "29", "35", "56"], "Bretagne's departments");
    assert_eq!(strings(&regionale["modes_accueil"]), ["a-distance", "en-presentiel"]);
    assert_eq!(regionale["type"], "information");
    assert_eq!(regionale["frais_precisions"], "Adhésion — 10 € par an.");

    let departementale = by_id(&services, "emancipasso--departementale--culture-numerique");
    assert_eq!(strings(&departementale["zone_eligibilite"]), ["13", "2A"]);
    assert_eq!(strings(&departementale["modes_accueil"]), ["en-presentiel"]);
    assert_eq!(departementale["frais"], "payant");
    assert_eq!(departementale["code_postal"], "13001");
    assert_eq!(by_id(&services, "emancipasso--collectif--diagnostic")["frais"], "payant");

    validate_with_the_schema(&structures_json, &services_json);
}

/// Runs the schema's own models over both files, when the package is installed.
fn validate_with_the_schema(structures: &str, services: &str) {
    let installed = Command::new("python3")
        .args(["-c", "import data_inclusion.schema"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !installed {
        let how = "pip install -r tests/datainclusion/requirements.txt";
        if std::env::var("EMANCIPASSO_REQUIRE_PYTHON").as_deref() == Ok("1") {
            panic!("EMANCIPASSO_REQUIRE_PYTHON=1 but `python3 -c \"import data_inclusion.schema\"` fails: {how}");
        }
        eprintln!(
            "NOTICE: the data·inclusion validation was NOT run: python3 with the `data-inclusion-schema` package \
             is not available. Enable it with `{how}` (set EMANCIPASSO_REQUIRE_PYTHON=1 to make this a failure)."
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let s = dir.path().join("structures.json");
    let v = dir.path().join("services.json");
    std::fs::write(&s, structures).expect("write structures");
    std::fs::write(&v, services).expect("write services");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/datainclusion/validate.py");
    let out = Command::new("python3").arg(script).arg(&s).arg(&v).output().expect("run validate.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "data·inclusion validation failed:\n{stdout}");
    assert!(stdout.contains("structures: 6 valid of 6") && stdout.contains("services: 12 valid of 12"), "{stdout}");
}
