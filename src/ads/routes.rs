//! Ads pages: the searchable list, the ad page with its pledges, offers and comments, the
//! author's form and lifecycle actions, following, reports.

use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Query;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use sha2::Sha256;

use super::forms::{AdForm, CommentForm, OfferForm, PledgeForm, StatusForm};
use super::search::{AdCard, Catalog, Filters, Results, Sort};
use super::store::{self, AdRow};
use super::{Kind, Status};
use crate::app::AppState;
use crate::config::Moderation;
use crate::db;
use crate::directory::Labels;
use crate::geo;
use crate::mail::{self, Email as Mail};
use crate::types::{Email, bounded};
use crate::web::facets::{FacetGroup, FacetOption, UrlState, group};
use crate::web::forms::Choice;
use crate::web::ratelimit::{self, ClientIp};
use crate::web::{
    AppError, CsrfForm, CurrentUser, FieldErrors, Lang, MaybeUser, PageCtx, Role, render, render_status, see_other,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/annonces", get(list))
        .route("/annonces/nouvelle", get(new_page).post(create))
        .route("/annonces/mes-annonces", get(mine))
        .route("/annonces/{ad}", get(show))
        .route("/annonces/{ad}/modifier", get(edit_page).post(edit))
        .route("/annonces/{ad}/statut", post(change_status))
        .route("/annonces/{ad}/soutien", post(pledge))
        .route("/annonces/{ad}/soutien/retirer", post(unpledge))
        .route("/annonces/{ad}/offres", post(offer))
        .route("/annonces/{ad}/offres/retirer", post(withdraw_offer))
        .route("/annonces/{ad}/offres/{offer}/accepter", post(accept_offer))
        .route("/annonces/{ad}/commentaires", post(comment))
        .route("/annonces/{ad}/suivre", post(follow))
        .route("/annonces/{ad}/desabonnement", get(unsubscribe_page).post(unsubscribe))
        .route("/annonces/{ad}/signaler", get(report_page).post(report))
}

// ---- the list ------------------------------------------------------------------------------

/// The query string of the list, as typed (repeated keys allowed).
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    pub logiciel: Vec<String>,
    pub region: Vec<String>,
    pub a_distance: String,
    pub statut: Vec<String>,
    pub tri: String,
    pub page: String,
}

impl ListQuery {
    /// Keeps only known values, so that every link built from it is valid.
    pub fn filters(&self, software_known: impl Fn(&str) -> bool) -> Filters {
        let mut kinds: Vec<Kind> = self.kind.iter().filter_map(|k| Kind::parse(k)).collect();
        kinds.sort();
        kinds.dedup();
        let mut software: Vec<String> = self.logiciel.iter().filter(|s| software_known(s)).cloned().collect();
        software.sort();
        software.dedup();
        let mut regions: Vec<String> = self.region.iter().filter(|r| geo::region(r).is_some()).cloned().collect();
        regions.sort();
        regions.dedup();
        let mut statuses: Vec<Status> =
            self.statut.iter().filter_map(|s| Status::from_slug(s)).filter(|s| s.is_public()).collect();
        statuses.sort();
        statuses.dedup();
        Filters {
            text: self.q.chars().take(200).collect(),
            kinds,
            software,
            regions,
            remote: self.a_distance == "oui",
            statuses,
            sort: Sort::parse(&self.tri),
            page: self.page.parse().unwrap_or(1).clamp(1, 10_000),
        }
    }
}

fn url_state(q: &str, f: &Filters) -> UrlState {
    let mut params = Vec::new();
    params.extend(f.kinds.iter().map(|k| ("type", k.as_str().to_owned())));
    params.extend(f.software.iter().map(|v| ("logiciel", v.clone())));
    params.extend(f.regions.iter().map(|v| ("region", v.clone())));
    params.extend(f.statuses.iter().map(|s| ("statut", s.slug().to_owned())));
    if f.remote {
        params.push(("a_distance", "oui".into()));
    }
    UrlState::new("/annonces", q, params, f.sort.map(Sort::as_str))
}

/// An ad in a list, with its labels in the page's language.
pub struct Item {
    pub card: Arc<AdCard>,
    pub place: String,
    pub software: String,
}

fn item(catalog: &Catalog, labels: &Labels, lang: Lang, card: Arc<AdCard>) -> Item {
    let region = catalog.region_of(&card).and_then(geo::region).map(|r| r.name.to_owned());
    let place = match (region, card.remote) {
        (Some(r), true) => format!("{r} · {}", lang.t("ads-remote")),
        (Some(r), false) => r,
        (None, true) => lang.t("ads-remote"),
        (None, false) => String::new(),
    };
    let software = catalog
        .software_of(&card)
        .and_then(|s| labels.get(lang, "software", s))
        .unwrap_or_else(|| card.software_other.clone());
    Item { card, place, software }
}

#[derive(Template)]
#[template(path = "ads/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    results: Results,
    items: Vec<Item>,
    groups: Vec<FacetGroup>,
    active: Vec<(String, String)>,
    sorts: Vec<(&'static str, &'static str, bool)>,
    hidden: Vec<(&'static str, String)>,
    prev: Option<String>,
    next: Option<String>,
    clear: String,
    feed: String,
}

pub(super) fn software_known(app: &AppState) -> impl Fn(&str) -> bool {
    let labels = app.directory.labels();
    move |s: &str| labels.get(Lang::Fr, "software", s).is_some()
}

