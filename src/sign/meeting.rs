//! Signing a meeting's minutes, and checking a signed file against the database.
//!
//! An approved meeting is signed by the signatories its body requires (the chair and the
//! referent unless the body names others), each with their own identity, in any order. The
//! first signature renders the minutes (their signature block lists the signatories) and signs
//! them; each later one appends its signature to the stored signed PDF as an incremental update.
//! The database keeps the PDF after every signature and locks the meeting's content from the
//! first one on; after the last the meeting is `signed`.

use chrono::{DateTime, Local, SecondsFormat, Utc};

use super::identity::same_person_name;
use super::pdf::{
    ExpectedSignatory, PdfSignature, SignRequest, VerifyReport, fingerprint_text, sign_pdf,
    state_expected_signatories,
};
use super::trust::Trust;
use super::{Identity, SignError};
use crate::model::{MeetingRecord, MeetingStatus};
use crate::report::{MinutesOptions, render_archive_pdf};
use crate::store::{MeetingId, MeetingSignature, NewSignature, Signatory, Store};

/// A signatory of a meeting, resolved to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatorySlot {
    /// Which signatory.
    pub signatory: Signatory,
    /// The role as the minutes name it: «Møteleder», «Referent», «Medunderskriver».
    pub role: String,
    /// The person's name ("Surname, Given"), or `None` when the meeting names nobody.
    pub name: Option<String>,
    /// The signature made for this slot, if any.
    pub signed: Option<MeetingSignature>,
}

/// Who must sign meeting `id` and who has.
pub fn signatory_slots(store: &Store, id: MeetingId) -> Result<Vec<SignatorySlot>, SignError> {
    let record = store.load_meeting(id)?;
    let signatories = store.meeting_signatories(id)?;
    let done = store.meeting_signatures(id)?;
    Ok(slots(&record, &signatories, &done))
}

fn slots(
    record: &MeetingRecord,
    signatories: &[Signatory],
    done: &[MeetingSignature],
) -> Vec<SignatorySlot> {
    let m = &record.meeting;
    signatories
        .iter()
        .map(|s| {
            let (role, person) = match s {
                Signatory::Chair => ("Møteleder", m.chair.clone()),
                Signatory::Referent => ("Referent", m.referent.clone()),
                Signatory::Person(p) => ("Medunderskriver", Some(p.clone())),
            };
            SignatorySlot {
                signatory: s.clone(),
                role: role.to_owned(),
                name: person.map(|p| record.name_of(&p)),
                signed: done.iter().find(|d| &d.signatory == s).cloned(),
            }
        })
        .collect()
}

/// What signing a meeting produced.
#[derive(Clone, Debug)]
pub struct SignedMeeting {
    /// The signed PDF, as now stored.
    pub pdf: Vec<u8>,
    /// The new signature.
    pub signature: PdfSignature,
    /// The role it was made in.
    pub role: String,
    /// Whether every signatory has now signed (the meeting is `signed`).
    pub complete: bool,
    /// Who still must sign: "Name (role)".
    pub remaining: Vec<String>,
}

fn slot_text(slot: &SignatorySlot) -> String {
    format!(
        "{} ({})",
        slot.name.as_deref().unwrap_or("nobody named"),
        slot.role.to_lowercase()
    )
}

