//! Builders of ads and of what people do on them: pledges, offers, comments. They go through the
//! site's forms with the client of the person acting, check the redirect every success gives,
//! and return the ids the journeys need; the states that only time or moderators bring are
//! written in the database.

use std::future::IntoFuture;

use emancipasso::db;
use emancipasso::vals;

use super::{Build, Member, Seed};
use crate::harness::{Client, TestApp};

/// The ad form.
pub const NEW_AD: &str = "/annonces/nouvelle";
pub const ASSOCIATION: &str = "Les Jardins Partagés (fictifs)";
pub const TITLE: &str = "Un logiciel libre pour gérer nos adhésions";
pub const BODY: &str =
    "Nous cherchons un outil **libre** pour suivre les adhésions et les cotisations de nos 200 membres.";
pub const OFFER_MESSAGE: &str = "Installation de Paheko, reprise des adhérents et une demi-journée de formation.";

/// A complete ad, published at once: what the builders post unless told otherwise.
pub const AD: &[(&str, &str)] = &[
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

/// An ad as the journeys know it: its id and its canonical address.
#[derive(Debug, Clone)]
pub struct Ad {
    pub id: i64,
    path: String,
}

impl Ad {
    /// The ad a redirect leads to, e.g. `/annonces/3-un-titre?flash=…`.
    pub fn from_location(location: &str) -> Ad {
        // The address without the language: each client reads it in its own.
        let path = location.split(['?', '#']).next().unwrap_or_default();
        let path = path.strip_prefix("/en").filter(|p| p.starts_with('/')).unwrap_or(path).to_owned();
        let id = path
            .strip_prefix("/annonces/")
            .and_then(|rest| rest.split('-').next())
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("no ad in {location}"));
        Ad { id, path }
    }

    /// An ad that does not exist, with the address of `like`.
    pub fn unknown(like: &Ad) -> Ad {
        Ad { id: 424_242, path: like.path.clone() }
    }

    /// Its canonical address, e.g. `/annonces/3-un-titre`.
    pub fn url(&self) -> &str {
        &self.path
    }

    /// Where the ad's forms post: `/annonces/{id}/{action}`.
    pub fn at(&self, action: &str) -> String {
        format!("/annonces/{}/{action}", self.id)
    }
}

/// An ad posted through the form by its author: the complete ad of [`AD`], with the fields
/// changed by the builder's methods.
pub struct AdBuilder<'a> {
    app: &'a TestApp,
    author: &'a Client,
    fields: Vec<(&'static str, String)>,
    status: Option<&'a str>,
}

impl<'a> AdBuilder<'a> {
    fn set(mut self, name: &'static str, value: &str) -> Self {
        match self.fields.iter_mut().find(|field| field.0 == name) {
            Some(field) => field.1 = value.to_owned(),
            None => self.fields.push((name, value.to_owned())),
        }
        self
    }

    /// `besoin`, `fonctionnalite`, `mutualisation`, `accompagnement`.
    pub fn kind(self, kind: &str) -> Self {
        self.set("kind", kind)
    }

    /// The name of the association that posts it.
    pub fn association(self, name: &str) -> Self {
        self.set("association_name", name)
    }

    pub fn title(self, title: &str) -> Self {
        self.set("title", title)
    }

    pub fn body(self, body: &str) -> Self {
        self.set("body", body)
    }

    /// A software of the list (`paheko`...), or none with "".
    pub fn software(self, software: &str) -> Self {
        self.set("software", software)
    }

    /// The estimated cost as typed, e.g. `1 500`, or none with "".
    pub fn cost(self, cost: &str) -> Self {
        self.set("estimated_cost", cost)
    }

    /// `YYYY-MM-DD`, as the date input sends it.
    pub fn deadline(self, deadline: &str) -> Self {
        self.set("deadline", deadline)
    }

    /// A region code, or none with "".
    pub fn region(self, region: &str) -> Self {
        self.set("region", region)
    }

    pub fn remote(self, remote: bool) -> Self {
        self.set("remote", if remote { "oui" } else { "" })
    }

    /// Comma-separated keywords.
    pub fn tags(self, tags: &str) -> Self {
        self.set("tags", tags)
    }

    /// Saved as a draft instead of published.
    pub fn draft(self) -> Self {
        self.set("action", "brouillon")
    }

    /// Then put in `status` (`expired`, `pending`...) as time or a moderator would.
    pub fn status(mut self, status: &'a str) -> Self {
        self.status = Some(status);
        self
    }

