//! Ads journeys: posting, joining, offers, lifecycle, moderation, emails, bad input.
//!
//! Ads are posted through the form, as an association does. The states that only time brings
//! (an ad about to expire, or past its end) are set in the database, then the scheduled job
//! runs as it would. The list is kept in step by the search engine within about two seconds:
//! tests that look at it wait for it.

use std::collections::HashSet;
use std::time::Duration;

use emancipasso::ads::{format_euros, keep_lifetimes};
use emancipasso::config::Moderation;
use emancipasso::db::{self, Row};
use emancipasso::directory::{self, NewStructure};
use emancipasso::vals;
use emancipasso::web::{Lang, Role};
use reqwest::StatusCode;
use scraper::Selector;

use crate::harness::{BASE_URL, Client, Mail, PASSWORD, Page, TestApp};

// ---- the ads used by the journeys ------------------------------------------------------------

const NEW: &str = "/annonces/nouvelle";
const AUTHOR: &str = "asso@jardins.example";
const FRIEND: &str = "asso@amis.example";
const FRIEND_NAME: &str = "Les Amis du Libre (fictifs)";
const ASSOCIATION: &str = "Les Jardins Partagés (fictifs)";
const TITLE: &str = "Un logiciel libre pour gérer nos adhésions";
const BODY: &str = "Nous cherchons un outil **libre** pour suivre les adhésions et les cotisations de nos 200 membres.";
const OFFER_MESSAGE: &str = "Installation de Paheko, reprise des adhérents et une demi-journée de formation.";

/// A complete ad, published at once.
const AD: &[(&str, &str)] = &[
    ("kind", "besoin"),
    ("association_name", ASSOCIATION),
    ("title", TITLE),
    ("body", BODY),
    ("software", "paheko"),
    ("software_other", ""),
    ("estimated_cost", "1500"),
    ("deadline", ""),
    ("region", "53"),
    ("remote", "oui"),
    ("tags", "adhésions, compta"),
    ("action", "publier"),
];

