//! Ads journeys, one file per action: posting (`post`), who may do what (`access`), joining and
//! pledging (`pledge`), offers (`offer`), the lifecycle (`lifecycle`), comments (`comment`),
//! following and its emails (`follow`), reports and moderation (`moderation`), and what an
//! account's export or deletion does to its ads (`account`). What they share is here.
//!
//! Ads are posted through the form, as an association does (the builders of `crate::seed` do
//! the same). The states that only time brings (an ad about to expire, or past its end) are set
//! in the database, then the scheduled job runs as it would. The list is kept in step by the
//! search engine within about two seconds: tests that look at it wait for it. The followers'
//! notices of pledges and offers collected within `ads_notice_minutes` are sent when that time
//! has passed (`notices_due` moves it back, then runs the scheduled task).

mod access;
mod account;
mod comment;
mod flood;
mod follow;
mod lifecycle;
mod moderation;
mod offer;
mod pledge;
mod post;
mod review;

use std::collections::HashSet;
use std::time::Duration;

use emancipasso::ads::format_euros;
use emancipasso::db::{self, Row};
use emancipasso::vals;
use emancipasso::web::Lang;
use reqwest::StatusCode;
use scraper::Selector;

use crate::harness::{BASE_URL, Client, Mail, Page, TestApp};
use crate::seed::{AD, Ad, Member};

// ---- the ads used by the journeys ------------------------------------------------------------

const NEW: &str = crate::seed::NEW_AD;
const AUTHOR: &str = "asso@jardins.example";
const FRIEND: &str = "asso@amis.example";
const FRIEND_NAME: &str = "Les Amis du Libre (fictifs)";

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

/// A signed-in association that posts the complete ad under `title`.
async fn author_with_ad(app: &TestApp, email: &str, title: &str) -> (Member, Ad) {
    let author = app.seed().association(email).await;
    let ad = app.seed().published_ad(&author).title(title).await;
    (author, ad)
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
    client.submit(ad.url(), &ad.at("soutien"), &[("pledge_association", association), ("pledge_amount", amount)]).await
}

async fn offer(client: &Client, ad: &Ad, amount: &str, timeframe: &str, message: &str) -> Page {
    let fields = [("offer_amount", amount), ("offer_timeframe", timeframe), ("offer_message", message)];
    client.submit(ad.url(), &ad.at("offres"), &fields).await
}

async fn comment(client: &Client, ad: &Ad, text: &str) -> Page {
    client.submit(ad.url(), &ad.at("commentaires"), &[("comment", text)]).await
}

/// One of the author's status actions (`demarrer`, `fermer`...).
async fn act(client: &Client, ad: &Ad, action: &str, close_reason: &str) -> Page {
    post_from(client, ad.url(), &ad.at("statut"), &[("action", action), ("close_reason", close_reason)]).await
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

/// The followers' notices collected on `ad` become due, as time would make them, and the
/// scheduled task sends them; returns how many emails it sent.
async fn notices_due(app: &TestApp, ad: &Ad) -> usize {
    app.seed().age_ad_notices(ad, app.config.ads_notice_minutes + 1).await;
    emancipasso::ads::send_due_notices(&app.state).await.expect("send the due notices")
}

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
