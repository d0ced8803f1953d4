//! What waits for the moderators, with the flags that call for a closer look at a
//! recommendation.

use super::store::{self, OpenReport, PendingRecommendation, PendingStructure};
use crate::ads::{self, PendingAds};
use crate::db::Db;
use crate::vetting;

/// The moderation queue.
pub struct Queue {
    pub structures: Vec<PendingStructure>,
    pub recommendations: Vec<RecoItem>,
    pub reports: Vec<OpenReport>,
    pub ads: PendingAds,
}

/// What the moderators see of a recommendation, with the flags that call for a closer look.
pub struct RecoItem {
    pub r: PendingRecommendation,
    pub flags: Vec<&'static str>,
    /// (criterion, answer) message keys.
    pub criteria: Vec<(&'static str, &'static str)>,
}

/// Everything that waits for a decision, oldest first.
pub async fn load(db: &Db) -> Result<Queue, sea_orm::DbErr> {
    let structures = store::pending_structures(db).await?;
    let recommendations = store::pending_recommendations(db)
        .await?
        .into_iter()
        .map(|r| RecoItem {
            flags: flags(&r),
            criteria: vec![
                ("criterion-listening", vetting::criterion_key(r.listening.into())),
                ("criterion-clarity", vetting::criterion_key(r.clarity.into())),
                ("criterion-autonomy", vetting::criterion_key(r.autonomy.into())),
                ("criterion-would-recommend", if r.would_recommend { "criterion-yes" } else { "criterion-no" }),
            ],
            r,
        })
        .collect();
    let reports = store::open_reports(db).await?;
    let ads = ads::pending_for_moderation(db).await?;
    Ok(Queue { structures, recommendations, reports, ads })
}

fn domain_of(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(&s).to_owned();
    let host = s.rsplit('@').next().unwrap_or("").split(['/', '?', '#']).next().unwrap_or("").to_owned();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

fn flags(r: &PendingRecommendation) -> Vec<&'static str> {
    let mut flags = Vec::new();
    let author = domain_of(&r.author_email);
    if !author.is_empty() && (author == domain_of(&r.structure_website) || author == domain_of(&r.structure_contact)) {
        flags.push("flag-same-domain");
    }
    if r.same_author > 0 {
        flags.push("flag-same-author");
    }
    if r.body.chars().count() < 80 {
        flags.push("flag-short");
    }
    if r.summary.is_none() {
        flags.push("flag-no-accompaniment");
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::domain_of;

    #[test]
    fn domains_are_compared_without_scheme_or_www() {
        assert_eq!(domain_of("Contact@Nuages.example"), "nuages.example");
        assert_eq!(domain_of("https://www.nuages.example/a"), "nuages.example");
        assert_eq!(domain_of(""), "");
    }
}
