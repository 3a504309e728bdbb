//! The window's background upkeep of the database file: the full integrity check (after an
//! unclean exit, and weekly) and the day's backup, on a thread of their own with their own
//! read-only connections, so neither the first frame nor typing and saving wait for them.
//!
//! The database thread starts it ([`start`]) a moment after the window opens and stops it
//! before it closes the database. What it is doing and what it found is kept in a
//! [`MaintenanceStatus`] the status bar shows.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::store::{self, BackupProgress, Cancel, CheckReason};

/// How long after the database thread starts the upkeep begins: the first frame and the
/// meeting list come first.
pub const START_DELAY: Duration = Duration::from_millis(1500);

/// The full integrity check, as far as the window knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CheckStatus {
    /// None is due (or the database is read-only or in memory).
    #[default]
    NotDue,
    /// Running now.
    Running(CheckReason),
    /// Finished: no problem found.
    Passed(CheckReason),
    /// Finished: the file is damaged. The first problems `SQLite` reported.
    Problems(CheckReason, Vec<String>),
    /// The check itself could not run (the text says why).
    Failed(String),
}

/// The day's backup, as far as the window knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum BackupStatus {
    /// None is due (one of the last day exists), or not started yet.
    #[default]
    NotDue,
    /// Copying.
    Running(BackupProgress),
    /// Taken into this file.
    Done(PathBuf),
    /// Not taken because the check found the file damaged: older good backups are kept.
    SkippedDamaged,
    /// Failed (the text says why); nothing was changed.
    Failed(String),
}

/// What the background upkeep is doing and what it found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MaintenanceStatus {
    /// The integrity check.
    pub check: CheckStatus,
    /// The backup.
    pub backup: BackupStatus,
    /// Whether the thread is still at work.
    pub busy: bool,
}

/// The status shared between the upkeep thread and the window.
#[derive(Clone, Debug, Default)]
pub struct MaintenanceHandle(Arc<Mutex<MaintenanceStatus>>);

impl MaintenanceHandle {
    /// A status that is busy until the upkeep has started (or found nothing to do), so the
    /// window keeps looking from its first frame on.
    #[must_use]
    pub fn starting() -> Self {
        let handle = Self::default();
        handle.update(|s| s.busy = true);
        handle
    }

    /// A copy of the status now.
    #[must_use]
    pub fn snapshot(&self) -> MaintenanceStatus {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn update(&self, change: impl FnOnce(&mut MaintenanceStatus)) {
        change(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner));
    }
}

/// The running upkeep thread. Dropping it stops the work (the check is interrupted, the
/// backup stops between two steps and leaves nothing behind) and waits for the thread.
#[derive(Debug)]
pub(super) struct Maintenance {
    cancel: Arc<Cancel>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Maintenance {
    fn drop(&mut self) {
        self.cancel.cancel();
        if let Some(thread) = self.thread.take() {
            // Wakes it if it is still waiting to start.
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// Starts the upkeep of the database at `db_path` after `delay`; `None` for an in-memory or
/// read-only store (nothing to keep up: the file belongs to another Møtebok or is a backup).
pub(super) fn start(
    db_path: Option<&Path>,
    read_only: bool,
    status: &MaintenanceHandle,
    delay: Duration,
) -> Option<Maintenance> {
    let Some(path) = db_path.filter(|_| !read_only).map(Path::to_owned) else {
        status.update(|s| s.busy = false);
        return None;
    };
    let cancel = Arc::new(Cancel::default());
    let thread_cancel = Arc::clone(&cancel);
    status.update(|s| s.busy = true);
    let thread_status = status.clone();
    let thread = std::thread::Builder::new()
        .name("motebok-upkeep".into())
        .spawn(move || {
            let deadline = std::time::Instant::now() + delay;
            while !thread_cancel.is_cancelled() {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    break;
                }
                std::thread::park_timeout(left);
            }
            if !thread_cancel.is_cancelled() {
                run(&path, &thread_status, &thread_cancel);
            }
            thread_status.update(|s| s.busy = false);
        });
    match thread {
        Ok(thread) => Some(Maintenance {
            cancel,
            thread: Some(thread),
        }),
        Err(e) => {
            eprintln!("møtebok: the background upkeep could not start: {e}");
            status.update(|s| s.busy = false);
            None
        }
    }
}

/// The upkeep, in order: the full check when due (recorded in the database), then the day's
/// backup unless the check found the file damaged. Reports to `status` as it goes; stops early
/// when `cancel` is set.
pub fn run(path: &Path, status: &MaintenanceHandle, cancel: &Cancel) {
    let now = || chrono::Local::now().naive_local();
    let mut damaged = false;
    match store::check_due(path, now()) {
        Ok(None) => {}
        Ok(Some(reason)) => {
            status.update(|s| s.check = CheckStatus::Running(reason));
            let outcome = match store::full_check(path, cancel) {
                Ok(report) if report.is_ok() => {
                    if let Err(e) = store::record_check(path, now(), &report) {
                        eprintln!("møtebok: the result of the integrity check was not kept: {e}");
                    }
                    CheckStatus::Passed(reason)
                }
                // Nothing is written into a damaged file (a write could spread the damage):
                // the check stays due and the next start reports it again.
                Ok(report) => {
                    damaged = true;
                    CheckStatus::Problems(reason, report.problems)
                }
                Err(_) if cancel.is_cancelled() => CheckStatus::NotDue,
                Err(e) => CheckStatus::Failed(e.to_string()),
            };
            status.update(|s| s.check = outcome);
        }
        Err(e) => status.update(|s| s.check = CheckStatus::Failed(e.to_string())),
    }
    if cancel.is_cancelled() {
        return;
    }
    if damaged {
        status.update(|s| s.backup = BackupStatus::SkippedDamaged);
        return;
    }
    let outcome = store::backup_in_steps(path, now(), cancel, &mut |p| {
        status.update(|s| s.backup = BackupStatus::Running(p));
    });
    status.update(|s| {
        s.backup = match outcome {
            Ok(Some(file)) => BackupStatus::Done(file),
            Ok(None) => BackupStatus::NotDue,
            Err(e) => BackupStatus::Failed(e.to_string()),
        };
    });
}
