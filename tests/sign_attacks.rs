//! The attacks a sceptical reader of signed minutes would try, each against `motebok verify` as
//! a citizen, a journalist or the archive runs it (no database), and with the secretariat's
//! register (`--db`) or the published certificates (`--trust`): content painted over after the
//! last signature (as page content and as an annotation) and re-signed by a stranger;
//! look-alike certificates copying the signatories' names and titles; the last signature cut
//! off; a signature dictionary whose `/Name` is not the certificate's. None may give exit 0;
//! each must say why. The genuine file: 0 with `--db` or `--trust`, 3 with neither.

mod sign_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use lopdf::{Document, Object};
use motebok::sign::{Identity, SignRequest, sign_meeting, sign_pdf, verify_pdf};
use motebok::store::Store;
use sign_support::{
    REFERENT, approved_demo, chair, day, now, pdfsig, pdfsig_valid_count, referent,
};

/// The genuine two-signer file: chair, then referent, signed in the secretariat's database.
struct Genuine {
    dir: tempfile::TempDir,
    db: PathBuf,
    pdf: Vec<u8>,
}

fn genuine() -> Genuine {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let id = approved_demo(&mut store);
    sign_meeting(&mut store, id, chair(), now()).unwrap();
    let pdf = sign_meeting(&mut store, id, referent(), now() + day())
        .unwrap()
        .pdf;
    Genuine { dir, db, pdf }
}

impl Genuine {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `bytes` to `name` in the test folder.
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// A PEM bundle with the chair's and the referent's certificates, as the council publishes.
    fn published_certificates(&self) -> PathBuf {
        let pem = format!(
            "{}{}",
            chair().certificate_pem(),
            referent().certificate_pem()
        );
        self.file("published.pem", pem.as_bytes())
    }
}

/// `motebok verify FILE ARGS...`: exit code and what it printed.
fn verify(file: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_motebok"))
        .arg("verify")
        .arg(file)
        .args(args)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// The line of `out` that starts with `start` (empty when none does).
fn line_of<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines().find(|l| l.starts_with(start)).unwrap_or("")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A stranger's self-made certificate.
fn stranger() -> Identity {
    Identity::generate(
        "Nordmann, Ola",
        "Innbygger",
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap()
}

/// Signs `pdf` again as `who`, the way any PDF software appends a signature.
fn resign(pdf: &[u8], who: &Identity) -> Vec<u8> {
    sign_pdf(
        pdf,
        &SignRequest {
            identity: who,
            time: now() + day() * 2,
            reason: "Godkjent",
            location: "",
            certify: false,
        },
    )
    .unwrap()
    .0
}

/// PDF syntax for the few objects the attacks write.
fn write(out: &mut Vec<u8>, obj: &Object) {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format!("{r}").as_bytes()),
        Object::Name(n) => {
            out.push(b'/');
            out.extend_from_slice(n);
        }
        Object::String(b, _) => {
            out.push(b'<');
            for byte in b {
                out.extend_from_slice(format!("{byte:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for i in items {
                write(out, i);
                out.push(b' ');
            }
            out.push(b']');
        }
        Object::Dictionary(d) => {
            out.extend_from_slice(b"<<");
            for (k, v) in d {
                out.push(b'/');
                out.extend_from_slice(k);
                out.push(b' ');
                write(out, v);
                out.push(b' ');
            }
            out.extend_from_slice(b">>");
        }
        Object::Reference((id, g)) => out.extend_from_slice(format!("{id} {g} R").as_bytes()),
        Object::Stream(st) => {
            let mut dict = st.dict.clone();
            dict.remove(b"Filter");
            dict.remove(b"DecodeParms");
            dict.set("Length", Object::Integer(st.content.len() as i64));
            write(out, &Object::Dictionary(dict));
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&st.content);
            out.extend_from_slice(b"\nendstream");
        }
    }
}

/// Appends an unsigned incremental update (classic cross-reference table) that (re)defines
/// `objects`, as an editing program would.
fn append_update(pdf: &[u8], objects: &[(u32, Object)]) -> Vec<u8> {
    let doc = Document::load_mem(pdf).unwrap();
    let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).into_owned();
    let prev: usize = tail
        .split_whitespace()
        .rev()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut out = pdf.to_vec();
    let mut offsets = Vec::new();
    for (id, obj) in objects {
        offsets.push((*id, out.len()));
        out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        write(&mut out, obj);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n");
    for (id, at) in &offsets {
        out.extend_from_slice(format!("{id} 1\n{at:010} 00000 n \n").as_bytes());
    }
    let size = objects
        .iter()
        .map(|(id, _)| id + 1)
        .max()
        .unwrap()
        .max(doc.max_id + 1);
    let mut trailer = lopdf::Dictionary::new();
    trailer.set("Size", Object::Integer(i64::from(size)));
    trailer.set("Prev", Object::Integer(prev as i64));
    for key in [b"Root".as_slice(), b"Info", b"ID"] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), v.clone());
        }
    }
    out.extend_from_slice(b"trailer\n");
    write(&mut out, &Object::Dictionary(trailer));
    out.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// Page 1 of `pdf`: its object id and dictionary.
