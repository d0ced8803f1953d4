//! Web infrastructure shared by every feature: languages, sessions, forms and CSRF, rate
//! limits, error pages, security headers and static files. Names no feature.

pub mod api;
pub mod assets;
pub mod cache;
pub mod csrf;
pub mod error;
pub mod facets;
pub mod forms;
pub mod i18n;
pub mod markdown;
pub mod page;
pub mod ratelimit;
pub mod security;
pub mod session;
pub mod state;

pub use error::AppError;
pub use forms::{CsrfForm, FieldErrors};
pub use i18n::Lang;
pub use markdown::markdown;
pub use page::{PageCtx, render, render_status, see_other};
pub use session::{AdminUser, CurrentUser, MaybeUser, ModeratorUser, Role};
pub use state::WebState;