async fn list(State(app): State<AppState>, ctx: PageCtx, Query(query): Query<ListQuery>) -> Result<Response, AppError> {
    let filters = query.filters(software_known(&app));
    let results = app.ads.search(&filters, super::search::PER_PAGE).map_err(AppError::Internal)?;
    let lang = ctx.lang;
    let state = url_state(&query.q, &filters);
    let labels = app.directory.labels();
    let f = &results.facets;
    let option = |key: &'static str, value: &str, label: String, count: usize| FacetOption {
        label,
        count,
        href: state.toggle(key, value),
        active: state.has(key, value),
    };
    let mut groups = vec![
        group(
            "type",
            "ads-facet-kind",
            f.kinds.iter().map(|(k, n)| option("type", k.as_str(), ctx.t(k.label_key()), *n)).collect(),
        ),
        group(
            "statut",
            "ads-facet-status",
            f.statuses.iter().map(|(s, n)| option("statut", s.slug(), ctx.t(s.label_key()), *n)).collect(),
        ),
        group(
            "logiciel",
            "ads-facet-software",
            f.software
                .iter()
                .filter_map(|(slug, n)| Some(option("logiciel", slug, labels.get(lang, "software", slug)?, *n)))
                .collect(),
        ),
        group(
            "region",
            "ads-facet-region",
            f.regions
                .iter()
                .filter_map(|(code, n)| Some(option("region", code, geo::region(code)?.name.to_owned(), *n)))
                .collect(),
        ),
    ];
    if f.remote > 0 || filters.remote {
        groups.push(group(
            "autres",
            "ads-facet-other",
            vec![option("a_distance", "oui", ctx.t("ads-remote"), f.remote)],
        ));
    }
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
    let catalog = app.ads.catalog();
    let items = results.cards.iter().map(|c| item(&catalog, &labels, lang, c.clone())).collect();
    let has_text = !filters.text.trim().is_empty();
    let sorts = Sort::CHOICES
        .iter()
        .filter(|s| has_text || **s != Sort::Relevance)
        .map(|s| (s.as_str(), s.label_key(), *s == results.sort))
        .collect();
    let prev = (results.page > 1).then(|| state.page(results.page - 1));
    let next = (results.page < results.pages).then(|| state.page(results.page + 1));
    let feed = match filters.kinds.as_slice() {
        [k] => format!("/annonces.atom?type={}", k.as_str()),
        _ => "/annonces.atom".to_owned(),
    };
    render(&ListPage {
        ctx,
        q: state.q.clone(),
        hidden: state.params.clone(),
        clear: "/annonces".into(),
        results,
        items,
        groups,
        active,
        sorts,
        prev,
        next,
        feed,
    })
}

// ---- one ad -----------------------------------------------------------------------------

/// "12-un-titre" or "12" → 12.
fn ad_id(segment: &str) -> Result<i64, AppError> {
    segment.split('-').next().and_then(|s| s.parse::<i64>().ok()).filter(|id| *id > 0).ok_or(AppError::NotFound)
}

fn is_moderator(user: Option<&CurrentUser>) -> bool {
    user.is_some_and(|u| u.has(Role::Moderator) || u.is_admin())
}

fn is_author(ad: &AdRow, user: Option<&CurrentUser>) -> bool {
    user.is_some_and(|u| ad.author_id == Some(u.id))
}

/// The ad, when this visitor may see it: public, or theirs, or they moderate.
async fn visible(app: &AppState, segment: &str, user: Option<&CurrentUser>) -> Result<AdRow, AppError> {
    let ad = store::by_id(app.db.conn(), ad_id(segment)?).await?.ok_or(AppError::NotFound)?;
    if ad.status().is_public() || is_author(&ad, user) || is_moderator(user) { Ok(ad) } else { Err(AppError::NotFound) }
}

pub struct CommentView {
    pub c: store::Comment,
    pub html: String,
}

#[derive(Template)]
#[template(path = "ads/show.html")]
struct AdPage {
    ctx: PageCtx,
    ad: AdRow,
    status: Status,
    kind: Kind,
    body_html: String,
    software: String,
    place: String,
    tags: Vec<String>,
    target: Option<i64>,
    progress: u32,
    pledges: Vec<store::Pledge>,
    offers: Vec<store::Offer>,
    comments: Vec<CommentView>,
    is_author: bool,
    my_pledge: Option<store::Pledge>,
    my_offer: Option<store::Offer>,
    following: bool,
    can_offer: bool,
    can_comment: bool,
    can_edit: bool,
    actions: Vec<(&'static str, &'static str)>,
    pledge_form: PledgeForm,
    offer_form: OfferForm,
    comment_form: CommentForm,
    close_reason: String,
    errors: FieldErrors,
}

/// What the author may do now, as (action, label key).
fn actions(ad: &AdRow) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    match ad.status() {
        Status::Draft | Status::Refused => out.push(("publier", "ads-action-publish")),
        Status::Published | Status::Funded => {
            if ad.accepted_offer_id.is_some() {
                out.push(("demarrer", "ads-action-start"));
            }
            out.push(("prolonger", "ads-action-extend"));
            out.push(("fermer", "ads-action-close"));
        }
        Status::InProgress => {
            out.push(("terminer", "ads-action-finish"));
            out.push(("fermer", "ads-action-close"));
        }
        // A pending ad was never approved: closing it takes it back to the drafts (a closed ad
        // would be public).
        Status::Pending => out.push(("fermer", "ads-action-withdraw")),
        Status::Expired => out.push(("rouvrir", "ads-action-reopen")),
        Status::Done | Status::Closed | Status::Removed => {}
    }
    out
}

