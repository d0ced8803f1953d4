//! Directory storage: structures with their terms, areas and recommendations, the change
//! feed of the search engine; the teams and their invitations in `store/team.rs`, the
//! confirmation cycle in `store/freshness.rs`, the moderators' decisions in
//! `store/moderation.rs`, the log of relayed mail in `store/relay.rs`, the changes of approved
//! structures since their review in `store/review.rs`.

mod freshness;
mod moderation;
mod relay;
mod review;
mod team;

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use super::Card;
use crate::db::{self, Db, Row, Value};
use crate::directory::StructureStatus;
use crate::geo;
use crate::search::fold;
use crate::vals;

pub use freshness::{asked, claim_reminders, claim_unlisting_notices, confirm};
pub use moderation::{PendingStructure, decide_structure, names, pending_structures};
pub use relay::{insert_relay, purge_relays, relayed_since, relayed_to_address, relayed_to_structure};
pub use review::{
    StructureText, apply_revision, changed_structures, claim_version, drop_revision, revision_text, snapshot,
};
pub use team::{
    Invite, TeamMember, by_member, count_members, find_invite, insert_invite, insert_member, join_team, member,
    members, remove_member, set_logo, submit, use_invite,
};

#[derive(Row, Debug, Clone)]
pub struct StructureRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub pitch: String,
    pub description: String,
    pub logo: Option<String>,
    pub legal_form: Option<String>,
    pub chatons_member: bool,
    pub chatons_url: String,
    pub website: String,
    pub contact_email: String,
    pub commune_insee: String,
    pub commune_name: String,
    pub postcode: String,
    pub department_code: String,
    pub region_code: String,
    pub national: bool,
    pub remote: bool,
    pub pricing: Option<String>,
    pub price_info: String,
    pub languages: String,
    pub status: StructureStatus,
    pub confirmed_at: i64,
    pub updated_at: i64,
    /// Incremented at every save of the profile: moderators decide on the version they saw.
    pub version: i64,
    pub recommendations: i64,
}

const STRUCTURE_SELECT: &str = "SELECT s.id, s.slug, s.name, s.pitch, s.description, s.logo, lf.slug AS legal_form, \
    s.chatons_member, s.chatons_url, s.website, s.contact_email, s.commune_insee, s.commune_name, s.postcode, \
    s.department_code, s.region_code, s.national, s.remote, pr.slug AS pricing, s.price_info, s.languages, s.status, \
    s.confirmed_at, s.created_at, s.updated_at, s.version, \
    (SELECT COUNT(*) FROM recommendations r WHERE r.structure_id = s.id AND r.status = 'published') AS recommendations \
    FROM structures s LEFT JOIN terms lf ON lf.id = s.legal_form_id LEFT JOIN terms pr ON pr.id = s.pricing_id";

#[derive(Row, Debug, Clone)]
pub struct TermRow {
    pub structure_id: i64,
    pub kind: String,
    pub slug: String,
    pub label_fr: String,
    pub label_en: String,
}

#[derive(Row, Debug, Clone)]
pub struct AreaRow {
    pub structure_id: i64,
    pub kind: String,
    pub code: String,
}

/// Approved structures (all of them, or those of `ids`), with their terms and areas.
async fn approved(db: &Db, ids: Option<&[i64]>) -> db::Result<(Vec<StructureRow>, Vec<TermRow>, Vec<AreaRow>)> {
    let (filter, values): (String, Vec<Value>) = match ids {
        Some(ids) if !ids.is_empty() => (
            format!(" AND s.id IN ({})", db::placeholders(1, ids.len())),
            ids.iter().map(|i| Value::from(*i)).collect(),
        ),
        Some(_) => return Ok((vec![], vec![], vec![])),
        None => (String::new(), vec![]),
    };
    let structures: Vec<StructureRow> =
        db::all(db.conn(), &format!("{STRUCTURE_SELECT} WHERE s.status = 'approved'{filter}"), values.clone()).await?;
    let terms: Vec<TermRow> = db::all(
        db.conn(),
        &format!(
            "SELECT st.structure_id, t.kind, t.slug, t.label_fr, t.label_en FROM structure_terms st \
             JOIN terms t ON t.id = st.term_id JOIN structures s ON s.id = st.structure_id \
             WHERE s.status = 'approved'{filter} ORDER BY t.position"
        ),
        values.clone(),
    )
    .await?;
    let areas: Vec<AreaRow> = db::all(
        db.conn(),
        &format!(
            "SELECT sa.structure_id, sa.kind, sa.code FROM structure_areas sa JOIN structures s ON s.id = sa.structure_id \
             WHERE s.status = 'approved'{filter} ORDER BY sa.code"
        ),
        values,
    )
    .await?;
    Ok((structures, terms, areas))
}