/// The complete ad with some fields changed (or added).
fn ad_with<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&'a str, &'a str)> = AD.to_vec();
    for &(name, value) in changes {
        match fields.iter_mut().find(|field| field.0 == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

/// An ad as the journeys know it: its id and its canonical path.
#[derive(Debug, Clone)]
struct Ad {
    id: i64,
    path: String,
}

impl Ad {
    /// The ad a redirect leads to, e.g. `/annonces/3-un-titre?flash=…`.
    fn from_location(location: &str) -> Ad {
        let path = location.split(['?', '#']).next().unwrap_or_default().to_owned();
        let id = path
            .strip_prefix("/annonces/")
            .and_then(|rest| rest.split('-').next())
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("no ad in {location}"));
        Ad { id, path }
    }

    /// Where the ad's forms post: `/annonces/{id}/{action}`.
    fn at(&self, action: &str) -> String {
        format!("/annonces/{}/{action}", self.id)
    }
}

/// Posts the ad form with `fields`; returns the new ad, whatever state it went to.
async fn post_ad(client: &Client, fields: &[(&str, &str)]) -> Ad {
    let page = client.submit(NEW, NEW, fields).await;
    page.assert_redirect_to("/annonces/");
    Ad::from_location(&page.location())
}

/// A signed-in association that posts the complete ad under `title`.
async fn author_with_ad(app: &TestApp, email: &str, title: &str) -> (Client, Ad) {
    let (client, _) = app.signed_in(email, &[Role::Association]).await;
    let ad = post_ad(&client, &ad_with(&[("title", title)])).await;
    (client, ad)
}

// ---- the forms of the ad page ------------------------------------------------------------

/// Posts `fields` to `action` with the form token of `page`, for actions that page offers no
/// form for (someone else's ad, a closed ad...): what a forged or stale form would send.
async fn post_from(client: &Client, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
    let form_page = client.get(page).await;
    assert!(form_page.status.is_success(), "GET {page}: {}", form_page.status);
    let token = form_page
        .attr("input[name=\"_csrf\"]", "value")
        .unwrap_or_else(|| panic!("no form on {page}:\n{}", form_page.body));
    let mut all = vec![("_csrf", token.as_str())];
    all.extend_from_slice(fields);
    client.post_raw(action, &all).await
}

async fn pledge(client: &Client, ad: &Ad, association: &str, amount: &str) -> Page {
    client.submit(&ad.path, &ad.at("soutien"), &[("pledge_association", association), ("pledge_amount", amount)]).await
}

async fn offer(client: &Client, ad: &Ad, amount: &str, timeframe: &str, message: &str) -> Page {
    let fields = [("offer_amount", amount), ("offer_timeframe", timeframe), ("offer_message", message)];
    client.submit(&ad.path, &ad.at("offres"), &fields).await
}

async fn comment(client: &Client, ad: &Ad, text: &str) -> Page {
    client.submit(&ad.path, &ad.at("commentaires"), &[("comment", text)]).await
}

/// One of the author's status actions (`demarrer`, `fermer`...).
async fn act(client: &Client, ad: &Ad, action: &str, close_reason: &str) -> Page {
    post_from(client, &ad.path, &ad.at("statut"), &[("action", action), ("close_reason", close_reason)]).await
}

async fn decide(moderator: &Client, action: &str, decision: &str, reason: &str) -> Page {
    moderator.submit("/moderation", action, &[("decision", decision), ("reason", reason)]).await
}

// ---- what a page shows ------------------------------------------------------------------

/// The text a reader sees: tags dropped, entities decoded.
fn text(page: &Page) -> String {
    page.doc().root_element().text().collect()
}

fn assert_says(page: &Page, what: &str) {
    let text = text(page);
    assert!(text.contains(what), "{what:?} not on the page:\n{text}");
}

/// The message next to a field, whatever its kind: an element of class `error` with the id
/// `e-<field>`, and the field `f-<field>` it belongs to.
fn assert_error(page: &Page, field: &str, message: &str) {
    let shown = page
        .select_text(&format!(".error#e-{field}"))
        .unwrap_or_else(|| panic!("no error next to {field} in:\n{}", page.body));
    assert!(shown.contains(message), "error next to {field} is {shown:?}, expected {message:?}");
    assert!(page.attr(&format!("#f-{field}"), "id").is_some(), "no field f-{field} on the page");
}

/// What a form field named `name` holds: a text, the chosen option, the checked box or button.
fn field_value(page: &Page, name: &str) -> String {
    let doc = page.doc();
    let css = |s: &str| Selector::parse(s).expect("selector");
    if let Some(area) = doc.select(&css(&format!("textarea[name=\"{name}\"]"))).next() {
        return area.text().collect();
    }
    if let Some(select) = doc.select(&css(&format!("select[name=\"{name}\"]"))).next() {
        let chosen = select.select(&css("option[selected]")).next();
        return chosen.and_then(|o| o.value().attr("value")).unwrap_or_default().to_owned();
    }
    let inputs: Vec<_> = doc.select(&css(&format!("input[name=\"{name}\"]"))).collect();
    assert!(!inputs.is_empty(), "no field {name} in:\n{}", page.body);
    match inputs[0].value().attr("type") {
        Some("radio" | "checkbox") => inputs
            .iter()
            .find(|i| i.value().attr("checked").is_some())
            .and_then(|i| i.value().attr("value"))
            .unwrap_or_default()
            .to_owned(),
        _ => inputs[0].value().attr("value").unwrap_or_default().to_owned(),
    }
}

/// The ids used more than once on a page.
fn duplicate_ids(page: &Page) -> Vec<String> {
    let doc = page.doc();
    let selector = Selector::parse("[id]").expect("selector");
    let mut seen = HashSet::new();
    doc.select(&selector)
        .filter_map(|e| e.value().attr("id"))
        .filter(|id| !seen.insert(id.to_string()))
        .map(str::to_owned)
        .collect()
}

/// Waits until the public page `path` shows `what` (or no longer does): the search engine
/// applies changes within about two seconds.
async fn wait_for_list(app: &TestApp, path: &str, what: &str, shown: bool) {
    let visitor = app.client();
    for _ in 0..80 {
        let page = visitor.get(path).await;
        page.assert_status(StatusCode::OK);
        if page.body.contains(what) == shown {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{path} still {} {what:?}", if shown { "lacks" } else { "shows" });
}

/// A page as visitors see it once the search engine has applied every recorded change (it does
/// so on its own within about two seconds, and empties the visitors' page cache then).
async fn public(app: &TestApp, path: &str) -> Page {
    app.state.ads.refresh().await.expect("refresh the ads");
    app.client().get(path).await
}

/// Gives the search engine time to apply what is pending (it is woken at each recorded change
/// and looks every two seconds), so that only what comes next may empty the visitors' cache.
async fn engine_at_rest() {
    tokio::time::sleep(Duration::from_millis(2500)).await;
}

fn eur(amount: i64) -> String {
    format_euros(Lang::Fr, amount)
}

// ---- emails and the database ------------------------------------------------------------

/// The emails to `to` whose subject contains `subject`, oldest first.
async fn mails_with(app: &TestApp, to: &str, subject: &str) -> Vec<Mail> {
    app.mails_to(to).await.into_iter().filter(|m| m.subject.contains(subject)).collect()
}

/// The one-click unsubscribe link of a follower's email, as a path.
fn unsubscribe_link(mail: &Mail) -> String {
    mail.body
        .split_whitespace()
        .find(|w| w.contains("/desabonnement?"))
        .map(|w| w.trim_start_matches(BASE_URL).to_owned())
        .unwrap_or_else(|| panic!("no unsubscribe link in {}", mail.body))
}

#[derive(Row, Debug)]
struct AdState {
    status: String,
    expires_at: Option<i64>,
    reminded_at: Option<i64>,
    accepted_cost: Option<i64>,
}

async fn state(app: &TestApp, ad: &Ad) -> AdState {
    db::one(app.db.conn(), "SELECT status, expires_at, reminded_at, accepted_cost FROM ads WHERE id = $1", vals![ad.id])
        .await
        .expect("read the ad")
        .expect("the ad exists")
}

async fn set_expiry(app: &TestApp, ad: &Ad, expires_at: i64) {
    db::exec(app.db.conn(), "UPDATE ads SET expires_at = $1 WHERE id = $2", vals![expires_at, ad.id])
        .await
        .expect("set expiry");
}

async fn rename(app: &TestApp, email: &str, name: &str) {
    db::exec(app.db.conn(), "UPDATE users SET display_name = $1 WHERE email = $2", vals![name, email])
        .await
        .expect("rename");
}

async fn offer_id(app: &TestApp, ad: &Ad, email: &str) -> i64 {
    db::int(
        app.db.conn(),
        "SELECT o.id FROM ad_offers o JOIN users u ON u.id = o.user_id WHERE o.ad_id = $1 AND u.email = $2",
        vals![ad.id, email],
    )
    .await
    .expect("read offers")
    .unwrap_or_else(|| panic!("no offer from {email}"))
}

async fn last_comment_id(app: &TestApp, ad: &Ad) -> i64 {
    db::int(app.db.conn(), "SELECT MAX(id) FROM ad_comments WHERE ad_id = $1", vals![ad.id])
        .await
        .expect("read comments")
        .expect("a comment")
}

async fn signed_in_en(app: &TestApp, email: &str, roles: &[Role]) -> Client {
    app.account(email, roles).await;
    let client = app.client_en();
    client.sign_in(email, PASSWORD).await;
    client
}

/// A signed-in member of the team of an approved structure.
async fn structure_member(app: &TestApp, email: &str) -> Client {
    let structure = NewStructure {
        slug: "libre-horizon",
        name: "Coopérative Libre Horizon (fictive)",
        pitch: "Nous accompagnons les associations vers le libre.",
        description: "Une structure **fictive** de test.",
        legal_form: "association",
        chatons_member: false,
        chatons_url: "",
        website: "https://horizon.example",
        contact_email: "contact@horizon.example",
        commune_insee: "35238",
        postcode: "35000",
        national: false,
        remote: true,
        pricing: "prix-libre",
        price_info: "",
        languages: "fr",
        status: "approved",
        confirmed_at: db::now(),
        terms: vec![("service", "diagnostic"), ("software", "paheko")],
        areas: vec![],
    };
    let id = directory::create(&app.db, &structure).await.expect("create").expect("new slug");
    let (client, _) = app.signed_in(email, &[Role::Structure]).await;
    let user = app.user_id(email).await;
    db::exec(
        app.db.conn(),
        "INSERT INTO structure_members (structure_id, user_id, created_at) VALUES ($1, $2, $3)",
        vals![id, user, db::now()],
    )
    .await
    .expect("join the team");
    client
}

// ---- posting ------------------------------------------------------------------------------

#[tokio::test]
async fn posting_needs_an_account_and_a_draft_stays_with_its_author() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    visitor.get(NEW).await.assert_redirect_to("/compte/connexion?retour=%2Fannonces%2Fnouvelle");
    visitor.post_raw(NEW, AD).await.assert_redirect_to("/compte/connexion");
    visitor.get("/annonces/mes-annonces").await.assert_redirect_to("/compte/connexion");
    assert_eq!(app.count("SELECT COUNT(*) FROM ads").await, 0);

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
    for path in [ad.path.clone(), format!("/annonces/{}", ad.id), ad.at("signaler")] {
        visitor.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    }
    let (other, _) = app.signed_in("curieux@exemple.org", &[Role::Association]).await;
    for path in [ad.path.clone(), ad.at("signaler"), ad.at("modifier")] {
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
    assert_eq!(app.count("SELECT COUNT(*) FROM ad_comments").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM ad_offers").await, 0);

    // Publishing the incomplete draft says what is missing.
    let page = act(&author, &ad, "publier", "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("body", "30 caractères au moins");
    page.assert_field_error("region", "Choisissez une région ou cochez");
    assert_eq!(state(&app, &ad).await.status, "draft");

    // Completed, it is published (post-moderation is the default) and public.
    let edit = ad.at("modifier");
    let page = author.submit(&edit, &edit, AD).await;
    page.assert_redirect_to(&ad.path);
    author.follow(&page).await.assert_flash("Votre annonce est publiée");
    assert_eq!(state(&app, &ad).await.status, "published");
    visitor.get(&ad.path).await.assert_status(StatusCode::OK).assert_contains(TITLE);
}

#[tokio::test]
async fn a_published_ad_is_public_listed_searchable_and_editable() {
    let app = TestApp::spawn().await;
    let (author, _) = app.signed_in(AUTHOR, &[Role::Association]).await;
    let body = format!("{BODY}\n\n<script>alert('annonce')</script>");
    let page = author.submit(NEW, NEW, &ad_with(&[("body", body.as_str())])).await;
    page.assert_redirect_to("/annonces/");
    let ad = Ad::from_location(&page.location());
    assert!(ad.path.ends_with("-un-logiciel-libre-pour-gerer-nos-adhesions"), "{}", ad.path);
    author.follow(&page).await.assert_flash("Votre annonce est publiée");
    let st = state(&app, &ad).await;
    assert_eq!(st.status, "published");
    let lifetime = app.config.ads_lifetime_days * 86_400;
    assert!(st.expires_at.is_some_and(|at| (at - db::now() - lifetime).abs() < 120), "{st:?}");

    // Its page, for everyone; the Markdown is rendered, the script is not.
    let visitor = app.client();
    let page = visitor.get(&ad.path).await;
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
    assert_eq!(page.location(), ad.path);
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
    let page = public(&app, &ad.path).await;
    assert_eq!(page.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(page.location(), renamed.path);
    wait_for_list(&app, "/annonces", RENAMED, true).await;
    author.get("/annonces/mes-annonces").await.assert_contains(RENAMED).assert_contains("Ouverte");
}

#[tokio::test]
async fn pre_moderation_holds_ads_and_comments_until_a_moderator_decides() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let (author, _) = app.signed_in(AUTHOR, &[Role::Association]).await;
    let page = author.submit(NEW, NEW, AD).await;
    page.assert_redirect_to("/annonces/");
    let first = Ad::from_location(&page.location());
    let shown = author.follow(&page).await;
    shown.assert_flash("envoyée à l'équipe de modération");
    assert_says(&shown, "attend la validation");
    assert_eq!(state(&app, &first).await.status, "pending");
    const SECOND: &str = "Mutualiser un serveur Nextcloud entre associations";
    let second =
        post_ad(&author, &ad_with(&[("title", SECOND), ("kind", "mutualisation"), ("software", "nextcloud")])).await;

    // Out of sight for everyone else.
    let visitor = app.client();
    let (other, _) = app.signed_in("curieux@exemple.org", &[Role::Association]).await;
    let (reader, _) = app.signed_in("lectrice@exemple.org", &[]).await;
    for ad in [&first, &second] {
        visitor.get(&ad.path).await.assert_status(StatusCode::NOT_FOUND);
        other.get(&ad.path).await.assert_status(StatusCode::NOT_FOUND);
    }

    // Two moderators have the queue open.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let (late, _) = app.signed_in("second@emancipasso.example", &[Role::Moderator]).await;
    let publish_first = format!("/moderation/annonces/{}", first.id);
    let late_token = late.get("/moderation").await.csrf_for(&publish_first);
    let queue = moderator.get("/moderation").await;
    queue.assert_status(StatusCode::OK).assert_contains("Annonces (2)").assert_contains(TITLE).assert_contains(SECOND);
    moderator.get(&first.path).await.assert_status(StatusCode::OK).assert_contains(TITLE);
    other.get("/moderation").await.assert_status(StatusCode::FORBIDDEN);

    // Published: public, listed, and the author is told.
    decide(&moderator, &publish_first, "publier", "").await.assert_redirect_to("/moderation");
    let st = state(&app, &first).await;
    assert_eq!(st.status, "published");
    assert!(st.expires_at.is_some_and(|at| at > db::now() + 100 * 86_400), "{st:?}");
    visitor.get(&first.path).await.assert_status(StatusCode::OK).assert_contains(TITLE);
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Votre annonce est publiée") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains(&format!("{BASE_URL}{}", first.path)), "{mail:?}");
    wait_for_list(&app, "/annonces", TITLE, true).await;
    visitor.get("/annonces").await.assert_lacks(SECOND);

    // The second moderator comes too late.
    let page = late
        .post_raw(&publish_first, &[("_csrf", &late_token), ("decision", "refuser"), ("reason", "Trop vague.")])
        .await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "déjà été traité");
    assert_eq!(state(&app, &first).await.status, "published");

    // Refusing needs a reason, which the author receives.
    let decide_second = format!("/moderation/annonces/{}", second.id);
    let page = decide(&moderator, &decide_second, "refuser", "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_says(&page, "Indiquez le motif du refus");
    assert_eq!(state(&app, &second).await.status, "pending");
    const REASON: &str = "Précisez le besoin et les associations concernées.";
    decide(&moderator, &decide_second, "refuser", REASON).await.assert_redirect_to("/moderation");
    let mail = app.last_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("pas été publiée") && mail.subject.contains(SECOND), "{mail:?}");
    assert!(mail.body.contains(REASON), "{mail:?}");
    assert_eq!(state(&app, &second).await.status, "refused");
    visitor.get(&second.path).await.assert_status(StatusCode::NOT_FOUND);
    let page = author.get(&second.path).await;
    assert_says(&page, "Refusée");
    assert_says(&page, REASON);

    // The author submits it again: back in the queue.
    let page = act(&author, &second, "publier", "").await;
    page.assert_redirect_to(&second.path);
    author.follow(&page).await.assert_flash("envoyée à l'équipe de modération");
    assert_eq!(state(&app, &second).await.status, "pending");
    moderator.get("/moderation").await.assert_contains("Annonces (1)").assert_contains(SECOND);

    // Comments wait for a moderator too; only their author sees them meanwhile.
    rename(&app, "curieux@exemple.org", "Dominique Curieuse").await;
    const COMMENT: &str = "Nous aussi, nous cherchons un outil pour nos adhésions.";
    comment(&other, &first, COMMENT).await.assert_redirect_to(&first.path);
    let page = other.get(&first.path).await;
    page.assert_contains(COMMENT);
    assert_says(&page, "en attente de modération");
    reader.get(&first.path).await.assert_lacks(COMMENT);
    assert!(mails_with(&app, AUTHOR, "Nouveau commentaire").await.is_empty());
    let cid = last_comment_id(&app, &first).await;
    moderator.get("/moderation").await.assert_contains("Commentaires (1)").assert_contains(COMMENT);
    decide(&moderator, &format!("/moderation/commentaires/{cid}"), "publier", "")
        .await
        .assert_redirect_to("/moderation");
    reader.get(&first.path).await.assert_contains(COMMENT);
    let mails = mails_with(&app, AUTHOR, "Nouveau commentaire").await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(mails[0].subject.contains(TITLE) && mails[0].body.contains("Dominique Curieuse"), "{mails:#?}");
    assert!(mails_with(&app, "curieux@exemple.org", "Nouveau commentaire").await.is_empty());
}

// ---- bad input on the ad form ----------------------------------------------------------------

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
    assert_eq!(app.count("SELECT COUNT(*) FROM ads").await, 0);
}

#[tokio::test]
async fn the_ad_forms_speak_english() {
    let app = TestApp::spawn().await;
    let author = signed_in_en(&app, "asso@gardens.example", &[Role::Association]).await;
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

    let other = signed_in_en(&app, "dev@example.org", &[]).await;
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

// ---- access rules ----------------------------------------------------------------------

#[tokio::test]
async fn only_the_author_edits_and_manages_an_ad() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (other, _) = app.signed_in("curieux@exemple.org", &[Role::Association, Role::Structure]).await;

    let page = other.get(&ad.at("modifier")).await;
    page.assert_status(StatusCode::FORBIDDEN);
    assert_says(&page, "Accès refusé");
    let hijack = ad_with(&[("title", "Une annonce détournée par un tiers")]);
    post_from(&other, &ad.path, &ad.at("modifier"), &hijack).await.assert_status(StatusCode::FORBIDDEN);
    for action in ["fermer", "prolonger", "demarrer", "terminer", "rouvrir", "publier"] {
        act(&other, &ad, action, "").await.assert_status(StatusCode::FORBIDDEN);
    }
    let page = other.get(&ad.path).await;
    page.assert_contains(TITLE)
        .assert_lacks(&ad.at("modifier"))
        .assert_lacks(&format!("action=\"{}\"", ad.at("statut")));
    assert_eq!(state(&app, &ad).await.status, "published");

    // Moderators do not manage someone else's ad either.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    moderator.get(&ad.at("modifier")).await.assert_status(StatusCode::FORBIDDEN);
    act(&moderator, &ad, "fermer", "").await.assert_status(StatusCode::FORBIDDEN);

    // Visitors are sent to sign in before anything.
    let visitor = app.client();
    visitor.get(&ad.at("modifier")).await.assert_redirect_to("/compte/connexion");
    for action in
        ["modifier", "statut", "soutien", "soutien/retirer", "offres", "offres/retirer", "commentaires", "suivre"]
    {
        visitor.post_raw(&ad.at(action), &[("action", "fermer")]).await.assert_redirect_to("/compte/connexion");
    }
    let page = visitor.get(&ad.path).await;
    page.assert_lacks(&ad.at("modifier"));
    assert_says(&page, "Connectez-vous pour suivre cette annonce");
    assert_eq!(state(&app, &ad).await.status, "published");
    assert_eq!(app.count("SELECT COUNT(*) FROM ads WHERE title = 'Une annonce détournée par un tiers'").await, 0);

    // The author manages it; once closed it can no longer be edited.
    author.get(&ad.at("modifier")).await.assert_status(StatusCode::OK);
    let page = author.get(&ad.path).await;
    page.assert_contains(&ad.at("modifier")).assert_contains("value=\"fermer\"").assert_contains("value=\"prolonger\"");
    act(&author, &ad, "fermer", "").await.assert_redirect_to(&ad.path);
    let page = author.get(&ad.at("modifier")).await;
    page.assert_redirect_to(&ad.path);
    author.follow(&page).await.assert_flash("ne peut plus être modifiée");
    post_from(&author, &ad.path, &ad.at("modifier"), AD).await.assert_redirect_to(&ad.path);
    author.get(&ad.path).await.assert_lacks(&ad.at("modifier"));

    // Unknown ads.
    author.get("/annonces/424242/modifier").await.assert_status(StatusCode::NOT_FOUND);
    let unknown = Ad { id: 424_242, path: ad.path.clone() };
    act(&author, &unknown, "fermer", "").await.assert_status(StatusCode::NOT_FOUND);
}

// ---- joining and pledging ---------------------------------------------------------------

#[tokio::test]
async fn associations_join_an_ad_change_their_pledge_and_withdraw_it() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let page = app.client().get(&ad.path).await;
    assert_says(&page, "1 association");
    assert_says(&page, "Nous aussi");
    page.assert_contains(ASSOCIATION).assert_contains("/compte/connexion?retour=");

    // Bad amounts and names, each next to its field, typed values kept.
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    for (amount, message) in [
        ("-20", "ne peut pas être négatif"),
        ("2000000", "Le montant doit être d'au plus"),
        ("trois cents", "en chiffres"),
        ("300,50", "sans centimes"),
        ("0", "supérieur à zéro"),
    ] {
        let page = pledge(&friend, &ad, FRIEND_NAME, amount).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_error(&page, "pledge_amount", message);
        assert_eq!(field_value(&page, "pledge_amount"), amount);
        assert_eq!(field_value(&page, "pledge_association"), FRIEND_NAME);
    }
    let page = pledge(&friend, &ad, "", "300").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "pledge_association", "Indiquez le nom de l'association");
    assert_eq!(field_value(&page, "pledge_amount"), "300");
    let long_name = "A".repeat(121);
    let page = pledge(&friend, &ad, &long_name, "300").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "pledge_association", "au plus 120 caractères");
    let pledges = format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", ad.id);
    assert_eq!(app.count(&pledges).await, 1);

    // Joining: counted, shown, and the author is told.
    let page = pledge(&friend, &ad, FRIEND_NAME, "300").await;
    page.assert_redirect_to(&ad.path);
    let shown = friend.follow(&page).await;
    shown.assert_flash("Merci").assert_contains(FRIEND_NAME);
    assert_says(&shown, "2 associations");
    assert_says(&shown, &format!("{} promis", eur(300)));
    assert_says(&shown, "Modifier notre soutien");
    let seen = public(&app, &ad.path).await;
    seen.assert_contains(FRIEND_NAME);
    assert_says(&seen, "2 associations");
    assert_says(&seen, &format!("{} promis", eur(300)));
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains(&format!("{FRIEND_NAME} s'associe à votre annonce")), "{mail:?}");
    assert!(mail.body.contains(TITLE) && mail.body.contains(&eur(300)), "{mail:?}");
    assert!(mail.body.contains(&format!("{BASE_URL}{}", ad.path)), "{mail:?}");

    // Changing the pledge: no second email.
    let page = pledge(&friend, &ad, FRIEND_NAME, "500").await;
    page.assert_redirect_to(&ad.path);
    let shown = friend.follow(&page).await;
    shown.assert_flash("Votre soutien est mis à jour");
    assert_says(&shown, "2 associations");
    assert_says(&shown, &format!("{} promis", eur(500)));
    assert_eq!(field_value(&shown, "pledge_amount"), "500");

    // Withdrawing it.
    let page = friend.submit(&ad.path, &ad.at("soutien/retirer"), &[]).await;
    page.assert_redirect_to(&ad.path);
    friend.follow(&page).await.assert_flash("Votre soutien est retiré");
    let seen = public(&app, &ad.path).await;
    seen.assert_lacks(FRIEND_NAME);
    assert_says(&seen, "1 association");
    assert_eq!(app.count(&pledges).await, 1);

    // The association that posted the ad stays, and may record its own pledge.
    let page = post_from(&author, &ad.path, &ad.at("soutien/retirer"), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "y reste associée");
    pledge(&author, &ad, ASSOCIATION, "200").await.assert_redirect_to(&ad.path);
    let seen = public(&app, &ad.path).await;
    assert_says(&seen, "1 association");
    assert_says(&seen, &format!("{} promis", eur(200)));
    assert_eq!(app.mails_to(AUTHOR).await.len(), 1);
}

