//! The signing commands of the command line (`identity`, `sign`, `verify`, `export-signed`):
//! what they do and print. `crate::cli` parses the command line and calls these.

use std::path::Path;

use chrono::{DateTime, Local, Utc};

use super::pdf::{PdfSignature, VerifyReport, verify_pdf};
use super::{IdentityStore, SignError, sign_meeting, stored_document_check};
use crate::store::{MeetingId, Store};

/// The environment variable a passphrase is read from instead of a prompt.
pub const PASSPHRASE_ENV: &str = "MOTEBOK_PASSPHRASE";

/// The passphrase: from `$MOTEBOK_PASSPHRASE`, else asked for on the terminal (twice with
/// `confirm`, for a new identity).
pub fn passphrase(confirm: bool) -> Result<String, String> {
    if let Some(p) = std::env::var_os(PASSPHRASE_ENV) {
        return p
            .into_string()
            .map_err(|_| format!("{PASSPHRASE_ENV} must be valid text"));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|e| {
            format!("cannot ask for the passphrase ({e}); set {PASSPHRASE_ENV} instead")
        })
    };
    let first = ask("Passphrase: ")?;
    if confirm && ask("Repeat the passphrase: ")? != first {
        return Err("the two passphrases differ; nothing was changed".to_owned());
    }
    Ok(first)
}

fn err(e: &SignError) -> String {
    e.to_string()
}

fn identities() -> Result<IdentityStore, String> {
    IdentityStore::default_location().map_err(|e| err(&e))
}

/// `identity new --name NAME --role ROLE`.
pub fn identity_new(name: &str, role: &str) -> Result<(), String> {
    let store = identities()?;
    let passphrase = passphrase(true)?;
    let entry = store
        .create(name, role, &passphrase, Utc::now())
        .map_err(|e| err(&e))?;
    println!(
        "created the signing identity «{}» ({}), valid to {}, in {}",
        entry.name,
        if entry.role.is_empty() {
            "no role"
        } else {
            &entry.role
        },
        entry.not_after,
        store.dir().join(&entry.file).display()
    );
    Ok(())
}

/// `identity import FILE.p12 [--role ROLE]`.
pub fn identity_import(file: &Path, role: Option<&str>) -> Result<(), String> {
    let bytes = crate::files::read_limited(file, crate::files::MAX_KEY_FILE_BYTES)?;
    let store = identities()?;
    let passphrase = passphrase(false)?;
    let entry = store
        .import(&bytes, &passphrase, role, Utc::now())
        .map_err(|e| format!("{}: {}", file.display(), err(&e)))?;
    println!(
        "imported the signing identity «{}» ({}), valid to {}",
        entry.name,
        if entry.role.is_empty() {
            "no role"
        } else {
            &entry.role
        },
        entry.not_after
    );
    Ok(())
}

/// `identity list`.
pub fn identity_list() -> Result<(), String> {
    let store = identities()?;
    for e in store.list().map_err(|e| err(&e))? {
        println!(
            "{}\t{}\t{}\tvalid to {}",
            e.name,
            e.role,
            if e.imported { "imported" } else { "personal" },
            e.not_after
        );
    }
    Ok(())
}

/// `sign MEETING [--identity NAME] -o FILE`: signs meeting `id` and writes the signed PDF.
pub fn sign(
    store: &mut Store,
    id: MeetingId,
    identity: Option<&str>,
    out: &Path,
) -> Result<(), String> {
    let identities = identities()?;
    let entry = identities.pick(identity).map_err(|e| err(&e))?;
    let passphrase = passphrase(false)?;
    let now = Utc::now();
    let identity = identities
        .unlock(&entry, &passphrase, now)
        .map_err(|e| format!("«{}»: {}", entry.name, err(&e)))?;
    let signed = sign_meeting(store, id, &identity, now).map_err(|e| err(&e))?;
    crate::files::write_atomic(out, &signed.pdf).map_err(|e| format!("signed, but {e}"))?;
    println!(
        "signed as {} by {}",
        signed.role.to_lowercase(),
        identity.name()
    );
    if signed.complete {
        println!("every signatory has signed: the minutes are signed and can no longer change");
    } else {
        println!("still to sign: {}", signed.remaining.join(", "));
    }
    println!("wrote {}", out.display());
    Ok(())
}

/// `export-signed MEETING -o FILE`: writes the stored signed minutes.
pub fn export_signed(store: &Store, id: MeetingId, out: &Path) -> Result<(), String> {
    let pdf = store
        .signed_document(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "the meeting has no signed minutes yet".to_owned())?;
    crate::files::write_atomic(out, &pdf)?;
    println!("wrote {}", out.display());
    Ok(())
}

/// A time for people: local, to the second.
#[must_use]
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

/// One line per signature, as `verify` prints them.
#[must_use]
pub fn signature_line(index: usize, s: &PdfSignature, file_len: usize) -> String {
    use std::fmt::Write as _;
    let mut line = format!("signature {}: {}", index + 1, s.signer);
    if let Some(role) = s.role.as_deref().filter(|r| !r.is_empty()) {
        let _ = write!(line, " ({role})");
    }
    match s.time {
        Some(t) => {
            let _ = write!(line, ", signed {}", local_time(t));
        }
        None => line.push_str(", signing time unknown"),
    }
    if let Some(reason) = &s.reason {
        let _ = write!(line, ", «{reason}»");
    }
    let _ = match &s.problem {
        None if s.covers_whole_file => write!(line, " — valid, covers the whole document"),
        None => {
            let end = s.byte_range[2] + s.byte_range[3];
            write!(
                line,
                " — valid for the document as it was then (the first {end} of {file_len} bytes)"
            )
        }
        Some(p) => write!(line, " — NOT VALID: {p}"),
    };
    line
}

/// `verify FILE [--db PATH]`: prints who signed and when; `Err` unless everything holds.
pub fn verify(file: &Path, store: Option<&Store>) -> Result<(), String> {
    let pdf = crate::files::read_limited(file, crate::files::MAX_PDF_BYTES)?;
    let report: VerifyReport = verify_pdf(&pdf);
    println!(
        "{}: {} signature(s)",
        file.display(),
        report.signatures.len()
    );
    for (i, s) in report.signatures.iter().enumerate() {
        println!("{}", signature_line(i, s, pdf.len()));
    }
    let mut problems = report.problems.clone();
    if let Some(store) = store {
        let check = stored_document_check(store, &pdf, &report).map_err(|e| err(&e))?;
        match (&check.meeting, &check.problem) {
            (Some((_, name)), None) => {
                println!("database: identical to the signed minutes of {name} stored there");
            }
            (_, Some(p)) => {
                println!("database: {p}");
                problems.push(p.clone());
            }
            (None, None) => {}
        }
    }
    for p in &report.problems {
        println!("problem: {p}");
    }
    if report.is_valid() && problems.is_empty() {
        println!("result: valid");
        Ok(())
    } else {
        println!("result: NOT VALID");
        Err(format!("{}: the signatures do not hold", file.display()))
    }
}