/// Signs the minutes of meeting `id` with `identity` at `now`, in the first unsigned role the
/// identity's name holds, and stores the signed PDF.
pub fn sign_meeting(
    store: &mut Store,
    id: MeetingId,
    identity: &Identity,
    now: DateTime<Utc>,
) -> Result<SignedMeeting, SignError> {
    let record = store.load_meeting(id)?;
    let what = format!("{} {}", record.body.name, record.meeting.reference);
    match record.meeting.status {
        MeetingStatus::Approved => {}
        MeetingStatus::Signed => {
            return Err(SignError::NotAllowed(format!(
                "{what} is signed already; its signed minutes never change"
            )));
        }
        other => {
            return Err(SignError::NotAllowed(format!(
                "{what} is {}: only approved minutes can be signed (approve them first)",
                other.code().replace('_', " ")
            )));
        }
    }
    identity.check_valid_at(now)?;
    let signatories = store.meeting_signatories(id)?;
    let done = store.meeting_signatures(id)?;
    let all = slots(&record, &signatories, &done);
    if let Some(missing) = all.iter().find(|s| s.name.is_none()) {
        return Err(SignError::NotAllowed(format!(
            "{what} names no {}, who must sign",
            missing.role.to_lowercase()
        )));
    }
    let Some(slot) = all.iter().find(|s| {
        s.signed.is_none()
            && s.name
                .as_deref()
                .is_some_and(|n| same_person_name(n, identity.name()))
    }) else {
        let mine = all.iter().find(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| same_person_name(n, identity.name()))
        });
        return Err(SignError::NotAllowed(match mine {
            Some(s) => format!(
                "{} has signed {what} already, as {}",
                identity.name(),
                s.role.to_lowercase()
            ),
            None => format!(
                "{} is not among those who sign {what}: {}",
                identity.name(),
                all.iter().map(slot_text).collect::<Vec<_>>().join(", ")
            ),
        }));
    };

    let previous = store.signed_document(id)?;
    let base = match (&previous, store.signing_request(id)?) {
        (Some(pdf), _) => pdf.clone(),
        (None, Some(pdf)) => pdf,
        (None, None) => first_document(store, &record, &all, Some(identity), now)?,
    };
    let reason = format!("Signert som {}", slot.role.to_lowercase());
    let (pdf, signature) = sign_pdf(
        &base,
        &SignRequest {
            identity,
            time: now,
            reason: &reason,
            location: "",
            certify: previous.is_none(),
        },
    )?;
    let complete = done.len() + 1 == signatories.len();
    store.add_signature(
        id,
        previous.as_deref(),
        &pdf,
        &NewSignature {
            signer: identity.name().to_owned(),
            role: slot.role.clone(),
            signatory: slot.signatory.clone(),
            signed_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
            content_sha256: signature.content_sha256.clone(),
            certificate_sha256: identity.fingerprint(),
        },
        complete,
    )?;
    // The signer is registered for this body and role: their identity is on this machine.
    store.register_signatory(&super::assess::register_entry(
        identity,
        Some(&record.body.name),
        &slot.role,
        "signed",
    ))?;
    let remaining = all
        .iter()
        .filter(|s| s.signed.is_none() && s.signatory != slot.signatory)
        .map(slot_text)
        .collect();
    Ok(SignedMeeting {
        pdf,
        signature,
        role: slot.role.clone(),
        complete,
        remaining,
    })
}

/// Who is to sign, as the document states it: each signatory's name and role, with the
/// certificate the register holds for them when it holds exactly one (for `signer`, their own).
fn expected_signatories(
    store: &Store,
    record: &MeetingRecord,
    all: &[SignatorySlot],
    signer: Option<&Identity>,
) -> Result<Vec<ExpectedSignatory>, SignError> {
    let register = store.signatory_register()?;
    Ok(all
        .iter()
        .map(|s| {
            let name = s.name.clone().unwrap_or_default();
            let mut fps: Vec<&str> = register
                .iter()
                .filter(|e| {
                    same_person_name(&e.name, &name)
                        && e.body.as_ref().is_none_or(|b| b == &record.body.name)
                })
                .map(|e| e.certificate_sha256.as_str())
                .collect();
            fps.sort_unstable();
            fps.dedup();
            let fingerprint = match (signer, fps.as_slice()) {
                (Some(i), _) if same_person_name(i.name(), &name) => Some(i.fingerprint()),
                (_, [only]) => Some((*only).to_owned()),
                _ => None,
            };
            ExpectedSignatory {
                name,
                role: s.role.clone(),
                certificate_sha256: fingerprint,
            }
        })
        .collect())
}

