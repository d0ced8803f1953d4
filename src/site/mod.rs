//! The frame of the site: home page, editable Markdown pages (`/pages/{slug}`: legal notices,
//! privacy policy, accessibility statement), the language switch and the health check.

mod routes;
mod store;

pub use routes::routes;
pub use store::{PAGE_SLUGS, Page, ensure_default_pages, page, save_page};
