//! The initial taxonomies of the directory (services, software, audiences...), shipped as data in
//! `content/taxonomy/terms.tsv`: the migration seeds the `terms` table from it once; generators
//! (demo, benchmark) and their tests read the list here. Admins edit the live terms in the database.

use std::sync::LazyLock;

/// (kind, slug, French label, English label, extra), in display order. `extra` holds the
/// data·inclusion theme of a service, or the web site of a software.
pub type SeedTerm = (&'static str, &'static str, &'static str, &'static str, &'static str);

pub static TERMS: LazyLock<Vec<SeedTerm>> = LazyLock::new(|| {
    crate::db::seed_rows::<5>(include_str!("../../content/taxonomy/terms.tsv"))
        .into_iter()
        .map(|[kind, slug, fr, en, extra]| (kind, slug, fr, en, extra))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::TERMS;

    #[test]
    fn every_line_of_the_taxonomy_file_is_a_term() {
        let text = include_str!("../../content/taxonomy/terms.tsv");
        let lines = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        assert_eq!(TERMS.len(), lines);
        assert!(TERMS.iter().any(|t| t.0 == "software" && t.1 == "nextcloud"));
        assert!(TERMS.iter().all(|t| !t.0.is_empty() && !t.1.is_empty() && !t.2.is_empty() && !t.3.is_empty()));
    }
}
