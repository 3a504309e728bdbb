//! The decision register (vedtaksregister) as CSV for spreadsheets (RFC 4180 quoting, `;`,
//! UTF-8 with BOM, formula cells neutralised) and as a PDF table.
//!
//! Both can be made public: the decision of an item exempt from public access is then replaced
//! by its legal basis, and nothing else of it is written.

use chrono::NaiveDateTime;

use super::ReportError;
use super::layout::{
    A4_HEIGHT_PT, A4_WIDTH_PT, Color, Document, Flow, FontFace, MARGIN_LEFT_PT, MARGIN_RIGHT_PT,
    Op, Paginator, Row, Run, TEXT_WIDTH_PT, break_lines, text_width,
};
use crate::model::{ItemKind, Outcome};
use crate::store::{DecisionFilter, DecisionRow};

const SIZE: f32 = 8.5;
const LEAD: f32 = 11.0;
const PAD: f32 = 3.0;
const LEFT: f32 = MARGIN_LEFT_PT;
const RIGHT: f32 = A4_WIDTH_PT - MARGIN_RIGHT_PT;

/// The kind of an item as the register writes it.
#[must_use]
pub fn kind_text(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Decision => "Vedtakssak",
        ItemKind::Information => "Orienteringssak",
        ItemKind::Discussion => "Diskusjonssak",
        ItemKind::OtherBusiness => "Eventuelt",
    }
}

/// An outcome as the register writes it.
#[must_use]
pub fn outcome_text(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        Some(Outcome::Decided) => "Vedtatt",
        Some(Outcome::Noted) => "Tatt til orientering",
        Some(Outcome::Postponed) => "Utsatt",
        None => "",
    }
}

/// The decision as a version of the register shows it: withheld (with the legal basis) for an
/// exempt item in a public version.
fn decision_text(row: &DecisionRow, public: bool) -> String {
    match (&row.exempt, public) {
        (Some(basis), true) => format!("Unntatt offentlighet, {basis}"),
        _ => row.decision.trim().to_owned(),
    }
}

/// The filter in words, for the heading: "Kommunestyret · 2024 · Vedtakssak · Vedtatt".
#[must_use]
pub fn describe_filter(filter: &DecisionFilter) -> String {
    let mut parts = vec![
        filter
            .body
            .clone()
            .unwrap_or_else(|| "Alle organer".to_owned()),
    ];
    parts.push(
        filter
            .year
            .map_or_else(|| "alle år".to_owned(), |y| y.to_string()),
    );
    if let Some(k) = filter.kind {
        parts.push(kind_text(k).to_owned());
    }
    if let Some(o) = filter.outcome {
        parts.push(outcome_text(Some(o)).to_owned());
    }
    parts.join(" · ")
}

/// The field separator: `;`, what spreadsheets in Norwegian locales (decimal comma) expect.
pub const CSV_SEPARATOR: char = ';';

/// The UTF-8 byte order mark the CSV starts with, so spreadsheets read æøå as UTF-8.
pub const CSV_BOM: &str = "\u{feff}";

