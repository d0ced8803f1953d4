//! GET /annuaire/{slug}: a listed structure's profile, with its recommendations, the contact
//! form and the report form.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Query;

use crate::app::AppState;
use crate::directory::forms::{ContactForm, ReportForm};
use crate::directory::store::{self, RecommendationRow, StructureRow, TermRow};
use crate::geo;
use crate::web::{AppError, FieldErrors, Lang, PageCtx, render};

#[derive(Template)]
#[template(path = "directory/profile.html")]
pub(super) struct ProfilePage {
    pub(super) ctx: PageCtx,
    pub(super) s: StructureRow,
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
    pub(super) form: ContactForm,
    pub(super) errors: FieldErrors,
    pub(super) report: ReportForm,
    json_ld: String,
    /// The message key of the box that attaches `form.joindre`, when a kind knows it.
    pub(super) attach_label: Option<&'static str>,
}

impl ProfilePage {
    /// Offers to attach what `token` names, when a registered kind knows it.
    pub(super) async fn offer_attachment(&mut self, app: &AppState, token: &str) -> Result<(), AppError> {
        let hook = super::super::attachment::attachable(&app.contact_attachments, &app.db, token).await?;
        if let Some(hook) = hook {
            self.form.joindre = token.to_owned();
            self.attach_label = Some(hook.label_key());
        }
        Ok(())
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ProfileQuery {
    joindre: String,
}

fn labels_of(lang: Lang, terms: &[TermRow], kind: &str) -> Vec<String> {
    terms
        .iter()
        .filter(|t| t.kind == kind)
        .map(|t| if lang == Lang::En { t.label_en.clone() } else { t.label_fr.clone() })
        .collect()
}

/// Loads a listed structure's page, or answers 404 (also for the contact and report forms,
/// which show it again when refused).
pub(super) async fn load(app: &AppState, ctx: PageCtx, slug: &str) -> Result<ProfilePage, AppError> {
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
        attach_label: None,
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

pub(super) async fn profile(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<ProfileQuery>,
) -> Result<Response, AppError> {
    let mut page = load(&app, ctx, &slug).await?;
    if !q.joindre.is_empty() {
        page.offer_attachment(&app, &q.joindre).await?;
    }
    render(&page)
}
