//! Ads pages, one file per action: the searchable list, the ad page, writing an ad, its
//! lifecycle, pledges, offers, comments, following and reports. Handlers extract and parse,
//! call one unit of work of `ads::actions`, then answer: a 303 with a flash, or the page again
//! with the messages next to the fields and what was typed kept.

mod comment;
mod follow;
mod lifecycle;
mod list;
mod offer;
mod pledge;
mod report;
mod show;
mod write;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::forms::{AdForm, CommentForm, OfferForm, PledgeForm};
use super::store::{self, AdRow};
use super::{AdAction, AdError, CommentStatus, Kind, Status};
use crate::app::AppState;
use crate::config::Moderation;
use crate::geo;
use crate::web::forms::Choice;
use crate::web::{AppError, CurrentUser, FieldErrors, PageCtx, Role, render_status};

pub use list::ListQuery;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/annonces", get(list::list))
        .route("/annonces/nouvelle", get(write::new_page).post(write::create))
        .route("/annonces/mes-annonces", get(write::mine))
        .route("/annonces/{ad}", get(show::show))
        .route("/annonces/{ad}/modifier", get(write::edit_page).post(write::edit))
        .route("/annonces/{ad}/statut", post(lifecycle::change_status))
        .route("/annonces/{ad}/soutien", post(pledge::pledge))
        .route("/annonces/{ad}/soutien/retirer", post(pledge::unpledge))
        .route("/annonces/{ad}/offres", post(offer::offer))
        .route("/annonces/{ad}/offres/retirer", post(offer::withdraw))
        .route("/annonces/{ad}/offres/{offer}/accepter", post(offer::accept))
        .route("/annonces/{ad}/commentaires", post(comment::comment))
        .route("/annonces/{ad}/suivre", post(follow::follow))
        .route("/annonces/{ad}/desabonnement", get(follow::unsubscribe_page).post(follow::unsubscribe))
        .route("/annonces/{ad}/signaler", get(report::report_page).post(report::report))
}

// ---- finding the ad -------------------------------------------------------------------------

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

/// Any ad, by the path segment, whoever may see it (the links of emails decide themselves).
async fn any(app: &AppState, segment: &str) -> Result<AdRow, AppError> {
    store::by_id(app.db.conn(), ad_id(segment)?).await?.ok_or(AppError::NotFound)
}

/// The ad, when this visitor may see it: public, or theirs, or they moderate.
async fn visible(app: &AppState, segment: &str, user: Option<&CurrentUser>) -> Result<AdRow, AppError> {
    let ad = any(app, segment).await?;
    if ad.status.is_public() || is_author(&ad, user) || is_moderator(user) { Ok(ad) } else { Err(AppError::NotFound) }
}

/// The author's own ad, or 403 for anyone else (404 when it cannot be seen at all).
async fn own(app: &AppState, segment: &str, user: &CurrentUser) -> Result<AdRow, AppError> {
    let ad = visible(app, segment, Some(user)).await?;
    if ad.author_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    Ok(ad)
}

// ---- the ad page, shared by the actions that answer with it ------------------------------------

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
    /// When the author's change waiting for a moderator was written (shown to the author).
    changes_waiting: Option<i64>,
    actions: Vec<(&'static str, &'static str)>,
    pledge_form: PledgeForm,
    offer_form: OfferForm,
    comment_form: CommentForm,
    close_reason: String,
    errors: FieldErrors,
}

/// "Région · À distance", or one of them, in the page's language.
fn place(lang: crate::web::Lang, region: Option<String>, remote: bool) -> String {
    match (region, remote) {
        (Some(r), true) => format!("{r} · {}", lang.t("ads-remote")),
        (Some(r), false) => r,
        (None, true) => lang.t("ads-remote"),
        (None, false) => String::new(),
    }
}

async fn ad_page(app: &AppState, ctx: PageCtx, mut ad: AdRow) -> Result<AdPage, AppError> {
    let user = ctx.user.clone();
    let lang = ctx.lang;
    let mut pledges = store::pledges(&app.db, ad.id).await?;
    let mut offers = store::offers(&app.db, ad.id).await?;
    let comments = store::comments(&app.db, ad.id)
        .await?
        .into_iter()
        .filter(|c| c.status == CommentStatus::Published || user.as_ref().is_some_and(|u| c.user_id == Some(u.id)))
        .map(|c| CommentView { html: crate::web::markdown(&c.body), c })
        .collect();
    let status = ad.status;
    let author = is_author(&ad, user.as_ref());
    // Under pre-moderation, what the participants typed and nobody reviewed (an offer's message
    // and time frame, the name of a person without an approved structure, the names given to
    // pledges, the reason of a closing) is shown to the author, the moderators and its writer.
    let reviewed_only = app.config.ads_moderation == Moderation::Pre && !author && !is_moderator(user.as_ref());
    let me = user.as_ref().map(|u| u.id);
    if reviewed_only {
        for o in offers.iter_mut().filter(|o| Some(o.user_id) != me) {
            if o.structure_slug.is_none() {
                o.author_name = lang.t("ads-offer-someone");
            }
            o.message.clear();
            o.timeframe.clear();
        }
        for p in pledges.iter_mut().filter(|p| Some(p.user_id) != me) {
            p.association_name = lang.t("ads-pledge-someone");
        }
        ad.close_reason.clear();
    }
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
    let changes_waiting =
        if author { super::actions::pending_changes(&app.db, &ad).await?.map(|(at, _)| at) } else { None };
    let actions = if author {
        AdAction::available(status, ad.accepted_offer_id.is_some()).into_iter().map(|(a, l)| (a.as_str(), l)).collect()
    } else {
        Vec::new()
    };
    Ok(AdPage {
        body_html: crate::web::markdown(&ad.body),
        kind: ad.kind,
        status,
        software,
        place: place(lang, region, ad.remote),
        tags: ad.tags.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        progress: super::search::progress(ad.pledged, target),
        target,
        can_offer: user.is_some() && !author && status.is_open() && ad.accepted_offer_id.is_none(),
        can_comment: user.is_some() && status.is_public(),
        can_edit: author && super::actions::editable(status),
        changes_waiting,
        actions,
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

/// The ad page again after a refused action: the rule's message next to its field with the
/// page's status (422, 409, 403, 429), `keep` putting back what was typed. Errors without a
/// message on the ad page become error pages.
async fn refused(
    app: &AppState,
    ctx: PageCtx,
    ad: AdRow,
    error: AdError,
    keep: impl FnOnce(&mut AdPage),
) -> Result<Response, AppError> {
    let Some((status, errors)) = error.page_errors() else { return Err(error.into()) };
    let mut page = ad_page(app, ctx, ad).await?;
    keep(&mut page);
    page.errors = errors;
    render_status(status, &page)
}

// ---- the author's form, shared by writing and publishing ---------------------------------------

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

/// The author's form again, with its messages (422).
async fn form_again(
    app: &AppState,
    ctx: PageCtx,
    ad: Option<AdRow>,
    form: AdForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &form_page(app, ctx, ad, form, errors).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ad_ids_come_from_the_start_of_the_segment() {
        assert_eq!(ad_id("12-un-titre").ok(), Some(12));
        assert_eq!(ad_id("12").ok(), Some(12));
        assert!(ad_id("abc").is_err());
        assert!(ad_id("-3").is_err());
    }
}
