//! Emancip'Asso: the platform that puts French associations in touch with trusted
//! accompanying structures to leave Big Tech tools. See README.md.

pub mod accounts;
pub mod admin;
pub mod ads;
pub mod app;
pub mod audit;
pub mod bench_seed;
pub mod config;
pub mod db;
pub mod demo;
pub mod diagnosis;
pub mod directory;
pub mod geo;
pub mod jobs;
pub mod mail;
pub mod moderation;
pub mod router;
pub mod search;
pub mod site;
pub mod startup;
pub mod synthetic;
pub mod types;
pub mod vetting;
pub mod web;
