//! Matching the directory's listed structures to a result: where they intervene (the
//! association's department, its region, everywhere or remotely), the software of the plan they
//! handle and the services the association needs. A structure handling none of the plan's
//! software and none of the services is left out; so is one that intervenes neither near nor
//! remotely. When nothing is near, the remote and national ones are what is left, and the page
//! says so.

use crate::directory::Card;

/// What the matching needs of a listed structure.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub slug: String,
    pub name: String,
    pub departements: Vec<String>,
    pub regions: Vec<String>,
    pub national: bool,
    pub remote: bool,
    pub software: Vec<String>,
    pub services: Vec<String>,
    pub recommendations: i64,
}

impl From<&Card> for Candidate {
    fn from(c: &Card) -> Self {
        Candidate {
            slug: c.slug.clone(),
            name: c.name.clone(),
            departements: c.area_departements.clone(),
            regions: c.area_regions.clone(),
            national: c.national,
            remote: c.remote,
            software: c.software.clone(),
            services: c.services.clone(),
            recommendations: c.recommendations,
        }
    }
}

/// Where a structure intervenes, seen from the association.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Department,
    Region,
    Everywhere,
    Remote,
}

impl Reach {
    pub fn key(self) -> &'static str {
        match self {
            Reach::Department => "diagnosis-match-department",
            Reach::Region => "diagnosis-match-region",
            Reach::Everywhere => "diagnosis-match-national",
            Reach::Remote => "diagnosis-match-remote",
        }
    }

    fn points(self) -> i64 {
        match self {
            Reach::Department => 6,
            Reach::Region => 3,
            Reach::Everywhere | Reach::Remote => 0,
        }
    }

    pub fn is_near(self) -> bool {
        matches!(self, Reach::Department | Reach::Region)
    }
}

/// What the association looks for.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub departement: String,
    pub region: String,
    /// Software slugs of the plan, in plan order.
    pub software: Vec<String>,
    /// Service slugs, most important first.
    pub services: Vec<String>,
}

/// A structure that fits, with what makes it fit (in the plan's order).
#[derive(Debug, Clone)]
pub struct Match {
    pub slug: String,
    pub name: String,
    pub reach: Reach,
    pub software: Vec<String>,
    pub services: Vec<String>,
    pub recommendations: i64,
}

#[derive(Debug, Clone)]
pub struct Matches {
    pub structures: Vec<Match>,
    /// No listed structure near the association fits: the list holds remote and national ones.
    pub nothing_near: bool,
}

/// How many structures the result shows.
pub const SHOWN: usize = 5;

fn reach(c: &Candidate, w: &Wanted) -> Option<Reach> {
    if !w.departement.is_empty() && c.departements.contains(&w.departement) {
        Some(Reach::Department)
    } else if !w.region.is_empty() && c.regions.contains(&w.region) {
        Some(Reach::Region)
    } else if c.national {
        Some(Reach::Everywhere)
    } else if c.remote {
        Some(Reach::Remote)
    } else {
        None
    }
}

pub fn matches(candidates: &[Candidate], wanted: &Wanted) -> Matches {
    let mut found: Vec<(i64, Match)> = candidates
        .iter()
        .filter_map(|c| {
            let reach = reach(c, wanted)?;
            let software: Vec<String> = wanted.software.iter().filter(|s| c.software.contains(s)).cloned().collect();
            let services: Vec<String> = wanted.services.iter().filter(|s| c.services.contains(s)).cloned().collect();
            if software.is_empty() && services.is_empty() {
                return None;
            }
            let points = reach.points() + 2 * software.len() as i64 + services.len() as i64;
            Some((
                points,
                Match {
                    slug: c.slug.clone(),
                    name: c.name.clone(),
                    reach,
                    software,
                    services,
                    recommendations: c.recommendations,
                },
            ))
        })
        .collect();
    found.sort_by(|(pa, a), (pb, b)| {
        pb.cmp(pa).then(b.recommendations.cmp(&a.recommendations)).then_with(|| a.name.cmp(&b.name))
    });
    let nothing_near = !found.iter().any(|(_, m)| m.reach.is_near());
    Matches { structures: found.into_iter().take(SHOWN).map(|(_, m)| m).collect(), nothing_near }
}

