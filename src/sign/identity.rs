//! Signing identities: who signs (name, role), with an RSA key and an X.509 certificate.
//!
//! A personal identity is made in Møtebok: a 2048-bit RSA key and a self-issued certificate
//! (`CN` = the name, `title` = the role), kept as a passphrase-protected PKCS#12 file
//! (AES-256, PBKDF2) in `identities/` of the user's config folder for Møtebok, or of
//! `$MOTEBOK_CONFIG_DIR` when set. An imported PKCS#12 file (an enterprise certificate) is kept
//! there as it is, under its own passphrase. Beside each `.p12` a small `.json` file names the
//! identity (name, role, certificate dates), so identities can be listed without a passphrase.
//! Identities never go into the meeting database.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, SecondsFormat, Utc};
use der::asn1::ObjectIdentifier;
use der::{Any, Decode, Encode, Tag};
use p12_keystore::{KeyStore, KeyStoreEntry, Pkcs12ImportPolicy, PrivateKey, PrivateKeyChain};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, profile::BuilderProfile};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages, SubjectKeyIdentifier};
use x509_cert::ext::{Extension, ToExtension};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use x509_cert::time::{Time, Validity};

use super::SignError;

/// The shortest passphrase accepted for a new identity.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The size of the RSA keys Møtebok makes.
pub const RSA_BITS: usize = 2048;
/// How long a new personal certificate is valid, in days.
pub const VALID_DAYS: i64 = 3 * 365;
/// PBKDF2 iterations protecting a key at rest (OWASP's figure for PBKDF2-HMAC-SHA-256).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// The environment variable that moves the config folder (tests, portable installs).
pub const CONFIG_DIR_ENV: &str = "MOTEBOK_CONFIG_DIR";

