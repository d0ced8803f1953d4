//! Directory pages: the searchable list, the profiles, the contact relay and the reports.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::Query;
use serde::Deserialize;

use super::search::Sort;
use super::store::{self, RecommendationRow, StructureRow, TermRow};
use super::{Card, Filters, Results};
use crate::app::AppState;
use crate::geo;
use crate::mail::{self, Email as Mail};
use crate::types::{Email, bounded};
use crate::web::facets::{FacetGroup, FacetOption, UrlState, group};
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{AppError, CsrfForm, FieldErrors, Lang, PageCtx, render, render_status, see_other};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/annuaire", get(list))
        .route("/annuaire/carte.svg", get(map_svg))
        .route("/annuaire/{slug}", get(profile))
        .route("/annuaire/{slug}/contact", post(contact))
        .route("/annuaire/{slug}/signaler", post(report))
        .route("/annuaire/{slug}/confirmer", get(confirm))
        .route("/annuaire/embed", get(embed))
        .route("/medias/logos/{file}", get(logo))
}

/// The query string of the list, as typed (repeated keys allowed).
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub(super) struct ListQuery {
    q: String,
    service: Vec<String>,
    logiciel: Vec<String>,
    region: Vec<String>,
    departement: Vec<String>,
    forme: Vec<String>,
    chatons: String,
    a_distance: String,
    tri: String,
    page: String,
}

/// Labels of the taxonomy terms, by kind then slug (kept in memory by the directory).
pub struct Labels(pub(super) HashMap<(String, String), (String, String)>);

impl Labels {
    pub fn get(&self, lang: Lang, kind: &str, slug: &str) -> Option<String> {
        self.0
            .get(&(kind.to_owned(), slug.to_owned()))
            .map(|(fr, en)| if lang == Lang::En { en.clone() } else { fr.clone() })
    }
}

impl ListQuery {
    /// Keeps only known values, so that every link built from it is valid.
    pub(super) fn filters(&self, labels: &Labels) -> Filters {
        let known = |kind: &str, values: &[String]| -> Vec<String> {
            let mut v: Vec<String> =
                values.iter().filter(|s| labels.0.contains_key(&(kind.to_owned(), (*s).clone()))).cloned().collect();
            v.sort();
            v.dedup();
            v
        };
        let mut regions: Vec<String> = self.region.iter().filter(|r| geo::region(r).is_some()).cloned().collect();
        regions.sort();
        regions.dedup();
        let mut departements: Vec<String> =
            self.departement.iter().filter_map(|d| geo::departement(d).map(|d| d.code.to_owned())).collect();
        departements.sort();
        departements.dedup();
        let q: String = self.q.chars().take(200).collect();
        // A place typed in the box filters by area; the rest is searched as text.
        let (text, place) = match geo::parse_place(&q) {
            Some(place) => (String::new(), Some(place)),
            None => {
                let mut place = None;
                let mut words = Vec::new();
                for word in q.split_whitespace() {
                    let is_code = word.chars().all(|c| c.is_ascii_digit())
                        || word.eq_ignore_ascii_case("2a")
                        || word.eq_ignore_ascii_case("2b");
                    match (is_code && place.is_none()).then(|| geo::parse_place(word)).flatten() {
                        Some(p) => place = Some(p),
                        None => words.push(word),
                    }
                }
                (words.join(" "), place)
            }
        };
        Filters {
            text,
            place,
            services: known("service", &self.service),
            software: known("software", &self.logiciel),
            regions,
            departements,
            forms: known("legal_form", &self.forme),
            chatons: self.chatons == "oui",
            remote: self.a_distance == "oui",
            sort: Sort::parse(&self.tri),
            page: self.page.parse().unwrap_or(1).clamp(1, 10_000),
        }
    }
}

/// The URL state of the list for the current search.
fn url_state(q: &str, f: &Filters) -> UrlState {
    let mut params = Vec::new();
    params.extend(f.services.iter().map(|v| ("service", v.clone())));
    params.extend(f.software.iter().map(|v| ("logiciel", v.clone())));
    params.extend(f.regions.iter().map(|v| ("region", v.clone())));
    params.extend(f.departements.iter().map(|v| ("departement", v.clone())));
    params.extend(f.forms.iter().map(|v| ("forme", v.clone())));
    if f.chatons {
        params.push(("chatons", "oui".into()));
    }
    if f.remote {
        params.push(("a_distance", "oui".into()));
    }
    UrlState::new("/annuaire", q, params, f.sort.map(Sort::as_str))
}

