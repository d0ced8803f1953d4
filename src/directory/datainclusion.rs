//! The directory in the data·inclusion schema (PyPI `data-inclusion-schema` 1.0.10, schema v1),
//! the French national standard for directories of services: one `Structure` record per listed
//! structure and one `Service` record per service it offers. Pure functions over the in-memory
//! cards; the routes live in `opendata.rs`.
//!
//! What the schema asks that we do not know is left `null`: street address, coordinates,
//! SIRET, opening hours. The contact address of a structure is never published: people reach
//! it through the contact form of its profile (`lien_mobilisation`).

use std::sync::Arc;

use serde_json::{Value, json};

use super::Card;
use super::Labels;
use crate::web::Lang;

/// Our producer identifier in data·inclusion (`source`), also the prefix of our identifiers.
pub const SOURCE: &str = "emancipasso";

/// The data·inclusion thematiques of one of our services. The taxonomy proposes values in its
/// `extra` column, written for an older schema; these are the values of the v1 enum that fit.
pub fn thematiques(service: &str) -> &'static [&'static str] {
    const FONDAMENTAUX: &str = "numerique--maitriser-les-fondamentaux-du-numerique";
    const SERVICES_EN_LIGNE: &str = "numerique--acceder-a-des-services-en-ligne";
    match service {
        "diagnostic" | "culture-numerique" | "formation-referents" | "formation-utilisateurs" | "documentation" => {
            &[FONDAMENTAUX]
        }
        "installation-hebergement" => &[SERVICES_EN_LIGNE],
        // Funding, specifications, development, migration, maintenance: no theme of the
        // schema is about an organisation's own tools.
        _ => &[],
    }
}

/// The data·inclusion type of one of our services.
pub fn service_type(service: &str) -> &'static str {
    match service {
        "formation-referents" | "formation-utilisateurs" => "formation",
        "documentation" => "information",
        _ => "accompagnement",
    }
}

/// `frais` for our pricing: only free of charge is `gratuit`; pay-what-you-can, membership,
/// quotation and published packages are `payant`, detailed in `frais_precisions`.
pub fn frais(pricing: &str) -> Option<&'static str> {
    match pricing {
        "gratuit" => Some("gratuit"),
        "prix-libre" | "adhesion" | "devis" | "forfait" => Some("payant"),
        _ => None,
    }
}

/// Cuts `text` to at most `max` characters, at a word boundary, with an ellipsis if cut.
fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-".contains(c)))
}

/// A text the schema accepts (5 to 10,000 characters), or null.
fn text_or_null(text: &str) -> Value {
    let text = truncate(text, 10_000);
    if text.chars().count() >= 5 { Value::String(text) } else { Value::Null }
}

fn date(ts: i64) -> Value {
    chrono::DateTime::from_timestamp(ts, 0).map(|d| json!(d.format("%Y-%m-%d").to_string())).unwrap_or(Value::Null)
}

fn date_maj(c: &Card) -> Value {
    date(c.updated_at.max(c.confirmed_at))
}

fn digits(value: &str, len: usize) -> Value {
    if value.len() == len && value.bytes().all(|b| b.is_ascii_digit()) { json!(value) } else { Value::Null }
}

fn code_insee(value: &str) -> Value {
    if value.len() == 5 && value.bytes().all(|b| b.is_ascii_alphanumeric()) { json!(value) } else { Value::Null }
}

fn non_empty(value: &str) -> Value {
    if value.trim().is_empty() { Value::Null } else { json!(value.trim()) }
}

fn web_url(value: &str) -> Value {
    let v = value.trim();
    if v.starts_with("https://") || v.starts_with("http://") { json!(v) } else { Value::Null }
}

/// The schema's name rules: 3 to 150 characters, no final full stop.
fn nom(name: &str) -> String {
    let name = truncate(name, 150);
    match name.strip_suffix('.') {
        Some(rest) if !name.ends_with("etc.") => rest.to_owned(),
        _ => name,
    }
}

fn structure_id(c: &Card) -> String {
    format!("{SOURCE}--{}", c.slug)
}

fn profile_url(base: &str, c: &Card) -> String {
    format!("{base}/annuaire/{}", c.slug)
}

/// One `Structure` record per card.
pub fn structures(cards: &[Arc<Card>], base: &str) -> Vec<Value> {
    cards
        .iter()
        .map(|c| {
            let description = if c.description.trim().is_empty() {
                c.pitch.clone()
            } else {
                format!("{}\n\n{}", c.pitch.trim(), c.description.trim())
            };
            json!({
                "source": SOURCE,
                "id": structure_id(c),
                "nom": nom(&c.name),
                "date_maj": date_maj(c),
                "description": text_or_null(&description),
                "lien_source": profile_url(base, c),
                "siret": null,
                "commune": non_empty(&c.commune_name),
                "code_postal": digits(&c.postcode, 5),
                "code_insee": code_insee(&c.commune_insee),
                "adresse": null,
                "complement_adresse": null,
                "longitude": null,
                "latitude": null,
                "telephone": null,
                "courriel": null,
                "site_web": web_url(&c.website),
                "horaires_accueil": null,
                "accessibilite_lieu": null,
                "reseaux_porteurs": null,
            })
        })
        .collect()
}