/// The cards of approved structures with at least `min_recommendations` published
/// recommendations (all, or those of `ids`).
pub async fn cards(db: &Db, ids: Option<&[i64]>, min_recommendations: i64) -> db::Result<Vec<Card>> {
    let (structures, terms, areas) = approved(db, ids).await?;
    let mut terms_of: HashMap<i64, Vec<TermRow>> = HashMap::new();
    for t in terms {
        terms_of.entry(t.structure_id).or_default().push(t);
    }
    let mut areas_of: HashMap<i64, Vec<AreaRow>> = HashMap::new();
    for a in areas {
        areas_of.entry(a.structure_id).or_default().push(a);
    }
    Ok(structures
        .into_iter()
        .filter(|s| s.recommendations >= min_recommendations)
        .map(|s| {
            let terms = terms_of.remove(&s.id).unwrap_or_default();
            let areas = areas_of.remove(&s.id).unwrap_or_default();
            card(s, &terms, &areas)
        })
        .collect())
}

/// Builds a card: the areas are expanded so that a region covers its departments and a
/// department counts for its region.
fn card(s: StructureRow, terms: &[TermRow], areas: &[AreaRow]) -> Card {
    let of = |kind: &str| terms.iter().filter(|t| t.kind == kind).map(|t| t.slug.clone()).collect::<Vec<_>>();
    let mut deps: Vec<String> = Vec::new();
    let mut regs: Vec<String> = Vec::new();
    for a in areas {
        match a.kind.as_str() {
            "departement" => {
                deps.push(a.code.clone());
                if let Some(d) = geo::departement(&a.code) {
                    regs.push(d.region.to_owned());
                }
            }
            "region" => {
                regs.push(a.code.clone());
                deps.extend(geo::departements_of(&a.code).map(|d| d.code.to_owned()));
            }
            _ => {}
        }
    }
    deps.sort();
    deps.dedup();
    regs.sort();
    regs.dedup();
    let search_terms = terms.iter().map(|t| format!("{} {}", t.label_fr, t.label_en)).collect::<Vec<_>>().join("\n");
    Card {
        id: s.id,
        sort_name: fold(&s.name),
        slug: s.slug,
        name: s.name,
        pitch: s.pitch,
        description: s.description,
        logo: s.logo,
        commune_name: s.commune_name,
        department_code: s.department_code,
        legal_form: s.legal_form,
        chatons: s.chatons_member,
        national: s.national,
        remote: s.remote,
        services: of("service"),
        software: of("software"),
        area_departements: deps,
        area_regions: regs,
        recommendations: s.recommendations,
        confirmed_at: s.confirmed_at,
        search_terms,
        audiences: of("audience"),
        website: s.website,
        postcode: s.postcode,
        commune_insee: s.commune_insee,
        region_code: s.region_code,
        pricing: s.pricing,
        price_info: s.price_info,
        languages: s.languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        updated_at: s.updated_at,
    }
}

pub async fn by_slug(db: &Db, slug: &str) -> db::Result<Option<StructureRow>> {
    db::one(db.conn(), &format!("{STRUCTURE_SELECT} WHERE s.slug = $1"), vals![slug]).await
}

