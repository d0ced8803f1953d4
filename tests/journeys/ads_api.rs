//! The ads in the open data: Atom feeds, JSON API and OpenAPI document.

use emancipasso::config::Moderation;
use emancipasso::web::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{BASE_URL, Client, Page, TestApp};
use crate::seed::AdBuilder;

/// A deadline two months ahead, as the date input sends it.
fn deadline() -> String {
    (chrono::Utc::now() + chrono::Duration::days(60)).format("%Y-%m-%d").to_string()
}

/// The ad these journeys start from, posted through the form: a need in Bretagne, due in two
/// months, without software, cost or keywords.
fn new_ad<'a>(app: &'a TestApp, author: &'a Client) -> AdBuilder<'a> {
    app.seed()
        .published_ad(author)
        .association("Les Amis du Jardin (fictive)")
        .title("Un outil pour nos adhésions")
        .body("Nous cherchons un logiciel libre pour suivre les adhésions et les cotisations.")
        .software("")
        .cost("")
        .deadline(&deadline())
        .region("53")
        .remote(false)
        .tags("")
}

/// Applies the recorded changes at once (the engine does it by itself within two seconds).
async fn settle(app: &TestApp) {
    app.state.ads.refresh().await.expect("refresh the ads engine");
}

async fn author(app: &TestApp) -> Client {
    app.signed_in("jardin@asso.example", &[Role::Association]).await.0
}

fn json(page: &Page) -> Value {
    serde_json::from_str(&page.body).unwrap_or_else(|e| panic!("{e}: not JSON:\n{}", page.body))
}

// ---- a small XML reader, enough for a feed -----------------------------------------------

fn check_text(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| entity.starts_with(e)),
            "bare & in {text:?}"
        );
    }
}

