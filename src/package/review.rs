//! Offline review files (documented in `docs/FORMAT-additions.md`):
//!
//! - the review package, `.motebok-review.json`: a meeting package plus the draft minutes PDF
//!   (base64) and a review id, sent by the secretary to the leader;
//! - the reply, `.motebok-reply.json`: the review id, the reviewer, the decision (approve or
//!   changes requested) and the comments, per item or on the whole, sent back.
//!
//! Like the meeting package, both are read strictly: a wrong `format`, a newer `version`, a
//! missing or mistyped field and an unknown field are refused, each naming its field. The
//! `review_id` must match its pattern (`model::check_review_id`) in both: it becomes a file
//! name on the leader's machine. Sizes, nesting and lengths are bounded
//! (`package::limits`, [`super::MAX_REVIEW_BYTES`], [`super::MAX_REPLY_BYTES`]).

use std::collections::BTreeSet;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::NaiveDateTime;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{FieldError, PackageError};
use crate::model::agenda::MAX_ATTACHMENT_BYTES;
use crate::model::{
    MeetingRecord, MeetingRef, ReviewComment, ReviewDecision, ReviewReply, check_review_id,
};

/// The `format` of a review package.
pub const REVIEW_FORMAT: &str = "motebok/review";
/// The `format` of a reply to a review package.
pub const REPLY_FORMAT: &str = "motebok/review-reply";
/// The version of both files this Møtebok reads and writes.
pub const REVIEW_VERSION: u64 = 1;

const TIME: &str = "%Y-%m-%dT%H:%M:%S";

/// A review package: what the leader receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewPackage {
    /// Identifies this review round; the reply carries it back.
    pub review_id: String,
    /// When the secretary made the package.
    pub created: NaiveDateTime,
    /// The meeting as sent.
    pub record: MeetingRecord,
    /// The draft minutes as PDF.
    pub draft_pdf: Vec<u8>,
}

