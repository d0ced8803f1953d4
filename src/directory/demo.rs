//! The fictional structures of the demonstration (`content/demo/structures.json`).

use serde::Deserialize;

use super::store::{self, NewStructure};
use crate::db::{self, Db};
use crate::directory::StructureStatus;

#[derive(Deserialize)]
struct DemoRecommendation {
    association_name: String,
    body: String,
}

#[derive(Deserialize)]
struct DemoStructure {
    slug: String,
    name: String,
    pitch: String,
    description: String,
    legal_form: String,
    chatons_member: bool,
    #[serde(default)]
    chatons_url: String,
    website: String,
    contact_email: String,
    commune_insee: String,
    postcode: String,
    #[serde(default)]
    departements: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    national: bool,
    remote: bool,
    services: Vec<String>,
    software: Vec<String>,
    audiences: Vec<String>,
    pricing: String,
    price_info: String,
    languages: Vec<String>,
    confirmed_months_ago: i64,
    status: String,
    recommendations: Vec<DemoRecommendation>,
}

const DEMO: &str = include_str!("../../content/demo/structures.json");

/// Loads the demonstration structures that are not there yet; returns how many were added.
pub async fn seed_demo(db: &Db) -> anyhow::Result<usize> {
    let structures: Vec<DemoStructure> = serde_json::from_str(DEMO)?;
    let now = db::now();
    let mut added = 0;
    let txn = db.begin().await?;
    for (i, s) in structures.iter().enumerate() {
        let languages = s.languages.join(",");
        let mut terms: Vec<(&str, &str)> = Vec::new();
        terms.extend(s.services.iter().map(|t| ("service", t.as_str())));
        terms.extend(s.software.iter().map(|t| ("software", t.as_str())));
        terms.extend(s.audiences.iter().map(|t| ("audience", t.as_str())));
        let mut areas: Vec<(&str, &str)> = s.departements.iter().map(|d| ("departement", d.as_str())).collect();
        areas.extend(s.regions.iter().map(|r| ("region", r.as_str())));
        let new = NewStructure {
            slug: &s.slug,
            name: &s.name,
            pitch: &s.pitch,
            description: &s.description,
            legal_form: &s.legal_form,
            chatons_member: s.chatons_member,
            chatons_url: &s.chatons_url,
            website: &s.website,
            contact_email: &s.contact_email,
            commune_insee: &s.commune_insee,
            postcode: &s.postcode,
            national: s.national,
            remote: s.remote,
            pricing: &s.pricing,
            price_info: &s.price_info,
            languages: &languages,
            status: StructureStatus::parse(&s.status)
                .ok_or_else(|| anyhow::anyhow!("demo structures: unknown status {}", s.status))?,
            confirmed_at: now - s.confirmed_months_ago * 30 * 86_400,
            terms,
            areas,
        };
        let Some(id) = store::insert(&txn, &new).await? else { continue };
        added += 1;
        for (j, r) in s.recommendations.iter().enumerate() {
            let when = now - ((i * 7 + j * 23) as i64 % 300 + 5) * 86_400;
            store::insert_recommendation(&txn, id, &r.association_name, &r.body, when).await?;
        }
    }
    txn.commit().await?;
    Ok(added)
}
