//! The emails of the ads: what followers and authors are told, each in their own language,
//! with typed arguments (a status is written with its label, an amount in euros, in the
//! reader's language), and the one-click unsubscribe link every follower gets.
//!
//! What pledges, offers and comments cause (a new offer, a change between published and
//! funded, a comment published) is debounced: a follower gets at most one email per ad every `ads_notice_minutes`. The notices
//! are collected (`collect`); when no such email went out within the window they leave at once,
//! else the scheduled task `send_due_notices` sends what was collected once the window has
//! passed, in one email (a digest when there are several). Status changes are netted: only the
//! state the ad is in then is told, and nothing when it is back where the followers last heard
//! it was (a pledge withdrawn then made again tells nobody); a comment removed by a moderator
//! before the email left is not told.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::Status;
use super::search::{excerpt, path};
use super::store::{self, AdRow, NewNotice, NoticeKind, NoticeRow};
use crate::app::AppState;
use crate::db;
use crate::mail::{self, Email as Mail};
use crate::web::Lang;

/// What followers are told about an ad.
#[derive(Debug, Clone)]
pub enum Notice {
    /// The ad went to a new public state.
    Status(Status),
    /// A new offer.
    Offer { who: String, amount: i64, timeframe: String },
    /// The author accepted an offer.
    OfferAccepted { who: String, amount: i64 },
    /// A new published comment (an excerpt of it).
    Comment { who: String, excerpt: String },
}

impl Notice {
    /// The line of this notice in a digest, in the reader's language.
    fn line(&self, lang: Lang) -> String {
        let key = match self {
            Notice::Status(_) => "mail-ad-update-status",
            Notice::Offer { .. } => "mail-ad-update-offer",
            Notice::OfferAccepted { .. } => "mail-ad-update-offer-accepted",
            Notice::Comment { .. } => "mail-ad-update-comment",
        };
        lang.t_args(key, &self.args(lang))
    }

    fn key(&self) -> &'static str {
        match self {
            Notice::Status(_) => "mail-ad-status",
            Notice::Offer { .. } => "mail-ad-offer",
            Notice::OfferAccepted { .. } => "mail-ad-offer-accepted",
            Notice::Comment { .. } => "mail-ad-comment",
        }
    }

    /// The message's arguments in the reader's language.
    fn args(&self, lang: Lang) -> Vec<(&'static str, String)> {
        match self {
            Notice::Status(status) => vec![("status", lang.t(status.label_key()))],
            Notice::Offer { who, amount, timeframe } => {
                // Under pre-moderation, what nobody reviewed is left out (see `actions::offer`).
                let who = if who.is_empty() { lang.t("mail-ad-offer-someone") } else { who.clone() };
                let timeframe = if timeframe.is_empty() {
                    String::new()
                } else {
                    lang.t_args("mail-ad-offer-timeframe", &[("timeframe", timeframe.clone())])
                };
                vec![("who", who), ("amount", lang.euros(*amount)), ("timeframe", timeframe)]
            }
            Notice::OfferAccepted { who, amount } => vec![("who", who.clone()), ("amount", lang.euros(*amount))],
            Notice::Comment { who, excerpt } => vec![("who", who.clone()), ("comment", excerpt.clone())],
        }
    }
}

/// The ad's address on this instance, in the reader's language.
pub fn ad_url(app: &AppState, ad: &AdRow, lang: Lang) -> String {
    format!("{}{}", app.config.base(), lang.href(&path(ad.id, &ad.slug)))
}

/// Tells every follower of `ad` but `actor`, each in their language, with their one-click
/// unsubscribe link.
pub async fn followers<C: sea_orm::ConnectionTrait>(
    app: &AppState,
    c: &C,
    ad: &AdRow,
    actor: Option<i64>,
    notice: &Notice,
) -> db::Result<()> {
    send(app, c, ad, &[(actor, notice.clone())]).await.map(|_| ())
}

/// Emails each follower of `ad` the notices of `items` that someone else caused (the actor of
/// each item is not told): one the usual email, several a digest. Returns how many emails.
async fn send<C: sea_orm::ConnectionTrait>(
    app: &AppState,
    c: &C,
    ad: &AdRow,
    items: &[(Option<i64>, Notice)],
) -> db::Result<usize> {
    let mut sent = 0;
    for f in store::followers(c, ad.id).await? {
        let theirs: Vec<&Notice> =
            items.iter().filter(|(actor, _)| *actor != Some(f.user_id)).map(|(_, n)| n).collect();
        let lang = Lang::parse(&f.locale).unwrap_or(Lang::Fr);
        let (key, mut args) = match theirs.as_slice() {
            [] => continue,
            [one] => (one.key(), one.args(lang)),
            many => {
                let lines: Vec<String> = many.iter().map(|n| format!("- {}", n.line(lang))).collect();
                ("mail-ad-updates", vec![("count", many.len().to_string()), ("updates", lines.join("\n"))])
            }
        };
        args.push(("title", ad.title.clone()));
        args.push(("url", ad_url(app, ad, lang)));
        let unsubscribe = format!(
            "/annonces/{}/desabonnement?u={}&t={}",
            ad.id,
            f.user_id,
            unsubscribe_token(&app.secret, ad.id, f.user_id)
        );
        args.push(("unsubscribe", format!("{}{}", app.config.base(), lang.href(&unsubscribe))));
        mail::queue(c, &Mail::compose(lang, &f.email, Some(f.user_id), key, &args)).await?;
        sent += 1;
    }
    Ok(sent)
}

