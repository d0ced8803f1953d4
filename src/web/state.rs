//! What the web plumbing needs from the application: the database, the settings, the signing
//! key and the header's sections. Extractors and middleware take it through axum's `FromRef`,
//! so `web` never names the application or a feature.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;

use super::page::NavItem;

#[derive(Clone)]
pub struct WebState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Key for CSRF tokens and other signatures; shared by every node through the database.
    pub secret: Arc<Vec<u8>>,
    /// The sections shown in the header; a section appears here once it exists.
    pub nav: &'static [NavItem],
}