fn first_page(doc: &Document) -> (lopdf::ObjectId, lopdf::Dictionary) {
    let id = *doc.get_pages().get(&1).unwrap();
    (id, doc.get_dictionary(id).unwrap().clone())
}

/// A white box over the decision on page 1 with another decision written on it.
const PAINT: &[u8] =
    b"\nQ\nq 1 1 1 rg 40 300 520 420 re f Q\nBT /AttackF 16 Tf 0 0 0 rg 60 600 Td \
    (Vedtak: Forslaget ble forkastet.) Tj ET\n";

fn attack_font() -> Object {
    let mut font = lopdf::Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    Object::Dictionary(font)
}

#[test]
fn the_genuine_file_is_valid_with_the_register_or_the_published_certificates_and_unconfirmed_without()
 {
    let g = genuine();
    let file = g.file("signed.pdf", &g.pdf);

    let (code, out) = verify(&file, &["--db", s(&g.db)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("result: valid"), "{out}");
    assert!(
        out.contains("signer confirmed: in the signatory register"),
        "{out}"
    );
    let fp = motebok::sign::fingerprint_text(&chair().fingerprint());
    assert!(out.contains(&format!("certificate SHA-256: {fp}")), "{out}");
    assert!(
        out.contains("issuer: CN=Marianne Stokkereit Aasen") || out.contains("issuer: "),
        "{out}"
    );
    assert!(out.contains("self-issued"), "{out}");
    assert!(
        out.contains("certifies the document: only signatures"),
        "{out}"
    );
    assert!(out.contains("after signature 1: only signing"), "{out}");
    assert!(
        out.contains("expected signatories (stated in the signed document): Aasen, Marianne Stokkereit (møteleder"),
        "{out}"
    );

    let trust = g.published_certificates();
    let (code, out) = verify(&file, &["--trust", s(&trust)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("pinned by --trust"), "{out}");

    let (code, out) = verify(&file, &[]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("signer NOT CONFIRMED: a self-issued certificate"),
        "{out}"
    );
    assert!(out.contains("NOT CONFIRMED who signed"), "{out}");

    // pdfsig (poppler) agrees that both signatures hold.
    let (ok, text) = pdfsig(&file);
    assert!(ok, "{text}");
    assert_eq!(pdfsig_valid_count(&text), 2, "{text}");
}

#[test]
fn content_painted_over_page_1_after_both_signatures_then_signed_by_a_stranger_is_refused() {
    let g = genuine();
    let doc = Document::load_mem(&g.pdf).unwrap();
    let (page_id, mut page) = first_page(&doc);
    // A new content stream drawn after the page's own, and a font for it.
    // (The page's own content is wrapped in q … Q so the painting starts from a clean state.)
    let stream_id = doc.max_id + 1;
    let font_id = doc.max_id + 2;
    let save_id = doc.max_id + 3;
    let mut contents = match page.get(b"Contents").unwrap() {
        Object::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    contents.insert(0, Object::Reference((save_id, 0)));
    contents.push(Object::Reference((stream_id, 0)));
    page.set("Contents", Object::Array(contents));
    let mut resources = match page.get(b"Resources").unwrap() {
        Object::Reference(r) => doc.get_dictionary(*r).unwrap().clone(),
        Object::Dictionary(d) => d.clone(),
        _ => unreachable!(),
    };
    let mut fonts = match resources.get(b"Font") {
        Ok(Object::Reference(r)) => doc.get_dictionary(*r).unwrap().clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => lopdf::Dictionary::new(),
    };
    fonts.set("AttackF", Object::Reference((font_id, 0)));
    resources.set("Font", Object::Dictionary(fonts));
    page.set("Resources", Object::Dictionary(resources));
    let paint = Object::Stream(lopdf::Stream::new(lopdf::Dictionary::new(), PAINT.to_vec()));
    let painted = append_update(
        &g.pdf,
        &[
            (page_id.0, Object::Dictionary(page)),
            (stream_id, paint),
            (font_id, attack_font()),
            (
                save_id,
                Object::Stream(lopdf::Stream::new(
                    lopdf::Dictionary::new(),
                    b"q\n".to_vec(),
                )),
            ),
        ],
    );
    let attacked = resign(&painted, &stranger());
    let file = g.file("painted.pdf", &attacked);

    if std::env::var_os("SIGN_TEST_SHOW").is_some() {
        std::fs::copy(&file, "/tmp/painted.pdf").unwrap();
    }
    // The reader sees the new decision: the attack is real.
    let text = Command::new("pdftotext")
        .args([s(&file), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("forkastet"),
        "the painted decision shows"
    );

    for args in [vec![], vec!["--db", s(&g.db)]] {
        let (code, out) = verify(&file, &args);
        assert_eq!(code, 1, "{out}");
        assert!(
            line_of(&out, "  changed after signature 2:")
                .contains("page content of page 1 changed"),
            "{out}"
        );
        assert!(
            out.contains("signature 3: Nordmann, Ola (Innbygger)"),
            "{out}"
        );
        assert!(
            out.contains("signature 3 by Nordmann, Ola is not by any of the signatories"),
            "{out}"
        );
        assert!(out.contains("result: NOT VALID"), "{out}");
    }
    let trust = g.published_certificates();
    let (code, out) = verify(&file, &["--trust", s(&trust)]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn an_annotation_painted_over_page_1_after_both_signatures_then_signed_by_a_stranger_is_refused() {
    let g = genuine();
    let doc = Document::load_mem(&g.pdf).unwrap();
    let (page_id, mut page) = first_page(&doc);
    let annot_id = doc.max_id + 1;
    let ap_id = doc.max_id + 2;
    let font_id = doc.max_id + 3;
    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(r)) => doc.get_object(*r).unwrap().as_array().unwrap().clone(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference((annot_id, 0)));
    page.set("Annots", Object::Array(annots));
    let mut annot = lopdf::Dictionary::new();
    annot.set("Type", Object::Name(b"Annot".to_vec()));
    annot.set("Subtype", Object::Name(b"FreeText".to_vec()));
    annot.set(
        "Rect",
        Object::Array(vec![40.into(), 300.into(), 560.into(), 720.into()]),
    );
    annot.set(
        "Contents",
        Object::string_literal("Vedtak: Forslaget ble forkastet."),
    );
    annot.set("DA", Object::string_literal("/Helv 16 Tf 0 g"));
    annot.set("F", Object::Integer(4));
    let mut ap = lopdf::Dictionary::new();
    ap.set("N", Object::Reference((ap_id, 0)));
    annot.set("AP", Object::Dictionary(ap));
    let mut form = lopdf::Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), 520.into(), 420.into()]),
    );
    let mut fonts = lopdf::Dictionary::new();
    fonts.set("AttackF", Object::Reference((font_id, 0)));
    let mut res = lopdf::Dictionary::new();
    res.set("Font", Object::Dictionary(fonts));
    form.set("Resources", Object::Dictionary(res));
    let drawing = b"1 1 1 rg 0 0 520 420 re f BT /AttackF 16 Tf 0 0 0 rg 20 300 Td \
        (Vedtak: Forslaget ble forkastet.) Tj ET"
        .to_vec();
    let painted = append_update(
        &g.pdf,
        &[
            (page_id.0, Object::Dictionary(page)),
            (annot_id, Object::Dictionary(annot)),
            (ap_id, Object::Stream(lopdf::Stream::new(form, drawing))),
            (font_id, attack_font()),
        ],
    );
    let attacked = resign(&painted, &stranger());
    let file = g.file("annotated.pdf", &attacked);
    for args in [vec![], vec!["--db", s(&g.db)]] {
        let (code, out) = verify(&file, &args);
        assert_eq!(code, 1, "{out}");
        assert!(
            line_of(&out, "  changed after signature 2:")
                .contains("annotation added on page 1 (FreeText)"),
            "{out}"
        );
        assert!(
            line_of(&out, "  changed after signature 1:")
                .contains("annotation added on page 1 (FreeText)"),
            "every revision after each signature is examined:\n{out}"
        );
        assert!(out.contains("result: NOT VALID"), "{out}");
    }
}

#[test]
fn look_alike_certificates_copying_names_and_titles_are_never_valid_and_false_against_the_register()
{
    let g = genuine();
    // The attacker's own database and two self-made certificates copying the signatories'
    // names and titles.
    let fake_chair = Identity::generate(
        "Marianne Stokkereit Aasen",
        "Leder",
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let fake_referent = Identity::generate(
        REFERENT,
        "Rådgiver",
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let mut theirs = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut theirs);
    sign_meeting(&mut theirs, id, &fake_chair, now()).unwrap();
    let forged = sign_meeting(&mut theirs, id, &fake_referent, now() + day())
        .unwrap()
        .pdf;
    let file = g.file("lookalike.pdf", &forged);

    // Without anything to compare with: intact but unconfirmed (3), never 0; the fingerprints
    // shown are the forger's, not the published ones.
    let (code, out) = verify(&file, &[]);
    assert_eq!(code, 3, "{out}");
    let fake_fp = motebok::sign::fingerprint_text(&fake_chair.fingerprint());
    let real_fp = motebok::sign::fingerprint_text(&chair().fingerprint());
    assert!(out.contains(&fake_fp), "{out}");
    assert!(!out.contains(&real_fp), "{out}");
    let genuine_out = verify(&g.file("g.pdf", &g.pdf), &[]).1;
    assert_ne!(
        out.replace(s(&file), "F"),
        genuine_out.replace(s(&g.path("g.pdf")), "F"),
        "the look-alike's output differs from the genuine file's"
    );

    // Against the published certificates and against the register: false.
    let trust = g.published_certificates();
    let (code, out) = verify(&file, &["--trust", s(&trust)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("signer FALSE: the certificate bears the name of Marianne Stokkereit Aasen"),
        "{out}"
    );
    let (code, out) = verify(&file, &["--db", s(&g.db)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the signatory register holds another certificate for them"),
        "{out}"
    );
}

#[test]
fn the_genuine_file_cut_after_the_chairs_signature_misses_the_referent() {
    let g = genuine();
    let report = verify_pdf(&g.pdf);
    let r = report.signatures[0].byte_range;
    let cut = &g.pdf[..r[2] + r[3]];
    let file = g.file("cut.pdf", cut);
    let trust = g.published_certificates();
    for args in [vec![], vec!["--db", s(&g.db)], vec!["--trust", s(&trust)]] {
        let (code, out) = verify(&file, &args);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(
                "Kristengård, Mette Kristin (referent) has not signed: the document names them"
            ),
            "{out}"
        );
        assert!(out.contains("1 signature(s)"), "{out}");
    }
    // The cut file alone is a valid one-signature PDF to other readers: only the promise in the
    // signed bytes reveals the missing signature.
    let (ok, text) = pdfsig(&file);
    assert!(ok && pdfsig_valid_count(&text) == 1, "{text}");
}

#[test]
fn a_name_in_the_signature_dictionary_that_is_not_the_certificates_is_not_believed() {
    let g = genuine();
    // A stranger signs the approved minutes claiming the referent's name in /Name.
    let liar = stranger().claiming_name(REFERENT);
    let report = verify_pdf(&g.pdf);
    let r = report.signatures[0].byte_range;
    let chair_only = &g.pdf[..r[2] + r[3]];
    let attacked = resign(chair_only, &liar);
    let file = g.file("name.pdf", &attacked);
    for args in [vec![], vec!["--db", s(&g.db)]] {
        let (code, out) = verify(&file, &args);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("signature 2: Nordmann, Ola (Innbygger)"),
            "{out}"
        );
        assert!(
            out.contains(&format!(
                "signature 2: the signature dictionary names «{REFERENT}», but the certificate \
                 is «Nordmann, Ola»'s"
            )),
            "{out}"
        );
        assert!(!out.contains(&format!("signature 2: {REFERENT}")), "{out}");
    }
}

/// A small deterministic generator, so a failure can be reproduced.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn every_one_of_100_random_byte_flips_is_caught_without_a_database() {
    let g = genuine();
    let mut rng = XorShift(0x00C0_FFEE_2024);
    let path = g.path("flipped.pdf");
    let trust = g.published_certificates();
    for round in 0..100 {
        let at = usize::try_from(rng.next() % g.pdf.len() as u64).unwrap();
        let flip = u8::try_from(rng.next() % 255).unwrap() + 1;
        let mut changed = g.pdf.clone();
        changed[at] ^= flip;
        std::fs::write(&path, &changed).unwrap();
        let (code, out) = verify(&path, &["--trust", s(&trust)]);
        assert_eq!(
            code, 1,
            "round {round}: byte {at} ^ {flip:#04x} not caught:\n{out}"
        );
    }
}

#[test]
fn a_signer_issued_by_a_trusted_authority_is_confirmed_by_the_chain() {
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
    let ca = Identity::certificate_authority("Kommune-CA", from, to).unwrap();
    let leader =
        Identity::issued_by(&ca, "Marianne Stokkereit Aasen", "Leder", from, to, false).unwrap();
    let other_ca = Identity::certificate_authority("Kommune-CA", from, to).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut store);
    sign_meeting(&mut store, id, &leader, now()).unwrap();
    let signed = sign_meeting(&mut store, id, referent(), now() + day())
        .unwrap()
        .pdf;
    let file = dir.path().join("ca.pdf");
    std::fs::write(&file, &signed).unwrap();
    let bundle = dir.path().join("trust.pem");
    std::fs::write(
        &bundle,
        format!("{}{}", ca.certificate_pem(), referent().certificate_pem()),
    )
    .unwrap();
    let (code, out) = verify(&file, &["--trust", s(&bundle)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("issued by the certificate authority Kommune-CA"),
        "{out}"
    );
    assert!(out.contains("issuer: CN=Kommune-CA"), "{out}");

    // Another authority with the same name did not issue it.
    let wrong = dir.path().join("wrong.pem");
    std::fs::write(
        &wrong,
        format!(
            "{}{}",
            other_ca.certificate_pem(),
            referent().certificate_pem()
        ),
    )
    .unwrap();
    let (code, out) = verify(&file, &["--trust", s(&wrong)]);
    assert_eq!(code, 3, "{out}");
}

#[test]
fn a_signer_registered_only_for_another_body_is_not_confirmed_for_this_bodys_minutes() {
    let g = genuine();
    let file = g.file("signed.pdf", &g.pdf);
    {
        // Another body in the same database; the register holds the two signers for it only.
        let mut store = Store::open(&g.db).unwrap();
        let other = sign_support::DEMO.replacen(
            "\"name\": \"Samarbeidsrådet for ROR-IKT\"",
            "\"name\": \"Styret for Moldebadet\"",
            1,
        );
        let (record, blobs) = motebok::package::read_with_attachments(&other).unwrap();
        store
            .import_with_attachments(&record, &blobs, motebok::store::ImportMode::Refuse)
            .unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(&g.db).unwrap();
        conn.execute_batch(
            "DROP TRIGGER signatory_register_never_goes; DELETE FROM signatory_register;",
        )
        .unwrap();
        drop(conn);
        let mut store = Store::open(&g.db).unwrap();
        for (who, role) in [(chair(), "Møteleder"), (referent(), "Referent")] {
            store
                .register_signatory(&motebok::sign::assess::register_entry(
                    who,
                    Some("Styret for Moldebadet"),
                    role,
                    "made",
                ))
                .unwrap();
        }
    }
    let (code, out) = verify(&file, &["--db", s(&g.db)]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("signer NOT CONFIRMED: not in the signatory register"),
        "{out}"
    );
    // Registered for every body: confirmed.
    {
        let mut store = Store::open(&g.db).unwrap();
        store
            .register_signatory(&motebok::sign::assess::register_entry(
                chair(),
                None,
                "Møteleder",
                "made",
            ))
            .unwrap();
        store
            .register_signatory(&motebok::sign::assess::register_entry(
                referent(),
                None,
                "Referent",
                "made",
            ))
            .unwrap();
    }
    let (code, out) = verify(&file, &["--db", s(&g.db)]);
    assert_eq!(code, 0, "{out}");
}
