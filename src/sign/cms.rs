//! CMS `SignedData` (RFC 5652) for PDF signatures: a detached RSA signature over the digest of
//! the PDF's byte ranges, with the signed attributes `PAdES` baseline B-B asks for
//! (content-type, message-digest and ESS signing-certificate-v2; the claimed signing time goes
//! in the signature dictionary's `/M`, as `PAdES` requires), and its verification.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;

/// `id-data`: the type of the (detached) signed content.
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// `id-signedData`.
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// `id-contentType` signed attribute.
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
/// `id-messageDigest` signed attribute.
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// `id-signingTime` signed attribute (read from other programs' signatures).
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
/// `id-aa-signingCertificateV2` (RFC 5035).
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// `rsaEncryption`, the signature algorithm PDF readers expect in a `SignerInfo`.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA1_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// `ESSCertIDv2` (RFC 5035) with the default hash algorithm, SHA-256.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: Option<IssuerSerial>,
}

/// `IssuerSerial` (RFC 5035).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: GeneralNames,
    serial_number: SerialNumber,
}

/// `SigningCertificateV2` (RFC 5035), without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// `ESSCertIDv2` with an explicit hash algorithm (read only: other programs may name it).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2WithAlgorithm {
    hash_algorithm: AlgorithmIdentifierOwned,
    cert_hash: OctetString,
    issuer_serial: Option<IssuerSerial>,
}

/// The digest algorithms a signature may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DigestAlg {
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlg {
    fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        match oid {
            ID_SHA256 => Some(DigestAlg::Sha256),
            ID_SHA384 => Some(DigestAlg::Sha384),
            ID_SHA512 => Some(DigestAlg::Sha512),
            _ => None,
        }
    }

    /// The digest of the concatenated `parts`.
    pub(crate) fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in parts {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            DigestAlg::Sha256 => run::<Sha256>(parts),
            DigestAlg::Sha384 => run::<Sha384>(parts),
            DigestAlg::Sha512 => run::<Sha512>(parts),
        }
    }

    pub(crate) fn padding(self) -> Pkcs1v15Sign {
        match self {
            DigestAlg::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            DigestAlg::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
            DigestAlg::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        }
    }
}

fn der_err(e: &der::Error) -> String {
    format!("invalid signature structure: {e}")
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, String> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(|e| der_err(&e))?,
    })
}

/// The DER `ContentInfo` of a detached `SignedData` signing `digest` (the SHA-256 of the signed
/// bytes) with `key`; `chain` starts with the signer's certificate, which must belong to `key`.
pub(crate) fn sign_detached(
    key: &RsaPrivateKey,
    chain: &[Certificate],
    digest: &[u8],
) -> Result<Vec<u8>, String> {
    let leaf = chain
        .first()
        .ok_or_else(|| "the identity has no certificate".to_owned())?;
    let leaf_der = leaf.to_der().map_err(|e| der_err(&e))?;
    let tbs = leaf.tbs_certificate();
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&leaf_der).to_vec())
                .map_err(|e| der_err(&e))?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            }),
        }],
    };
    let enc = |r: der::Result<Any>| r.map_err(|e| der_err(&e));
    let attrs = vec![
        attribute(ID_CONTENT_TYPE, enc(Any::encode_from(&ID_DATA))?)?,
        attribute(
            ID_MESSAGE_DIGEST,
            enc(Any::encode_from(
                &OctetString::new(digest.to_vec()).map_err(|e| der_err(&e))?,
            ))?,
        )?,
        attribute(ID_SIGNING_CERTIFICATE_V2, enc(Any::encode_from(&ess))?)?,
    ];
    let signed_attrs: SetOfVec<Attribute> = SetOfVec::try_from(attrs).map_err(|e| der_err(&e))?;
    let to_sign = signed_attrs.to_der().map_err(|e| der_err(&e))?;
    let signature = key
        .sign(
            DigestAlg::Sha256.padding(),
            &DigestAlg::Sha256.digest(&[&to_sign]),
        )
        .map_err(|e| format!("RSA signing failed: {e}"))?;

    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    };
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature).map_err(|e| der_err(&e))?,
        unsigned_attrs: None,
    };
    let certs: Vec<CertificateChoices> = chain
        .iter()
        .cloned()
        .map(CertificateChoices::Certificate)
        .collect();
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256]).map_err(|e| der_err(&e))?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certs).map_err(|e| der_err(&e))?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).map_err(|e| der_err(&e))?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: enc(Any::encode_from(&signed_data))?,
    }
    .to_der()
    .map_err(|e| der_err(&e))
}

