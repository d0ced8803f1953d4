//! Writing structures with their terms, areas and recommendations many at a time, in multi-row
//! statements through `db::batch`: the benchmark's data set, and `insert` (one structure). The row
//! struct is the one of the normal path (`NewStructure`).

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use super::NewStructure;
use crate::db::{self, Db, Row};
use crate::directory::StructureStatus;
use crate::vals;

/// A recommendation that `insert_many` writes with its structure. The normal path
/// (`insert_recommendation`) takes its few fields as arguments, dates them now and only
/// publishes; bulk data also holds recommendations still waiting, each with its own date.
pub struct NewRecommendation<'a> {
    pub association_name: &'a str,
    pub body: &'a str,
    /// `None` while it waits (status 'pending').
    pub published_at: Option<i64>,
    pub created_at: i64,
}

/// The columns `insert_many` writes, in the order of its values: the slug, then
/// `NewStructure::profile_values`.
const STRUCTURE_COLUMNS: &[&str] = &[
    "slug",
    "name",
    "pitch",
    "description",
    "legal_form_id",
    "chatons_member",
    "chatons_url",
    "website",
    "contact_email",
    "commune_insee",
    "commune_name",
    "postcode",
    "department_code",
    "region_code",
    "national",
    "remote",
    "pricing_id",
    "price_info",
    "languages",
    "status",
    "approved_at",
    "confirmed_at",
    "created_at",
    "updated_at",
];

#[derive(Row)]
struct TermId {
    id: i64,
    kind: String,
    slug: String,
}

#[derive(Row)]
struct SlugId {
    id: i64,
    slug: String,
}

/// Inserts structures with their terms, areas, recommendations and one change-feed row each, in
/// multi-row statements; returns the id of each, `None` where the slug was taken (that structure
/// is left as it is). Ids follow the order of `structures`.
pub async fn insert_many<C: ConnectionTrait>(
    c: &C,
    structures: &[(&NewStructure<'_>, &[NewRecommendation<'_>])],
) -> db::Result<Vec<Option<i64>>> {
    let now = db::now();
    let terms: Vec<TermId> = db::all(c, "SELECT id, kind, slug FROM terms", vals![]).await?;
    let term_ids: HashMap<(&str, &str), i64> =
        terms.iter().map(|t| ((t.kind.as_str(), t.slug.as_str()), t.id)).collect();
    let term = |kind: &str, slug: &str| term_ids.get(&(kind, slug)).copied();

    let rows = structures
        .iter()
        .map(|(s, _)| {
            let profile = s.profile_values(term("legal_form", s.legal_form).into(), term("pricing", s.pricing).into());
            let rest =
                vals![s.status, (s.status == StructureStatus::Approved).then_some(now), s.confirmed_at, now, now];
            [vals![s.slug], profile, rest].concat()
        })
        .collect();
    let inserted: Vec<SlugId> = db::batch::insert_returning(
        c,
        "structures",
        STRUCTURE_COLUMNS,
        rows,
        "ON CONFLICT (slug) DO NOTHING RETURNING id, slug",
    )
    .await?;
    let inserted: HashMap<String, i64> = inserted.into_iter().map(|r| (r.slug, r.id)).collect();
    let ids: Vec<Option<i64>> = structures.iter().map(|(s, _)| inserted.get(s.slug).copied()).collect();

    let (mut term_rows, mut area_rows, mut recommendation_rows, mut change_rows) = (vec![], vec![], vec![], vec![]);
    for ((s, recommendations), id) in structures.iter().zip(&ids) {
        let Some(id) = *id else { continue };
        term_rows.extend(s.terms.iter().filter_map(|(kind, slug)| Some(vals![id, term(kind, slug)?])));
        area_rows.extend(s.areas.iter().map(|(kind, code)| vals![id, *kind, *code]));
        recommendation_rows.extend(recommendations.iter().map(|r| {
            let status = if r.published_at.is_some() { "published" } else { "pending" };
            vals![id, r.association_name, r.body, status, r.published_at, r.created_at]
        }));
        change_rows.push(vals!["structure", id, now]);
    }
    db::batch::insert(c, "structure_terms", &["structure_id", "term_id"], term_rows).await?;
    db::batch::insert(c, "structure_areas", &["structure_id", "kind", "code"], area_rows).await?;
    db::batch::insert(
        c,
        "recommendations",
        &["structure_id", "association_name", "body", "status", "published_at", "created_at"],
        recommendation_rows,
    )
    .await?;
    db::batch::insert(c, "search_changes", &["kind", "target_id", "changed_at"], change_rows).await?;
    Ok(ids)
}

/// How many structures have a slug that does not end with `suffix`.
pub async fn count_slugs_not_ending(db: &Db, suffix: &str) -> db::Result<i64> {
    let sql = "SELECT COUNT(*) FROM structures WHERE slug NOT LIKE $1";
    Ok(db::int(db.conn(), sql, vals![format!("%{suffix}")]).await?.unwrap_or(0))
}
