//! The minutes as a reader and an archivist get them: text extractable in order, fonts
//! embedded, metadata, page numbers, draft marking, and the public version's withheld content.

mod report_support;
mod tools;

use motebok::model::{AttendanceStatus, Exemption, MeetingRecord, PersonId};
use motebok::report::layout::{
    A4_HEIGHT_PT, A4_WIDTH_PT, MARGIN_LEFT_PT, MARGIN_RIGHT_PT, text_width,
};
use motebok::report::{Document, MinutesOptions, Op, minutes, render_minutes_pdf};
use report_support::{
    assert_in_order, example, generated, info_field, need, page_count, pages_text, pdftotext, run,
    squash, temp_pdf,
};

fn opts() -> MinutesOptions {
    MinutesOptions {
        generated: generated(),
        ..MinutesOptions::default()
    }
}

/// Text with all whitespace removed: line breaks fall anywhere.
fn nows(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

fn expected_sequence(r: &MeetingRecord) -> Vec<String> {
    let m = &r.meeting;
    let mut seq = vec![
        "Samarbeidsrådet for ROR-IKT".to_owned(),
        "Møtereferat".to_owned(),
        "2024/M4".to_owned(),
        "Dato".to_owned(),
        "12.06.2024".to_owned(),
        "08:15 - 11:00".to_owned(),
        "Del (Storgata 33, 3.etg)".to_owned(),
        "Til stede".to_owned(),
    ];
    for a in m
        .attendance
        .iter()
        .filter(|a| a.status == AttendanceStatus::Present)
    {
        seq.push(r.name_of(&a.person));
    }
    seq.push("Forfall".to_owned());
    seq.push("Spilling, Thormod".to_owned());
    seq.push("Referent".to_owned());
    seq.push("Kristengård, Mette Kristin".to_owned());
    for item in &m.items {
        seq.push(m.case_number(item).to_string());
        seq.push(item.title.clone());
        seq.push("Vedtak:".to_owned());
        seq.push(item.decision.clone().unwrap());
        if !item.guests.is_empty() {
            seq.push("Deltok:".to_owned());
            seq.extend(item.guests.iter().map(|g| r.name_of(g)));
        }
    }
    seq
}

#[test]
fn minutes_text_has_every_item_decision_and_name_in_order() {
    need(&["pdftotext", "pdfinfo"]);
    let r = example();
    let pdf = render_minutes_pdf(&r, &opts()).unwrap();
    let (_dir, path) = temp_pdf(&pdf, "minutes.pdf");
    let expected: Vec<String> = expected_sequence(&r).iter().map(|s| nows(s)).collect();
    for layout in [false, true] {
        let text = pdftotext(&path, layout);
        assert!(text.contains("Økonomi- og aktivitetsrapport"), "æøå intact");
        assert!(text.contains("«patch Tuesdays»"));
        assert!(text.contains("Hustadvika – driftskostnadene"));
        assert!(text.contains("• sluttrapport fra det regionale prosjektet"));
        assert_in_order(&nows(&text), &expected);
    }
    // Notes are extracted as running text: a whole sentence survives line breaking.
    let text = squash(&pdftotext(&path, false));
    assert!(text.contains(
        "Samarbeidsrådet ble gitt en kort orientering om status på phishing-øvelse gjennomført for en kort stund tilbake og hva som planlegges videre i høst."
    ));
}

#[test]
fn minutes_embed_every_font_and_carry_metadata_and_page_numbers() {
    need(&["pdftotext", "pdfinfo", "pdffonts"]);
    let pdf = render_minutes_pdf(&example(), &opts()).unwrap();
    let (_dir, path) = temp_pdf(&pdf, "minutes.pdf");
    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(rows.len() >= 2, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "embedded: {row}");
        assert_eq!(cols[n - 3], "yes", "ToUnicode: {row}");
    }
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info_field(&info, "Title").starts_with("Møtereferat 2024/M4 – Samarbeidsrådet for ROR-IKT"),
        "{info}"
    );
    assert!(
        info_field(&info, "Author").starts_with("Mette Kristin Kristengård"),
        "{info}"
    );
    assert!(
        info_field(&info, "Creator").starts_with("Møtebok"),
        "{info}"
    );
    assert!(
        info_field(&info, "Page size").starts_with("595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    let n = page_count(&path);
    assert!(n >= 2);
    let pages = pages_text(&path, n);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Side {} av {n}", i + 1)),
            "page {}: {page}",
            i + 1
        );
        // The running header names body and meeting from page 2 on.
        assert_eq!(
            page.contains("Samarbeidsrådet for ROR-IKT · Møte 2024/M4"),
            i > 0,
            "page {}",
            i + 1
        );
    }
}

