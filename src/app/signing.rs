//! Signatures in the app: who must sign the open meeting's minutes, who has, and the stored
//! signed PDF checked the way `motebok verify` checks a file. Read on the database thread
//! whenever a meeting is loaded. Signing (unlocking an identity with its passphrase, signing
//! the approved minutes, storing the signed PDF) runs on the database thread too.

use super::core::Core;
use super::worker::{Reply, Request};
use crate::sign::{
    Assessment, IdentityEntry, IdentityStore, SignError, SignatorySlot, TrustAnchors, assess,
    sign_meeting, signatory_slots,
};
use crate::store::{MeetingId, Store};

/// A personal signing identity to make.
#[derive(Debug, PartialEq, Eq)]
pub struct NewIdentity {
    /// The signer's name, as the minutes name them.
    pub name: String,
    /// The signer's role.
    pub role: String,
    /// The passphrase that will protect it.
    pub passphrase: String,
}

/// A signature to make: meeting `id`'s approved minutes, as identity `identity` unlocked with
/// `passphrase` (dropped once the identity is unlocked).
#[derive(Debug, PartialEq, Eq)]
pub struct SignAs {
    /// The meeting.
    pub id: MeetingId,
    /// The identity's name.
    pub identity: String,
    /// Its passphrase.
    pub passphrase: String,
}

/// What the window asks for about signing.
#[must_use]
#[derive(Debug, PartialEq, Eq)]
pub enum SigningCommand {
    /// List this user's signing identities (for the signing form).
    LoadIdentities,
    /// Make a personal signing identity (RSA key and certificate).
    CreateIdentity(NewIdentity),
    /// Sign approved minutes.
    Sign(SignAs),
    /// Write the stored signed minutes of a meeting (the signed bytes, as they are) to a file.
    ExportSigned(MeetingId, std::path::PathBuf),
}

/// What the database thread is asked about signatures.
#[derive(Debug)]
pub enum SigningRequest {
    /// Signatories, signatures and the checked signed PDF of a meeting.
    Load(MeetingId),
    /// The user's signing identities.
    Identities,
    /// Make an identity.
    CreateIdentity(NewIdentity),
    /// Sign.
    Sign(SignAs),
    /// Write the stored signed PDF.
    ExportSigned(MeetingId, std::path::PathBuf),
}

/// What it answers.
#[derive(Debug)]
pub enum SigningReply {
    /// The signature state of a meeting.
    Loaded(MeetingId, Box<SignatureView>),
    /// The user's signing identities, or why they cannot be read.
    Identities(Result<Vec<IdentityEntry>, String>),
    /// A signature was made: in which role, and who still must sign.
    Signed {
        /// The meeting.
        id: MeetingId,
        /// The role signed in.
        role: String,
        /// "Name (role)" of those still to sign; empty when the minutes are now signed.
        remaining: Vec<String>,
    },
    /// Signing failed; nothing was stored.
    SignFailed(MeetingId, String),
    /// The signed PDF was written (where, how many bytes), or why not.
    Exported(Result<(std::path::PathBuf, usize), String>),
    /// An identity was made (its name and certificate fingerprint), or why not.
    Created(Result<(String, String), String>),
}

/// The signature state of one meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureView {
    /// Who must sign, and the signature each has made.
    pub slots: Vec<SignatorySlot>,
    /// The stored signed PDF checked as `motebok verify --db` checks it (signers against this
    /// database's signatory register), when there is one.
    pub check: Option<Assessment>,
    /// The size of the stored signed PDF in bytes.
    pub pdf_bytes: usize,
}

/// The signature state of the open meeting.
#[derive(Debug, Default)]
pub struct SigningState {
    /// The latest view, for the meeting it belongs to.
    pub view: Option<(MeetingId, SignatureView)>,
    /// The user's identities, once asked for (or why they cannot be read).
    pub identities: Option<Result<Vec<IdentityEntry>, String>>,
    /// A signature is being made.
    pub signing: bool,
    /// Why the last attempt to sign failed (cleared by the next attempt).
    pub failure: Option<(MeetingId, String)>,
    /// An identity is being made.
    pub creating: bool,
    /// Why the last attempt to make an identity failed.
    pub create_failure: Option<String>,
    /// Why the last export of the signed PDF failed.
    pub export_failure: Option<String>,
}

