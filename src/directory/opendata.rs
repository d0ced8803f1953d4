//! The public directory as open data: CSV and JSON downloads, a paginated JSON API with the
//! same filters as the list, and its OpenAPI description. Only listed structures appear; the
//! contact address of a structure is never published.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Query;
use serde::{Deserialize, Serialize};

use super::forms::ListQuery;
use super::{Card, datainclusion, store};
use crate::app::AppState;
use crate::types::csv_cell;
use crate::web::AppError;
use crate::web::api::{iso, json, not_found, open};

/// The downloads and the API; the API's answers are kept in the directory's page cache.
pub fn routes(cache: std::sync::Arc<crate::web::cache::PageCache>) -> Router<AppState> {
    let api = Router::new().route("/api/v1/structures", get(api_list)).route("/api/v1/structures/{slug}", get(api_one));
    crate::web::cache::cached(api, cache, super::routes::API_PARAMS)
        .route("/donnees/annuaire.json", get(all_json))
        .route("/donnees/annuaire.csv", get(all_csv))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/donnees/data-inclusion/structures.json", get(datainclusion_structures))
        .route("/donnees/data-inclusion/services.json", get(datainclusion_services))
}

/// A structure as published in the open data.
#[derive(Serialize, Debug)]
pub struct Item {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub pitch: String,
    pub legal_form: Option<String>,
    pub chatons_member: bool,
    pub website: String,
    pub commune: String,
    pub postcode: String,
    pub department: String,
    pub region: String,
    pub national: bool,
    pub remote: bool,
    pub departments: Vec<String>,
    pub regions: Vec<String>,
    pub services: Vec<String>,
    pub software: Vec<String>,
    pub audiences: Vec<String>,
    pub pricing: Option<String>,
    pub price_info: String,
    pub languages: Vec<String>,
    pub recommendations: i64,
    pub confirmed_at: String,
}

pub fn item(base: &str, c: &Card) -> Item {
    Item {
        url: format!("{base}/annuaire/{}", c.slug),
        slug: c.slug.clone(),
        name: c.name.clone(),
        pitch: c.pitch.clone(),
        legal_form: c.legal_form.clone(),
        chatons_member: c.chatons,
        website: c.website.clone(),
        commune: c.commune_name.clone(),
        postcode: c.postcode.clone(),
        department: c.department_code.clone(),
        region: c.region_code.clone(),
        national: c.national,
        remote: c.remote,
        departments: c.area_departements.clone(),
        regions: c.area_regions.clone(),
        services: c.services.clone(),
        software: c.software.clone(),
        audiences: c.audiences.clone(),
        pricing: c.pricing.clone(),
        price_info: c.price_info.clone(),
        languages: c.languages.clone(),
        recommendations: c.recommendations,
        confirmed_at: iso(c.confirmed_at),
    }
}

/// Every listed structure, sorted by name.
fn listed(app: &AppState) -> Vec<std::sync::Arc<Card>> {
    let mut cards = app.directory.all_listed();
    cards.sort_by(|a, b| a.sort_name.cmp(&b.sort_name));
    cards
}

async fn all_json(State(app): State<AppState>) -> Result<Response, AppError> {
    let base = app.config.base().to_owned();
    let items: Vec<Item> = listed(&app).iter().map(|c| item(&base, c)).collect();
    json(&items)
}

/// GET /donnees/data-inclusion/structures.json: the listed structures in the data·inclusion schema.
async fn datainclusion_structures(State(app): State<AppState>) -> Result<Response, AppError> {
    json(&datainclusion::structures(&listed(&app), app.config.base()))
}

/// GET /donnees/data-inclusion/services.json: their services in the data·inclusion schema.
async fn datainclusion_services(State(app): State<AppState>) -> Result<Response, AppError> {
    let labels = app.directory.labels();
    json(&datainclusion::services(&listed(&app), &labels, app.config.base()))
}

async fn all_csv(State(app): State<AppState>) -> Result<Response, AppError> {
    let base = app.config.base().to_owned();
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "slug",
        "nom",
        "url",
        "presentation",
        "forme_juridique",
        "membre_chatons",
        "site_web",
        "commune",
        "code_postal",
        "departement",
        "region",
        "national",
        "a_distance",
        "departements_d_intervention",
        "regions_d_intervention",
        "services",
        "logiciels",
        "publics",
        "tarification",
        "tarifs",
        "langues",
        "recommandations",
        "confirme_le",
    ];
    let csv_err = |e: csv::Error| AppError::Internal(e.into());
    w.write_record(header).map_err(csv_err)?;
    for c in listed(&app) {
        let i = item(&base, &c);
        let yes = |b: bool| if b { "oui" } else { "non" }.to_owned();
        let record = [
            i.slug,
            i.name,
            i.url,
            i.pitch,
            i.legal_form.unwrap_or_default(),
            yes(i.chatons_member),
            i.website,
            i.commune,
            i.postcode,
            i.department,
            i.region,
            yes(i.national),
            yes(i.remote),
            i.departments.join("|"),
            i.regions.join("|"),
            i.services.join("|"),
            i.software.join("|"),
            i.audiences.join("|"),
            i.pricing.unwrap_or_default(),
            i.price_info,
            i.languages.join("|"),
            i.recommendations.to_string(),
            i.confirmed_at,
        ];
        w.write_record(record.map(csv_cell)).map_err(csv_err)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let mut res = open(bytes.into_response(), "text/csv; charset=utf-8");
    res.headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"annuaire.csv\""));
    Ok(res)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Paging {
    per_page: String,
}

