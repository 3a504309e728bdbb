//! The offline review round and the decision register from the command line:
//! `motebok review send|open|reply|import` and `motebok register`.
//!
//! Each reads what comes from another machine through the same strict readers as the window
//! (every problem named with its place in the file, nothing stored on refusal) and writes its
//! output atomically (`files::write_atomic`): a refused or failed command leaves no file and no
//! half a file.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{UsageError, find_one, open_for_reading, open_for_writing};
use crate::app::rapport;
use crate::model::{MeetingRef, ReviewDecision};
use crate::store::{DecisionFilter, DecisionSort};

/// A command of this module, parsed.
#[derive(Debug, PartialEq, Eq)]
pub enum FileCommand {
    /// `review send MEETING -o FILE`: the secretary makes a review package.
    ReviewSend {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output file (`.motebok-review.json`).
        out: PathBuf,
    },
    /// `review open FILE`: the leader reads a review package into their database.
    ReviewOpen {
        /// The review package.
        file: PathBuf,
    },
    /// `review reply MEETING -o FILE`: the leader writes the reply to the newest review of a
    /// meeting received.
    ReviewReply {
        /// The meeting.
        meeting: MeetingRef,
        /// Which body, when several.
        body: Option<String>,
        /// Output file (`.motebok-reply.json`).
        out: PathBuf,
        /// Approve or ask for changes.
        decision: ReviewDecision,
        /// The reviewer's name, if given (else the one stored, else the chair).
        by: Option<String>,
        /// Comments to add: item number (0: the whole minutes) and text.
        comments: Vec<(u32, String)>,
    },
    /// `review import FILE`: the secretary imports a reply.
    ReviewImport {
        /// The reply file.
        file: PathBuf,
    },
    /// `register -o FILE`: the decision register as CSV (or PDF for a `.pdf` name).
    Register {
        /// Output file.
        out: PathBuf,
        /// Only this body.
        body: Option<String>,
        /// Only this year.
        year: Option<i32>,
        /// The public version (exempt decisions withheld).
        public: bool,
    },
}

/// Reads a command line that starts (after `--db PATH`) with `review` or `register`. `None`
/// when it does not (or asks for help), so the main parser takes it.
pub(super) fn parse(
    args: &[OsString],
) -> Result<Option<(Option<PathBuf>, FileCommand)>, UsageError> {
    let mut i = 0;
    let mut first = None;
    while i < args.len() {
        match args[i].to_str() {
            Some("--db") => i += 2,
            Some("-h" | "--help" | "-V" | "--version") => return Ok(None),
            Some(word) if first.is_none() && !word.starts_with('-') => {
                first = Some(word);
                i += 1;
            }
            _ => i += 1,
        }
    }
    if !matches!(first, Some("review" | "register")) {
        return Ok(None);
    }
    let mut db = None;
    let mut out = None;
    let mut body = None;
    let mut year = None;
    let mut public = false;
    let mut decision = None;
    let mut by = None;
    let mut comments = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut it = args.iter();
    let text = |v: &OsString, flag: &str| {
        v.to_str()
            .map(str::to_owned)
            .ok_or_else(|| UsageError(format!("{flag} must be valid text")))
    };
    while let Some(arg) = it.next() {
        match arg.to_str() {
            Some("--db") => db = Some(PathBuf::from(value(&mut it, "--db")?)),
            Some("-o" | "--output") => out = Some(PathBuf::from(value(&mut it, "-o")?)),
            Some("--body") => body = Some(text(value(&mut it, "--body")?, "--body")?),
            Some("--by") => by = Some(text(value(&mut it, "--by")?, "--by")?),
            Some("--public") => public = true,
            Some("--year") => {
                let y = text(value(&mut it, "--year")?, "--year")?;
                year = Some(
                    y.parse::<i32>()
                        .ok()
                        .filter(|y| (1000..=9999).contains(y))
                        .ok_or_else(|| {
                            UsageError(format!("--year needs a year like 2024, not «{y}»"))
                        })?,
                );
            }
            Some("--decision") => {
                let d = text(value(&mut it, "--decision")?, "--decision")?;
                decision = Some(ReviewDecision::from_code(&d).ok_or_else(|| {
                    UsageError(format!(
                        "--decision is approve or changes_requested, not «{d}»"
                    ))
                })?);
            }
            Some("--comment") => {
                let c = text(value(&mut it, "--comment")?, "--comment")?;
                comments.push(parse_comment(&c));
            }
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
                return Err(UsageError(format!("unknown option {flag}")));
            }
            Some(word) => words.push(word.to_owned()),
            // A file name that is not valid text: kept as the system gave it.
            None => files.push(PathBuf::from(arg)),
        }
    }
    let meeting = |w: Option<&String>, what: &str| {
        let w = w.ok_or_else(|| UsageError(format!("{what} needs a meeting, e.g. 2024/M4")))?;
        MeetingRef::parse(w).map_err(|e| UsageError(e.to_string()))
    };
    let need_out = |what: &str| {
        out.clone()
            .ok_or_else(|| UsageError(format!("{what} needs -o FILE")))
    };
    let words_only = |n: usize, what: &str| {
        if words.len() == n && files.is_empty() {
            Ok(())
        } else {
            Err(UsageError(format!(
                "wrong arguments for «{what}» (see motebok --help)"
            )))
        }
    };
    let command = match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["register", ..] => {
            words_only(1, "register")?;
            FileCommand::Register {
                out: need_out("register")?,
                body,
                year,
                public,
            }
        }
        ["review", "send", ..] => {
            words_only(3, "review send")?;
            FileCommand::ReviewSend {
                meeting: meeting(words.get(2), "review send")?,
                body,
                out: need_out("review send")?,
            }
        }
        ["review", "reply", ..] => {
            words_only(3, "review reply")?;
            FileCommand::ReviewReply {
                meeting: meeting(words.get(2), "review reply")?,
                body,
                out: need_out("review reply")?,
                decision: decision.unwrap_or(ReviewDecision::Approve),
                by,
                comments,
            }
        }
        ["review", what @ ("open" | "import"), rest @ ..] => {
            let file = match (rest, files.len()) {
                ([file], 0) => PathBuf::from(file),
                ([], 1) => files.remove(0),
                _ => return Err(UsageError(format!("review {what} needs one FILE"))),
            };
            if *what == "open" {
                FileCommand::ReviewOpen { file }
            } else {
                FileCommand::ReviewImport { file }
            }
        }
        _ => {
            return Err(UsageError(
                "review needs send, open, reply or import (see motebok --help)".into(),
            ));
        }
    };
    Ok(Some((db, command)))
}

