//! Interface languages: French first, English second, every visible string from `locales/`.
//!
//! The language of a request is the explicit choice saved by the language switch (cookie
//! `ea_lang`, set only when a visitor clicks the switch), else the best match of
//! `Accept-Language`, else French.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

pub const LANG_COOKIE: &str = "ea_lang";

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The other language, for the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// Translates a message key.
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// Translates a message key with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        // Whole numbers go in as numbers, so that plural rules ("1 structure", "2 structures") apply.
        let value = |v: &String| match v.parse::<i64>() {
            Ok(n) if !v.starts_with('0') || v == "0" => FluentValue::from(n),
            _ => FluentValue::from(v.clone()),
        };
        let map: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), value(v))).collect();
        LOCALES.lookup_with_args(self.id(), key, &map)
    }

    /// Whether a key exists (used to accept only known flash keys from URLs).
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }

    /// Picks the language from the saved choice, then `Accept-Language`.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(|v| Lang::parse(&v)) {
            return lang;
        }
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(from_accept_language)
            .unwrap_or_default()
    }

    /// A whole amount of euros: "1 500 €" in French, "€1,500" in English.
    pub fn euros(self, amount: i64) -> String {
        let digits = amount.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(if self == Lang::En { ',' } else { '\u{202f}' });
            }
            grouped.push(c);
        }
        let sign = if amount < 0 { "-" } else { "" };
        if self == Lang::En { format!("{sign}€{grouped}") } else { format!("{sign}{grouped}\u{a0}€") }
    }

    /// Formats a Unix timestamp as a date in this language.
    pub fn date(self, ts: i64) -> String {
        let Some(dt) = chrono::DateTime::from_timestamp(ts, 0) else {
            return String::new();
        };
        match self {
            Lang::Fr => dt.format("%d/%m/%Y").to_string(),
            Lang::En => dt.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Best of French and English by quality value; French when neither is asked for.
fn from_accept_language(header: &str) -> Lang {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary)
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
}

/// Reads one cookie from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_headers(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality() {
        assert_eq!(from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(from_accept_language("de-DE,en;q=0.5,fr;q=0.8"), Lang::Fr);
        assert_eq!(from_accept_language("de,es"), Lang::Fr);
        assert_eq!(from_accept_language(""), Lang::Fr);
    }

    #[test]
    fn french_and_english_have_the_same_keys() {
        let keys = |text: &str| -> std::collections::BTreeSet<String> {
            text.lines()
                .filter(|l| !l.starts_with([' ', '#', '.', '\t']) && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap_or("").trim().to_owned())
                .collect()
        };
        let fr = keys(include_str!("../../locales/fr/main.ftl"));
        let en = keys(include_str!("../../locales/en/main.ftl"));
        let only_fr: Vec<_> = fr.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&fr).collect();
        assert!(only_fr.is_empty() && only_en.is_empty(), "fr only: {only_fr:?}, en only: {only_en:?}");
        assert!(fr.len() > 50);
    }

    #[test]
    fn counts_follow_plural_rules() {
        assert_eq!(Lang::Fr.t_args("directory-count", &[("count", "0".into())]), "Aucune structure");
        assert_eq!(Lang::Fr.t_args("directory-count", &[("count", "1".into())]), "1 structure");
        assert_eq!(Lang::Fr.t_args("directory-count", &[("count", "12".into())]), "12 structures");
        assert_eq!(Lang::En.t_args("directory-count", &[("count", "1".into())]), "1 organisation");
    }

    #[test]
    fn every_key_translates() {
        assert_eq!(Lang::Fr.t("nav-home"), "Accueil");
        assert_eq!(Lang::En.t("nav-home"), "Home");
        assert!(Lang::Fr.has("flash-signed-out"));
        assert!(!Lang::Fr.has("no-such-key"));
    }
}
