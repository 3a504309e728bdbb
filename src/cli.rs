//! Headless commands for scripts and tests; with no command, the window opens.
//!
//! Exit codes: 0 success, 1 the command failed (message on stderr), 2 the command line is wrong.

pub mod review;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::model::MeetingRef;
use crate::package;
use crate::store::{ImportMode, MeetingSummary, Store, StoreError};

/// The `--help` text.
pub const HELP: &str = "\
Møtebok — agendas, minutes, attendance and signed records for a council secretariat.

Usage:
  motebok [--db PATH]                      open the window
  motebok [--db PATH] COMMAND [OPTIONS]    run a command without a window

Commands:
  paths                                    where Møtebok keeps its data: the database, its
                                           backups, the signing identities, the window's settings
  list                                     every meeting, one per line: body, meeting, date, status
  search QUERY                             search every meeting of every body (titles, texts,
                                           decisions, notes, guests, follow-ups): one hit per
                                           line, CASE  TITLE  SNIPPET, newest meeting first;
                                           words match by their beginning, æ/ø/å and accents
                                           are folded (okonomi finds Økonomi)
  import FILE... [--replace]               import meeting packages (.motebok.json), each in its
                                           own transaction, with a progress line per file; an
                                           existing meeting is only overwritten with --replace; a
                                           file that fails is reported and the others go on (exit
                                           code 1 when any failed)
  export-package MEETING -o FILE [--body NAME]
                                           write a meeting (e.g. 2024/M4) as a meeting package;
                                           --body picks the body when several have that meeting
  render DOCUMENT MEETING -o FILE [--public] [--archive] [--body NAME]
                                           write a document of a meeting as PDF; DOCUMENT is
                                           notice (the innkalling) or minutes (the møtereferat,
                                           marked UTKAST until approved); --public leaves out the
                                           content of items exempt from public access;
                                           --archive (minutes only) writes a PDF/A-2b archive copy
  approve MEETING [--by NAME] [--body NAME]
                                           approve a meeting's minutes: from then on they cannot
                                           change (a correction makes a new version)
  identity new --name NAME --role ROLE     make a personal signing identity (RSA key and
                                           certificate) in the user's config folder, protected
                                           by a passphrase (asked for, or MOTEBOK_PASSPHRASE)
  identity import FILE.p12 [--role ROLE]   import a PKCS#12 file (.p12/.pfx) to sign with
  identity list                            the signing identities
  identity export-certificate NAME -o FILE.pem
                                           write a signer's public certificate (PEM), to publish
                                           beside the minutes and for verify --trust
  sign MEETING [--identity NAME] -o FILE [--body NAME]
                                           sign an approved meeting's minutes as one of its
                                           signatories (the chair and the referent by default)
                                           and write the signed PDF; --identity picks one when
                                           there are several
  sign-request MEETING -o FILE.pdf [--body NAME]
                                           write the approved minutes for a signatory who signs
                                           on another machine (kept, so the signed file coming
                                           back can be checked against it)
  sign-file FILE.pdf -o OUT.pdf [--identity NAME]
                                           sign a signing request on this machine (no database
                                           needed) and write the signed file to send back
  import-signed FILE.pdf [--accept-certificate FINGERPRINT]
                                           store a signed file sent back: it must be exactly the
                                           document sent plus one intact signature by a signatory
                                           still to sign; a certificate not yet in the signatory
                                           register is stored only when its SHA-256 fingerprint,
                                           compared with the signer, is given
  verify FILE.pdf [--trust FILE.pem]...   check every signature of a signed PDF: who signed
                                           (from the certificate), when, the certificate's SHA-256
                                           fingerprint and issuer, whether the signer is confirmed
                                           (in the signatory register of --db, or a --trust
                                           certificate, or issued by a --trust authority), what
                                           changed after each signature, and who of the expected
                                           signatories is missing; with --db also compare it with
                                           the signed minutes stored. Exit code 0 only when all
                                           holds, 1 when something is broken, changed or missing,
                                           3 when intact and complete but a signer unconfirmed
  export-signed MEETING -o FILE [--body NAME]
                                           write the signed minutes stored for a meeting
  review send MEETING -o FILE [--body NAME]
                                           (secretary) write a review package
                                           (.motebok-review.json) of a meeting's draft minutes
                                           for the leader to review offline
  review open FILE                         (leader) read a review package into this database
  review reply MEETING -o FILE [--decision approve|changes_requested] [--by NAME]
               [--comment [ITEM:]TEXT]... [--body NAME]
                                           (leader) write the reply (.motebok-reply.json) to
                                           the newest review of MEETING opened here, with the
                                           comments stored for it and those given
  review import FILE                       (secretary) import a reply: its comments appear at
                                           their items; the meeting itself is not changed
  register -o FILE.csv [--body NAME] [--year YYYY] [--public]
                                           write the decision register: CSV for spreadsheets
                                           (UTF-8 with BOM, ';'), or PDF for a .pdf FILE;
                                           --public withholds exempt decisions
  check MEETING [--body NAME]              list what the minutes lack by kommuneloven § 11-4
                                           and good practice (time, place, attendance, quorum,
                                           outcomes, votes, exemptions, follow-ups); exit code
                                           0 when nothing is missing, 1 with the list
  archive-export MEETING -o DIR [--body NAME]
                                           write approved minutes for the archive: KS Fiks
                                           Arkiv arkivmelding messages (one folder each) with
                                           the notice and minutes as PDF/A, public copies beside
                                           them (see docs/ARCHIVE-EXPORT.md)
  publish-export MEETING -o FILE.json [--body NAME]
                                           write approved minutes for eInnsyn: its Moetemappe
                                           model as JSON, public version only (exempt items
                                           listed with their legal basis, content withheld)

