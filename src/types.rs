//! Small value types shared by features, parsed once and never re-checked.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// The future a hook returns: a feature's work that another feature, or the application, calls
/// without naming it (`accounts::PersonalData`, `moderation::QueueSection`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A normalised email address (trimmed, lower-cased), plausibly deliverable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses what a person typed; the error is a message key.
    pub fn parse(input: &str) -> Result<Email, &'static str> {
        if has_control(input) {
            return Err("err-control-characters");
        }
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err("err-email-required");
        }
        if s.len() > 254 {
            return Err("err-email-invalid");
        }
        let Some((local, domain)) = s.rsplit_once('@') else { return Err("err-email-invalid") };
        let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c);
        if local.is_empty()
            || local.len() > 64
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with(['.', '-'])
            || domain.ends_with(['.', '-'])
            || domain.contains("..")
            || s.chars().any(bad_char)
            || local.contains('@')
        {
            return Err("err-email-invalid");
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a single-line value holds a control character (a line break, a tab, an escape…) or
/// a Unicode line or paragraph separator: nothing a person types in a one-line field, and what
/// would let a value spill over into the headers of an email.
pub fn has_control(input: &str) -> bool {
    input.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// [`bounded`] for a single-line field (a name, a subject): control characters are refused
/// with their own message.
pub fn single_line(
    input: &str,
    min: usize,
    max: usize,
    too_short: &'static str,
    too_long: &'static str,
) -> Result<String, &'static str> {
    if has_control(input) {
        return Err("err-control-characters");
    }
    bounded(input, min, max, too_short, too_long)
}

/// Trims and checks the length of a free-text field, counted in characters.
pub fn bounded(
    input: &str,
    min: usize,
    max: usize,
    too_short: &'static str,
    too_long: &'static str,
) -> Result<String, &'static str> {
    let s = input.trim();
    let n = s.chars().count();
    if n < min {
        Err(too_short)
    } else if n > max {
        Err(too_long)
    } else {
        Ok(s.to_owned())
    }
}

/// A positive amount in whole euros, at most [`Euros::MAX`]: a cost, a pledge, an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Euros(i64);

impl Euros {
    /// Largest amount accepted.
    pub const MAX: i64 = 1_000_000;