/// Where a structure's services are available: the whole country, or the departments where it
/// intervenes (regions already expanded to their departments), or else its own department.
fn zone_eligibilite(c: &Card) -> Value {
    if c.national {
        json!(["france"])
    } else if !c.area_departements.is_empty() {
        json!(c.area_departements)
    } else if !c.department_code.is_empty() {
        json!([c.department_code])
    } else {
        Value::Null
    }
}

/// Remote services are `a-distance`; they are also `en-presentiel` when the structure is not
/// remote only, or when it names departments where it comes on site.
fn modes_accueil(c: &Card) -> Value {
    let mut modes = Vec::new();
    if c.remote {
        modes.push("a-distance");
    }
    if !c.remote || !c.area_departements.is_empty() {
        modes.push("en-presentiel");
    }
    json!(modes)
}

/// One `Service` record per (card, offered service).
pub fn services(cards: &[Arc<Card>], labels: &Labels, base: &str) -> Vec<Value> {
    let label = |kind: &str, slug: &str| labels.get(Lang::Fr, kind, slug).unwrap_or_else(|| slug.to_owned());
    let mut out = Vec::new();
    for c in cards {
        let software: Vec<String> = c.software.iter().map(|s| label("software", s)).collect();
        let audiences: Vec<String> = c.audiences.iter().map(|s| label("audience", s)).collect();
        let pricing = c.pricing.as_deref().unwrap_or("");
        let frais_precisions: Vec<String> = [
            if pricing.is_empty() { String::new() } else { label("pricing", pricing) },
            c.price_info.trim().to_owned(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        for service in &c.services {
            let name = label("service", service);
            let mut description = format!("{name} : service proposé par {}.", c.name.trim_end_matches('.'));
            if !c.pitch.trim().is_empty() {
                description.push_str("\n\n");
                description.push_str(c.pitch.trim());
            }
            if !software.is_empty() {
                description.push_str(&format!("\n\nLogiciels accompagnés : {}.", software.join(", ")));
            }
            let themes = thematiques(service);
            out.push(json!({
                "source": SOURCE,
                "structure_id": structure_id(c),
                "id": format!("{}--{service}", structure_id(c)),
                "nom": nom(&name),
                "description": text_or_null(&description),
                "lien_source": profile_url(base, c),
                "date_maj": date_maj(c),
                "type": service_type(service),
                "thematiques": if themes.is_empty() { Value::Null } else { json!(themes) },
                "frais": frais(pricing),
                "frais_precisions": non_empty(&frais_precisions.join(" — ")),
                // Our audiences are kinds of organisations, which the schema's `publics`
                // (kinds of people) do not describe: they go in the free text.
                "publics": null,
                "publics_precisions": if audiences.is_empty() { Value::Null } else { json!(audiences.join(", ")) },
                "conditions_acces": null,
                "commune": non_empty(&c.commune_name),
                "code_postal": digits(&c.postcode, 5),
                "code_insee": code_insee(&c.commune_insee),
                "adresse": null,
                "complement_adresse": null,
                "longitude": null,
                "latitude": null,
                "telephone": null,
                "courriel": null,
                "modes_accueil": modes_accueil(c),
                "zone_eligibilite": zone_eligibilite(c),
                "contact_nom_prenom": null,
                "lien_mobilisation": format!("{}#contact", profile_url(base, c)),
                "modes_mobilisation": ["utiliser-lien-mobilisation"],
                "mobilisable_par": ["usagers"],
                "mobilisation_precisions": "Par le formulaire de contact de la fiche de la structure sur Emancip'Asso.",
                "volume_horaire_hebdomadaire": null,
                "nombre_semaines": null,
                "horaires_accueil": null,
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_at_a_word_boundary() {
        assert_eq!(truncate("court", 280), "court");
        let long = "mot ".repeat(100);
        let t = truncate(&long, 20);
        assert!(t.chars().count() <= 20, "{t}");
        assert!(t.ends_with("mot…"), "{t}");
    }

    #[test]
    fn names_lose_a_final_full_stop() {
        assert_eq!(nom("Libre Asso."), "Libre Asso");
        assert_eq!(nom("Outils, etc."), "Outils, etc.");
    }

    #[test]
    fn every_service_maps_to_schema_values() {
        for s in ["diagnostic", "documentation", "developpement"] {
            for t in thematiques(s) {
                assert!(t.starts_with("numerique--"));
            }
        }
        assert_eq!(frais("adhesion"), Some("payant"));
        assert_eq!(frais("gratuit"), Some("gratuit"));
        assert_eq!(frais(""), None);
    }
}