Files from other machines are read strictly: a refusal names the place in the file and
changes nothing. Every output file is written whole or not at all.

Options:
  --db PATH       the database file (default: motebok.sqlite3 in the user's data directory)
  -h, --help      this text
  -V, --version   the program's version

Exit codes: 0 success, 1 the command failed (the reason is printed), 2 the command line is wrong;
verify also 3: the signatures hold but who signed could not be confirmed.
";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub struct Invocation {
    /// `--db PATH`.
    pub db: Option<PathBuf>,
    /// What to do.
    pub command: CliCommand,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum CliCommand {
    /// Open the window.
    Window,
    /// Print the help text.
    Help,
    /// Print the version.
    Version,
    /// Search every meeting.
    Search {
        /// What to look for.
        query: String,
    },
    /// Print where the data is kept.
    Paths,
    /// List meetings.
    List,
    /// Import packages, one transaction each.
    Import {
        /// The package files, in the order given.
        files: Vec<PathBuf>,
        /// Overwrite an existing meeting.
        replace: bool,
    },
    /// Render a document of a meeting as PDF.
    Render {
        /// Which document.
        document: RenderDocument,
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output file.
        out: PathBuf,
        /// The public version.
        public: bool,
        /// A PDF/A archive copy (minutes only).
        archive: bool,
    },
    /// Approve a meeting's minutes.
    Approve {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Who approved (free text), if given.
        by: Option<String>,
    },
    /// Make a personal signing identity.
    IdentityNew {
        /// The signer's name.
        name: String,
        /// The signer's role.
        role: String,
    },
    /// Import a PKCS#12 file as a signing identity.
    IdentityImport {
        /// The .p12/.pfx file.
        file: PathBuf,
        /// A role replacing the certificate's title.
        role: Option<String>,
    },
    /// List the signing identities.
    IdentityList,
    /// Sign a meeting's minutes.
    Sign {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Which identity, when several.
        identity: Option<String>,
        /// Output file.
        out: PathBuf,
    },
    /// Check a signed PDF (against the database with `--db`).
    Verify {
        /// The PDF.
        file: PathBuf,
        /// Trust certificates (`--trust FILE.pem`, repeatable).
        trust: Vec<PathBuf>,
    },
    /// Write a signing request.
    SignRequest {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output file.
        out: PathBuf,
    },
    /// Sign a signing request on this machine.
    SignFile {
        /// The request.
        file: PathBuf,
        /// Which identity, when several.
        identity: Option<String>,
        /// Output file.
        out: PathBuf,
    },
    /// Store a signed file sent back.
    ImportSigned {
        /// The signed file.
        file: PathBuf,
        /// The certificate fingerprint the secretary confirms.
        accept: Option<String>,
    },
    /// Write a signer's public certificate.
    IdentityExportCertificate {
        /// The identity's name.
        name: String,
        /// Output file.
        out: PathBuf,
    },
    /// Write the stored signed minutes of a meeting.
    ExportSigned {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output file.
        out: PathBuf,
    },
    /// `review send|open|reply|import` and `register` (see [`review`]).
    Files(review::FileCommand),
    /// Check a meeting's minutes for completeness.
    Check {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
    },
    /// Write a meeting as arkivmelding messages for the archive.
    ArchiveExport {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output folder.
        out: PathBuf,
    },
    /// Write a meeting's public version as an eInnsyn Moetemappe.
    PublishExport {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output file.
        out: PathBuf,
    },
    /// Export a meeting as a package.
    ExportPackage {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output file.
        out: PathBuf,
    },
}

/// A document `motebok render` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderDocument {
    /// The notice (innkalling).
    Notice,
    /// The minutes (møtereferat).
    Minutes,
}

impl RenderDocument {
    /// The word on the command line.
    fn parse(word: &str) -> Result<Self, UsageError> {
        match word {
            "notice" => Ok(RenderDocument::Notice),
            "minutes" => Ok(RenderDocument::Minutes),
            other => Err(UsageError(format!(
                "unknown document «{other}» for render (expected notice or minutes)"
            ))),
        }
    }
}

