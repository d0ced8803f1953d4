//! The emails of the ads: what followers and authors are told, each in their own language,
//! with typed arguments (a status is written with its label, an amount in euros, in the
//! reader's language), and the one-click unsubscribe link every follower gets.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::Status;
use super::search::path;
use super::store::{self, AdRow};
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
                vec![("who", who.clone()), ("amount", lang.euros(*amount)), ("timeframe", timeframe.clone())]
            }
            Notice::OfferAccepted { who, amount } => vec![("who", who.clone()), ("amount", lang.euros(*amount))],
            Notice::Comment { who, excerpt } => vec![("who", who.clone()), ("comment", excerpt.clone())],
        }
    }
}

/// The ad's address on this instance.
fn ad_url(app: &AppState, ad: &AdRow) -> String {
    format!("{}{}", app.config.base(), path(ad.id, &ad.slug))
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
    let url = ad_url(app, ad);
    for f in store::followers(c, ad.id).await? {
        if Some(f.user_id) == actor {
            continue;
        }
        let lang = Lang::parse(&f.locale).unwrap_or(Lang::Fr);
        let mut args = notice.args(lang);
        args.push(("title", ad.title.clone()));
        args.push(("url", url.clone()));
        args.push((
            "unsubscribe",
            format!(
                "{}/annonces/{}/desabonnement?u={}&t={}",
                app.config.base(),
                ad.id,
                f.user_id,
                unsubscribe_token(&app.secret, ad.id, f.user_id)
            ),
        ));
        mail::queue(c, &Mail::compose(lang, &f.email, Some(f.user_id), notice.key(), &args)).await?;
    }
    Ok(())
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
        ("url", ad_url(app, ad)),
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
    let args = [("title", ad.title.clone()), ("date", lang.date(expires_at)), ("url", ad_url(app, ad))];
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

    #[test]
    fn notices_write_statuses_and_amounts_in_the_readers_language() {
        let fr = Notice::Status(Status::Funded).args(Lang::Fr);
        assert_eq!(fr, vec![("status", Lang::Fr.t("ad-status-funded"))]);
        let en = Notice::OfferAccepted { who: "Coop".into(), amount: 1500 }.args(Lang::En);
        assert_eq!(en[1], ("amount", "€1,500".to_owned()));
    }
}
