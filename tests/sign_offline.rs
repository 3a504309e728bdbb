//! The leader signs offline: the secretary writes a signing request, the leader's Møtebok (her
//! own config folder and database) signs it, the secretary imports the signed file. Møtebok
//! checks that it is exactly the document sent plus one intact signature, shows the fingerprint,
//! registers the certificate on first use only when the secretary confirms it, and refuses a
//! signed file of another document, storing nothing.

mod sign_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use motebok::store::Store;
use sign_support::{DEMO, chair, referent};

const PASS: &str = "korrekt hest batteri";

/// One machine: its database and config folder.
struct Machine {
    dir: tempfile::TempDir,
}

impl Machine {
    fn new() -> Machine {
        Machine {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("motebok.sqlite3")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_motebok"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("MOTEBOK_CONFIG_DIR", self.path("config"))
            .env("MOTEBOK_PASSPHRASE", PASS)
            .output()
            .unwrap()
    }

    /// Imports `identity` (as a PKCS#12 file) into this machine's config folder.
    fn identity(&self, identity: &motebok::sign::Identity, file: &str) {
        let p12 = self.path(file);
        std::fs::write(&p12, identity.to_pkcs12(PASS).unwrap()).unwrap();
        ok(&self.run(&["identity", "import", s(&p12)]));
    }

    fn signatures(&self) -> usize {
        let store = Store::open_read_only(&self.db()).unwrap();
        let id = store.list_meetings().unwrap()[0].id;
        store.meeting_signatures(id).unwrap().len()
    }
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", out(o));
    out(o)
}

fn fails(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(1), "{}", out(o));
    out(o)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The secretariat's machine with the approved demo meeting and the referent's identity.
fn secretariat() -> Machine {
    let m = Machine::new();
    let demo = m.path("demo.motebok.json");
    std::fs::write(&demo, DEMO).unwrap();
    ok(&m.run(&["import", s(&demo)]));
    ok(&m.run(&["approve", "2024/M4", "--by", "Aasen"]));
    m.identity(referent(), "referent.p12");
    m
}

/// The leader's own machine: her identity, her own (empty) database.
fn leader() -> Machine {
    let m = Machine::new();
    m.identity(chair(), "chair.p12");
    m
}

#[test]
fn the_leader_signs_a_request_on_her_own_machine_and_the_secretary_imports_it() {
    let office = secretariat();
    let home = leader();
    let request = office.path("request.pdf");
    let said = ok(&office.run(&["sign-request", "2024/M4", "-o", s(&request)]));
    assert!(said.contains("still to sign: Aasen, Marianne Stokkereit (møteleder), Kristengård, Mette Kristin (referent)"), "{said}");
    // The same request again: byte for byte the same document.
    let again = office.path("again.pdf");
    ok(&office.run(&["sign-request", "2024/M4", "-o", s(&again)]));
    assert_eq!(
        std::fs::read(&request).unwrap(),
        std::fs::read(&again).unwrap()
    );

    // At home: sign the request (it travels as a file).
    let at_home = home.path("request.pdf");
    std::fs::copy(&request, &at_home).unwrap();
    let signed = home.path("signed.pdf");
    let said = ok(&home.run(&["sign-file", s(&at_home), "-o", s(&signed)]));
    assert!(
        said.contains("signed as møteleder by Marianne Stokkereit Aasen"),
        "{said}"
    );

    // Back at the office: first use of her certificate, so it must be confirmed.
    let back = office.path("signed.pdf");
    std::fs::copy(&signed, &back).unwrap();
    let fp = motebok::sign::fingerprint_text(&chair().fingerprint());
    let e = fails(&office.run(&["import-signed", s(&back)]));
    assert!(e.contains("is not in the signatory register"), "{e}");
    assert!(e.contains(&fp), "the fingerprint is shown: {e}");
    assert!(e.contains("nothing was stored"), "{e}");
    assert_eq!(office.signatures(), 0);
    let wrong_fp = motebok::sign::fingerprint_text(&referent().fingerprint());
    fails(&office.run(&["import-signed", s(&back), "--accept-certificate", &wrong_fp]));
    assert_eq!(office.signatures(), 0);
    let said = ok(&office.run(&["import-signed", s(&back), "--accept-certificate", &fp]));
    assert!(
        said.contains("stored the signature of Marianne Stokkereit Aasen as møteleder"),
        "{said}"
    );
    assert!(
        said.contains("the certificate is now in the signatory register"),
        "{said}"
    );
    assert!(
        said.contains("still to sign: Kristengård, Mette Kristin (referent)"),
        "{said}"
    );
    assert_eq!(office.signatures(), 1);
    // Importing it twice stores nothing more.
    fails(&office.run(&["import-signed", s(&back), "--accept-certificate", &fp]));
    assert_eq!(office.signatures(), 1);

    // The referent signs at the office; the signed minutes hold with the register.
    let done = office.path("done.pdf");
    let said = ok(&office.run(&["sign", "2024/M4", "-o", s(&done)]));
    assert!(said.contains("every signatory has signed"), "{said}");
    let o = office.run(&["verify", s(&done)]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("certifies the document"), "{}", out(&o));
    let exported = office.path("exported.pdf");
    ok(&office.run(&["export-signed", "2024/M4", "-o", s(&exported)]));
    assert_eq!(
        std::fs::read(&exported).unwrap(),
        std::fs::read(&done).unwrap()
    );
}

#[test]
fn a_signed_file_of_another_document_is_refused_and_nothing_is_stored() {
    let office = secretariat();
    let home = leader();
    let request = office.path("request.pdf");
    ok(&office.run(&["sign-request", "2024/M4", "-o", s(&request)]));

    // The leader signs a request she rendered herself from her own copy of the meeting, with
    // one decision worded differently: not the document the secretary sent.
    let demo = home.path("demo.motebok.json");
    let altered = DEMO.replacen(
        "\"decision\": \"Innkalling og saksliste godkje",
        "\"decision\": \"Innkalling og saksliste ikke godkje",
        1,
    );
    assert_ne!(altered, DEMO);
    std::fs::write(&demo, altered).unwrap();
    ok(&home.run(&["import", s(&demo)]));
    ok(&home.run(&["approve", "2024/M4", "--by", "Aasen"]));
    let own = home.path("own-request.pdf");
    ok(&home.run(&["sign-request", "2024/M4", "-o", s(&own)]));
    let signed = home.path("signed.pdf");
    ok(&home.run(&["sign-file", s(&own), "-o", s(&signed)]));
    let fp = motebok::sign::fingerprint_text(&chair().fingerprint());
    let e = fails(&office.run(&["import-signed", s(&signed), "--accept-certificate", &fp]));
    assert!(
        e.contains("not the approved document of any meeting awaiting signatures here"),
        "{e}"
    );
    assert_eq!(office.signatures(), 0);

    // The right request, but a page changed before signing: refused too.
    let mut tampered = std::fs::read(&request).unwrap();
    let at = tampered.len() / 3;
    tampered[at] ^= 0x20;
    let tampered_path = home.path("tampered.pdf");
    std::fs::write(&tampered_path, &tampered).unwrap();
    let signed = home.path("signed-tampered.pdf");
    if home
        .run(&["sign-file", s(&tampered_path), "-o", s(&signed)])
        .status
        .success()
    {
        fails(&office.run(&["import-signed", s(&signed), "--accept-certificate", &fp]));
    }
    assert_eq!(office.signatures(), 0);

    // Someone who is not a signatory cannot sign the request.
    let stranger = Machine::new();
    let ola = motebok::sign::Identity::generate(
        "Nordmann, Ola",
        "Innbygger",
        chrono::Utc::now() - chrono::Duration::days(1),
        chrono::Utc::now() + chrono::Duration::days(30),
    )
    .unwrap();
    stranger.identity(&ola, "ola.p12");
    let e = fails(&stranger.run(&["sign-file", s(&request), "-o", s(&stranger.path("x.pdf"))]));
    assert!(
        e.contains("Nordmann, Ola is not among those who sign this document"),
        "{e}"
    );
}
