//! Signed minutes in the database: who must sign a body's minutes, the signatures made on a
//! meeting's minutes, and the signed PDF, for each version of the minutes (a correction makes
//! a new version; see `approval.rs`). The schema (`0007_signing.sql`) lets signatures and
//! signed documents only be added to approved minutes and never changed; the content of
//! approved and signed minutes is locked by step 6.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::{MeetingId, Store, StoreError};
use crate::model::PersonId;

/// Someone whose signature a body's minutes need.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Signatory {
    /// The meeting's chair (møteleder).
    Chair,
    /// The meeting's referent.
    Referent,
    /// A named person (e.g. a member chosen to co-sign).
    Person(PersonId),
}

impl Signatory {
    /// The signatories when a body names none: the chair and the referent.
    pub const DEFAULT: [Signatory; 2] = [Signatory::Chair, Signatory::Referent];

    /// The stored code: `chair`, `referent` or `person:<key>`.
    #[must_use]
    pub fn code(&self) -> String {
        match self {
            Signatory::Chair => "chair".to_owned(),
            Signatory::Referent => "referent".to_owned(),
            Signatory::Person(p) => format!("person:{}", p.as_str()),
        }
    }

    /// Reads a stored code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Signatory> {
        match code {
            "chair" => Some(Signatory::Chair),
            "referent" => Some(Signatory::Referent),
            other => other
                .strip_prefix("person:")
                .filter(|k| !k.is_empty())
                .map(|k| Signatory::Person(PersonId(k.to_owned()))),
        }
    }
}

/// One signature made on a meeting's minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingSignature {
    /// The version of the minutes signed (1 unless corrected).
    pub version: u32,
    /// 0 for the first signature, 1 for the next...
    pub position: u32,
    /// The signer's name.
    pub signer: String,
    /// The role signed in (e.g. «Møteleder»).
    pub role: String,
    /// Which signatory this signature fills.
    pub signatory: Signatory,
    /// When (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub signed_at: String,
    /// The SHA-256 of the signed content (the PDF's byte ranges), hex.
    pub content_sha256: String,
    /// The SHA-256 of the signer's certificate, hex.
    pub certificate_sha256: String,
}

/// A signature to record: [`Store::add_signature`] numbers it and files it under the
/// version of the minutes the meeting holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSignature {
    /// The signer's name.
    pub signer: String,
    /// The role signed in.
    pub role: String,
    /// Which signatory this signature fills.
    pub signatory: Signatory,
    /// When (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub signed_at: String,
    /// The SHA-256 of the signed content, hex.
    pub content_sha256: String,
    /// The SHA-256 of the signer's certificate, hex.
    pub certificate_sha256: String,
}

fn body_of_meeting(conn: &Connection, id: MeetingId) -> Result<i64, StoreError> {
    conn.query_row("SELECT body_id FROM meetings WHERE id = ?1", [id.0], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("meeting #{}", id.0)))
}

/// The version of the minutes meeting `id` holds now.
fn current_version(conn: &Connection, id: MeetingId) -> Result<i64, StoreError> {
    conn.query_row("SELECT version FROM meetings WHERE id = ?1", [id.0], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("meeting #{}", id.0)))
}