#[derive(Serialize)]
struct Page {
    total: usize,
    page: usize,
    per_page: usize,
    pages: usize,
    items: Vec<Item>,
}

/// GET /api/v1/structures: the list with the filters of `/annuaire`, a page at a time.
async fn api_list(
    State(app): State<AppState>,
    Query(query): Query<ListQuery>,
    Query(paging): Query<Paging>,
) -> Result<Response, AppError> {
    let labels = app.directory.labels();
    let filters = query.filters(&labels);
    let per_page = paging.per_page.parse::<usize>().unwrap_or(50).clamp(1, 200);
    let results = app.directory.search_paged(&filters, per_page).map_err(AppError::Internal)?;
    let base = app.config.base().to_owned();
    json(&Page {
        total: results.total,
        page: results.page,
        per_page,
        pages: results.pages,
        items: results.cards.iter().map(|c| item(&base, c)).collect(),
    })
}

#[derive(Serialize)]
struct Recommendation {
    association: String,
    text: String,
    published_at: Option<String>,
}

#[derive(Serialize)]
struct Detail {
    #[serde(flatten)]
    item: Item,
    description: String,
    recommendation_list: Vec<Recommendation>,
}

/// GET /api/v1/structures/{slug}
async fn api_one(State(app): State<AppState>, Path(slug): Path<String>) -> Result<Response, AppError> {
    let Some(row) = store::by_slug(&app.db, &slug).await? else { return Ok(not_found()) };
    let Some(card) = app.directory.listed(row.id) else { return Ok(not_found()) };
    let recos = store::published_recommendations(&app.db, row.id).await?;
    json(&Detail {
        item: item(app.config.base(), &card),
        description: card.description.clone(),
        recommendation_list: recos
            .into_iter()
            .map(|r| Recommendation {
                association: r.association_name,
                text: r.body,
                published_at: r.published_at.map(iso),
            })
            .collect(),
    })
}

/// GET /api/v1/openapi.json
async fn openapi(State(app): State<AppState>) -> Result<Response, AppError> {
    json(&openapi_document(app.config.base()))
}

