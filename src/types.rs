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

/// Trims and checks the length of a free-text single-line field, counted in characters.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