#[tokio::test]
async fn pledges_are_refused_where_the_ad_is_not_open() {
    let app = TestApp::spawn().await;
    let (author, closed) = author_with_ad(&app, AUTHOR, "Une annonce que nous fermons déjà").await;
    let expired = post_ad(&author, &ad_with(&[("title", "Une annonce arrivée à son terme")])).await;
    let draft =
        post_ad(&author, &ad_with(&[("title", "Un brouillon pas encore publié"), ("action", "brouillon")])).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &closed, FRIEND_NAME, "100").await.assert_redirect_to(&closed.path);
    act(&author, &closed, "fermer", "Le besoin est couvert.").await.assert_redirect_to(&closed.path);
    db::exec(app.db.conn(), "UPDATE ads SET status = 'expired' WHERE id = $1", vals![expired.id]).await.unwrap();

    let fields = [("pledge_association", FRIEND_NAME), ("pledge_amount", "50")];
    for ad in [&closed, &expired] {
        let page = friend.get(&ad.path).await;
        page.assert_status(StatusCode::OK).assert_lacks(&format!("action=\"{}\"", ad.at("soutien")));
        let page = post_from(&friend, &ad.path, &ad.at("soutien"), &fields).await;
        page.assert_status(StatusCode::CONFLICT);
        let message = page.select_text(".error#e-pledge").unwrap_or_default();
        assert!(message.contains("n'est plus ouverte aux soutiens"), "{message:?} in:\n{}", page.body);
    }
    // A pledge on a closed ad is not withdrawn either: the commitment stays on record.
    let page = post_from(&friend, &closed.path, &closed.at("soutien/retirer"), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "n'est plus ouverte aux soutiens");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", closed.id)).await, 2);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", expired.id)).await, 1);

    // What is not public does not exist for others.
    post_from(&friend, NEW, &draft.at("soutien"), &fields).await.assert_status(StatusCode::NOT_FOUND);
    db::exec(app.db.conn(), "UPDATE ads SET status = 'pending' WHERE id = $1", vals![draft.id]).await.unwrap();
    post_from(&friend, NEW, &draft.at("soutien"), &fields).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_pledges WHERE ad_id = {}", draft.id)).await, 1);
}