#[test]
fn a_draft_says_utkast_on_every_page_and_a_final_copy_nowhere() {
    need(&["pdftotext", "pdfinfo"]);
    let r = example();
    let draft = render_minutes_pdf(
        &r,
        &MinutesOptions {
            draft: true,
            ..opts()
        },
    )
    .unwrap();
    let (_d1, path) = temp_pdf(&draft, "draft.pdf");
    let n = page_count(&path);
    for (i, page) in pages_text(&path, n).iter().enumerate() {
        assert!(page.contains("UTKAST"), "page {} lacks UTKAST", i + 1);
    }
    // The watermark is on every page of the display list too.
    let doc = minutes(
        &r,
        &MinutesOptions {
            draft: true,
            ..opts()
        },
    );
    for page in &doc.pages {
        assert!(
            page.ops
                .iter()
                .any(|op| matches!(op, Op::RotatedText { text, .. } if text == "UTKAST"))
        );
    }

    let final_copy = render_minutes_pdf(&r, &opts()).unwrap();
    let (_d2, path) = temp_pdf(&final_copy, "final.pdf");
    assert!(!pdftotext(&path, false).to_uppercase().contains("UTKAST"));
    assert!(
        !minutes(&r, &opts())
            .pages
            .iter()
            .flat_map(|p| &p.ops)
            .any(|op| matches!(op, Op::RotatedText { .. }))
    );
}

#[test]
fn the_same_meeting_and_time_give_the_same_bytes() {
    let r = example();
    assert_eq!(
        render_minutes_pdf(&r, &opts()).unwrap(),
        render_minutes_pdf(&r, &opts()).unwrap()
    );
}

/// The example with item 6 exempt under offl. § 24, a link in its notes.
fn exempt_example() -> MeetingRecord {
    let mut r = example();
    let item = &mut r.meeting.items[5];
    item.exempt = Some(Exemption {
        basis: "offl. § 24".to_owned(),
    });
    item.notes = Some(format!(
        "{}\n\nSe https://hemmelig.example.org/forhandlingsposisjon for tallene.",
        item.notes.clone().unwrap()
    ));
    item.description = Some("Forhandlingsnotat om leverandørens anbud.".to_owned());
    r
}

