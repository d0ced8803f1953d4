//! The structure's workspace (`/espace/structure`): its team creates and edits the profile,
//! uploads a logo, invites colleagues, and submits the profile to the moderators. A person
//! belongs to one structure team at most.

use std::collections::BTreeSet;

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::store::{self, NewStructure, StructureRow};
use crate::app::AppState;
use crate::db::{self, Row};
use crate::geo;
use crate::mail::{self, Email as Mail};
use crate::search::fold;
use crate::types::{Email, bounded};
use crate::vals;
use crate::web::forms::Choice;
use crate::web::ratelimit;
use crate::web::session::{hash_token, random_token};
use crate::web::{
    AppError, CsrfForm, CurrentUser, FieldErrors, Lang, PageCtx, Role, csrf, render, render_status, see_other,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/espace/structure", get(page).post(save))
        .route("/espace/structure/logo", post(upload_logo))
        .route("/espace/structure/invitations", post(invite))
        .route("/espace/structure/rejoindre", get(join_page).post(join))
        .route("/espace/structure/soumettre", post(submit))
}

/// Languages a structure can say it works in.
pub const LANGUAGES: [&str; 10] = ["fr", "en", "br", "oc", "eu", "co", "de", "ar", "es", "it"];
/// Largest logo accepted, in bytes.
const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Logos are stored at most this wide and high.
const LOGO_SIZE: u32 = 256;
/// Paths under /annuaire that are not profiles.
const RESERVED_SLUGS: [&str; 3] = ["embed", "carte-svg", "carte.svg"];

#[derive(Row)]
struct Membership {
    structure_id: i64,
}

async fn structure_of(app: &AppState, user: &CurrentUser) -> Result<Option<StructureRow>, AppError> {
    let m: Option<Membership> =
        db::one(app.db.conn(), "SELECT structure_id FROM structure_members WHERE user_id = $1", vals![user.id]).await?;
    let Some(m) = m else { return Ok(None) };
    Ok(store::by_id(&app.db, m.structure_id).await?)
}

/// What was typed in the profile form.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    pub pitch: String,
    pub description: String,
    pub legal_form: String,
    pub chatons_member: String,
    pub chatons_url: String,
    pub website: String,
    pub contact_email: String,
    pub postcode: String,
    pub commune: String,
    pub national: String,
    pub remote: String,
    pub regions: Vec<String>,
    pub departements: String,
    pub services: Vec<String>,
    pub software: Vec<String>,
    pub audiences: Vec<String>,
    pub pricing: String,
    pub price_info: String,
    pub languages: Vec<String>,
}

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

fn web_url(input: &str, required: bool) -> Result<String, &'static str> {
    let s = input.trim();
    if s.is_empty() {
        return if required { Err("err-url-required") } else { Ok(String::new()) };
    }
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).ok_or("err-url-invalid")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if s.len() > 300
        || !host.contains('.')
        || host.starts_with('.')
        || s.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
    {
        return Err("err-url-invalid");
    }
    Ok(s.to_owned())
}

impl ProfileForm {
    fn from_row(s: &StructureRow, terms: &[store::TermRow], areas: &[store::AreaRow]) -> Self {
        let of = |kind: &str| terms.iter().filter(|t| t.kind == kind).map(|t| t.slug.clone()).collect();
        let yes = |b: bool| if b { "oui".to_owned() } else { String::new() };
        ProfileForm {
            name: s.name.clone(),
            pitch: s.pitch.clone(),
            description: s.description.clone(),
            legal_form: s.legal_form.clone().unwrap_or_default(),
            chatons_member: yes(s.chatons_member),
            chatons_url: s.chatons_url.clone(),
            website: s.website.clone(),
            contact_email: s.contact_email.clone(),
            postcode: s.postcode.clone(),
            commune: s.commune_name.clone(),
            national: yes(s.national),
            remote: yes(s.remote),
            regions: areas.iter().filter(|a| a.kind == "region").map(|a| a.code.clone()).collect(),
            departements: areas
                .iter()
                .filter(|a| a.kind == "departement")
                .map(|a| a.code.clone())
                .collect::<Vec<_>>()
                .join(", "),
            services: of("service"),
            software: of("software"),
            audiences: of("audience"),
            pricing: s.pricing.clone().unwrap_or_default(),
            price_info: s.price_info.clone(),
            languages: s.languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        }
    }