// ---- offers -------------------------------------------------------------------------------

#[tokio::test]
async fn offers_are_made_by_others_and_the_author_accepts_one() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;

    // Not on one's own ad; visitors are asked to sign in.
    let offers_form = format!("action=\"{}\"", ad.at("offres"));
    author.get(&ad.path).await.assert_lacks(&offers_form);
    let fields = [("offer_amount", "1000"), ("offer_timeframe", "1 mois"), ("offer_message", OFFER_MESSAGE)];
    let page = post_from(&author, &ad.path, &ad.at("offres"), &fields).await;
    page.assert_status(StatusCode::FORBIDDEN);
    assert_says(&page, "Vous ne pouvez pas faire de proposition sur votre propre annonce");
    assert_says(&app.client().get(&ad.path).await, "Connectez-vous pour faire une proposition");

    // Bad input, each next to its field, typed values kept.
    let (dev, _) = app.signed_in("dev@exemple.org", &[]).await;
    rename(&app, "dev@exemple.org", "Dominique Développeuse").await;
    let page = offer(&dev, &ad, "", "", "Trop court").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("offer_amount", "Indiquez le montant de votre proposition")
        .assert_field_error("offer_timeframe", "Indiquez un délai")
        .assert_field_error("offer_message", "20 caractères au moins");
    assert_eq!(field_value(&page, "offer_message"), "Trop court");
    let long_timeframe = "S".repeat(81);
    let long_message = "M".repeat(3001);
    for (amount, timeframe, message, field, error) in [
        ("-300", "6 semaines", OFFER_MESSAGE, "offer_amount", "ne peut pas être négatif"),
        ("1000001", "6 semaines", OFFER_MESSAGE, "offer_amount", "Le montant doit être d'au plus"),
        ("12,50", "6 semaines", OFFER_MESSAGE, "offer_amount", "sans centimes"),
        ("beaucoup", "6 semaines", OFFER_MESSAGE, "offer_amount", "en chiffres"),
        ("1200", long_timeframe.as_str(), OFFER_MESSAGE, "offer_timeframe", "au plus 80 caractères"),
        ("1200", "6 semaines", long_message.as_str(), "offer_message", "La proposition doit faire au plus"),
    ] {
        let page = offer(&dev, &ad, amount, timeframe, message).await;
        page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error(field, error);
        assert_eq!(field_value(&page, "offer_amount"), amount);
        assert_eq!(field_value(&page, "offer_timeframe"), timeframe);
        assert_eq!(field_value(&page, "offer_message"), message);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM ad_offers").await, 0);

    // A valid offer is shown to all, and the author is told.
    let page = offer(&dev, &ad, "1 200 €", "6 semaines", OFFER_MESSAGE).await;
    page.assert_redirect_to(&ad.path);
    dev.follow(&page).await.assert_flash("Votre proposition est envoyée");
    let seen = public(&app, &ad.path).await;
    let amount = eur(1200);
    for said in ["1 proposition", "Dominique Développeuse", &amount, "6 semaines", OFFER_MESSAGE] {
        assert_says(&seen, said);
    }
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Nouvelle proposition") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains("Dominique Développeuse") && mail.body.contains(&eur(1200)), "{mail:?}");
    assert!(mail.body.contains("6 semaines") && mail.body.contains("/desabonnement?"), "{mail:?}");

    // Changing it tells nobody again.
    let page = offer(&dev, &ad, "1100", "5 semaines", OFFER_MESSAGE).await;
    page.assert_redirect_to(&ad.path);
    let shown = dev.follow(&page).await;
    shown.assert_flash("Votre proposition est mise à jour");
    assert_says(&shown, &eur(1100));
    assert_eq!(field_value(&shown, "offer_amount"), "1100");
    assert_eq!(app.mails_to(AUTHOR).await.len(), 1);

    // A second offer, and an association that joins: both follow the ad from now on.
    let (rival, _) = app.signed_in("autre@exemple.org", &[]).await;
    rename(&app, "autre@exemple.org", "Sacha Prestataire").await;
    offer(&rival, &ad, "900", "3 mois", OFFER_MESSAGE).await.assert_redirect_to(&ad.path);
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "").await.assert_redirect_to(&ad.path);
    assert_says(&public(&app, &ad.path).await, "2 propositions");

    // Only the author accepts.
    let dev_offer = offer_id(&app, &ad, "dev@exemple.org").await;
    let accept = ad.at(&format!("offres/{dev_offer}/accepter"));
    rival.get(&ad.path).await.assert_lacks(&format!("action=\"{accept}\""));
    post_from(&rival, &ad.path, &accept, &[]).await.assert_status(StatusCode::FORBIDDEN);
    post_from(&friend, &ad.path, &accept, &[]).await.assert_status(StatusCode::FORBIDDEN);
    app.client().post_raw(&accept, &[]).await.assert_redirect_to("/compte/connexion");
    assert_eq!(state(&app, &ad).await.accepted_cost, None);

    let page = author.submit(&ad.path, &accept, &[]).await;
    page.assert_redirect_to(&ad.path);
    author.follow(&page).await.assert_flash("Proposition retenue");
    let st = state(&app, &ad).await;
    assert_eq!((st.status.as_str(), st.accepted_cost), ("published", Some(1100)));
    let seen = public(&app, &ad.path).await;
    let target = format!("sur {}", eur(1100));
    for said in ["Coût retenu", "Proposition retenue", "Coût de la proposition retenue", &target] {
        assert_says(&seen, said);
    }
    // Followers are told; the author, who acted, is not.
    for email in ["dev@exemple.org", "autre@exemple.org", FRIEND] {
        let mail = app.last_mail_to(email).await;
        assert!(mail.subject.contains("Proposition retenue") && mail.subject.contains(TITLE), "{email}: {mail:?}");
        assert!(mail.body.contains("Dominique Développeuse") && mail.body.contains(&eur(1100)), "{mail:?}");
        assert!(mail.body.contains("/desabonnement?"), "{mail:?}");
    }
    assert!(mails_with(&app, AUTHOR, "Proposition retenue").await.is_empty());

    // One offer only; then no new offers, and the accepted one is fixed.
    let rival_offer = offer_id(&app, &ad, "autre@exemple.org").await;
    let page = post_from(&author, &ad.path, &ad.at(&format!("offres/{rival_offer}/accepter")), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "Cette proposition ne peut pas être retenue");
    assert_eq!(state(&app, &ad).await.accepted_cost, Some(1100));
    let (late, _) = app.signed_in("tardif@exemple.org", &[]).await;
    late.get(&ad.path).await.assert_lacks(&offers_form);
    let page = post_from(&late, &ad.path, &ad.at("offres"), &fields).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "Cette annonce ne reçoit plus de propositions");
    post_from(&dev, &ad.path, &ad.at("offres"), &fields).await.assert_status(StatusCode::CONFLICT);
    let page = post_from(&dev, &ad.path, &ad.at("offres/retirer"), &[]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "Votre proposition a été retenue");
    assert_eq!(app.count("SELECT COUNT(*) FROM ad_offers").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM ad_offers WHERE status = 'accepted'").await, 1);
    for unknown in ["offres/424242/accepter", "offres/une-offre/accepter"] {
        post_from(&author, &ad.path, &ad.at(unknown), &[]).await.assert_status(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn an_offer_from_a_structure_team_shows_the_structure() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let team = structure_member(&app, "equipe@horizon.example").await;
    offer(&team, &ad, "2000", "2 mois", OFFER_MESSAGE).await.assert_redirect_to(&ad.path);
    let page = public(&app, &ad.path).await;
    page.assert_contains("<a href=\"/annuaire/libre-horizon\">Coopérative Libre Horizon (fictive)</a>");
    assert_says(&page, &eur(2000));
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.body.contains("Coopérative Libre Horizon (fictive)"), "{mail:?}");
}

// ---- lifecycle ----------------------------------------------------------------------------

#[tokio::test]
async fn pledges_fund_an_ad_which_then_starts_and_is_done() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (dev, _) = app.signed_in("dev@exemple.org", &[]).await;
    offer(&dev, &ad, "1000", "6 semaines", OFFER_MESSAGE).await.assert_redirect_to(&ad.path);

    // Nothing starts without an accepted offer; nothing finishes before it starts.
    for action in ["demarrer", "terminer", "rouvrir", "voler"] {
        let page = act(&author, &ad, action, "").await;
        page.assert_status(StatusCode::CONFLICT);
        assert_says(&page, "Cette action n'est pas possible dans l");
    }
    let accept = ad.at(&format!("offres/{}/accepter", offer_id(&app, &ad, "dev@exemple.org").await));
    author.submit(&ad.path, &accept, &[]).await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "published");

    // Pledges reach the accepted cost: funded, and every follower is told.
    let (first, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let (second, _) = app.signed_in("asso@voisins.example", &[Role::Association]).await;
    pledge(&first, &ad, FRIEND_NAME, "600").await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "published");
    pledge(&second, &ad, "Les Voisins Solidaires (fictifs)", "400").await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "funded");
    let page = public(&app, &ad.path).await;
    let pledged = format!("{} promis", eur(1000));
    for said in ["Financée", "3 associations", &pledged] {
        assert_says(&page, said);
    }
    for email in [AUTHOR, "dev@exemple.org", FRIEND, "asso@voisins.example"] {
        let mails = mails_with(&app, email, "Financée").await;
        assert_eq!(mails.len(), 1, "{email}: {mails:#?}");
        assert!(mails[0].subject.contains(TITLE) && mails[0].body.contains("/desabonnement?"), "{mails:#?}");
    }

    // A pledge withdrawn takes it back below the cost, and back again.
    second.submit(&ad.path, &ad.at("soutien/retirer"), &[]).await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "published");
    assert_eq!(mails_with(&app, FRIEND, "Ouverte").await.len(), 1);
    pledge(&second, &ad, "Les Voisins Solidaires (fictifs)", "400").await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "funded");
    assert_eq!(mails_with(&app, FRIEND, "Financée").await.len(), 2);

    // Started, then done; each step is told to the followers but not to the author.
    act(&author, &ad, "terminer", "").await.assert_status(StatusCode::CONFLICT);
    let page = act(&author, &ad, "demarrer", "").await;
    page.assert_redirect_to(&ad.path);
    author.follow(&page).await.assert_flash("mis à jour");
    assert_eq!(state(&app, &ad).await.status, "in_progress");
    assert_says(&public(&app, &ad.path).await, "En cours");
    assert_eq!(mails_with(&app, FRIEND, "En cours").await.len(), 1);
    assert!(mails_with(&app, AUTHOR, "En cours").await.is_empty());
    let fields = [("pledge_association", FRIEND_NAME), ("pledge_amount", "50")];
    post_from(&first, &ad.path, &ad.at("soutien"), &fields).await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "demarrer", "").await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "prolonger", "").await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "terminer", "").await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "done");
    assert_says(&public(&app, &ad.path).await, "Réalisée");
    assert_eq!(mails_with(&app, "dev@exemple.org", "Réalisée").await.len(), 1);

    // Done is the end.
    for action in ["fermer", "rouvrir", "prolonger", "demarrer", "terminer", "publier"] {
        act(&author, &ad, action, "").await.assert_status(StatusCode::CONFLICT);
    }
    assert_eq!(state(&app, &ad).await.status, "done");
    wait_for_list(&app, "/annonces?statut=realisee", TITLE, true).await;
}

