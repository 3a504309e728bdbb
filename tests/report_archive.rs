//! The archive copy: PDF/A-2b identification, output intent, embedded fonts, a clean file.

mod report_support;
mod tools;

use motebok::report::{
    MinutesOptions, ReportError, render_archive_pdf, render_minutes_pdf, to_pdfa,
};
use report_support::{example, generated, info_field, need, pdftotext, run, temp_pdf};

fn opts() -> MinutesOptions {
    MinutesOptions {
        generated: generated(),
        ..MinutesOptions::default()
    }
}

#[test]
fn the_archive_copy_is_identified_as_pdfa_2b_with_matching_metadata() {
    need(&["pdfinfo", "pdffonts", "qpdf", "pdftotext"]);
    let pdf = render_archive_pdf(&example(), &opts()).unwrap();
    let (dir, path) = temp_pdf(&pdf, "archive.pdf");
    let p = path.to_str().unwrap();

    let xmp = run("pdfinfo", &["-meta", p]);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(
        xmp.contains("Møtereferat 2024/M4 – Samarbeidsrådet for ROR-IKT"),
        "dc:title mirrors Title"
    );
    assert!(
        xmp.contains("<rdf:li>Mette Kristin Kristengård</rdf:li>"),
        "dc:creator mirrors Author"
    );
    assert!(xmp.contains("<xmp:CreatorTool>Møtebok</xmp:CreatorTool>"));
    assert!(xmp.contains("<xmp:CreateDate>2024-06-13T10:02:00</xmp:CreateDate>"));
    assert!(xmp.contains("<pdf:Producer>Møtebok</pdf:Producer>"));

    let info = run("pdfinfo", &[p]);
    assert!(
        info_field(&info, "Metadata Stream").starts_with("yes"),
        "{info}"
    );
    assert!(info_field(&info, "Encrypted").starts_with("no"));
    assert!(info_field(&info, "Title").starts_with("Møtereferat 2024/M4"));

    let fonts = run("pdffonts", &[p]);
    for row in fonts.lines().skip(2).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "embedded: {row}");
    }

    let check = run("qpdf", &["--check", p]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );

    let qdf = dir.path().join("qdf.pdf");
    run(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            p,
            qdf.to_str().unwrap(),
        ],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    assert!(raw.contains("/OutputIntents"));
    assert!(raw.contains("/GTS_PDFA1"));
    assert!(raw.contains("/DestOutputProfile"));
    assert!(raw.contains("sRGB IEC61966-2.1"));
    assert!(raw.contains("/ID ["), "document ID in the trailer");
    assert!(!raw.contains("/Encrypt"));
    assert!(!raw.contains("/SMask") && !raw.contains("/Transparency"));
    assert!(raw.starts_with("%PDF-1.7"));

    // Still the same minutes.
    assert!(pdftotext(&path, false).contains("2024/M4-007"));
}

#[test]
fn an_encrypted_pdf_is_refused_as_archive_copy() {
    need(&["qpdf"]);
    let pdf = render_minutes_pdf(&example(), &opts()).unwrap();
    let (dir, path) = temp_pdf(&pdf, "plain.pdf");
    let enc = dir.path().join("enc.pdf");
    run(
        "qpdf",
        &[
            "--encrypt",
            "",
            "owner",
            "256",
            "--",
            path.to_str().unwrap(),
            enc.to_str().unwrap(),
        ],
    );
    let result = to_pdfa(&std::fs::read(&enc).unwrap());
    assert!(
        matches!(
            result,
            Err(ReportError::NotArchivable(_) | ReportError::Pdf(_))
        ),
        "{result:?}"
    );
}

#[test]
fn transparency_is_refused_as_archive_copy() {
    use lopdf::{Object, dictionary};
    let pdf = render_minutes_pdf(&example(), &opts()).unwrap();
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    doc.add_object(dictionary! { "Type" => "ExtGState", "ca" => Object::Real(0.5) });
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let err = to_pdfa(&bytes).unwrap_err();
    assert!(
        matches!(err, ReportError::NotArchivable(ref m) if m.contains("transparency")),
        "{err}"
    );
}

#[test]
fn the_archive_copy_is_reproducible() {
    let a = render_archive_pdf(&example(), &opts()).unwrap();
    let b = render_archive_pdf(&example(), &opts()).unwrap();
    assert_eq!(a, b);
}
