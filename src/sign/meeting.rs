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
use super::pdf::{ExpectedSignatory, PdfSignature, SignRequest, VerifyReport, sign_pdf};
use super::{Identity, SignError};
use crate::model::{MeetingRecord, MeetingStatus};
use crate::report::{MinutesOptions, render_minutes_pdf};
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
    let base = if let Some(pdf) = &previous {
        pdf.clone()
    } else {
        // The first signature: the minutes as they are now approved, listing who signs.
        let opts = MinutesOptions {
            generated: now.with_timezone(&Local).naive_local(),
            signatories: all
                .iter()
                .map(|s| (s.name.clone().unwrap_or_default(), s.role.clone()))
                .collect(),
            ..MinutesOptions::default()
        };
        render_minutes_pdf(&record, &opts)?
    };
    // The first signature certifies the minutes and names who is to sign them, with the
    // certificate each is registered with when the register knows exactly one.
    let expected: Vec<ExpectedSignatory> = if previous.is_none() {
        let register = store.signatory_register()?;
        all.iter()
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
                let fingerprint = if s.signatory == slot.signatory {
                    Some(identity.fingerprint())
                } else if let [only] = fps.as_slice() {
                    Some((*only).to_owned())
                } else {
                    None
                };
                ExpectedSignatory {
                    name,
                    role: s.role.clone(),
                    certificate_sha256: fingerprint,
                }
            })
            .collect()
    } else {
        Vec::new()
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
            expected: &expected,
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
