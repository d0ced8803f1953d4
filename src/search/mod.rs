//! Full-text search infrastructure on tantivy: the French analyser and the query builder that
//! every feature's index uses, the change feed (`feed.rs`) and the live engine a feature plugs
//! its items into (`live.rs`). The database stays the source of truth; indexes are caches that
//! each node rebuilds and keeps in step through the `search_changes` feed.
//!
//! Analyser: words → drop very long tokens → lower case → French stop words (the list has
//! accents) → accents folded → French stemmer. Folding before stemming gives a word typed
//! without its accents the same stem as the accented one: "Fédérations", "federation" and
//! "fédération" meet on one term, so do "comptabilité" and "comptabilite"; "des" is ignored.

pub mod feed;
mod index;
mod live;
pub use index::{Doc, TextIndex};
pub use live::{Catalog, LiveIndex, Source};

use tantivy::Index;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    TokenStream,
};

/// Name under which the French analyser is registered in every index.
pub const FRENCH: &str = "fr";

pub fn french_analyzer() -> TextAnalyzer {
    let builder =
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(40)).filter(LowerCaser);
    match StopWordFilter::new(Language::French) {
        Some(stop) => builder.filter(stop).filter(AsciiFoldingFilter).filter(Stemmer::new(Language::French)).build(),
        None => builder.filter(AsciiFoldingFilter).filter(Stemmer::new(Language::French)).build(),
    }
}

/// Registers the analysers on an index (needed after every open).
pub fn register(index: &Index) {
    index.tokenizers().register(FRENCH, french_analyzer());
}

/// The terms the index holds for `text`.
pub fn terms(text: &str) -> Vec<String> {
    let mut analyzer = french_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Lower case, accents removed, punctuation as spaces: for comparing names ("Côtes-d'Armor").
pub fn fold(text: &str) -> String {
    let mut analyzer =
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build();
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words.join(" ")
}

/// Typos tolerated for a term of this length (after stemming).
fn distance(term: &str) -> u8 {
    match term.chars().count() {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    }
}

/// A query where every word of `text` must match at least one of `fields`, exactly (full
/// boost) or, when `fuzzy`, also within a typo or two (lower boost). `None` when the text has
/// no searchable word. Typo tolerance is costly: callers try the exact query first.
pub fn text_query(fields: &[(Field, f32)], text: &str, fuzzy: bool) -> Option<Box<dyn Query>> {
    let words = terms(text);
    if words.is_empty() {
        return None;
    }
    let per_word: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|word| {
            let mut options: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in fields {
                let term = tantivy::Term::from_field_text(*field, word);
                let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                options.push((Occur::Should, Box::new(BoostQuery::new(Box::new(exact), *boost))));
                let d = if fuzzy { distance(word) } else { 0 };
                if d > 0 {
                    let fuzzy = FuzzyTermQuery::new(term, d, true);
                    options.push((Occur::Should, Box::new(BoostQuery::new(Box::new(fuzzy), boost * 0.4))));
                }
            }
            (Occur::Must, Box::new(BooleanQuery::new(options)) as Box<dyn Query>)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(per_word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_words_meet_whatever_their_accents_and_number() {
        assert_eq!(terms("Fédérations"), terms("federation"));
        assert_eq!(terms("formation des bénévoles"), terms("Formations BENEVOLE"));
        assert!(terms("les des du").is_empty());
        // Accents are folded before stemming, so a word typed without them meets the same stem.
        assert_eq!(terms("comptabilité"), terms("comptabilite"));
        assert_eq!(terms("réparations"), terms("reparation"));
        assert_eq!(fold("Côtes-d'Armor"), "cotes d armor");
    }
}
