//! The ads' forms: what was typed, and its parsing into checked values or messages per field.

use serde::Deserialize;

use super::Kind;
use super::store::AdFields;
use crate::types::{Day, Euros, bounded};
use crate::web::FieldErrors;

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct AdForm {
    pub kind: String,
    pub association_name: String,
    pub title: String,
    pub body: String,
    pub software: String,
    pub software_other: String,
    pub estimated_cost: String,
    pub deadline: String,
    pub region: String,
    pub remote: String,
    pub tags: String,
    /// "brouillon" saves a draft, "publier" publishes.
    pub action: String,
}

impl AdForm {
    /// The form of an existing ad.
    pub fn from_row(ad: &super::store::AdRow) -> AdForm {
        AdForm {
            kind: ad.kind.as_str().to_owned(),
            association_name: ad.association_name.clone(),
            title: ad.title.clone(),
            body: ad.body.clone(),
            software: ad.software_slug.clone().unwrap_or_default(),
            software_other: ad.software_other.clone(),
            estimated_cost: ad.estimated_cost.map(|c| c.to_string()).unwrap_or_default(),
            deadline: ad.deadline.clone().unwrap_or_default(),
            region: ad.region_code.clone().unwrap_or_default(),
            remote: if ad.remote { "oui".into() } else { String::new() },
            tags: ad.tags.replace(',', ", "),
            action: String::new(),
        }
    }

    pub fn publishing(&self) -> bool {
        self.action == "publier"
    }

    /// Checks every field; a draft may be incomplete but never invalid. `today` is "YYYY-MM-DD".
    pub fn parse(&self, software_known: &dyn Fn(&str) -> bool, today: &str) -> Result<AdFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let publishing = self.publishing();
        let kind = match Kind::parse(&self.kind) {
            Some(k) => Some(k),
            None => {
                e.add("kind", if self.kind.is_empty() { "err-ad-kind-required" } else { "err-choice-invalid" });
                None
            }
        };
        let association_name = e.check(
            "association_name",
            bounded(&self.association_name, 2, 120, "err-association-name", "err-association-name-long"),
        );
        let title = e.check("title", bounded(&self.title, 8, 120, "err-ad-title-short", "err-ad-title-long"));
        let body_min = if publishing { 30 } else { 0 };
        let body = e.check("body", bounded(&self.body, body_min, 10_000, "err-ad-body-short", "err-ad-body-long"));
        let software = self.software.trim();
        if !software.is_empty() && !software_known(software) {
            e.add("software", "err-choice-invalid");
        }
        let software_other =
            e.check("software_other", bounded(&self.software_other, 0, 80, "", "err-ad-software-other-long"));
        let estimated_cost = e.check("estimated_cost", Euros::parse(&self.estimated_cost));
        let deadline = e.check("deadline", Day::parse(&self.deadline));
        if let (Some(Some(d)), Ok(Some(today))) = (deadline, Day::parse(today)) {
            if publishing && d < today {
                e.add("deadline", "err-ad-deadline-past");
            } else if d.year() > today.year() + 5 {
                e.add("deadline", "err-ad-deadline-far");
            }
        }
        let region = self.region.trim();
        if !region.is_empty() && crate::geo::region(region).is_none() {
            e.add("region", "err-choice-invalid");
        }
        let remote = self.remote == "oui";
        if publishing && region.is_empty() && !remote {
            e.add("region", "err-ad-place-required");
        }
        let tags = e.check("tags", tags(&self.tags));
        let value = match (kind, association_name, title, body, software_other, estimated_cost, deadline, tags) {
            (
                Some(kind),
                Some(association_name),
                Some(title),
                Some(body),
                Some(software_other),
                Some(estimated_cost),
                Some(deadline),
                Some(tags),
            ) => Some(AdFields {
                kind,
                association_name,
                slug: crate::types::Slug::from_text(&title, "annonce").into(),
                title,
                body,
                software_slug: (!software.is_empty()).then(|| software.to_owned()),
                software_other,
                estimated_cost,
                deadline,
                region_code: (!region.is_empty()).then(|| region.to_owned()),
                remote,
                tags,
            }),
            _ => None,
        };
        e.into_result(value)
    }
}

