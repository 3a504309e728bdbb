//! When the database refuses a save: what went wrong ([`SaveProblem`], worded in the user's
//! language where shown) and the rescue file, the unsaved minutes written as a meeting package
//! (FORMAT.md) beside the database or in the home folder, so no keystroke is lost while the
//! database cannot take it. The package can be imported again (Fil → Importer møtepakke).

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::model::MeetingRecord;
use crate::store::{FileFault, MeetingId};

/// A save the database refused, and where the text went instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveProblem {
    /// What is wrong with the database file, when the user can fix it outside Møtebok.
    pub fault: Option<FileFault>,
    /// The error itself (from the database or the file system, in English).
    pub detail: String,
    /// The rescue file that holds the unsaved minutes, or why none could be written.
    pub rescue: Result<PathBuf, String>,
}

impl SaveProblem {
    /// The headline for the status bar.
    #[must_use]
    pub fn headline(&self, lang: Lang) -> &'static str {
        let (nb, en) = match self.fault {
            Some(FileFault::ReadOnly) => (
                "Kan ikke lagre: databasefilen er skrivebeskyttet",
                "Cannot save: the database file is write-protected",
            ),
            Some(FileFault::Locked) => (
                "Kan ikke lagre: databasefilen er låst av et annet program",
                "Cannot save: another program has locked the database file",
            ),
            Some(FileFault::Full) => (
                "Kan ikke lagre: disken er full",
                "Cannot save: the disk is full",
            ),
            Some(FileFault::Vanished) => (
                "Kan ikke lagre: databasefilen er slettet eller flyttet",
                "Cannot save: the database file was deleted or moved",
            ),
            None => ("Kan ikke lagre referatet", "Cannot save the minutes"),
        };
        lang.tr(nb, en)
    }

    /// What the user can do about it.
    #[must_use]
    pub fn advice(&self, lang: Lang) -> &'static str {
        let (nb, en) = match self.fault {
            Some(FileFault::ReadOnly) => (
                "Gi deg skrivetilgang til filen og mappen den ligger i, start Møtebok på nytt og importer redningsfilen.",
                "Give yourself write access to the file and its folder, restart Møtebok and import the rescue file.",
            ),
            Some(FileFault::Locked) => (
                "Lukk programmet som bruker filen (en annen Møtebok, sikkerhetskopi, synkronisering); det lagres på nytt.",
                "Close the program using the file (another Møtebok, a backup, a sync tool); saving is retried.",
            ),
            Some(FileFault::Full) => (
                "Frigjør plass på disken; det lagres på nytt.",
                "Free space on the disk; saving is retried.",
            ),
            Some(FileFault::Vanished) => (
                "Avslutt Møtebok, legg databasefilen tilbake (eller start med en ny) og importer redningsfilen.",
                "Quit Møtebok, put the database file back (or start a new one) and import the rescue file.",
            ),
            None => (
                "Det lagres på nytt ved neste endring.",
                "Saving is retried with the next change.",
            ),
        };
        lang.tr(nb, en)
    }

    /// Where the unsaved text is, in the user's words.
    #[must_use]
    pub fn rescue_line(&self, lang: Lang) -> String {
        match &self.rescue {
            Ok(path) => format!(
                "{} {}",
                lang.tr(
                    "Det du har skrevet, er lagt i redningsfilen",
                    "What you typed is kept in the rescue file"
                ),
                path.display()
            ),
            Err(e) => format!(
                "{} ({e})",
                lang.tr(
                    "Ingen redningsfil kunne skrives: ikke lukk Møtebok før dette er løst",
                    "No rescue file could be written: do not close Møtebok until this is solved"
                )
            ),
        }
    }
}

/// The folders a rescue file may go to, best first: beside the database, the home folder,
/// the temporary folder.
fn rescue_dirs(db: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(parent) = db.and_then(Path::parent).filter(|p| p.is_dir()) {
        dirs.push(parent.to_path_buf());
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        dirs.push(PathBuf::from(home));
    }
    dirs.push(std::env::temp_dir());
    dirs
}

/// The rescue file's name for meeting `id`: one file per meeting, rewritten with every failed
/// save, so it always holds the newest text.
#[must_use]
pub fn rescue_file_name(id: MeetingId, record: &MeetingRecord) -> String {
    let r = &record.meeting.reference;
    format!(
        "motebok-redning-{}-M{}-{}.motebok.json",
        r.year, r.number, id.0
    )
}

/// Writes `record` as a meeting package into the first folder that takes it (see
/// [`rescue_dirs`]). Returns the file, or every folder's error.
pub fn write_rescue(
    db: Option<&Path>,
    id: MeetingId,
    record: &MeetingRecord,
) -> Result<PathBuf, String> {
    let text = crate::package::write(record);
    let name = rescue_file_name(id, record);
    let mut errors = Vec::new();
    for dir in rescue_dirs(db) {
        let path = dir.join(&name);
        match write_file(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) => errors.push(e),
        }
    }
    Err(errors.join("; "))
}

/// Writes `bytes` to `path` (replacing it) and makes it durable.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut file = std::fs::File::create(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)
}