async fn ad_page(app: &AppState, ctx: PageCtx, ad: AdRow) -> Result<AdPage, AppError> {
    let user = ctx.user.clone();
    let lang = ctx.lang;
    let pledges = store::pledges(&app.db, ad.id).await?;
    let offers = store::offers(&app.db, ad.id).await?;
    let comments = store::comments(&app.db, ad.id)
        .await?
        .into_iter()
        .filter(|c| c.status == "published" || user.as_ref().is_some_and(|u| c.user_id == Some(u.id)))
        .map(|c| CommentView { html: crate::site::markdown(&c.body), c })
        .collect();
    let status = ad.status();
    let author = is_author(&ad, user.as_ref());
    let my_pledge = user.as_ref().and_then(|u| pledges.iter().find(|p| p.user_id == u.id).cloned());
    let my_offer = user.as_ref().and_then(|u| offers.iter().find(|o| o.user_id == u.id).cloned());
    let following = match &user {
        Some(u) => store::follows(&app.db, ad.id, u.id).await?,
        None => false,
    };
    let labels = app.directory.labels();
    let software = ad
        .software_slug
        .as_deref()
        .and_then(|s| labels.get(lang, "software", s))
        .map(|l| if ad.software_other.is_empty() { l.clone() } else { format!("{l} — {}", ad.software_other) })
        .unwrap_or_else(|| ad.software_other.clone());
    let region = ad.region_code.as_deref().and_then(geo::region).map(|r| r.name.to_owned());
    let place = match (region, ad.remote) {
        (Some(r), true) => format!("{r} · {}", lang.t("ads-remote")),
        (Some(r), false) => r,
        (None, true) => lang.t("ads-remote"),
        (None, false) => String::new(),
    };
    let target = ad.accepted_cost.or(ad.estimated_cost);
    let pledge_form = PledgeForm {
        pledge_association: my_pledge
            .as_ref()
            .map(|p| p.association_name.clone())
            .or_else(|| user.as_ref().map(|u| u.display_name.clone()))
            .unwrap_or_default(),
        pledge_amount: my_pledge.as_ref().and_then(|p| p.amount).map(|a| a.to_string()).unwrap_or_default(),
    };
    let offer_form = match &my_offer {
        Some(o) => OfferForm {
            offer_amount: o.amount.to_string(),
            offer_timeframe: o.timeframe.clone(),
            offer_message: o.message.clone(),
        },
        None => OfferForm::default(),
    };
    Ok(AdPage {
        body_html: crate::site::markdown(&ad.body),
        kind: Kind::parse(&ad.kind).unwrap_or(Kind::Besoin),
        status,
        software,
        place,
        tags: ad.tags.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        progress: super::search::progress(ad.pledged, target),
        target,
        can_offer: user.is_some() && !author && status.is_open() && ad.accepted_offer_id.is_none(),
        can_comment: user.is_some() && status.is_public(),
        can_edit: author
            && matches!(status, Status::Draft | Status::Pending | Status::Refused | Status::Published | Status::Funded),
        actions: if author { actions(&ad) } else { Vec::new() },
        is_author: author,
        pledges,
        offers,
        comments,
        my_pledge,
        my_offer,
        following,
        pledge_form,
        offer_form,
        comment_form: CommentForm::default(),
        close_reason: String::new(),
        errors: FieldErrors::new(),
        ad,
        ctx,
    })
}

async fn show(
    State(app): State<AppState>,
    ctx: PageCtx,
    MaybeUser(user): MaybeUser,
    Path(segment): Path<String>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, user.as_ref()).await?;
    let canonical = super::search::path(ad.id, &ad.slug);
    if format!("/annonces/{segment}") != canonical {
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    render(&ad_page(&app, ctx, ad).await?)
}

/// The ad page again, with a form's errors (422) or a conflict (409).
async fn again(
    app: &AppState,
    ctx: PageCtx,
    ad: AdRow,
    status: StatusCode,
    fill: impl FnOnce(&mut AdPage),
) -> Result<Response, AppError> {
    let mut page = ad_page(app, ctx, ad).await?;
    fill(&mut page);
    render_status(status, &page)
}

pub(super) fn one_error(field: &'static str, key: &'static str) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add(field, key);
    e
}

// ---- writing an ad ------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "ads/form.html")]
struct FormPage {
    ctx: PageCtx,
    /// `None` for a new ad.
    ad: Option<AdRow>,
    form: AdForm,
    errors: FieldErrors,
    kinds: Vec<Choice>,
    software: Vec<Choice>,
    regions: Vec<Choice>,
}

async fn form_page(
    app: &AppState,
    ctx: PageCtx,
    ad: Option<AdRow>,
    form: AdForm,
    errors: FieldErrors,
) -> Result<FormPage, AppError> {
    let lang = ctx.lang;
    let kinds = Kind::ALL
        .iter()
        .map(|k| Choice { value: k.as_str().into(), label: lang.t(k.label_key()), checked: form.kind == k.as_str() })
        .collect();
    let software = crate::directory::term_choices(&app.db, lang)
        .await?
        .into_iter()
        .filter(|(kind, _, _)| kind == "software")
        .map(|(_, slug, label)| Choice { checked: form.software == slug, value: slug, label })
        .collect();
    let regions = geo::regions()
        .iter()
        .map(|r| Choice { value: r.code.into(), label: r.name.into(), checked: form.region == r.code })
        .collect();
    Ok(FormPage { ctx, ad, form, errors, kinds, software, regions })
}