#[tokio::test]
async fn ads_are_reminded_extended_expired_reopened_and_closed() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "").await.assert_redirect_to(&ad.path);
    let lifetime = app.config.ads_lifetime_days * 86_400;
    assert_says(&author.get(&ad.path).await, "Cette annonce expire le");

    // A few days before its end, the author is reminded, once.
    set_expiry(&app, &ad, db::now() + 3 * 86_400).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (1, 0));
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 0));
    let reminders = mails_with(&app, AUTHOR, "expire bientôt").await;
    assert_eq!(reminders.len(), 1, "{reminders:#?}");
    assert!(reminders[0].subject.contains(TITLE), "{reminders:#?}");
    assert!(reminders[0].body.contains(&format!("{BASE_URL}{}", ad.path)), "{reminders:#?}");
    assert!(state(&app, &ad).await.reminded_at.is_some());
    assert!(app.mails_to(FRIEND).await.is_empty());

    // Extended: a new lifetime, and a new reminder will come.
    let page = act(&author, &ad, "prolonger", "").await;
    page.assert_redirect_to(&ad.path);
    author.follow(&page).await.assert_flash("prolongée");
    let st = state(&app, &ad).await;
    assert_eq!(st.status, "published");
    assert!(st.expires_at.is_some_and(|at| at > db::now() + lifetime - 120), "{st:?}");
    assert_eq!(st.reminded_at, None);
    assert!(app.mails_to(FRIEND).await.is_empty());

    // Past its end it expires, and followers are told.
    set_expiry(&app, &ad, db::now() - 60).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 1));
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 0));
    assert_eq!(state(&app, &ad).await.status, "expired");
    for email in [AUTHOR, FRIEND] {
        let mails = mails_with(&app, email, "Expirée").await;
        assert_eq!(mails.len(), 1, "{email}: {mails:#?}");
        assert!(mails[0].subject.contains(TITLE), "{mails:#?}");
    }
    assert_says(&public(&app, &ad.path).await, "Expirée");
    author.get(&ad.path).await.assert_contains("value=\"rouvrir\"").assert_lacks("value=\"prolonger\"");
    let fields = [("offer_amount", "900"), ("offer_timeframe", "1 mois"), ("offer_message", OFFER_MESSAGE)];
    post_from(&friend, &ad.path, &ad.at("offres"), &fields).await.assert_status(StatusCode::CONFLICT);
    act(&author, &ad, "prolonger", "").await.assert_status(StatusCode::CONFLICT);

    // Reopened with a fresh lifetime.
    let page = act(&author, &ad, "rouvrir", "").await;
    page.assert_redirect_to(&ad.path);
    author.follow(&page).await.assert_flash("de nouveau ouverte");
    let st = state(&app, &ad).await;
    assert_eq!(st.status, "published");
    assert!(st.expires_at.is_some_and(|at| at > db::now() + lifetime - 120), "{st:?}");
    assert_eq!(mails_with(&app, FRIEND, "Ouverte").await.len(), 1);

    // Closed with a reason, shown on its page; time no longer touches it.
    const REASON: &str = "Le besoin est couvert par notre fédération.";
    act(&author, &ad, "fermer", REASON).await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "closed");
    let page = public(&app, &ad.path).await;
    for said in ["Fermée", "Motif de fermeture", REASON] {
        assert_says(&page, said);
    }
    assert_eq!(mails_with(&app, FRIEND, "Fermée").await.len(), 1);
    set_expiry(&app, &ad, db::now() - 60).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 0));
    for action in ["rouvrir", "prolonger", "fermer", "demarrer", "terminer"] {
        act(&author, &ad, action, "").await.assert_status(StatusCode::CONFLICT);
    }
    assert_eq!(state(&app, &ad).await.status, "closed");
}