/// A pledge or an offer event to tell the followers of an ad, debounced (see the module).
pub enum Event<'a> {
    /// The pledges moved the ad from one state to another.
    Status { from: Status, to: Status },
    /// `actor` made their first offer on the ad.
    Offer { actor: i64, who: &'a str, amount: i64, timeframe: &'a str },
    /// `actor`'s comment `comment` was published under the ad.
    Comment { actor: Option<i64>, who: &'a str, comment: i64 },
}

/// Collects `event` for the followers of `ad` and sends what was collected if no such email
/// went out within `ads_notice_minutes` (inside the caller's transaction).
pub async fn collect<C: sea_orm::ConnectionTrait>(
    app: &AppState,
    c: &C,
    ad: &AdRow,
    event: Event<'_>,
) -> db::Result<()> {
    let notice = match event {
        Event::Status { from, to } => NewNotice {
            actor_id: None,
            kind: NoticeKind::Status,
            from_status: Some(from),
            to_status: Some(to),
            who: "",
            amount: None,
            timeframe: "",
            comment_id: None,
        },
        Event::Offer { actor, who, amount, timeframe } => NewNotice {
            actor_id: Some(actor),
            kind: NoticeKind::Offer,
            from_status: None,
            to_status: None,
            who,
            amount: Some(amount),
            timeframe,
            comment_id: None,
        },
        Event::Comment { actor, who, comment } => NewNotice {
            actor_id: actor,
            kind: NoticeKind::Comment,
            from_status: None,
            to_status: None,
            who,
            amount: None,
            timeframe: "",
            comment_id: Some(comment),
        },
    };
    store::insert_notice(c, ad.id, &notice).await?;
    send_collected(app, c, ad.id).await.map(|_| ())
}

/// Sends the notices collected for the followers of ad `ad_id` if they are due (no such email
/// went out within `ads_notice_minutes`); returns how many emails went.
pub async fn send_collected<C: sea_orm::ConnectionTrait>(app: &AppState, c: &C, ad_id: i64) -> db::Result<usize> {
    let cutoff = db::now() - app.config.ads_notice_minutes * 60;
    if store::notices_sent_at(c, ad_id).await?.is_some_and(|at| at > cutoff) {
        return Ok(0);
    }
    let rows = store::pending_notices(c, ad_id).await?;
    let Some(last_id) = rows.last().map(|r| r.id) else { return Ok(0) };
    let Some(ad) = store::by_id(c, ad_id).await? else { return Ok(0) };
    // An ad taken down or back in the drafts meanwhile tells nothing more.
    let items = if ad.status.is_public() { netted(&rows, ad.status) } else { Vec::new() };
    let mut sent = 0;
    if !items.is_empty() {
        if !store::claim_notices(c, ad_id, cutoff).await? {
            return Ok(0);
        }
        sent = send(app, c, &ad, &items).await?;
    }
    store::delete_notices(c, ad_id, last_id).await?;
    Ok(sent)
}

/// What the collected `rows` tell, the ad being in `now`: each new offer, and the state the
/// ad is in if it differs from the one the followers last heard of (the first change's origin).
fn netted(rows: &[NoticeRow], now: Status) -> Vec<(Option<i64>, Notice)> {
    let mut items = Vec::new();
    let statuses: Vec<&NoticeRow> = rows.iter().filter(|r| r.kind == NoticeKind::Status).collect();
    if let (Some(first), Some(last)) = (statuses.first(), statuses.last())
        && last.to_status == Some(now)
        && first.from_status != Some(now)
    {
        items.push((None, Notice::Status(now)));
    }
    for r in rows {
        let notice = match (r.kind, &r.comment_body) {
            (NoticeKind::Offer, _) => {
                Notice::Offer { who: r.who.clone(), amount: r.amount.unwrap_or(0), timeframe: r.timeframe.clone() }
            }
            // A comment removed or refused meanwhile is not told.
            (NoticeKind::Comment, Some(body)) => Notice::Comment { who: r.who.clone(), excerpt: excerpt(body, 600) },
            _ => continue,
        };
        items.push((r.actor_id, notice));
    }
    items
}