async fn new_page(State(app): State<AppState>, ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    let association = association_of(&app, &user).await?;
    let form = AdForm { association_name: association, ..AdForm::default() };
    render(&form_page(&app, ctx, None, form, FieldErrors::new()).await?)
}

/// The association the account acts for (empty when never given).
async fn association_of(app: &AppState, user: &CurrentUser) -> Result<String, AppError> {
    let name: Option<AssociationName> =
        db::one(app.db.conn(), "SELECT association_name FROM users WHERE id = $1", crate::vals![user.id]).await?;
    Ok(name.map(|n| n.association_name).unwrap_or_default())
}

#[derive(db::Row)]
struct AssociationName {
    association_name: String,
}

/// Remembers the association an account acts for, which makes it an association account.
async fn remember_association<C: sea_orm::ConnectionTrait>(
    c: &C,
    user: &CurrentUser,
    name: &str,
) -> Result<(), sea_orm::DbErr> {
    db::exec(c, "UPDATE users SET association_name = $1 WHERE id = $2", crate::vals![name, user.id]).await?;
    if !user.has(Role::Association) {
        db::exec(
            c,
            "INSERT INTO user_roles (user_id, role, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            crate::vals![user.id, Role::Association.as_str(), db::now()],
        )
        .await?;
    }
    Ok(())
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// The state an ad goes to when its author publishes it.
fn published_state(app: &AppState) -> Status {
    match app.config.ads_moderation {
        Moderation::Pre => Status::Pending,
        Moderation::Post => Status::Published,
    }
}

fn expiry(app: &AppState) -> i64 {
    db::now() + app.config.ads_lifetime_days * 86_400
}

async fn create(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<AdForm>,
) -> Result<Response, AppError> {
    let known = software_known(&app);
    let fields = match form.parse(&known, &today()) {
        Ok(f) => f,
        Err(errors) => {
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &form_page(&app, ctx, None, form, errors).await?);
        }
    };
    // Floods: at most `rate_forms` new ads per window and account.
    ratelimit::hit(&app.db, &format!("ad:{}", user.id), app.config.rate_forms, app.config.rate_window_minutes).await?;
    let txn = app.db.begin().await?;
    let id = store::insert(&txn, user.id, &fields).await?;
    remember_association(&txn, &user, &fields.association_name).await?;
    store::upsert_pledge(&txn, id, user.id, &fields.association_name, None).await?;
    store::follow(&txn, id, user.id).await?;
    let flash = if form.publishing() {
        let to = published_state(&app);
        store::publish(&txn, id, to, expiry(&app), &[Status::Draft]).await?;
        super::record_change(&txn, id).await?;
        if to == Status::Pending { "flash-ad-pending" } else { "flash-ad-published" }
    } else {
        "flash-ad-draft-saved"
    };
    txn.commit().await?;
    app.ads.changed();
    Ok(see_other(&super::search::path(id, &fields.slug), flash))
}

/// The author's own ad, or 403 for anyone else (404 when it cannot be seen at all).
async fn own(app: &AppState, segment: &str, user: &CurrentUser) -> Result<AdRow, AppError> {
    let ad = visible(app, segment, Some(user)).await?;
    if ad.author_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    Ok(ad)
}

fn editable(status: Status) -> bool {
    matches!(status, Status::Draft | Status::Pending | Status::Refused | Status::Published | Status::Funded)
}

async fn edit_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    if !editable(ad.status()) {
        return Ok(see_other(&super::search::path(ad.id, &ad.slug), "flash-ad-not-editable"));
    }
    let form = AdForm::from_row(&ad);
    render(&form_page(&app, ctx, Some(ad), form, FieldErrors::new()).await?)
}

async fn edit(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(mut form): CsrfForm<AdForm>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    let status = ad.status();
    if !editable(status) {
        return Ok(see_other(&super::search::path(ad.id, &ad.slug), "flash-ad-not-editable"));
    }
    // A public ad stays public: saving it checks it as fully as publishing it.
    let publishing = form.publishing() && matches!(status, Status::Draft | Status::Refused);
    if status.is_public() || status == Status::Pending {
        form.action = "publier".into();
    }
    let known = software_known(&app);
    let fields = match form.parse(&known, &today()) {
        Ok(f) => f,
        Err(errors) => {
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &form_page(&app, ctx, Some(ad), form, errors).await?,
            );
        }
    };
    let txn = app.db.begin().await?;
    store::update(&txn, ad.id, &fields).await?;
    remember_association(&txn, &user, &fields.association_name).await?;
    let mut flash = "flash-ad-saved";
    if publishing {
        let to = published_state(&app);
        store::publish(&txn, ad.id, to, expiry(&app), &[Status::Draft, Status::Refused]).await?;
        flash = if to == Status::Pending { "flash-ad-pending" } else { "flash-ad-published" };
    }
    super::record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    Ok(see_other(&super::search::path(ad.id, &fields.slug), flash))
}

#[derive(Template)]
#[template(path = "ads/mine.html")]
struct MinePage {
    ctx: PageCtx,
    ads: Vec<AdRow>,
}

async fn mine(State(app): State<AppState>, ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    let ads = store::by_author(&app.db, user.id).await?;
    render(&MinePage { ctx, ads })
}

// ---- lifecycle ----------------------------------------------------------------------------

