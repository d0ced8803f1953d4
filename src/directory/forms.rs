//! What visitors and teams type in the directory's forms and list query, as strings, and its
//! parsing into the directory's values or per-field messages.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::search::Sort;
use super::store::{AreaRow, StructureRow, TermRow};
use super::{Filters, LANGUAGES, Labels, NewContact, Profile, Report};
use crate::geo;
use crate::search::fold;
use crate::types::{Email, bounded, single_line};
use crate::web::FieldErrors;

/// The query string of the list, as typed (repeated keys allowed).
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
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

impl ListQuery {
    /// Keeps only known values, so that every link built from it is valid.
    pub fn filters(&self, labels: &Labels) -> Filters {
        let known = |kind: &str, values: &[String]| -> Vec<String> {
            let mut v: Vec<String> = values.iter().filter(|s| labels.has(kind, s)).cloned().collect();
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
        || s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<')
    {
        return Err("err-url-invalid");
    }
    Ok(s.to_owned())
}

impl ProfileForm {
    /// The form of a new structure: nothing typed, French spoken.
    pub fn blank() -> Self {
        ProfileForm { languages: vec!["fr".into()], ..Default::default() }
    }

    /// The form filled with a stored profile.
    pub fn from_row(s: &StructureRow, terms: &[TermRow], areas: &[AreaRow]) -> Self {
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

    /// The profile, given the (kind, slug) of every term of the taxonomy.
    pub fn parse(&self, known: &BTreeSet<(String, String)>) -> Result<Profile, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", single_line(&self.name, 2, 120, "err-structure-name", "err-structure-name-long"));
        let pitch = e.check("pitch", single_line(&self.pitch, 10, 160, "err-pitch-short", "err-pitch-long"));
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

/// The contact form of a profile.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct ContactForm {
    pub name: String,
    pub email: String,
    pub message: String,
    /// Honeypot: hidden from people, filled by robots.
    pub site_web: String,
    /// The token of something to attach to the message (`directory::ContactAttachment`).
    pub joindre: String,
    #[serde(rename = "_csrf")]
    pub csrf: String,
}

impl ContactForm {
    pub fn parse(&self) -> Result<NewContact, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", single_line(&self.name, 2, 100, "err-contact-name", "err-contact-name-long"));
        let email = e.check("email", Email::parse(&self.email));
        let message = e.check(
            "message",
            bounded(&self.message, 20, 5000, "err-contact-message-short", "err-contact-message-long"),
        );
        let value = match (name, email, message) {
            (Some(name), Some(email), Some(message)) => Some(NewContact {
                name,
                email,
                message,
                honeypot_filled: !self.site_web.is_empty(),
                // The form token starts with the time the page was served.
                issued_at: self.csrf.split('.').next().and_then(|t| t.parse::<i64>().ok()).unwrap_or(0),
                attachment: self.joindre.trim().to_owned(),
            }),
            _ => None,
        };
        e.into_result(value)
    }

    /// What the form shows again after a refusal: what was typed, without the hidden fields.
    pub fn retyped(self) -> Self {
        ContactForm { csrf: String::new(), site_web: String::new(), ..self }
    }
}

/// The report form of a profile.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct ReportForm {
    /// `outdated` (the default), `inaccurate` or `abuse`.
    pub report_reason: String,
    pub report_message: String,
    pub report_email: String,
}

impl ReportForm {
    pub fn parse(&self) -> Result<Report, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = match self.report_reason.as_str() {
            "" | "outdated" => "outdated",
            "inaccurate" => "inaccurate",
            "abuse" => "abuse",
            _ => {
                errors.add("report_reason", "err-choice-invalid");
                "outdated"
            }
        };
        let message = errors.check("report_message", bounded(&self.report_message, 0, 2000, "", "err-report-long"));
        let email = if self.report_email.trim().is_empty() {
            Some(String::new())
        } else {
            errors.check("report_email", Email::parse(&self.report_email).map(|e| e.to_string()))
        };
        let value = match (message, email) {
            (Some(message), Some(email)) => Some(Report { reason, message, email }),
            _ => None,
        };
        errors.into_result(value)
    }
}

/// The invitation form of the workspace.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    pub invite_email: String,
}

impl InviteForm {
    pub fn parse(&self) -> Result<Email, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.check("invite_email", Email::parse(&self.invite_email));
        errors.into_result(email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_checked() {
        assert!(web_url("https://exemple.org/a", true).is_ok());
        assert_eq!(web_url("", false), Ok(String::new()));
        assert_eq!(web_url("", true), Err("err-url-required"));
        assert_eq!(web_url("exemple.org", false), Err("err-url-invalid"));
        assert_eq!(web_url("javascript:alert(1)", false), Err("err-url-invalid"));
        assert_eq!(web_url("https://nodot/", false), Err("err-url-invalid"));
    }
}