fn read_signatories(conn: &Connection, body_id: i64) -> Result<Vec<Signatory>, StoreError> {
    let codes: Vec<String> = conn
        .prepare_cached(
            "SELECT signatory FROM body_signatories WHERE body_id = ?1 ORDER BY position",
        )?
        .query_map([body_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if codes.is_empty() {
        return Ok(Signatory::DEFAULT.to_vec());
    }
    codes
        .iter()
        .map(|c| {
            Signatory::from_code(c).ok_or_else(|| StoreError::Corrupt {
                path: conn.path().unwrap_or(":memory:").into(),
                detail: format!("«{c}» is not a signatory"),
            })
        })
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

impl Store {
    /// Who must sign the minutes of the body named `body`, in order (the chair and the
    /// referent unless the body names others).
    pub fn body_signatories(&self, body: &str) -> Result<Vec<Signatory>, StoreError> {
        let body_id: i64 = self
            .conn
            .query_row("SELECT id FROM bodies WHERE name = ?1", [body], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))?;
        read_signatories(&self.conn, body_id)
    }

    /// Sets who must sign the minutes of the body named `body` (an empty list restores the
    /// default: the chair and the referent). A named person must exist.
    pub fn set_body_signatories(
        &mut self,
        body: &str,
        signatories: &[Signatory],
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let body_id: i64 = tx
            .query_row("SELECT id FROM bodies WHERE name = ?1", [body], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))?;
        tx.execute("DELETE FROM body_signatories WHERE body_id = ?1", [body_id])?;
        for (i, s) in signatories.iter().enumerate() {
            if let Signatory::Person(p) = s {
                let known: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM people WHERE key = ?1)",
                    [p.as_str()],
                    |r| r.get(0),
                )?;
                if !known {
                    return Err(StoreError::NotFound(format!("person «{p}»")));
                }
            }
            if signatories[..i].contains(s) {
                return Err(StoreError::Conflict(format!(
                    "signatory {} is listed twice",
                    s.code()
                )));
            }
            tx.execute(
                "INSERT INTO body_signatories (body_id, position, signatory) VALUES (?1, ?2, ?3)",
                params![body_id, i64::try_from(i).unwrap_or(i64::MAX), s.code()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Who must sign the minutes of meeting `id` (its body's signatories).
    pub fn meeting_signatories(&self, id: MeetingId) -> Result<Vec<Signatory>, StoreError> {
        let body_id = body_of_meeting(&self.conn, id)?;
        read_signatories(&self.conn, body_id)
    }

    /// The signatures made on the current version of meeting `id`'s minutes, in order.
    pub fn meeting_signatures(&self, id: MeetingId) -> Result<Vec<MeetingSignature>, StoreError> {
        let version = current_version(&self.conn, id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT position, signer, role, signatory, signed_at, content_sha256, certificate_sha256
             FROM meeting_signatures WHERE meeting_id = ?1 AND version = ?2 ORDER BY position",
        )?;
        let rows = stmt
            .query_map(params![id.0, version], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(pos, signer, role, code, at, content, cert)| {
                let bad = |detail: String| StoreError::Corrupt {
                    path: self.conn.path().unwrap_or(":memory:").into(),
                    detail,
                };
                Ok(MeetingSignature {
                    version: u32::try_from(version)
                        .map_err(|_| bad(format!("version {version}")))?,
                    position: u32::try_from(pos)
                        .map_err(|_| bad(format!("signature position {pos}")))?,
                    signer,
                    role,
                    signatory: Signatory::from_code(&code)
                        .ok_or_else(|| bad(format!("«{code}» is not a signatory")))?,
                    signed_at: at,
                    content_sha256: content,
                    certificate_sha256: cert,
                })
            })
            .collect()
    }

    /// The signed minutes of the current version of meeting `id` as stored (after the last
    /// signature so far), or `None` when they have no signature. Always the same bytes for the
    /// same signatures.
    pub fn signed_document(&self, id: MeetingId) -> Result<Option<Vec<u8>>, StoreError> {
        let version = current_version(&self.conn, id)?;
        self.signed_document_of(id, u32::try_from(version).unwrap_or(u32::MAX))
    }

    /// The signed minutes of one version of meeting `id`, if that version was signed.
    pub fn signed_document_of(
        &self,
        id: MeetingId,
        version: u32,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT pdf FROM signed_documents WHERE meeting_id = ?1 AND version = ?2",
                params![id.0, version],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The meeting and version whose first signature covers content with this SHA-256 (hex).
    pub fn meeting_signed_with(
        &self,
        content_sha256: &str,
    ) -> Result<Option<(MeetingId, u32)>, StoreError> {
        let row: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT meeting_id, version FROM meeting_signatures
                 WHERE content_sha256 = ?1 AND position = 0 LIMIT 1",
                [content_sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.map(|(id, v)| (MeetingId(id), u32::try_from(v).unwrap_or(u32::MAX))))
    }

    /// Records a signature on meeting `id` in one transaction: `pdf` becomes the stored signed
    /// document (`previous` is the stored document it was made from, `None` for the first
    /// signature: it must still be the stored one), the signature is added, and with
    /// `complete` the meeting becomes signed. Only an approved meeting takes signatures;
    /// each signatory signs once.
    pub fn add_signature(
        &mut self,
        id: MeetingId,
        previous: Option<&[u8]>,
        pdf: &[u8],
        signature: &NewSignature,
        complete: bool,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (status, version): (String, i64) = tx
            .query_row(
                "SELECT status, version FROM meetings WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("meeting #{}", id.0)))?;
        if status != "approved" {
            return Err(StoreError::Locked(format!(
                "the meeting is {}; only approved minutes can be signed",
                status.replace('_', " ")
            )));
        }
        let stored: Option<Vec<u8>> = tx
            .query_row(
                "SELECT pdf FROM signed_documents WHERE meeting_id = ?1 AND version = ?2",
                params![id.0, version],
                |r| r.get(0),
            )
            .optional()?;
        if stored.as_deref() != previous {
            return Err(StoreError::Conflict(
                "the signed minutes changed while signing (someone else signed); sign again"
                    .to_owned(),
            ));
        }
        let already: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM meeting_signatures
                            WHERE meeting_id = ?1 AND version = ?2 AND signatory = ?3)",
            params![id.0, version, signature.signatory.code()],
            |r| r.get(0),
        )?;
        if already {
            return Err(StoreError::Conflict(format!(
                "the minutes are already signed as {}",
                signature.role
            )));
        }
        let hash = sha256_hex(pdf);
        if stored.is_some() {
            tx.execute(
                "UPDATE signed_documents SET pdf = ?3, sha256 = ?4
                 WHERE meeting_id = ?1 AND version = ?2",
                params![id.0, version, pdf, hash],
            )?;
        } else {
            tx.execute(
                "INSERT INTO signed_documents (meeting_id, version, pdf, sha256)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id.0, version, pdf, hash],
            )?;
        }
        let position: i64 = tx.query_row(
            "SELECT count(*) FROM meeting_signatures WHERE meeting_id = ?1 AND version = ?2",
            params![id.0, version],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO meeting_signatures (meeting_id, version, position, signer, role,
                                             signatory, signed_at, content_sha256,
                                             certificate_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id.0,
                version,
                position,
                signature.signer,
                signature.role,
                signature.signatory.code(),
                signature.signed_at,
                signature.content_sha256,
                signature.certificate_sha256,
            ],
        )?;
        if complete {
            tx.execute(
                "UPDATE meetings SET status = 'signed' WHERE id = ?1",
                [id.0],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Someone in the signatory register: who may sign (for which body, in which role) with which
/// certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredSignatory {
    /// The body they sign for; `None`: any body.
    pub body: Option<String>,
    /// Their name as the certificate gives it (its common name).
    pub name: String,
    /// The role they sign in (or the certificate's title).
    pub role: String,
    /// The SHA-256 of the certificate, lower-case hex.
    pub certificate_sha256: String,
    /// The certificate (DER).
    pub certificate: Vec<u8>,
    /// The certificate's issuer.
    pub issuer: String,
    /// When the certificate becomes valid (UTC, RFC 3339).
    pub valid_from: String,
    /// When it stops being valid (UTC, RFC 3339).
    pub valid_to: String,
    /// How they came into the register: `made`, `imported`, `signed`, `signed-file`,
    /// `package`.
    pub source: String,
    /// When (UTC, RFC 3339).
    pub registered_at: String,
}

impl Store {
    /// Adds `entry` to the signatory register. Returns `false` when that certificate is
    /// registered already for that body and role (nothing changes).
    pub fn register_signatory(&mut self, entry: &RegisteredSignatory) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let body_id: Option<i64> = match &entry.body {
            None => None,
            Some(body) => Some(
                tx.query_row("SELECT id FROM bodies WHERE name = ?1", [body], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))?,
            ),
        };
        let added = tx.execute(
            "INSERT OR IGNORE INTO signatory_register (body_id, name, role, certificate_sha256,
                 certificate, issuer, valid_from, valid_to, source, registered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                body_id,
                entry.name,
                entry.role,
                entry.certificate_sha256,
                entry.certificate,
                entry.issuer,
                entry.valid_from,
                entry.valid_to,
                entry.source,
                entry.registered_at,
            ],
        )?;
        tx.commit()?;
        Ok(added > 0)
    }

    /// The whole signatory register, oldest entry first.
    pub fn signatory_register(&self) -> Result<Vec<RegisteredSignatory>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.name, r.name, r.role, r.certificate_sha256, r.certificate, r.issuer,
                    r.valid_from, r.valid_to, r.source, r.registered_at
             FROM signatory_register r LEFT JOIN bodies b ON b.id = r.body_id
             ORDER BY r.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RegisteredSignatory {
                    body: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    certificate_sha256: r.get(3)?,
                    certificate: r.get(4)?,
                    issuer: r.get(5)?,
                    valid_from: r.get(6)?,
                    valid_to: r.get(7)?,
                    source: r.get(8)?,
                    registered_at: r.get(9)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

impl Store {
    /// The signing request stored for the current version of meeting `id`, if any.
    pub fn signing_request(&self, id: MeetingId) -> Result<Option<Vec<u8>>, StoreError> {
        let version = current_version(&self.conn, id)?;
        Ok(self
            .conn
            .query_row(
                "SELECT pdf FROM signing_requests WHERE meeting_id = ?1 AND version = ?2",
                params![id.0, version],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Keeps `pdf` as the signing request of the current version of meeting `id` (approved,
    /// not yet signed by anyone). A request stored already stays; it is returned.
    pub fn add_signing_request(
        &mut self,
        id: MeetingId,
        pdf: &[u8],
        requested_at: &str,
    ) -> Result<Vec<u8>, StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = current_version(&tx, id)?;
        tx.execute(
            "INSERT OR IGNORE INTO signing_requests (meeting_id, version, pdf, requested_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![id.0, version, pdf, requested_at],
        )?;
        let kept: Vec<u8> = tx.query_row(
            "SELECT pdf FROM signing_requests WHERE meeting_id = ?1 AND version = ?2",
            params![id.0, version],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(kept)
    }

    /// Every meeting awaiting signatures (approved): its id with the document a new signature
    /// must extend (the stored signed PDF after the last signature, else the signing request).
    pub fn documents_awaiting_signature(&self) -> Result<Vec<(MeetingId, Vec<u8>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, coalesce(d.pdf, r.pdf)
             FROM meetings m
             LEFT JOIN signed_documents d ON d.meeting_id = m.id AND d.version = m.version
             LEFT JOIN signing_requests r ON r.meeting_id = m.id AND r.version = m.version
             WHERE m.status = 'approved' AND coalesce(d.pdf, r.pdf) IS NOT NULL
             ORDER BY m.id",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((MeetingId(r.get(0)?), r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