async fn change_status(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    let path = super::search::path(ad.id, &ad.slug);
    let conflict = |ad: AdRow, ctx: PageCtx| {
        let app = app.clone();
        async move {
            again(&app, ctx, ad, StatusCode::CONFLICT, |p| p.errors = one_error("status", "err-ad-transition")).await
        }
    };
    if !actions(&ad).iter().any(|(a, _)| *a == form.action) {
        return conflict(ad, ctx).await;
    }
    let reason = match bounded(&form.close_reason, 0, 1000, "", "err-reason-long") {
        Ok(r) => r,
        Err(key) => {
            return again(&app, ctx, ad, StatusCode::UNPROCESSABLE_ENTITY, |p| {
                p.close_reason = form.close_reason.clone();
                p.errors = one_error("close_reason", key)
            })
            .await;
        }
    };
    if form.action == "publier" {
        // A draft must be complete before it is published: the form says what is missing.
        let mut full = AdForm::from_row(&ad);
        full.action = "publier".into();
        if let Err(errors) = full.parse(&software_known(&app), &today()) {
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &form_page(&app, ctx, Some(ad), full, errors).await?,
            );
        }
    }
    let txn = app.db.begin().await?;
    let (moved, to, flash) = match form.action.as_str() {
        "publier" => {
            let to = published_state(&app);
            let moved = store::publish(&txn, ad.id, to, expiry(&app), &[Status::Draft, Status::Refused]).await?;
            (moved, to, if to == Status::Pending { "flash-ad-pending" } else { "flash-ad-published" })
        }
        "rouvrir" => {
            let moved = store::publish(&txn, ad.id, Status::Published, expiry(&app), &[Status::Expired]).await?;
            // Pledges that already cover the accepted cost make it funded again.
            let to = if moved {
                store::settle_funding(&txn, ad.id).await?.unwrap_or(Status::Published)
            } else {
                Status::Published
            };
            (moved, to, "flash-ad-reopened")
        }
        "prolonger" => {
            let status = ad.status();
            (
                store::publish(&txn, ad.id, status, expiry(&app), &[Status::Published, Status::Funded]).await?,
                status,
                "flash-ad-extended",
            )
        }
        "demarrer" => (
            store::transition(&txn, ad.id, &[Status::Published, Status::Funded], Status::InProgress).await?,
            Status::InProgress,
            "flash-ad-status-changed",
        ),
        "terminer" => (
            store::transition(&txn, ad.id, &[Status::InProgress], Status::Done).await?,
            Status::Done,
            "flash-ad-status-changed",
        ),
        _ if ad.status() == Status::Pending => (
            store::transition(&txn, ad.id, &[Status::Pending], Status::Draft).await?,
            Status::Draft,
            "flash-ad-withdrawn",
        ),
        _ => {
            let moved = store::transition(
                &txn,
                ad.id,
                &[Status::Published, Status::Funded, Status::InProgress],
                Status::Closed,
            )
            .await?;
            if moved {
                store::set_close_reason(&txn, ad.id, &reason).await?;
            }
            (moved, Status::Closed, "flash-ad-status-changed")
        }
    };
    if !moved {
        drop(txn);
        return conflict(ad, ctx).await;
    }
    super::record_change(&txn, ad.id).await?;
    if to != ad.status() && to.is_public() {
        notify(&app, &txn, &ad, Some(user.id), "mail-ad-status", &[("status_fr", to.label_key().to_owned())]).await?;
    }
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    Ok(see_other(&path, flash))
}

// ---- joining and pledging -----------------------------------------------------------------

async fn pledge(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<PledgeForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    if !ad.status().is_open() {
        return again(&app, ctx, ad, StatusCode::CONFLICT, |p| {
            p.pledge_form = form;
            p.errors = one_error("pledge", "err-ad-not-open");
        })
        .await;
    }
    let new = match form.parse() {
        Ok(p) => p,
        Err(errors) => {
            return again(&app, ctx, ad, StatusCode::UNPROCESSABLE_ENTITY, |p| {
                p.pledge_form = form;
                p.errors = errors;
            })
            .await;
        }
    };
    let joined_before = store::pledges(&app.db, ad.id).await?.iter().any(|p| p.user_id == user.id);
    let txn = app.db.begin().await?;
    store::upsert_pledge(&txn, ad.id, user.id, &new.association_name, new.amount).await?;
    remember_association(&txn, &user, &new.association_name).await?;
    store::follow(&txn, ad.id, user.id).await?;
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify(&app, &txn, &ad, None, "mail-ad-status", &[("status_fr", to.label_key().to_owned())]).await?;
    }
    if !joined_before
        && ad.author_id != Some(user.id)
        && let Some((email, lang)) = author_contact(&txn, &ad).await?
    {
        let amount = new.amount.map(|a| lang.t_args("mail-ad-joined-amount", &[("amount", lang.euros(a))]));
        let args = [
            ("title", ad.title.clone()),
            ("association", new.association_name.clone()),
            ("amount", amount.unwrap_or_default()),
            ("url", format!("{}{}", app.config.base(), super::search::path(ad.id, &ad.slug))),
        ];
        mail::queue(&txn, &Mail::compose(lang, &email, ad.author_id, "mail-ad-joined", &args)).await?;
    }
    super::record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    let flash = if joined_before { "flash-pledge-updated" } else { "flash-ad-joined" };
    Ok(see_other(&super::search::path(ad.id, &ad.slug), flash))
}

async fn unpledge(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(_): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    if !ad.status().is_open() {
        return again(&app, ctx, ad, StatusCode::CONFLICT, |p| p.errors = one_error("pledge", "err-ad-not-open")).await;
    }
    if ad.author_id == Some(user.id) {
        return again(&app, ctx, ad, StatusCode::CONFLICT, |p| {
            p.errors = one_error("pledge", "err-pledge-author-stays")
        })
        .await;
    }
    let txn = app.db.begin().await?;
    if !store::delete_pledge(&txn, ad.id, user.id).await? {
        drop(txn);
        return Ok(see_other(&super::search::path(ad.id, &ad.slug), "flash-pledge-withdrawn"));
    }
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify(&app, &txn, &ad, None, "mail-ad-status", &[("status_fr", to.label_key().to_owned())]).await?;
    }
    super::record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    Ok(see_other(&super::search::path(ad.id, &ad.slug), "flash-pledge-withdrawn"))
}