/// A new review id for a meeting: reference, time and a short hash, e.g.
/// `2024-M4-20240615T101500-3f9a1c02`.
#[must_use]
pub fn new_review_id(reference: MeetingRef, created: NaiveDateTime, salt: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(salt);
    hash.update(created.format(TIME).to_string().as_bytes());
    hash.update(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
            .to_le_bytes(),
    );
    let digest = hash.finalize();
    let short = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
    format!(
        "{}-M{}-{}-{short:08x}",
        reference.year,
        reference.number,
        created.format("%Y%m%dT%H%M%S")
    )
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Writes a review package: the meeting package (as [`super::write`] writes it, indented one
/// level) with the draft PDF.
#[must_use]
pub fn write_review(
    review_id: &str,
    created: NaiveDateTime,
    record: &MeetingRecord,
    draft_pdf: &[u8],
) -> String {
    let package = super::write(record);
    let nested = package.trim_end().replace('\n', "\n  ");
    format!(
        "{{\n  \"format\": {},\n  \"version\": {REVIEW_VERSION},\n  \"review_id\": {},\n  \
         \"created\": {},\n  \"package\": {nested},\n  \"draft_pdf\": {}\n}}\n",
        quote(REVIEW_FORMAT),
        quote(review_id),
        quote(&created.format(TIME).to_string()),
        quote(&STANDARD.encode(draft_pdf)),
    )
}

/// Reads the fields of a JSON object strictly: collects problems into `errors`.
struct Fields<'a> {
    obj: &'a Map<String, Value>,
    prefix: &'a str,
    seen: BTreeSet<&'static str>,
    errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    fn new(obj: &'a Map<String, Value>, prefix: &'a str) -> Self {
        Self {
            obj,
            prefix,
            seen: BTreeSet::new(),
            errors: Vec::new(),
        }
    }

    fn path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    fn value(&mut self, key: &'static str, required: bool) -> Option<&'a Value> {
        self.seen.insert(key);
        match self.obj.get(key) {
            // `null` counts as absent, so a required field that is `null` is missing too.
            None | Some(Value::Null) if required => {
                let p = self.path(key);
                self.errors.push(FieldError::new(p, "missing"));
                None
            }
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn string(&mut self, key: &'static str, required: bool) -> Option<String> {
        if let Value::String(s) = self.value(key, required)? {
            Some(s.clone())
        } else {
            let p = self.path(key);
            self.errors.push(FieldError::new(p, "expected text"));
            None
        }
    }

    fn time(&mut self, key: &'static str) -> Option<NaiveDateTime> {
        let text = self.string(key, true)?;
        let parsed = NaiveDateTime::parse_from_str(&text, TIME).ok();
        if parsed.is_none() {
            let p = self.path(key);
            self.errors.push(FieldError::new(
                p,
                format!("«{text}» is not a time (YYYY-MM-DDTHH:MM:SS)"),
            ));
        }
        parsed
    }

    /// Checks `format` and `version`.
    fn header(&mut self, format: &str) -> bool {
        let ok_format = match self.string("format", true) {
            Some(f) if f == format => true,
            Some(f) => {
                self.errors.push(FieldError::new(
                    "format",
                    format!("«{f}» is not a {format} file"),
                ));
                false
            }
            None => false,
        };
        match self.value("version", true) {
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) if v == REVIEW_VERSION => {}
                Some(v) if v > REVIEW_VERSION => self.errors.push(FieldError::new(
                    "version",
                    format!(
                        "version {v} was written by a newer Møtebok (this one reads version \
                         {REVIEW_VERSION}); update Møtebok"
                    ),
                )),
                _ => self
                    .errors
                    .push(FieldError::new("version", format!("unknown version {n}"))),
            },
            Some(_) => self
                .errors
                .push(FieldError::new("version", "expected a number")),
            None => {}
        }
        ok_format
    }

    /// Refuses keys that were not read.
    fn finish(mut self) -> Vec<FieldError> {
        for key in self.obj.keys() {
            if !self.seen.contains(key.as_str()) {
                let p = self.path(key);
                self.errors.push(FieldError::new(p, "unknown field"));
            }
        }
        self.errors
    }
}

fn parse_object(text: &str, max: u64, what: &str) -> Result<Map<String, Value>, PackageError> {
    super::check_size(text, max, what)?;
    match super::json::parse(text)? {
        Value::Object(obj) => Ok(obj),
        _ => Err(FieldError::new("", "expected a JSON object").into()),
    }
}

/// Checks `review_id` against its pattern ([`check_review_id`]): it names a file on the
/// leader's machine, so nothing else may pass.
fn review_id(f: &mut Fields<'_>) -> Option<String> {
    let id = f.string("review_id", true)?;
    match check_review_id(&id) {
        Ok(()) => Some(id),
        Err(why) => {
            f.errors.push(FieldError::new("review_id", why));
            None
        }
    }
}

/// Reads a review package. The meeting package inside is read by [`super::read`] (its
/// problems are named under `package.`); the PDF must be base64 of a PDF.
pub fn read_review(text: &str) -> Result<ReviewPackage, PackageError> {
    let obj = parse_object(text, super::MAX_REVIEW_BYTES, "review package")?;
    let mut f = Fields::new(&obj, "");
    if !f.header(REVIEW_FORMAT) {
        return Err(PackageError { errors: f.finish() });
    }
    let review_id = review_id(&mut f);
    let created = f.time("created");
    let record = match f.value("package", true) {
        Some(v @ Value::Object(_)) => {
            match super::read(&serde_json::to_string(v).unwrap_or_default()) {
                Ok(r) => Some(r),
                Err(e) => {
                    f.errors.extend(e.errors.into_iter().map(|fe| {
                        let path = if fe.path.is_empty() {
                            "package".to_owned()
                        } else {
                            format!("package.{}", fe.path)
                        };
                        FieldError::new(path, fe.message)
                    }));
                    None
                }
            }
        }
        Some(_) => {
            f.errors.push(FieldError::new(
                "package",
                "expected a meeting package (object)",
            ));
            None
        }
        None => None,
    };
    let pdf = f
        .string("draft_pdf", true)
        .and_then(|b64| match STANDARD.decode(b64) {
            Ok(bytes) if bytes.len() as u64 > MAX_ATTACHMENT_BYTES => {
                f.errors.push(FieldError::new(
                    "draft_pdf",
                    format!("the PDF is larger than {MAX_ATTACHMENT_BYTES} bytes"),
                ));
                None
            }
            Ok(bytes) if bytes.starts_with(b"%PDF-") => Some(bytes),
            Ok(_) => {
                f.errors
                    .push(FieldError::new("draft_pdf", "the bytes are not a PDF"));
                None
            }
            Err(e) => {
                f.errors.push(FieldError::new(
                    "draft_pdf",
                    format!("not valid base64: {e}"),
                ));
                None
            }
        });
    let errors = f.finish();
    match (review_id, created, record, pdf) {
        (Some(review_id), Some(created), Some(record), Some(draft_pdf)) if errors.is_empty() => {
            Ok(ReviewPackage {
                review_id,
                created,
                record,
                draft_pdf,
            })
        }
        _ => Err(refusal(errors)),
    }
}

/// The refusal of a file: never without a reason, even if a check forgot to give one.
fn refusal(mut errors: Vec<FieldError>) -> PackageError {
    if errors.is_empty() {
        errors.push(FieldError::new("", "the file could not be read"));
    }
    PackageError { errors }
}

/// Writes a reply to a review package.
#[must_use]
pub fn write_reply(reply: &ReviewReply) -> String {
    let mut lines = vec![
        "{".to_owned(),
        format!("  \"format\": {},", quote(REPLY_FORMAT)),
        format!("  \"version\": {REVIEW_VERSION},"),
        format!("  \"review_id\": {},", quote(&reply.review_id)),
        format!("  \"body\": {},", quote(&reply.body)),
        format!("  \"meeting\": {},", quote(&reply.meeting.to_string())),
        format!("  \"reviewer\": {},", quote(&reply.reviewer)),
        format!("  \"decision\": {},", quote(reply.decision.code())),
        format!(
            "  \"replied\": {},",
            quote(&reply.replied_at.format(TIME).to_string())
        ),
    ];
    if reply.comments.is_empty() {
        lines.push("  \"comments\": []".to_owned());
    } else {
        lines.push("  \"comments\": [".to_owned());
        for (i, c) in reply.comments.iter().enumerate() {
            lines.push("    {".to_owned());
            lines.push(match c.item {
                Some(n) => format!("      \"item\": {n},"),
                None => "      \"item\": null,".to_owned(),
            });
            if let Some(title) = &c.item_title {
                lines.push(format!("      \"item_title\": {},", quote(title)));
            }
            lines.push(format!("      \"text\": {}", quote(&c.text)));
            lines.push(
                if i + 1 < reply.comments.len() {
                    "    },"
                } else {
                    "    }"
                }
                .to_owned(),
            );
        }
        lines.push("  ]".to_owned());
    }
    lines.push("}".to_owned());
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Reads a reply to a review package.
pub fn read_reply(text: &str) -> Result<ReviewReply, PackageError> {
    let obj = parse_object(text, super::MAX_REPLY_BYTES, "reply")?;
    let mut f = Fields::new(&obj, "");
    if !f.header(REPLY_FORMAT) {
        return Err(PackageError { errors: f.finish() });
    }
    let review_id = review_id(&mut f);
    let body = f.string("body", true);
    let meeting = f
        .string("meeting", true)
        .and_then(|m| match MeetingRef::parse(&m) {
            Ok(r) => Some(r),
            Err(e) => {
                f.errors.push(FieldError::new("meeting", e.to_string()));
                None
            }
        });
    let reviewer = f.string("reviewer", true);
    if reviewer.as_deref().is_some_and(|r| r.trim().is_empty()) {
        f.errors.push(FieldError::new("reviewer", "empty"));
    }
    let decision = f.string("decision", true).and_then(|d| {
        let parsed = ReviewDecision::from_code(&d);
        if parsed.is_none() {
            f.errors.push(FieldError::new(
                "decision",
                format!("«{d}» is not a decision (approve or changes_requested)"),
            ));
        }
        parsed
    });
    let replied_at = f.time("replied");
    let mut comments = Vec::new();
    match f.value("comments", true) {
        Some(Value::Array(list)) => {
            for (i, c) in list.iter().enumerate() {
                let prefix = format!("comments[{i}]");
                let Value::Object(o) = c else {
                    f.errors.push(FieldError::new(prefix, "expected an object"));
                    continue;
                };
                let mut cf = Fields::new(o, &prefix);
                // `item` must be there, but may be `null` (the whole minutes).
                let item = match cf.value("item", !o.contains_key("item")) {
                    None => None,
                    Some(Value::Number(n)) => {
                        match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
                            Some(n) if n >= 1 => Some(n),
                            _ => {
                                let p = cf.path("item");
                                cf.errors.push(FieldError::new(
                                    p,
                                    "expected an item number (1, 2, 3 ...)",
                                ));
                                None
                            }
                        }
                    }
                    Some(_) => {
                        let p = cf.path("item");
                        cf.errors
                            .push(FieldError::new(p, "expected an item number or null"));
                        None
                    }
                };
                let item_title = cf.string("item_title", false);
                let text = cf.string("text", true);
                let errs = cf.finish();
                let ok = errs.is_empty();
                f.errors.extend(errs);
                if ok && let Some(text) = text {
                    comments.push(ReviewComment {
                        item,
                        item_title,
                        text,
                    });
                }
            }
        }
        Some(_) => f
            .errors
            .push(FieldError::new("comments", "expected a list")),
        None => {}
    }
    let errors = f.finish();
    match (review_id, body, meeting, reviewer, decision, replied_at) {
        (Some(review_id), Some(body), Some(meeting), Some(reviewer), Some(decision), Some(at))
            if errors.is_empty() =>
        {
            Ok(ReviewReply {
                review_id,
                body,
                meeting,
                reviewer,
                decision,
                replied_at: at,
                comments,
            })
        }
        _ => Err(refusal(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "2024-M4-20240615T101500-3f9a1c02";

    fn at() -> NaiveDateTime {
        NaiveDateTime::parse_from_str("2024-06-15T10:15:00", TIME).unwrap()
    }

    fn demo() -> MeetingRecord {
        super::super::read(crate::app::demo::EXAMPLE_PACKAGE).unwrap()
    }

    #[test]
    fn a_review_package_reads_back_with_its_meeting_and_pdf() {
        let record = demo();
        let text = write_review(ID, at(), &record, b"%PDF-1.7 draft");
        let back = read_review(&text).unwrap();
        assert_eq!(back.review_id, ID);
        assert_eq!(back.created, at());
        assert_eq!(back.record, record);
        assert_eq!(back.draft_pdf, b"%PDF-1.7 draft");
    }

    #[test]
    fn a_reply_round_trips_byte_for_byte() {
        let reply = ReviewReply {
            review_id: ID.into(),
            body: "Rådet".into(),
            meeting: MeetingRef::new(2024, 4),
            reviewer: "Aasen, Marianne".into(),
            decision: ReviewDecision::ChangesRequested,
            replied_at: at(),
            comments: vec![
                ReviewComment {
                    item: None,
                    item_title: None,
                    text: "Fint referat «med» \"sitat\"".into(),
                },
                ReviewComment {
                    item: Some(4),
                    item_title: Some("Felles arkivtjeneste".into()),
                    text: "Skriv vedtaket\npå nytt".into(),
                },
            ],
        };
        let text = write_reply(&reply);
        let back = read_reply(&text).unwrap();
        assert_eq!(back, reply);
        assert_eq!(write_reply(&back), text);
    }

    #[test]
    fn a_required_field_that_is_null_is_refused_by_name() {
        // Found by tests/hostile_fuzz.rs: `"review_id": null` was refused with no reason.
        let text =
            write_review(ID, at(), &demo(), b"%PDF-1.7").replacen(&format!("\"{ID}\""), "null", 1);
        let err = read_review(&text).unwrap_err();
        assert!(err.has_path("review_id"), "{err}");
        let err = read_reply(
            r#"{"format": "motebok/review-reply", "version": 1, "review_id": null, "body": null,
                "meeting": "2024/M4", "reviewer": "X", "decision": "approve",
                "replied": "2024-06-15T10:15:00", "comments": null}"#,
        )
        .unwrap_err();
        assert!(err.has_path("review_id"), "{err}");
        assert!(err.has_path("body"), "{err}");
        assert!(err.has_path("comments"), "{err}");
    }

    #[test]
    fn a_wrong_reply_names_its_fields() {
        let err = read_reply(
            r#"{"format": "motebok/review-reply", "version": 1, "review_id": "2024-M4-20240615T101500-3f9a1c02", "body": "B",
                "meeting": "2024/M4", "reviewer": "X", "decision": "maybe",
                "replied": "2024-06-15T10:15:00", "comments": [{"item": 0, "text": "t"}],
                "extra": 1}"#,
        )
        .unwrap_err();
        assert!(err.has_path("decision"), "{err}");
        assert!(err.has_path("comments[0].item"), "{err}");
        assert!(err.has_path("extra"), "{err}");
        let err = read_reply(r#"{"format": "motebok/review-reply", "version": 2}"#).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
        let err = read_review(r#"{"format": "motebok/meeting", "version": 1}"#).unwrap_err();
        assert!(err.has_path("format"), "{err}");
    }
}