/// What a valid CMS signature says about its signer.
#[derive(Clone, Debug)]
pub(crate) struct CmsSigner {
    /// The signer's certificate.
    pub certificate: Certificate,
    /// The other certificates the signature carries (those that may have issued it).
    pub others: Vec<Certificate>,
    /// The signing time claimed in the signed attributes, if any (seconds since 1970, UTC).
    pub signing_time: Option<u64>,
    /// Whether the ESS signing-certificate(-v2) attribute names the signer's certificate.
    pub signing_certificate_attribute: bool,
}

fn find_attr(attrs: &SetOfVec<Attribute>, oid: ObjectIdentifier) -> Option<&Any> {
    attrs
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.iter().next())
}

fn signer_certificate<'a>(sd: &'a SignedData, sid: &SignerIdentifier) -> Option<&'a Certificate> {
    let certs = sd.certificates.as_ref()?;
    certs.0.iter().find_map(|c| match c {
        CertificateChoices::Certificate(cert) => {
            let tbs = cert.tbs_certificate();
            let matches = match sid {
                SignerIdentifier::IssuerAndSerialNumber(ias) => {
                    tbs.issuer() == &ias.issuer && tbs.serial_number() == &ias.serial_number
                }
                SignerIdentifier::SubjectKeyIdentifier(ski) => tbs
                    .get_extension::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
                    .ok()
                    .flatten()
                    .is_some_and(|(_, k)| &k == ski),
            };
            matches.then_some(cert)
        }
        CertificateChoices::Other(_) => None,
    })
}