/// A structure in the list, with its labels in the page's language.
pub struct Item {
    pub card: Arc<Card>,
    pub services: Vec<String>,
    pub software: Vec<String>,
    pub place: String,
}

#[derive(Template)]
#[template(path = "directory/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    results: Results,
    items: Vec<Item>,
    groups: Vec<FacetGroup>,
    active: Vec<(String, String)>,
    sorts: Vec<(&'static str, &'static str, bool)>,
    hidden: Vec<(&'static str, String)>,
    place: Option<String>,
    prev: Option<String>,
    next: Option<String>,
    clear: String,
    map_src: String,
}

fn place_label(lang: Lang, place: &geo::Place) -> String {
    match place {
        geo::Place::Postcode { code, departements } => {
            let names: Vec<&str> = departements.iter().filter_map(|d| geo::departement(d).map(|d| d.name)).collect();
            lang.t_args("directory-place-postcode", &[("code", code.clone()), ("departements", names.join(", "))])
        }
        geo::Place::Departement(code) => {
            geo::departement(code).map(|d| format!("{} ({})", d.name, d.code)).unwrap_or_default()
        }
        geo::Place::Region(code) => geo::region(code).map(|r| r.name.to_owned()).unwrap_or_default(),
    }
}

async fn list(State(app): State<AppState>, ctx: PageCtx, Query(query): Query<ListQuery>) -> Result<Response, AppError> {
    let labels = app.directory.labels();
    let filters = query.filters(&labels);
    let results = app.directory.search(&filters).map_err(AppError::Internal)?;
    let lang = ctx.lang;
    let state = url_state(&query.q, &filters);

    let term_options = |kind: &'static str, key: &'static str, counts: &super::search::Counts| -> Vec<FacetOption> {
        counts
            .iter()
            .filter_map(|(slug, count)| {
                Some(FacetOption {
                    label: labels.get(lang, kind, slug)?,
                    count: *count,
                    href: state.toggle(key, slug),
                    active: state.has(key, slug),
                })
            })
            .collect()
    };
    let f = &results.facets;
    let mut groups = vec![
        group("service", "directory-facet-service", term_options("service", "service", &f.services)),
        group("logiciel", "directory-facet-software", term_options("software", "logiciel", &f.software)),
        group(
            "region",
            "directory-facet-region",
            f.regions
                .iter()
                .filter_map(|(code, count)| {
                    Some(FacetOption {
                        label: geo::region(code)?.name.to_owned(),
                        count: *count,
                        href: state.toggle("region", code),
                        active: state.has("region", code),
                    })
                })
                .collect(),
        ),
        // Departments only once the search is narrowed to a region or a place: the whole
        // list would weigh on every page.
        group(
            "departement",
            "directory-facet-departement",
            f.departements
                .iter()
                .filter_map(|(code, count)| {
                    Some(FacetOption {
                        label: format!("{} ({})", geo::departement(code)?.name, code),
                        count: *count,
                        href: state.toggle("departement", code),
                        active: state.has("departement", code),
                    })
                })
                .filter(|_| !filters.regions.is_empty() || !filters.departements.is_empty() || filters.place.is_some())
                .collect(),
        ),
        group("forme", "directory-facet-form", term_options("legal_form", "forme", &f.forms)),
    ];
    let mut other = Vec::new();
    if f.chatons > 0 || filters.chatons {
        other.push(FacetOption {
            label: ctx.t("directory-chatons-member"),
            count: f.chatons,
            href: state.toggle("chatons", "oui"),
            active: filters.chatons,
        });
    }
    if f.remote > 0 || filters.remote {
        other.push(FacetOption {
            label: ctx.t("directory-remote"),
            count: f.remote,
            href: state.toggle("a_distance", "oui"),
            active: filters.remote,
        });
    }
    groups.push(group("autres", "directory-facet-other", other));
    groups.retain(|g| !g.first.is_empty());

    let mut active: Vec<(String, String)> = groups
        .iter()
        .flat_map(|g| g.first.iter().chain(g.more.iter()))
        .filter(|o| o.active)
        .map(|o| (o.label.clone(), o.href.clone()))
        .collect();
    if !state.q.is_empty() {
        active.insert(0, (format!("« {} »", state.q), state.without_text()));
    }
    let items = results
        .cards
        .iter()
        .map(|card| Item {
            services: card.services.iter().take(3).filter_map(|s| labels.get(lang, "service", s)).collect(),
            software: card.software.iter().take(5).filter_map(|s| labels.get(lang, "software", s)).collect(),
            place: match geo::departement(&card.department_code) {
                Some(d) if !card.commune_name.is_empty() => format!("{} ({})", card.commune_name, d.code),
                _ => card.commune_name.clone(),
            },
            card: card.clone(),
        })
        .collect();
    let current = results.sort;
    let sorts = [Sort::Relevance, Sort::Recommendations, Sort::Name]
        .into_iter()
        .filter(|s| *s != Sort::Relevance || !filters.text.is_empty())
        .map(|s| {
            let key = match s {
                Sort::Relevance => "directory-sort-relevance",
                Sort::Recommendations => "directory-sort-recommendations",
                Sort::Name => "directory-sort-name",
            };
            (s.as_str(), key, s == current)
        })
        .collect();
    let prev = (results.page > 1).then(|| state.page(results.page - 1));
    let next = (results.page < results.pages).then(|| state.page(results.page + 1));
    let map_src = state.url(&state.params, 1).replacen("/annuaire", "/annuaire/carte.svg", 1);
    let page = ListPage {
        map_src,
        place: filters.place.as_ref().map(|p| place_label(lang, p)),
        q: state.q.clone(),
        hidden: state.params.clone(),
        clear: "/annuaire".into(),
        ctx,
        results,
        items,
        groups,
        active,
        sorts,
        prev,
        next,
    };
    render(&page)
}

