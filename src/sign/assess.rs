//! The whole judgement on a signed PDF, as `motebok verify` and the Rapport pane give it: the
//! signatures checked ([`verify_pdf`]), each signer's identity checked against the signatory
//! register of a database and the `--trust` certificates, and (with a database) the file
//! compared byte for byte with the signed minutes stored there.
//!
//! The verdict: **valid** only when every signature is intact, nothing but signing happened
//! after each, every expected signatory signed and every signer is confirmed; **broken** when
//! anything is broken, changed, missing or an impostor; **unconfirmed** when the file is intact
//! and complete but some signer's identity could not be confirmed.

use chrono::{SecondsFormat, Utc};

use super::identity::same_person_name;
use super::pdf::{PdfSignature, VerifyReport, fingerprint_text, verify_pdf};
use super::trust::{Trust, TrustAnchors, check_anchors};
use super::{Identity, SignError, StoredCheck, stored_document_check};
use crate::store::{RegisteredSignatory, Store};

/// The verdict on a signed file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Intact, only signed after each signature, complete, every signer confirmed (exit 0).
    Valid,
    /// Something is broken, changed or missing, or a signer is an impostor (exit 1).
    Broken,
    /// Intact and complete, but some signer's identity could not be confirmed (exit 3).
    Unconfirmed,
}

impl Verdict {
    /// The exit code of `motebok verify`.
    #[must_use]
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Valid => 0,
            Verdict::Broken => 1,
            Verdict::Unconfirmed => 3,
        }
    }
}

/// Everything `verify` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// The signatures, changes and expected signatories of the file.
    pub report: VerifyReport,
    /// For each signature, whether its signer is confirmed and how.
    pub trust: Vec<Trust>,
    /// The comparison with the database's stored copy, when a database was given.
    pub stored: Option<StoredCheck>,
    /// The verdict.
    pub verdict: Verdict,
}

/// A register entry for `identity`, signing for `body` (any body: `None`) in `role`.
#[must_use]
pub fn register_entry(
    identity: &Identity,
    body: Option<&str>,
    role: &str,
    source: &str,
) -> RegisteredSignatory {
    let rfc = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    RegisteredSignatory {
        body: body.map(str::to_owned),
        name: identity.name().to_owned(),
        role: role.to_owned(),
        certificate_sha256: identity.fingerprint(),
        certificate: identity.certificate_der(),
        issuer: identity.issuer(),
        valid_from: rfc(identity.not_before()),
        valid_to: rfc(identity.not_after()),
        source: source.to_owned(),
        registered_at: rfc(Utc::now()),
    }
}

/// How `sig` stands against the signatory `register`.
#[must_use]
pub fn check_register(sig: &PdfSignature, register: &[RegisteredSignatory]) -> Trust {
    if let Some(e) = register
        .iter()
        .find(|e| e.certificate_sha256 == sig.certificate_sha256)
    {
        let body = e
            .body
            .as_deref()
            .map_or_else(String::new, |b| format!(", {b}"));
        return Trust::Trusted(format!(
            "in the signatory register as {} ({}{body})",
            e.name,
            if e.role.is_empty() {
                "no role"
            } else {
                &e.role
            }
        ));
    }
    if let Some(e) = register
        .iter()
        .find(|e| same_person_name(&e.name, &sig.signer))
    {
        return Trust::Impostor(format!(
            "the certificate bears the name of {}, but the signatory register holds another \
             certificate for them ({})",
            e.name,
            fingerprint_text(&e.certificate_sha256)
        ));
    }
    Trust::Unknown("not in the signatory register".to_owned())
}

/// The verdict on a checked file, its signers' standing and the stored copy's comparison.
#[must_use]
pub fn verdict_of(report: &VerifyReport, trust: &[Trust], stored: Option<&StoredCheck>) -> Verdict {
    let broken = !report.is_valid()
        || trust.iter().any(|t| matches!(t, Trust::Impostor(_)))
        || stored.is_some_and(|c| c.problem.is_some());
    if broken {
        Verdict::Broken
    } else if trust.iter().all(Trust::is_trusted) {
        Verdict::Valid
    } else {
        Verdict::Unconfirmed
    }
}

/// One signer's standing from the `--trust` certificates and the register (when a database was
/// given): confirmed by either wins; otherwise an impostor by either is reported; otherwise
/// unconfirmed, saying what was consulted.
fn combine(
    sig: &PdfSignature,
    by_anchor: Trust,
    by_register: Option<Trust>,
    no_anchors: bool,
) -> Trust {
    if by_anchor.is_trusted() {
        return by_anchor;
    }
    if let Some(t) = by_register.as_ref().filter(|t| t.is_trusted()) {
        return t.clone();
    }
    if matches!(by_anchor, Trust::Impostor(_)) {
        return by_anchor;
    }
    match by_register {
        Some(t @ Trust::Impostor(_)) => t,
        Some(_) if !no_anchors => Trust::Unknown(
            "neither in the signatory register nor among the --trust certificates".to_owned(),
        ),
        Some(t) => t,
        None if !no_anchors => by_anchor,
        None if sig.self_issued => Trust::Unknown(
            "a self-issued certificate, and no signatory register (--db) or --trust \
             certificate to confirm it"
                .to_owned(),
        ),
        None => Trust::Unknown(
            "no signatory register (--db) or --trust certificate to confirm it".to_owned(),
        ),
    }
}

/// Judges `pdf`: its signatures, its signers against `store`'s register and `anchors`, and
/// (with `store`) the stored copy.
pub fn assess(
    pdf: &[u8],
    store: Option<&Store>,
    anchors: &TrustAnchors,
) -> Result<Assessment, SignError> {
    let report = verify_pdf(pdf);
    let stored = match store {
        Some(s) => Some(stored_document_check(s, pdf, &report)?),
        None => None,
    };
    // The register of the meeting's body (and entries for every body) when the database knows
    // the meeting; otherwise the whole register.
    let register = match (store, stored.as_ref().and_then(|c| c.meeting.as_ref())) {
        (Some(s), Some((id, _))) => {
            let body = s.load_meeting(*id)?.body.name;
            Some(
                s.signatory_register()?
                    .into_iter()
                    .filter(|e| e.body.as_ref().is_none_or(|b| *b == body))
                    .collect::<Vec<_>>(),
            )
        }
        (Some(s), None) => Some(s.signatory_register()?),
        (None, _) => None,
    };
    let trust: Vec<Trust> = report
        .signatures
        .iter()
        .map(|sig| {
            let by_anchor = check_anchors(sig, anchors);
            let by_register = register.as_deref().map(|r| check_register(sig, r));
            combine(sig, by_anchor, by_register, anchors.is_empty())
        })
        .collect();
    let verdict = verdict_of(&report, &trust, stored.as_ref());
    Ok(Assessment {
        report,
        trust,
        stored,
        verdict,
    })
}
