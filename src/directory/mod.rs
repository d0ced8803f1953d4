//! The directory of accompanying structures (`/annuaire`).
//!
//! Listing rule: a structure appears anywhere public only when a moderator approved it, it has
//! at least `listing_min_recommendations` published recommendations, and its team confirmed it
//! within `unlist_after_months`. The search engine (text index + catalog) holds only approved,
//! recommended structures; freshness is checked at query time.
//!
//! Layout: `routes/` (one file per page or action, the workspace in `routes/workspace/`),
//! `actions/` (the units of work behind them), `forms.rs` (what was typed and its parsing),
//! `store.rs` (SQL), `engine.rs` (the search engine of this node), `logo.rs` (logo
//! re-encoding), `freshness.rs` (confirmation reminders), `opendata.rs` and `datainclusion.rs`
//! (open data and API), `map.rs` (the department map), `moderation.rs` (the structures' sections
//! of the moderation queue: those waiting for approval, and the approved ones whose trusted
//! fields changed since), `relay.rs` (the caps on mail to typed addresses, which vetting uses
//! too).

mod actions;
mod attachment;
pub mod bench;
mod datainclusion;
mod demo;
mod engine;
mod forms;
mod freshness;
mod logo;
mod map;
mod moderation;
mod opendata;
mod relay;
mod routes;
mod search;
mod store;
mod taxonomy;

use axum::http::StatusCode;

pub use actions::{add_term, leave_team, rename_term};
pub use attachment::ContactAttachment;
pub use demo::seed_demo;
pub use engine::{Directory, Labels};
pub use freshness::confirm_path;
pub use moderation::queue_sections;
pub use relay::{RelayKind, RelayLimit, relay};
pub use routes::routes;
pub use search::{Filters, Results, Sort};
pub use store::NewStructure;
pub use store::TermFull as Term;
pub use taxonomy::{SeedTerm, TERMS};

use crate::config::Config;
use crate::db::{self, Db};
use crate::types::Email;
use crate::web::{AppError, FieldErrors};

