//! Whether a signer is who the certificate says: trust anchors (certificates given with
//! `--trust FILE.pem`, PEM bundles or DER) and the signatory register of a database.
//!
//! A signer is trusted when their certificate is one of the trust certificates (pinned by its
//! SHA-256 fingerprint; how a self-issued personal certificate is trusted), or when it chains,
//! through the certificates the signature carries, to a trust certificate that is a
//! certificate authority (an enterprise PKI such as Buypass or Commfides), every signature in
//! the chain checked and every certificate valid when it signed. A name alone never makes a
//! signer trusted: a certificate that copies the name of a trusted signer but is not theirs is
//! an impostor, and is reported as such.

use std::path::Path;

use base64::Engine as _;
use der::{Decode, Encode};
use rsa::RsaPublicKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::cms::DigestAlg;
use super::identity::{hex, same_person_name};
use super::pdf::PdfSignature;

const SHA256_WITH_RSA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");

/// `der` as a PEM certificate.
#[must_use]
pub fn pem_encode(der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// The certificates in `bytes`: every `CERTIFICATE` block of a PEM file (a bundle may hold
/// several), or one DER certificate.
pub fn read_certificates(bytes: &[u8]) -> Result<Vec<Certificate>, String> {
    let text = String::from_utf8_lossy(bytes);
    if !text.contains("-----BEGIN") {
        return Certificate::from_der(bytes)
            .map(|c| vec![c])
            .map_err(|e| format!("neither PEM nor a DER certificate: {e}"));
    }
    let mut certs = Vec::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let body = &rest[start + "-----BEGIN CERTIFICATE-----".len()..];
        let end = body
            .find("-----END CERTIFICATE-----")
            .ok_or_else(|| format!("certificate {} has no END line", certs.len() + 1))?;
        let b64: String = body[..end]
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| format!("certificate {}: not base64 ({e})", certs.len() + 1))?;
        certs.push(
            Certificate::from_der(&der)
                .map_err(|e| format!("certificate {}: {e}", certs.len() + 1))?,
        );
        rest = &body[end..];
    }
    if certs.is_empty() {
        return Err("the PEM file holds no CERTIFICATE block".to_owned());
    }
    Ok(certs)
}

/// The SHA-256 of a certificate, lower-case hex.
#[must_use]
pub fn certificate_sha256(cert: &Certificate) -> String {
    cert.to_der()
        .map(|d| hex(&Sha256::digest(d)))
        .unwrap_or_default()
}

/// A certificate's common name, or its whole subject.
#[must_use]
pub fn subject_name(cert: &Certificate) -> String {
    let subject = cert.tbs_certificate().subject();
    subject
        .common_name()
        .ok()
        .flatten()
        .map(|s| s.value().trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| subject.to_string())
}

/// One trust certificate, with where it came from.
#[derive(Clone, Debug)]
pub struct Anchor {
    /// The certificate.
    pub certificate: Certificate,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// The file it was read from.
    pub source: String,
}

/// The trust certificates given to `verify`.
#[derive(Clone, Debug, Default)]
pub struct TrustAnchors {
    /// Every certificate, in the order given.
    pub anchors: Vec<Anchor>,
}

impl TrustAnchors {
    /// Reads every certificate of each file.
    pub fn from_files(files: &[impl AsRef<Path>]) -> Result<TrustAnchors, String> {
        let mut anchors = Vec::new();
        for file in files {
            let file = file.as_ref();
            let bytes =
                std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            for certificate in
                read_certificates(&bytes).map_err(|e| format!("{}: {e}", file.display()))?
            {
                anchors.push(Anchor {
                    sha256: certificate_sha256(&certificate),
                    certificate,
                    source: file.display().to_string(),
                });
            }
        }
        Ok(TrustAnchors { anchors })
    }