pub async fn terms_of(db: &Db, id: i64) -> db::Result<Vec<TermRow>> {
    db::all(
        db.conn(),
        "SELECT st.structure_id, t.kind, t.slug, t.label_fr, t.label_en FROM structure_terms st \
         JOIN terms t ON t.id = st.term_id WHERE st.structure_id = $1 ORDER BY t.position",
        vals![id],
    )
    .await
}

pub async fn areas_of(db: &Db, id: i64) -> db::Result<Vec<AreaRow>> {
    db::all(
        db.conn(),
        "SELECT structure_id, kind, code FROM structure_areas WHERE structure_id = $1 ORDER BY code",
        vals![id],
    )
    .await
}

#[derive(Row, Debug, Clone)]
pub struct RecommendationRow {
    pub id: i64,
    pub association_name: String,
    pub body: String,
    pub published_at: Option<i64>,
    /// What the structure did, when the recommendation follows a declared accompaniment.
    pub summary: Option<String>,
}

pub async fn published_recommendations(db: &Db, id: i64) -> db::Result<Vec<RecommendationRow>> {
    db::all(
        db.conn(),
        "SELECT r.id, r.association_name, r.body, r.published_at, a.summary FROM recommendations r \
         LEFT JOIN accompaniments a ON a.id = r.accompaniment_id \
         WHERE r.structure_id = $1 AND r.status = 'published' ORDER BY r.published_at DESC",
        vals![id],
    )
    .await
}

/// Records that a structure changed, for every node's index (call inside the change's transaction).
pub async fn record_change<C: ConnectionTrait>(c: &C, structure_id: i64) -> db::Result<()> {
    crate::search::feed::record(c, super::CHANGE_KIND, structure_id).await
}

/// A structure as the demonstration data, an import or the benchmark describes it.
pub struct NewStructure<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub pitch: &'a str,
    pub description: &'a str,
    pub legal_form: &'a str,
    pub chatons_member: bool,
    pub chatons_url: &'a str,
    pub website: &'a str,
    pub contact_email: &'a str,
    pub commune_insee: &'a str,
    pub postcode: &'a str,
    pub national: bool,
    pub remote: bool,
    pub pricing: &'a str,
    pub price_info: &'a str,
    pub languages: &'a str,
    pub status: StructureStatus,
    pub confirmed_at: i64,
    /// (kind, slug) of services, software and audiences.
    pub terms: Vec<(&'a str, &'a str)>,
    /// ("departement" | "region", code)
    pub areas: Vec<(&'a str, &'a str)>,
}

/// Name, department and region of a commune, from the shipped data.
fn commune_fields(insee: &str) -> (&'static str, &'static str, &'static str) {
    match geo::commune(insee) {
        Some(cm) => (cm.name, cm.departement, geo::departement(cm.departement).map(|d| d.region).unwrap_or("")),
        None => ("", "", ""),
    }
}

impl NewStructure<'_> {
    /// The values of the profile columns, from `name` to `languages` in the order `update` and
    /// `insert_many` name them; the legal form and the pricing are given as each statement wants
    /// them (a term slug for a subquery, or a term id).
    fn profile_values(&self, legal_form: Value, pricing: Value) -> Vec<Value> {
        let (commune_name, dep, reg) = commune_fields(self.commune_insee);
        vals![
            self.name,
            self.pitch,
            self.description,
            legal_form,
            self.chatons_member,
            self.chatons_url,
            self.website,
            self.contact_email,
            self.commune_insee,
            commune_name,
            self.postcode,
            dep,
            reg,
            self.national,
            self.remote,
            pricing,
            self.price_info,
            self.languages
        ]
    }
}

