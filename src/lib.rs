//! Møtebok: agendas, live minutes, attendance and signed minutes for a council secretariat.
//!
//! Layers, each knowing only those below it: [`model`] (domain rules, no I/O),
//! [`store`] (SQLite), [`package`] (the interchange file), [`report`] (PDF), `app` (state and
//! commands), `ui` (egui panes), and `cli` (headless commands).

pub mod app;
pub mod cli;
pub mod files;
pub mod i18n;
pub mod model;
pub mod package;
pub mod report;
pub mod sign;
pub mod store;
pub mod ui;