crate::text_enum! {
    /// Where a structure stands: only approved ones are listed.
    pub enum StructureStatus {
        /// Being written by its team, never submitted.
        Draft = "draft",
        /// Submitted, waiting for a moderator.
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

impl StructureStatus {
    /// Whether the team may have the platform mail addresses it types (team invitations,
    /// recommendation requests): only once the structure is submitted to the moderators or
    /// approved, never as a draft nobody has looked at (nor once rejected).
    pub fn may_mail_out(self) -> bool {
        matches!(self, StructureStatus::Pending | StructureStatus::Approved)
    }
}

/// What the listing pages need of a structure, kept in memory.
#[derive(Debug, Clone)]
pub struct Card {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// Folded name, for sorting.
    pub sort_name: String,
    pub pitch: String,
    pub description: String,
    pub logo: Option<String>,
    pub commune_name: String,
    pub department_code: String,
    pub legal_form: Option<String>,
    pub chatons: bool,
    pub national: bool,
    pub remote: bool,
    pub services: Vec<String>,
    pub software: Vec<String>,
    /// Departments where it intervenes, regions expanded.
    pub area_departements: Vec<String>,
    /// Regions where it intervenes, including those of its departments.
    pub area_regions: Vec<String>,
    pub recommendations: i64,
    pub confirmed_at: i64,
    /// Labels of its terms in both languages, for the text index.
    pub search_terms: String,
    pub audiences: Vec<String>,
    pub website: String,
    pub postcode: String,
    pub commune_insee: String,
    pub region_code: String,
    pub pricing: Option<String>,
    pub price_info: String,
    pub languages: Vec<String>,
    pub updated_at: i64,
}

/// A rule of the directory that refused an action.
#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// Only an account with a verified address may create or edit a structure.
    #[error("the account's address is not verified")]
    Unverified,
    /// The account is on no structure's team.
    #[error("the account is on no structure's team")]
    NoStructure,
    /// The contact form came back sooner than a person could have filled it in.
    #[error("contact form posted too soon after the page was served")]
    TooFast,
    #[error("logo larger than the limit")]
    LogoTooBig,
    #[error("no logo sent")]
    LogoMissing,
    /// Only PNG, JPEG and WebP are accepted, whatever the file name says.
    #[error("logo of a refused type")]
    LogoType,
    #[error("logo that cannot be decoded")]
    LogoUnreadable,
    /// The invitation is unknown, expired or already used.
    #[error("invitation unknown, expired or used")]
    InviteInvalid,
    /// A signed link (a message's confirmation page) is unknown, tampered or expired.
    #[error("link unknown, tampered or expired")]
    LinkInvalid,
    /// The invitation was sent to another address than the signed-in account's verified one.
    #[error("invitation sent to another address")]
    InviteOtherAddress,
    /// Only a submitted or approved structure mails typed addresses (invitations, requests).
    #[error("the structure is not submitted")]
    NotSubmitted,
    /// A cap on mail to typed addresses is reached.
    #[error("relay cap reached: {0:?}")]
    Relay(RelayLimit),
    /// An administrator revoked the account's structure role: nothing grants it back.
    #[error("structure role revoked")]
    RoleRevoked,
    /// The team would be left with nobody.
    #[error("last member of the team")]
    LastMember,
    /// The account is not on that team.
    #[error("not a member of the team")]
    NotMember,
    /// A term of that kind has that slug already.
    #[error("term already in the taxonomy")]
    TermTaken,
    #[error("no such term")]
    TermNotFound,
    #[error("no free slug for {0}")]
    NoFreeSlug(String),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
    #[error("logo storage: {0}")]
    Io(#[from] std::io::Error),
}

impl DirectoryError {
    /// The field, message key and status of a refusal that a form shows next to a field;
    /// `None` for the others, which become error pages.
    pub fn on_form(&self) -> Option<(&'static str, &'static str, StatusCode)> {
        let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
        Some(match self {
            DirectoryError::TooFast => ("form", "err-contact-too-fast", unprocessable),
            DirectoryError::LogoTooBig => ("logo", "err-logo-too-big", unprocessable),
            DirectoryError::LogoMissing => ("logo", "err-logo-required", unprocessable),
            DirectoryError::LogoType => ("logo", "err-logo-type", unprocessable),
            DirectoryError::LogoUnreadable => ("logo", "err-logo-unreadable", unprocessable),
            DirectoryError::TermTaken => ("label_fr", "err-term-taken", unprocessable),
            DirectoryError::NotSubmitted => ("form", "err-invite-not-submitted", StatusCode::CONFLICT),
            DirectoryError::Relay(limit) => {
                let (key, status) = limit.message();
                let field = if *limit == RelayLimit::Address { "invite_email" } else { "form" };
                (field, key, status)
            }
            DirectoryError::RoleRevoked => ("form", "err-structure-role-revoked", StatusCode::FORBIDDEN),
            DirectoryError::LastMember => ("team", "err-team-last-member", StatusCode::CONFLICT),
            _ => return None,
        })
    }

    /// The status and messages to show the form again with, or the error page.
    pub fn into_form(self) -> Result<(StatusCode, FieldErrors), AppError> {
        match self.on_form() {
            Some((field, key, status)) => {
                let mut errors = FieldErrors::new();
                errors.add(field, key);
                Ok((status, errors))
            }
            None => Err(self.into()),
        }
    }
}

impl From<DirectoryError> for AppError {
    fn from(e: DirectoryError) -> Self {
        match e {
            DirectoryError::Unverified | DirectoryError::InviteOtherAddress | DirectoryError::RoleRevoked => {
                AppError::Forbidden
            }
            DirectoryError::NoStructure
            | DirectoryError::InviteInvalid
            | DirectoryError::LinkInvalid
            | DirectoryError::TermNotFound
            | DirectoryError::NotMember => AppError::NotFound,
            DirectoryError::Db(e) => e.into(),
            e => AppError::Internal(e.into()),
        }
    }
}

/// Languages a structure can say it works in.
pub const LANGUAGES: [&str; 10] = ["fr", "en", "br", "oc", "eu", "co", "de", "ar", "es", "it"];

/// A valid profile, ready to store.
pub struct Profile {
    name: String,
    pitch: String,
    description: String,
    legal_form: String,
    chatons_member: bool,
    chatons_url: String,
    website: String,
    contact_email: String,
    commune_insee: String,
    postcode: String,
    national: bool,
    remote: bool,
    areas: Vec<(&'static str, String)>,
    terms: Vec<(&'static str, String)>,
    pricing: String,
    price_info: String,
    languages: String,
}

impl Profile {
    fn as_new<'a>(&'a self, slug: &'a str, status: StructureStatus, confirmed_at: i64) -> NewStructure<'a> {
        NewStructure {
            slug,
            name: &self.name,
            pitch: &self.pitch,
            description: &self.description,
            legal_form: &self.legal_form,
            chatons_member: self.chatons_member,
            chatons_url: &self.chatons_url,
            website: &self.website,
            contact_email: &self.contact_email,
            commune_insee: &self.commune_insee,
            postcode: &self.postcode,
            national: self.national,
            remote: self.remote,
            pricing: &self.pricing,
            price_info: &self.price_info,
            languages: &self.languages,
            status,
            confirmed_at,
            terms: self.terms.iter().map(|(k, v)| (*k, v.as_str())).collect(),
            areas: self.areas.iter().map(|(k, v)| (*k, v.as_str())).collect(),
        }
    }
}

/// A message for a structure, relayed by email.
pub struct NewContact {
    name: String,
    email: Email,
    message: String,
    /// The hidden field people do not see was filled: a robot.
    honeypot_filled: bool,
    /// When the page with the form was served (Unix seconds).
    issued_at: i64,
    /// The token of something to attach (`attachment.rs`), or empty.
    attachment: String,
}

/// A visitor's report on a profile.
pub struct Report {
    /// `outdated`, `inaccurate` or `abuse`.
    reason: &'static str,
    message: String,
    /// The reporter's address, or empty.
    email: String,
}

/// Creates a structure with its terms and areas (demonstration data, imports, tests); returns
/// its id, or `None` when the slug is taken.
pub async fn create(db: &Db, new: &NewStructure<'_>) -> db::Result<Option<i64>> {
    let txn = db.begin().await?;
    let id = store::insert(&txn, new).await?;
    txn.commit().await?;
    Ok(id)
}

/// Publishes a recommendation of a structure. The vetting workflow will call this once an
/// association confirmed it and a moderator approved it.
pub async fn publish_recommendation(db: &Db, structure_id: i64, association: &str, body: &str) -> db::Result<()> {
    let txn = db.begin().await?;
    store::insert_recommendation(&txn, structure_id, association, body, crate::db::now()).await?;
    txn.commit().await
}

/// The kinds of taxonomy terms, in the order the admin pages show them.
pub const TERM_KINDS: [&str; 5] = ["service", "software", "audience", "legal_form", "pricing"];

/// Every taxonomy term, with how many structures use it.
pub async fn terms(db: &Db) -> db::Result<Vec<Term>> {
    store::terms_full(db).await
}

/// What other features need to know of a structure.
#[derive(Debug, Clone)]
pub struct StructureRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub website: String,
    pub contact_email: String,
    pub status: StructureStatus,
}

impl From<store::StructureRow> for StructureRef {
    fn from(s: store::StructureRow) -> Self {
        StructureRef {
            id: s.id,
            slug: s.slug,
            name: s.name,
            website: s.website,
            contact_email: s.contact_email,
            status: s.status,
        }
    }
}

/// The structure whose team the account belongs to.
pub async fn team_structure(db: &Db, user_id: i64) -> db::Result<Option<StructureRef>> {
    Ok(store::by_member(db, user_id).await?.map(StructureRef::from))
}

/// Email addresses of a structure's team.
pub async fn team_emails(db: &Db, structure_id: i64) -> db::Result<Vec<String>> {
    store::team_emails(db, structure_id).await
}

/// Someone to tell about a structure, in their language.
pub struct Recipient {
    pub email: String,
    pub lang: crate::web::Lang,
}

/// Everyone to tell about a structure: its team, each in their language, else its contact
/// address, in French.
pub async fn recipients(db: &Db, structure_id: i64, contact_email: &str) -> db::Result<Vec<Recipient>> {
    let lang = |locale: &str| crate::web::Lang::parse(locale).unwrap_or(crate::web::Lang::Fr);
    let mut team: Vec<Recipient> = store::team_contacts(db, structure_id)
        .await?
        .into_iter()
        .map(|c| Recipient { lang: lang(&c.locale), email: c.email })
        .collect();
    if team.is_empty() && !contact_email.is_empty() {
        team.push(Recipient { email: contact_email.to_owned(), lang: crate::web::Lang::Fr });
    }
    Ok(team)
}

/// A structure by its slug, listed or not.
pub async fn structure_by_slug(db: &Db, slug: &str) -> db::Result<Option<StructureRef>> {
    Ok(store::by_slug(db, slug).await?.map(StructureRef::from))
}

/// A structure by its id, listed or not.
pub async fn structure_by_id(db: &Db, id: i64) -> db::Result<Option<StructureRef>> {
    Ok(store::by_id(db, id).await?.map(StructureRef::from))
}

/// The kind of the directory's records in the change feed `search_changes`: a structure, or
/// the taxonomy's labels (target 0).
const CHANGE_KIND: &str = "structure";

/// Records that a structure changed (its recommendations, its status), inside the change's
/// transaction, so that every node's search engine follows.
pub async fn record_change<C: sea_orm::ConnectionTrait>(c: &C, structure_id: i64) -> db::Result<()> {
    store::record_change(c, structure_id).await
}

/// Labels of the services and software of the taxonomy, as (kind, slug, label).
pub async fn term_choices(db: &Db, lang: crate::web::Lang) -> db::Result<Vec<(String, String, String)>> {
    Ok(store::all_terms(db)
        .await?
        .into_iter()
        .map(|t| (t.kind, t.slug, if lang == crate::web::Lang::En { t.label_en } else { t.label_fr }))
        .collect())
}

/// Sends the confirmation reminders and unlisting notices that are due.
pub async fn ask_confirmations(app: &crate::app::AppState) -> db::Result<usize> {
    freshness::run(app).await
}

/// Deletes contact messages past their retention period, and the log of relayed mail once no
/// cap counts it.
pub async fn purge(db: &Db, config: &Config) -> db::Result<u64> {
    Ok(store::purge_contacts(db, config.contact_retention_days).await? + store::purge_relays(db.conn()).await?)
}

/// An administrator takes `user_id` off the team of its structure (the last member too: the
/// structure's mail then goes to its contact address); audited, the person is told.
pub async fn remove_from_team(
    app: &crate::app::AppState,
    admin: &crate::web::CurrentUser,
    user_id: i64,
) -> Result<(), DirectoryError> {
    let s = store::by_member(&app.db, user_id).await?.ok_or(DirectoryError::NotMember)?;
    actions::remove_member(app, admin, actions::Remover::Admin, s.id, user_id).await
}
