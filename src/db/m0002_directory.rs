//! The directory of accompanying structures: taxonomies (seeded here, editable by admins),
//! structures, their teams, areas and terms, recommendations (the listing rule counts the
//! published ones), contact messages, reports, and the change feed that keeps each node's
//! search index in step.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0002_directory"
    }
}

fn fk(from: &'static str, col: &'static str, to: &'static str, action: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(action).to_owned()
}

/// The initial taxonomies, shipped as data (the directory reads the same file).
const TERMS: &str = include_str!("../../content/taxonomy/terms.tsv");

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("terms")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 32))
                .col(string_len("slug", 80))
                .col(string("label_fr"))
                .col(string("label_en"))
                .col(string("extra").default(""))
                .col(integer("position").default(0))
                .col(big_integer("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("terms_kind_slug").table("terms").col("kind").col("slug").unique().to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("structures")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("slug", 120))
                .col(string("name"))
                .col(string("pitch").default(""))
                .col(text("description").default(""))
                .col(big_integer_null("legal_form_id"))
                .col(boolean("chatons_member").default(false))
                .col(string("chatons_url").default(""))
                .col(string("website").default(""))
                .col(string("contact_email").default(""))
                .col(string_len("commune_insee", 8).default(""))
                .col(string("commune_name").default(""))
                .col(string_len("postcode", 8).default(""))
                .col(string_len("department_code", 4).default(""))
                .col(string_len("region_code", 4).default(""))
                .col(boolean("national").default(false))
                .col(boolean("remote").default(false))
                .col(big_integer_null("pricing_id"))
                .col(text("price_info").default(""))
                .col(string("languages").default("fr"))
                .col(string_null("logo"))
                .col(string_len("status", 16).default("draft"))
                .col(big_integer_null("approved_at"))
                .col(big_integer("confirmed_at"))
                .col(big_integer_null("confirm_asked_at"))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .foreign_key(&mut fk("structures", "legal_form_id", "terms", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk("structures", "pricing_id", "terms", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("structures_status").table("structures").col("status").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("structure_terms")
                .col(big_integer("structure_id"))
                .col(big_integer("term_id"))
                .primary_key(Index::create().col("structure_id").col("term_id"))
                .foreign_key(&mut fk("structure_terms", "structure_id", "structures", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("structure_terms", "term_id", "terms", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("structure_terms_term").table("structure_terms").col("term_id").to_owned())
            .await?;

        m.create_table(
            Table::create()
                .table("structure_areas")
                .col(big_integer("structure_id"))
                .col(string_len("kind", 16))
                .col(string_len("code", 8))
                .primary_key(Index::create().col("structure_id").col("kind").col("code"))
                .foreign_key(&mut fk("structure_areas", "structure_id", "structures", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("structure_members")
                .col(big_integer("structure_id"))
                .col(big_integer_uniq("user_id"))
                .col(big_integer("created_at"))
                .primary_key(Index::create().col("structure_id").col("user_id"))
                .foreign_key(&mut fk("structure_members", "structure_id", "structures", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("structure_members", "user_id", "users", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("structure_invites")
                .col(big_pk_auto("id"))
                .col(big_integer("structure_id"))
                .col(string("email"))
                .col(string_len_uniq("token_hash", 64))
                .col(big_integer_null("invited_by"))
                .col(big_integer("created_at"))
                .col(big_integer("expires_at"))
                .col(big_integer_null("used_at"))
                .foreign_key(&mut fk("structure_invites", "structure_id", "structures", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("structure_invites", "invited_by", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("recommendations")
                .col(big_pk_auto("id"))
                .col(big_integer("structure_id"))
                .col(string("association_name"))
                .col(text("body"))
                .col(string_len("status", 16).default("pending"))
                .col(big_integer_null("published_at"))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("recommendations", "structure_id", "structures", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("recommendations_structure")
                .table("recommendations")
                .col("structure_id")
                .col("status")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("contact_messages")
                .col(big_pk_auto("id"))
                .col(big_integer("structure_id"))
                .col(string("sender_name"))
                .col(string("sender_email"))
                .col(text("body"))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("contact_messages", "structure_id", "structures", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("reports")
                .col(big_pk_auto("id"))
                .col(string_len("target_kind", 32))
                .col(big_integer("target_id"))
                .col(string_len("reason", 32))
                .col(text("message").default(""))
                .col(string("reporter_email").default(""))
                .col(string_len("status", 16).default("open"))
                .col(big_integer("created_at"))
                .col(big_integer_null("decided_at"))
                .col(big_integer_null("decided_by"))
                .foreign_key(&mut fk("reports", "decided_by", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("search_changes")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 32))
                .col(big_integer("target_id"))
                .col(big_integer("changed_at"))
                .to_owned(),
        )
        .await?;

        let now = chrono::Utc::now().timestamp();
        let mut insert = Query::insert()
            .into_table("terms")
            .columns(["kind", "slug", "label_fr", "label_en", "extra", "position", "created_at"])
            .to_owned();
        for (i, [kind, slug, fr, en, extra]) in super::seed_rows::<5>(TERMS).into_iter().enumerate() {
            insert.values_panic([
                kind.into(),
                slug.into(),
                fr.into(),
                en.into(),
                extra.into(),
                (i as i32).into(),
                now.into(),
            ]);
        }
        m.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "search_changes",
            "reports",
            "contact_messages",
            "recommendations",
            "structure_invites",
            "structure_members",
            "structure_areas",
            "structure_terms",
            "structures",
            "terms",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