const ID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ID_TITLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");
const ID_RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// A signing identity, unlocked: it can sign.
#[derive(Clone)]
pub struct Identity {
    name: String,
    role: String,
    key: RsaPrivateKey,
    /// The signer's certificate first, then the certificates that issued it.
    chain: Vec<Certificate>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("name", &self.name)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

fn der_text(e: &der::Error) -> String {
    e.to_string()
}

/// A certificate time as UTC.
fn time_utc(t: Time) -> DateTime<Utc> {
    let secs = i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn x509_time(t: DateTime<Utc>) -> Result<Time, SignError> {
    Time::try_from(SystemTime::from(t)).map_err(|e| SignError::Crypto(der_text(&e)))
}

/// The subject name `CN=name, title=role` (UTF-8 strings; no title when `role` is empty).
fn subject_name(name: &str, role: &str) -> Result<Name, SignError> {
    let mut rdns = Vec::new();
    for (oid, value) in [(ID_COMMON_NAME, name), (ID_TITLE, role)] {
        if value.is_empty() {
            continue;
        }
        let mut rdn = RelativeDistinguishedName::default();
        let value = Any::new(Tag::Utf8String, value.as_bytes())
            .map_err(|e| SignError::Crypto(der_text(&e)))?;
        rdn.insert(AttributeTypeAndValue { oid, value })
            .map_err(|e| SignError::Crypto(der_text(&e)))?;
        rdns.push(rdn);
    }
    let der = RdnSequence::from(rdns)
        .to_der()
        .map_err(|e| SignError::Crypto(der_text(&e)))?;
    Name::from_der(&der).map_err(|e| SignError::Crypto(der_text(&e)))
}

/// The first value of attribute `oid` in `name` as text.
fn name_attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.by_oid::<x509_cert::ext::pkix::name::DirectoryString>(oid)
        .ok()
        .flatten()
        .map(|s| s.value().trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The certificate profile of a personal signing certificate (self-issued unless `issuer` is
/// given): not a CA, for digital signatures and non-repudiation only; or, with `ca`, a
/// certificate authority that issues such certificates.
struct SelfIssued {
    subject: Name,
    issuer: Option<Name>,
    ca: bool,
}

#[allow(clippy::vec_init_then_push)] // each extension is made knowing those before it
impl BuilderProfile for SelfIssued {
    fn get_issuer(&self, subject: &Name) -> Name {
        self.issuer.clone().unwrap_or_else(|| subject.clone())
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        let mut extensions: Vec<Extension> = Vec::new();
        extensions.push(
            BasicConstraints {
                ca: self.ca,
                path_len_constraint: None,
            }
            .to_extension(tbs.subject(), &extensions)?,
        );
        let usage = if self.ca {
            KeyUsages::KeyCertSign | KeyUsages::CRLSign
        } else {
            KeyUsages::DigitalSignature | KeyUsages::NonRepudiation
        };
        extensions.push(KeyUsage(usage).to_extension(tbs.subject(), &extensions)?);
        extensions
            .push(SubjectKeyIdentifier::try_from(spk)?.to_extension(tbs.subject(), &extensions)?);
        Ok(extensions)
    }
}

impl Identity {
    /// Makes a new identity: a fresh RSA key and a self-issued certificate valid from
    /// `not_before` to `not_after`.
    pub fn generate(
        name: &str,
        role: &str,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Identity, SignError> {
        Identity::build(name, role, not_before, not_after, false, None)
    }

    /// Makes a key and a certificate: self-issued, or issued by `issuer` (its subject, key and
    /// chain).
    fn build(
        name: &str,
        role: &str,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
        ca: bool,
        issuer: Option<(&Name, &RsaPrivateKey, &[Certificate])>,
    ) -> Result<Identity, SignError> {
        let name = name.trim();
        let role = role.trim();
        if name.is_empty() {
            return Err(SignError::NotAllowed(
                "a signing identity needs a name".to_owned(),
            ));
        }
        let mut rng = rand::rng();
        let key = RsaPrivateKey::new(&mut rng, RSA_BITS)
            .map_err(|e| SignError::Crypto(format!("key generation failed: {e}")))?;
        let spki_der = RsaPublicKey::from(&key)
            .to_public_key_der()
            .map_err(|e| SignError::Crypto(e.to_string()))?;
        let spki = SubjectPublicKeyInfoOwned::from_der(spki_der.as_bytes())
            .map_err(|e| SignError::Crypto(der_text(&e)))?;
        let mut serial = [0_u8; 16];
        rand::Rng::fill_bytes(&mut rng, &mut serial);
        serial[0] = (serial[0] & 0x7f) | 0x01;
        let serial = SerialNumber::new(&serial).map_err(|e| SignError::Crypto(der_text(&e)))?;
        let validity = Validity::new(x509_time(not_before)?, x509_time(not_after)?);
        let profile = SelfIssued {
            subject: subject_name(name, role)?,
            issuer: issuer.as_ref().map(|(n, _, _)| (*n).clone()),
            ca,
        };
        let builder = CertificateBuilder::new(profile, serial, validity, spki)
            .map_err(|e| SignError::Crypto(e.to_string()))?;
        let signing_key = issuer.as_ref().map_or(&key, |(_, k, _)| *k);
        let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(signing_key.clone());
        let cert = builder
            .build::<_, rsa::pkcs1v15::Signature>(&signer)
            .map_err(|e| SignError::Crypto(e.to_string()))?;
        let mut chain = vec![cert];
        if let Some((_, _, issuer_chain)) = issuer {
            chain.extend(issuer_chain.iter().cloned());
        }
        Ok(Identity {
            name: name.to_owned(),
            role: role.to_owned(),
            key,
            chain,
        })
    }

    /// Opens a PKCS#12 file (.p12/.pfx) with its passphrase. The name is the certificate's
    /// common name, the role its `title` (empty when it has none). The validity period is not
    /// checked here: see [`Identity::check_valid_at`].
    pub fn from_pkcs12(bytes: &[u8], passphrase: &str) -> Result<Identity, SignError> {
        let store = open_pkcs12(bytes, passphrase)?;
        let Some((_, chain)) = store.private_key_chain() else {
            return Err(SignError::BadPkcs12(
                "it holds no private key with its certificate".to_owned(),
            ));
        };
        if chain.key().oid() != ID_RSA_ENCRYPTION {
            return Err(SignError::Unsupported(format!(
                "the key is not an RSA key (algorithm {}); Møtebok signs with RSA",
                chain.key().oid()
            )));
        }
        let key = RsaPrivateKey::from_pkcs8_der(chain.key().as_der())
            .map_err(|e| SignError::BadPkcs12(format!("the private key cannot be read: {e}")))?;
        let certs = chain
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SignError::BadPkcs12(format!("a certificate cannot be read: {e}")))?;
        let Some(leaf) = certs.first() else {
            return Err(SignError::BadPkcs12(
                "the key has no certificate".to_owned(),
            ));
        };
        let subject = leaf.tbs_certificate().subject();
        let name = name_attribute(subject, ID_COMMON_NAME).unwrap_or_else(|| subject.to_string());
        let role = name_attribute(subject, ID_TITLE).unwrap_or_default();
        let identity = Identity {
            name,
            role,
            key,
            chain: certs,
        };
        identity.check_key_matches()?;
        Ok(identity)
    }

    /// The identity as a PKCS#12 file protected by `passphrase` (AES-256-CBC with PBKDF2,
    /// HMAC-SHA-256, [`PBKDF2_ITERATIONS`] iterations).
    pub fn to_pkcs12(&self, passphrase: &str) -> Result<Vec<u8>, SignError> {
        let key_der = self
            .key
            .to_pkcs8_der()
            .map_err(|e| SignError::Crypto(e.to_string()))?;
        let key = PrivateKey::from_der(key_der.as_bytes())
            .map_err(|e| SignError::Crypto(e.to_string()))?;
        let mut certs = Vec::with_capacity(self.chain.len());
        for c in &self.chain {
            let der = c.to_der().map_err(|e| SignError::Crypto(der_text(&e)))?;
            certs.push(
                p12_keystore::Certificate::from_der(&der)
                    .map_err(|e| SignError::Crypto(e.to_string()))?,
            );
        }
        let local_key_id = self.fingerprint().into_bytes();
        let mut store = KeyStore::new();
        store.add_entry(
            &self.name,
            KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(local_key_id, key, certs)),
        );
        store
            .writer(passphrase)
            .encryption_iterations(PBKDF2_ITERATIONS)
            .mac_iterations(PBKDF2_ITERATIONS)
            .write()
            .map_err(|e| SignError::Crypto(e.to_string()))
    }

    /// Refuses a certificate that is not valid at `now`: expired or not yet valid.
    pub fn check_valid_at(&self, now: DateTime<Utc>) -> Result<(), SignError> {
        if now < self.not_before() {
            return Err(SignError::NotYetValid {
                name: self.name.clone(),
                not_before: rfc3339(self.not_before()),
            });
        }
        if now > self.not_after() {
            return Err(SignError::Expired {
                name: self.name.clone(),
                not_after: rfc3339(self.not_after()),
            });
        }
        Ok(())
    }

    /// Refuses a key that is not the one the certificate names.
    fn check_key_matches(&self) -> Result<(), SignError> {
        let ours = RsaPublicKey::from(&self.key)
            .to_public_key_der()
            .map_err(|e| SignError::Crypto(e.to_string()))?;
        let theirs = self.chain[0]
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(|e| SignError::Crypto(der_text(&e)))?;
        if ours.as_bytes() == theirs.as_slice() {
            Ok(())
        } else {
            Err(SignError::KeyMismatch)
        }
    }

    /// The same key and certificate, claiming `name` in the signature dictionary's `/Name`
    /// (which any software can write): for tests showing that verification never believes it.
    #[doc(hidden)]
    #[must_use]
    pub fn claiming_name(mut self, name: &str) -> Identity {
        name.clone_into(&mut self.name);
        self
    }

    /// The signer's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The signer's role or title (may be empty).
    #[must_use]
    pub fn role(&self) -> &str {
        &self.role
    }

    /// The signer's certificate (DER).
    #[must_use]
    pub fn certificate_der(&self) -> Vec<u8> {
        self.chain[0].to_der().unwrap_or_default()
    }

    /// The SHA-256 of the signer's certificate, lower-case hex.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        hex(&Sha256::digest(self.certificate_der()))
    }

    /// The certificate's issuer (distinguished name).
    #[must_use]
    pub fn issuer(&self) -> String {
        self.chain[0].tbs_certificate().issuer().to_string()
    }

    /// Whether the certificate is self-issued (issued by its own subject).
    #[must_use]
    pub fn is_self_issued(&self) -> bool {
        let tbs = self.chain[0].tbs_certificate();
        tbs.issuer() == tbs.subject()
    }

    /// The signer's certificate as PEM (to publish, and for `motebok verify --trust`).
    #[must_use]
    pub fn certificate_pem(&self) -> String {
        super::trust::pem_encode(&self.certificate_der())
    }

    /// A new identity whose certificate is issued by `issuer` (an organisation's certificate
    /// authority) instead of by itself; `ca` makes it a certificate authority in turn.
    pub fn issued_by(
        issuer: &Identity,
        name: &str,
        role: &str,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
        ca: bool,
    ) -> Result<Identity, SignError> {
        Identity::build(
            name,
            role,
            not_before,
            not_after,
            ca,
            Some((
                issuer.chain[0].tbs_certificate().subject(),
                &issuer.key,
                &issuer.chain,
            )),
        )
    }

    /// A new self-issued certificate authority (an organisation's root).
    pub fn certificate_authority(
        name: &str,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Identity, SignError> {
        Identity::build(name, "", not_before, not_after, true, None)
    }

    /// When the certificate becomes valid.
    #[must_use]
    pub fn not_before(&self) -> DateTime<Utc> {
        time_utc(self.chain[0].tbs_certificate().validity().not_before)
    }

    /// When the certificate stops being valid.
    #[must_use]
    pub fn not_after(&self) -> DateTime<Utc> {
        time_utc(self.chain[0].tbs_certificate().validity().not_after)
    }

    pub(crate) fn key(&self) -> &RsaPrivateKey {
        &self.key
    }

    pub(crate) fn chain(&self) -> &[Certificate] {
        &self.chain
    }
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn open_pkcs12(bytes: &[u8], passphrase: &str) -> Result<KeyStore, SignError> {
    use p12_keystore::error::Error;
    let classify = |e: Error| match e {
        Error::MacError(_) | Error::UnpadError => SignError::WrongPassphrase,
        other => SignError::BadPkcs12(other.to_string()),
    };
    let store =
        KeyStore::from_pkcs12(bytes, passphrase, Pkcs12ImportPolicy::Strict).map_err(classify)?;
    if store.private_key_chain().is_some() {
        return Ok(store);
    }
    KeyStore::from_pkcs12(bytes, passphrase, Pkcs12ImportPolicy::Relaxed).map_err(classify)
}

/// What is known of a stored identity without its passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityEntry {
    /// The signer's name.
    pub name: String,
    /// The signer's role or title.
    pub role: String,
    /// Whether it came from an imported PKCS#12 file (otherwise made in Møtebok).
    pub imported: bool,
    /// When the certificate becomes valid (UTC, RFC 3339).
    pub not_before: String,
    /// When the certificate stops being valid (UTC, RFC 3339).
    pub not_after: String,
    /// The SHA-256 of the certificate, hex.
    pub fingerprint: String,
    /// The file name of the PKCS#12 file in the identities folder.
    pub file: String,
}

/// The folder of signing identities.
#[derive(Clone, Debug)]
pub struct IdentityStore {
    dir: PathBuf,
}

/// A file name made from a person's name: lower-case letters, digits and dashes.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' | 'ö' => out.push('o'),
            'å' | 'ä' | 'á' | 'à' => out.push('a'),
            'é' | 'è' | 'ê' => out.push('e'),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "identity".to_owned()
    } else {
        out
    }
}

/// Names compared as people write them: case, spacing and "Surname, Given" order ignored.
#[must_use]
pub fn same_person_name(a: &str, b: &str) -> bool {
    fn forms(name: &str) -> [String; 2] {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let plain = norm(&name.replace(',', " "));
        let turned = match name.split_once(',') {
            Some((surname, given)) => norm(&format!("{given} {surname}")),
            None => plain.clone(),
        };
        [plain, turned]
    }
    let (fa, fb) = (forms(a), forms(b));
    fa.iter().any(|x| fb.contains(x))
}

impl IdentityStore {
    /// The identities folder under `config_dir`.
    #[must_use]
    pub fn at(config_dir: &Path) -> IdentityStore {
        IdentityStore {
            dir: config_dir.join("identities"),
        }
    }

