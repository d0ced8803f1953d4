//! An answer of the application, with the checks journeys make on it.

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use scraper::{Html, Selector};

pub(super) fn localise(english: bool, path: &str) -> String {
    if english { emancipasso::web::Lang::En.href(path) } else { path.to_owned() }
}

/// An answer. The paths its checks name (form actions, redirects) are given without language
/// prefix and read in the language of the client that asked.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// Asked by an English client, reading the English site.
    pub english: bool,
}

impl Page {
    pub fn doc(&self) -> Html {
        Html::parse_document(&self.body)
    }

    pub fn location(&self) -> String {
        self.headers.get(LOCATION).expect("a Location header").to_str().expect("ascii").to_owned()
    }

    pub fn select_text(&self, css: &str) -> Option<String> {
        let doc = self.doc();
        let sel = Selector::parse(css).expect("selector");
        doc.select(&sel).next().map(|e| e.text().collect::<String>())
    }

    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        let doc = self.doc();
        let sel = Selector::parse(css).expect("selector");
        doc.select(&sel).next().and_then(|e| e.value().attr(attr).map(str::to_owned))
    }

    /// The CSRF token of the form posting to `action`.
    pub fn csrf_for(&self, action: &str) -> String {
        let action = localise(self.english, action);
        self.attr(&format!("form[action=\"{action}\"] input[name=\"_csrf\"]"), "value")
            .unwrap_or_else(|| panic!("no form posting to {action} in:\n{}", self.body))
    }

    /// The hidden inputs of the form posting to `action`.
    /// The names of the fields of the form posting to `action` (inputs, selects, text areas,
    /// buttons).
    pub fn field_names(&self, action: &str) -> Vec<String> {
        let action = localise(self.english, action);
        let doc = self.doc();
        let sel = Selector::parse(&format!("form[action=\"{action}\"] :is(input, select, textarea, button)[name]"))
            .expect("selector");
        doc.select(&sel).filter_map(|e| e.value().attr("name").map(str::to_owned)).collect()
    }

    pub fn hidden_inputs(&self, action: &str) -> Vec<(String, String)> {
        let action = localise(self.english, action);
        let doc = self.doc();
        let sel = Selector::parse(&format!("form[action=\"{action}\"] input[type=\"hidden\"]")).expect("selector");
        let inputs: Vec<(String, String)> = doc
            .select(&sel)
            .filter_map(|e| {
                Some((e.value().attr("name")?.to_owned(), e.value().attr("value").unwrap_or("").to_owned()))
            })
            .collect();
        assert!(!inputs.is_empty(), "no form posting to {action} in:\n{}", self.body);
        inputs
    }

    pub fn assert_status(&self, status: StatusCode) -> &Self {
        assert_eq!(self.status, status, "body:\n{}", self.body);
        self
    }

    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(self.body.contains(text), "{text:?} not in:\n{}", self.body);
        self
    }

    pub fn assert_lacks(&self, text: &str) -> &Self {
        assert!(!self.body.contains(text), "{text:?} unexpectedly in:\n{}", self.body);
        self
    }

    /// The message shown next to a field.
    pub fn assert_field_error(&self, field: &str, text: &str) -> &Self {
        let msg = self
            .select_text(&format!("#e-{field}"))
            .unwrap_or_else(|| panic!("no error for {field} in:\n{}", self.body));
        assert!(msg.contains(text), "error for {field} is {msg:?}, expected {text:?}");
        let invalid = self.attr(&format!("#f-{field}"), "aria-invalid");
        assert_eq!(invalid.as_deref(), Some("true"), "field {field} not marked invalid");
        self
    }

    pub fn assert_no_field_error(&self, field: &str) -> &Self {
        assert!(self.select_text(&format!("#e-{field}")).is_none(), "unexpected error for {field}");
        self
    }

    /// The value kept in a field.
    pub fn assert_field_value(&self, field: &str, value: &str) -> &Self {
        let v = self.attr(&format!("#f-{field}"), "value").unwrap_or_default();
        assert_eq!(v, value, "value of {field}");
        self
    }

    pub fn assert_flash(&self, text: &str) -> &Self {
        let flash = self.select_text(".flash").unwrap_or_else(|| panic!("no flash in:\n{}", self.body));
        assert!(flash.contains(text), "flash is {flash:?}, expected {text:?}");
        self
    }

    pub fn assert_redirect_to(&self, prefix: &str) -> &Self {
        let prefix = localise(self.english, prefix);
        let prefix = prefix.as_str();
        assert_eq!(self.status, StatusCode::SEE_OTHER, "body:\n{}", self.body);
        assert!(self.location().starts_with(prefix), "redirect to {}, expected {prefix}", self.location());
        self
    }

    /// A response header as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().expect("ascii header").to_owned())
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap_or("").to_owned()).collect()
    }

    pub fn title(&self) -> String {
        self.select_text("title").unwrap_or_default()
    }
}
