//! Test builders: `app.seed()` puts in place what a journey starts from — people, structures,
//! ads, pledges, offers, comments — and the states that only time or another workflow brings
//! (an expired ad, an approved structure, an expired link). Journeys say what they need
//! (`seed.listed_structure(..)`, `seed.published_ad(&author)`) and get back what they use (ids,
//! URLs, emails); the SQL and the library calls that make it live here only, so that a change of
//! the schema touches this file and not every journey.
//!
//! Ads, pledges, offers and comments go through the site's forms, as their authors would; the
//! rest is written with the library's functions or, for what no function does, plain SQL.

use std::future::{Future, IntoFuture};
use std::ops::Deref;
use std::pin::Pin;

use emancipasso::db::{self, Db};
use emancipasso::directory::{self, NewStructure, StructureStatus};
use emancipasso::vals;
use emancipasso::web::Role;

use crate::harness::{Client, PASSWORD, TestApp, TestUser};

mod ads;

pub use ads::{AD, ASSOCIATION, Ad, AdBuilder, BODY, NEW_AD, OFFER_MESSAGE, TITLE};

/// What a builder's `.await` gives.
type Build<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// The builders of one test application.
#[derive(Clone, Copy)]
pub struct Seed<'a> {
    app: &'a TestApp,
}

impl TestApp {
    pub fn seed(&self) -> Seed<'_> {
        Seed { app: self }
    }

    /// A client signed in as an existing account (all test accounts share [`PASSWORD`]).
    pub async fn sign_in_as(&self, email: &str) -> Client {
        let client = self.client();
        client.sign_in(email, PASSWORD).await;
        client
    }

    /// The id of the newest row of `table`, e.g. the recommendation a journey just made.
    pub async fn newest_id(&self, table: &str) -> i64 {
        let id = db::int(self.db.conn(), &format!("SELECT MAX(id) FROM {table}"), vals![]).await.expect("read ids");
        id.unwrap_or_else(|| panic!("no row in {table}"))
    }

    /// Every declared accompaniment, `days` older.
    pub async fn age_accompaniments(&self, days: i64) {
        db::exec(self.db.conn(), "UPDATE accompaniments SET created_at = created_at - $1", vals![days * 86_400])
            .await
            .expect("age the accompaniments");
    }

    /// The id of the structure whose team `email` belongs to.
    pub async fn team_structure_id(&self, email: &str) -> i64 {
        let user = self.user_id(email).await;
        let team = directory::team_structure(&self.db, user).await.expect("read the team");
        team.unwrap_or_else(|| panic!("{email} is in no team")).id
    }
}

// ---- people ---------------------------------------------------------------------------------

/// A person signed in through the sign-in form; usable wherever a [`Client`] is.
pub struct Member {
    pub email: String,
    pub id: i64,
    client: Client,
}

impl Deref for Member {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

/// A verified account, by default named "Camille Testeuse", without roles, in French.
pub struct PersonBuilder<'a> {
    app: &'a TestApp,
    email: &'a str,
    name: &'a str,
    roles: Vec<Role>,
    english: bool,
}

impl<'a> PersonBuilder<'a> {
    pub fn role(mut self, role: Role) -> Self {
        self.roles.push(role);
        self
    }

    pub fn roles(mut self, roles: &[Role]) -> Self {
        self.roles.extend_from_slice(roles);
        self
    }

    /// The display name others see on comments and offers.
    pub fn named(mut self, name: &'a str) -> Self {
        self.name = name;
        self
    }

    /// An account in English, browsing in English.
    pub fn english(mut self) -> Self {
        self.english = true;
        self
    }

    /// Creates the account without signing in.
    pub async fn account(self) -> TestUser {
        let hash = emancipasso::accounts::hash_password(PASSWORD.into()).await.expect("hash");
        emancipasso::accounts::create_demo_account(&self.app.db, self.email, self.name, &hash, &self.roles)
            .await
            .expect("create account");
        if self.english {
            db::exec(self.app.db.conn(), "UPDATE users SET locale = 'en' WHERE email = $1", vals![self.email])
                .await
                .expect("English account");
        }
        TestUser { email: self.email.to_owned(), password: PASSWORD.to_owned() }
    }

