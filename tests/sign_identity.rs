//! Signing identities: made in Møtebok or imported from PKCS#12, kept passphrase-protected in
//! the config folder; a wrong passphrase, an expired or not-yet-valid certificate and a key that
//! does not match its certificate each refused with a clear message.

mod sign_support;

use chrono::{TimeZone, Utc};
use motebok::sign::{Identity, IdentityStore, SignError, sign_meeting};
use motebok::store::Store;
use p12_keystore::{KeyStore, KeyStoreEntry, Pkcs12ImportPolicy, PrivateKeyChain};
use sign_support::{REFERENT, approved_demo, chair, expired, now, referent};

const PASS: &str = "korrekt hest batteri";

#[test]
fn a_personal_identity_lives_passphrase_protected_in_the_config_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = IdentityStore::at(dir.path());
    let entry = store
        .create("Marianne Stokkereit Aasen", "Leder", PASS, now())
        .unwrap();
    assert_eq!(entry.name, "Marianne Stokkereit Aasen");
    assert_eq!(entry.role, "Leder");
    assert!(!entry.imported);
    let p12 = dir.path().join("identities").join(&entry.file);
    let bytes = std::fs::read(&p12).unwrap();
    assert!(
        !bytes.windows(10).any(|w| w == b"PRIVATE KE"),
        "the key is not stored as plain PEM"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&p12).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read the key file");
    }
    assert_eq!(store.list().unwrap(), vec![entry.clone()]);
    assert_eq!(store.pick(None).unwrap(), entry);

    let identity = store.unlock(&entry, PASS, now()).unwrap();
    assert_eq!(identity.name(), "Marianne Stokkereit Aasen");
    assert_eq!(identity.fingerprint(), entry.fingerprint);

    assert!(matches!(
        store.create("Marianne Stokkereit Aasen", "Leder", PASS, now()),
        Err(SignError::IdentityExists(_))
    ));
    assert!(matches!(
        store.create("Fred Gjørtz", "Daglig leder", "kort", now()),
        Err(SignError::WeakPassphrase)
    ));
}

#[test]
fn a_wrong_passphrase_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = IdentityStore::at(dir.path());
    let p12 = referent().to_pkcs12(PASS).unwrap();
    let entry = store.import(&p12, PASS, None, now()).unwrap();
    let e = store.unlock(&entry, "feil passord", now()).unwrap_err();
    assert!(matches!(e, SignError::WrongPassphrase), "{e:?}");
    assert_eq!(e.to_string(), "wrong passphrase");
    let e = Identity::from_pkcs12(&p12, "").unwrap_err();
    assert!(matches!(e, SignError::WrongPassphrase), "{e:?}");
}

#[test]
fn a_pkcs12_file_is_imported_with_its_name_and_title_and_can_sign() {
    let dir = tempfile::tempdir().unwrap();
    let store = IdentityStore::at(dir.path());
    let p12 = referent().to_pkcs12(PASS).unwrap();
    let entry = store.import(&p12, PASS, None, now()).unwrap();
    assert!(entry.imported);
    assert_eq!(entry.name, REFERENT);
    assert_eq!(entry.role, "Rådgiver", "the certificate's title");
    assert_eq!(entry.fingerprint, referent().fingerprint());
    // Kept re-protected under Møtebok's rule (PBKDF2, at least 600,000 iterations), with the
    // same passphrase: `openssl pkcs12 -info` says how the kept file is protected.
    let kept = dir.path().join("identities").join(&entry.file);
    assert_ne!(std::fs::read(&kept).unwrap(), p12);
    let info = std::process::Command::new("openssl")
        .args(["pkcs12", "-info", "-noout", "-passin"])
        .arg(format!("pass:{PASS}"))
        .arg("-in")
        .arg(&kept)
        .output()
        .expect("openssl (Debian package openssl) must be installed");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&info.stdout),
        String::from_utf8_lossy(&info.stderr)
    );
    assert!(info.status.success(), "{text}");
    assert!(text.contains("PBKDF2"), "{text}");
    let iterations: Vec<u32> = text
        .split("Iteration ")
        .skip(1)
        .filter_map(|t| t.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect();
    assert!(!iterations.is_empty(), "{text}");
    assert!(iterations.iter().all(|&n| n >= 600_000), "{text}");

    let identity = store.unlock(&entry, PASS, now()).unwrap();
    let mut db = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut db);
    let signed = sign_meeting(&mut db, id, &identity, now()).unwrap();
    assert_eq!(signed.role, "Referent");

    // A role given on import replaces the title.
    let other = tempfile::tempdir().unwrap();
    let entry = IdentityStore::at(other.path())
        .import(&p12, PASS, Some("Referent"), now())
        .unwrap();
    assert_eq!(entry.role, "Referent");
}