    fn parse(&self, known: &BTreeSet<(String, String)>) -> Result<Profile, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", bounded(&self.name, 2, 120, "err-structure-name", "err-structure-name-long"));
        let pitch = e.check("pitch", bounded(&self.pitch, 10, 160, "err-pitch-short", "err-pitch-long"));
        let description = e.check("description", bounded(&self.description, 0, 20_000, "", "err-description-long"));
        let is = |kind: &str, slug: &str| known.contains(&(kind.to_owned(), slug.to_owned()));
        if !self.legal_form.is_empty() && !is("legal_form", &self.legal_form) {
            e.add("legal_form", "err-choice-invalid");
        } else if self.legal_form.is_empty() {
            e.add("legal_form", "err-legal-form-required");
        }
        let chatons_member = self.chatons_member == "oui";
        let chatons_url = e.check("chatons_url", web_url(&self.chatons_url, false));
        let website = e.check("website", web_url(&self.website, false));
        let contact_email = e.check("contact_email", Email::parse(&self.contact_email));
        // The commune: by postcode, then by name among the communes of that postcode.
        let mut commune_insee = None;
        let pc = self.postcode.trim();
        if pc.is_empty() {
            e.add("postcode", "err-postcode-required");
        } else {
            let communes = geo::by_postcode(pc);
            if communes.is_empty() {
                e.add("postcode", "err-postcode-unknown");
            } else if communes.len() == 1 {
                commune_insee = Some(communes[0].insee.to_owned());
            } else {
                let typed = fold(&self.commune);
                match communes.iter().find(|c| fold(c.name) == typed) {
                    Some(c) => commune_insee = Some(c.insee.to_owned()),
                    None => e.add("commune", "err-commune-choose"),
                }
            }
        }
        let national = self.national == "oui";
        let remote = self.remote == "oui";
        let mut areas: Vec<(&'static str, String)> = Vec::new();
        for r in &self.regions {
            match geo::region(r) {
                Some(region) => areas.push(("region", region.code.to_owned())),
                None => e.add("regions", "err-choice-invalid"),
            }
        }
        for code in self.departements.split([',', ' ', ';']).map(str::trim).filter(|c| !c.is_empty()) {
            match geo::departement(code) {
                Some(d) => areas.push(("departement", d.code.to_owned())),
                None => e.add("departements", "err-departement-unknown"),
            }
        }
        areas.sort();
        areas.dedup();
        let mut terms: Vec<(&'static str, String)> = Vec::new();
        for (kind, values) in [("service", &self.services), ("software", &self.software), ("audience", &self.audiences)]
        {
            for v in values {
                if is(kind, v) {
                    terms.push((kind, v.clone()));
                } else {
                    e.add(
                        if kind == "service" {
                            "services"
                        } else if kind == "software" {
                            "software"
                        } else {
                            "audiences"
                        },
                        "err-choice-invalid",
                    );
                }
            }
        }
        if self.services.is_empty() {
            e.add("services", "err-services-required");
        }
        if !self.pricing.is_empty() && !is("pricing", &self.pricing) {
            e.add("pricing", "err-choice-invalid");
        }
        let price_info = e.check("price_info", bounded(&self.price_info, 0, 2000, "", "err-price-info-long"));
        let languages: Vec<&str> =
            LANGUAGES.iter().copied().filter(|l| self.languages.iter().any(|x| x == l)).collect();
        if self.languages.iter().any(|l| !LANGUAGES.contains(&l.as_str())) {
            e.add("languages", "err-choice-invalid");
        }
        let value = match (name, pitch, description, chatons_url, website, contact_email, commune_insee, price_info) {
            (
                Some(name),
                Some(pitch),
                Some(description),
                Some(chatons_url),
                Some(website),
                Some(contact),
                Some(insee),
                Some(price_info),
            ) => Some(Profile {
                name,
                pitch,
                description,
                legal_form: self.legal_form.clone(),
                chatons_member,
                chatons_url: if chatons_member { chatons_url } else { String::new() },
                website,
                contact_email: contact.to_string(),
                commune_insee: insee,
                postcode: pc.to_owned(),
                national,
                remote,
                areas,
                terms,
                pricing: self.pricing.clone(),
                price_info,
                languages: if languages.is_empty() { "fr".into() } else { languages.join(",") },
            }),
            _ => None,
        };
        e.into_result(value)
    }
}

impl Profile {
    fn as_new<'a>(&'a self, slug: &'a str, status: &'a str, confirmed_at: i64) -> NewStructure<'a> {
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

/// A URL-safe name: "Les Nuages Solidaires (fictif)" → "les-nuages-solidaires-fictif".
pub fn slugify(name: &str) -> String {
    let folded = fold(name);
    let mut slug: String = folded.split_whitespace().collect::<Vec<_>>().join("-");
    slug.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    slug.truncate(80);
    if slug.is_empty() { "structure".into() } else { slug.trim_matches('-').to_owned() }
}

#[derive(Template)]
#[template(path = "directory/workspace.html")]
struct WorkspacePage {
    ctx: PageCtx,
    structure: Option<StructureRow>,
    form: ProfileForm,
    errors: FieldErrors,
    legal_forms: Vec<Choice>,
    pricings: Vec<Choice>,
    services: Vec<Choice>,
    software: Vec<Choice>,
    audiences: Vec<Choice>,
    regions: Vec<Choice>,
    languages: Vec<Choice>,
    communes: Vec<String>,
    checklist: Vec<(String, bool)>,
    listed: bool,
    team: Vec<String>,
    invite_email: String,
    logo: Option<String>,
}

impl WorkspacePage {
    async fn build(
        app: &AppState,
        ctx: PageCtx,
        structure: Option<StructureRow>,
        form: ProfileForm,
        errors: FieldErrors,
    ) -> Result<Self, AppError> {
        let lang = ctx.lang;
        let terms = store::all_terms(&app.db).await?;
        let choices = |kind: &str, selected: &dyn Fn(&str) -> bool| -> Vec<Choice> {
            terms
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| Choice {
                    value: t.slug.clone(),
                    label: if lang == Lang::En { t.label_en.clone() } else { t.label_fr.clone() },
                    checked: selected(&t.slug),
                })
                .collect()
        };
        let has = |list: &[String], v: &str| list.iter().any(|x| x == v);
        let legal_forms = choices("legal_form", &|v| form.legal_form == v);
        let pricings = choices("pricing", &|v| form.pricing == v);
        let services = choices("service", &|v| has(&form.services, v));
        let software = choices("software", &|v| has(&form.software, v));
        let audiences = choices("audience", &|v| has(&form.audiences, v));
        let regions = geo::regions()
            .iter()
            .map(|r| Choice { value: r.code.to_owned(), label: r.name.to_owned(), checked: has(&form.regions, r.code) })
            .collect();
        let languages = LANGUAGES
            .iter()
            .map(|l| Choice {
                value: (*l).to_owned(),
                label: lang.t(&format!("language-{l}")),
                checked: has(&form.languages, l),
            })
            .collect();
        let communes = geo::by_postcode(form.postcode.trim()).iter().map(|c| c.name.to_owned()).collect();
        let (checklist, listed, team, logo) = match &structure {
            Some(s) => {
                let listed = app.directory.listed(s.id).is_some();
                let need = app.config.listing_min_recommendations;
                let checklist = vec![
                    (lang.t("workspace-check-profile"), true),
                    (lang.t("workspace-check-submitted"), s.status != "draft"),
                    (lang.t("workspace-check-approved"), s.status == "approved"),
                    (
                        lang.t_args(
                            "workspace-check-recommendations",
                            &[("count", need.to_string()), ("have", s.recommendations.to_string())],
                        ),
                        s.recommendations >= need,
                    ),
                ];
                (checklist, listed, store::team_emails(&app.db, s.id).await?, s.logo.clone())
            }
            None => (Vec::new(), false, Vec::new(), None),
        };
        Ok(WorkspacePage {
            ctx,
            structure,
            form,
            errors,
            legal_forms,
            pricings,
            services,
            software,
            audiences,
            regions,
            languages,
            communes,
            checklist,
            listed,
            team,
            invite_email: String::new(),
            logo,
        })
    }
}

