//! An account's ads in its data export, and what deleting the account does to them.

use super::*;
use crate::harness::PASSWORD;
use crate::seed::{ASSOCIATION, TITLE};

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
    let seed = app.seed();
    let draft = seed.draft_ad(&author).title("Un brouillon jamais publié").await;
    assert_eq!(state(&app, &draft).await.status, "draft");
    // Another association's ad, funded thanks to the author's pledge.
    let (friend, other) = author_with_ad(&app, FRIEND, "Une carte des ateliers de réparation").await;
    let dev = seed.person("dev@exemple.org").await;
    let offer = seed.offer(&dev, &other, "300").await;
    seed.accept_offer(&friend, &other, offer).await;
    seed.pledge(&author, &other, ASSOCIATION, "300").await;
    assert_eq!(state(&app, &other).await.status, "funded");
    // A change of its published ad waits for a look in the moderation queue.
    let edit = format!("/annonces/{}/modifier", ad.id);
    author.submit(&edit, &edit, &ad_with(&[("body", "Un texte changé juste avant de partir.")])).await;
    assert_eq!(app.rows("ad_revisions").await, 1);

    let page =
        author.submit("/compte", "/compte/supprimer", &[("delete_password", PASSWORD), ("confirm", "oui")]).await;
    page.assert_status(StatusCode::SEE_OTHER);
    let gone: Option<i64> =
        db::int(app.db.conn(), "SELECT id FROM ads WHERE id = $1", vals![draft.id]).await.expect("read");
    assert_eq!(gone, None, "the draft went with the account");
    assert_eq!(state(&app, &ad).await.status, "closed");
    assert_eq!(app.rows("ad_revisions").await, 0, "nothing of the account waits for a moderator");
    assert_eq!(state(&app, &other).await.status, "published", "the pledge left with the account");
    app.state.ads.refresh().await.expect("refresh");
    public(&app, ad.url()).await.assert_status(StatusCode::OK);
}