/// The author's address and language.
pub async fn author_contact<C: sea_orm::ConnectionTrait>(c: &C, ad: &AdRow) -> db::Result<Option<(String, Lang)>> {
    match ad.author_id {
        Some(author) => store::contact(c, author).await,
        None => Ok(None),
    }
}

/// Tells the author that an association joined their ad (with its pledge, if any).
pub async fn joined<C: sea_orm::ConnectionTrait>(
    app: &AppState,
    c: &C,
    ad: &AdRow,
    association: &str,
    amount: Option<i64>,
) -> db::Result<()> {
    let Some((email, lang)) = author_contact(c, ad).await? else { return Ok(()) };
    let amount = amount.map(|a| lang.t_args("mail-ad-joined-amount", &[("amount", lang.euros(a))]));
    let args = [
        ("title", ad.title.clone()),
        ("association", association.to_owned()),
        ("amount", amount.unwrap_or_default()),
        ("url", ad_url(app, ad, lang)),
    ];
    mail::queue(c, &Mail::compose(lang, &email, ad.author_id, "mail-ad-joined", &args)).await
}

/// Reminds the author that their ad expires at `expires_at`.
pub async fn expiring<C: sea_orm::ConnectionTrait>(
    app: &AppState,
    c: &C,
    ad: &AdRow,
    expires_at: i64,
) -> db::Result<()> {
    let Some((email, lang)) = author_contact(c, ad).await? else { return Ok(()) };
    let args = [("title", ad.title.clone()), ("date", lang.date(expires_at)), ("url", ad_url(app, ad, lang))];
    mail::queue(c, &Mail::compose(lang, &email, ad.author_id, "mail-ad-reminder", &args)).await
}

/// The token of the unsubscribe link of one follower of one ad.
pub fn unsubscribe_token(secret: &[u8], ad_id: i64, user_id: i64) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else { return String::new() };
    mac.update(format!("unfollow:{ad_id}:{user_id}").as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_are_bound_to_the_ad_and_the_person() {
        let s = b"0123456789abcdef0123456789abcdef";
        assert_eq!(unsubscribe_token(s, 1, 2), unsubscribe_token(s, 1, 2));
        assert_ne!(unsubscribe_token(s, 1, 2), unsubscribe_token(s, 1, 3));
        assert_ne!(unsubscribe_token(s, 1, 2), unsubscribe_token(s, 2, 2));
    }

    fn row(kind: NoticeKind, from: Option<Status>, to: Option<Status>, actor: Option<i64>) -> NoticeRow {
        NoticeRow {
            id: 1,
            actor_id: actor,
            kind,
            from_status: from,
            to_status: to,
            who: "Coop".into(),
            amount: Some(900),
            timeframe: "1 mois".into(),
            comment_body: None,
        }
    }

    #[test]
    fn collected_status_changes_tell_only_where_the_ad_ends_up() {
        use Status::{Funded, Published};
        let funded = row(NoticeKind::Status, Some(Published), Some(Funded), None);
        let back = row(NoticeKind::Status, Some(Funded), Some(Published), None);
        // Funded then back: nothing to tell.
        assert!(netted(&[funded.clone(), back.clone()], Published).is_empty());
        // Back, then funded again: nothing either.
        assert!(netted(&[back.clone(), funded.clone()], Funded).is_empty());
        // Funded, back, funded: funded.
        let told = netted(&[funded.clone(), back, funded.clone()], Funded);
        assert!(matches!(told.as_slice(), [(None, Notice::Status(Funded))]), "{told:?}");
        // A state the ad left since for another reason (started by its author) is not told.
        assert!(netted(std::slice::from_ref(&funded), Status::InProgress).is_empty());
        // Offers are each told, to everyone but their author.
        let offer = row(NoticeKind::Offer, None, None, Some(7));
        let told = netted(&[funded, offer], Funded);
        assert!(
            matches!(told.as_slice(), [(None, Notice::Status(Funded)), (Some(7), Notice::Offer { .. })]),
            "{told:?}"
        );
        // Comments are told while published; one removed meanwhile (no text any more) is not.
        let published =
            NoticeRow { comment_body: Some("Bonjour".into()), ..row(NoticeKind::Comment, None, None, Some(8)) };
        let removed = row(NoticeKind::Comment, None, None, Some(9));
        let told = netted(&[published, removed], Published);
        assert!(matches!(told.as_slice(), [(Some(8), Notice::Comment { .. })]), "{told:?}");
    }

    #[test]
    fn notices_write_statuses_and_amounts_in_the_readers_language() {
        let fr = Notice::Status(Status::Funded).args(Lang::Fr);
        assert_eq!(fr, vec![("status", Lang::Fr.t("ad-status-funded"))]);
        let en = Notice::OfferAccepted { who: "Coop".into(), amount: 1500 }.args(Lang::En);
        assert_eq!(en[1], ("amount", "€1,500".to_owned()));
    }
}