    async fn post(self) -> Ad {
        let fields: Vec<(&str, &str)> = self.fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let page = self.author.submit(NEW_AD, NEW_AD, &fields).await;
        page.assert_redirect_to("/annonces/");
        let ad = Ad::from_location(&page.location());
        if let Some(status) = self.status {
            self.app.seed().set_ad_status(&ad, status).await;
        }
        ad
    }
}

impl<'a> IntoFuture for AdBuilder<'a> {
    type Output = Ad;
    type IntoFuture = Build<'a, Ad>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.post())
    }
}

/// An offer, as the journeys know it.
#[derive(Debug, Clone, Copy)]
pub struct Offer {
    pub id: i64,
}

/// A comment, as the journeys know it.
#[derive(Debug, Clone, Copy)]
pub struct Comment {
    pub id: i64,
}

impl<'a> Seed<'a> {
    /// The complete ad, published by `author` (pending instead under pre-moderation).
    pub fn published_ad(self, author: &'a Client) -> AdBuilder<'a> {
        let fields = AD.iter().map(|(name, value)| (*name, (*value).to_owned())).collect();
        AdBuilder { app: self.app, author, fields, status: None }
    }

    /// The complete ad, saved as a draft by `author`.
    pub fn draft_ad(self, author: &'a Client) -> AdBuilder<'a> {
        self.published_ad(author).draft()
    }

    /// `member` joins the ad for `association`, pledging `amount` (may be "").
    pub async fn pledge(self, member: &Client, ad: &Ad, association: &str, amount: &str) {
        let fields = [("pledge_association", association), ("pledge_amount", amount)];
        member.submit(ad.url(), &ad.at("soutien"), &fields).await.assert_redirect_to(ad.url());
    }

    /// `member` offers to do the work for `amount`, within a month.
    pub async fn offer(self, member: &Member, ad: &Ad, amount: &str) -> Offer {
        let fields = [("offer_amount", amount), ("offer_timeframe", "1 mois"), ("offer_message", OFFER_MESSAGE)];
        member.submit(ad.url(), &ad.at("offres"), &fields).await.assert_redirect_to(ad.url());
        let id = db::int(
            self.app.db.conn(),
            "SELECT id FROM ad_offers WHERE ad_id = $1 AND user_id = $2",
            vals![ad.id, member.id],
        )
        .await
        .expect("read offers");
        Offer { id: id.unwrap_or_else(|| panic!("no offer from {}", member.email)) }
    }

    /// The author accepts `offer`.
    pub async fn accept_offer(self, author: &Client, ad: &Ad, offer: Offer) {
        let accept = ad.at(&format!("offres/{}/accepter", offer.id));
        author.submit(ad.url(), &accept, &[]).await.assert_redirect_to(ad.url());
    }

    /// `member` comments on the ad.
    pub async fn comment(self, member: &Member, ad: &Ad, text: &str) -> Comment {
        member.submit(ad.url(), &ad.at("commentaires"), &[("comment", text)]).await.assert_redirect_to(ad.url());
        let id = db::int(
            self.app.db.conn(),
            "SELECT MAX(id) FROM ad_comments WHERE ad_id = $1 AND user_id = $2",
            vals![ad.id, member.id],
        )
        .await
        .expect("read comments");
        Comment { id: id.unwrap_or_else(|| panic!("no comment from {}", member.email)) }
    }

    /// Puts an ad in `status` directly, as only time or a moderator would.
    pub async fn set_ad_status(self, ad: &Ad, status: &str) {
        db::exec(self.app.db.conn(), "UPDATE ads SET status = $1 WHERE id = $2", vals![status, ad.id])
            .await
            .expect("set the status");
    }

    /// Moves the end of an ad's lifetime, e.g. into the past before the scheduled job runs.
    pub async fn set_ad_expiry(self, ad: &Ad, expires_at: i64) {
        db::exec(self.app.db.conn(), "UPDATE ads SET expires_at = $1 WHERE id = $2", vals![expires_at, ad.id])
            .await
            .expect("set expiry");
    }

    /// Moves back by `minutes` when the followers of an ad were last emailed about a pledge or
    /// an offer, as time would, before the scheduled task sends what was collected meanwhile.
    pub async fn age_ad_notices(self, ad: &Ad, minutes: i64) {
        db::exec(
            self.app.db.conn(),
            "UPDATE ads SET notices_sent_at = notices_sent_at - $1 WHERE id = $2",
            vals![minutes * 60, ad.id],
        )
        .await
        .expect("age the notices");
    }
}
