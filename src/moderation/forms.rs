//! The decision form of the moderation queue, shared by every kind of item (ads and comments
//! too), and its parsing.

use serde::Deserialize;

use super::{Closing, Decision};
use crate::types::bounded;
use crate::web::FieldErrors;

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub(crate) struct DecisionForm {
    pub decision: String,
    pub reason: String,
}

impl DecisionForm {
    /// A decision whose buttons say `yes` or `no`: refusing needs a reason, approving may have
    /// one.
    pub fn parse(&self, yes: &str, no: &str) -> Result<Decision, FieldErrors> {
        let approve = if self.decision == yes {
            true
        } else if self.decision == no {
            false
        } else {
            return Err(FieldErrors::one("form", "err-decision-invalid"));
        };
        let min = if approve { 0 } else { 3 };
        match bounded(&self.reason, min, 1000, "err-reason-required", "err-reason-long") {
            Ok(reason) => Ok(Decision { approve, reason }),
            Err(key) => Err(FieldErrors::one("form", key)),
        }
    }

    /// The closing of a report: handled or dismissed, with an optional note.
    pub fn parse_closing(&self) -> Result<Closing, FieldErrors> {
        let acted = match self.decision.as_str() {
            "traite" => true,
            "classe" => false,
            _ => return Err(FieldErrors::one("form", "err-decision-invalid")),
        };
        match bounded(&self.reason, 0, 1000, "", "err-reason-long") {
            Ok(reason) => Ok(Closing { acted, reason }),
            Err(key) => Err(FieldErrors::one("form", key)),
        }
    }
}
