//! The self-diagnosis: the questionnaire in versions (themes, questions, choices and their
//! weights per theme, grade thresholds, the alternatives mapping), each version kept whole so
//! that a result is always read with the version it was made with; the drafts (answers in
//! progress, under the hash of an unguessable link) and the results (under the hash of theirs),
//! and the results attached to a contact message to a structure (`diagnosis_shares`).
//! The rows of a version never change once written: an edit writes a new version.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0009_diagnosis"
    }
}

fn of_version(table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, "version_id")
        .to("diagnosis_versions", "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("diagnosis_versions")
                .col(big_pk_auto("id"))
                .col(string("note").default(""))
                .col(big_integer_null("created_by"))
                .col(big_integer("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("diagnosis_versions", "created_by")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_themes")
                .col(big_integer("version_id"))
                .col(string_len("slug", 32))
                .col(integer("position"))
                .col(string("label_fr"))
                .col(string("label_en"))
                .col(text("why_fr"))
                .col(text("why_en"))
                .col(text("next_fr"))
                .col(text("next_en"))
                .primary_key(Index::create().col("version_id").col("slug"))
                .foreign_key(&mut of_version("diagnosis_themes"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_questions")
                .col(big_integer("version_id"))
                .col(string_len("key", 32))
                .col(integer("step"))
                .col(integer("position"))
                .col(string_len("kind", 16))
                .col(string_len("need", 32).default(""))
                .col(string("label_fr"))
                .col(string("label_en"))
                .col(string("hint_fr").default(""))
                .col(string("hint_en").default(""))
                .primary_key(Index::create().col("version_id").col("key"))
                .foreign_key(&mut of_version("diagnosis_questions"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_choices")
                .col(big_integer("version_id"))
                .col(string_len("question_key", 32))
                .col(string_len("value", 48))
                .col(integer("position"))
                .col(string("label_fr"))
                .col(string("label_en"))
                .primary_key(Index::create().col("version_id").col("question_key").col("value"))
                .foreign_key(&mut of_version("diagnosis_choices"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_weights")
                .col(big_integer("version_id"))
                .col(string_len("question_key", 32))
                .col(string_len("value", 48))
                .col(string_len("theme", 32))
                .col(integer("points"))
                .primary_key(Index::create().col("version_id").col("question_key").col("value").col("theme"))
                .foreign_key(&mut of_version("diagnosis_weights"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_grades")
                .col(big_integer("version_id"))
                .col(string_len("grade", 4))
                .col(integer("min_score"))
                .primary_key(Index::create().col("version_id").col("grade"))
                .foreign_key(&mut of_version("diagnosis_grades"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_alternatives")
                .col(big_integer("version_id"))
                .col(string_len("tool", 48))
                .col(integer("position"))
                .col(string("name"))
                .col(string_len("software", 80).default(""))
                .col(string_len("difficulty", 16))
                .col(string_len("cost", 16))
                .col(text("note_fr"))
                .col(text("note_en"))
                .primary_key(Index::create().col("version_id").col("tool").col("position"))
                .foreign_key(&mut of_version("diagnosis_alternatives"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_drafts")
                .col(string_len("token_hash", 64).primary_key())
                .col(big_integer("version_id"))
                .col(text("answers"))
                .col(integer("step_reached"))
                .col(string_len_null("previous_hash", 64))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .foreign_key(&mut of_version("diagnosis_drafts"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("diagnosis_drafts_updated").table("diagnosis_drafts").col("updated_at").to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("diagnosis_results")
                .col(string_len("token_hash", 64).primary_key())
                .col(big_integer("version_id"))
                .col(text("answers"))
                .col(string_len("grade", 4))
                .col(integer("score"))
                .col(string_len("department_code", 4).default(""))
                .col(string_len("region_code", 4).default(""))
                .col(string_len("size", 16).default(""))
                .col(string_len_null("previous_hash", 64))
                .col(big_integer("created_at"))
                .foreign_key(&mut of_version("diagnosis_results"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("diagnosis_results_created").table("diagnosis_results").col("created_at").to_owned(),
        )
        .await?;

        // A result attached to a contact message: the structure's team sees it behind its account.
        m.create_table(
            Table::create()
                .table("diagnosis_shares")
                .col(big_pk_auto("id"))
                .col(string_len("result_hash", 64))
                .col(big_integer("structure_id"))
                .col(big_integer("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("diagnosis_shares", "result_hash")
                        .to("diagnosis_results", "token_hash")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("diagnosis_shares", "structure_id")
                        .to("structures", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("diagnosis_shares_result_structure")
                .table("diagnosis_shares")
                .col("result_hash")
                .col("structure_id")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("diagnosis_shares_structure").table("diagnosis_shares").col("structure_id").to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "diagnosis_shares",
            "diagnosis_results",
            "diagnosis_drafts",
            "diagnosis_alternatives",
            "diagnosis_grades",
            "diagnosis_weights",
            "diagnosis_choices",
            "diagnosis_questions",
            "diagnosis_themes",
            "diagnosis_versions",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