fn value<'a>(
    it: &mut std::slice::Iter<'a, OsString>,
    flag: &str,
) -> Result<&'a OsString, UsageError> {
    it.next()
        .ok_or_else(|| UsageError(format!("{flag} needs a value")))
}

/// `--comment "3: text"` is about item 3; `--comment "text"` about the whole minutes.
fn parse_comment(c: &str) -> (u32, String) {
    if let Some((n, text)) = c.split_once(':')
        && let Ok(n) = n.trim().parse::<u32>()
    {
        return (n, text.trim().to_owned());
    }
    (0, c.trim().to_owned())
}

/// Runs a command of this module.
pub(super) fn run(db: Option<PathBuf>, command: FileCommand) -> Result<(), String> {
    match command {
        FileCommand::ReviewSend { meeting, body, out } => {
            let mut store = open_for_writing(db)?;
            let summary = find_one(&store, body.as_deref(), meeting)?;
            rapport::send_review(&mut store, summary.id, &out)?;
            println!("wrote {}", out.display());
            Ok(())
        }
        FileCommand::ReviewOpen { file } => {
            let text = crate::files::read_text_limited(&file, crate::package::MAX_REVIEW_BYTES)?;
            let mut store = open_for_writing(db)?;
            let (session, added) = rapport::open_review_file(&mut store, &text)
                .map_err(|e| format!("{}:\n{e}", file.display()))?;
            println!(
                "{} review {} of {} {}",
                if added { "opened" } else { "already had" },
                session.review_id,
                session.record.body.name,
                session.record.meeting.reference
            );
            Ok(())
        }
        FileCommand::ReviewReply {
            meeting,
            body,
            out,
            decision,
            by,
            comments,
        } => {
            let mut store = open_for_writing(db)?;
            let review_id = received_review(&store, meeting, body.as_deref())?;
            let mut session = rapport::reopen_review(&store, &review_id)?;
            if let Some(by) = by {
                session.reviewer = by;
            }
            for (item, text) in comments {
                if item != 0
                    && !session
                        .record
                        .meeting
                        .items
                        .iter()
                        .any(|i| i.number == item)
                {
                    return Err(format!("{meeting} has no item {item} to comment on"));
                }
                session.drafts.insert(item, text);
            }
            rapport::send_reply(&mut store, &session, decision, &out)?;
            println!("wrote {}", out.display());
            Ok(())
        }
        FileCommand::ReviewImport { file } => {
            let text = crate::files::read_text_limited(&file, crate::package::MAX_REPLY_BYTES)?;
            let mut store = open_for_writing(db)?;
            let (imported, reply) = rapport::import_reply_text(&mut store, &text)
                .map_err(|e| format!("{}:\n{e}", file.display()))?;
            println!(
                "imported the reply of {} to {} {}: {}, {} comment(s)",
                reply.reviewer,
                reply.body,
                reply.meeting,
                reply.decision.code(),
                imported.comments
            );
            Ok(())
        }
        FileCommand::Register {
            out,
            body,
            year,
            public,
        } => register(db, &out, body, year, public),
    }
}