/// Well-formed XML: a declaration, one root, balanced tags, quoted attributes, escaped text.
fn assert_well_formed(xml: &str) {
    let mut rest = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>").expect("an XML declaration");
    let mut open: Vec<&str> = Vec::new();
    let mut roots = 0;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        check_text(text);
        assert!(!open.is_empty() || text.trim().is_empty(), "text outside the root: {text:?}");
        let end = start + rest[start..].find('>').expect("an unclosed tag");
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name.trim()), "mismatched </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let inner = tag.trim_end_matches('/');
            let (name, mut attrs) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
            assert!(!name.is_empty() && !name.contains(['"', '\'', '&', '=']), "bad tag <{tag}>");
            loop {
                attrs = attrs.trim_start();
                if attrs.is_empty() {
                    break;
                }
                let (key, value) = attrs.split_once("=\"").unwrap_or_else(|| panic!("unquoted attribute in <{tag}>"));
                assert!(!key.trim().is_empty() && !key.contains(char::is_whitespace), "bad attribute in <{tag}>");
                let close = value.find('"').unwrap_or_else(|| panic!("unclosed attribute in <{tag}>"));
                check_text(&value[..close]);
                attrs = &value[close + 1..];
            }
            if open.is_empty() {
                roots += 1;
            }
            if !self_closing {
                open.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root: {rest:?}");
    assert!(open.is_empty(), "unclosed elements: {open:?}");
    assert_eq!(roots, 1, "one root element");
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text of the first `<name>` element in `xml`.
fn text_of(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = xml[from..].find(&open) {
        let after = from + i + open.len();
        if xml[after..].starts_with(['>', ' ']) {
            let content = after + xml[after..].find('>')? + 1;
            let close = xml[content..].find(&format!("</{name}>"))?;
            return Some(unescape(&xml[content..content + close]));
        }
        from = after;
    }
    None
}

/// The `<entry>` elements of a feed, in order.
fn entries(xml: &str) -> Vec<&str> {
    xml.split("<entry>").skip(1).map(|e| e.split("</entry>").next().expect("closed entry")).collect()
}

fn titles(xml: &str) -> Vec<String> {
    entries(xml).iter().map(|e| text_of(e, "title").expect("an entry title")).collect()
}

/// Fetches a feed and checks what every feed must be.
async fn feed(client: &Client, path: &str) -> String {
    let page = client.get(path).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.header("content-type").as_deref(), Some("application/atom+xml; charset=utf-8"));
    assert_well_formed(&page.body);
    assert!(page.body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""), "{}", page.body);
    let feed_head = page.body.split("<entry>").next().expect("head");
    let self_url = format!("{BASE_URL}{path}");
    assert_eq!(text_of(feed_head, "id").as_deref(), Some(self_url.as_str()));
    assert!(feed_head.contains(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>")));
    let updated = text_of(feed_head, "updated").expect("the feed's updated");
    chrono::DateTime::parse_from_rfc3339(&updated).expect("updated is RFC 3339");
    page.body
}

// ---- journeys ----------------------------------------------------------------------------

#[tokio::test]
async fn feeds_carry_the_newest_public_ads_per_kind() {
    let app = TestApp::spawn().await;
    let author = author(&app).await;
    let need = new_ad(&app, &author)
        .title("Un logiciel de comptabilité")
        .software("paheko")
        .region("84")
        .tags("compta, rgpd")
        .await;
    let feature = new_ad(&app, &author)
        .kind("fonctionnalite")
        .title("Export CSV & relances <urgent> \"vite\"")
        .body("Ajouter à Galette un export **CSV** des relances, & le reste <script>alert(1)</script>.")
        .software("galette")
        .remote(true)
        .cost("2400")
        .await;
    new_ad(&app, &author).title("Brouillon pas encore prêt").draft().await;
    settle(&app).await;

    let visitor = app.client();
    let xml = feed(&visitor, "/annonces.atom").await;
    // Newest first; the draft is not there.
    assert_eq!(titles(&xml), ["Export CSV & relances <urgent> \"vite\"", "Un logiciel de comptabilité"]);
    assert!(!xml.contains("Brouillon"), "{xml}");
    assert!(xml.contains("Export CSV &amp; relances &lt;urgent&gt; &quot;vite&quot;"), "{xml}");
    assert!(!xml.contains("<script>"), "{xml}");
    let head = xml.split("<entry>").next().unwrap();
    assert_eq!(text_of(head, "title").as_deref(), Some("Annonces — Emancip'Asso"));
    assert!(head.contains("xml:lang=\"fr\""));

    let first = entries(&xml)[1];
    let url = format!("{BASE_URL}{}", need.url());
    assert!(need.url().starts_with(&format!("/annonces/{}-", need.id)));
    assert_eq!(text_of(first, "id"), Some(url.clone()));
    assert!(first.contains(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>")), "{first}");
    assert_eq!(text_of(first, "name").as_deref(), Some("Les Amis du Jardin (fictive)"));
    assert!(text_of(first, "summary").unwrap().starts_with("Nous cherchons un logiciel libre"));
    assert!(first.contains("<category term=\"besoin\" label=\"Besoin\"/>"), "{first}");
    for date in ["updated", "published"] {
        chrono::DateTime::parse_from_rfc3339(&text_of(first, date).unwrap()).expect("RFC 3339");
    }
    let second = entries(&xml)[0];
    assert_eq!(text_of(second, "id"), Some(format!("{BASE_URL}{}", feature.url())));
    let summary = text_of(second, "summary").unwrap();
    assert!(summary.starts_with("Ajouter à Galette un export CSV des relances, & le reste"), "{summary}");

    // One feed per kind, linked from the list filtered on that kind.
    let xml = feed(&visitor, "/annonces.atom?type=fonctionnalite").await;
    assert_eq!(titles(&xml), ["Export CSV & relances <urgent> \"vite\""]);
    assert!(xml.contains("<category term=\"fonctionnalite\""));
    assert!(xml.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"http://emancipasso.test/annonces?type=fonctionnalite\"/>"
    ));
    let head = xml.split("<entry>").next().unwrap();
    assert_eq!(
        text_of(head, "title").as_deref(),
        Some("Annonces «\u{202f}Fonctionnalité à développer\u{202f}» — Emancip'Asso")
    );
    let xml = feed(&visitor, "/annonces.atom?type=besoin").await;
    assert_eq!(titles(&xml), ["Un logiciel de comptabilité"]);
    let xml = feed(&visitor, "/annonces.atom?type=mutualisation").await;
    assert!(entries(&xml).is_empty());
    visitor
        .get("/annonces?type=fonctionnalite")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("href=\"/annonces.atom?type=fonctionnalite\"");

    let unknown = visitor.get("/annonces.atom?type=inconnu").await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert!(unknown.header("content-type").unwrap_or_default().starts_with("text/html"));

    // The titles follow the reader's language.
    let xml = feed(&app.client_en(), "/annonces.atom?type=besoin").await;
    let head = xml.split("<entry>").next().unwrap();
    assert_eq!(text_of(head, "title").as_deref(), Some("Ads “Need” — Emancip'Asso"));
    assert!(head.contains("xml:lang=\"en\""));
    assert!(xml.contains("<category term=\"besoin\" label=\"Need\"/>"));
}

#[tokio::test]
async fn the_api_lists_filters_and_pages_the_public_ads() {
    let app = TestApp::spawn().await;
    let author = author(&app).await;
    let need = new_ad(&app, &author)
        .title("Gérer la comptabilité de l'association")
        .body("Nous cherchons un logiciel libre pour tenir la **comptabilité** et suivre les cotisations.")
        .software("paheko")
        .region("84")
        .tags("Compta, RGPD")
        .cost("1 500")
        .await
        .id;
    new_ad(&app, &author)
        .kind("fonctionnalite")
        .title("Relances dans Galette")
        .software("galette")
        .remote(true)
        .region("")
        .await;
    new_ad(&app, &author).kind("accompagnement").title("Migrer nos courriels").remote(true).await;
    let draft = new_ad(&app, &author).title("Un brouillon à finir").draft().await.id;
    settle(&app).await;

    let visitor = app.client();
    let page = visitor.get("/api/v1/ads").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.header("content-type").as_deref(), Some("application/json; charset=utf-8"));
    assert_eq!(page.header("access-control-allow-origin").as_deref(), Some("*"));
    assert_eq!(page.header("cache-control").as_deref(), Some("public, max-age=300"));
    let all = json(&page);
    assert_eq!((all["total"].as_i64(), all["page"].as_i64(), all["pages"].as_i64()), (Some(3), Some(1), Some(1)));
    assert_eq!(all["per_page"], 20);
    let items = all["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["id"] != draft), "the draft is listed: {all}");
    let item = items.iter().find(|i| i["id"] == need).expect("the need is listed");
    assert_eq!(item["url"], format!("{BASE_URL}/annonces/{need}-gerer-la-comptabilite-de-l-association"));
    assert_eq!(item["title"], "Gérer la comptabilité de l'association");
    assert_eq!(item["kind"], "besoin");
    assert_eq!(item["status"], "published");
    assert_eq!(item["association"], "Les Amis du Jardin (fictive)");
    assert!(
        item["excerpt"].as_str().unwrap().starts_with("Nous cherchons un logiciel libre pour tenir la comptabilité")
    );
    assert_eq!(item["software"], "paheko");
    assert_eq!(item["software_other"], "");
    assert_eq!(item["region"], "84");
    assert_eq!(item["remote"], false);
    assert_eq!(item["tags"], serde_json::json!(["compta", "rgpd"]));
    assert_eq!(item["estimated_cost"], 1500);
    assert_eq!(item["accepted_cost"], Value::Null);
    assert_eq!(
        (item["pledged"].as_i64(), item["associations"].as_i64(), item["offers"].as_i64()),
        (Some(0), Some(1), Some(0))
    );
    assert_eq!(item["deadline"], deadline());
    chrono::DateTime::parse_from_rfc3339(item["published_at"].as_str().unwrap()).expect("RFC 3339");
    let remote = items.iter().find(|i| i["kind"] == "fonctionnalite").unwrap();
    assert_eq!((&remote["region"], &remote["remote"]), (&Value::Null, &Value::Bool(true)));

    // The filters of the list page.
    let count = |q: &'static str| {
        let visitor = &visitor;
        async move { json(&visitor.get(&format!("/api/v1/ads?{q}")).await)["total"].as_i64().unwrap() }
    };
    assert_eq!(count("type=fonctionnalite").await, 1);
    assert_eq!(count("type=fonctionnalite&type=accompagnement").await, 2);
    assert_eq!(count("logiciel=paheko").await, 1);
    assert_eq!(count("logiciel=inconnu").await, 3, "unknown values are ignored");
    assert_eq!(count("region=84").await, 1);
    assert_eq!(count("a_distance=oui").await, 2);
    assert_eq!(count("statut=ouverte").await, 3);
    assert_eq!(count("statut=realisee").await, 0);
    assert_eq!(count("q=comptabilit%C3%A9").await, 1);
    assert_eq!(count("q=courriels&a_distance=oui").await, 1);
    let found = json(&visitor.get("/api/v1/ads?q=comptabilit%C3%A9").await);
    assert_eq!(found["items"][0]["id"], need);

    // Pages, and the bounds of per_page.
    let first = json(&visitor.get("/api/v1/ads?per_page=2").await);
    assert_eq!((first["pages"].as_i64(), first["items"].as_array().unwrap().len()), (Some(2), 2));
    let second = json(&visitor.get("/api/v1/ads?per_page=2&page=2").await);
    assert_eq!((second["page"].as_i64(), second["items"].as_array().unwrap().len()), (Some(2), 1));
    assert!(first["items"].as_array().unwrap().iter().all(|i| i["id"] != second["items"][0]["id"]));
    let beyond = json(&visitor.get("/api/v1/ads?per_page=2&page=99").await);
    assert_eq!(beyond["page"], 2);
    for (asked, got) in [("0", 1), ("1000", 100), ("abc", 20), ("-5", 20), ("100", 100)] {
        let page = json(&visitor.get(&format!("/api/v1/ads?per_page={asked}")).await);
        assert_eq!(page["per_page"], got, "per_page={asked}");
    }
    assert_eq!(json(&visitor.get("/api/v1/ads?per_page=0").await)["items"].as_array().unwrap().len(), 1);

    // One ad: the fields of the list, plus its description.
    let page = visitor.get(&format!("/api/v1/ads/{need}")).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.header("access-control-allow-origin").as_deref(), Some("*"));
    let one = json(&page);
    for (key, value) in item.as_object().unwrap() {
        assert_eq!(&one[key], value, "{key} differs between the list and the ad");
    }
    assert!(one["body"].as_str().unwrap().contains("**comptabilité**"));
    assert!(one["body_html"].as_str().unwrap().contains("<strong>comptabilité</strong>"));

    for missing in [format!("/api/v1/ads/{draft}"), "/api/v1/ads/999999".into(), "/api/v1/ads/abc".into()] {
        let page = visitor.get(&missing).await;
        page.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(json(&page), serde_json::json!({"error": "not_found"}), "{missing}");
    }
    // Not even for its author.
    author.get(&format!("/api/v1/ads/{draft}")).await.assert_status(StatusCode::NOT_FOUND);

    // The OpenAPI document describes every key.
    let doc = json(&visitor.get("/api/v1/openapi.json").await);
    let documented = doc["components"]["schemas"]["Ad"]["properties"].as_object().expect("an Ad schema");
    for key in item.as_object().unwrap().keys() {
        assert!(documented.contains_key(key), "{key} is not documented in the OpenAPI document");
    }
    let one_schema =
        &doc["paths"]["/api/v1/ads/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    let extra = one_schema["allOf"][1]["properties"].as_object().expect("the ad's own properties");
    for key in one.as_object().unwrap().keys() {
        assert!(documented.contains_key(key) || extra.contains_key(key), "{key} of an ad is not documented");
    }
    let list = &doc["paths"]["/api/v1/ads"]["get"];
    let params: Vec<&str> =
        list["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for name in ["q", "type", "logiciel", "region", "a_distance", "statut", "tri", "page", "per_page"] {
        assert!(params.contains(&name), "parameter {name} is not documented");
    }
    let page_schema = &list["responses"]["200"]["content"]["application/json"]["schema"]["properties"];
    for key in all.as_object().unwrap().keys() {
        assert!(!page_schema[key].is_null(), "{key} of a page is not documented");
    }
}

#[tokio::test]
async fn drafts_pending_refused_and_removed_ads_stay_out_of_the_open_data() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let author = author(&app).await;
    let kept = new_ad(&app, &author).title("Une annonce approuvée").await.id;
    let removed_ad = new_ad(&app, &author).title("Une annonce retirée ensuite").await;
    let (removed, removed_path) = (removed_ad.id, removed_ad.url());
    let refused = new_ad(&app, &author).title("Une annonce refusée").await.id;
    let pending = new_ad(&app, &author).title("Une annonce en attente").await.id;
    let draft = new_ad(&app, &author).title("Une annonce en brouillon").draft().await.id;
    settle(&app).await;
    let visitor = app.client();
    assert_eq!(json(&visitor.get("/api/v1/ads").await)["total"], 0, "pending ads wait for a moderator");

    let (moderator, _) = app.signed_in("moderation@site.example", &[Role::Moderator]).await;
    let decide = |id: i64, decision: &'static str, reason: &'static str| {
        let moderator = &moderator;
        async move {
            moderator
                .submit(
                    "/moderation",
                    &format!("/moderation/annonces/{id}"),
                    &[("decision", decision), ("reason", reason)],
                )
                .await
                .assert_redirect_to("/moderation");
        }
    };
    decide(kept, "publier", "").await;
    decide(removed, "publier", "").await;
    decide(refused, "refuser", "Hors du champ des annonces.").await;
    // A visitor reports a published ad; the moderator takes it down.
    visitor
        .post_form(&format!("/annonces/{removed}/signaler"), &[("report_reason", "abuse"), ("report_message", "")])
        .await
        .assert_redirect_to(removed_path);
    decide(removed, "retirer", "Contenu contraire aux règles.").await;
    settle(&app).await;

    let list = json(&visitor.get("/api/v1/ads").await);
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["id"], kept);
    let xml = feed(&visitor, "/annonces.atom").await;
    assert_eq!(titles(&xml), ["Une annonce approuvée"]);
    let xml = feed(&visitor, "/annonces.atom?type=besoin").await;
    assert_eq!(titles(&xml), ["Une annonce approuvée"]);
    for hidden in [removed, refused, pending, draft] {
        let page = visitor.get(&format!("/api/v1/ads/{hidden}")).await;
        page.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(json(&page)["error"], "not_found");
        moderator.get(&format!("/api/v1/ads/{hidden}")).await.assert_status(StatusCode::NOT_FOUND);
    }
    visitor.get(&format!("/api/v1/ads/{kept}")).await.assert_status(StatusCode::OK);
}
