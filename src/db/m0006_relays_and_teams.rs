//! Mail to typed addresses and team safety: the log of relayed mail that the caps count
//! (`mail_relays`), the roles an administrator revoked (which nothing grants back silently),
//! and what moderators need to spot a self-recommendation (the pseudonymous network tags of the
//! declaration and of the answer, and the account that answered).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0006_relays_and_teams"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mail_relays")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 16))
                .col(big_integer("structure_id"))
                .col(string("recipient"))
                .col(big_integer("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("mail_relays_created").table("mail_relays").col("created_at").to_owned())
            .await?;
        m.create_index(
            Index::create()
                .name("mail_relays_recipient")
                .table("mail_relays")
                .col("recipient")
                .col("created_at")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("mail_relays_structure")
                .table("mail_relays")
                .col("structure_id")
                .col("created_at")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("role_revocations")
                .col(big_integer("user_id"))
                .col(string_len("role", 32))
                .col(big_integer_null("revoked_by"))
                .col(big_integer("revoked_at"))
                .primary_key(Index::create().col("user_id").col("role"))
                .foreign_key(
                    ForeignKey::create()
                        .from("role_revocations", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        for col in
            [string_len_null("declared_ip", 32), string_len_null("answered_ip", 32), big_integer_null("answered_by")]
        {
            m.alter_table(Table::alter().table("accompaniments").add_column(col).to_owned()).await?;
        }
        m.create_index(
            Index::create().name("accompaniments_contact").table("accompaniments").col("contact_email").to_owned(),
        )
        .await?;

        // Workspace access is team membership, and the structure role goes with it: a member
        // whose role an administrator took away before this migration leaves the team now.
        m.exec_stmt(
            Query::delete()
                .from_table("structure_members")
                .and_where(
                    Expr::col("user_id").not_in_subquery(
                        Query::select()
                            .column("user_id")
                            .from("user_roles")
                            .and_where(Expr::col("role").eq("structure"))
                            .to_owned(),
                    ),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("role_revocations").to_owned()).await?;
        m.drop_table(Table::drop().table("mail_relays").to_owned()).await
    }
}
