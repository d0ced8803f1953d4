//! Classified ads and co-funding: ads posted by associations, the associations that join them
//! with an optional pledge, offers from structures and developers, comments, followers, and the
//! association an account acts for.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_ads"
    }
}

fn fk(from: &'static str, col: &'static str, to: &'static str, action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(action).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("users").add_column(string("association_name").default("")).to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table("ads")
                .col(big_pk_auto("id"))
                .col(string_len("slug", 96))
                .col(string_len("kind", 16))
                .col(string_len("status", 16).default("draft"))
                .col(big_integer_null("author_id"))
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
                .col(big_integer_null("accepted_offer_id"))
                .col(big_integer_null("accepted_cost"))
                .col(text("close_reason").default(""))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .col(big_integer_null("published_at"))
                .col(big_integer("status_changed_at"))
                .col(big_integer_null("expires_at"))
                .col(big_integer_null("reminded_at"))
                .col(big_integer_null("decided_at"))
                .col(big_integer_null("decided_by"))
                .col(text("decision_reason").default(""))
                .foreign_key(&mut fk("ads", "author_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ads_status").table("ads").col("status").to_owned()).await?;
        m.create_index(Index::create().name("ads_author").table("ads").col("author_id").to_owned()).await?;
        m.create_index(Index::create().name("ads_expires").table("ads").col("expires_at").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("ad_pledges")
                .col(big_pk_auto("id"))
                .col(big_integer("ad_id"))
                .col(big_integer("user_id"))
                .col(string("association_name"))
                .col(big_integer_null("amount"))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .foreign_key(&mut fk("ad_pledges", "ad_id", "ads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_pledges", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ad_pledges_one").table("ad_pledges").col("ad_id").col("user_id").unique().to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ad_pledges_user").table("ad_pledges").col("user_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("ad_offers")
                .col(big_pk_auto("id"))
                .col(big_integer("ad_id"))
                .col(big_integer("user_id"))
                .col(big_integer_null("structure_id"))
                .col(string("author_name"))
                .col(big_integer("amount"))
                .col(string("timeframe"))
                .col(text("message"))
                .col(string_len("status", 16).default("open"))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .foreign_key(&mut fk("ad_offers", "ad_id", "ads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_offers", "user_id", "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_offers", "structure_id", "structures", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ad_offers_one").table("ad_offers").col("ad_id").col("user_id").unique().to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ad_offers_user").table("ad_offers").col("user_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("ad_comments")
                .col(big_pk_auto("id"))
                .col(big_integer("ad_id"))
                .col(big_integer_null("user_id"))
                .col(string("author_name"))
                .col(text("body"))
                .col(string_len("status", 16).default("published"))
                .col(big_integer("created_at"))
                .col(big_integer_null("decided_at"))
                .col(big_integer_null("decided_by"))
                .col(text("decision_reason").default(""))
                .foreign_key(&mut fk("ad_comments", "ad_id", "ads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_comments", "user_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ad_comments_ad").table("ad_comments").col("ad_id").to_owned()).await?;
        m.create_index(
            Index::create().name("ad_comments_user").table("ad_comments").col("user_id").col("created_at").to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("ad_follows")
                .col(big_integer("ad_id"))
                .col(big_integer("user_id"))
                .col(big_integer("created_at"))
                .primary_key(Index::create().col("ad_id").col("user_id"))
                .foreign_key(&mut fk("ad_follows", "ad_id", "ads", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ad_follows", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("search_changes_kind").table("search_changes").col("kind").col("id").to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ad_follows_user").table("ad_follows").col("user_id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["ad_follows", "ad_comments", "ad_offers", "ad_pledges", "ads"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