    /// The user's identities: under `$MOTEBOK_CONFIG_DIR` when set, otherwise under the
    /// config folder for Møtebok.
    pub fn default_location() -> Result<IdentityStore, SignError> {
        if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(IdentityStore::at(Path::new(&dir)));
        }
        directories::ProjectDirs::from("no", "Motebok", "Motebok")
            .map(|d| IdentityStore::at(d.config_dir()))
            .ok_or_else(|| {
                SignError::Io(format!(
                    "the system names no config folder for Møtebok; set {CONFIG_DIR_ENV}"
                ))
            })
    }

    /// The folder the identities live in.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every stored identity, by name.
    pub fn list(&self) -> Result<Vec<IdentityEntry>, SignError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(SignError::Io(format!("{}: {e}", self.dir.display()))),
        };
        let mut out = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(|e| SignError::Io(format!("{}: {e}", self.dir.display())))?
                .path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| SignError::Io(format!("{}: {e}", path.display())))?;
                let info: IdentityEntry = serde_json::from_str(&text)
                    .map_err(|e| SignError::Io(format!("{}: {e}", path.display())))?;
                out.push(info);
            }
        }
        out.sort_by(|a, b| crate::model::norwegian_cmp(&a.name, &b.name));
        Ok(out)
    }

    /// Makes and stores a new personal identity protected by `passphrase`, valid from `now`
    /// for [`VALID_DAYS`] days.
    pub fn create(
        &self,
        name: &str,
        role: &str,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<IdentityEntry, SignError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(SignError::WeakPassphrase);
        }
        self.refuse_existing(name)?;
        let not_before = now - chrono::Duration::minutes(5);
        let not_after = now + chrono::Duration::days(VALID_DAYS);
        let identity = Identity::generate(name, role, not_before, not_after)?;
        let p12 = identity.to_pkcs12(passphrase)?;
        self.save(&identity, &p12, false)
    }

    /// Checks a PKCS#12 file (passphrase, key matches certificate, valid at `now`) and keeps
    /// a copy of it, under its own passphrase. `role` overrides the certificate's title.
    pub fn import(
        &self,
        p12: &[u8],
        passphrase: &str,
        role: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<IdentityEntry, SignError> {
        let mut identity = Identity::from_pkcs12(p12, passphrase)?;
        identity.check_valid_at(now)?;
        if let Some(role) = role {
            role.trim().clone_into(&mut identity.role);
        }
        self.refuse_existing(&identity.name)?;
        // Kept re-protected under Møtebok's own rule, whatever protected the file given.
        let p12 = identity.to_pkcs12(passphrase)?;
        self.save(&identity, &p12, true)
    }

    fn refuse_existing(&self, name: &str) -> Result<(), SignError> {
        if self.list()?.iter().any(|e| same_person_name(&e.name, name))
            || self.dir.join(format!("{}.p12", slug(name))).exists()
        {
            return Err(SignError::IdentityExists(name.trim().to_owned()));
        }
        Ok(())
    }

    fn save(
        &self,
        identity: &Identity,
        p12: &[u8],
        imported: bool,
    ) -> Result<IdentityEntry, SignError> {
        let io = |p: &Path, e: std::io::Error| SignError::Io(format!("{}: {e}", p.display()));
        std::fs::create_dir_all(&self.dir).map_err(|e| io(&self.dir, e))?;
        let base = slug(&identity.name);
        let p12_path = self.dir.join(format!("{base}.p12"));
        let entry = IdentityEntry {
            name: identity.name.clone(),
            role: identity.role.clone(),
            imported,
            not_before: rfc3339(identity.not_before()),
            not_after: rfc3339(identity.not_after()),
            fingerprint: identity.fingerprint(),
            file: format!("{base}.p12"),
        };
        write_private(&p12_path, p12).map_err(|e| io(&p12_path, e))?;
        // The public certificate beside it, readable without the passphrase.
        let pem_path = self.dir.join(format!("{base}.pem"));
        std::fs::write(&pem_path, identity.certificate_pem()).map_err(|e| io(&pem_path, e))?;
        let json_path = self.dir.join(format!("{base}.json"));
        let json =
            serde_json::to_string_pretty(&entry).map_err(|e| SignError::Io(e.to_string()))?;
        std::fs::write(&json_path, json).map_err(|e| io(&json_path, e))?;
        Ok(entry)
    }

    /// The identity to sign with: the one named `name` (by name or file name), or the only
    /// one when `name` is `None`.
    pub fn pick(&self, name: Option<&str>) -> Result<IdentityEntry, SignError> {
        let mut all = self.list()?;
        if all.is_empty() {
            return Err(SignError::NoIdentity(format!(
                "no signing identity in {}; make one with «motebok identity new --name NAME \
                 --role ROLE» or import one with «motebok identity import FILE.p12»",
                self.dir.display()
            )));
        }
        match name {
            None if all.len() == 1 => Ok(all.remove(0)),
            None => Err(SignError::WhichIdentity(
                all.into_iter().map(|e| e.name).collect(),
            )),
            Some(wanted) => {
                let names: Vec<String> = all.iter().map(|e| e.name.clone()).collect();
                all.into_iter()
                    .find(|e| {
                        same_person_name(&e.name, wanted)
                            || e.file.trim_end_matches(".p12") == wanted
                    })
                    .ok_or_else(|| {
                        SignError::NoIdentity(format!(
                            "no signing identity named «{wanted}» (there are: {})",
                            names.join(", ")
                        ))
                    })
            }
        }
    }

    /// The public certificate (DER) of a stored identity, read without its passphrase.
    pub fn certificate(&self, entry: &IdentityEntry) -> Result<Vec<u8>, SignError> {
        let path = self
            .dir
            .join(format!("{}.pem", entry.file.trim_end_matches(".p12")));
        let bytes =
            std::fs::read(&path).map_err(|e| SignError::Io(format!("{}: {e}", path.display())))?;
        let cert = super::trust::read_certificates(&bytes)
            .map_err(|e| SignError::Io(format!("{}: {e}", path.display())))?
            .into_iter()
            .next()
            .ok_or_else(|| SignError::Io(format!("{}: no certificate", path.display())))?;
        let der = cert.to_der().map_err(|e| SignError::Crypto(der_text(&e)))?;
        if hex(&Sha256::digest(&der)) != entry.fingerprint {
            return Err(SignError::Io(format!(
                "{}: not the certificate of «{}» (its fingerprint differs)",
                path.display(),
                entry.name
            )));
        }
        Ok(der)
    }

    /// Opens a stored identity with its passphrase and checks it can sign at `now`.
    pub fn unlock(
        &self,
        entry: &IdentityEntry,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<Identity, SignError> {
        let path = self.dir.join(&entry.file);
        let bytes =
            std::fs::read(&path).map_err(|e| SignError::Io(format!("{}: {e}", path.display())))?;
        let mut identity = Identity::from_pkcs12(&bytes, passphrase)?;
        // The name is the certificate's, never the side file's; the side file must describe
        // this very certificate.
        if identity.fingerprint() != entry.fingerprint {
            return Err(SignError::BadPkcs12(format!(
                "{} is not the certificate its description {} names (the fingerprints differ)",
                path.display(),
                entry.file.replace(".p12", ".json")
            )));
        }
        entry.role.clone_into(&mut identity.role);
        identity.check_valid_at(now)?;
        Ok(identity)
    }
}

/// Writes a file only its owner can read (on Unix).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_in_either_order_and_any_case() {
        assert!(same_person_name(
            "Aasen, Marianne Stokkereit",
            "Marianne Stokkereit Aasen"
        ));
        assert!(same_person_name(
            "marianne  stokkereit aasen",
            "Aasen, Marianne Stokkereit"
        ));
        assert!(!same_person_name(
            "Aasen, Marianne",
            "Kristengård, Mette Kristin"
        ));
    }

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(
            slug("Kristengård, Mette Kristin"),
            "kristengard-mette-kristin"
        );
        assert_eq!(slug("Gjørtz, Fred"), "gjortz-fred");
        assert_eq!(slug("!!!"), "identity");
    }
}