/// GET /annuaire/carte.svg: the map for the current filters (the department ones aside, so
/// that every department shows what choosing it would give).
async fn map_svg(
    State(app): State<AppState>,
    lang: Lang,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let labels = app.directory.labels();
    let mut filters = query.filters(&labels);
    let state = url_state(&query.q, &filters);
    filters.departements.clear();
    filters.place = None;
    filters.page = 1;
    let counts = app.directory.department_counts(&filters).map_err(AppError::Internal)?;
    let body =
        super::map::svg(lang, |code| counts.get(code).copied().unwrap_or(0), |code| state.toggle("departement", code));
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    // Embedded by our own pages only; nothing in it runs.
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    Ok(res)
}

#[derive(Template)]
#[template(path = "directory/embed.html")]
struct EmbedPage {
    ctx: PageCtx,
    q: String,
    results: Results,
    items: Vec<Item>,
    hidden: Vec<(&'static str, String)>,
    full: String,
    prev: Option<String>,
    next: Option<String>,
}

/// GET /annuaire/embed?…: the filtered list for partner sites' iframes. The only page that
/// allows framing; links open the full site in a new tab.
async fn embed(
    State(app): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let labels = app.directory.labels();
    let filters = query.filters(&labels);
    let results = app.directory.search(&filters).map_err(AppError::Internal)?;
    let state = url_state(&query.q, &filters);
    let lang = ctx.lang;
    let items = results
        .cards
        .iter()
        .map(|card| Item {
            services: card.services.iter().take(3).filter_map(|s| labels.get(lang, "service", s)).collect(),
            software: Vec::new(),
            place: card.commune_name.clone(),
            card: card.clone(),
        })
        .collect();
    let embed_url = |page: usize| state.page(page).replacen("/annuaire", "/annuaire/embed", 1);
    let page = EmbedPage {
        q: state.q.clone(),
        hidden: state.params.clone(),
        full: format!("{}{}", app.config.base(), state.page(1)),
        prev: (results.page > 1).then(|| embed_url(results.page - 1)),
        next: (results.page < results.pages).then(|| embed_url(results.page + 1)),
        ctx,
        results,
        items,
    };
    let mut res = render(&page)?;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors *; base-uri 'none'",
        ),
    );
    Ok(res)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ConfirmQuery {
    signature: String,
}

#[derive(Template)]
#[template(path = "directory/confirmed.html")]
struct ConfirmedPage {
    ctx: PageCtx,
    name: String,
    slug: String,
}

/// GET /annuaire/{slug}/confirmer?signature=…: the one-click link of the reminder email.
async fn confirm(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<ConfirmQuery>,
) -> Result<Response, AppError> {
    match super::freshness::confirm(&app, &slug, &q.signature).await? {
        Some(name) => render(&ConfirmedPage { ctx, name, slug }),
        None => Err(AppError::NotFound),
    }
}

