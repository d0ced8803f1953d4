//! The demonstration data set: fictional accounts for every role, so that `demo` shows a
//! living site. Every name and address is clearly fictional (`.example` domains).

use crate::accounts;
use crate::db::Db;
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
    crate::directory::seed_demo(db).await?;
    Ok(())
}