// ---- offers -------------------------------------------------------------------------------

async fn offer(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<OfferForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    let refuse = |key: &'static str, status: StatusCode, ad: AdRow, ctx: PageCtx, form: OfferForm| {
        let app = app.clone();
        async move {
            again(&app, ctx, ad, status, |p| {
                p.offer_form = form;
                p.errors = one_error("offer_amount", key);
            })
            .await
        }
    };
    if ad.author_id == Some(user.id) {
        return refuse("err-offer-own-ad", StatusCode::FORBIDDEN, ad, ctx, form).await;
    }
    if !ad.status().is_open() || ad.accepted_offer_id.is_some() {
        return refuse("err-offer-closed", StatusCode::CONFLICT, ad, ctx, form).await;
    }
    let new = match form.parse() {
        Ok(o) => o,
        Err(errors) => {
            return again(&app, ctx, ad, StatusCode::UNPROCESSABLE_ENTITY, |p| {
                p.offer_form = form;
                p.errors = errors;
            })
            .await;
        }
    };
    let structure = crate::directory::team_structure(&app.db, user.id).await?.filter(|s| s.status == "approved");
    let author_name = structure.as_ref().map(|s| s.name.clone()).unwrap_or_else(|| user.display_name.clone());
    let existed = store::offers(&app.db, ad.id).await?.iter().any(|o| o.user_id == user.id);
    let txn = app.db.begin().await?;
    let saved = store::upsert_offer(
        &txn,
        &store::NewOffer {
            ad_id: ad.id,
            user_id: user.id,
            structure_id: structure.as_ref().map(|s| s.id),
            author_name: &author_name,
            amount: new.amount,
            timeframe: &new.timeframe,
            message: &new.message,
        },
    )
    .await?;
    if !saved {
        drop(txn);
        return refuse("err-offer-accepted-fixed", StatusCode::CONFLICT, ad, ctx, form).await;
    }
    store::follow(&txn, ad.id, user.id).await?;
    if !existed {
        let args =
            [("who", author_name.clone()), ("euros", new.amount.to_string()), ("timeframe", new.timeframe.clone())];
        notify(&app, &txn, &ad, Some(user.id), "mail-ad-offer", &args).await?;
    }
    super::record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    Ok(see_other(
        &super::search::path(ad.id, &ad.slug),
        if existed { "flash-offer-updated" } else { "flash-offer-sent" },
    ))
}

async fn withdraw_offer(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(_): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    let txn = app.db.begin().await?;
    if !store::withdraw_offer(&txn, ad.id, user.id).await? {
        drop(txn);
        return again(&app, ctx, ad, StatusCode::CONFLICT, |p| {
            p.errors = one_error("offer_amount", "err-offer-accepted-fixed")
        })
        .await;
    }
    super::record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    Ok(see_other(&super::search::path(ad.id, &ad.slug), "flash-offer-withdrawn"))
}