/// Writes the terms and areas of a structure (after clearing the old ones).
async fn write_terms_and_areas<C: ConnectionTrait>(c: &C, id: i64, s: &NewStructure<'_>) -> db::Result<()> {
    db::exec(c, "DELETE FROM structure_terms WHERE structure_id = $1", vals![id]).await?;
    db::exec(c, "DELETE FROM structure_areas WHERE structure_id = $1", vals![id]).await?;
    for (kind, slug) in &s.terms {
        db::exec(
            c,
            "INSERT INTO structure_terms (structure_id, term_id) SELECT $1, id FROM terms WHERE kind = $2 AND slug = $3 \
             ON CONFLICT DO NOTHING",
            vals![id, *kind, *slug],
        )
        .await?;
    }
    for (kind, code) in &s.areas {
        db::exec(
            c,
            "INSERT INTO structure_areas (structure_id, kind, code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            vals![id, *kind, *code],
        )
        .await?;
    }
    Ok(())
}

/// Inserts a structure with its terms and areas; returns its id, or `None` if the slug exists.
pub async fn insert<C: ConnectionTrait>(c: &C, s: &NewStructure<'_>) -> db::Result<Option<i64>> {
    Ok(insert_many(c, &[(s, &[])]).await?.pop().flatten())
}

pub async fn insert_recommendation<C: ConnectionTrait>(
    c: &C,
    structure_id: i64,
    association_name: &str,
    body: &str,
    published_at: i64,
) -> db::Result<()> {
    db::exec(
        c,
        "INSERT INTO recommendations (structure_id, association_name, body, status, published_at, created_at) \
         VALUES ($1, $2, $3, 'published', $4, $4)",
        vals![structure_id, association_name, body, published_at],
    )
    .await?;
    record_change(c, structure_id).await
}

#[derive(Row, Debug, Clone)]
pub struct TermOption {
    pub kind: String,
    pub slug: String,
    pub label_fr: String,
    pub label_en: String,
}

/// Every taxonomy term, in display order.
pub async fn all_terms(db: &Db) -> db::Result<Vec<TermOption>> {
    db::all(db.conn(), "SELECT kind, slug, label_fr, label_en FROM terms ORDER BY kind, position, slug", vals![]).await
}

/// Stores a contact message (kept for the retention period) and returns its id.
pub async fn insert_contact<C: ConnectionTrait>(
    c: &C,
    structure_id: i64,
    name: &str,
    email: &str,
    body: &str,
    created_at: i64,
) -> db::Result<i64> {
    let id = db::int(
        c,
        "INSERT INTO contact_messages (structure_id, sender_name, sender_email, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        vals![structure_id, name, email, body, created_at],
    )
    .await?;
    id.ok_or(sea_orm::DbErr::RecordNotInserted)
}

/// A contact message, as its sender sees it on the confirmation page.
#[derive(Row, Debug, Clone)]
pub struct ContactRow {
    pub id: i64,
    pub structure_id: i64,
    pub sender_name: String,
    pub sender_email: String,
    pub body: String,
    pub created_at: i64,
}

pub async fn contact_by_id(db: &Db, id: i64) -> db::Result<Option<ContactRow>> {
    db::one(
        db.conn(),
        "SELECT id, structure_id, sender_name, sender_email, body, created_at FROM contact_messages WHERE id = $1",
        vals![id],
    )
    .await
}

pub async fn purge_contacts(db: &Db, retention_days: i64) -> db::Result<u64> {
    db::exec(
        db.conn(),
        "DELETE FROM contact_messages WHERE created_at < $1",
        vals![db::now() - retention_days * 86_400],
    )
    .await
}

/// A team member's address and language.
#[derive(Row)]
pub struct TeamContactRow {
    pub email: String,
    pub locale: String,
}

/// The addresses and languages of a structure's team members.
pub async fn team_contacts(db: &Db, structure_id: i64) -> db::Result<Vec<TeamContactRow>> {
    db::all(
        db.conn(),
        "SELECT u.email, u.locale FROM structure_members m JOIN users u ON u.id = m.user_id \
         WHERE m.structure_id = $1 ORDER BY u.id",
        vals![structure_id],
    )
    .await
}

/// Email addresses of a structure's team members.
pub async fn team_emails(db: &Db, structure_id: i64) -> db::Result<Vec<String>> {
    Ok(team_contacts(db, structure_id).await?.into_iter().map(|c| c.email).collect())
}