/// GET /medias/logos/{file}: uploaded logos (re-encoded PNG, named after their content).
async fn logo(State(app): State<AppState>, Path(file): Path<String>) -> Result<Response, AppError> {
    if !file.ends_with(".png")
        || !file.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        || file.contains("..")
    {
        return Err(AppError::NotFound);
    }
    let bytes = tokio::fs::read(app.data_dir.join("uploads").join("logos").join(&file))
        .await
        .map_err(|_| AppError::NotFound)?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    Ok(res)
}

// ---- profile ---------------------------------------------------------------------------

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct ContactForm {
    name: String,
    email: String,
    message: String,
    /// Honeypot: hidden from people, filled by robots.
    site_web: String,
    #[serde(rename = "_csrf")]
    csrf: String,
}

struct NewContact {
    name: String,
    email: Email,
    message: String,
}

impl ContactForm {
    fn parse(&self) -> Result<NewContact, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", bounded(&self.name, 2, 100, "err-contact-name", "err-contact-name-long"));
        let email = e.check("email", Email::parse(&self.email));
        let message = e.check(
            "message",
            bounded(&self.message, 20, 5000, "err-contact-message-short", "err-contact-message-long"),
        );
        let value = match (name, email, message) {
            (Some(name), Some(email), Some(message)) => Some(NewContact { name, email, message }),
            _ => None,
        };
        e.into_result(value)
    }
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct ReportForm {
    /// `outdated` (the default), `inaccurate` or `abuse`.
    report_reason: String,
    report_message: String,
    report_email: String,
}

#[derive(Template)]
#[template(path = "directory/profile.html")]
struct ProfilePage {
    ctx: PageCtx,
    s: StructureRow,
    description: String,
    services: Vec<String>,
    software: Vec<(String, String)>,
    audiences: Vec<String>,
    legal_form: String,
    pricing: String,
    area: Vec<String>,
    languages: Vec<String>,
    place: String,
    recommendations: Vec<RecommendationRow>,
    form: ContactForm,
    errors: FieldErrors,
    report: ReportForm,
    json_ld: String,
}

fn labels_of(lang: Lang, terms: &[TermRow], kind: &str) -> Vec<String> {
    terms
        .iter()
        .filter(|t| t.kind == kind)
        .map(|t| if lang == Lang::En { t.label_en.clone() } else { t.label_fr.clone() })
        .collect()
}

/// Loads a listed structure's page, or answers 404.
async fn profile_page(app: &AppState, ctx: PageCtx, slug: &str) -> Result<ProfilePage, AppError> {
    let s = store::by_slug(&app.db, slug).await?.ok_or(AppError::NotFound)?;
    if app.directory.listed(s.id).is_none() {
        return Err(AppError::NotFound);
    }
    let lang = ctx.lang;
    let terms = store::terms_of(&app.db, s.id).await?;
    let areas = store::areas_of(&app.db, s.id).await?;
    let labels = app.directory.labels();
    let recommendations = store::published_recommendations(&app.db, s.id).await?;
    let mut area = Vec::new();
    if s.national {
        area.push(ctx.t("directory-national"));
    }
    for a in &areas {
        let name = match a.kind.as_str() {
            "region" => geo::region(&a.code).map(|r| r.name.to_owned()),
            _ => geo::departement(&a.code).map(|d| format!("{} ({})", d.name, d.code)),
        };
        area.extend(name);
    }
    if s.remote {
        area.push(ctx.t("directory-remote"));
    }
    let languages = s.languages.split(',').filter(|l| !l.is_empty()).map(|l| ctx.t(&format!("language-{l}"))).collect();
    let place = match (geo::departement(&s.department_code), geo::region(&s.region_code)) {
        (Some(d), Some(r)) => format!("{} {}, {} ({}), {}", s.postcode, s.commune_name, d.name, d.code, r.name),
        _ => s.commune_name.clone(),
    };
    let software = terms
        .iter()
        .filter(|t| t.kind == "software")
        .map(|t| (if lang == Lang::En { t.label_en.clone() } else { t.label_fr.clone() }, t.slug.clone()))
        .collect();
    let json_ld = json_ld(app, &s, &labels_of(lang, &terms, "service"), &recommendations);
    Ok(ProfilePage {
        description: crate::web::markdown(&s.description),
        services: labels_of(lang, &terms, "service"),
        audiences: labels_of(lang, &terms, "audience"),
        software,
        legal_form: s.legal_form.as_deref().and_then(|l| labels.get(lang, "legal_form", l)).unwrap_or_default(),
        pricing: s.pricing.as_deref().and_then(|p| labels.get(lang, "pricing", p)).unwrap_or_default(),
        area,
        languages,
        place,
        recommendations,
        form: ContactForm::default(),
        errors: FieldErrors::new(),
        report: ReportForm::default(),
        json_ld,
        s,
        ctx,
    })
}