    async fn sign_in(self) -> Member {
        let (app, english) = (self.app, self.english);
        let user = self.account().await;
        let client = if english { app.client_en() } else { app.client() };
        client.sign_in(&user.email, &user.password).await;
        Member { id: app.user_id(&user.email).await, email: user.email, client }
    }
}

impl<'a> IntoFuture for PersonBuilder<'a> {
    type Output = Member;
    type IntoFuture = Build<'a, Member>;

    /// Creates the account and signs in.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.sign_in())
    }
}

impl<'a> Seed<'a> {
    /// Someone with an account and no role yet (a developer, a reader...).
    pub fn person(self, email: &'a str) -> PersonBuilder<'a> {
        PersonBuilder { app: self.app, email, name: "Camille Testeuse", roles: Vec::new(), english: false }
    }

    /// A member of an association: posts ads, pledges, recommends.
    pub fn association(self, email: &'a str) -> PersonBuilder<'a> {
        self.person(email).role(Role::Association)
    }

    /// Gives `role` to an existing account, as an admin would (without the audit log).
    pub async fn grant_role(self, email: &str, role: Role) {
        let user = self.app.user_id(email).await;
        db::exec(
            self.app.db.conn(),
            "INSERT INTO user_roles (user_id, role, created_at) VALUES ($1, $2, $3)",
            vals![user, role.as_str(), db::now()],
        )
        .await
        .expect("grant role");
    }

    /// Every session was opened `days` ago, and used a moment ago.
    pub async fn sessions_opened_days_ago(self, days: i64) {
        let now = db::now();
        db::exec(
            self.app.db.conn(),
            "UPDATE sessions SET created_at = $1, last_seen_at = $2",
            vals![now - days * 86_400, now - 60],
        )
        .await
        .expect("age sessions");
    }

    /// Every one-time link of the accounts (verification, reset, change of email) expires at `at`.
    pub async fn account_links_expire_at(self, at: i64) {
        db::exec(self.app.db.conn(), "UPDATE account_tokens SET expires_at = $1", vals![at])
            .await
            .expect("expire account links");
    }

    /// Every self-diagnosis draft was last answered, and every result made, `days` days ago.
    pub async fn age_diagnoses(self, days: i64) {
        let at = db::now() - days * 86_400;
        let c = self.app.db.conn();
        db::exec(c, "UPDATE diagnosis_drafts SET updated_at = $1", vals![at]).await.expect("age the drafts");
        db::exec(c, "UPDATE diagnosis_results SET created_at = $1", vals![at]).await.expect("age the results");
    }

    /// Every session has run out, as after a long absence.
    pub async fn expire_sessions(self) {
        db::exec(self.app.db.conn(), "UPDATE sessions SET expires_at = $1", vals![db::now() - 1])
            .await
            .expect("expire sessions");
    }
}

// ---- structures ---------------------------------------------------------------------------

/// A structure as the journeys know it.
#[derive(Debug, Clone)]
pub struct Structure {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub contact_email: String,
    /// The team's accounts, each with the structure role.
    pub members: Vec<String>,
}

impl Structure {
    pub fn profile_url(&self) -> String {
        format!("/annuaire/{}", self.slug)
    }

    pub fn contact_url(&self) -> String {
        format!("/annuaire/{}/contact", self.slug)
    }

    pub fn report_url(&self) -> String {
        format!("/annuaire/{}/signaler", self.slug)
    }

    /// The first member of the team.
    pub fn member_email(&self) -> &str {
        self.members.first().unwrap_or_else(|| panic!("{} has no team", self.name))
    }
}

/// A structure written straight into the directory, approved and confirmed today unless said
/// otherwise, with `recommended(n)` published recommendations and the team of `member(..)`.
pub struct StructureBuilder<'a> {
    app: &'a TestApp,
    new: NewStructure<'a>,
    recommendations: usize,
    members: Vec<&'a str>,
    english_members: Vec<&'a str>,
}

impl<'a> StructureBuilder<'a> {
    /// Published recommendations, from "Association 0 (fictive)" on.
    pub fn recommended(mut self, recommendations: usize) -> Self {
        self.recommendations = recommendations;
        self
    }