// ---- comments and following ---------------------------------------------------------------

#[tokio::test]
async fn comments_are_sanitised_checked_and_limited() {
    let app = TestApp::spawn_with(|c| c.rate_comments = 3).await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    assert_says(&app.client().get(&ad.path).await, "Connectez-vous pour poser une question");
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    rename(&app, FRIEND, "Dominique Curieuse").await;
    let (reader, _) = app.signed_in("lectrice@exemple.org", &[]).await;

    let page =
        comment(&friend, &ad, "Nous aussi ! <script>alert('commentaire')</script> **Deux cents membres** ici.").await;
    page.assert_redirect_to(&ad.path);
    let seen = reader.get(&ad.path).await;
    seen.assert_contains("<strong>Deux cents membres</strong>")
        .assert_lacks("<script>alert")
        .assert_contains("Dominique Curieuse");
    assert_says(&seen, "1 commentaire");

    // Empty or huge: refused next to the field, the text kept.
    let page = comment(&friend, &ad, "   ").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY).assert_field_error("comment", "Écrivez votre commentaire");
    let huge = "Très long. ".repeat(300);
    let page = comment(&friend, &ad, &huge).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("comment", "Le commentaire doit faire au plus");
    assert_eq!(field_value(&page, "comment"), huge);

    // A flood: the (rate_comments + 1)-th comment within the window waits, its text kept.
    comment(&friend, &ad, "Deuxième message de notre part.").await.assert_redirect_to(&ad.path);
    comment(&friend, &ad, "Troisième message de notre part.").await.assert_redirect_to(&ad.path);
    const FOURTH: &str = "Quatrième message, un de trop.";
    let page = comment(&friend, &ad, FOURTH).await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS).assert_field_error("comment", "beaucoup de commentaires");
    assert_eq!(field_value(&page, "comment"), FOURTH);
    assert_eq!(app.count("SELECT COUNT(*) FROM ad_comments").await, 3);
    reader.get(&ad.path).await.assert_lacks(FOURTH);
    // Someone else is not held back.
    comment(&author, &ad, "Deux cents membres, oui, et une trentaine de bénévoles.").await.assert_redirect_to(&ad.path);

    // Followers are told, with the text but never the markup.
    let mails = mails_with(&app, AUTHOR, "Nouveau commentaire").await;
    assert_eq!(mails.len(), 3, "{mails:#?}");
    assert!(mails[0].subject.contains(TITLE), "{mails:#?}");
    assert!(mails[0].body.contains("Deux cents membres") && mails[0].body.contains("Dominique Curieuse"), "{mails:#?}");
    assert!(!mails[0].body.contains("<script>"), "{mails:#?}");
    assert_eq!(mails_with(&app, FRIEND, "Nouveau commentaire").await.len(), 1);

    // Only public ads take comments.
    let draft = post_ad(&author, &ad_with(&[("title", "Un brouillon à commenter"), ("action", "brouillon")])).await;
    let page = post_from(&author, &draft.path, &draft.at("commentaires"), &[("comment", "Une note pour nous.")]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "pas publique");
    post_from(&friend, NEW, &draft.at("commentaires"), &[("comment", "Bonjour !")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn followers_unsubscribe_in_one_click_from_their_email() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let other_ad = post_ad(&author, &ad_with(&[("title", "Une autre annonce de notre association")])).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    comment(&friend, &ad, "Bonjour, combien de membres avez-vous ?").await.assert_redirect_to(&ad.path);
    let mail = app.only_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("Nouveau commentaire") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains("combien de membres"), "{mail:?}");
    let link = unsubscribe_link(&mail);
    let author_id = app.user_id(AUTHOR).await;
    let friend_id = app.user_id(FRIEND).await;
    assert!(link.starts_with(&format!("/annonces/{}/desabonnement?u={author_id}&t=", ad.id)), "{link}");

    // Tampered links lead nowhere.
    let token = link.split("&t=").nth(1).expect("token").to_owned();
    let flipped = format!("{}{}", if token.starts_with('0') { '1' } else { '0' }, &token[1..]);
    let bad_links = [
        format!("/annonces/{}/desabonnement?u={author_id}&t={flipped}", ad.id),
        format!("/annonces/{}/desabonnement?u={friend_id}&t={token}", ad.id),
        format!("/annonces/{}/desabonnement?u={author_id}&t={token}", other_ad.id),
        format!("/annonces/{}/desabonnement?u={author_id}", ad.id),
        format!("/annonces/{}/desabonnement?u=moi&t={token}", ad.id),
    ];
    let visitor = app.client();
    for bad in &bad_links {
        visitor.get(bad).await.assert_status(StatusCode::NOT_FOUND);
    }

    // Opening the link changes nothing; its button does, without signing in.
    let page = visitor.get(&link).await;
    page.assert_status(StatusCode::OK).assert_contains(TITLE);
    assert_says(&page, "Ne plus recevoir d'e-mails sur cette annonce");
    let csrf = page.csrf_for(&link);
    for bad in &bad_links {
        visitor.post_raw(bad, &[("_csrf", &csrf)]).await.assert_status(StatusCode::NOT_FOUND);
    }
    let follows = format!("SELECT COUNT(*) FROM ad_follows WHERE ad_id = {} AND user_id = {author_id}", ad.id);
    assert_eq!(app.count(&follows).await, 1);
    let page = visitor.submit(&link, &link, &[]).await;
    page.assert_status(StatusCode::OK);
    assert_says(&page, "vous ne recevrez plus d'e-mails sur cette annonce");
    assert_eq!(app.count(&follows).await, 0);
    assert!(visitor.cookies.lock().expect("jar").is_empty());

    // No more emails about this ad.
    comment(&friend, &ad, "Autre question : quel est votre budget ?").await.assert_redirect_to(&ad.path);
    assert_eq!(mails_with(&app, AUTHOR, "Nouveau commentaire").await.len(), 1);
    // Others still are, each with a link of their own.
    comment(&author, &ad, "Environ deux cents membres.").await.assert_redirect_to(&ad.path);
    let mail = app.last_mail_to(FRIEND).await;
    assert!(mail.body.contains("Environ deux cents membres"), "{mail:?}");
    assert!(unsubscribe_link(&mail).contains(&format!("u={friend_id}&t=")), "{mail:?}");
}

