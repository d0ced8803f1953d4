//! Markdown typed by people (descriptions, comments, editable pages) to sanitised HTML.

/// Markdown to HTML, sanitised: safe to insert in a page whatever an editor typed.
pub fn markdown(text: &str) -> String {
    let mut opts = pulldown_cmark::Options::empty();
    opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
    opts.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let parser = pulldown_cmark::Parser::new_ext(text, opts);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default().link_rel(Some("noopener noreferrer")).clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_is_sanitised() {
        let html = super::markdown("# Titre\n\n<script>alert(1)</script>\n\n[lien](javascript:alert(1)) **gras**");
        assert!(html.contains("<h1>Titre</h1>"));
        assert!(html.contains("<strong>gras</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }
}