#[cfg(test)]
mod tests {
    use super::{Candidate, Reach, Wanted, matches};

    fn candidate(slug: &str, deps: &[&str], software: &[&str], services: &[&str]) -> Candidate {
        Candidate {
            slug: slug.into(),
            name: slug.into(),
            departements: deps.iter().map(|d| (*d).to_owned()).collect(),
            regions: if deps.contains(&"35") { vec!["53".into()] } else { vec![] },
            national: false,
            remote: false,
            software: software.iter().map(|s| (*s).to_owned()).collect(),
            services: services.iter().map(|s| (*s).to_owned()).collect(),
            recommendations: 3,
        }
    }

    fn wanted() -> Wanted {
        Wanted {
            departement: "35".into(),
            region: "53".into(),
            software: vec!["nextcloud".into(), "mobilizon".into()],
            services: vec!["formation-utilisateurs".into()],
        }
    }

    #[test]
    fn a_structure_in_the_department_handling_the_software_ranks_above_a_remote_one() {
        let remote = Candidate {
            remote: true,
            recommendations: 40,
            ..candidate("remote", &[], &["nextcloud", "mobilizon"], &["formation-utilisateurs"])
        };
        let national = Candidate { national: true, ..candidate("national", &[], &["nextcloud"], &[]) };
        let local = candidate("local", &["35"], &["nextcloud", "mobilizon"], &[]);
        let elsewhere = candidate("elsewhere", &["13"], &["nextcloud", "mobilizon"], &["formation-utilisateurs"]);
        let unrelated = candidate("unrelated", &["35"], &["wordpress"], &["developpement"]);
        let m = matches(&[remote, national, local, elsewhere, unrelated], &wanted());
        let order: Vec<_> = m.structures.iter().map(|s| (s.slug.as_str(), s.reach)).collect();
        assert_eq!(order, [("local", Reach::Department), ("remote", Reach::Remote), ("national", Reach::Everywhere)]);
        assert!(!m.nothing_near);
        assert_eq!(m.structures[0].software, ["nextcloud", "mobilizon"]);
    }

    #[test]
    fn nothing_listed_nearby_falls_back_to_remote_ones() {
        let remote = Candidate { remote: true, ..candidate("remote", &[], &["mobilizon"], &[]) };
        let far = candidate("far", &["13"], &["nextcloud"], &[]);
        let m = matches(&[far, remote], &wanted());
        assert_eq!(m.structures.iter().map(|s| s.slug.as_str()).collect::<Vec<_>>(), ["remote"]);
        assert!(m.nothing_near);
    }

    #[test]
    fn the_region_counts_less_than_the_department_and_services_count_too() {
        let region = Candidate { regions: vec!["53".into()], ..candidate("region", &["22"], &["nextcloud"], &[]) };
        let dept_training = candidate("dept-training", &["35"], &[], &["formation-utilisateurs"]);
        let m = matches(&[region, dept_training], &wanted());
        // Department 6 + one service 1 = 7; region 3 + one software 2 = 5.
        assert_eq!(m.structures.iter().map(|s| s.slug.as_str()).collect::<Vec<_>>(), ["dept-training", "region"]);
        assert_eq!(m.structures[1].reach, Reach::Region);
    }

    #[test]
    fn without_a_department_only_remote_and_national_structures_fit() {
        let local = candidate("local", &["35"], &["nextcloud"], &[]);
        let national = Candidate { national: true, ..candidate("national", &[], &["nextcloud"], &[]) };
        let m = matches(&[local, national], &Wanted { departement: String::new(), region: String::new(), ..wanted() });
        assert_eq!(m.structures.iter().map(|s| s.slug.as_str()).collect::<Vec<_>>(), ["national"]);
        assert!(m.nothing_near);
    }
}