#[tokio::test]
async fn following_and_unfollowing_from_the_ad_page() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (reader, _) = app.signed_in("lectrice@exemple.org", &[]).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let follow = ad.at("suivre");

    let page = reader.get(&ad.path).await;
    assert_says(&page, "Suivre cette annonce");
    assert_eq!(
        page.attr(&format!("form[action=\"{follow}\"] input[name=\"follow\"]"), "value").as_deref(),
        Some("oui")
    );
    let page = reader.submit(&ad.path, &follow, &[]).await;
    page.assert_redirect_to(&ad.path);
    let shown = reader.follow(&page).await;
    shown.assert_flash("Vous suivez cette annonce");
    assert_says(&shown, "Ne plus suivre");
    comment(&friend, &ad, "Une première question sur le budget.").await.assert_redirect_to(&ad.path);
    let mails = mails_with(&app, "lectrice@exemple.org", "Nouveau commentaire").await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(mails[0].body.contains("Une première question sur le budget."), "{mails:#?}");

    let page = reader.submit(&ad.path, &follow, &[]).await;
    page.assert_redirect_to(&ad.path);
    let shown = reader.follow(&page).await;
    shown.assert_flash("Vous ne suivez plus cette annonce");
    assert_says(&shown, "Suivre cette annonce");
    comment(&friend, &ad, "Une seconde question sur le calendrier.").await.assert_redirect_to(&ad.path);
    assert_eq!(mails_with(&app, "lectrice@exemple.org", "Nouveau commentaire").await.len(), 1);

    // Someone else's draft cannot be followed.
    let draft = post_ad(&author, &ad_with(&[("title", "Un brouillon à suivre"), ("action", "brouillon")])).await;
    post_from(&reader, NEW, &draft.at("suivre"), &[("follow", "oui")]).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ad_follows WHERE ad_id = {}", draft.id)).await, 1);
}

// ---- reports and moderation -------------------------------------------------------------

#[tokio::test]
async fn reported_ads_and_comments_are_removed_by_moderators() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    const SPAM: &str = "Achetez des montres pas chères sur notre site !";
    comment(&friend, &ad, SPAM).await.assert_redirect_to(&ad.path);
    let cid = last_comment_id(&app, &ad).await;

    // A visitor reports the ad: a reason is needed, what was typed is kept.
    let visitor = app.client();
    let report = ad.at("signaler");
    let page = visitor.get(&report).await;
    page.assert_status(StatusCode::OK).assert_contains(TITLE);
    const WHY: &str = "Ce n'est pas un besoin associatif.";
    let page = visitor.submit(&report, &report, &[("report_message", WHY)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "report_reason", "Choisissez une raison");
    assert_eq!(field_value(&page, "report_message"), WHY);
    let page = visitor.submit(&report, &report, &[("report_reason", "n-importe"), ("report_message", WHY)]).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_error(&page, "report_reason", "Ce choix n'existe pas");
    let fields = [("report_reason", "spam"), ("report_message", WHY), ("report_email", "pas-une-adresse")];
    let page = visitor.submit(&report, &report, &fields).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("report_email", "n'est pas valide")
        .assert_field_value("report_email", "pas-une-adresse");
    assert_eq!(field_value(&page, "report_reason"), "spam");
    let fields = [("report_reason", "abuse"), ("report_message", WHY), ("report_email", "temoin@exemple.org")];
    visitor.submit(&report, &report, &fields).await.assert_redirect_to(&ad.path);

    // And the comment.
    let comment_report = format!("{report}?commentaire={cid}");
    let page = visitor.get(&comment_report).await;
    page.assert_status(StatusCode::OK).assert_contains(SPAM);
    assert_says(&page, "Signaler un commentaire");
    visitor.submit(&comment_report, &comment_report, &[("report_reason", "spam")]).await.assert_redirect_to(&ad.path);
    for unknown in ["424242", "abc"] {
        visitor.get(&format!("{report}?commentaire={unknown}")).await.assert_status(StatusCode::NOT_FOUND);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM reports WHERE status = 'open'").await, 2);

    // Both wait in the moderation queue.
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let (late, _) = app.signed_in("second@emancipasso.example", &[Role::Moderator]).await;
    let queue = moderator.get("/moderation").await;
    queue.assert_contains("Signalements (2)").assert_contains(TITLE).assert_contains(SPAM);
    assert_says(&queue, WHY);
    let remove_ad = format!("/moderation/annonces/{}", ad.id);
    let remove_comment = format!("/moderation/commentaires/{cid}");
    let late_token = late.get("/moderation").await.csrf_for(&remove_ad);
    for action in [&remove_ad, &remove_comment] {
        let fields = [("decision", "retirer"), ("reason", "Je ne suis pas d'accord.")];
        post_from(&friend, &ad.path, action, &fields).await.assert_status(StatusCode::FORBIDDEN);
    }

    // The comment is removed; its author is told why.
    decide(&moderator, &remove_comment, "retirer", "").await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    const COMMENT_REASON: &str = "Publicité sans rapport avec l'annonce.";
    decide(&moderator, &remove_comment, "retirer", COMMENT_REASON).await.assert_redirect_to("/moderation");
    author.get(&ad.path).await.assert_status(StatusCode::OK).assert_lacks(SPAM);
    let mail = app.last_mail_to(FRIEND).await;
    assert!(mail.subject.contains("retiré"), "{mail:?}");
    assert!(mail.body.contains(TITLE) && mail.body.contains(COMMENT_REASON), "{mail:?}");

    // The ad is removed, with a reason.
    let page = decide(&moderator, &remove_ad, "retirer", "").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_says(&page, "Indiquez le motif");
    let page = decide(&moderator, &remove_ad, "n-importe", "Pour voir.").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_says(&page, "Cette décision n'existe pas");
    assert_eq!(state(&app, &ad).await.status, "published");
    const AD_REASON: &str = "Annonce publicitaire déguisée.";
    decide(&moderator, &remove_ad, "retirer", AD_REASON).await.assert_redirect_to("/moderation");
    assert_eq!(state(&app, &ad).await.status, "removed");
    public(&app, &ad.path).await.assert_status(StatusCode::NOT_FOUND);
    friend.get(&ad.path).await.assert_status(StatusCode::NOT_FOUND);
    public(&app, &report).await.assert_status(StatusCode::NOT_FOUND);
    let page = author.get(&ad.path).await;
    page.assert_status(StatusCode::OK);
    assert_says(&page, "Retirée");
    assert_says(&page, AD_REASON);
    let mail = app.last_mail_to(AUTHOR).await;
    assert!(mail.subject.contains("a été retirée") && mail.subject.contains(TITLE), "{mail:?}");
    assert!(mail.body.contains(AD_REASON), "{mail:?}");
    wait_for_list(&app, "/annonces", TITLE, false).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM reports WHERE status = 'open'").await, 0);

    // The second moderator is too late.
    let page =
        late.post_raw(&remove_ad, &[("_csrf", &late_token), ("decision", "retirer"), ("reason", "Doublon.")]).await;
    page.assert_status(StatusCode::CONFLICT);
    assert_says(&page, "déjà été traité");

    // Every decision is in the journal.
    let (admin, _) = app.signed_in("admin@emancipasso.example", &[Role::Admin]).await;
    let journal = admin.get("/admin/journal").await;
    journal
        .assert_status(StatusCode::OK)
        .assert_contains("ad.remove")
        .assert_contains("comment.remove")
        .assert_contains(&format!("ad:{}", ad.id))
        .assert_contains(AD_REASON);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ad.remove'").await, 1);
}

#[tokio::test]
async fn visitor_gets_no_cookie_on_ads_pages() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    wait_for_list(&app, "/annonces", TITLE, true).await;
    let paths = [
        "/annonces".to_owned(),
        "/annonces?type=besoin&statut=ouverte&region=53".to_owned(),
        "/annonces?q=cotisations&tri=recentes".to_owned(),
        "/annonces?page=2".to_owned(),
        ad.path.clone(),
        format!("/annonces/{}", ad.id),
        ad.at("signaler"),
        "/annonces/424242".to_owned(),
    ];
    for client in [app.client(), app.client_en()] {
        for path in &paths {
            let page = client.get(path).await;
            assert!(page.status.as_u16() < 500, "{path}: {}", page.status);
            assert!(page.set_cookies().is_empty(), "{path} sets {:?}", page.set_cookies());
        }
        assert!(client.cookies.lock().expect("jar").is_empty());
    }
}

// ---- details of pages, emails and states --------------------------------------------------

/// Every id of the ad page is used once, so that the label of the pledged amount, its message
/// and the link of the error summary all lead to the amount field.
#[tokio::test]
async fn the_pledge_amount_field_has_an_id_of_its_own() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let page = friend.get(&ad.path).await;
    let duplicates = duplicate_ids(&page);
    assert!(duplicates.is_empty(), "ids used twice on the ad page: {duplicates:?}");
    let page = pledge(&friend, &ad, FRIEND_NAME, "-20").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("pledge_amount", "ne peut pas être négatif")
        .assert_field_value("pledge_amount", "-20");
}