    /// Whether there are any.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

/// Whether `cert` is a certificate authority (basic constraints `cA`).
fn is_ca(cert: &Certificate) -> bool {
    cert.tbs_certificate()
        .get_extension::<x509_cert::ext::pkix::BasicConstraints>()
        .ok()
        .flatten()
        .is_some_and(|(_, bc)| bc.ca)
}

/// Whether `issuer`'s key made the signature on `cert`.
fn issued(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    let alg = match cert.signature_algorithm().oid {
        SHA256_WITH_RSA => DigestAlg::Sha256,
        SHA384_WITH_RSA => DigestAlg::Sha384,
        SHA512_WITH_RSA => DigestAlg::Sha512,
        _ => return false,
    };
    let Ok(tbs) = cert.tbs_certificate().to_der() else {
        return false;
    };
    let Ok(spki) = issuer.tbs_certificate().subject_public_key_info().to_der() else {
        return false;
    };
    let Ok(key) = <RsaPublicKey as rsa::pkcs8::DecodePublicKey>::from_public_key_der(&spki) else {
        return false;
    };
    let Some(sig) = cert.signature().as_bytes() else {
        return false;
    };
    key.verify(alg.padding(), &alg.digest(&[&tbs]), sig).is_ok()
}

/// Whether `cert` was valid at `time` (seconds since 1970; `None`: not checked).
fn valid_at(cert: &Certificate, time: Option<i64>) -> bool {
    let Some(t) = time else { return true };
    let v = cert.tbs_certificate().validity();
    let secs = |x: x509_cert::time::Time| {
        i64::try_from(x.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    secs(v.not_before) <= t && t <= secs(v.not_after)
}

/// How a signer's identity stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trust {
    /// Confirmed: how («in the signatory register of …», «pinned by --trust FILE»,
    /// «issued by CA X (--trust FILE)»).
    Trusted(String),
    /// Not confirmed: nothing says who holds this certificate.
    Unknown(String),
    /// A certificate that bears the name of a known signer but is not theirs.
    Impostor(String),
}

impl Trust {
    /// Whether the signer is confirmed.
    #[must_use]
    pub fn is_trusted(&self) -> bool {
        matches!(self, Trust::Trusted(_))
    }
}

/// How `sig` stands against the trust certificates.
#[must_use]
pub fn check_anchors(sig: &PdfSignature, anchors: &TrustAnchors) -> Trust {
    if anchors.is_empty() {
        return Trust::Unknown("no --trust certificate given".to_owned());
    }
    if let Some(a) = anchors
        .anchors
        .iter()
        .find(|a| a.sha256 == sig.certificate_sha256)
    {
        return Trust::Trusted(format!("the certificate is pinned by --trust {}", a.source));
    }
    let certs: Vec<Certificate> = sig
        .certificates
        .iter()
        .filter_map(|d| Certificate::from_der(d).ok())
        .collect();
    let time = sig.time.map(|t| t.timestamp());
    if let Some(leaf) = certs.first() {
        let mut current = leaf.clone();
        for _ in 0..8 {
            if let Some(a) = anchors
                .anchors
                .iter()
                .find(|a| is_ca(&a.certificate) && issued(&current, &a.certificate))
            {
                if !valid_at(&a.certificate, time) {
                    return Trust::Unknown(format!(
                        "issued by {}, whose certificate was not valid when it signed",
                        subject_name(&a.certificate)
                    ));
                }
                return Trust::Trusted(format!(
                    "issued by the certificate authority {} (--trust {})",
                    subject_name(&a.certificate),
                    a.source
                ));
            }
            let Some(next) = certs
                .iter()
                .find(|c| *c != &current && is_ca(c) && issued(&current, c) && valid_at(c, time))
            else {
                break;
            };
            current = next.clone();
        }
    }
    if let Some(a) = anchors.anchors.iter().find(|a| {
        !is_ca(&a.certificate) && same_person_name(&subject_name(&a.certificate), &sig.signer)
    }) {
        return Trust::Impostor(format!(
            "the certificate bears the name of {}, but it is not the certificate --trust {} \
             gives for them ({})",
            subject_name(&a.certificate),
            a.source,
            super::pdf::fingerprint_text(&a.sha256)
        ));
    }
    Trust::Unknown("not among the --trust certificates, nor issued by one".to_owned())
}