/// The document the first signature signs: the minutes as they are now approved, their
/// signature block listing who signs, stating the expected signatories in the catalog.
fn first_document(
    store: &Store,
    record: &MeetingRecord,
    all: &[SignatorySlot],
    signer: Option<&Identity>,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, SignError> {
    let opts = MinutesOptions {
        generated: now.with_timezone(&Local).naive_local(),
        signatories: all
            .iter()
            .map(|s| (s.name.clone().unwrap_or_default(), s.role.clone()))
            .collect(),
        ..MinutesOptions::default()
    };
    // The PDF/A-2b archive copy: signed by incremental updates it stays one, so the signed
    // minutes are also the archive copy.
    let rendered = render_archive_pdf(record, &opts)?;
    let expected = expected_signatories(store, record, all, signer)?;
    state_expected_signatories(&rendered, &expected)
}

/// A signing request for meeting `id`: the document the next signature must extend (the
/// signed minutes stored so far, or, before the first signature, the approved minutes rendered
/// now and kept as the request), and who still must sign.
pub fn signing_request(
    store: &mut Store,
    id: MeetingId,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, Vec<String>), SignError> {
    let record = store.load_meeting(id)?;
    let what = format!("{} {}", record.body.name, record.meeting.reference);
    if record.meeting.status != MeetingStatus::Approved {
        return Err(SignError::NotAllowed(format!(
            "{what} is {}: only approved minutes not yet signed by all can be sent for signing",
            record.meeting.status.code().replace('_', " ")
        )));
    }
    let all = slots(
        &record,
        &store.meeting_signatories(id)?,
        &store.meeting_signatures(id)?,
    );
    if let Some(missing) = all.iter().find(|s| s.name.is_none()) {
        return Err(SignError::NotAllowed(format!(
            "{what} names no {}, who must sign",
            missing.role.to_lowercase()
        )));
    }
    let remaining = all
        .iter()
        .filter(|s| s.signed.is_none())
        .map(slot_text)
        .collect();
    if let Some(pdf) = store.signed_document(id)? {
        return Ok((pdf, remaining));
    }
    if let Some(pdf) = store.signing_request(id)? {
        return Ok((pdf, remaining));
    }
    let pdf = first_document(store, &record, &all, None, now)?;
    let kept =
        store.add_signing_request(id, &pdf, &now.to_rfc3339_opts(SecondsFormat::Secs, true))?;
    Ok((kept, remaining))
}

/// Signs a signing request on the signatory's own machine (no database): `pdf` must be intact,
/// only signed so far, and name the identity's holder (by the certificate's name) among its
/// expected signatories, not yet signed. Returns the signed file and the role signed in.
pub fn sign_request_file(
    pdf: &[u8],
    identity: &Identity,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, String), SignError> {
    identity.check_valid_at(now)?;
    let report = super::pdf::verify_pdf(pdf);
    let broken = !report.changes.is_empty()
        || report.signatures.iter().any(|s| !s.is_valid())
        || report
            .problems
            .iter()
            .any(|p| p != "the file is not signed");
    if broken {
        let mut why: Vec<String> = report.problems.clone();
        why.extend(report.changes.iter().map(|c| {
            format!(
                "changed after signature {}: {}",
                c.signature,
                c.what.join("; ")
            )
        }));
        return Err(SignError::NotAllowed(format!(
            "this file does not hold, it will not be signed: {}",
            why.join("; ")
        )));
    }
    let expected = if report.signatures.is_empty() {
        let doc = lopdf::Document::load_mem(pdf)
            .map_err(|e| SignError::Pdf(format!("the PDF cannot be read: {e}")))?;
        super::pdf::expected_in(&doc)
    } else {
        report.expected.clone()
    };
    if expected.is_empty() {
        return Err(SignError::NotAllowed(
            "this file is not a Møtebok signing request: it names nobody who is to sign it"
                .to_owned(),
        ));
    }
    let Some(mine) = expected
        .iter()
        .find(|e| same_person_name(&e.name, identity.name()))
    else {
        return Err(SignError::NotAllowed(format!(
            "{} is not among those who sign this document: {}",
            identity.name(),
            expected
                .iter()
                .map(|e| format!("{} ({})", e.name, e.role.to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    if report
        .signatures
        .iter()
        .any(|s| same_person_name(&s.signer, identity.name()))
    {
        return Err(SignError::NotAllowed(format!(
            "{} has signed this document already",
            identity.name()
        )));
    }
    let reason = format!("Signert som {}", mine.role.to_lowercase());
    let (signed, _) = sign_pdf(
        pdf,
        &SignRequest {
            identity,
            time: now,
            reason: &reason,
            location: "",
            certify: report.signatures.is_empty(),
        },
    )?;
    Ok((signed, mine.role.clone()))
}

/// A signature imported from a signed file.
#[derive(Clone, Debug)]
pub struct ImportedSignature {
    /// The meeting: its id and «Body 2024/M4».
    pub meeting: (MeetingId, String),
    /// The new signature.
    pub signature: PdfSignature,
    /// The role it fills.
    pub role: String,
    /// Whether the signer's certificate was registered now (first use).
    pub registered: bool,
    /// Whether every signatory has now signed.
    pub complete: bool,
    /// Who still must sign: "Name (role)".
    pub remaining: Vec<String>,
}

/// Imports a signed file from a signatory who signed on another machine: it must be exactly
/// the document a meeting awaits a signature on (its signing request or its signed minutes so
/// far) plus one new, intact signature by one of the signatories still to sign, and nothing
/// else. A certificate not in the signatory register is refused unless `accept` is its SHA-256
/// fingerprint (hex, with or without colons): the secretary compared it with the signer and
/// confirms it; it is then registered. Nothing is stored when anything does not hold.
pub fn import_signed(
    store: &mut Store,
    pdf: &[u8],
    accept: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ImportedSignature, SignError> {
    let Some((id, base)) = store
        .documents_awaiting_signature()?
        .into_iter()
        .filter(|(_, base)| pdf.len() > base.len() && pdf.starts_with(base))
        .max_by_key(|(_, base)| base.len())
    else {
        return Err(SignError::NotAllowed(
            "the file is not the approved document of any meeting awaiting signatures here \
             (not its signing request, nor its signed minutes so far, plus a signature); \
             nothing was stored"
                .to_owned(),
        ));
    };
    let record = store.load_meeting(id)?;
    let what = format!("{} {}", record.body.name, record.meeting.reference);
    let refuse = |why: String| {
        Err(SignError::NotAllowed(format!(
            "{what}: {why}; nothing was stored"
        )))
    };
    let before = super::pdf::verify_pdf(&base).signatures.len();
    let report = super::pdf::verify_pdf(pdf);
    if report.signatures.len() != before + 1 {
        return refuse(format!(
            "the file must add exactly one signature to the document sent, it adds {}",
            report.signatures.len().saturating_sub(before)
        ));
    }
    let Some(new) = report.signatures.last().cloned() else {
        return refuse("the file holds no signature".to_owned());
    };
    if let Some(p) = report.signatures.iter().find_map(|s| s.problem.clone()) {
        return refuse(format!("a signature does not hold: {p}"));
    }
    if !new.covers_whole_file || new.byte_range[1] < base.len() {
        return refuse(
            "the new signature does not cover the whole document sent and nothing else".to_owned(),
        );
    }
    if !report.changes.is_empty() || !report.problems.is_empty() {
        let mut why = report.problems.clone();
        why.extend(report.changes.iter().map(|c| {
            format!(
                "changed after signature {}: {}",
                c.signature,
                c.what.join("; ")
            )
        }));
        return refuse(why.join("; "));
    }
    let signatories = store.meeting_signatories(id)?;
    let done = store.meeting_signatures(id)?;
    let all = slots(&record, &signatories, &done);
    let Some(slot) = all.iter().find(|s| {
        s.signed.is_none()
            && s.name
                .as_deref()
                .is_some_and(|n| same_person_name(n, &new.signer))
    }) else {
        return refuse(format!(
            "{} (from the certificate) is not among those still to sign: {}",
            new.signer,
            all.iter()
                .filter(|s| s.signed.is_none())
                .map(slot_text)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let register = store.signatory_register()?;
    let mut registered = false;
    match super::assess::check_register(&new, &register) {
        Trust::Trusted(_) => {}
        Trust::Impostor(why) => return refuse(why),
        Trust::Unknown(_) => {
            let given = accept.map(|a| a.replace(':', "").to_ascii_lowercase());
            if given.as_deref() != Some(new.certificate_sha256.as_str()) {
                return refuse(format!(
                    "the certificate of {} is not in the signatory register; compare its \
                     SHA-256 fingerprint {} with {} (by phone or in person) and confirm it \
                     with --accept-certificate {}",
                    new.signer,
                    fingerprint_text(&new.certificate_sha256),
                    new.signer,
                    fingerprint_text(&new.certificate_sha256)
                ));
            }
            registered = true;
        }
    }
    let previous = store.signed_document(id)?;
    let complete = done.len() + 1 == signatories.len();
    let signed_at = new.time.unwrap_or(now);
    store.add_signature(
        id,
        previous.as_deref(),
        pdf,
        &NewSignature {
            signer: new.signer.clone(),
            role: slot.role.clone(),
            signatory: slot.signatory.clone(),
            signed_at: signed_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            content_sha256: new.content_sha256.clone(),
            certificate_sha256: new.certificate_sha256.clone(),
        },
        complete,
    )?;
    if registered {
        let der = new.certificates.first().cloned().unwrap_or_default();
        let (from, to) = <x509_cert::Certificate as der::Decode>::from_der(&der)
            .map(|c| {
                let v = c.tbs_certificate().validity();
                (v.not_before.to_string(), v.not_after.to_string())
            })
            .unwrap_or_default();
        store.register_signatory(&crate::store::RegisteredSignatory {
            body: Some(record.body.name.clone()),
            name: new.signer.clone(),
            role: slot.role.clone(),
            certificate_sha256: new.certificate_sha256.clone(),
            certificate: der,
            issuer: new.issuer.clone(),
            valid_from: from,
            valid_to: to,
            source: "signed-file".to_owned(),
            registered_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        })?;
    }
    let remaining = all
        .iter()
        .filter(|s| s.signed.is_none() && s.signatory != slot.signatory)
        .map(slot_text)
        .collect();
    Ok(ImportedSignature {
        meeting: (id, what),
        signature: new,
        role: slot.role.clone(),
        registered,
        complete,
        remaining,
    })
}

/// Whether a signed file is the signed minutes the database keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCheck {
    /// The meeting the file's first signature belongs to: its id and «Body 2024/M4».
    pub meeting: Option<(MeetingId, String)>,
    /// What does not hold; `None` when the file is byte for byte the stored document.
    pub problem: Option<String>,
}

/// Compares `pdf` (checked as `report`) with the signed minutes stored in `store`: the
/// meeting is found by the content its first signature covers.
pub fn stored_document_check(
    store: &Store,
    pdf: &[u8],
    report: &VerifyReport,
) -> Result<StoredCheck, SignError> {
    let Some(first) = report
        .signatures
        .first()
        .filter(|s| !s.content_sha256.is_empty())
    else {
        return Ok(StoredCheck {
            meeting: None,
            problem: Some("the file has no signature to look up in the database".to_owned()),
        });
    };
    let Some((id, version)) = store.meeting_signed_with(&first.content_sha256)? else {
        return Ok(StoredCheck {
            meeting: None,
            problem: Some("no meeting in the database was signed with this document".to_owned()),
        });
    };
    let record = store.load_meeting(id)?;
    let mut name = format!("{} {}", record.body.name, record.meeting.reference);
    if version > 1 {
        name = format!("{name} (version {version})");
    }
    let stored = store.signed_document_of(id, version)?.unwrap_or_default();
    let problem = if stored == pdf {
        None
    } else {
        Some(format!(
            "the file is not the signed minutes of {name} stored in the database (they have {} \
             bytes, the file {} bytes with {} signature(s))",
            stored.len(),
            pdf.len(),
            report.signatures.len()
        ))
    };
    Ok(StoredCheck {
        meeting: Some((id, name)),
        problem,
    })
}
