//! `emancipasso bench-seed`: fills a data folder with realistic synthetic data for the
//! benchmark (`bench/run.sh`, PRODUCT.md §4), one feature after the other.
//!
//! Each feature generates its own rows from a fixed seed of its own and writes them through its
//! store (`directory::bench`, `ads::bench`), so two runs give the same data set and the
//! structures stay the same whatever the number of ads. This driver parses every word list first
//! (`content/bench/`, embedded in the binary), refuses a database holding data it did not create,
//! shows the progress, and writes the accounts the features share: 500 association accounts
//! (`bench-asso-N@bench.example`) and 100 developer accounts (`bench-dev-N@bench.example`), none
//! of which can sign in (password hash `!`). Generated names end with " (bench)", slugs with
//! "-bench", and web sites and emails use the reserved `.example` domains.

use std::collections::{HashMap, HashSet};

use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;

use crate::db::{self, Db, Row};
use crate::synthetic::{NAME_SUFFIX, Names, of_town, pick};
use crate::{ads, directory, geo, vals};

/// Generated association accounts (authors and joiners of the ads).
const BENCH_ASSOCIATIONS: usize = 500;
/// Generated developer accounts (offers).
const BENCH_DEVELOPERS: usize = 100;
/// Domain of the generated accounts' emails.
const EMAIL_DOMAIN: &str = "bench.example";

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub structures: usize,
    pub ads: usize,
    pub resources: usize,
    /// Seed even when the database holds structures that bench-seed did not create.
    pub force: bool,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub added: usize,
    /// Structures whose slug already existed (a second run on the same folder).
    pub skipped: usize,
    /// Approved structures with at least one published recommendation.
    pub recommended: usize,
    pub recommendations: usize,
    pub ads_added: usize,
    /// Ads whose slug already existed (a second run on the same folder).
    pub ads_skipped: usize,
    /// Pledges of the added ads, their authors' included.
    pub pledges: usize,
    pub offers: usize,
}

/// Generates and writes the data set.
pub async fn seed(db: &Db, options: &Options) -> anyhow::Result<Summary> {
    let names = Names::parse()?;
    let directory_words = directory::bench::Words::parse()?;
    let ads_words = ads::bench::Words::parse()?;
    if !options.force {
        for (what, foreign) in
            [("structures", directory::bench::foreign(db).await?), ("ads", ads::bench::foreign(db).await?)]
        {
            if foreign > 0 {
                anyhow::bail!(
                    "this database holds {foreign} {what} that bench-seed did not create: \
                     use an empty data folder (or --force)"
                );
            }
        }
    }
    let software: HashSet<String> = directory::term_choices(db, crate::web::Lang::Fr)
        .await?
        .into_iter()
        .filter(|(kind, _, _)| kind == "software")
        .map(|(_, slug, _)| slug)
        .collect();

    let bar = progress(options.structures, "structures");
    let structures =
        directory::bench::seed(db, options.structures, &directory_words, &names, |n| bar.inc(n as u64)).await?;
    bar.finish();
    let mut summary = Summary {
        added: structures.added,
        skipped: structures.skipped,
        recommended: structures.recommended,
        recommendations: structures.recommendations,
        ..Summary::default()
    };

    if options.ads > 0 {
        let now = db::now();
        // The accounts come first out of the ads' generator: the order the data set was always
        // drawn in.
        let mut rng = ads::bench::rng();
        let accounts = Accounts::draw(&mut rng, &names);
        let (associations, developers) = accounts.write(db, now).await?;
        let bar = progress(options.ads, "ads");
        let draw = ads::bench::Draw {
            words: &ads_words,
            rng,
            associations: &associations,
            developers: &developers,
            software: &software,
            now,
        };
        let ads = ads::bench::seed(db, options.ads, draw, |n| bar.inc(n as u64)).await?;
        bar.finish();
        summary.ads_added = ads.added;
        summary.ads_skipped = ads.skipped;
        summary.pledges = ads.pledges;
        summary.offers = ads.offers;
    }
    Ok(summary)
}

fn progress(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!("{{prefix}} [{{bar:40}}] {{pos}}/{{len}} {what} ({{elapsed}})"))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("bench-seed");
    bar
}

// ---- the shared accounts ---------------------------------------------------------------

/// An account of the benchmark.
struct BenchUser {
    email: String,
    name: String,
}

/// The accounts the features share, in the order they were drawn.
struct Accounts {
    associations: Vec<BenchUser>,
    developers: Vec<BenchUser>,
}

#[derive(Row)]
struct UserId {
    id: i64,
    email: String,
}