pub async fn by_id(db: &Db, id: i64) -> db::Result<Option<StructureRow>> {
    db::one(db.conn(), &format!("{STRUCTURE_SELECT} WHERE s.id = $1"), vals![id]).await
}

/// Saves a structure's profile (its status and slug stay as they are).
pub async fn update<C: ConnectionTrait>(c: &C, id: i64, s: &NewStructure<'_>) -> db::Result<()> {
    let now = db::now();
    db::exec(
        c,
        "UPDATE structures SET name = $1, pitch = $2, description = $3, \
           legal_form_id = (SELECT id FROM terms WHERE kind = 'legal_form' AND slug = $4), chatons_member = $5, \
           chatons_url = $6, website = $7, contact_email = $8, commune_insee = $9, commune_name = $10, postcode = $11, \
           department_code = $12, region_code = $13, national = $14, remote = $15, \
           pricing_id = (SELECT id FROM terms WHERE kind = 'pricing' AND slug = $16), price_info = $17, languages = $18, \
           confirmed_at = $19, updated_at = $19, unlisted_notice_at = NULL, version = version + 1 \
         WHERE id = $20",
        [s.profile_values(s.legal_form.into(), s.pricing.into()), vals![now, id]].concat(),
    )
    .await?;
    write_terms_and_areas(c, id, s).await?;
    record_change(c, id).await
}

#[derive(Row, Debug, Clone)]
pub struct TermFull {
    pub id: i64,
    pub kind: String,
    pub slug: String,
    pub label_fr: String,
    pub label_en: String,
    pub used: i64,
}

pub async fn terms_full(db: &Db) -> db::Result<Vec<TermFull>> {
    db::all(
        db.conn(),
        "SELECT t.id, t.kind, t.slug, t.label_fr, t.label_en, \
           (SELECT COUNT(*) FROM structure_terms st WHERE st.term_id = t.id) + \
           (SELECT COUNT(*) FROM structures s WHERE s.legal_form_id = t.id OR s.pricing_id = t.id) AS used \
         FROM terms t ORDER BY t.kind, t.position, t.slug",
        vals![],
    )
    .await
}

/// Adds a term at the end of its kind; `None` when the slug is taken.
pub async fn insert_term<C: ConnectionTrait>(
    c: &C,
    kind: &str,
    slug: &str,
    fr: &str,
    en: &str,
) -> db::Result<Option<i64>> {
    db::int(
        c,
        "INSERT INTO terms (kind, slug, label_fr, label_en, extra, position, created_at) \
         VALUES ($1, $2, $3, $4, '', (SELECT COALESCE(MAX(position), 0) + 1 FROM terms), $5) \
         ON CONFLICT (kind, slug) DO NOTHING RETURNING id",
        vals![kind, slug, fr, en, db::now()],
    )
    .await
}

/// Renames a term and marks every structure using it as changed; returns whether it exists.
pub async fn rename_term<C: ConnectionTrait>(c: &C, id: i64, fr: &str, en: &str) -> db::Result<bool> {
    let n = db::exec(c, "UPDATE terms SET label_fr = $1, label_en = $2 WHERE id = $3", vals![fr, en, id]).await?;
    if n == 0 {
        return Ok(false);
    }
    db::exec(
        c,
        "INSERT INTO search_changes (kind, target_id, changed_at) \
         SELECT 'structure', structure_id, $1 FROM structure_terms WHERE term_id = $2",
        vals![db::now(), id],
    )
    .await?;
    record_labels_change(c).await?;
    Ok(true)
}

/// Records that the labels of the taxonomy changed (target 0), for every node to reload them.
pub async fn record_labels_change<C: ConnectionTrait>(c: &C) -> db::Result<()> {
    crate::search::feed::record(c, super::CHANGE_KIND, 0).await
}

// Writing many structures at once (`insert` writes one through it, bench-seed many).
mod bulk;
pub use bulk::*;