    /// A team member: an account with the structure role.
    pub fn member(mut self, email: &'a str) -> Self {
        self.members.push(email);
        self
    }

    /// A team member whose account is in English.
    pub fn english_member(mut self, email: &'a str) -> Self {
        self.members.push(email);
        self.english_members.push(email);
        self
    }

    /// Approved unless told otherwise.
    pub fn status(mut self, status: StructureStatus) -> Self {
        self.new.status = status;
        self
    }

    /// Last confirmed by its team `months` (of 30 days) ago.
    pub fn confirmed_months_ago(mut self, months: i64) -> Self {
        self.new.confirmed_at = db::now() - months * 30 * 86_400;
        self
    }

    /// Its commune, by INSEE code and postcode.
    pub fn located(mut self, commune_insee: &'a str, postcode: &'a str) -> Self {
        self.new.commune_insee = commune_insee;
        self.new.postcode = postcode;
        self
    }

    /// (kind, slug) of its services, software and audiences.
    pub fn terms(mut self, terms: &[(&'a str, &'a str)]) -> Self {
        self.new.terms = terms.to_vec();
        self
    }

    /// ("departement" | "region", code) where it works besides its own department.
    pub fn areas(mut self, areas: &[(&'a str, &'a str)]) -> Self {
        self.new.areas = areas.to_vec();
        self
    }

    pub fn national(mut self) -> Self {
        self.new.national = true;
        self
    }

    pub fn remote(mut self) -> Self {
        self.new.remote = true;
        self
    }

    /// A member of the CHATONS collective, with its page there (may be empty).
    pub fn chatons(mut self, url: &'a str) -> Self {
        self.new.chatons_member = true;
        self.new.chatons_url = url;
        self
    }

    pub fn legal_form(mut self, legal_form: &'a str) -> Self {
        self.new.legal_form = legal_form;
        self
    }

    pub fn pricing(mut self, pricing: &'a str, price_info: &'a str) -> Self {
        self.new.pricing = pricing;
        self.new.price_info = price_info;
        self
    }

    pub fn pitch(mut self, pitch: &'a str) -> Self {
        self.new.pitch = pitch;
        self
    }

    pub fn description(mut self, description: &'a str) -> Self {
        self.new.description = description;
        self
    }

    pub fn website(mut self, website: &'a str) -> Self {
        self.new.website = website;
        self
    }

    pub fn contact_email(mut self, contact_email: &'a str) -> Self {
        self.new.contact_email = contact_email;
        self
    }

    /// Comma-separated language codes, e.g. `fr,br`.
    pub fn languages(mut self, languages: &'a str) -> Self {
        self.new.languages = languages;
        self
    }

    async fn create(self) -> Structure {
        let app = self.app;
        let id = directory::create(&app.db, &self.new).await.expect("create the structure").expect("a new slug");
        for i in 0..self.recommendations {
            let association = format!("Association {i} (fictive)");
            directory::publish_recommendation(&app.db, id, &association, "Un accompagnement clair et patient.")
                .await
                .expect("recommend");
        }
        for email in &self.members {
            if self.english_members.contains(email) {
                app.seed().person(email).english().role(Role::Structure).account().await;
            } else {
                app.account(email, &[Role::Structure]).await;
            }
            let user = app.user_id(email).await;
            db::exec(
                app.db.conn(),
                "INSERT INTO structure_members (structure_id, user_id, created_at) VALUES ($1, $2, $3)",
                vals![id, user, db::now()],
            )
            .await
            .expect("join the team");
        }
        Structure {
            id,
            slug: self.new.slug.to_owned(),
            name: self.new.name.to_owned(),
            contact_email: self.new.contact_email.to_owned(),
            members: self.members.iter().map(|m| (*m).to_owned()).collect(),
        }
    }
}

impl<'a> IntoFuture for StructureBuilder<'a> {
    type Output = Structure;
    type IntoFuture = Build<'a, Structure>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.create())
    }
}