impl Accounts {
    /// Draws distinct names: associations of real communes, then developers.
    fn draw(rng: &mut StdRng, names: &Names) -> Self {
        let communes: Vec<&'static geo::Commune> = geo::communes().iter().filter(|c| !c.postcodes.is_empty()).collect();
        let mut taken = HashSet::new();
        let mut associations = Vec::with_capacity(BENCH_ASSOCIATIONS);
        while associations.len() < BENCH_ASSOCIATIONS {
            let name =
                format!("{} {}{NAME_SUFFIX}", pick(rng, &names.associations), of_town(pick(rng, &communes).name));
            if taken.insert(name.clone()) {
                associations
                    .push(BenchUser { email: format!("bench-asso-{}@{EMAIL_DOMAIN}", associations.len() + 1), name });
            }
        }
        let mut developers = Vec::with_capacity(BENCH_DEVELOPERS);
        while developers.len() < BENCH_DEVELOPERS {
            let name = format!("{} {}{NAME_SUFFIX}", pick(rng, &names.first_names), pick(rng, &names.last_names));
            if taken.insert(name.clone()) {
                developers
                    .push(BenchUser { email: format!("bench-dev-{}@{EMAIL_DOMAIN}", developers.len() + 1), name });
            }
        }
        Accounts { associations, developers }
    }

    /// Writes the accounts (those already there stay as they are) and the associations' role;
    /// returns the associations and the developers as the features name them, in order.
    ///
    /// Written here with `db::batch` rather than through the accounts' store, which creates one
    /// account at a time: the rows also carry the association's name that ads sign with.
    async fn write(
        &self,
        db: &Db,
        now: i64,
    ) -> anyhow::Result<(Vec<ads::bench::Account<'_>>, Vec<ads::bench::Account<'_>>)> {
        let users =
            self.associations.iter().map(|u| (u, u.name.as_str())).chain(self.developers.iter().map(|u| (u, "")));
        let rows = users
            .map(|(u, association)| vals![u.email.as_str(), u.name.as_str(), "!", "fr", now, now, association])
            .collect();
        let txn = db.begin().await?;
        db::batch::insert(
            &txn,
            "users",
            &[
                "email",
                "display_name",
                "password_hash",
                "locale",
                "email_verified_at",
                "created_at",
                "association_name",
            ],
            rows,
        )
        .await?;
        let found: Vec<UserId> =
            db::all(&txn, "SELECT id, email FROM users WHERE email LIKE $1", vals![format!("bench-%@{EMAIL_DOMAIN}")])
                .await?;
        let ids: HashMap<String, i64> = found.into_iter().map(|u| (u.email, u.id)).collect();
        fn account<'u>(ids: &HashMap<String, i64>, u: &'u BenchUser) -> anyhow::Result<ads::bench::Account<'u>> {
            let user_id = ids.get(&u.email).copied().ok_or_else(|| anyhow::anyhow!("no account {}", u.email))?;
            Ok(ads::bench::Account { user_id, name: u.name.as_str() })
        }
        let associations = self.associations.iter().map(|u| account(&ids, u)).collect::<anyhow::Result<Vec<_>>>()?;
        let developers = self.developers.iter().map(|u| account(&ids, u)).collect::<anyhow::Result<Vec<_>>>()?;
        let roles = associations.iter().map(|a| vals![a.user_id, "association", now]).collect();
        db::batch::insert(&txn, "user_roles", &["user_id", "role", "created_at"], roles).await?;
        txn.commit().await?;
        Ok((associations, developers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_accounts_are_deterministic_and_unique() {
        let names = Names::parse().expect("content/bench/names.json");
        let a = Accounts::draw(&mut ads::bench::rng(), &names);
        let b = Accounts::draw(&mut ads::bench::rng(), &names);
        let emails =
            |x: &Accounts| x.associations.iter().chain(&x.developers).map(|u| u.email.clone()).collect::<Vec<_>>();
        let names_of =
            |x: &Accounts| x.associations.iter().chain(&x.developers).map(|u| u.name.clone()).collect::<Vec<_>>();
        assert_eq!((emails(&a), names_of(&a)), (emails(&b), names_of(&b)));

        let names: HashSet<&str> = a.associations.iter().chain(&a.developers).map(|u| u.name.as_str()).collect();
        assert_eq!(names.len(), BENCH_ASSOCIATIONS + BENCH_DEVELOPERS, "account names are unique");
        assert!(
            a.associations
                .iter()
                .chain(&a.developers)
                .all(|u| u.name.ends_with(NAME_SUFFIX) && u.email.ends_with(EMAIL_DOMAIN))
        );
    }
}
