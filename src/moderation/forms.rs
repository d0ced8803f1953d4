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
        DecisionForm { decision: decision.into(), reason: reason.into() }
    }

    #[test]
    fn refusing_needs_a_reason_approving_does_not() {
        assert!(form("approuver", "").parse("approuver", "refuser").is_ok_and(|d| d.approve));
        assert!(form("refuser", "").parse("approuver", "refuser").is_err());
        assert!(form("refuser", "Hors sujet").parse("approuver", "refuser").is_ok_and(|d| !d.approve));
        assert!(form("retirer", "Hors sujet").parse("approuver", "refuser").is_err());
        assert!(form("classe", "").parse_closing().is_ok_and(|c| !c.acted));
    }
}
