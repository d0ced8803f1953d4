//! The application's shared state, handed to every handler: the web plumbing's part
//! ([`WebState`]: database, settings, signing key, navigation), the mail sender's wake-up, the
//! data folder and each feature's engine on this node. Built by `startup`, routed by `router`.

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::FromRef;
use tokio::sync::Notify;

use crate::web::WebState;
use crate::{accounts, ads, diagnosis, directory, moderation};

#[derive(Clone)]
pub struct AppState {
    pub web: WebState,
    /// Wakes this node's mail sender as soon as something is queued.
    pub mail_wake: Arc<Notify>,
    pub data_dir: Arc<PathBuf>,
    /// The directory's search engine on this node.
    pub directory: Arc<directory::Directory>,
    /// The ads' search engine on this node.
    pub ads: Arc<ads::Ads>,
    /// Each feature's part of a person's data: export and account deletion.
    pub personal_data: Arc<[Arc<dyn accounts::PersonalData>]>,
    /// The sections of the moderation queue, in page order: each feature's items to decide on.
    pub queue_sections: Arc<[Arc<dyn moderation::QueueSection>]>,
    /// What a contact message to a structure can carry besides its text.
    pub contact_attachments: Arc<[Arc<dyn directory::ContactAttachment>]>,
    /// The self-diagnosis statistics as open data, as this node last computed them.
    pub diagnosis_file: Arc<diagnosis::OpenDataFile>,
}

impl AppState {
    /// Tells the local sender that mail is waiting (other nodes find it at their next poll).
    pub fn mail_queued(&self) {
        self.mail_wake.notify_one();
    }
}

/// `app.db`, `app.config`, `app.secret`: the web state's fields read as the application's, and
/// `&app` passes where `&WebState` is expected.
impl Deref for AppState {
    type Target = WebState;

    fn deref(&self) -> &WebState {
        &self.web
    }
}

impl FromRef<AppState> for WebState {
    fn from_ref(app: &AppState) -> WebState {
        app.web.clone()
    }
}
