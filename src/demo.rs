//! The demonstration data set: fictional accounts for every role, so that `demo` shows a
//! living site. Every name and address is clearly fictional (`.example` domains).

use crate::accounts;
use crate::db::{self, Db};
use crate::vals;
use crate::web::Role;

/// Password of every demonstration account.
pub const DEMO_PASSWORD: &str = "demo-emancipasso";

/// (email, display name, roles)
pub const DEMO_ACCOUNTS: &[(&str, &str, &[Role])] = &[
    ("admin@demo.example", "Alix Admin (fictif)", &[Role::Admin, Role::Moderator]),
    ("moderation@demo.example", "Morgane Modération (fictive)", &[Role::Moderator]),
    ("asso@demo.example", "Les Jardins Partagés de Bellecombe (fictif)", &[Role::Association]),
    ("structure@demo.example", "Chaton des Collines (fictif)", &[Role::Structure]),
];

/// Loads the demonstration data; running it again changes nothing.
pub async fn seed(db: &Db) -> anyhow::Result<()> {
    let hash = accounts::hash_password(DEMO_PASSWORD.to_owned()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    for (email, name, roles) in DEMO_ACCOUNTS {
        accounts::create_demo_account(db, email, name, &hash, roles).await?;
    }
    if crate::directory::seed_demo(db).await? > 0 {
        seed_activity(db).await?;
    }
    crate::ads::seed_demo(db, &hash).await?;
    crate::diagnosis::seed_demo(db).await?;
    seed_changes(db).await?;
    Ok(())
}

/// Changes since their review for the moderators to look at: the structure account's profile
/// (its pitch and prices were other when approved) and one published ad of the association
/// account (its title). Running it again changes nothing.
async fn seed_changes(db: &Db) -> anyhow::Result<()> {
    let now = db::now();
    let c = db.conn();
    db::exec(
        c,
        "INSERT INTO structure_revisions (structure_id, name, pitch, description, website, contact_email, \
           chatons_member, chatons_url, price_info, logo, created_at, updated_at) \
         SELECT id, name, 'Hébergement de services libres pour les associations des collines.', description, \
           website, contact_email, chatons_member, chatons_url, 'Adhésion : 20 € par an.', logo, $1, $1 \
         FROM structures WHERE slug = 'cooperative-libre-horizon' ON CONFLICT DO NOTHING",
        vals![now - 3_600],
    )
    .await?;
    db::exec(
        c,
        "INSERT INTO ad_revisions (ad_id, mode, slug, kind, association_name, title, body, software_slug, \
           software_other, estimated_cost, deadline, region_code, remote, tags, created_at, updated_at) \
         SELECT a.id, 'edited', a.slug, a.kind, a.association_name, 'Un outil pour nos adhésions', a.body, \
           a.software_slug, a.software_other, a.estimated_cost, a.deadline, a.region_code, a.remote, a.tags, $1, $1 \
         FROM ads a JOIN users u ON u.id = a.author_id \
         WHERE u.email = 'asso@demo.example' AND a.status = 'published' \
           AND a.id = (SELECT MIN(b.id) FROM ads b WHERE b.author_id = u.id AND b.status = 'published') \
         ON CONFLICT DO NOTHING",
        vals![now - 7_200],
    )
    .await?;
    Ok(())
}

/// Work in progress for the demonstration's roles: the structure account runs a team, the
/// moderators find a recommendation and a report waiting.
async fn seed_activity(db: &Db) -> anyhow::Result<()> {
    let now = db::now();
    let c = db.conn();
    db::exec(
        c,
        "INSERT INTO structure_members (structure_id, user_id, created_at) \
         SELECT s.id, u.id, $1 FROM structures s, users u \
         WHERE s.slug = 'cooperative-libre-horizon' AND u.email = 'structure@demo.example' ON CONFLICT DO NOTHING",
        vals![now],
    )
    .await?;
    db::exec(
        c,
        "INSERT INTO recommendations (structure_id, association_name, author_email, body, status, listening, clarity, \
           autonomy, would_recommend, created_at) \
         SELECT id, 'Amicale des Randonneurs du Plateau (fictive)', 'bureau@randonneurs-plateau.example', \
           'Ils nous ont aidés à quitter WhatsApp pour Element : trois ateliers, une documentation simple, et toute l''équipe a suivi.', \
           'pending', 3, 3, 2, TRUE, $1 FROM structures WHERE slug = 'cooperative-libre-horizon'",
        vals![now],
    )
    .await?;
    db::exec(
        c,
        "INSERT INTO reports (target_kind, target_id, reason, message, reporter_email, status, created_at) \
         SELECT 'structure', id, 'outdated', 'Le lien vers la fiche CHATONS ne fonctionne plus.', '', 'open', $1 \
         FROM structures WHERE slug = 'passerelle-rhenane'",
        vals![now],
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::DEMO_ACCOUNTS;

    #[test]
    fn the_accounts_the_demo_ads_name_are_created_here() {
        for email in crate::ads::demo_shared_accounts() {
            assert!(DEMO_ACCOUNTS.iter().any(|a| a.0 == email), "{email} is not a demonstration account");
        }
    }
}