/// A wrong command line: the message says what is wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Reads the command line (without the program name).
pub fn parse(args: Vec<OsString>) -> Result<Invocation, UsageError> {
    if let Some((db, command)) = review::parse(&args)? {
        return Ok(Invocation {
            db,
            command: CliCommand::Files(command),
        });
    }
    let mut db = None;
    let mut words: Vec<String> = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut out = None;
    let mut body = None;
    let mut replace = false;
    let mut public = false;
    let mut archive = false;
    let mut by = None;
    let (mut name, mut role, mut identity) = (None, None, None);
    let mut trust: Vec<PathBuf> = Vec::new();
    let mut accept: Option<String> = None;
    let mut it = args.into_iter();
    let value = |it: &mut std::vec::IntoIter<OsString>, flag: &str| {
        it.next()
            .ok_or_else(|| UsageError(format!("{flag} needs a value")))
    };
    while let Some(arg) = it.next() {
        match arg.to_str() {
            Some("-h" | "--help") => {
                return Ok(Invocation {
                    db,
                    command: CliCommand::Help,
                });
            }
            Some("-V" | "--version") => {
                return Ok(Invocation {
                    db,
                    command: CliCommand::Version,
                });
            }
            Some("--db") => db = Some(PathBuf::from(value(&mut it, "--db")?)),
            Some("-o" | "--output") => out = Some(PathBuf::from(value(&mut it, "-o")?)),
            Some("--body") => {
                body = Some(
                    value(&mut it, "--body")?
                        .into_string()
                        .map_err(|_| UsageError("--body must be valid text".into()))?,
                );
            }
            Some(flag @ ("--name" | "--role" | "--identity")) => {
                let text = value(&mut it, flag)?
                    .into_string()
                    .map_err(|_| UsageError(format!("{flag} must be valid text")))?;
                match flag {
                    "--name" => name = Some(text),
                    "--role" => role = Some(text),
                    _ => identity = Some(text),
                }
            }
            Some("--trust") => trust.push(PathBuf::from(value(&mut it, "--trust")?)),
            Some("--accept-certificate") => {
                accept = Some(
                    value(&mut it, "--accept-certificate")?
                        .into_string()
                        .map_err(|_| UsageError("--accept-certificate must be text".into()))?,
                );
            }
            Some("--replace") => replace = true,
            Some("--public") => public = true,
            Some("--archive") => archive = true,
            Some("--by") => {
                by = Some(
                    value(&mut it, "--by")?
                        .into_string()
                        .map_err(|_| UsageError("--by must be valid text".into()))?,
                );
            }
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
                return Err(UsageError(format!("unknown option {flag}")));
            }
            Some(word) if words.is_empty() || words[0] != "import" => words.push(word.to_owned()),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    let command = match words.first().map(String::as_str) {
        None => {
            if !files.is_empty() {
                return Err(UsageError("unexpected argument".into()));
            }
            CliCommand::Window
        }
        Some("list") => {
            expect_args(&words, &files, 1, 0)?;
            CliCommand::List
        }
        Some("paths") => {
            expect_args(&words, &files, 1, 0)?;
            CliCommand::Paths
        }
        Some("search") => {
            if words.len() < 2 || !files.is_empty() {
                return Err(UsageError(
                    "search needs something to look for, e.g. search P360".into(),
                ));
            }
            CliCommand::Search {
                query: words[1..].join(" "),
            }
        }
        Some("import") => {
            if words.len() != 1 || files.is_empty() {
                return Err(UsageError(
                    "import needs one or more package files, e.g. import 2024-M4.motebok.json"
                        .into(),
                ));
            }
            CliCommand::Import {
                files: std::mem::take(&mut files),
                replace,
            }
        }
        Some("render") => {
            if words.len() < 2 {
                return Err(UsageError(
                    "render needs a document and a meeting, e.g. render notice 2024/M4 -o FILE"
                        .into(),
                ));
            }
            let document = RenderDocument::parse(&words[1])?;
            expect_args(&words, &files, 3, 0)?;
            let meeting = MeetingRef::parse(&words[2]).map_err(|e| UsageError(e.to_string()))?;
            let out = out.ok_or_else(|| UsageError("render needs -o FILE".into()))?;
            if archive && document != RenderDocument::Minutes {
                return Err(UsageError(
                    "--archive is for the minutes only (render minutes MEETING --archive)".into(),
                ));
            }
            CliCommand::Render {
                document,
                meeting,
                body,
                out,
                public,
                archive,
            }
        }
        Some("approve") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            CliCommand::Approve { meeting, body, by }
        }
        Some("export-package") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            let out = out.ok_or_else(|| UsageError("export-package needs -o FILE".into()))?;
            CliCommand::ExportPackage { meeting, body, out }
        }
        Some("identity") => match words.get(1).map(String::as_str) {
            Some("new") => {
                expect_args(&words, &files, 2, 0)?;
                CliCommand::IdentityNew {
                    name: name
                        .ok_or_else(|| UsageError("identity new needs --name NAME".into()))?,
                    role: role
                        .ok_or_else(|| UsageError("identity new needs --role ROLE".into()))?,
                }
            }
            Some("import") => {
                let file = match (words.len(), files.len()) {
                    (3, 0) => PathBuf::from(&words[2]),
                    (2, 1) => files.remove(0),
                    _ => return Err(UsageError("identity import needs one FILE.p12".into())),
                };
                CliCommand::IdentityImport { file, role }
            }
            Some("list") => {
                expect_args(&words, &files, 2, 0)?;
                CliCommand::IdentityList
            }
            Some("export-certificate") => {
                if words.len() != 3 || !files.is_empty() {
                    return Err(UsageError(
                        "identity export-certificate needs one NAME and -o FILE.pem".into(),
                    ));
                }
                CliCommand::IdentityExportCertificate {
                    name: words[2].clone(),
                    out: out.ok_or_else(|| {
                        UsageError("identity export-certificate needs -o FILE.pem".into())
                    })?,
                }
            }
            _ => {
                return Err(UsageError(
                    "identity needs new, import, list or export-certificate (see motebok --help)"
                        .into(),
                ));
            }
        },
        Some("sign") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            let out = out.ok_or_else(|| UsageError("sign needs -o FILE".into()))?;
            CliCommand::Sign {
                meeting,
                body,
                identity,
                out,
            }
        }
        Some("verify") => {
            let file = match (words.len(), files.len()) {
                (2, 0) => PathBuf::from(&words[1]),
                (1, 1) => files.remove(0),
                _ => return Err(UsageError("verify needs one FILE.pdf".into())),
            };
            CliCommand::Verify { file, trust }
        }
        Some("sign-request") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            let out = out.ok_or_else(|| UsageError("sign-request needs -o FILE.pdf".into()))?;
            CliCommand::SignRequest { meeting, body, out }
        }
        Some("sign-file") => {
            if words.len() != 2 || !files.is_empty() {
                return Err(UsageError("sign-file needs one FILE.pdf".into()));
            }
            CliCommand::SignFile {
                file: PathBuf::from(&words[1]),
                identity,
                out: out.ok_or_else(|| UsageError("sign-file needs -o OUT.pdf".into()))?,
            }
        }
        Some("import-signed") => {
            if words.len() != 2 || !files.is_empty() {
                return Err(UsageError("import-signed needs one FILE.pdf".into()));
            }
            CliCommand::ImportSigned {
                file: PathBuf::from(&words[1]),
                accept,
            }
        }
        Some("export-signed") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            let out = out.ok_or_else(|| UsageError("export-signed needs -o FILE".into()))?;
            CliCommand::ExportSigned { meeting, body, out }
        }
        Some("check") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            CliCommand::Check { meeting, body }
        }
        Some("archive-export") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            let out = out.ok_or_else(|| UsageError("archive-export needs -o DIR".into()))?;
            CliCommand::ArchiveExport { meeting, body, out }
        }
        Some("publish-export") => {
            expect_args(&words, &files, 2, 0)?;
            let meeting = MeetingRef::parse(&words[1]).map_err(|e| UsageError(e.to_string()))?;
            let out = out.ok_or_else(|| UsageError("publish-export needs -o FILE.json".into()))?;
            CliCommand::PublishExport { meeting, body, out }
        }
        Some(other) => {
            return Err(UsageError(format!(
                "unknown command «{other}» (see motebok --help)"
            )));
        }
    };
    Ok(Invocation { db, command })
}

