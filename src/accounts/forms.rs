//! The account forms: what was typed (strings, kept on error) and their parsing.

use serde::Deserialize;

use crate::types::{Email, bounded};
use crate::web::FieldErrors;

/// A password that satisfies the rules; never logged, never shown.
pub struct Password(String);

impl Password {
    pub fn parse(input: &str) -> Result<Password, &'static str> {
        let n = input.chars().count();
        if input.is_empty() {
            Err("err-password-required")
        } else if n < 10 {
            Err("err-password-short")
        } else if n > 128 {
            Err("err-password-long")
        } else {
            Ok(Password(input.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn display_name(input: &str) -> Result<String, &'static str> {
    if input.trim().is_empty() {
        return Err("err-name-required");
    }
    bounded(input, 2, 60, "err-name-short", "err-name-long")
}

fn required(input: &str) -> Result<&str, &'static str> {
    if input.is_empty() { Err("err-password-required") } else { Ok(input) }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SignUpForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
}

pub struct NewAccount {
    pub email: Email,
    pub display_name: String,
    pub password: Password,
}

impl SignUpForm {
    pub fn parse(&self) -> Result<NewAccount, FieldErrors> {
        let mut e = FieldErrors::new();
        let email = e.check("email", Email::parse(&self.email));
        let display_name = e.check("display_name", display_name(&self.display_name));
        let password = e.check("password", Password::parse(&self.password));
        if let (Some(email), Some(p)) = (&email, &password)
            && p.as_str().eq_ignore_ascii_case(email.as_str())
        {
            e.add("password", "err-password-is-email");
        }
        let value = match (email, display_name, password) {
            (Some(email), Some(display_name), Some(password)) => Some(NewAccount { email, display_name, password }),
            _ => None,
        };
        e.into_result(value)
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    pub retour: String,
}

impl SignInForm {
    pub fn parse(&self) -> Result<(Email, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let email = e.check("email", Email::parse(&self.email));
        let password = e.check("password", required(&self.password).map(str::to_owned));
        e.into_result(email.zip(password))
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    pub email: String,
}

impl EmailForm {
    pub fn parse(&self) -> Result<Email, FieldErrors> {
        let mut e = FieldErrors::new();
        let email = e.check("email", Email::parse(&self.email));
        e.into_result(email)
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    pub jeton: String,
    pub password: String,
}

impl ResetForm {
    pub fn parse(&self) -> Result<Password, FieldErrors> {
        let mut e = FieldErrors::new();
        let p = e.check("password", Password::parse(&self.password));
        e.into_result(p)
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct NameForm {
    pub display_name: String,
}

impl NameForm {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::new();
        let n = e.check("display_name", display_name(&self.display_name));
        e.into_result(n)
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ChangeEmailForm {
    pub new_email: String,
    pub email_password: String,
}

impl ChangeEmailForm {
    pub fn parse(&self) -> Result<(Email, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let email = e.check("new_email", Email::parse(&self.new_email));
        let p = e.check("email_password", required(&self.email_password).map(str::to_owned));
        e.into_result(email.zip(p))
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ChangePasswordForm {
    pub current_password: String,
    pub new_password: String,
}

impl ChangePasswordForm {
    pub fn parse(&self) -> Result<(String, Password), FieldErrors> {
        let mut e = FieldErrors::new();
        let current = e.check("current_password", required(&self.current_password).map(str::to_owned));
        let new = e.check("new_password", Password::parse(&self.new_password));
        e.into_result(current.zip(new))
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DeleteForm {
    pub delete_password: String,
    pub confirm: String,
}

impl DeleteForm {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::new();
        let p = e.check("delete_password", required(&self.delete_password).map(str::to_owned));
        if self.confirm != "oui" {
            e.add("confirm", "err-delete-confirm");
        }
        e.into_result(p)
    }
}

/// All the forms of the account page, with what was typed, so that one failing form can be
/// shown again with its messages while the others stay blank.
#[derive(Debug, Default, Clone)]
pub struct AccountForms {
    pub name: NameForm,
    pub email: ChangeEmailForm,
    pub delete: DeleteForm,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_up_reports_every_field() {
        let errors = SignUpForm::default().parse().err().unwrap();
        assert_eq!(errors.get("email"), Some("err-email-required"));
        assert_eq!(errors.get("display_name"), Some("err-name-required"));
        assert_eq!(errors.get("password"), Some("err-password-required"));
        let form =
            SignUpForm { email: "a@exemple.org".into(), display_name: "Al".into(), password: "a@exemple.org".into() };
        assert_eq!(form.parse().err().unwrap().get("password"), Some("err-password-is-email"));
        let ok =
            SignUpForm { email: "a@exemple.org".into(), display_name: " Al ".into(), password: "correct horse".into() };
        assert_eq!(ok.parse().ok().unwrap().display_name, "Al");
    }

    #[test]
    fn passwords_have_bounds() {
        assert_eq!(Password::parse("court").err(), Some("err-password-short"));
        assert_eq!(Password::parse(&"x".repeat(129)).err(), Some("err-password-long"));
        assert!(Password::parse("dix caractères").is_ok());
    }
}
