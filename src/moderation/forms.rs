//! The decision form of the moderation queue, shared by every kind of item (the features'
//! decisions too), and its parsing.

use serde::Deserialize;

use super::{Closing, Decision};
use crate::types::bounded;
use crate::web::FieldErrors;

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub reason: String,
    /// The version of the item the moderator saw (a hidden field of the queue's forms).
    pub version: String,
}

impl DecisionForm {
    /// A decision whose buttons say `yes` or `no`: refusing needs a reason, approving may have
    /// one.
    pub fn parse(&self, yes: &str, no: &str) -> Result<Decision, FieldErrors> {
        let (approve, reason) = self.choose(&[(yes, true), (no, false)], |approve| approve)?;
        Ok(Decision { approve, reason })
    }

    /// The closing of a report: handled or dismissed, with an optional note.
    pub fn parse_closing(&self) -> Result<Closing, FieldErrors> {
        let (acted, reason) = self.choose(&[("traite", true), ("classe", false)], |_| true)?;
        Ok(Closing { acted, reason })
    }

    /// The version of the item the moderator decided on, when the form says it (the take-down
    /// forms of reports do not): a decision on an item that changed since is refused.
    pub fn seen(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }

    /// The decision among the buttons `choices` (value, decision) with its reason, which is
    /// required unless the decision is `free` of one (approving, publishing).
    pub fn choose<T: Copy>(&self, choices: &[(&str, T)], free: impl Fn(T) -> bool) -> Result<(T, String), FieldErrors> {
        let Some(&(_, decision)) = choices.iter().find(|(value, _)| *value == self.decision) else {
            return Err(FieldErrors::one("form", "err-decision-invalid"));
        };
        let min = if free(decision) { 0 } else { 3 };
        match bounded(&self.reason, min, 1000, "err-reason-required", "err-reason-long") {
            Ok(reason) => Ok((decision, reason)),
            Err(key) => Err(FieldErrors::one("form", key)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DecisionForm;

    fn form(decision: &str, reason: &str) -> DecisionForm {
        DecisionForm { decision: decision.into(), reason: reason.into(), version: String::new() }
    }

    #[test]
    fn refusing_needs_a_reason_approving_does_not() {
        assert!(form("approuver", "").parse("approuver", "refuser").is_ok_and(|d| d.approve));
        assert!(form("refuser", "").parse("approuver", "refuser").is_err());
        assert!(form("refuser", "Hors sujet").parse("approuver", "refuser").is_ok_and(|d| !d.approve));
        assert!(form("retirer", "Hors sujet").parse("approuver", "refuser").is_err());
        assert!(form("classe", "").parse_closing().is_ok_and(|c| !c.acted));
    }

    #[test]
    fn the_version_seen_is_read_when_given() {
        let mut f = form("publier", "");
        assert_eq!(f.seen(), None);
        f.version = "3".into();
        assert_eq!(f.seen(), Some(3));
        f.version = "trois".into();
        assert_eq!(f.seen(), None);
    }
}
