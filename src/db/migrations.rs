//! The schema, one migration set for both databases, written with the schema builder so that
//! each backend gets its own DDL. Timestamps are `BIGINT` Unix seconds (UTC) everywhere.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(M0001Foundation),
            Box::new(super::m0002_directory::Migration),
            Box::new(super::m0003_freshness::Migration),
            Box::new(super::m0004_vetting::Migration),
            Box::new(super::m0005_ads::Migration),
            Box::new(super::m0006_relays_and_teams::Migration),
            Box::new(super::m0007_reviews::Migration),
            Box::new(super::m0008_notices_and_prices::Migration),
            Box::new(super::m0009_diagnosis::Migration),
        ]
    }
}

/// Accounts, sessions, one-time tokens, the mail outbox, rate limits, settings, pages, audit log.
struct M0001Foundation;

impl MigrationName for M0001Foundation {
    fn name(&self) -> &str {
        "m0001_foundation"
    }
}

fn fk(from: &'static str, col: &'static str, to: &'static str, action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(action).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for M0001Foundation {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("users")
                .col(big_pk_auto("id"))
                .col(string_uniq("email"))
                .col(string("display_name"))
                .col(string("password_hash"))
                .col(string_len("locale", 8))
                .col(big_integer_null("email_verified_at"))
                .col(big_integer("created_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("user_roles")
                .col(big_integer("user_id"))
                .col(string_len("role", 32))
                .col(big_integer("created_at"))
                .primary_key(Index::create().col("user_id").col("role"))
                .foreign_key(&mut fk("user_roles", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("sessions")
                .col(string_len("id", 64).primary_key())
                .col(big_integer("user_id"))
                .col(big_integer("created_at"))
                .col(big_integer("last_seen_at"))
                .col(big_integer("expires_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("sessions_user").table("sessions").col("user_id").to_owned()).await?;
        m.create_index(Index::create().name("sessions_expires").table("sessions").col("expires_at").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("account_tokens")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string_len("purpose", 32))
                .col(string_len_uniq("token_hash", 64))
                .col(string_null("new_email"))
                .col(big_integer("created_at"))
                .col(big_integer("expires_at"))
                .col(big_integer_null("used_at"))
                .foreign_key(&mut fk("account_tokens", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("outbox")
                .col(big_pk_auto("id"))
                .col(big_integer_null("user_id"))
                .col(string("recipient"))
                .col(string("subject"))
                .col(text("body_text"))
                .col(big_integer("created_at"))
                .col(integer("attempts").default(0))
                .col(big_integer("next_attempt_at"))
                .col(string_len_null("locked_by", 64))
                .col(big_integer_null("locked_until"))
                .col(big_integer_null("sent_at"))
                .col(big_integer_null("failed_at"))
                .col(text_null("last_error"))
                .foreign_key(&mut fk("outbox", "user_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("outbox_pending").table("outbox").col("sent_at").col("next_attempt_at").to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("rate_limits")
                .col(string("bucket").primary_key())
                .col(big_integer("window_start"))
                .col(integer("hits"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create().table("settings").col(string_len("key", 64).primary_key()).col(text("value")).to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("pages")
                .col(string_len("slug", 64).primary_key())
                .col(string("title_fr"))
                .col(string("title_en"))
                .col(text("body_fr"))
                .col(text("body_en"))
                .col(big_integer("updated_at"))
                .col(big_integer_null("updated_by"))
                .foreign_key(&mut fk("pages", "updated_by", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(big_pk_auto("id"))
                .col(big_integer_null("actor_id"))
                .col(string("actor_label"))
                .col(string_len("action", 64))
                .col(string("target"))
                .col(text_null("reason"))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("audit_log", "actor_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_log",
            "pages",
            "settings",
            "rate_limits",
            "outbox",
            "account_tokens",
            "sessions",
            "user_roles",
            "users",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
