//! The units of work of the directory, one file per action: each checks its rules (answering
//! a [`DirectoryError`](super::DirectoryError)), writes through the store in one transaction,
//! queues its emails and records the change for the search engine. A moderator's decision on a
//! structure (`moderate.rs`) answers a [`ModerationError`](crate::moderation::ModerationError).

mod contact;
mod invite;
mod join;
mod logo;
mod moderate;
mod report;
mod save;
mod submit;
mod team;
mod terms;

pub use contact::{Relayed, receipt, relay_contact};
pub use invite::invite;
pub use join::{Joined, invitation, join};
pub use logo::replace_logo;
pub use moderate::{decide_changes, decide_structure};
pub use report::report;
pub use save::{Saved, save_profile, start_editing};
pub use submit::submit;
pub use team::{Remover, leave_team, remove_member};
pub use terms::{add_term, rename_term};