/// Checks the DER `ContentInfo` `der` as a detached signature over `content` (the byte ranges
/// in order). The DER must fill `der` exactly. Errors say what is wrong.
pub(crate) fn verify_detached(der: &[u8], content: &[&[u8]]) -> Result<CmsSigner, String> {
    let info = ContentInfo::from_der(der).map_err(|e| der_err(&e))?;
    if info.content_type != ID_SIGNED_DATA {
        return Err("the signature is not CMS signed data".to_owned());
    }
    let sd: SignedData = info.content.decode_as().map_err(|e| der_err(&e))?;
    if sd.encap_content_info.econtent.is_some() {
        return Err("the signature carries its own content instead of signing the PDF".to_owned());
    }
    let mut signers = sd.signer_infos.0.iter();
    let (Some(si), None) = (signers.next(), signers.next()) else {
        return Err("the signature must have exactly one signer".to_owned());
    };
    let cert = signer_certificate(&sd, &si.sid)
        .ok_or_else(|| "the signer's certificate is not in the signature".to_owned())?;
    let alg = DigestAlg::from_oid(si.digest_alg.oid).ok_or_else(|| {
        format!(
            "unsupported digest algorithm {} (SHA-256, SHA-384 and SHA-512 are supported)",
            si.digest_alg.oid
        )
    })?;
    let expected_sig_alg = match alg {
        DigestAlg::Sha256 => SHA256_WITH_RSA,
        DigestAlg::Sha384 => SHA384_WITH_RSA,
        DigestAlg::Sha512 => SHA512_WITH_RSA,
    };
    let sig_alg = si.signature_algorithm.oid;
    if sig_alg != RSA_ENCRYPTION && sig_alg != expected_sig_alg {
        return Err(if sig_alg == SHA1_WITH_RSA {
            "the signature uses SHA-1, which is not accepted".to_owned()
        } else {
            format!("unsupported signature algorithm {sig_alg} (only RSA is supported)")
        });
    }
    let digest = alg.digest(content);
    let (hashed, signing_time, ess_ok) = match &si.signed_attrs {
        Some(attrs) => {
            let content_type = find_attr(attrs, ID_CONTENT_TYPE)
                .ok_or_else(|| "the content-type attribute is missing".to_owned())?
                .decode_as::<ObjectIdentifier>()
                .map_err(|e| der_err(&e))?;
            if content_type != ID_DATA {
                return Err("the signed content type is not data".to_owned());
            }
            let md = find_attr(attrs, ID_MESSAGE_DIGEST)
                .ok_or_else(|| "the message-digest attribute is missing".to_owned())?
                .decode_as::<OctetString>()
                .map_err(|e| der_err(&e))?;
            if md.as_bytes() != digest.as_slice() {
                return Err(
                    "the document was changed after it was signed (its digest differs)".to_owned(),
                );
            }
            let time = find_attr(attrs, ID_SIGNING_TIME)
                .and_then(|a| a.decode_as::<x509_cert::time::Time>().ok())
                .map(|t| t.to_unix_duration().as_secs());
            let ess = match find_attr(attrs, ID_SIGNING_CERTIFICATE_V2) {
                Some(value) => {
                    check_signing_certificate(value, cert)?;
                    true
                }
                None => false,
            };
            let encoded = attrs.to_der().map_err(|e| der_err(&e))?;
            (alg.digest(&[&encoded]), time, ess)
        }
        None => (digest.clone(), None, false),
    };
    let spki = cert.tbs_certificate().subject_public_key_info();
    let spki_der = spki.to_der().map_err(|e| der_err(&e))?;
    let public = <RsaPublicKey as rsa::pkcs8::DecodePublicKey>::from_public_key_der(&spki_der)
        .map_err(|_| "the signer's key is not an RSA key (only RSA is supported)".to_owned())?;
    public
        .verify(alg.padding(), &hashed, si.signature.as_bytes())
        .map_err(|_| "the signature value does not match the signed data".to_owned())?;
    let others = sd
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(c) if c != cert => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(CmsSigner {
        others,
        certificate: cert.clone(),
        signing_time,
        signing_certificate_attribute: ess_ok,
    })
}

/// Checks that an ESS signing-certificate-v2 attribute names `cert`.
fn check_signing_certificate(value: &Any, cert: &Certificate) -> Result<(), String> {
    let cert_der = cert.to_der().map_err(|e| der_err(&e))?;
    let (alg, hash) = if let Ok(v) = value.decode_as::<SigningCertificateV2>() {
        let first = v
            .certs
            .into_iter()
            .next()
            .ok_or_else(|| "the signing-certificate attribute is empty".to_owned())?;
        (DigestAlg::Sha256, first.cert_hash)
    } else {
        #[derive(Sequence)]
        struct WithAlgorithm {
            certs: Vec<EssCertIdV2WithAlgorithm>,
        }
        let v: WithAlgorithm = value.decode_as().map_err(|e| der_err(&e))?;
        let first = v
            .certs
            .into_iter()
            .next()
            .ok_or_else(|| "the signing-certificate attribute is empty".to_owned())?;
        let alg = DigestAlg::from_oid(first.hash_algorithm.oid).ok_or_else(|| {
            "the signing-certificate attribute uses an unsupported hash".to_owned()
        })?;
        (alg, first.cert_hash)
    };
    if alg.digest(&[&cert_der]) == hash.as_bytes() {
        Ok(())
    } else {
        Err("the signing-certificate attribute names another certificate".to_owned())
    }
}
