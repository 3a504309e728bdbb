//! The signing commands of the command line (`identity`, `sign`, `verify`, `export-signed`):
//! what they do and print. `crate::cli` parses the command line and calls these.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};

use super::assess::{Assessment, Verdict, assess};
use super::pdf::{PdfSignature, fingerprint_text};
use super::trust::{Trust, TrustAnchors};
use super::{IdentityStore, SignError, sign_meeting};
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

/// Registers a stored identity in `register` (a database), for any body, and says so.
fn register_identity(
    register: Option<&mut Store>,
    store: &IdentityStore,
    entry: &super::IdentityEntry,
    source: &str,
) -> Result<(), String> {
    let Some(db) = register else {
        return Ok(());
    };
    let der = store.certificate(entry).map_err(|e| err(&e))?;
    let cert = <x509_cert::Certificate as der::Decode>::from_der(&der)
        .map_err(|e| format!("the certificate cannot be read: {e}"))?;
    let added = db
        .register_signatory(&crate::store::RegisteredSignatory {
            body: None,
            name: entry.name.clone(),
            role: entry.role.clone(),
            certificate_sha256: entry.fingerprint.clone(),
            certificate: der,
            issuer: cert.tbs_certificate().issuer().to_string(),
            valid_from: entry.not_before.clone(),
            valid_to: entry.not_after.clone(),
            source: source.to_owned(),
            registered_at: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
        .map_err(|e| e.to_string())?;
    if added {
        println!("registered as a signatory in the database");
    }
    Ok(())
}

/// `identity new --name NAME --role ROLE`: makes the identity, and registers it in `register`.
pub fn identity_new(name: &str, role: &str, register: Option<&mut Store>) -> Result<(), String> {
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
    println!(
        "certificate SHA-256: {}",
        fingerprint_text(&entry.fingerprint)
    );
    register_identity(register, &store, &entry, "made")
}

/// `identity import FILE.p12 [--role ROLE]`: imports it, and registers it in `register`.
pub fn identity_import(
    file: &Path,
    role: Option<&str>,
    register: Option<&mut Store>,
) -> Result<(), String> {
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
    println!(
        "certificate SHA-256: {}",
        fingerprint_text(&entry.fingerprint)
    );
    register_identity(register, &store, &entry, "imported")
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

/// `sign-request MEETING -o FILE`: writes the document the next signatory signs.
pub fn sign_request(store: &mut Store, id: MeetingId, out: &Path) -> Result<(), String> {
    let (pdf, remaining) =
        super::meeting::signing_request(store, id, Utc::now()).map_err(|e| err(&e))?;
    std::fs::write(out, &pdf).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote the signing request {}", out.display());
    println!("still to sign: {}", remaining.join(", "));
    Ok(())
}

/// `sign-file FILE -o OUT [--identity NAME]`: signs a signing request on this machine.
pub fn sign_file(file: &Path, identity: Option<&str>, out: &Path) -> Result<(), String> {
    let pdf = crate::files::read_limited(file, crate::files::MAX_PDF_BYTES)?;
    let identities = identities()?;
    let entry = identities.pick(identity).map_err(|e| err(&e))?;
    let passphrase = passphrase(false)?;
    let now = Utc::now();
    let identity = identities
        .unlock(&entry, &passphrase, now)
        .map_err(|e| format!("«{}»: {}", entry.name, err(&e)))?;
    let (signed, role) = super::meeting::sign_request_file(&pdf, &identity, now)
        .map_err(|e| format!("{}: {}", file.display(), err(&e)))?;
    std::fs::write(out, &signed).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "signed as {} by {} (certificate SHA-256 {})",
        role.to_lowercase(),
        identity.name(),
        fingerprint_text(&identity.fingerprint())
    );
    println!("wrote {}; send it back to the secretariat", out.display());
    Ok(())
}

/// `import-signed FILE [--accept-certificate FINGERPRINT]`: stores a signed file sent back.
pub fn import_signed(store: &mut Store, file: &Path, accept: Option<&str>) -> Result<(), String> {
    let pdf = crate::files::read_limited(file, crate::files::MAX_PDF_BYTES)?;
    let imported = super::meeting::import_signed(store, &pdf, accept, Utc::now())
        .map_err(|e| format!("{}: {}", file.display(), err(&e)))?;
    println!(
        "{}: stored the signature of {} as {} (certificate SHA-256 {})",
        imported.meeting.1,
        imported.signature.signer,
        imported.role.to_lowercase(),
        fingerprint_text(&imported.signature.certificate_sha256)
    );
    if imported.registered {
        println!("the certificate is now in the signatory register");
    }
    if imported.complete {
        println!("every signatory has signed: the minutes are signed and can no longer change");
    } else {
        println!("still to sign: {}", imported.remaining.join(", "));
    }
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

/// One line per signature, as `verify` prints them: the signer from the certificate.
#[must_use]
pub fn signature_line(index: usize, s: &PdfSignature, file_len: usize) -> String {
    use std::fmt::Write as _;
    let signer = if s.signer.is_empty() {
        "(signer unknown: the certificate cannot be read)"
    } else {
        &s.signer
    };
    let mut line = format!("signature {}: {signer}", index + 1);
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

/// Every line `verify` prints about `a`, the judgement on `file_len` bytes.
#[must_use]
pub fn verify_lines(a: &Assessment, file_len: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let report = &a.report;
    for (i, s) in report.signatures.iter().enumerate() {
        lines.push(signature_line(i, s, file_len));
        if !s.certificate_sha256.is_empty() {
            lines.push(format!(
                "  certificate SHA-256: {}",
                fingerprint_text(&s.certificate_sha256)
            ));
            lines.push(format!(
                "  issuer: {}{}",
                s.issuer,
                if s.self_issued {
                    " (self-issued: the signer made it)"
                } else {
                    ""
                }
            ));
        }
        if let Some(claimed) = &s.name_in_dictionary
            && claimed != &s.signer
        {
            lines.push(format!(
                "  the signature dictionary's /Name says: «{claimed}»"
            ));
        }
        if let Some(p) = s.certifies {
            lines.push(format!(
                "  certifies the document: {}",
                match p {
                    1 => "no change allowed",
                    2 => "only signatures (and form filling) may follow",
                    _ => "signatures, form filling and annotations may follow",
                }
            ));
        }
        match a.trust.get(i) {
            Some(Trust::Trusted(how)) => lines.push(format!("  signer confirmed: {how}")),
            Some(Trust::Unknown(why)) => lines.push(format!("  signer NOT CONFIRMED: {why}")),
            Some(Trust::Impostor(why)) => lines.push(format!("  signer FALSE: {why}")),
            None => {}
        }
        match report.changes.iter().find(|c| c.signature == i + 1) {
            Some(c) => lines.push(format!(
                "  changed after signature {}: {}",
                i + 1,
                c.what.join("; ")
            )),
            None if !s.covers_whole_file && s.is_valid() => {
                lines.push(format!("  after signature {}: only signing", i + 1));
            }
            None => {}
        }
    }
    if !report.expected.is_empty() {
        let names: Vec<String> = report
            .expected
            .iter()
            .map(|e| {
                let fp = e
                    .certificate_sha256
                    .as_deref()
                    .map_or_else(String::new, |f| format!(", {}", fingerprint_text(f)));
                format!("{} ({}{fp})", e.name, e.role.to_lowercase())
            })
            .collect();
        lines.push(format!(
            "expected signatories (stated in the signed document): {}",
            names.join("; ")
        ));
    }
    if let Some(check) = &a.stored {
        match (&check.meeting, &check.problem) {
            (Some((_, name)), None) => lines.push(format!(
                "database: identical to the signed minutes of {name} stored there"
            )),
            (_, Some(p)) => lines.push(format!("database: {p}")),
            (None, None) => {}
        }
    }
    for c in &report.changes {
        lines.push(format!(
            "problem: changed after signature {}: {}",
            c.signature,
            c.what.join("; ")
        ));
    }
    for m in &report.missing {
        lines.push(format!("problem: {m}"));
    }
    for p in &report.problems {
        lines.push(format!("problem: {p}"));
    }
    for (i, t) in a.trust.iter().enumerate() {
        if let Trust::Impostor(why) = t {
            lines.push(format!("problem: signature {}: {why}", i + 1));
        }
    }
    lines.push(match a.verdict {
        Verdict::Valid => "result: valid".to_owned(),
        Verdict::Broken => "result: NOT VALID".to_owned(),
        Verdict::Unconfirmed => "result: intact and complete, but NOT CONFIRMED who signed \
             (give --db with the signatory register, or --trust FILE.pem)"
            .to_owned(),
    });
    lines
}

/// `verify FILE [--db PATH] [--trust FILE.pem]...`: prints who signed, when, with which
/// certificate, whether they are confirmed and what changed; returns the exit code (0 valid,
/// 1 broken, changed or missing, 3 intact but a signer unconfirmed).
pub fn verify(file: &Path, store: Option<&Store>, trust: &[PathBuf]) -> Result<u8, String> {
    let pdf = crate::files::read_limited(file, crate::files::MAX_PDF_BYTES)?;
    let anchors = TrustAnchors::from_files(trust)?;
    let assessment = assess(&pdf, store, &anchors).map_err(|e| err(&e))?;
    println!(
        "{}: {} signature(s)",
        file.display(),
        assessment.report.signatures.len()
    );
    for line in verify_lines(&assessment, pdf.len()) {
        println!("{line}");
    }
    Ok(assessment.verdict.exit_code())
}

/// `identity export-certificate NAME -o FILE.pem`: writes a signer's public certificate.
pub fn export_certificate(name: &str, out: &Path) -> Result<(), String> {
    let store = identities()?;
    let entry = store.pick(Some(name)).map_err(|e| err(&e))?;
    let der = if let Ok(der) = store.certificate(&entry) {
        der
    } else {
        // An identity made before certificates were kept beside it: open it once.
        let passphrase = passphrase(false)?;
        store
            .unlock(&entry, &passphrase, Utc::now())
            .map_err(|e| format!("«{}»: {}", entry.name, err(&e)))?
            .certificate_der()
    };
    std::fs::write(out, super::trust::pem_encode(&der))
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "wrote the certificate of «{}» (SHA-256 {}) to {}",
        entry.name,
        fingerprint_text(&entry.fingerprint),
        out.display()
    );
    Ok(())
}