async fn page(State(app): State<AppState>, ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    let structure = structure_of(&app, &user).await?;
    let form = match &structure {
        Some(s) => {
            let terms = store::terms_of(&app.db, s.id).await?;
            let areas = store::areas_of(&app.db, s.id).await?;
            ProfileForm::from_row(s, &terms, &areas)
        }
        None => ProfileForm { languages: vec!["fr".into()], ..Default::default() },
    };
    render(&WorkspacePage::build(&app, ctx, structure, form, FieldErrors::new()).await?)
}

/// POST /espace/structure: creates the structure (as a draft, its creator on the team) or
/// saves its profile.
async fn save(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<Response, AppError> {
    if !user.verified {
        return Err(AppError::Forbidden);
    }
    let known: BTreeSet<(String, String)> =
        store::all_terms(&app.db).await?.into_iter().map(|t| (t.kind, t.slug)).collect();
    let structure = structure_of(&app, &user).await?;
    let profile = match form.parse(&known) {
        Ok(p) => p,
        Err(errors) => {
            let page = WorkspacePage::build(&app, ctx, structure, form, errors).await?;
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let txn = app.db.begin().await?;
    match &structure {
        Some(s) => {
            store::update(&txn, s.id, &profile.as_new(&s.slug, &s.status, db::now())).await?;
        }
        None => {
            let base = slugify(&profile.name);
            let mut id = None;
            for n in 1..50 {
                let slug = if n == 1 { base.clone() } else { format!("{base}-{n}") };
                if RESERVED_SLUGS.contains(&slug.as_str()) {
                    continue;
                }
                if let Some(new_id) = store::insert(&txn, &profile.as_new(&slug, "draft", db::now())).await? {
                    id = Some(new_id);
                    break;
                }
            }
            let id = id.ok_or_else(|| AppError::Internal(anyhow::anyhow!("no free slug for {base}")))?;
            db::exec(
                &txn,
                "INSERT INTO structure_members (structure_id, user_id, created_at) VALUES ($1, $2, $3)",
                vals![id, user.id, db::now()],
            )
            .await?;
            db::exec(
                &txn,
                "INSERT INTO user_roles (user_id, role, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                vals![user.id, Role::Structure.as_str(), db::now()],
            )
            .await?;
        }
    }
    txn.commit().await?;
    app.directory.changed();
    Ok(see_other(
        "/espace/structure",
        if structure.is_some() { "flash-structure-saved" } else { "flash-structure-created" },
    ))
}

/// POST /espace/structure/soumettre: the draft goes to the moderators.
async fn submit(
    State(app): State<AppState>,
    user: CurrentUser,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let s = structure_of(&app, &user).await?.ok_or(AppError::NotFound)?;
    db::exec(app.db.conn(), "UPDATE structures SET status = 'pending' WHERE id = $1 AND status = 'draft'", vals![s.id])
        .await?;
    Ok(see_other("/espace/structure", "flash-structure-submitted"))
}

#[derive(Deserialize, Default)]
struct Empty {}

/// POST /espace/structure/logo (multipart): the image is decoded, resized and re-encoded as
/// PNG, which drops whatever metadata it carried.
async fn upload_logo(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    req: axum::extract::Request,
) -> Result<Response, AppError> {
    if !csrf::same_origin(req.headers(), &app.config.base_url) {
        return Err(AppError::Csrf);
    }
    let s = structure_of(&app, &user).await?.ok_or(AppError::NotFound)?;
    let mut multipart = <Multipart as axum::extract::FromRequest<AppState>>::from_request(req, &app)
        .await
        .map_err(|_| AppError::Csrf)?;
    let mut token = String::new();
    let mut bytes: Option<Vec<u8>> = None;
    let mut too_big = false;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        match field.name() {
            Some("_csrf") => token = field.text().await.unwrap_or_default(),
            Some("logo") => {
                let mut data = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            data.extend_from_slice(&chunk);
                            if data.len() > LOGO_MAX_BYTES {
                                too_big = true;
                                break;
                            }
                        }
                        Ok(None) => break,
                        Err(_) => {
                            too_big = true;
                            break;
                        }
                    }
                }
                bytes = Some(data);
            }
            _ => {}
        }
        if too_big {
            break;
        }
    }
    if !csrf::verify(&app.secret, Some(&user.session_id), &token) {
        return Err(AppError::Csrf);
    }
    let result = match (too_big, bytes) {
        (true, _) => Err("err-logo-too-big"),
        (_, None) => Err("err-logo-required"),
        (_, Some(b)) if b.is_empty() => Err("err-logo-required"),
        (_, Some(b)) => reencode(&b),
    };
    match result {
        Ok(png) => {
            let name = format!(
                "{}-{}.png",
                s.slug,
                &hex::encode(sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(&png)))[..12]
            );
            let dir = app.data_dir.join("uploads").join("logos");
            tokio::fs::create_dir_all(&dir).await.map_err(|e| AppError::Internal(e.into()))?;
            tokio::fs::write(dir.join(&name), &png).await.map_err(|e| AppError::Internal(e.into()))?;
            let txn = app.db.begin().await?;
            db::exec(
                &txn,
                "UPDATE structures SET logo = $1, updated_at = $2 WHERE id = $3",
                vals![name, db::now(), s.id],
            )
            .await?;
            store::record_change(&txn, s.id).await?;
            txn.commit().await?;
            app.directory.changed();
            Ok(see_other("/espace/structure", "flash-logo-saved"))
        }
        Err(key) => {
            let mut errors = FieldErrors::new();
            errors.add("logo", key);
            let terms = store::terms_of(&app.db, s.id).await?;
            let areas = store::areas_of(&app.db, s.id).await?;
            let form = ProfileForm::from_row(&s, &terms, &areas);
            let page = WorkspacePage::build(&app, ctx, Some(s), form, errors).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// Decodes an image (PNG, JPEG or WebP, whatever its name says), fits it in a square, and
/// encodes it again as PNG.
fn reencode(bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    let reader =
        image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|_| "err-logo-type")?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::WebP) => {}
        _ => return Err("err-logo-type"),
    }
    let mut reader = reader;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(8000);
    limits.max_image_height = Some(8000);
    limits.max_alloc = Some(128 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| "err-logo-unreadable")?;
    let img = img.thumbnail(LOGO_SIZE, LOGO_SIZE);
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).map_err(|_| "err-logo-unreadable")?;
    Ok(out.into_inner())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InviteForm {
    email: String,
}

