//! Handing a meeting over: to the archive as KS Fiks Arkiv arkivmelding messages with PDF/A
//! documents ([`archive_export`]), and to eInnsyn as its `Moetemappe` JSON
//! ([`publish_export`]). The command line and the Rapport pane both call these.
//!
//! Everything is written atomically: the archive export is built in a temporary folder beside
//! the target and renamed into place when complete; the eInnsyn file is written to a temporary
//! file in the target's folder and renamed. A failure leaves nothing half-written.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::model::MeetingRecord;
use crate::model::agenda::NoticeBaseline;
use crate::package::arkivmelding::{self, ArchiveDocument, ArchiveInput, FileRef};
use crate::report::{MinutesOptions, NoticeOptions};

/// What an export wrote, for the user to see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSummary {
    /// The folder or file written.
    pub path: PathBuf,
    /// One line per message or section written.
    pub lines: Vec<String>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// Refuses minutes that are not approved: the archive and the public get approved minutes only.
fn require_approved(record: &MeetingRecord, what: &str) -> Result<(), String> {
    let m = &record.meeting;
    if m.status.is_locked() {
        Ok(())
    } else {
        Err(format!(
            "the minutes of {} {} are not approved (status {}): approve them first \
             (motebok approve {}); {what} takes approved minutes only, so nothing was written",
            record.body.name,
            m.reference,
            m.status.code(),
            m.reference
        ))
    }
}

/// Writes `bytes` to `path` and flushes it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut f =
        std::fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes the meeting to `dir` as arkivmelding messages, one sub-folder per message with its
/// `arkivmelding.xml` and PDF/A documents (layout: docs/ARCHIVE-EXPORT.md); `signed`, the
/// signed minutes as stored, goes beside the minutes. `dir` must not exist or be empty.
/// Refuses minutes that are not approved.
pub fn archive_export(
    record: &MeetingRecord,
    sent: Option<&NoticeBaseline>,
    signed: Option<&[u8]>,
    dir: &Path,
    created: NaiveDateTime,
) -> Result<ExportSummary, String> {
    require_approved(record, "the archive")?;
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} is not empty; nothing was written (choose a new or empty folder)",
                dir.display()
            ));
        }
    }
    let reference = record.meeting.reference;
    let stem = format!("{}-M{}", reference.year, reference.number);
    let any_exempt = record.meeting.items.iter().any(|i| i.exempt.is_some());

    // The documents: notice and minutes as PDF/A, with public copies when anything is exempt.
    let render_notice = |public: bool| {
        crate::report::render_notice_pdf_with_changes(
            record,
            &NoticeOptions {
                public,
                generated: created,
            },
            sent,
        )
        .and_then(|pdf| crate::report::to_pdfa(&pdf))
        .map_err(|e| format!("the notice: {e}"))
    };
    let render_minutes = |public: bool| {
        crate::report::render_archive_pdf(
            record,
            &MinutesOptions {
                public,
                draft: false,
                generated: created,
                ..MinutesOptions::default()
            },
        )
        .map_err(|e| format!("the minutes: {e}"))
    };
    let mut pdfs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut document = |name: String, bytes: Vec<u8>| {
        let file = FileRef {
            name: name.clone(),
            sha256: sha256_hex(&bytes),
            size_bytes: bytes.len() as u64,
        };
        pdfs.push((name, bytes));
        file
    };
    let notice = ArchiveDocument {
        full: document(format!("innkalling-{stem}.pdf"), render_notice(false)?),
        public: if any_exempt {
            Some(document(
                format!("innkalling-{stem}-offentlig.pdf"),
                render_notice(true)?,
            ))
        } else {
            None
        },
        signed: None,
    };
    let minutes = ArchiveDocument {
        full: document(format!("moteprotokoll-{stem}.pdf"), render_minutes(false)?),
        public: if any_exempt {
            Some(document(
                format!("moteprotokoll-{stem}-offentlig.pdf"),
                render_minutes(true)?,
            ))
        } else {
            None
        },
        signed: signed
            .map(|pdf| document(format!("moteprotokoll-{stem}-signert.pdf"), pdf.to_vec())),
    };
    let messages = arkivmelding::messages(&ArchiveInput {
        record,
        notice,
        minutes,
        created,
    });

    // Built beside the target, renamed into place when complete.
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .ok_or_else(|| format!("{} is not a folder name", dir.display()))?;
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let temp = parent.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let build = || -> Result<Vec<String>, String> {
        std::fs::create_dir(&temp).map_err(|e| format!("cannot create {}: {e}", temp.display()))?;
        let mut lines = Vec::new();
        for message in &messages {
            let folder = temp.join(&message.folder);
            std::fs::create_dir(&folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
            write_synced(&folder.join("arkivmelding.xml"), message.xml.as_bytes())?;
            for file in &message.files {
                let bytes = pdfs
                    .iter()
                    .find(|(n, _)| n == &file.name)
                    .map(|(_, b)| b.as_slice())
                    .unwrap_or_default();
                write_synced(&folder.join(&file.name), bytes)?;
            }
            let files: Vec<&str> = message.files.iter().map(|f| f.name.as_str()).collect();
            lines.push(if files.is_empty() {
                format!("{}/arkivmelding.xml", message.folder)
            } else {
                format!("{}/arkivmelding.xml + {}", message.folder, files.join(", "))
            });
        }
        if dir.exists() {
            std::fs::remove_dir(dir)
                .map_err(|e| format!("cannot replace {}: {e}", dir.display()))?;
        }
        std::fs::rename(&temp, dir)
            .map_err(|e| format!("cannot move the export into {}: {e}", dir.display()))?;
        Ok(lines)
    };
    match build() {
        Ok(lines) => Ok(ExportSummary {
            path: dir.to_path_buf(),
            lines,
        }),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&temp);
            Err(e)
        }
    }
}

/// Writes the meeting's public version to `file` as an eInnsyn `Moetemappe` (JSON), through a
/// temporary file in the same folder renamed into place. Refuses minutes that are not approved.
pub fn publish_export(record: &MeetingRecord, file: &Path) -> Result<ExportSummary, String> {
    require_approved(record, "eInnsyn")?;
    let text = crate::package::einnsyn::moetemappe_json(record);
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", file.display()))?;
    let temp = folder.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = write_synced(&temp, text.as_bytes()).and_then(|()| {
        std::fs::rename(&temp, file).map_err(|e| format!("cannot write {}: {e}", file.display()))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result?;
    let items = record.meeting.items.len();
    let exempt: Vec<String> = record
        .meeting
        .items
        .iter()
        .filter_map(|i| {
            i.exempt.as_ref().map(|e| {
                format!(
                    "{} listed as exempt ({}), its content withheld",
                    record.meeting.case_number(i),
                    e.basis.trim()
                )
            })
        })
        .collect();
    let mut lines = vec![format!(
        "Moetemappe {} with {items} moetesak (public version)",
        record.meeting.reference
    )];
    lines.extend(exempt);
    Ok(ExportSummary {
        path: file.to_path_buf(),
        lines,
    })
}
