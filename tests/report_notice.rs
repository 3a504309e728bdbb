//! The notice: the agenda in order with presenters, each item's description and proposed
//! decision, and the public notice's withheld content.

mod report_support;
mod tools;

use motebok::model::Exemption;
use motebok::report::{NoticeOptions, Op, notice, render_notice_pdf};
use report_support::{
    assert_in_order, example_with_descriptions, generated, info_field, need, page_count, pdftotext,
    run, squash, temp_pdf,
};

fn opts() -> NoticeOptions {
    NoticeOptions {
        generated: generated(),
        ..NoticeOptions::default()
    }
}

#[test]
fn the_agenda_lists_every_case_title_and_presenter_in_order() {
    need(&["pdftotext", "pdfinfo"]);
    let r = example_with_descriptions();
    let pdf = render_notice_pdf(&r, &opts()).unwrap();
    let (_dir, path) = temp_pdf(&pdf, "notice.pdf");
    let text = pdftotext(&path, true);
    let start = text.find("Saksliste").expect("an agenda");
    let end = text[start..]
        .find("Saker")
        .map(|e| start + e)
        .expect("the items follow");
    let agenda = &text[start..end];
    let m = &r.meeting;
    let mut expected = Vec::new();
    for item in &m.items {
        expected.push(m.case_number(item).to_string());
        expected.push(item.title.clone());
        expected.extend(item.presenters.iter().map(|p| r.name_of(p)));
    }
    assert_in_order(agenda, &expected);

    // Then each item with its description and proposed decision, in order.
    let all = squash(&pdftotext(&path, false));
    let mut expected = vec!["Innkalling".to_owned(), "Innkalt".to_owned()];
    expected.extend(m.attendance.iter().map(|a| r.name_of(&a.person)));
    for item in &m.items {
        expected.push(m.case_number(item).to_string());
        expected.push(item.title.clone());
        expected.push(format!("Saken gjelder {}.", item.title.to_lowercase()));
        expected.push("Forslag til vedtak:".to_owned());
    }
    assert_in_order(&all, &expected);
    assert!(all.contains("• første punkt"));
    assert!(all.contains("underpunkt med æøå"));
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info_field(&info, "Title").starts_with("Innkalling 2024/M4 – Samarbeidsrådet for ROR-IKT"),
        "{info}"
    );
    let n = page_count(&path);
    assert!(all.contains(&format!("Side {n} av {n}")));
}

#[test]
fn the_public_notice_shows_only_number_title_and_basis_of_an_exempt_item() {
    need(&["pdftotext", "qpdf"]);
    let mut r = example_with_descriptions();
    let item = &mut r.meeting.items[4];
    item.exempt = Some(Exemption {
        basis: "offl. § 23".to_owned(),
    });
    item.description = Some(
        "Forhandlingsposisjon: **maksimalpris** 1,2 mill. kr, se https://intern.example.org/anbud"
            .to_owned(),
    );
    item.proposed_decision = Some("Rammen økes til tolvhundretusen kroner.".to_owned());
    let secret = [
        "Forhandlingsposisjon",
        "maksimalpris",
        "intern.example.org",
        "tolvhundretusen",
    ];

    let doc = notice(
        &r,
        &NoticeOptions {
            public: true,
            ..opts()
        },
    );
    for op in doc.pages.iter().flat_map(|p| &p.ops) {
        if let Op::Text { text, .. } | Op::Link { url: text, .. } = op {
            for s in secret {
                assert!(!text.contains(s), "«{s}» in the public notice");
            }
        }
    }
    let pdf = render_notice_pdf(
        &r,
        &NoticeOptions {
            public: true,
            ..opts()
        },
    )
    .unwrap();
    let (dir, path) = temp_pdf(&pdf, "public-notice.pdf");
    let text = squash(&pdftotext(&path, false));
    for s in secret {
        assert!(!text.contains(s), "«{s}» extracted");
    }
    assert!(text.contains("2024/M4-005"));
    assert!(text.contains("Anskaffelse av eByggesak for Hustadvika"));
    assert!(text.contains("Unntatt offentlighet, offl. § 23"));
    let qdf = dir.path().join("qdf.pdf");
    run(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            path.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    for s in secret {
        assert!(!raw.contains(s), "«{s}» in the raw bytes");
    }

    // The internal notice keeps it.
    let internal = render_notice_pdf(&r, &opts()).unwrap();
    let (_d, ipath) = temp_pdf(&internal, "notice.pdf");
    assert!(pdftotext(&ipath, false).contains("maksimalpris"));
}