pub fn openapi_document(base: &str) -> serde_json::Value {
    let strings = serde_json::json!({"type": "array", "items": {"type": "string"}});
    let filter = |name: &str, description: &str, repeated: bool| {
        let schema = if repeated { strings.clone() } else { serde_json::json!({"type": "string"}) };
        serde_json::json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema,
            "style": "form", "explode": true})
    };
    let item = serde_json::json!({
        "type": "object",
        "required": ["slug", "name", "url", "pitch", "services", "software", "departments", "regions", "recommendations"],
        "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string", "format": "uri"},
            "pitch": {"type": "string"}, "legal_form": {"type": ["string", "null"]}, "chatons_member": {"type": "boolean"},
            "website": {"type": "string"}, "commune": {"type": "string"}, "postcode": {"type": "string"},
            "department": {"type": "string"}, "region": {"type": "string"}, "national": {"type": "boolean"},
            "remote": {"type": "boolean"}, "departments": strings, "regions": strings, "services": strings,
            "software": strings, "audiences": strings, "pricing": {"type": ["string", "null"]},
            "price_info": {"type": "string"}, "languages": strings, "recommendations": {"type": "integer"},
            "confirmed_at": {"type": "string", "format": "date-time"}
        }
    });
    let ad = serde_json::json!({
        "type": "object",
        "required": ["id", "url", "title", "kind", "status", "association", "excerpt", "tags", "pledged", "associations",
            "offers", "published_at"],
        "properties": {
            "id": {"type": "integer"}, "url": {"type": "string", "format": "uri"}, "title": {"type": "string"},
            "kind": {"type": "string", "enum": ["besoin", "fonctionnalite", "accompagnement", "mutualisation"]},
            "status": {"type": "string", "enum": ["published", "funded", "in_progress", "done", "closed", "expired"]},
            "association": {"type": "string", "description": "Name of the association that posted the ad"},
            "excerpt": {"type": "string", "description": "The start of the description, as plain text"},
            "software": {"type": ["string", "null"], "description": "Software slug"},
            "software_other": {"type": "string", "description": "A software named freely, when not in the list"},
            "region": {"type": ["string", "null"], "description": "Region code (INSEE)"},
            "remote": {"type": "boolean"}, "tags": strings,
            "estimated_cost": {"type": ["integer", "null"], "description": "Euros, estimated by the author"},
            "accepted_cost": {"type": ["integer", "null"], "description": "Euros, of the accepted offer"},
            "pledged": {"type": "integer", "description": "Euros pledged by the associations (non-binding)"},
            "associations": {"type": "integer", "description": "Associations that joined the ad, its author included"},
            "offers": {"type": "integer", "description": "Offers made by structures and developers"},
            "deadline": {"type": ["string", "null"], "format": "date"},
            "published_at": {"type": "string", "format": "date-time"}
        }
    });
    serde_json::json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Emancip'Asso — annuaire des structures d'accompagnement et annonces des associations",
            "version": "1",
            "description": "Listed accompanying structures (approved by moderators and recommended by associations), and the public classified ads of associations. Open data: reuse freely.",
            "license": {"name": "Licence Ouverte 2.0", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
        },
        "servers": [{"url": base}],
        "paths": {
            "/api/v1/structures": {"get": {
                "summary": "Search the listed structures",
                "parameters": [
                    filter("q", "Free text: a need, a software, a town, a postcode or a department", false),
                    filter("service", "Service slug (repeat for alternatives)", true),
                    filter("logiciel", "Software slug (repeat for alternatives)", true),
                    filter("region", "Region code (INSEE)", true),
                    filter("departement", "Department code", true),
                    filter("forme", "Legal form slug", true),
                    filter("chatons", "oui: CHATONS members only", false),
                    filter("a_distance", "oui: remote only", false),
                    filter("tri", "pertinence, recommandations or nom", false),
                    filter("page", "Page number, from 1", false),
                    filter("per_page", "Items per page, 1 to 200 (default 50)", false)
                ],
                "responses": {"200": {"description": "A page of structures", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["total", "page", "per_page", "pages", "items"],
                    "properties": {"total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                        "pages": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Structure"}}}
                }}}}}
            }},
            "/api/v1/structures/{slug}": {"get": {
                "summary": "One listed structure, with its recommendations",
                "parameters": [{"name": "slug", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "The structure", "content": {"application/json": {"schema": {
                        "allOf": [{"$ref": "#/components/schemas/Structure"}, {"type": "object", "properties": {
                            "description": {"type": "string", "description": "Markdown"},
                            "recommendation_list": {"type": "array", "items": {"type": "object", "properties": {
                                "association": {"type": "string"}, "text": {"type": "string"},
                                "published_at": {"type": ["string", "null"], "format": "date-time"}}}}}}]
                    }}}},
                    "404": {"description": "No listed structure with this slug"}
                }
            }},
            "/api/v1/ads": {"get": {
                "summary": "Search the public ads",
                "parameters": [
                    filter("q", "Free text: a need, a software, a tag, an association", false),
                    filter("type", "Kind: besoin, fonctionnalite, accompagnement or mutualisation (repeat for alternatives)", true),
                    filter("logiciel", "Software slug (repeat for alternatives)", true),
                    filter("region", "Region code (INSEE) (repeat for alternatives)", true),
                    filter("a_distance", "oui: ads that can be done remotely only", false),
                    filter("statut", "State: ouverte, financee, en-cours, realisee, fermee or expiree (repeat for alternatives)", true),
                    filter("tri", "pertinence, recentes, echeance or soutiens", false),
                    filter("page", "Page number, from 1", false),
                    filter("per_page", "Items per page, 1 to 100 (default 20)", false)
                ],
                "responses": {"200": {"description": "A page of ads", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["total", "page", "per_page", "pages", "items"],
                    "properties": {"total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                        "pages": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Ad"}}}
                }}}}}
            }},
            "/api/v1/ads/{id}": {"get": {
                "summary": "One public ad, with its description",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {"description": "The ad", "content": {"application/json": {"schema": {
                        "allOf": [{"$ref": "#/components/schemas/Ad"}, {"type": "object", "required": ["body", "body_html"],
                            "properties": {
                                "body": {"type": "string", "description": "Markdown"},
                                "body_html": {"type": "string", "description": "The description as sanitised HTML"}}}]
                    }}}},
                    "404": {"description": "No public ad with this id"}
                }
            }}
        },
        "components": {"schemas": {"Structure": item, "Ad": ad}}
    })
}
