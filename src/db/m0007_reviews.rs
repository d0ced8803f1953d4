//! Reviews of what changes after approval, and the ads' notices to followers.
//!
//! - `version` on ads and structures: counts the writes of their text, so that a moderator's
//!   decision says which version it was taken on and is refused when the item changed since.
//! - `ad_revisions`: at most one per ad. Under pre-moderation (`mode = 'pending'`) it holds the
//!   author's new text, waiting for a moderator while the public page keeps the approved one;
//!   under post-moderation (`mode = 'edited'`) it holds the text as it was before the first
//!   change since the last review, which the moderators compare with the live text.
//! - `structure_revisions`: the trust-relevant fields of an approved structure as they were
//!   before the first change since its last review (the changes are live; moderators accept or
//!   revert them).
//! - `ad_announcements`: who was announced once on an ad (a new offer to the followers, a new
//!   association to the author), so that withdrawing and coming back announces nothing again.
//! - `ad_notices`: the followers' notices of pledges and offers collected while an email went
//!   out less than `ads_notice_minutes` ago; `ads.notices_sent_at` is when the last one went.
//! - `ad_actions`: the pledges, withdrawals and offers of each person on each ad, counted by the
//!   rate limits of these actions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0007_reviews"
    }
}

fn fk(from: &'static str, col: &'static str, to: &'static str, action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(action).to_owned()
}

/// Copies `(ad_id, user_id, created_at)` of every row of `from` into `ad_announcements` as `kind`.
fn announced(from: &'static str, kind: &'static str) -> Result<InsertStatement, DbErr> {
    let rows = Query::select()
        .column("ad_id")
        .column("user_id")
        .expr(Expr::val(kind))
        .column("created_at")
        .from(from)
        .to_owned();
    Ok(Query::insert()
        .into_table("ad_announcements")
        .columns(["ad_id", "user_id", "kind", "created_at"])
        .select_from(rows)
        .map_err(|e| DbErr::Migration(e.to_string()))?
        .to_owned())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds them one at a time.
        for (table, col) in [
            ("ads", big_integer("version").default(1).to_owned()),
            ("ads", big_integer_null("notices_sent_at")),
            ("structures", big_integer("version").default(1).to_owned()),
        ] {
            m.alter_table(Table::alter().table(table).add_column(col).to_owned()).await?;
        }

        m.create_table(
            Table::create()
                .table("ad_revisions")
                .col(big_integer("ad_id").primary_key())
                .col(string_len("mode", 16))
                .col(string_len("slug", 96))
                .col(string_len("kind", 16))
                .col(string("association_name"))
                .col(string("title"))
                .col(text("body"))
                .col(string_len_null("software_slug", 64))
                .col(string("software_other").default(""))
                .col(big_integer_null("estimated_cost"))
                .col(string_len_null("deadline", 10))
                .col(string_len_null("region_code", 8))
                .col(boolean("remote").default(false))
                .col(string("tags").default(""))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .foreign_key(&mut fk("ad_revisions", "ad_id", "ads", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("structure_revisions")
                .col(big_integer("structure_id").primary_key())
                .col(string("name"))
                .col(string("pitch").default(""))
                .col(text("description").default(""))
                .col(string("website").default(""))
                .col(string("contact_email").default(""))
                .col(boolean("chatons_member").default(false))
                .col(string("chatons_url").default(""))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .foreign_key(&mut fk("structure_revisions", "structure_id", "structures", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("ad_announcements")
                .col(big_integer("ad_id"))
                .col(big_integer("user_id"))
                .col(string_len("kind", 16))
                .col(big_integer("created_at"))
                .primary_key(Index::create().col("ad_id").col("user_id").col("kind"))
                .foreign_key(&mut fk("ad_announcements", "ad_id", "ads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_announcements", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ad_announcements_user").table("ad_announcements").col("user_id").to_owned(),
        )
        .await?;
        // What was announced before this migration is not announced again.
        m.exec_stmt(announced("ad_offers", "offer")?).await?;
        m.exec_stmt(announced("ad_pledges", "join")?).await?;

        m.create_table(
            Table::create()
                .table("ad_notices")
                .col(big_pk_auto("id"))
                .col(big_integer("ad_id"))
                .col(big_integer_null("actor_id"))
                .col(string_len("kind", 16))
                .col(string_len_null("from_status", 16))
                .col(string_len_null("to_status", 16))
                .col(string("who").default(""))
                .col(big_integer_null("amount"))
                .col(string("timeframe").default(""))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("ad_notices", "ad_id", "ads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_notices", "actor_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ad_notices_ad").table("ad_notices").col("ad_id").to_owned()).await?;
        m.create_index(Index::create().name("ad_notices_actor").table("ad_notices").col("actor_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("ad_actions")
                .col(big_pk_auto("id"))
                .col(big_integer("ad_id"))
                .col(big_integer("user_id"))
                .col(string_len("action", 16))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("ad_actions", "ad_id", "ads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_actions", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ad_actions_user").table("ad_actions").col("user_id").col("created_at").to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ad_actions_ad").table("ad_actions").col("ad_id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["ad_actions", "ad_notices", "ad_announcements", "structure_revisions", "ad_revisions"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for (table, col) in [("structures", "version"), ("ads", "notices_sent_at"), ("ads", "version")] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