#[test]
fn an_expired_certificate_is_refused_on_import_and_for_signing() {
    let old = expired("Marianne Stokkereit Aasen");
    let dir = tempfile::tempdir().unwrap();
    let store = IdentityStore::at(dir.path());
    let p12 = old.to_pkcs12(PASS).unwrap();
    let e = store.import(&p12, PASS, None, now()).unwrap_err();
    assert!(matches!(e, SignError::Expired { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "the certificate of Marianne Stokkereit Aasen expired on 2023-12-31T00:00:00Z; it can \
         no longer sign"
    );
    assert!(store.list().unwrap().is_empty(), "nothing was imported");

    let mut db = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut db);
    let e = sign_meeting(&mut db, id, &old, now()).unwrap_err();
    assert!(matches!(e, SignError::Expired { .. }), "{e:?}");
    assert!(db.meeting_signatures(id).unwrap().is_empty());
    assert!(db.signed_document(id).unwrap().is_none());
}

#[test]
fn a_certificate_not_yet_valid_is_refused() {
    let early = Utc.with_ymd_and_hms(2023, 6, 1, 0, 0, 0).unwrap();
    let e = chair().check_valid_at(early).unwrap_err();
    assert!(matches!(e, SignError::NotYetValid { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("not valid before 2024-01-01T00:00:00Z"),
        "{e}"
    );
}

#[test]
fn a_key_that_does_not_match_its_certificate_is_refused() {
    // The chair's key with the referent's certificate, in one PKCS#12 file.
    let open = |id: &Identity| {
        let bytes = id.to_pkcs12(PASS).unwrap();
        let store = KeyStore::from_pkcs12(&bytes, PASS, Pkcs12ImportPolicy::Strict).unwrap();
        store.private_key_chain().unwrap().1.clone()
    };
    let chair_chain = open(chair());
    let referent_chain = open(referent());
    let mixed = PrivateKeyChain::new(
        chair_chain.local_key_id().as_ref(),
        chair_chain.key().clone(),
        referent_chain.certs().to_vec(),
    );
    let mut ks = KeyStore::new();
    ks.add_entry("mixed", KeyStoreEntry::PrivateKeyChain(mixed));
    let p12 = ks.writer(PASS).write().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let e = IdentityStore::at(dir.path())
        .import(&p12, PASS, None, now())
        .unwrap_err();
    assert!(matches!(e, SignError::KeyMismatch), "{e:?}");
    assert!(
        e.to_string().contains("does not belong to the certificate"),
        "{e}"
    );
}

#[test]
fn a_file_that_is_not_pkcs12_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = IdentityStore::at(dir.path())
        .import(b"%PDF-1.7 not a key file", PASS, None, now())
        .unwrap_err();
    assert!(matches!(e, SignError::BadPkcs12(_)), "{e:?}");
}

#[test]
fn with_several_identities_one_must_be_picked_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = IdentityStore::at(dir.path());
    store
        .import(&chair().to_pkcs12(PASS).unwrap(), PASS, None, now())
        .unwrap();
    store
        .import(&referent().to_pkcs12(PASS).unwrap(), PASS, None, now())
        .unwrap();
    match store.pick(None) {
        Err(SignError::WhichIdentity(names)) => {
            assert_eq!(
                names,
                vec!["Kristengård, Mette Kristin", "Marianne Stokkereit Aasen"]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store.pick(Some("Aasen, Marianne Stokkereit")).unwrap().name,
        "Marianne Stokkereit Aasen"
    );
    assert!(matches!(
        store.pick(Some("Fred Gjørtz")),
        Err(SignError::NoIdentity(_))
    ));
}
