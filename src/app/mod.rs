//! Application state and the commands that change it.
//!
//! The UI draws from [`Core`] and emits [`Command`]s; [`Core::run`] carries them out after the
//! frame. All database work happens on the [`worker`] thread, so a frame never waits for SQLite.
//! This layer knows nothing of egui: the UI passes a repaint callback in.

pub mod agenda;
pub mod attendance;
mod core;
pub mod demo;
pub mod export;
mod failure;
pub mod maintenance;
pub mod minutes;
pub mod paths;
pub mod rapport;
pub mod rescue;
pub mod search;
pub mod signing;
pub mod startup;
mod system;
mod worker;

pub use core::{
    Command, Core, Leave, Notice, NoticeLevel, OpenMeeting, SAVE_AT_LATEST, StartupProblem,
};
pub use failure::{Failure, Title};
pub use worker::{Reply, Request};
