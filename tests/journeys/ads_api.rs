//! The ads in the open data: Atom feeds, JSON API and OpenAPI document.