/// The confirmation of a comment must reach the server: a `?flash=` placed after the
/// `#commentaires` fragment never does.
#[tokio::test]
async fn a_posted_comment_is_confirmed() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    let page = comment(&friend, &ad, "Nous aussi, nous sommes intéressés.").await;
    page.assert_redirect_to(&ad.path);
    let location = page.location();
    let before_fragment = location.split('#').next().unwrap_or_default();
    assert!(before_fragment.contains("flash=flash-comment-posted"), "the flash is lost in {location}");
    friend.follow(&page).await.assert_flash("Commentaire publié");
}

/// Under pre-moderation, an ad no moderator approved must not become public by being closed.
#[tokio::test]
async fn closing_a_pending_ad_does_not_make_it_public() {
    let app = TestApp::spawn_with(|c| c.ads_moderation = Moderation::Pre).await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    assert_eq!(state(&app, &ad).await.status, "pending");
    act(&author, &ad, "fermer", "Finalement, nous avons trouvé.").await.assert_redirect_to(&ad.path);
    // Back to the drafts: out of the queue, still visible to its author only.
    assert_eq!(state(&app, &ad).await.status, "draft");
    public(&app, &ad.path).await.assert_status(StatusCode::NOT_FOUND);
    let (other, _) = app.signed_in("curieux@exemple.org", &[]).await;
    other.get(&ad.path).await.assert_status(StatusCode::NOT_FOUND);
    app.state.ads.refresh().await.expect("refresh");
    app.client().get("/annonces?statut=fermee").await.assert_lacks(TITLE);
}

/// Like every other field, the close reason keeps what was typed when it is refused.
#[tokio::test]
async fn a_refused_close_reason_is_kept() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let reason = "Nous fermons cette annonce. ".repeat(40);
    let page = act(&author, &ad, "fermer", &reason).await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_field_error("close_reason", "Le motif doit contenir au plus");
    assert_eq!(state(&app, &ad).await.status, "published");
    assert_eq!(field_value(&page, "close_reason"), reason);
}

/// An ad is funded whenever its pledges reach the accepted cost, also when it is reopened.
#[tokio::test]
async fn a_funded_ad_reopened_after_expiry_is_still_funded() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (dev, _) = app.signed_in("dev@exemple.org", &[]).await;
    offer(&dev, &ad, "500", "1 mois", OFFER_MESSAGE).await.assert_redirect_to(&ad.path);
    let accept = ad.at(&format!("offres/{}/accepter", offer_id(&app, &ad, "dev@exemple.org").await));
    author.submit(&ad.path, &accept, &[]).await.assert_redirect_to(&ad.path);
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "500").await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "funded");
    set_expiry(&app, &ad, db::now() - 60).await;
    assert_eq!(keep_lifetimes(&app.state).await.expect("lifetimes"), (0, 1));
    assert_eq!(state(&app, &ad).await.status, "expired");
    act(&author, &ad, "rouvrir", "").await.assert_redirect_to(&ad.path);
    assert_eq!(state(&app, &ad).await.status, "funded", "pledges of {} cover the accepted {}", eur(500), eur(500));
}

/// Each follower reads amounts as written in their language ("€1,500" in English).
#[tokio::test]
async fn amounts_in_emails_follow_the_language_of_each_recipient() {
    let app = TestApp::spawn().await;
    let author = signed_in_en(&app, "asso@gardens.example", &[Role::Association]).await;
    db::exec(app.db.conn(), "UPDATE users SET locale = 'en' WHERE email = 'asso@gardens.example'", vals![])
        .await
        .expect("English account");
    let ad = post_ad(&author, AD).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    pledge(&friend, &ad, FRIEND_NAME, "1500").await.assert_redirect_to(&ad.path);
    let mail = app.only_mail_to("asso@gardens.example").await;
    assert!(mail.subject.contains("joins your ad"), "{mail:?}");
    let english = format_euros(Lang::En, 1500);
    assert!(mail.body.contains(&english), "{english:?} not in {mail:?}");
    let (dev, _) = app.signed_in("dev@exemple.org", &[]).await;
    offer(&dev, &ad, "1200", "6 weeks", OFFER_MESSAGE).await.assert_redirect_to(&ad.path);
    let mail = app.last_mail_to("asso@gardens.example").await;
    assert!(mail.subject.contains("New offer"), "{mail:?}");
    let english = format_euros(Lang::En, 1200);
    assert!(mail.body.contains(&english), "{english:?} not in {mail:?}");
}

/// Visitors' pages are cached until the next change of the ads: a comment removed by a
/// moderator is such a change, or it stays on show for `page_cache_seconds` (30 s).
#[tokio::test]
async fn a_removed_comment_disappears_for_visitors() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    const SPAM: &str = "Achetez des montres pas chères sur notre site !";
    comment(&friend, &ad, SPAM).await.assert_redirect_to(&ad.path);
    engine_at_rest().await;
    app.client().get(&ad.path).await.assert_contains(SPAM);
    let cid = last_comment_id(&app, &ad).await;
    let (moderator, _) = app.signed_in("moderation@emancipasso.example", &[Role::Moderator]).await;
    let fields = [("decision", "retirer"), ("reason", "Publicité.")];
    post_from(&moderator, "/moderation", &format!("/moderation/commentaires/{cid}"), &fields)
        .await
        .assert_redirect_to("/moderation");
    friend.get(&ad.path).await.assert_lacks(SPAM);
    engine_at_rest().await;
    app.client().get(&ad.path).await.assert_lacks(SPAM);
}

/// The same for a new comment: visitors keep getting the page cached before it.
#[tokio::test]
async fn a_new_comment_appears_for_visitors() {
    let app = TestApp::spawn().await;
    let (_author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    engine_at_rest().await;
    app.client().get(&ad.path).await.assert_status(StatusCode::OK);
    let (friend, _) = app.signed_in(FRIEND, &[Role::Association]).await;
    const QUESTION: &str = "Combien de membres comptez-vous ?";
    comment(&friend, &ad, QUESTION).await.assert_redirect_to(&ad.path);
    friend.get(&ad.path).await.assert_contains(QUESTION);
    engine_at_rest().await;
    app.client().get(&ad.path).await.assert_contains(QUESTION);
}

/// The author's data export lists their ads, pledges and follows.
#[tokio::test]
async fn the_data_export_holds_the_ads_of_its_author() {
    let app = TestApp::spawn().await;
    let (author, _ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let page = author.get("/compte/export").await;
    page.assert_status(StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&page.body).expect("JSON export");
    assert_eq!(data["ads"]["ads"][0]["ad_title"], TITLE, "{}", page.body);
    assert_eq!(data["ads"]["ads"][0]["status"], "published");
    assert_eq!(data["ads"]["pledges"][0]["ad_title"], TITLE);
    assert_eq!(data["ads"]["follows"][0]["ad_title"], TITLE);
}

/// Deleting an account takes its drafts away, closes its open ads (nobody could manage them) and
/// withdraws its pledges, which may un-fund an ad.
#[tokio::test]
async fn a_deleted_account_leaves_no_open_ad_behind() {
    let app = TestApp::spawn().await;
    let (author, ad) = author_with_ad(&app, AUTHOR, TITLE).await;
    let draft = post_ad(&author, &ad_with(&[("title", "Un brouillon jamais publié"), ("action", "brouillon")])).await;
    assert_eq!(state(&app, &draft).await.status, "draft");
    // Another association's ad, funded thanks to the author's pledge.
    let (friend, other) = author_with_ad(&app, FRIEND, "Une carte des ateliers de réparation").await;
    let (dev, _) = app.signed_in("dev@exemple.org", &[]).await;
    offer(&dev, &other, "300", "un mois", OFFER_MESSAGE).await.assert_redirect_to(&other.path);
    let offer = offer_id(&app, &other, "dev@exemple.org").await;
    post_from(&friend, &other.path, &other.at(&format!("offres/{offer}/accepter")), &[])
        .await
        .assert_redirect_to(&other.path);
    pledge(&author, &other, ASSOCIATION, "300").await.assert_redirect_to(&other.path);
    assert_eq!(state(&app, &other).await.status, "funded");

    let page = author
        .submit("/compte", "/compte/supprimer", &[("delete_password", crate::harness::PASSWORD), ("confirm", "oui")])
        .await;
    page.assert_status(StatusCode::SEE_OTHER);
    let gone: Option<i64> =
        db::int(app.db.conn(), "SELECT id FROM ads WHERE id = $1", vals![draft.id]).await.expect("read");
    assert_eq!(gone, None, "the draft went with the account");
    assert_eq!(state(&app, &ad).await.status, "closed");
    assert_eq!(state(&app, &other).await.status, "published", "the pledge left with the account");
    app.state.ads.refresh().await.expect("refresh");
    public(&app, &ad.path).await.assert_status(StatusCode::OK);
}
