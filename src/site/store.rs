//! Editable pages. Each page has a French and an English version; the defaults shipped in
//! `content/pages/` are inserted on first start and then belong to the admins.

use crate::db::{self, Db, Row};
use crate::vals;

/// The pages every instance has, linked from the footer.
pub const PAGE_SLUGS: [&str; 3] = ["mentions-legales", "confidentialite", "accessibilite"];

const DEFAULTS: &[(&str, &str, &str)] = &[
    (
        "mentions-legales",
        include_str!("../../content/pages/mentions-legales.fr.md"),
        include_str!("../../content/pages/mentions-legales.en.md"),
    ),
    (
        "confidentialite",
        include_str!("../../content/pages/confidentialite.fr.md"),
        include_str!("../../content/pages/confidentialite.en.md"),
    ),
    (
        "accessibilite",
        include_str!("../../content/pages/accessibilite.fr.md"),
        include_str!("../../content/pages/accessibilite.en.md"),
    ),
];

#[derive(Row, Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title_fr: String,
    pub title_en: String,
    pub body_fr: String,
    pub body_en: String,
    pub updated_at: i64,
}

/// Splits a default page file into its `# Title` line and the body.
fn split(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    match text.strip_prefix("# ").and_then(|t| t.split_once('\n')) {
        Some((title, body)) => (title.trim(), body.trim_start()),
        None => ("", text),
    }
}

/// Inserts the shipped pages that are missing; never overwrites an edited page.
pub async fn ensure_default_pages(db: &Db) -> db::Result<()> {
    for (slug, fr, en) in DEFAULTS {
        let (title_fr, body_fr) = split(fr);
        let (title_en, body_en) = split(en);
        db::exec(
            db.conn(),
            "INSERT INTO pages (slug, title_fr, title_en, body_fr, body_en, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (slug) DO NOTHING",
            vals![*slug, title_fr, title_en, body_fr, body_en, db::now()],
        )
        .await?;
    }
    Ok(())
}

pub async fn page(db: &Db, slug: &str) -> db::Result<Option<Page>> {
    db::one(
        db.conn(),
        "SELECT slug, title_fr, title_en, body_fr, body_en, updated_at FROM pages WHERE slug = $1",
        vals![slug],
    )
    .await
}

pub async fn save_page<C: sea_orm::ConnectionTrait>(c: &C, page: &Page, editor: i64) -> db::Result<u64> {
    db::exec(
        c,
        "UPDATE pages SET title_fr = $1, title_en = $2, body_fr = $3, body_en = $4, updated_at = $5, updated_by = $6 \
         WHERE slug = $7",
        vals![
            page.title_fr.clone(),
            page.title_en.clone(),
            page.body_fr.clone(),
            page.body_en.clone(),
            db::now(),
            editor,
            page.slug.clone()
        ],
    )
    .await
}
