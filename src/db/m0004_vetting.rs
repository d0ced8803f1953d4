//! Vetting: accompaniment projects declared by structures, the association's answer through a
//! single-use link, richer recommendations (criteria, withdrawal, moderation), and the reasons
//! of moderation decisions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_vetting"
    }
}

fn fk(from: &'static str, col: &'static str, to: &'static str, action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(action).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("accompaniments")
                .col(big_pk_auto("id"))
                .col(big_integer("structure_id"))
                .col(big_integer_null("created_by"))
                .col(string("association_name"))
                .col(string("contact_email"))
                .col(text("summary"))
                .col(string("services").default(""))
                .col(string("software").default(""))
                .col(string_len("period_start", 7))
                .col(string_len("period_end", 7))
                .col(text("outcome").default(""))
                .col(string_len("status", 16).default("sent"))
                .col(string_len_uniq("token_hash", 64))
                .col(big_integer("token_expires_at"))
                .col(big_integer("created_at"))
                .col(big_integer_null("answered_at"))
                .foreign_key(&mut fk("accompaniments", "structure_id", "structures", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("accompaniments", "created_by", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("accompaniments_structure").table("accompaniments").col("structure_id").to_owned(),
        )
        .await?;

        for col in [
            big_integer_null("accompaniment_id"),
            big_integer_null("user_id"),
            string("author_email").default("").to_owned(),
            integer("listening").default(0).to_owned(),
            integer("clarity").default(0).to_owned(),
            integer("autonomy").default(0).to_owned(),
            boolean("would_recommend").default(true).to_owned(),
            string_len_null("withdraw_token_hash", 64),
            big_integer_null("withdrawn_at"),
            big_integer_null("decided_at"),
            big_integer_null("decided_by"),
            text("decision_reason").default("").to_owned(),
        ] {
            m.alter_table(Table::alter().table("recommendations").add_column(col).to_owned()).await?;
        }
        m.create_index(
            Index::create().name("recommendations_author").table("recommendations").col("author_email").to_owned(),
        )
        .await?;

        for col in [
            big_integer_null("decided_at"),
            big_integer_null("decided_by"),
            text("decision_reason").default("").to_owned(),
        ] {
            m.alter_table(Table::alter().table("structures").add_column(col).to_owned()).await?;
        }
        m.alter_table(Table::alter().table("reports").add_column(text("decision_reason").default("")).to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("accompaniments").to_owned()).await
    }
}