async fn accept_offer(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((segment, offer_id)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let ad = own(&app, &segment, &user).await?;
    let offer_id = offer_id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let offer = store::offer(app.db.conn(), offer_id).await?.filter(|o| o.ad_id == ad.id).ok_or(AppError::NotFound)?;
    if offer.status != "open" || ad.accepted_offer_id.is_some() || !ad.status().is_open() {
        return again(&app, ctx, ad, StatusCode::CONFLICT, |p| {
            p.errors = one_error("offers", "err-offer-cannot-accept")
        })
        .await;
    }
    let txn = app.db.begin().await?;
    if !store::accept_offer(&txn, ad.id, &offer).await? {
        drop(txn);
        return again(&app, ctx, ad, StatusCode::CONFLICT, |p| {
            p.errors = one_error("offers", "err-offer-cannot-accept")
        })
        .await;
    }
    let args = [("who", offer.author_name.clone()), ("euros", offer.amount.to_string())];
    notify(&app, &txn, &ad, Some(user.id), "mail-ad-offer-accepted", &args).await?;
    if let Some(to) = store::settle_funding(&txn, ad.id).await? {
        notify(&app, &txn, &ad, None, "mail-ad-status", &[("status_fr", to.label_key().to_owned())]).await?;
    }
    super::record_change(&txn, ad.id).await?;
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    Ok(see_other(&super::search::path(ad.id, &ad.slug), "flash-offer-accepted"))
}

// ---- comments and following ------------------------------------------------------------------

async fn comment(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    if !ad.status().is_public() {
        return again(&app, ctx, ad, StatusCode::CONFLICT, |p| {
            p.comment_form = form;
            p.errors = one_error("comment", "err-comment-not-public");
        })
        .await;
    }
    let body = match form.parse() {
        Ok(b) => b,
        Err(errors) => {
            return again(&app, ctx, ad, StatusCode::UNPROCESSABLE_ENTITY, |p| {
                p.comment_form = form;
                p.errors = errors;
            })
            .await;
        }
    };
    let since = db::now() - app.config.rate_window_minutes * 60;
    if store::comments_since(&app.db, user.id, since).await? >= app.config.rate_comments {
        return again(&app, ctx, ad, StatusCode::TOO_MANY_REQUESTS, |p| {
            p.comment_form = form;
            p.errors = one_error("comment", "err-comment-flood");
        })
        .await;
    }
    let status = match app.config.ads_moderation {
        Moderation::Pre => "pending",
        Moderation::Post => "published",
    };
    let txn = app.db.begin().await?;
    store::insert_comment(&txn, ad.id, user.id, &user.display_name, &body, status).await?;
    store::follow(&txn, ad.id, user.id).await?;
    // The ad's pages change: every node empties its cache of them.
    super::record_change(&txn, ad.id).await?;
    if status == "published" {
        let args = [("who", user.display_name.clone()), ("comment", super::search::excerpt(&body, 600))];
        notify(&app, &txn, &ad, Some(user.id), "mail-ad-comment", &args).await?;
    }
    txn.commit().await?;
    app.ads.changed();
    app.mail_queued();
    let flash = if status == "pending" { "flash-comment-pending" } else { "flash-comment-posted" };
    Ok(see_other(&format!("{}#commentaires", super::search::path(ad.id, &ad.slug)), flash))
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct FollowForm {
    /// "oui" follows, anything else stops following.
    follow: String,
}

async fn follow(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(segment): Path<String>,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> Result<Response, AppError> {
    let ad = visible(&app, &segment, Some(&user)).await?;
    let path = super::search::path(ad.id, &ad.slug);
    if form.follow == "oui" {
        store::follow(app.db.conn(), ad.id, user.id).await?;
        Ok(see_other(&path, "flash-ad-followed"))
    } else {
        store::unfollow(app.db.conn(), ad.id, user.id).await?;
        Ok(see_other(&path, "flash-ad-unfollowed"))
    }
}

/// The token of the unsubscribe link of one follower of one ad.
fn unsubscribe_token(secret: &[u8], ad_id: i64, user_id: i64) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else { return String::new() };
    mac.update(format!("unfollow:{ad_id}:{user_id}").as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct UnsubscribeQuery {
    u: String,
    t: String,
}

#[derive(Template)]
#[template(path = "ads/unsubscribe.html")]
struct UnsubscribePage {
    ctx: PageCtx,
    title: String,
    path: String,
    action: String,
    done: bool,
}

fn check_unsubscribe(app: &AppState, ad_id: i64, q: &UnsubscribeQuery) -> Result<i64, AppError> {
    let user_id = q.u.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let expected = unsubscribe_token(&app.secret, ad_id, user_id);
    if expected.is_empty() || !subtle_eq(expected.as_bytes(), q.t.as_bytes()) {
        return Err(AppError::NotFound);
    }
    Ok(user_id)
}

fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// GET from the email: one button to stop following (mail scanners that open links change nothing).
async fn unsubscribe_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(segment): Path<String>,
    Query(q): Query<UnsubscribeQuery>,
) -> Result<Response, AppError> {
    let ad = store::by_id(app.db.conn(), ad_id(&segment)?).await?.ok_or(AppError::NotFound)?;
    check_unsubscribe(&app, ad.id, &q)?;
    render(&UnsubscribePage {
        ctx,
        title: ad.title.clone(),
        path: super::search::path(ad.id, &ad.slug),
        action: format!("/annonces/{}/desabonnement?u={}&t={}", ad.id, q.u, q.t),
        done: false,
    })
}

/// POST: the link itself is the proof; no session needed (one click from the email).
async fn unsubscribe(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(segment): Path<String>,
    Query(q): Query<UnsubscribeQuery>,
    CsrfForm(_): CsrfForm<FollowForm>,
) -> Result<Response, AppError> {
    let ad = store::by_id(app.db.conn(), ad_id(&segment)?).await?.ok_or(AppError::NotFound)?;
    let user_id = check_unsubscribe(&app, ad.id, &q)?;
    store::unfollow(app.db.conn(), ad.id, user_id).await?;
    render(&UnsubscribePage {
        ctx,
        title: ad.title.clone(),
        path: super::search::path(ad.id, &ad.slug),
        action: String::new(),
        done: true,
    })
}

// ---- reports -------------------------------------------------------------------------------

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct ReportQuery {
    commentaire: String,
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct ReportForm {
    report_reason: String,
    report_message: String,
    report_email: String,
}

#[derive(Template)]
#[template(path = "ads/report.html")]
struct ReportPage {
    ctx: PageCtx,
    title: String,
    path: String,
    action: String,
    comment: Option<store::Comment>,
    form: ReportForm,
    errors: FieldErrors,
}

async fn report_target(
    app: &AppState,
    segment: &str,
    q: &ReportQuery,
) -> Result<(AdRow, Option<store::Comment>), AppError> {
    let ad = store::by_id(app.db.conn(), ad_id(segment)?).await?.ok_or(AppError::NotFound)?;
    if !ad.status().is_public() {
        return Err(AppError::NotFound);
    }
    let comment = match q.commentaire.as_str() {
        "" => None,
        c => {
            let id = c.parse::<i64>().map_err(|_| AppError::NotFound)?;
            let c = store::comment(app.db.conn(), id).await?.filter(|c| c.ad_id == ad.id && c.status == "published");
            Some(c.ok_or(AppError::NotFound)?)
        }
    };
    Ok((ad, comment))
}

async fn report_page(
    State(app): State<AppState>,
    ctx: PageCtx,
    Path(segment): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let (ad, comment) = report_target(&app, &segment, &q).await?;
    let action = match &comment {
        Some(c) => format!("/annonces/{}/signaler?commentaire={}", ad.id, c.id),
        None => format!("/annonces/{}/signaler", ad.id),
    };
    let form = ReportForm {
        report_email: ctx.user.as_ref().map(|u| u.email.clone()).unwrap_or_default(),
        ..ReportForm::default()
    };
    render(&ReportPage {
        path: super::search::path(ad.id, &ad.slug),
        title: ad.title,
        action,
        comment,
        form,
        errors: FieldErrors::new(),
        ctx,
    })
}

async fn report(
    State(app): State<AppState>,
    ctx: PageCtx,
    ip: ClientIp,
    Path(segment): Path<String>,
    Query(q): Query<ReportQuery>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> Result<Response, AppError> {
    ratelimit::hit(&app.db, &format!("report:{}", ip.0), app.config.rate_forms, app.config.rate_window_minutes).await?;
    let (ad, comment) = report_target(&app, &segment, &q).await?;
    let mut errors = FieldErrors::new();
    let reason = match form.report_reason.as_str() {
        "abuse" | "spam" | "inaccurate" => form.report_reason.clone(),
        "" => {
            errors.add("report_reason", "err-report-reason-required");
            String::new()
        }
        _ => {
            errors.add("report_reason", "err-choice-invalid");
            String::new()
        }
    };
    let message = errors.check("report_message", bounded(&form.report_message, 0, 2000, "", "err-report-long"));
    let email = if form.report_email.trim().is_empty() {
        Some(String::new())
    } else {
        errors.check("report_email", Email::parse(&form.report_email).map(|e| e.to_string()))
    };
    let path = super::search::path(ad.id, &ad.slug);
    match (message, email) {
        (Some(message), Some(email)) if errors.is_empty() => {
            let target = match &comment {
                Some(c) => crate::moderation::ReportTarget::AdComment(c.id),
                None => crate::moderation::ReportTarget::Ad(ad.id),
            };
            crate::moderation::report(&app.db, target, &reason, &message, &email).await?;
            Ok(see_other(&path, "flash-ad-report-sent"))
        }
        _ => {
            let action = match &comment {
                Some(c) => format!("/annonces/{}/signaler?commentaire={}", ad.id, c.id),
                None => format!("/annonces/{}/signaler", ad.id),
            };
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ReportPage { ctx, title: ad.title, path, action, comment, form, errors },
            )
        }
    }
}

// ---- emails ------------------------------------------------------------------------------

/// "1 500 €" / "€1,500".
pub fn format_euros(lang: Lang, amount: i64) -> String {
    lang.euros(amount)
}

/// The author's address and language.
pub async fn author_contact<C: sea_orm::ConnectionTrait>(
    c: &C,
    ad: &AdRow,
) -> Result<Option<(String, Lang)>, sea_orm::DbErr> {
    match ad.author_id {
        Some(author) => store::contact(c, author).await,
        None => Ok(None),
    }
}

/// Tells every follower of `ad` but `actor`, each in their language, with their one-click
/// unsubscribe link. An argument named `status_fr` is a message key and `euros` an amount: both
/// are written in each follower's language (as `status` and `amount`).
pub async fn notify<C: sea_orm::ConnectionTrait>(
    app: &AppState,
    c: &C,
    ad: &AdRow,
    actor: Option<i64>,
    key: &str,
    args: &[(&'static str, String)],
) -> Result<(), sea_orm::DbErr> {
    let url = format!("{}{}", app.config.base(), super::search::path(ad.id, &ad.slug));
    for f in store::followers(c, ad.id).await? {
        if Some(f.user_id) == actor {
            continue;
        }
        let lang = Lang::parse(&f.locale).unwrap_or(Lang::Fr);
        let mut all: Vec<(&'static str, String)> = args
            .iter()
            .map(|(k, v)| match *k {
                "status_fr" => ("status", lang.t(v)),
                "euros" => ("amount", v.parse::<i64>().map(|a| lang.euros(a)).unwrap_or_else(|_| v.clone())),
                _ => (*k, v.clone()),
            })
            .collect();
        all.push(("title", ad.title.clone()));
        all.push(("url", url.clone()));
        all.push((
            "unsubscribe",
            format!(
                "{}/annonces/{}/desabonnement?u={}&t={}",
                app.config.base(),
                ad.id,
                f.user_id,
                unsubscribe_token(&app.secret, ad.id, f.user_id)
            ),
        ));
        mail::queue(c, &Mail::compose(lang, &f.email, Some(f.user_id), key, &all)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_are_grouped_per_language() {
        assert_eq!(format_euros(Lang::Fr, 1500), "1\u{202f}500\u{a0}€");
        assert_eq!(format_euros(Lang::En, 1_234_567), "€1,234,567");
        assert_eq!(format_euros(Lang::Fr, 80), "80\u{a0}€");
    }

    #[test]
    fn ad_ids_come_from_the_start_of_the_segment() {
        assert_eq!(ad_id("12-un-titre").ok(), Some(12));
        assert_eq!(ad_id("12").ok(), Some(12));
        assert!(ad_id("abc").is_err());
        assert!(ad_id("-3").is_err());
    }

    #[test]
    fn unsubscribe_tokens_are_bound_to_the_ad_and_the_person() {
        let s = b"0123456789abcdef0123456789abcdef";
        assert_eq!(unsubscribe_token(s, 1, 2), unsubscribe_token(s, 1, 2));
        assert_ne!(unsubscribe_token(s, 1, 2), unsubscribe_token(s, 1, 3));
        assert_ne!(unsubscribe_token(s, 1, 2), unsubscribe_token(s, 2, 2));
    }
}