impl SigningState {
    /// The view of meeting `id`, when loaded.
    #[must_use]
    pub fn view_for(&self, id: MeetingId) -> Option<&SignatureView> {
        self.view.as_ref().filter(|(m, _)| *m == id).map(|(_, v)| v)
    }
}

/// Reads the signature state of meeting `id`.
pub fn load_view(store: &Store, id: MeetingId) -> Result<SignatureView, String> {
    let slots = signatory_slots(store, id).map_err(|e| e.to_string())?;
    let pdf = store.signed_document(id).map_err(|e| e.to_string())?;
    let check = match pdf.as_deref() {
        Some(bytes) => {
            Some(assess(bytes, Some(store), &TrustAnchors::default()).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    Ok(SignatureView {
        slots,
        pdf_bytes: pdf.as_ref().map_or(0, Vec::len),
        check,
    })
}

/// Why signing failed, for the signer: the everyday failures in Norwegian, the rest as the
/// signing code says it.
fn failure_text(e: &SignError) -> String {
    match e {
        SignError::WrongPassphrase => "Feil passordfrase.".to_owned(),
        SignError::WeakPassphrase => format!(
            "Passordfrasen må ha minst {} tegn.",
            crate::sign::identity::MIN_PASSPHRASE_CHARS
        ),
        SignError::IdentityExists(name) => format!("Identiteten «{name}» finnes allerede."),
        other => other.to_string(),
    }
}

/// This user's identities, or why they cannot be read.
fn list_identities() -> Result<Vec<IdentityEntry>, String> {
    IdentityStore::default_location()
        .and_then(|s| s.list())
        .map_err(|e| e.to_string())
}

/// Signs meeting `id` as `identity`: unlock, sign, store. Returns the role and who remains.
fn sign(
    store: &mut Store,
    id: MeetingId,
    identity: &str,
    passphrase: &str,
) -> Result<(String, Vec<String>), String> {
    let identities = IdentityStore::default_location().map_err(|e| failure_text(&e))?;
    let entry = identities
        .pick(Some(identity))
        .map_err(|e| failure_text(&e))?;
    let now = chrono::Utc::now();
    let unlocked = identities
        .unlock(&entry, passphrase, now)
        .map_err(|e| failure_text(&e))?;
    let signed = sign_meeting(store, id, &unlocked, now).map_err(|e| failure_text(&e))?;
    Ok((signed.role, signed.remaining))
}

/// Makes an identity and registers it as a signatory in this database (for every body; the
/// role it signs in is recorded when it signs). Returns its name and certificate fingerprint.
fn create_identity(store: &mut Store, new: &NewIdentity) -> Result<(String, String), String> {
    let identities = IdentityStore::default_location().map_err(|e| failure_text(&e))?;
    let (name, role) = (new.name.trim(), new.role.trim());
    let entry = identities
        .create(name, role, &new.passphrase, chrono::Utc::now())
        .map_err(|e| failure_text(&e))?;
    let der = identities
        .certificate(&entry)
        .map_err(|e| failure_text(&e))?;
    let issuer = <x509_cert::Certificate as der::Decode>::from_der(&der)
        .map(|c| c.tbs_certificate().issuer().to_string())
        .map_err(|e| e.to_string())?;
    store
        .register_signatory(&crate::store::RegisteredSignatory {
            body: None,
            name: entry.name.clone(),
            role: entry.role.clone(),
            certificate_sha256: entry.fingerprint.clone(),
            certificate: der,
            issuer,
            valid_from: entry.not_before.clone(),
            valid_to: entry.not_after.clone(),
            source: "made".to_owned(),
            registered_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
        .map_err(|e| e.to_string())?;
    Ok((entry.name, entry.fingerprint))
}

/// Runs a signing request on the database thread.
#[allow(clippy::needless_pass_by_value)] // requests are handed over like every other request
pub(super) fn handle(store: &mut Store, request: SigningRequest) -> Reply {
    match request {
        SigningRequest::Load(id) => match load_view(store, id) {
            Ok(view) => Reply::Signing(SigningReply::Loaded(id, Box::new(view))),
            Err(detail) => Reply::Failed {
                action: "Kunne ikke lese signaturene",
                detail,
            },
        },
        SigningRequest::Identities => Reply::Signing(SigningReply::Identities(list_identities())),
        SigningRequest::ExportSigned(id, path) => {
            let written = store
                .signed_document(id)
                .map_err(|e| e.to_string())
                .and_then(|pdf| pdf.ok_or_else(|| "Referatet er ikke signert ennå.".to_owned()))
                .and_then(|pdf| {
                    std::fs::write(&path, &pdf)
                        .map(|()| (path.clone(), pdf.len()))
                        .map_err(|e| format!("{}: {e}", path.display()))
                });
            Reply::Signing(SigningReply::Exported(written))
        }
        SigningRequest::CreateIdentity(new) => {
            Reply::Signing(SigningReply::Created(create_identity(store, &new)))
        }
        SigningRequest::Sign(SignAs {
            id,
            identity,
            passphrase,
        }) => Reply::Signing(match sign(store, id, &identity, &passphrase) {
            Ok((role, remaining)) => SigningReply::Signed {
                id,
                role,
                remaining,
            },
            Err(detail) => SigningReply::SignFailed(id, detail),
        }),
    }
}

impl Core {
    /// A meeting was loaded: read its signature state.
    pub(super) fn signing_loaded(&mut self, id: MeetingId) {
        self.send(Request::Signing(SigningRequest::Load(id)));
    }

    /// Carries out a signing command from the window.
    pub(super) fn signing_command(&mut self, command: SigningCommand) {
        match command {
            SigningCommand::LoadIdentities => {
                self.send(Request::Signing(SigningRequest::Identities));
            }
            SigningCommand::ExportSigned(id, path) => {
                self.send(Request::Signing(SigningRequest::ExportSigned(id, path)));
            }
            SigningCommand::CreateIdentity(new) => {
                if self.signing.creating {
                    return;
                }
                self.signing.creating = true;
                self.signing.create_failure = None;
                self.send(Request::Signing(SigningRequest::CreateIdentity(new)));
            }
            SigningCommand::Sign(sign) => {
                if self.signing.signing {
                    return;
                }
                self.signing.signing = true;
                self.signing.failure = None;
                self.send(Request::Signing(SigningRequest::Sign(sign)));
            }
        }
    }

    /// An answer from the database thread.
    pub(super) fn signing_reply(&mut self, reply: SigningReply) {
        match reply {
            SigningReply::Loaded(id, view) => self.signing.view = Some((id, *view)),
            SigningReply::Identities(list) => self.signing.identities = Some(list),
            SigningReply::Signed {
                id,
                role,
                remaining,
            } => {
                self.signing.signing = false;
                let detail = if remaining.is_empty() {
                    "Alle har signert: referatet er signert og kan ikke lenger endres.".to_owned()
                } else {
                    format!("Gjenstår: {}.", remaining.join(", "))
                };
                self.info(&format!("Signert som {}", role.to_lowercase()), detail);
                if let Some(open) = self.open.as_mut()
                    && open.id == id
                {
                    open.forget_history();
                }
                self.send(Request::Signing(SigningRequest::Load(id)));
                self.send(Request::Load(id));
                self.send(Request::ListMeetings);
            }
            SigningReply::Created(Ok((name, fingerprint))) => {
                self.signing.creating = false;
                self.info(
                    "Signeringsidentiteten er laget",
                    format!(
                        "«{name}» kan nå signere referater på denne maskinen, og er ført i \
                         signaturregisteret. Sertifikatets fingeravtrykk (SHA-256): {}",
                        crate::sign::fingerprint_text(&fingerprint)
                    ),
                );
                self.send(Request::Signing(SigningRequest::Identities));
            }
            SigningReply::Exported(Ok((path, bytes))) => self.info(
                "Den signerte PDF-en er lagret",
                format!(
                    "{} ({} kB): de signerte bytene slik de er lagret, med alle signaturene.",
                    path.display(),
                    bytes.div_ceil(1024)
                ),
            ),
            SigningReply::Exported(Err(detail)) => {
                self.signing.export_failure = Some(detail);
            }
            SigningReply::Created(Err(detail)) => {
                self.signing.creating = false;
                self.signing.create_failure = Some(detail);
            }
            SigningReply::SignFailed(id, detail) => {
                self.signing.signing = false;
                self.signing.failure = Some((id, detail));
            }
        }
    }
}
