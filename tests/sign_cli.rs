//! The signing commands as a user runs them: make and import identities, sign in turn, verify
//! (alone and against the database); exit codes and messages.

mod sign_support;

use std::path::Path;
use std::process::{Command, Output};

use sign_support::{DEMO, referent};

const PASS: &str = "korrekt hest batteri";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// Runs motebok on this environment's database and config folder with `passphrase`.
    fn run_with(&self, passphrase: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_motebok"))
            .arg("--db")
            .arg(self.path("motebok.sqlite3"))
            .args(args)
            .env("MOTEBOK_CONFIG_DIR", self.path("config"))
            .env("MOTEBOK_PASSPHRASE", passphrase)
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(PASS, args)
    }

    /// Runs motebok without `--db`.
    fn run_without_db(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_motebok"))
            .args(args)
            .env("MOTEBOK_CONFIG_DIR", self.path("config"))
            .output()
            .unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

fn fails(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
    stderr(o)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn two_people_sign_in_turn_and_verify_holds_only_for_the_stored_document() {
    let env = Env::new();
    let demo = env.path("demo.motebok.json");
    std::fs::write(&demo, DEMO).unwrap();
    ok(&env.run(&["import", s(&demo)]));

    // Not approved yet: cannot be signed.
    let out = ok(&env.run(&[
        "identity",
        "new",
        "--name",
        "Marianne Stokkereit Aasen",
        "--role",
        "Leder",
    ]));
    assert!(
        out.contains("created the signing identity «Marianne Stokkereit Aasen» (Leder)"),
        "{out}"
    );
    let a = env.path("a.pdf");
    let e = fails(&env.run(&["sign", "2024/M4", "-o", s(&a)]));
    assert!(e.contains("only approved minutes can be signed"), "{e}");
    ok(&env.run(&["approve", "2024/M4", "--by", "Aasen"]));

    // An enterprise certificate (PKCS#12) for the referent.
    let p12 = env.path("referent.p12");
    std::fs::write(&p12, referent().to_pkcs12(PASS).unwrap()).unwrap();
    let out = ok(&env.run(&["identity", "import", s(&p12)]));
    assert!(
        out.contains("imported the signing identity «Kristengård, Mette Kristin»"),
        "{out}"
    );
    let list = ok(&env.run(&["identity", "list"]));
    assert_eq!(list.lines().count(), 2, "{list}");

    let e = fails(&env.run(&["sign", "2024/M4", "-o", s(&a)]));
    assert!(e.contains("pick one with --identity NAME"), "{e}");
    let e = fails(&env.run_with(
        "feil passord",
        &[
            "sign",
            "2024/M4",
            "--identity",
            "Marianne Stokkereit Aasen",
            "-o",
            s(&a),
        ],
    ));
    assert!(e.contains("wrong passphrase"), "{e}");
    assert!(!a.exists());

    let out = ok(&env.run(&[
        "sign",
        "2024/M4",
        "--identity",
        "Marianne Stokkereit Aasen",
        "-o",
        s(&a),
    ]));
    assert!(out.contains("signed as møteleder"), "{out}");
    assert!(
        out.contains("still to sign: Kristengård, Mette Kristin (referent)"),
        "{out}"
    );
    let b = env.path("b.pdf");
    let out = ok(&env.run(&[
        "sign",
        "2024/M4",
        "--identity",
        "Kristengård, Mette Kristin",
        "-o",
        s(&b),
    ]));
    assert!(out.contains("every signatory has signed"), "{out}");

    // Without the register or published certificates, nobody can confirm who signed: exit 3.
    let o = env.run_without_db(&["verify", s(&b)]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("2 signature(s)"), "{out}");
    assert!(
        out.contains("signature 1: Marianne Stokkereit Aasen (Leder), signed "),
        "{out}"
    );
    assert!(out.contains("«Signert som møteleder»"), "{out}");
    assert!(
        out.contains("signature 2: Kristengård, Mette Kristin (Rådgiver)"),
        "{out}"
    );
    assert!(out.contains("valid, covers the whole document"), "{out}");
    assert!(out.contains("NOT CONFIRMED who signed"), "{out}");
    // The identities were registered when made and imported: with the register, valid.
    let out = ok(&env.run(&["verify", s(&b), "--db", s(&env.path("motebok.sqlite3"))]));
    assert!(out.trim_end().ends_with("result: valid"), "{out}");
    assert!(
        out.contains(
            "database: identical to the signed minutes of Samarbeidsrådet for ROR-IKT 2024/M4"
        ),
        "{out}"
    );

    // The first signer's file misses the referent, whom it names as a signatory.
    let o = env.run_without_db(&["verify", s(&a)]);
    fails(&o);
    assert!(
        stdout(&o).contains("Kristengård, Mette Kristin (referent) has not signed"),
        "{}",
        stdout(&o)
    );
    let o = env.run(&["verify", s(&a), "--db", s(&env.path("motebok.sqlite3"))]);
    fails(&o);
    assert!(stdout(&o).contains("result: NOT VALID"), "{}", stdout(&o));

    // An unsigned PDF.
    let plain = env.path("plain.pdf");
    std::fs::write(&plain, b"%PDF-1.7\n%%EOF\n").unwrap();
    fails(&env.run_without_db(&["verify", s(&plain)]));

    // A rendering of the signed meeting says on every page that it is an unsigned copy.
    let copy = env.path("copy.pdf");
    ok(&env.run(&["render", "minutes", "2024/M4", "-o", s(&copy)]));
    let text = Command::new("pdftotext")
        .args([s(&copy), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Usignert kopi"), "{text}");
    let pages = text.matches('\u{c}').count();
    assert_eq!(
        text.matches("Usignert kopi av signert referat").count(),
        pages,
        "{text}"
    );

    // Signed minutes never change: signing again is refused.
    let e = fails(&env.run(&[
        "sign",
        "2024/M4",
        "--identity",
        "Kristengård, Mette Kristin",
        "-o",
        s(&env.path("c.pdf")),
    ]));
    assert!(e.contains("signed already"), "{e}");
}

#[test]
fn signing_commands_need_their_arguments() {
    let env = Env::new();
    let o = env.run(&["identity", "new", "--name", "Fred Gjørtz"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--role ROLE"));
    let o = env.run(&["sign", "2024/M4"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["verify"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["identity", "import"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_short_passphrase_is_refused_for_a_new_identity() {
    let env = Env::new();
    let e = fails(&env.run_with(
        "kort",
        &[
            "identity",
            "new",
            "--name",
            "Fred Gjørtz",
            "--role",
            "Daglig leder",
        ],
    ));
    assert!(e.contains("at least 8 characters"), "{e}");
    assert!(
        !env.path("config/identities")
            .join("fred-gjortz.p12")
            .exists()
    );
}

#[test]
fn exported_certificates_confirm_the_signers_for_anyone_with_the_file() {
    let env = Env::new();
    let demo = env.path("demo.motebok.json");
    std::fs::write(&demo, DEMO).unwrap();
    ok(&env.run(&["import", s(&demo)]));
    ok(&env.run(&["approve", "2024/M4", "--by", "Aasen"]));
    // Making an identity shows its fingerprint and registers it in the database.
    let out = ok(&env.run(&[
        "identity",
        "new",
        "--name",
        "Marianne Stokkereit Aasen",
        "--role",
        "Leder",
    ]));
    assert!(out.contains("certificate SHA-256: "), "{out}");
    assert!(
        out.contains("registered as a signatory in the database"),
        "{out}"
    );
    let fp = out
        .lines()
        .find_map(|l| l.strip_prefix("certificate SHA-256: "))
        .unwrap()
        .to_owned();
    let p12 = env.path("referent.p12");
    std::fs::write(&p12, referent().to_pkcs12(PASS).unwrap()).unwrap();
    ok(&env.run(&["identity", "import", s(&p12)]));
    let signed = env.path("signed.pdf");
    for who in ["Marianne Stokkereit Aasen", "Kristengård, Mette Kristin"] {
        ok(&env.run(&["sign", "2024/M4", "--identity", who, "-o", s(&signed)]));
    }

    // The council publishes both certificates; a reader verifies with them alone.
    let chair_pem = env.path("chair.pem");
    let out = ok(&env.run(&[
        "identity",
        "export-certificate",
        "Marianne Stokkereit Aasen",
        "-o",
        s(&chair_pem),
    ]));
    assert!(
        out.contains(&fp),
        "the fingerprint shown on export is the one made: {out}"
    );
    let referent_pem = env.path("referent.pem");
    ok(&env.run(&[
        "identity",
        "export-certificate",
        "Kristengård, Mette Kristin",
        "-o",
        s(&referent_pem),
    ]));
    let pem = std::fs::read_to_string(&chair_pem).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"), "{pem}");
    assert!(
        !pem.contains("PRIVATE"),
        "only the public certificate: {pem}"
    );
    let bundle = env.path("published.pem");
    std::fs::write(
        &bundle,
        format!("{pem}{}", std::fs::read_to_string(&referent_pem).unwrap()),
    )
    .unwrap();
    let o = env.run_without_db(&["verify", s(&signed), "--trust", s(&bundle)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!("certificate SHA-256: {fp}")),
        "{}",
        stdout(&o)
    );
    // One of the two certificates is not enough.
    let o = env.run_without_db(&["verify", s(&signed), "--trust", s(&chair_pem)]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    // A --trust file that is not a certificate is a clear error.
    let o = env.run_without_db(&["verify", s(&signed), "--trust", s(&demo)]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("demo.motebok.json"), "{}", stderr(&o));
}
