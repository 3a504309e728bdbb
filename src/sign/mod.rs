//! Signed minutes: signing identities, PDF signatures any reader can verify, and verification.
//!
//! - [`identity`]: a person's signing identity (name, role, RSA key, X.509 certificate), kept
//!   passphrase-protected as PKCS#12 in the user's config folder, never in the database; or an
//!   imported PKCS#12 file (.p12/.pfx).
//! - [`pdf`]: signs a PDF with an incremental update (a signature field whose value is a
//!   detached CMS signature over the byte ranges, `ETSI.CAdES.detached`, `PAdES` baseline B-B),
//!   so that earlier signatures stay valid; and checks every signature of a PDF.
//! - [`meeting`]: signs an approved meeting's minutes as one of the signatories its body
//!   requires, keeps the signed PDF in the database, and verifies a file against it.
//! - `revisions`: what changed after each signature, beyond later signatures' own objects.
//! - [`trust`]: trust certificates (`--trust`), pinned or certificate authorities.
//! - [`assess`]: the whole verdict on a signed file (signatures, changes, missing
//!   signatories, signers confirmed by the signatory register or `--trust`).
//!
//! The cryptography is the pure-Rust `RustCrypto` stack: RSA 2048 with PKCS#1 v1.5 and SHA-256.

pub mod assess;
mod cms;
pub mod commands;
pub mod identity;
pub mod meeting;
pub mod pdf;
mod revisions;
pub mod trust;

use std::fmt;

pub use assess::{Assessment, Verdict, assess};
pub use identity::{Identity, IdentityEntry, IdentityStore};
pub use meeting::{
    SignatorySlot, SignedMeeting, StoredCheck, sign_meeting, signatory_slots, stored_document_check,
};
pub use pdf::{
    ChangeAfter, ExpectedSignatory, PdfSignature, SignRequest, VerifyReport, fingerprint_text,
    sign_pdf, verify_pdf,
};
pub use trust::{Trust, TrustAnchors};

/// Why signing, an identity or a verification could not be carried out.
#[derive(Debug)]
pub enum SignError {
    /// The passphrase does not open the identity or PKCS#12 file.
    WrongPassphrase,
    /// The certificate's validity ended before the time of use.
    Expired {
        /// Whose certificate.
        name: String,
        /// When it ended (UTC, RFC 3339).
        not_after: String,
    },
    /// The certificate's validity begins after the time of use.
    NotYetValid {
        /// Whose certificate.
        name: String,
        /// When it begins (UTC, RFC 3339).
        not_before: String,
    },
    /// The private key does not belong to the certificate.
    KeyMismatch,
    /// The key or file is of a kind Møtebok cannot sign with (only RSA keys).
    Unsupported(String),
    /// A passphrase too weak to protect a new identity.
    WeakPassphrase,
    /// No identity with this name, or none at all.
    NoIdentity(String),
    /// Several identities and none was picked.
    WhichIdentity(Vec<String>),
    /// An identity with this name exists already.
    IdentityExists(String),
    /// The file is not a PKCS#12 file, or is damaged.
    BadPkcs12(String),
    /// The meeting cannot be signed now (not approved, already signed, not a signatory...).
    NotAllowed(String),
    /// The PDF cannot be signed (damaged, encrypted, signature does not fit...).
    Pdf(String),
    /// Producing the minutes failed.
    Report(crate::report::ReportError),
    /// The database refused.
    Store(crate::store::StoreError),
    /// A file could not be read or written.
    Io(String),
    /// The cryptography failed (should not happen with a valid key).
    Crypto(String),
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::WrongPassphrase => write!(f, "wrong passphrase"),
            SignError::Expired { name, not_after } => write!(
                f,
                "the certificate of {name} expired on {not_after}; it can no longer sign"
            ),
            SignError::NotYetValid { name, not_before } => write!(
                f,
                "the certificate of {name} is not valid before {not_before}; it cannot sign yet"
            ),
            SignError::KeyMismatch => write!(
                f,
                "the private key does not belong to the certificate (the file mixes keys)"
            ),
            SignError::Unsupported(m) => write!(f, "not supported: {m}"),
            SignError::WeakPassphrase => write!(
                f,
                "the passphrase must have at least {} characters",
                identity::MIN_PASSPHRASE_CHARS
            ),
            SignError::NoIdentity(m) | SignError::NotAllowed(m) | SignError::Io(m) => {
                write!(f, "{m}")
            }
            SignError::WhichIdentity(names) => write!(
                f,
                "there are several signing identities; pick one with --identity NAME: {}",
                names.join(", ")
            ),
            SignError::IdentityExists(name) => {
                write!(f, "a signing identity named «{name}» exists already")
            }
            SignError::BadPkcs12(m) => write!(f, "not a readable PKCS#12 file: {m}"),
            SignError::Pdf(m) => write!(f, "PDF: {m}"),
            SignError::Report(e) => write!(f, "{e}"),
            SignError::Store(e) => write!(f, "{e}"),
            SignError::Crypto(m) => write!(f, "signing failed: {m}"),
        }
    }
}

impl std::error::Error for SignError {}

impl From<crate::store::StoreError> for SignError {
    fn from(e: crate::store::StoreError) -> Self {
        SignError::Store(e)
    }
}

impl From<crate::report::ReportError> for SignError {
    fn from(e: crate::report::ReportError) -> Self {
        SignError::Report(e)
    }
}
