//! Administration under `/admin`: accounts and their roles, the taxonomies of the directory,
//! editable pages, and the decision log. Every decision is written to the audit log.
//!
//! Admin owns no table: it edits what other features own through their `pub` functions
//! (`accounts::set_roles`, `directory::leave_team`, `directory::add_term`, `site::save_page`…). Layout: `routes/` (one
//! file per section), `forms.rs` (what was typed and its parsing), `actions.rs` (the units of
//! work of its own).

mod actions;
mod forms;
mod routes;

pub use routes::routes;