/// POST /espace/structure/invitations: a colleague receives a link to join the team.
async fn invite(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    let s = structure_of(&app, &user).await?.ok_or(AppError::NotFound)?;
    ratelimit::hit(&app.db, &format!("invite:{}", user.id), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(key) => {
            let mut errors = FieldErrors::new();
            errors.add("invite_email", key);
            let terms = store::terms_of(&app.db, s.id).await?;
            let areas = store::areas_of(&app.db, s.id).await?;
            let profile = ProfileForm::from_row(&s, &terms, &areas);
            let mut page = WorkspacePage::build(&app, ctx, Some(s), profile, errors).await?;
            page.invite_email = form.email;
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let token = random_token();
    let now = db::now();
    let txn = app.db.begin().await?;
    db::exec(
        &txn,
        "INSERT INTO structure_invites (structure_id, email, token_hash, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        vals![s.id, email.to_string(), hash_token(&token), user.id, now, now + 14 * 86_400],
    )
    .await?;
    let link = format!("{}/espace/structure/rejoindre?jeton={token}", app.config.base());
    let args = [("structure", s.name.clone()), ("name", user.display_name.clone()), ("link", link)];
    mail::queue(&txn, &Mail::compose(ctx.lang, email.as_str(), None, "mail-team-invite", &args)).await?;
    txn.commit().await?;
    app.mail_queued();
    Ok(see_other("/espace/structure", "flash-invite-sent"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JoinQuery {
    jeton: String,
}

#[derive(Row)]
struct Invite {
    id: i64,
    structure_id: i64,
    name: String,
}

async fn find_invite(app: &AppState, token: &str) -> Result<Option<Invite>, AppError> {
    Ok(db::one(
        app.db.conn(),
        "SELECT i.id, i.structure_id, s.name FROM structure_invites i JOIN structures s ON s.id = i.structure_id \
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2",
        vals![hash_token(token), db::now()],
    )
    .await?)
}

#[derive(Template)]
#[template(path = "directory/join.html")]
struct JoinPage {
    ctx: PageCtx,
    token: String,
    name: String,
    already: bool,
}

/// GET /espace/structure/rejoindre?jeton=…: the invitation, to accept while signed in.
async fn join_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Query(q): Query<JoinQuery>,
) -> Result<Response, AppError> {
    let invite = find_invite(&app, &q.jeton).await?.ok_or(AppError::NotFound)?;
    let already = structure_of(&app, &user).await?.is_some();
    render(&JoinPage { ctx, token: q.jeton, name: invite.name, already })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JoinForm {
    jeton: String,
}

async fn join(
    State(app): State<AppState>,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<JoinForm>,
) -> Result<Response, AppError> {
    let invite = find_invite(&app, &form.jeton).await?.ok_or(AppError::NotFound)?;
    if structure_of(&app, &user).await?.is_some() {
        return Ok(Redirect::to("/espace/structure").into_response());
    }
    let txn = app.db.begin().await?;
    let used = db::exec(
        &txn,
        "UPDATE structure_invites SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
        vals![db::now(), invite.id],
    )
    .await?;
    if used == 0 {
        return Err(AppError::NotFound);
    }
    db::exec(
        &txn,
        "INSERT INTO structure_members (structure_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        vals![invite.structure_id, user.id, db::now()],
    )
    .await?;
    db::exec(
        &txn,
        "INSERT INTO user_roles (user_id, role, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        vals![user.id, Role::Structure.as_str(), db::now()],
    )
    .await?;
    txn.commit().await?;
    Ok(see_other("/espace/structure", "flash-team-joined"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(slugify("Les Nuages Solidaires (fictif)"), "les-nuages-solidaires-fictif");
        assert_eq!(slugify("Coopérative « Libre » d'Été"), "cooperative-libre-d-ete");
        assert_eq!(slugify("!!!"), "structure");
    }

    #[test]
    fn web_addresses_are_checked() {
        assert!(web_url("https://exemple.org/a", true).is_ok());
        assert_eq!(web_url("", false), Ok(String::new()));
        assert_eq!(web_url("", true), Err("err-url-required"));
        assert_eq!(web_url("exemple.org", false), Err("err-url-invalid"));
        assert_eq!(web_url("javascript:alert(1)", false), Err("err-url-invalid"));
        assert_eq!(web_url("https://nodot/", false), Err("err-url-invalid"));
    }

    #[test]
    fn logos_are_reencoded_and_other_files_refused() {
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbaImage::new(600, 300).write_to(&mut png, image::ImageFormat::Png).unwrap();
        let out = reencode(png.get_ref()).unwrap();
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (256, 128));
        assert_eq!(reencode(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), Err("err-logo-type"));
        assert_eq!(reencode(b"GIF89a...."), Err("err-logo-type"));
        assert_eq!(reencode(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0]), Err("err-logo-unreadable"));
    }
}