fn expect_args(
    words: &[String],
    files: &[PathBuf],
    n_words: usize,
    n_files: usize,
) -> Result<(), UsageError> {
    if words.len() != n_words || files.len() != n_files {
        return Err(UsageError(format!(
            "wrong arguments for «{}» (see motebok --help)",
            words[0]
        )));
    }
    Ok(())
}

/// Runs the program: a command, or the window. Returns the process exit code.
#[must_use]
pub fn main(args: Vec<OsString>) -> ExitCode {
    let invocation = match parse(args) {
        Ok(i) => i,
        Err(UsageError(msg)) => {
            eprintln!("motebok: {msg}");
            return ExitCode::from(2);
        }
    };
    if let CliCommand::Verify { file, trust } = &invocation.command {
        return match verify(invocation.db.clone(), file, trust) {
            Ok(code) => ExitCode::from(code),
            Err(msg) => {
                eprintln!("motebok: {msg}");
                ExitCode::from(1)
            }
        };
    }
    match run(invocation) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("motebok: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Runs a parsed command line.
pub fn run(invocation: Invocation) -> Result<(), String> {
    let db = invocation.db;
    match invocation.command {
        CliCommand::Help => {
            print!("{HELP}");
            Ok(())
        }
        CliCommand::Version => {
            println!("motebok {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        // MOTEBOK_SCRIPT=FILE runs the app on a script instead of a window (see ui::run_script).
        CliCommand::Window => match std::env::var_os("MOTEBOK_SCRIPT") {
            Some(script) => crate::ui::run_script(db, std::path::Path::new(&script)),
            None => crate::ui::run_window(db),
        },
        CliCommand::Search { query } => {
            let store = open_for_reading(db)?;
            search(&store, &query)
        }
        CliCommand::Paths => {
            let path = crate::app::startup::resolve_db_path(db)?;
            let paths = crate::app::paths::DataPaths::for_database(&path);
            for (label, value) in paths.lines(crate::i18n::Lang::En) {
                println!("{label}: {value}");
            }
            let settings = crate::ui::settings_dir()
                .map_or_else(|| "(unknown)".to_owned(), |p| p.display().to_string());
            println!("Window settings: {settings}");
            Ok(())
        }
        CliCommand::List => {
            let store = open_for_reading(db)?;
            for m in store.list_meetings().map_err(|e| e.to_string())? {
                println!("{}", list_line(&m));
            }
            Ok(())
        }
        CliCommand::Import { files, replace } => import(
            db.as_deref(),
            &files,
            replace,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        CliCommand::Files(command) => review::run(db, command),
        CliCommand::ExportPackage { meeting, body, out } => {
            let store = open_for_reading(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            let record = store.load_meeting(summary.id).map_err(|e| e.to_string())?;
            let blobs = store
                .attachment_blobs(&record.meeting)
                .map_err(|e| e.to_string())?;
            crate::files::write_atomic(
                &out,
                package::write_with_attachments(&record, &blobs).as_bytes(),
            )?;
            println!("wrote {}", out.display());
            Ok(())
        }
        CliCommand::IdentityNew { name, role } => {
            let mut register = register_store(db)?;
            crate::sign::commands::identity_new(&name, &role, register.as_mut())
        }
        CliCommand::IdentityImport { file, role } => {
            let mut register = register_store(db)?;
            crate::sign::commands::identity_import(&file, role.as_deref(), register.as_mut())
        }
        CliCommand::IdentityList => crate::sign::commands::identity_list(),
        CliCommand::SignRequest { meeting, body, out } => {
            let mut store = open_for_writing(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            crate::sign::commands::sign_request(&mut store, summary.id, &out)
        }
        CliCommand::SignFile {
            file,
            identity,
            out,
        } => crate::sign::commands::sign_file(&file, identity.as_deref(), &out),
        CliCommand::ImportSigned { file, accept } => {
            let mut store = open_for_writing(db)?;
            crate::sign::commands::import_signed(&mut store, &file, accept.as_deref())
        }
        CliCommand::IdentityExportCertificate { name, out } => {
            crate::sign::commands::export_certificate(&name, &out)
        }
        CliCommand::Sign {
            meeting,
            body,
            identity,
            out,
        } => {
            let mut store = open_for_writing(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            crate::sign::commands::sign(&mut store, summary.id, identity.as_deref(), &out)
        }
        CliCommand::Verify { file, trust } => match verify(db, &file, &trust)? {
            0 => Ok(()),
            _ => Err(format!("{}: the signatures do not hold", file.display())),
        },
        CliCommand::ExportSigned { meeting, body, out } => {
            let store = open_for_reading(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            crate::sign::commands::export_signed(&store, summary.id, &out)
        }
        CliCommand::Render {
            document,
            meeting,
            body,
            out,
            public,
            archive,
        } => {
            let store = open_for_reading(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            let record = store.load_meeting(summary.id).map_err(|e| e.to_string())?;
            let generated = chrono::Local::now().naive_local();
            let minutes = crate::report::MinutesOptions {
                public,
                draft: !record.meeting.status.is_locked(),
                unsigned_copy: record.meeting.status == crate::model::MeetingStatus::Signed,
                generated,
                ..Default::default()
            };
            let pdf = match document {
                RenderDocument::Notice => {
                    let sent = store
                        .notice_baseline(summary.id)
                        .map_err(|e| e.to_string())?;
                    crate::report::render_notice_pdf_with_changes(
                        &record,
                        &crate::report::NoticeOptions { public, generated },
                        sent.as_ref(),
                    )
                }
                RenderDocument::Minutes if archive => {
                    crate::report::render_archive_pdf(&record, &minutes)
                }
                RenderDocument::Minutes => crate::report::render_minutes_pdf(&record, &minutes),
            }
            .map_err(|e| e.to_string())?;
            crate::files::write_atomic(&out, &pdf)?;
            println!("wrote {}", out.display());
            Ok(())
        }
        CliCommand::Check { meeting, body } => {
            let store = open_for_reading(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            let record = store.load_meeting(summary.id).map_err(|e| e.to_string())?;
            check(&record)
        }
        CliCommand::ArchiveExport { meeting, body, out } => {
            let store = open_for_reading(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            let record = store.load_meeting(summary.id).map_err(|e| e.to_string())?;
            let sent = store
                .notice_baseline(summary.id)
                .map_err(|e| e.to_string())?;
            let signed = store
                .signed_document(summary.id)
                .map_err(|e| e.to_string())?;
            let written = crate::app::export::archive_export(
                &record,
                sent.as_ref(),
                signed.as_deref(),
                &out,
                chrono::Local::now().naive_local(),
            )?;
            for line in &written.lines {
                println!("{line}");
            }
            println!("wrote {}", written.path.display());
            warn_incomplete(&record);
            Ok(())
        }
        CliCommand::PublishExport { meeting, body, out } => {
            let store = open_for_reading(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            let record = store.load_meeting(summary.id).map_err(|e| e.to_string())?;
            let written = crate::app::export::publish_export(&record, &out)?;
            for line in &written.lines {
                println!("{line}");
            }
            println!("wrote {}", written.path.display());
            warn_incomplete(&record);
            Ok(())
        }
        CliCommand::Approve { meeting, body, by } => {
            let mut store = open_for_writing(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            store
                .approve(
                    summary.id,
                    by.as_deref(),
                    crate::store::ApprovedVia::CommandLine,
                    chrono::Local::now().naive_local(),
                )
                .map_err(|e| e.to_string())?;
            println!("approved {} {}", summary.body, summary.reference);
            Ok(())
        }
    }
}

/// `verify`: its exit code (0 valid, 1 broken, 3 signers unconfirmed).
fn verify(db: Option<PathBuf>, file: &std::path::Path, trust: &[PathBuf]) -> Result<u8, String> {
    let store = db.map(|db| open_for_reading(Some(db))).transpose()?;
    crate::sign::commands::verify(file, store.as_ref(), trust)
}

/// The database a new or imported signing identity is registered in: `--db`, or the default
/// database when it exists (none is made for it).
fn register_store(db: Option<PathBuf>) -> Result<Option<Store>, String> {
    let given = db.is_some();
    let path = crate::app::startup::resolve_db_path(db)?;
    if !given && !path.exists() {
        return Ok(None);
    }
    open_for_writing(Some(path)).map(Some)
}

/// `motebok check`: prints every finding, one per line (`WHERE: WHAT`), and the rules that
/// could not be applied; fails when anything is missing.
fn check(record: &crate::model::MeetingRecord) -> Result<(), String> {
    let report = crate::model::check::check_minutes(record);
    for finding in &report.findings {
        println!("{}", finding.line(record));
    }
    for note in &report.not_checked {
        println!("not checked: {note}");
    }
    let what = format!("{} {}", record.body.name, record.meeting.reference);
    match report.findings.len() {
        0 => {
            println!("{what}: nothing missing");
            Ok(())
        }
        n => Err(format!(
            "{what}: the minutes lack {n} thing{} (listed above)",
            if n == 1 { "" } else { "s" }
        )),
    }
}

/// After an export: says on stderr when the approved minutes fail `motebok check`.
fn warn_incomplete(record: &crate::model::MeetingRecord) {
    let n = crate::model::check::check_minutes(record).findings.len();
    if n > 0 {
        eprintln!(
            "motebok: note: the minutes lack {n} thing{} by kommuneloven § 11-4 (see motebok check {})",
            if n == 1 { "" } else { "s" },
            record.meeting.reference
        );
    }
}

/// The most hits `motebok search` prints.
pub const SEARCH_LIMIT: usize = 200;

/// `motebok import FILE... [--replace]`: reads, checks and imports each file in its own
/// transaction, in the order given. Writes a progress line per imported file to `out`
/// (`[2/40] imported BODY\tMEETING\tDATE\tSTATUS`) and one per failed file to `err` (what and
/// where); a failed file changes nothing and the others go on. The database is opened once, at
/// the first file that reads well (a bad file alone creates no database). Fails when the
/// database cannot be opened or when any file failed, naming how many and which.
pub fn import(
    db: Option<&Path>,
    files: &[PathBuf],
    replace: bool,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let mode = if replace {
        ImportMode::Replace
    } else {
        ImportMode::Refuse
    };
    let mut store: Option<Store> = None;
    let total = files.len();
    let mut failed: Vec<&Path> = Vec::new();
    for (n, file) in files.iter().enumerate() {
        let progress = format!("[{}/{total}]", n + 1);
        let result = read_package(file).and_then(|(record, blobs)| {
            let store = match &mut store {
                Some(store) => store,
                None => store
                    .insert(open_for_writing(db.map(Path::to_owned)).map_err(ImportFailure::Db)?),
            };
            import_package(store, &record, &blobs, mode).map_err(ImportFailure::File)
        });
        match result {
            Ok(line) => writeln!(out, "{progress} imported {line}"),
            Err(ImportFailure::Db(e)) => return Err(e),
            Err(ImportFailure::File(e)) => {
                failed.push(file);
                writeln!(err, "{progress} {}: {e}", file.display())
            }
        }
        .map_err(|e| format!("cannot write the progress: {e}"))?;
    }
    match failed.as_slice() {
        [] => Ok(()),
        [one] if total == 1 => Err(format!("{} was not imported", one.display())),
        some => Err(format!(
            "{} of {total} files were not imported (the others were): {}",
            some.len(),
            some.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Why one file of `motebok import` failed: the database (nothing more can be imported) or
/// the file itself (the next file goes on).
enum ImportFailure {
    Db(String),
    File(String),
}

fn read_package(
    file: &Path,
) -> Result<(crate::model::MeetingRecord, crate::store::Blobs), ImportFailure> {
    let text = crate::files::read_text_limited(file, package::MAX_PACKAGE_BYTES)
        .map_err(ImportFailure::File)?;
    package::read_with_attachments(&text).map_err(|e| ImportFailure::File(format!("\n{e}")))
}

/// Imports one read package in one transaction; returns its line for the meeting list.
fn import_package(
    store: &mut Store,
    record: &crate::model::MeetingRecord,
    blobs: &crate::store::Blobs,
    mode: ImportMode,
) -> Result<String, String> {
    let id = store
        .import_with_attachments(record, blobs, mode)
        .map_err(|e| match e {
            StoreError::MeetingExists { body, reference } => format!(
                "{body} {reference} already exists; nothing was changed (use --replace to \
                 overwrite it)"
            ),
            other => other.to_string(),
        })?;
    // The meeting's own line (not the whole list: that grows with the archive).
    let summary = store
        .find_meetings(Some(&record.body.name), record.meeting.reference)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|m| m.id == id);
    Ok(summary.map_or_else(
        || format!("{} {}", record.body.name, record.meeting.reference),
        |m| list_line(&m),
    ))
}

/// One line of `motebok search`: `CASE  TITLE  SNIPPET`. The snippet of an exempt item starts
/// with its legal basis; matched words are wrapped in `open` and `close` (bold on a terminal,
/// nothing when the output goes to a file).
#[must_use]
pub fn search_line(hit: &crate::store::SearchHit, open: &str, close: &str) -> String {
    let mut snippet = hit.snippet.marked(open, close);
    if let Some(basis) = &hit.exempt {
        snippet = format!("[Unntatt offentlighet, {basis}] {snippet}");
    }
    format!("{}  {}  {}", hit.case, hit.title.trim(), snippet.trim())
}

fn search(store: &Store, query: &str) -> Result<(), String> {
    use std::io::{IsTerminal, Write};
    let results = store
        .search(query, SEARCH_LIMIT)
        .map_err(|e| e.to_string())?;
    let (open, close) = if std::io::stdout().is_terminal() {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut out = std::io::stdout().lock();
    for (_, hit) in results.hits() {
        writeln!(out, "{}", search_line(hit, open, close)).map_err(|e| e.to_string())?;
    }
    if results.truncated {
        eprintln!(
            "motebok: showing the newest {SEARCH_LIMIT} hits; narrow the search to see older ones"
        );
    }
    Ok(())
}

/// One line of `motebok list`: body, meeting, date, status, separated by tabs.
#[must_use]
pub fn list_line(m: &MeetingSummary) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        m.body,
        m.reference,
        m.date.format("%Y-%m-%d"),
        m.status.code()
    )
}

/// Finds exactly one meeting by reference (and body, when given).
pub fn find_one(
    store: &Store,
    body: Option<&str>,
    meeting: MeetingRef,
) -> Result<MeetingSummary, String> {
    let mut found = store
        .find_meetings(body, meeting)
        .map_err(|e| e.to_string())?;
    match found.len() {
        0 => Err(format!(
            "no meeting {meeting}{} in the database",
            body.map(|b| format!(" of {b}")).unwrap_or_default()
        )),
        1 => Ok(found.remove(0)),
        _ => Err(format!(
            "several bodies have a meeting {meeting} ({}); pick one with --body NAME",
            found
                .iter()
                .map(|m| m.body.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Opens the database to change it. A database in use by the window is refused: the CLI never
/// writes behind another Møtebok's back.
pub fn open_for_writing(db: Option<PathBuf>) -> Result<Store, String> {
    let path = crate::app::startup::resolve_db_path(db)?;
    Store::open(&path).map_err(|e| e.to_string())
}

/// Opens the database to read it; read-only when another Møtebok has it open.
pub fn open_for_reading(db: Option<PathBuf>) -> Result<Store, String> {
    let path = crate::app::startup::resolve_db_path(db)?;
    if !path.exists() {
        return Err(format!("no database at {}", path.display()));
    }
    match Store::open(&path) {
        Err(StoreError::InUse { .. }) => Store::open_read_only(&path).map_err(|e| e.to_string()),
        other => other.map_err(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn no_command_opens_the_window() {
        assert_eq!(parse(args(&[])).unwrap().command, CliCommand::Window);
        let i = parse(args(&["--db", "x.sqlite3"])).unwrap();
        assert_eq!(i.db, Some(PathBuf::from("x.sqlite3")));
        assert_eq!(i.command, CliCommand::Window);
    }

    #[test]
    fn export_needs_an_output_file() {
        assert!(parse(args(&["export-package", "2024/M4"])).is_err());
        let i = parse(args(&[
            "export-package",
            "2024/M4",
            "-o",
            "a.json",
            "--body",
            "R",
        ]))
        .unwrap();
        assert_eq!(
            i.command,
            CliCommand::ExportPackage {
                meeting: MeetingRef::new(2024, 4),
                body: Some("R".into()),
                out: "a.json".into()
            }
        );
    }

    #[test]
    fn unknown_commands_and_options_are_usage_errors() {
        assert!(parse(args(&["frobnicate"])).is_err());
        assert!(parse(args(&["list", "--fast"])).is_err());
        assert!(parse(args(&["import"])).is_err());
        assert!(parse(args(&["export-package", "M4", "-o", "x"])).is_err());
    }

    #[test]
    fn render_notice_takes_a_meeting_a_file_and_public() {
        let i = parse(args(&[
            "render", "notice", "2024/M4", "-o", "n.pdf", "--public",
        ]))
        .unwrap();
        assert_eq!(
            i.command,
            CliCommand::Render {
                document: RenderDocument::Notice,
                meeting: MeetingRef::new(2024, 4),
                body: None,
                out: "n.pdf".into(),
                public: true,
                archive: false,
            }
        );
        assert!(parse(args(&["render", "notice", "2024/M4"])).is_err());
        assert!(parse(args(&["render", "agenda", "2024/M4", "-o", "x"])).is_err());
        assert!(parse(args(&["render"])).is_err());
    }

    #[test]
    fn render_minutes_takes_public_and_archive_and_approve_takes_a_meeting() {
        let i = parse(args(&[
            "render",
            "minutes",
            "2024/M4",
            "-o",
            "m.pdf",
            "--public",
            "--archive",
        ]))
        .unwrap();
        assert_eq!(
            i.command,
            CliCommand::Render {
                document: RenderDocument::Minutes,
                meeting: MeetingRef::new(2024, 4),
                body: None,
                out: "m.pdf".into(),
                public: true,
                archive: true,
            }
        );
        assert!(
            parse(args(&[
                "render",
                "notice",
                "2024/M4",
                "-o",
                "n.pdf",
                "--archive"
            ]))
            .is_err()
        );
        let i = parse(args(&["approve", "2024/M4", "--by", "Aasen"])).unwrap();
        assert_eq!(
            i.command,
            CliCommand::Approve {
                meeting: MeetingRef::new(2024, 4),
                body: None,
                by: Some("Aasen".into()),
            }
        );
        assert!(parse(args(&["approve"])).is_err());
    }

    #[test]
    fn verify_takes_several_trust_files_and_identity_exports_a_certificate() {
        let i = parse(args(&[
            "verify", "m.pdf", "--trust", "a.pem", "--trust", "b.pem",
        ]))
        .unwrap();
        assert_eq!(
            i.command,
            CliCommand::Verify {
                file: "m.pdf".into(),
                trust: vec!["a.pem".into(), "b.pem".into()],
            }
        );
        assert!(parse(args(&["verify", "m.pdf", "--trust"])).is_err());
        let i = parse(args(&[
            "identity",
            "export-certificate",
            "Aasen",
            "-o",
            "a.pem",
        ]))
        .unwrap();
        assert_eq!(
            i.command,
            CliCommand::IdentityExportCertificate {
                name: "Aasen".into(),
                out: "a.pem".into(),
            }
        );
        assert!(parse(args(&["identity", "export-certificate", "Aasen"])).is_err());
        assert!(parse(args(&["sign-file", "r.pdf"])).is_err());
        assert!(parse(args(&["import-signed"])).is_err());
    }

    #[test]
    fn check_takes_a_meeting_and_a_body() {
        let i = parse(args(&["check", "2024/M4", "--body", "R"])).unwrap();
        assert_eq!(
            i.command,
            CliCommand::Check {
                meeting: MeetingRef::new(2024, 4),
                body: Some("R".into()),
            }
        );
        assert!(parse(args(&["check"])).is_err());
        assert!(parse(args(&["check", "M4"])).is_err());
    }

    #[test]
    fn exports_take_a_meeting_and_an_output() {
        let i = parse(args(&["archive-export", "2024/M4", "-o", "dir"])).unwrap();
        assert_eq!(
            i.command,
            CliCommand::ArchiveExport {
                meeting: MeetingRef::new(2024, 4),
                body: None,
                out: "dir".into(),
            }
        );
        let i = parse(args(&["publish-export", "2024/M4", "-o", "m.json"])).unwrap();
        assert_eq!(
            i.command,
            CliCommand::PublishExport {
                meeting: MeetingRef::new(2024, 4),
                body: None,
                out: "m.json".into(),
            }
        );
        assert!(parse(args(&["archive-export", "2024/M4"])).is_err());
        assert!(parse(args(&["publish-export", "2024/M4"])).is_err());
    }

    #[test]
    fn import_takes_a_file_and_replace() {
        let i = parse(args(&["import", "m.json", "--replace"])).unwrap();
        assert_eq!(
            i.command,
            CliCommand::Import {
                files: vec!["m.json".into()],
                replace: true
            }
        );
        let i = parse(args(&["import", "a.json", "b.json", "--replace", "c.json"])).unwrap();
        assert_eq!(
            i.command,
            CliCommand::Import {
                files: vec!["a.json".into(), "b.json".into(), "c.json".into()],
                replace: true
            }
        );
    }
}