    /// "1500", "1 500", "1 500 €", "1500,00"; `None` when nothing was typed. The error is a
    /// message key.
    pub fn parse(input: &str) -> Result<Option<Euros>, &'static str> {
        let s: String = input.chars().filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{202f}').collect();
        if s.is_empty() {
            return Ok(None);
        }
        if s.starts_with('-') {
            return Err("err-amount-negative");
        }
        let whole = match s.split_once([',', '.']) {
            Some((w, cents)) if cents.chars().all(|c| c == '0') && cents.len() <= 2 => w,
            Some(_) => return Err("err-amount-whole"),
            None => s.as_str(),
        };
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
            return Err("err-amount-invalid");
        }
        match whole.parse::<i64>() {
            Ok(0) => Err("err-amount-zero"),
            Ok(n) if n <= Self::MAX => Ok(Some(Euros(n))),
            _ => Err("err-amount-too-large"),
        }
    }

    /// `n` euros when it is an amount this type accepts (1 to [`Euros::MAX`]).
    pub fn new(n: i64) -> Option<Euros> {
        (1..=Self::MAX).contains(&n).then_some(Euros(n))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// A calendar day, kept as "YYYY-MM-DD" (what date inputs send and the database stores).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(chrono::NaiveDate);

impl Day {
    /// "2027-03-31" or "31/03/2027"; `None` when nothing was typed. The error is a message key.
    pub fn parse(input: &str) -> Result<Option<Day>, &'static str> {
        let s = input.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        let (y, m, d) = match parts.as_slice() {
            [y, m, d] if y.len() == 4 => (*y, *m, *d),
            [d, m, y] if y.len() == 4 => (*y, *m, *d),
            _ => return Err("err-date-invalid"),
        };
        match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => {
                chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| Some(Day(d))).ok_or("err-date-invalid")
            }
            _ => Err("err-date-invalid"),
        }
    }

    pub fn year(self) -> i32 {
        chrono::Datelike::year(&self.0)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// The readable part of a URL made from a name or a title: the folded words (lower case, no
/// accents) of ASCII letters and digits joined by `-`, at most [`Slug::MAX`] bytes; `fallback`
/// when nothing is left ("« ! »").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub const MAX: usize = 80;

    pub fn from_text(text: &str, fallback: &str) -> Slug {
        let mut slug = String::new();
        let words = crate::search::fold(text);
        for word in words.split(' ') {
            let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
            if word.is_empty() {
                continue;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(&word);
            if slug.len() >= Self::MAX {
                break;
            }
        }
        slug.truncate(Self::MAX);
        let slug = slug.trim_end_matches('-');
        Slug(if slug.is_empty() { fallback.to_owned() } else { slug.to_owned() })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A cell of a CSV download, made harmless for spreadsheets: a value starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read as a formula (`=HYPERLINK(…)` in a
/// name), so it gets a leading single quote, which spreadsheets show as text. Only
/// the CSV does this; the JSON keeps the values as they are.
pub fn csv_cell(value: String) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_plain_ascii_and_never_empty() {
        let slug = |t: &str| Slug::from_text(t, "annonce").to_string();
        assert_eq!(slug("Les Nuages Solidaires (fictif)"), "les-nuages-solidaires-fictif");
        assert_eq!(slug("Coopérative « Libre » d'Été"), "cooperative-libre-d-ete");
        assert_eq!(
            slug("Quitter Google Drive : migrer vers Nextcloud !"),
            "quitter-google-drive-migrer-vers-nextcloud"
        );
        assert_eq!(slug("Un logiciel de compta « libre » pour 3 assos !"), "un-logiciel-de-compta-libre-pour-3-assos");
        assert_eq!(slug("Générer les reçus fiscaux"), "generer-les-recus-fiscaux");
        assert_eq!(slug("Comptoir des Communs d'Évry"), "comptoir-des-communs-d-evry");
        assert_eq!(slug("« ! »"), "annonce");
        assert_eq!(Slug::from_text("!!!", "structure").as_str(), "structure");
        assert_eq!(slug("Café 日本 associatif"), "cafe-associatif");
        let long = slug(&"très long titre ".repeat(20));
        assert!(long.len() <= Slug::MAX && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Camille@Exemple.ORG ").unwrap().as_str(), "camille@exemple.org");
        assert_eq!(Email::parse(""), Err("err-email-required"));
        for bad in [
            "camille",
            "camille@",
            "@exemple.org",
            "camille@exemple",
            "ca mille@exemple.org",
            "a@b@c.org",
            "c@.org.",
            "c@exemple..org",
        ] {
            assert_eq!(Email::parse(bad), Err("err-email-invalid"), "{bad}");
        }
        assert_eq!(Email::parse("élise@exemple.fr").unwrap().domain(), "exemple.fr");
    }

    #[test]
    fn bounded_counts_characters() {
        assert_eq!(bounded("  Éa ", 2, 3, "s", "l"), Ok("Éa".into()));
        assert_eq!(bounded("a", 2, 3, "s", "l"), Err("s"));
        assert_eq!(bounded("abcd", 2, 3, "s", "l"), Err("l"));
    }

    #[test]
    fn single_line_fields_refuse_control_characters() {
        assert_eq!(single_line(" Les Jardins ", 2, 100, "s", "l"), Ok("Les Jardins".into()));
        for bad in ["Jardins\r\nBcc: x@y.org", "a\tb", "a\u{1b}[31m", "a\u{2028}b", "nom\n"] {
            assert_eq!(single_line(bad, 0, 100, "s", "l"), Err("err-control-characters"), "{bad:?}");
        }
        assert_eq!(Email::parse("camille@exemple.org\r\nBcc: x@y.org"), Err("err-control-characters"));
        assert_eq!(Email::parse("camille@exemple.org\n"), Err("err-control-characters"));
    }

    #[test]
    fn csv_cells_that_spreadsheets_read_as_formulas_are_quoted() {
        for risky in ["=HYPERLINK(\"http://x.example\")", "+33 1 23", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(risky.to_owned()), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["Les Nuages", "", "https://nuages.example", "35000", "a=b", " =x"] {
            assert_eq!(csv_cell(plain.to_owned()), plain, "{plain:?}");
        }
    }
}
