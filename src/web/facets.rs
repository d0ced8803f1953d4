//! Faceted lists: plain URLs for every state of a search (text, filters, sort, page) and the
//! facet groups the list pages render. Every link is a GET URL, so the lists work without
//! JavaScript and can be bookmarked or shared.

/// Builds the URLs of a list for the current search with one change.
#[derive(Clone)]
pub struct UrlState {
    base: &'static str,
    pub q: String,
    pub params: Vec<(&'static str, String)>,
    sort: Option<&'static str>,
}

impl UrlState {
    pub fn new(base: &'static str, q: &str, params: Vec<(&'static str, String)>, sort: Option<&'static str>) -> Self {
        UrlState { base, q: q.trim().to_owned(), params, sort }
    }

    pub fn has(&self, key: &str, value: &str) -> bool {
        self.params.iter().any(|(k, v)| *k == key && v == value)
    }

    pub fn url(&self, params: &[(&'static str, String)], page: usize) -> String {
        let enc = |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
        let mut parts: Vec<String> = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", enc(&self.q)));
        }
        parts.extend(params.iter().map(|(k, v)| format!("{k}={}", enc(v))));
        if let Some(s) = self.sort {
            parts.push(format!("tri={s}"));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() { self.base.into() } else { format!("{}?{}", self.base, parts.join("&")) }
    }

    /// The URL with `key=value` added, or removed when present.
    pub fn toggle(&self, key: &'static str, value: &str) -> String {
        let mut params = self.params.clone();
        if self.has(key, value) {
            params.retain(|(k, v)| !(*k == key && v == value));
        } else {
            params.push((key, value.to_owned()));
        }
        self.url(&params, 1)
    }

    pub fn page(&self, page: usize) -> String {
        self.url(&self.params, page)
    }

    pub fn without_text(&self) -> String {
        UrlState { q: String::new(), ..self.clone() }.url(&self.params, 1)
    }
}

/// One choice of a facet, ready to render.
pub struct FacetOption {
    pub label: String,
    pub count: usize,
    pub href: String,
    pub active: bool,
}

pub struct FacetGroup {
    pub id: &'static str,
    pub title_key: &'static str,
    /// Options shown at once; the others sit behind "see all".
    pub first: Vec<FacetOption>,
    pub more: Vec<FacetOption>,
}

pub fn group(id: &'static str, title_key: &'static str, mut options: Vec<FacetOption>) -> FacetGroup {
    options.sort_by(|a, b| b.active.cmp(&a.active).then(b.count.cmp(&a.count)).then(a.label.cmp(&b.label)));
    let more = if options.len() > 8 { options.split_off(8) } else { Vec::new() };
    FacetGroup { id, title_key, first: options, more }
}