impl<'a> Seed<'a> {
    /// An approved structure, confirmed today, not yet recommended (so not listed), without a
    /// team; in Rennes, offering a diagnostic and Paheko.
    pub fn structure(self, slug: &'a str, name: &'a str) -> StructureBuilder<'a> {
        let new = NewStructure {
            slug,
            name,
            pitch: "Nous accompagnons les associations vers le libre.",
            description: "Une structure **fictive** de test.",
            legal_form: "association",
            chatons_member: false,
            chatons_url: "",
            website: "https://exemple.example",
            contact_email: "equipe@structure.example",
            commune_insee: "35238",
            postcode: "35000",
            national: false,
            remote: false,
            pricing: "prix-libre",
            price_info: "Diagnostic : 200 € la demi-journée.",
            languages: "fr,br",
            status: StructureStatus::Approved,
            confirmed_at: db::now(),
            terms: vec![("service", "diagnostic"), ("software", "paheko")],
            areas: vec![],
        };
        StructureBuilder { app: self.app, new, recommendations: 0, members: Vec::new(), english_members: Vec::new() }
    }

    /// A structure listed in the directory: approved, fresh, with one published recommendation.
    pub fn listed_structure(self, slug: &'a str, name: &'a str) -> StructureBuilder<'a> {
        self.structure(slug, name).recommended(1)
    }

    /// Approves a structure, as a moderator would (without the email and the journal).
    pub async fn approve_structure(self, id: i64) {
        db::exec(self.app.db.conn(), "UPDATE structures SET status = 'approved' WHERE id = $1", vals![id])
            .await
            .expect("approve");
    }

    /// Publishes a recommendation of a structure, as the vetting workflow does at its end.
    pub async fn recommendation(self, structure_id: i64) {
        directory::publish_recommendation(&self.app.db, structure_id, "Asso (fictive)", "Bien.")
            .await
            .expect("recommend");
    }

    /// The team of a structure was asked to confirm its profile `days` days ago (and has not
    /// since); returns the path of the link of that reminder.
    pub async fn confirmation_asked_days_ago(self, structure: &Structure, days: i64) -> String {
        let asked_at = db::now() - days * 86_400;
        db::exec(
            self.app.db.conn(),
            "UPDATE structures SET confirm_asked_at = $1, confirmed_at = $2 WHERE id = $3",
            vals![asked_at, asked_at - 86_400, structure.id],
        )
        .await
        .expect("ask for a confirmation");
        directory::confirm_path(&self.app.state.secret, &structure.slug, asked_at)
    }

    /// Changes a pitch behind the search engine's back: nothing records the change.
    pub async fn change_pitch_unannounced(self, structure_id: i64, pitch: &str) {
        db::exec(self.app.db.conn(), "UPDATE structures SET pitch = $1 WHERE id = $2", vals![pitch, structure_id])
            .await
            .expect("change the pitch");
    }

    /// Moves the end of validity of every link that asks an association for a recommendation.
    pub async fn recommendation_links_expire_at(self, at: i64) {
        db::exec(self.app.db.conn(), "UPDATE accompaniments SET token_expires_at = $1", vals![at])
            .await
            .expect("link expiry");
    }

    /// Breaks the database under the running site, to see how it fails.
    pub async fn drop_table(self, table: &str) {
        db::exec(self.app.db.conn(), &format!("DROP TABLE {table}"), vals![]).await.expect("drop");
    }
}

// ---- the outbox, for journeys that run their own nodes --------------------------------------

/// Leaves the messages to `recipient` claimed by a node that died before sending them.
pub async fn claim_by_dead_node(db: &Db, recipient: &str) {
    db::exec(
        db.conn(),
        "UPDATE outbox SET locked_by = 'dead-node', locked_until = $1 WHERE recipient = $2",
        vals![db::now() - 1, recipient],
    )
    .await
    .expect("lease");
}

/// Makes every unsent message due now, skipping the wait between attempts.
pub async fn make_mail_due(db: &Db) {
    db::exec(db.conn(), "UPDATE outbox SET next_attempt_at = $1 WHERE sent_at IS NULL", vals![db::now()])
        .await
        .expect("due");
}