/// Words of item 6's withheld content that occur nowhere else in the minutes.
fn secret_words(r: &MeetingRecord) -> Vec<String> {
    let item = &r.meeting.items[5];
    let mut elsewhere = String::new();
    for (i, other) in r.meeting.items.iter().enumerate() {
        if i != 5 {
            elsewhere.push_str(other.notes.as_deref().unwrap_or(""));
            elsewhere.push_str(other.decision.as_deref().unwrap_or(""));
            elsewhere.push_str(&other.title);
        }
    }
    for p in r.people.iter().filter(|p| !item.guests.contains(&p.id)) {
        elsewhere.push_str(&p.name);
    }
    let mut secret = format!(
        "{} {} {}",
        item.notes.as_deref().unwrap(),
        item.decision.as_deref().unwrap(),
        item.description.as_deref().unwrap()
    );
    for g in &item.guests {
        secret.push(' ');
        secret.push_str(&r.name_of(g));
    }
    let mut words: Vec<String> = secret
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().count() >= 7 && !elsewhere.contains(*w))
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn all_text(doc: &Document) -> String {
    doc.pages
        .iter()
        .flat_map(|p| &p.ops)
        .filter_map(|op| match op {
            Op::Text { text, .. } | Op::RotatedText { text, .. } => Some(text.as_str()),
            Op::Link { url, .. } => Some(url.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_public_version_withholds_every_word_of_an_exempt_item() {
    need(&["pdftotext", "qpdf"]);
    let r = exempt_example();
    let words = secret_words(&r);
    assert!(
        words.len() > 20,
        "enough distinctive words to check: {words:?}"
    );
    assert!(words.iter().any(|w| w == "Frøystad") && words.iter().any(|w| w == "Sjøholt"));
    let public = MinutesOptions {
        public: true,
        ..opts()
    };

    // Not in the display list.
    let doc = minutes(&r, &public);
    let laid = all_text(&doc);
    for w in &words {
        assert!(
            !laid.contains(w.as_str()),
            "«{w}» in the public display list"
        );
    }

    let pdf = render_minutes_pdf(&r, &public).unwrap();
    let (dir, path) = temp_pdf(&pdf, "public.pdf");
    // Not in the extracted text, but the item, its title and basis are there.
    let text = pdftotext(&path, false);
    for w in &words {
        assert!(
            !text.contains(w.as_str()),
            "«{w}» extracted from the public PDF"
        );
    }
    assert!(text.contains("2024/M4-006"));
    assert!(text.contains("Helseplattformen og tjenesteeierskap"));
    assert!(text.contains("Unntatt offentlighet, offl. § 24"));
    assert!(text.contains("Offentlig versjon"));
    // The other items keep their content.
    assert!(text.contains("Sande, Elisabeth"));

    // Not in the file's bytes once every stream is decompressed (links, metadata...).
    let qdf = dir.path().join("public-qdf.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&path)
        .arg(&qdf)
        .status()
        .unwrap();
    assert!(status.success());
    let raw = std::fs::read(&qdf).unwrap();
    let raw_text = String::from_utf8_lossy(&raw);
    assert!(!raw_text.contains("hemmelig.example.org"));
    for w in &words {
        assert!(
            !raw_text.contains(w.as_str()),
            "«{w}» in the raw public PDF"
        );
        let utf16: Vec<u8> = w.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(!raw.windows(utf16.len()).any(|x| x == utf16.as_slice()));
    }

    // The internal version has it all.
    let internal = render_minutes_pdf(&r, &opts()).unwrap();
    let (_d, ipath) = temp_pdf(&internal, "internal.pdf");
    let itext = pdftotext(&ipath, false);
    assert!(itext.contains("Frøystad, John Helge"));
    assert!(itext.contains("Unntatt offentlighet, offl. § 24"));
}

#[test]
fn the_public_version_can_show_an_exempt_decision_when_asked() {
    let r = exempt_example();
    let decision = r.meeting.items[5].decision.clone().unwrap();
    let first_words: String = decision
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let shown = minutes(
        &r,
        &MinutesOptions {
            public: true,
            public_decision: true,
            ..opts()
        },
    );
    assert!(all_text(&shown).contains(&first_words));
    assert!(
        !all_text(&shown).contains("Frøystad"),
        "notes and guests stay withheld"
    );
    let hidden = minutes(
        &r,
        &MinutesOptions {
            public: true,
            ..opts()
        },
    );
    assert!(!all_text(&hidden).contains(&first_words));
}

#[test]
fn no_line_is_wider_than_the_text_area_even_with_a_300_character_url() {
    let mut r = example();
    let url = format!(
        "https://app.boarddecisions.com/web/#/groupdecisions?groupId=f13b44aa-a243-40a8-883a-22348653c68f&channelId={}",
        "19:908e2d1694974034804bcc2dfb156e71@thread.tacv2&".repeat(4)
    );
    assert!(url.len() >= 300);
    let long_word =
        "Dokumentasjonsforvaltningsområdesamarbeidsavtaleforhandlingsgrunnlag".repeat(2);
    r.meeting.items[3].notes = Some(format!(
        "Lenke: {url}\n\n- punkt med {url}\n  - underpunkt: {long_word}\n\n[Lysbilder]({url})"
    ));
    r.meeting.items[4].decision = Some(format!("Vedtatt. Se {url} og {long_word}."));
    r.meeting.items[2].title = format!("Tittel med {long_word}");
    let doc = minutes(&r, &opts());
    let right = A4_WIDTH_PT - MARGIN_RIGHT_PT + 0.01;
    let mut lines = 0;
    for (n, page) in doc.pages.iter().enumerate() {
        for op in &page.ops {
            if let Op::Text {
                x_pt,
                y_pt,
                font,
                size_pt,
                text,
                ..
            } = op
            {
                let end = x_pt + text_width(*font, *size_pt, text);
                assert!(
                    end <= right,
                    "page {}: «{text}» ends at {end} > {right}",
                    n + 1
                );
                assert!(
                    *x_pt >= MARGIN_LEFT_PT - 0.01,
                    "«{text}» starts left of the margin"
                );
                assert!(*y_pt > 0.0 && *y_pt < A4_HEIGHT_PT, "«{text}» off the page");
                lines += 1;
            }
        }
    }
    assert!(lines > 100);
    // The URL is all there, broken over lines, and clickable.
    assert!(nows(&all_text(&doc)).contains(&url));
    let link_areas = doc
        .pages
        .iter()
        .flat_map(|p| &p.ops)
        .filter(|op| matches!(op, Op::Link { url: u, .. } if *u == url))
        .count();
    assert!(link_areas >= 3, "{link_areas} link areas");
}

#[test]
fn late_arrivals_deputies_and_votes_are_recorded() {
    use motebok::model::Vote;
    let mut r = example();
    let m = &mut r.meeting;
    m.attendance[2].arrived_item = Some(3);
    m.attendance[3].status = AttendanceStatus::Deputy;
    m.attendance[3].deputy_for = Some(PersonId::from("spilling-t"));
    m.items[4].vote = Some(Vote::Counted {
        for_votes: 5,
        against: 2,
        abstaining: 0,
    });
    let text = all_text(&minutes(&r, &opts()));
    let text = squash(&text);
    assert!(
        text.contains("Langøy, Gerd Marit (fra sak 2024/M4-003)"),
        "{text}"
    );
    assert!(text.contains("Ersvik, Per Sverre (vara for Spilling, Thormod)"));
    assert!(text.contains("Votering:"));
    assert!(text.contains("Vedtatt med 5 mot 2 stemmer"));
}

#[test]
fn no_item_heading_is_left_alone_at_the_bottom_of_a_page() {
    use motebok::model::CaseNumber;
    // The example's items six times over, every other time with a long decision: headings
    // land at every height of the page.
    let mut r = example();
    let base = r.meeting.items.clone();
    r.meeting.items.clear();
    for k in 0..6 {
        for item in &base {
            let mut item = item.clone();
            if k % 2 == 1 {
                let notes: String = item
                    .notes
                    .clone()
                    .unwrap_or_default()
                    .chars()
                    .take(400 + 97 * k)
                    .collect();
                item.decision = Some(format!("{notes} {}", item.decision.unwrap_or_default()));
            }
            r.meeting.items.push(item);
        }
    }
    r.meeting.renumber_items();
    let doc = minutes(&r, &opts());
    assert!(doc.pages.len() > 8);
    let mut headings = 0;
    for (n, page) in doc.pages.iter().enumerate() {
        let texts: Vec<(&str, f32)> = page
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, y_pt, .. } => Some((text.as_str(), *y_pt)),
                _ => None,
            })
            .collect();
        for (text, y) in &texts {
            if CaseNumber::parse(text).is_ok() {
                headings += 1;
                assert!(
                    texts
                        .iter()
                        .any(|(t, y2)| t.starts_with("Vedtak:") && y2 > y),
                    "page {}: heading {text} without its decision below it",
                    n + 1
                );
            }
        }
    }
    assert_eq!(headings, 42);
}

#[test]
fn line_breaks_numbered_lists_and_prose_after_a_list_render_as_typed() {
    need(&["pdftotext"]);
    let mut r = example();
    r.meeting.items[0].notes = Some(
        "Første linje\nAndre linje\n\n1. Budsjett\n2. Regnskap\n- Et punkt\nProsa etter listen"
            .to_owned(),
    );
    let pdf = render_minutes_pdf(&r, &opts()).unwrap();
    let (_dir, path) = temp_pdf(&pdf, "minutes.pdf");
    let text = pdftotext(&path, true);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.ends_with(needle))
            .unwrap_or_else(|| panic!("no line ends with «{needle}»:\n{text}"))
    };
    // A single line break stays one: two lines, not one joined paragraph.
    assert_eq!(lines[at("Første linje")], "Første linje");
    assert_eq!(at("Andre linje"), at("Første linje") + 1);
    // Numbered items keep their numbers, each on its own line.
    assert!(lines[at("Budsjett")].starts_with("1."), "{text}");
    assert!(lines[at("Regnskap")].starts_with("2."), "{text}");
    assert_eq!(at("Regnskap"), at("Budsjett") + 1);
    // Prose after the list is no bullet and not joined to the last item.
    assert!(lines[at("Et punkt")].starts_with('•'), "{text}");
    assert_eq!(lines[at("Prosa etter listen")], "Prosa etter listen");
}