/// "Compta, RGPD , compta" → "compta,rgpd": at most 8 tags of at most 30 characters.
pub fn tags(input: &str) -> Result<String, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for t in input.split([',', ';']) {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if t.is_empty() || out.contains(&t) {
            continue;
        }
        if t.chars().count() > 30 {
            return Err("err-ad-tag-long");
        }
        out.push(t);
    }
    if out.len() > 8 {
        return Err("err-ad-tags-many");
    }
    Ok(out.join(","))
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct PledgeForm {
    pub pledge_association: String,
    pub pledge_amount: String,
}

pub struct Pledge {
    pub association_name: String,
    pub amount: Option<Euros>,
}

impl PledgeForm {
    pub fn parse(&self) -> Result<Pledge, FieldErrors> {
        let mut e = FieldErrors::new();
        let association_name = e.check(
            "pledge_association",
            bounded(&self.pledge_association, 2, 120, "err-association-name", "err-association-name-long"),
        );
        let amount = e.check("pledge_amount", Euros::parse(&self.pledge_amount));
        let value = match (association_name, amount) {
            (Some(association_name), Some(amount)) => Some(Pledge { association_name, amount }),
            _ => None,
        };
        e.into_result(value)
    }
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct OfferForm {
    pub offer_amount: String,
    pub offer_timeframe: String,
    pub offer_message: String,
}

pub struct Offer {
    pub amount: Euros,
    pub timeframe: String,
    pub message: String,
}

impl OfferForm {
    pub fn parse(&self) -> Result<Offer, FieldErrors> {
        let mut e = FieldErrors::new();
        let amount = match Euros::parse(&self.offer_amount) {
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                e.add("offer_amount", "err-offer-amount-required");
                None
            }
            Err(key) => {
                e.add("offer_amount", key);
                None
            }
        };
        let timeframe = e.check(
            "offer_timeframe",
            bounded(&self.offer_timeframe, 2, 80, "err-offer-timeframe-required", "err-offer-timeframe-long"),
        );
        let message = e.check(
            "offer_message",
            bounded(&self.offer_message, 20, 3000, "err-offer-message-short", "err-offer-message-long"),
        );
        let value = match (amount, timeframe, message) {
            (Some(amount), Some(timeframe), Some(message)) => Some(Offer { amount, timeframe, message }),
            _ => None,
        };
        e.into_result(value)
    }
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct CommentForm {
    pub comment: String,
}

impl CommentForm {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::new();
        let body = e.check("comment", bounded(&self.comment, 2, 3000, "err-comment-required", "err-comment-long"));
        e.into_result(body)
    }
}

/// Today in UTC, as the forms compare dates ("YYYY-MM-DD").
pub fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct StatusForm {
    /// "demarrer", "terminer", "fermer", "prolonger", "rouvrir", "publier".
    pub action: String,
    pub close_reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(input: &str) -> Result<Option<i64>, &'static str> {
        Euros::parse(input).map(|a| a.map(Euros::get))
    }

    fn date(input: &str) -> Result<Option<String>, &'static str> {
        Day::parse(input).map(|d| d.map(|d| d.to_string()))
    }

    #[test]
    fn amounts_are_whole_positive_euros() {
        assert_eq!(amount(""), Ok(None));
        assert_eq!(amount("1 500 €"), Ok(Some(1500)));
        assert_eq!(amount("1\u{202f}500"), Ok(Some(1500)));
        assert_eq!(amount("250,00"), Ok(Some(250)));
        assert_eq!(amount("-5"), Err("err-amount-negative"));
        assert_eq!(amount("12,50"), Err("err-amount-whole"));
        assert_eq!(amount("0"), Err("err-amount-zero"));
        assert_eq!(amount("douze"), Err("err-amount-invalid"));
        assert_eq!(amount("99999999999999999999"), Err("err-amount-too-large"));
        assert_eq!(amount("1000001"), Err("err-amount-too-large"));
    }

    #[test]
    fn dates_and_tags_and_slugs() {
        assert_eq!(date("31/03/2027"), Ok(Some("2027-03-31".into())));
        assert_eq!(date("2027-02-30"), Err("err-date-invalid"));
        assert_eq!(tags("Compta, RGPD ; compta"), Ok("compta,rgpd".into()));
        assert_eq!(tags(&"x,".repeat(3)), Ok("x".into()));
        assert!(tags("a,b,c,d,e,f,g,h,i").is_err());
    }
}
