//! Building blocks of the synthetic data that `bench-seed` writes: uniform and weighted picks
//! from word lists, French place phrases, slugs, the marks every generated row carries, and the
//! name parts that several generators share (`content/bench/names.json`).
//!
//! The word lists are JSON files under `content/bench/` (see its README.md), embedded in the
//! binary and parsed once at the start of `bench-seed`: nothing is read from disk. Their strings
//! are borrowed from the embedded text (`&'static str`, as the constants they replace were), so
//! they are written without JSON escapes; a `\` in one fails the parse.

use rand::Rng;
use rand::rngs::StdRng;
use serde::Deserialize;

use crate::search::fold;

/// Ends the slug of every generated row (structures, ads).
pub const SLUG_SUFFIX: &str = "-bench";
/// Ends the name of every generated structure and account.
pub const NAME_SUFFIX: &str = " (bench)";

/// Parses an embedded word list; `file` names it in the error.
pub fn parse<T: Deserialize<'static>>(file: &str, text: &'static str) -> anyhow::Result<T> {
    serde_json::from_str(text).map_err(|e| anyhow::anyhow!("content/bench/{file}: {e}"))
}

/// Name parts shared by the generators (`content/bench/names.json`).
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Names {
    /// Kinds of associations ("Chorale"), followed by "de <commune>".
    pub associations: Vec<&'static str>,
    pub first_names: Vec<&'static str>,
    pub last_names: Vec<&'static str>,
}

impl Names {
    pub fn parse() -> anyhow::Result<Self> {
        parse("names.json", include_str!("../content/bench/names.json"))
    }
}

/// One item of `items`, each as likely as the others.
pub fn pick<T: Copy>(rng: &mut StdRng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// One item of `items`, each as likely as its weight.
pub fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (item, w) in items {
        if pick < *w {
            return *item;
        }
        pick -= w;
    }
    items[0].0
}

/// Each item with its own probability; at least one (the first drawn by weight otherwise).
pub fn subset<T: Copy>(rng: &mut StdRng, items: &[(T, f64)]) -> Vec<T> {
    let mut out: Vec<T> = items.iter().filter(|(_, p)| rng.random_bool(*p)).map(|(t, _)| *t).collect();
    if out.is_empty() {
        let weights: Vec<(T, u32)> = items.iter().map(|(t, p)| (*t, (p * 1000.0) as u32 + 1)).collect();
        out.push(weighted(rng, &weights));
    }
    out
}

/// Lowercase ASCII words joined by hyphens, without `types::Slug`'s length cap: the rule the
/// benchmark data was generated with, kept so that the same seed still gives the same rows.
pub fn slugify(text: &str) -> String {
    fold(text).split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

/// "de Rennes", "d'Angers".
pub fn of_town(town: &str) -> String {
    if let Some(rest) = town.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = town.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let vowel = town.chars().next().is_some_and(|c| "AEIOUYÉÈÊÂÎÔaeiouyéèêâîô".contains(c));
    if vowel { format!("d'{town}") } else { format!("de {town}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_names_parse() {
        let names = Names::parse().expect("content/bench/names.json");
        assert!(!names.associations.is_empty() && !names.first_names.is_empty() && !names.last_names.is_empty());
    }

    #[test]
    fn places_read_as_french() {
        assert_eq!(of_town("Rennes"), "de Rennes");
        assert_eq!(of_town("Angers"), "d'Angers");
        assert_eq!(of_town("Le Mans"), "du Mans");
        assert_eq!(of_town("Les Abymes"), "des Abymes");
        assert_eq!(slugify("Comptoir des Communs d'Évry"), "comptoir-des-communs-d-evry");
    }
}