/// Whether a cell would be taken for a formula by a spreadsheet (the OWASP rule: it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return), also after leading spaces, and also with
/// the full-width forms some spreadsheets accept (`＝`, `＋`, `－`, `＠`).
fn looks_like_formula(text: &str) -> bool {
    text.trim_start_matches(' ').starts_with([
        '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ])
}

/// One CSV field (RFC 4180, with `;` as separator). A cell a spreadsheet would take for a
/// formula gets a leading `'` (shown as text, never run; OWASP "CSV injection"), and is then
/// quoted like any field holding the separator, a quote, a line break or a leading `'`.
fn csv_field(out: &mut String, text: &str) {
    let neutral;
    let text = if looks_like_formula(text) {
        neutral = format!("'{text}");
        neutral.as_str()
    } else {
        text
    };
    if text.contains([CSV_SEPARATOR, ',', '"', '\r', '\n', '\'']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// The register as CSV for spreadsheets: UTF-8 with a byte order mark, `;` between fields,
/// CRLF line ends, a header line, RFC 4180 quoting, and formula-like cells neutralised (see
/// [`csv_field`]). Dates are ISO 8601 (`2024-06-12`), so that they sort.
#[must_use]
pub fn register_csv(rows: &[DecisionRow], public: bool) -> String {
    let mut out = String::with_capacity(rows.len() * 160);
    out.push_str(CSV_BOM);
    let header = [
        "Dato",
        "Organ",
        "Saksnummer",
        "Tittel",
        "Sakstype",
        "Utfall",
        "Vedtak",
        "Unntatt offentlighet",
    ];
    for (i, h) in header.iter().enumerate() {
        if i > 0 {
            out.push(CSV_SEPARATOR);
        }
        csv_field(&mut out, h);
    }
    out.push_str("\r\n");
    for row in rows {
        let fields = [
            row.date.format("%Y-%m-%d").to_string(),
            row.body.clone(),
            row.case.to_string(),
            row.title.clone(),
            kind_text(row.kind).to_owned(),
            outcome_text(row.outcome).to_owned(),
            decision_text(row, public),
            row.exempt.clone().unwrap_or_default(),
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(CSV_SEPARATOR);
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

/// Column left edges and widths: case and date, body, title, decision, outcome.
fn columns() -> [(f32, f32); 5] {
    let widths = [
        66.0,
        86.0,
        112.0,
        TEXT_WIDTH_PT - 66.0 - 86.0 - 112.0 - 58.0,
        58.0,
    ];
    let mut x = LEFT;
    widths.map(|w| {
        let c = (x, w);
        x += w;
        c
    })
}

/// One table row: each cell wrapped in its column, the row as tall as its tallest cell.
fn table_row(cells: &[Vec<Run>], fill: Option<Color>) -> Row {
    let cols = columns();
    let mut text_ops = Vec::new();
    let mut lines_max = 1;
    for ((x, width), runs) in cols.iter().zip(cells) {
        let lines = break_lines(runs, SIZE, width - 2.0 * PAD);
        lines_max = lines_max.max(lines.len());
        for (i, line) in lines.iter().enumerate() {
            let baseline = PAD + i as f32 * LEAD + LEAD / 2.0 + SIZE * 0.35;
            let mut r = Row::default();
            r.push_line(line, x + PAD, baseline, SIZE);
            text_ops.extend(r.ops);
        }
    }
    let height = lines_max as f32 * LEAD + 2.0 * PAD;
    let mut ops = Vec::with_capacity(text_ops.len() + 2);
    if let Some(c) = fill {
        ops.push(Op::Rect {
            x_pt: LEFT,
            y_pt: 0.0,
            width_pt: TEXT_WIDTH_PT,
            height_pt: height,
            fill: Some(c),
            stroke: None,
            line_width_pt: 0.0,
        });
    }
    ops.extend(text_ops);
    ops.push(Op::Line {
        x1_pt: LEFT,
        y1_pt: height,
        x2_pt: RIGHT,
        y2_pt: height,
        width_pt: 0.4,
        color: Color::RULE,
    });
    Row { height, ops }
}

fn run(text: impl Into<String>) -> Run {
    Run::new(text, FontFace::Regular, Color::TEXT)
}

fn bold(text: impl Into<String>) -> Run {
    Run::new(text, FontFace::Bold, Color::TEXT)
}

fn muted(text: impl Into<String>) -> Run {
    Run::new(text, FontFace::Regular, Color::MUTED)
}

/// The register laid out as an A4 table: title, the filter, then one row per decision with a
/// header row repeated on every page; page numbers in the footer.
#[must_use]
pub fn register_document(
    rows: &[DecisionRow],
    filter: &str,
    public: bool,
    generated: NaiveDateTime,
) -> Document {
    let mut flows = Vec::new();
    let title = if public {
        "Vedtaksregister – offentlig versjon"
    } else {
        "Vedtaksregister"
    };
    let heading_rows = |runs: &[Run], size: f32, lead: f32| -> Vec<Row> {
        break_lines(runs, size, TEXT_WIDTH_PT)
            .iter()
            .map(|l| Row::from_line(l, LEFT, size, lead))
            .collect()
    };
    flows.push(Flow {
        rows: heading_rows(&[bold(title)], 16.0, 22.0),
        keep_with_next: true,
        ..Flow::default()
    });
    let count = match rows.len() {
        1 => "1 vedtak".to_owned(),
        n => format!("{n} vedtak"),
    };
    flows.push(Flow {
        rows: heading_rows(&[muted(format!("{filter} · {count}"))], 10.0, 14.0),
        space_after: 10.0,
        keep_with_next: true,
        ..Flow::default()
    });
    let header = table_row(
        &[
            vec![bold("Sak / dato")],
            vec![bold("Organ")],
            vec![bold("Tittel")],
            vec![bold("Vedtak")],
            vec![bold("Utfall")],
        ],
        Some(Color::SHADE),
    );
    flows.push(Flow {
        rows: vec![header.clone()],
        keep_with_next: true,
        ..Flow::default()
    });
    for row in rows {
        let mut title = vec![run(row.title.trim())];
        if let Some(basis) = &row.exempt {
            title.push(Run::new(
                format!("\nUnntatt offentlighet, {basis}"),
                FontFace::Italic,
                Color::ACCENT,
            ));
        }
        let cells = [
            vec![
                run(row.case.to_string()),
                muted(format!("\n{}", row.date.format("%d.%m.%Y"))),
            ],
            vec![run(row.body.trim())],
            title,
            vec![run(decision_text(row, public))],
            vec![run(outcome_text(row.outcome))],
        ];
        flows.push(Flow {
            rows: vec![table_row(&cells, None)],
            repeat: Some(vec![header.clone()]),
            ..Flow::default()
        });
    }
    let mut pages = Paginator::new().run(&flows);
    let total = pages.len();
    let footer = format!(
        "{title} · utskrevet {} kl. {}",
        generated.format("%d.%m.%Y"),
        generated.format("%H:%M")
    );
    for (i, page) in pages.iter_mut().enumerate() {
        let foot_y = A4_HEIGHT_PT - 34.0;
        page.ops.push(Op::Line {
            x1_pt: LEFT,
            y1_pt: foot_y - 12.0,
            x2_pt: RIGHT,
            y2_pt: foot_y - 12.0,
            width_pt: 0.5,
            color: Color::RULE,
        });
        page.ops.push(Op::Text {
            x_pt: LEFT,
            y_pt: foot_y,
            font: FontFace::Regular,
            size_pt: SIZE,
            text: footer.clone(),
            color: Color::MUTED,
        });
        let number = format!("Side {} av {total}", i + 1);
        page.ops.push(Op::Text {
            x_pt: RIGHT - text_width(FontFace::Regular, SIZE, &number),
            y_pt: foot_y,
            font: FontFace::Regular,
            size_pt: SIZE,
            text: number,
            color: Color::MUTED,
        });
    }
    Document {
        title: title.to_owned(),
        author: super::pdf::CREATOR.to_owned(),
        subject: filter.to_owned(),
        pages,
    }
}

/// The register as PDF bytes.
pub fn register_pdf(
    rows: &[DecisionRow],
    filter: &str,
    public: bool,
    generated: NaiveDateTime,
) -> Result<Vec<u8>, ReportError> {
    super::write_pdf(
        &register_document(rows, filter, public, generated),
        generated,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingRef;
    use crate::store::MeetingId;
    use chrono::NaiveDate;

    fn row(title: &str, decision: &str, exempt: Option<&str>) -> DecisionRow {
        DecisionRow {
            meeting: MeetingId(1),
            body: "Samarbeidsrådet for ROR-IKT".into(),
            case: MeetingRef::new(2024, 4).case(3),
            date: NaiveDate::from_ymd_opt(2024, 6, 12).unwrap(),
            title: title.into(),
            kind: ItemKind::Decision,
            outcome: Some(Outcome::Decided),
            decision: decision.into(),
            exempt: exempt.map(Into::into),
        }
    }

    #[test]
    fn csv_quotes_separators_quotes_and_line_breaks() {
        let rows = [
            row("Økonomi; status, mål", "Saken tas til «orientering»", None),
            row("Avtale \"X\"", "Linje 1\nLinje 2", None),
        ];
        let csv = register_csv(&rows, false);
        let csv = csv.strip_prefix(CSV_BOM).expect("the BOM comes first");
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Dato;Organ;Saksnummer;Tittel;Sakstype;Utfall;Vedtak;Unntatt offentlighet"
        );
        assert_eq!(
            lines[1],
            "2024-06-12;Samarbeidsrådet for ROR-IKT;2024/M4-003;\"Økonomi; status, mål\";\
             Vedtakssak;Vedtatt;Saken tas til «orientering»;"
        );
        assert!(lines[2].contains(";\"Avtale \"\"X\"\"\";"), "{}", lines[2]);
        assert!(csv.contains("\"Linje 1\nLinje 2\""));
        assert!(csv.ends_with("\r\n"));
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for (decision, cell) in [
            (
                "=HYPERLINK(\"http://x\";\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"",
            ),
            ("+1+1", "\"'+1+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("＝1", "\"'＝1\""),
            ("Vedtatt = enstemmig", "Vedtatt = enstemmig"),
        ] {
            let csv = register_csv(&[row("T", decision, None)], false);
            let line = csv.split("\r\n").nth(1).unwrap();
            assert!(
                line.contains(&format!(";Vedtatt;{cell};")),
                "{decision:?} came out as {line:?}"
            );
        }
        // Titles are written as typed: a leading tab or carriage return counts too.
        for (title, cell) in [
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("  =1", "\"'  =1\""),
        ] {
            let csv = register_csv(&[row(title, "D", None)], false);
            assert!(
                csv.contains(&format!(";2024/M4-003;{cell};Vedtakssak;")),
                "{title:?} came out as {csv:?}"
            );
        }
    }

    #[test]
    fn a_public_register_withholds_exempt_decisions() {
        let rows = [row(
            "Forhandlinger",
            "Mandatet er 4 millioner",
            Some("offl. § 23"),
        )];
        let public = register_csv(&rows, true);
        assert!(!public.contains("4 millioner"));
        assert!(public.contains("Unntatt offentlighet, offl. § 23"));
        assert!(register_csv(&rows, false).contains("4 millioner"));
        let doc = register_document(&rows, "Alle organer", true, NaiveDateTime::default());
        let text: String = doc
            .pages
            .iter()
            .flat_map(|p| &p.ops)
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(!text.contains("millioner"));
        assert!(text.contains("offl. § 23"));
    }

    #[test]
    fn a_long_register_repeats_its_header_on_every_page() {
        let rows: Vec<DecisionRow> = (0..200)
            .map(|i| {
                row(
                    &format!("Sak {i}"),
                    "Innstillingen vedtas med de endringer som kom fram i møtet.",
                    None,
                )
            })
            .collect();
        let doc = register_document(
            &rows,
            "Alle organer · 2024",
            false,
            NaiveDateTime::default(),
        );
        assert!(doc.pages.len() > 3);
        for page in &doc.pages {
            assert!(
                page.ops
                    .iter()
                    .any(|op| matches!(op, Op::Text { text, .. } if text == "Vedtak"))
            );
        }
        let pdf =
            register_pdf(&rows[..3], "Alle organer", false, NaiveDateTime::default()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn the_filter_is_described_in_words() {
        let f = DecisionFilter {
            body: Some("Kommunestyret".into()),
            year: Some(2024),
            kind: Some(ItemKind::Decision),
            outcome: Some(Outcome::Postponed),
        };
        assert_eq!(
            describe_filter(&f),
            "Kommunestyret · 2024 · Vedtakssak · Utsatt"
        );
        assert_eq!(
            describe_filter(&DecisionFilter::default()),
            "Alle organer · alle år"
        );
    }
}