/// The review of `meeting` received most recently (of `body`, when given).
fn received_review(
    store: &crate::store::Store,
    meeting: MeetingRef,
    body: Option<&str>,
) -> Result<String, String> {
    let found: Vec<_> = store
        .received_reviews()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|r| r.reference == meeting && body.is_none_or(|b| r.body == b))
        .collect();
    let Some(newest) = found.first() else {
        return Err(format!(
            "no review of {meeting}{} has been opened here (motebok review open FILE)",
            body.map(|b| format!(" of {b}")).unwrap_or_default()
        ));
    };
    if found.iter().any(|r| r.body != newest.body) {
        return Err(format!(
            "reviews of {meeting} from several bodies were opened here; pick one with --body NAME"
        ));
    }
    Ok(newest.review_id.clone())
}

fn register(
    db: Option<PathBuf>,
    out: &Path,
    body: Option<String>,
    year: Option<i32>,
    public: bool,
) -> Result<(), String> {
    let store = open_for_reading(db)?;
    if let Some(b) = &body
        && !store
            .bodies()
            .map_err(|e| e.to_string())?
            .iter()
            .any(|x| &x.name == b)
    {
        return Err(format!("no body «{b}» in the database"));
    }
    let filter = DecisionFilter {
        body,
        year,
        ..DecisionFilter::default()
    };
    let mut rows = store.decisions(&filter).map_err(|e| e.to_string())?;
    crate::store::sort_decisions(&mut rows, DecisionSort::Date, false);
    let is_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if is_pdf {
        crate::report::register::register_pdf(
            &rows,
            &crate::report::register::describe_filter(&filter),
            public,
            chrono::Local::now().naive_local(),
        )
        .map_err(|e| e.to_string())?
    } else {
        crate::report::register::register_csv(&rows, public).into_bytes()
    };
    crate::files::write_atomic(out, &bytes)?;
    println!("wrote {} decision(s) to {}", rows.len(), out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn other_commands_are_left_to_the_main_parser() {
        assert_eq!(parse(&args(&["list"])).unwrap(), None);
        assert_eq!(parse(&args(&["--db", "review", "list"])).unwrap(), None);
        assert_eq!(parse(&args(&["review", "--help"])).unwrap(), None);
    }

    #[test]
    fn review_and_register_parse() {
        let (db, c) = parse(&args(&[
            "--db", "x", "review", "send", "2024/M4", "-o", "r.json",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(db, Some(PathBuf::from("x")));
        assert_eq!(
            c,
            FileCommand::ReviewSend {
                meeting: MeetingRef::new(2024, 4),
                body: None,
                out: "r.json".into()
            }
        );
        let (_, c) = parse(&args(&[
            "review",
            "reply",
            "2024/M4",
            "-o",
            "a.json",
            "--decision",
            "changes_requested",
            "--comment",
            "3: Skriv fristen",
            "--comment",
            "Fint",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            c,
            FileCommand::ReviewReply {
                meeting: MeetingRef::new(2024, 4),
                body: None,
                out: "a.json".into(),
                decision: ReviewDecision::ChangesRequested,
                by: None,
                comments: vec![(3, "Skriv fristen".into()), (0, "Fint".into())],
            }
        );
        let (_, c) = parse(&args(&["register", "-o", "r.csv", "--year", "2024"]))
            .unwrap()
            .unwrap();
        assert_eq!(
            c,
            FileCommand::Register {
                out: "r.csv".into(),
                body: None,
                year: Some(2024),
                public: false
            }
        );
        assert!(parse(&args(&["register"])).is_err());
        assert!(parse(&args(&["register", "-o", "x", "--year", "24"])).is_err());
        assert!(parse(&args(&["review", "open"])).is_err());
        assert!(parse(&args(&["review", "send", "2024/M4"])).is_err());
        assert!(parse(&args(&["review", "frob"])).is_err());
        assert!(
            parse(&args(&[
                "review",
                "reply",
                "2024/M4",
                "-o",
                "x",
                "--decision",
                "ok"
            ]))
            .is_err()
        );
    }
}
