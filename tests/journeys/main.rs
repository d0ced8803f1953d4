//! Black-box journeys through HTTP against the real application: one test binary.
//! Runs on SQLite by default, and on PostgreSQL when `EMANCIPASSO_TEST_DATABASE_URL` is set.

mod accounts;
mod admin;
mod ads;
mod ads_api;
mod datainclusion;
mod diagnosis;
mod diagnosis_admin;
mod directory;
mod failures;
mod freshness;
mod harness;
mod nodes;
mod relay;
mod security;
mod seed;
mod sessions;
mod site;
mod structure_changes;
mod team;
mod vetting;
mod workspace;
