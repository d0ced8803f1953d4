//! - Comments join the followers' collected notices: `ad_notices.comment_id` names the comment
//!   a notice tells of, read when the email goes (a comment removed meanwhile is not told).
//! - The prices a structure states and its logo are reviewed like its other public text:
//!   `structure_revisions.price_info` and `.logo` keep them as reviewed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0008_notices_and_prices"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("ad_notices").add_column(big_integer_null("comment_id")).to_owned()).await?;
        m.alter_table(
            Table::alter().table("structure_revisions").add_column(text("price_info").default("")).to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table("structure_revisions").add_column(string_null("logo")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("structure_revisions").drop_column("logo").to_owned()).await?;
        m.alter_table(Table::alter().table("structure_revisions").drop_column("price_info").to_owned()).await?;
        m.alter_table(Table::alter().table("ad_notices").drop_column("comment_id").to_owned()).await
    }
}
