//! Asking the user for a file: the system's file dialog (rfd: the desktop portal, or zenity).
//! One place, so every caller gets the same behaviour.

use std::path::PathBuf;

/// Asks where to save a file, suggesting `name`; `None` when the user cancelled.
#[must_use]
pub fn save_file(name: &str) -> Option<PathBuf> {
    rfd::FileDialog::new().set_file_name(name).save_file()
}