/// schema.org description of the structure, escaped for a `<script>` data block.
fn json_ld(app: &AppState, s: &StructureRow, services: &[String], recos: &[RecommendationRow]) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": s.name,
        "description": s.pitch,
        "url": format!("{}/annuaire/{}", app.config.base(), s.slug),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": s.commune_name,
            "postalCode": s.postcode,
            "addressCountry": "FR",
        },
        "knowsAbout": services,
    });
    if !s.website.is_empty() {
        value["sameAs"] = serde_json::json!([s.website]);
    }
    if !recos.is_empty() {
        value["review"] = serde_json::Value::Array(
            recos
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "@type": "Review",
                        "author": {"@type": "Organization", "name": r.association_name},
                        "reviewBody": r.body,
                    })
                })
                .collect(),
        );
    }
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

async fn profile(State(app): State<AppState>, ctx: PageCtx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let page = profile_page(&app, ctx, &slug).await?;
    render(&page)
}

/// POST /annuaire/{slug}/contact: the message goes to the structure by email, a copy to the
/// sender; the structure's address is never shown.
async fn contact(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ContactForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("contact:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let mut page = profile_page(&app, ctx, &slug).await?;
    // Robots fill the hidden field or post within a moment of loading the page.
    let issued = form.csrf.split('.').next().and_then(|t| t.parse::<i64>().ok()).unwrap_or(0);
    let too_fast = crate::db::now() - issued < app.config.form_min_seconds;
    let parsed = form.parse();
    let errors = match parsed {
        Ok(_) if !form.site_web.is_empty() => {
            tracing::info!(slug, "contact form honeypot filled");
            return Ok(see_other(&format!("/annuaire/{slug}"), "flash-contact-sent"));
        }
        Ok(_) if too_fast => {
            let mut e = FieldErrors::new();
            e.add("form", "err-contact-too-fast");
            e
        }
        Ok(new) => {
            send_contact(&app, &page, new).await?;
            return Ok(see_other(&format!("/annuaire/{slug}"), "flash-contact-sent"));
        }
        Err(e) => e,
    };
    page.form = ContactForm { csrf: String::new(), site_web: String::new(), ..form };
    page.errors = errors;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

async fn send_contact(app: &AppState, page: &ProfilePage, new: NewContact) -> Result<(), AppError> {
    let s = &page.s;
    let lang = page.ctx.lang;
    let txn = app.db.begin().await?;
    store::insert_contact(&txn, s.id, &new.name, new.email.as_str(), &new.message).await?;
    let args = [
        ("structure", s.name.clone()),
        ("name", new.name.clone()),
        ("email", new.email.to_string()),
        ("message", new.message.clone()),
    ];
    // The structure's own language is French by default.
    let to_structure = Mail::compose(Lang::Fr, &s.contact_email, None, "mail-contact", &args);
    mail::queue(&txn, &to_structure).await?;
    let copy = Mail::compose(lang, new.email.as_str(), None, "mail-contact-copy", &args);
    mail::queue(&txn, &copy).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(())
}

/// POST /annuaire/{slug}/signaler: a visitor says the profile is outdated.
async fn report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("report:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes).await?;
    let mut page = profile_page(&app, ctx, &slug).await?;
    let mut errors = FieldErrors::new();
    let reason = match form.report_reason.as_str() {
        "" | "outdated" => "outdated",
        "inaccurate" => "inaccurate",
        "abuse" => "abuse",
        _ => {
            errors.add("report_reason", "err-choice-invalid");
            "outdated"
        }
    };
    let message = errors.check("report_message", bounded(&form.report_message, 0, 2000, "", "err-report-long"));
    let email = if form.report_email.trim().is_empty() {
        Some(String::new())
    } else {
        errors.check("report_email", Email::parse(&form.report_email).map(|e| e.to_string()))
    };
    match (message, email) {
        (Some(message), Some(email)) if errors.is_empty() => {
            crate::moderation::report(
                &app.db,
                crate::moderation::ReportTarget::Structure(page.s.id),
                reason,
                &message,
                &email,
            )
            .await?;
            Ok(see_other(&format!("/annuaire/{slug}"), "flash-report-sent"))
        }
        _ => {
            page.report = form;
            page.errors = errors;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
