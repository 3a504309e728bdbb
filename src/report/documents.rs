//! The documents the secretariat produces, laid out from a [`MeetingRecord`]:
//! the minutes (møtereferat, also as public version and draft) and the notice (innkalling).
//!
//! Exempt content (an item with [`crate::model::Exemption`]) is never laid out in a public
//! version: its notes, guests, description and (unless asked for) decision are not read at all,
//! so they cannot reach the PDF.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

use super::layout::{
    A4_HEIGHT_PT, A4_WIDTH_PT, Color, Document, Flow, FontFace, Line, MARGIN_LEFT_PT,
    MARGIN_RIGHT_PT, Op, Page, Paginator, Row, Run, Shade, TEXT_WIDTH_PT, break_lines, text_width,
};
use crate::model::{
    Attendance, AttendanceStatus, Block, Deadline, Item, ItemKind, MeetingRecord, Outcome,
    PersonId, Span, parse_inline, parse_markdown,
};

/// How to produce the minutes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // independent yes/no choices of one rendering
pub struct MinutesOptions {
    /// The public version: exempt items show only case number, title and legal basis.
    pub public: bool,
    /// With `public`: still show the decision of an exempt item.
    pub public_decision: bool,
    /// A draft: every page is marked «UTKAST».
    pub draft: bool,
    /// When the document is produced (metadata and footer).
    pub generated: NaiveDateTime,
    /// A rendering of minutes that are signed: every page says it is an unsigned copy (the
    /// signed minutes are the stored signed PDF).
    pub unsigned_copy: bool,
    /// Minutes to be signed electronically: the signatories as (name, role). When not empty,
    /// the signature block lists them instead of lines to sign on by hand.
    pub signatories: Vec<(String, String)>,
}

/// How to produce the notice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticeOptions {
    /// The public version: exempt items show only case number, title and legal basis.
    pub public: bool,
    /// When the document is produced (metadata and footer).
    pub generated: NaiveDateTime,
}

// Type sizes (points) and line heights.
const BODY: f32 = 10.0;
const BODY_LEAD: f32 = 14.2;
const SMALL: f32 = 8.5;
const SMALL_LEAD: f32 = 11.5;
const HEADING: f32 = 11.5;
const HEADING_LEAD: f32 = 15.0;
const SECTION: f32 = 13.0;
const LEFT: f32 = MARGIN_LEFT_PT;
const RIGHT: f32 = A4_WIDTH_PT - MARGIN_RIGHT_PT;
const LABEL_COL: f32 = 84.0;

/// «12.06.2024».
fn short_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// «onsdag 12. juni 2024».
fn long_date(d: NaiveDate) -> String {
    let day = match d.weekday() {
        Weekday::Mon => "mandag",
        Weekday::Tue => "tirsdag",
        Weekday::Wed => "onsdag",
        Weekday::Thu => "torsdag",
        Weekday::Fri => "fredag",
        Weekday::Sat => "lørdag",
        Weekday::Sun => "søndag",
    };
    let month = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ][d.month0() as usize];
    format!("{day} {}. {month} {}", d.day(), d.year())
}

fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Decision => "Vedtakssak",
        ItemKind::Information => "Orienteringssak",
        ItemKind::Discussion => "Diskusjonssak",
        ItemKind::OtherBusiness => "Eventuelt",
    }
}

fn plain(text: impl Into<String>) -> Run {
    Run::new(text, FontFace::Regular, Color::TEXT)
}

fn bold(text: impl Into<String>) -> Run {
    Run::new(text, FontFace::Bold, Color::TEXT)
}

fn rows_of(lines: &[Line], x: f32, size: f32, leading: f32) -> Vec<Row> {
    lines
        .iter()
        .map(|l| Row::from_line(l, x, size, leading))
        .collect()
}

/// A flow of wrapped text.
fn text_flow(runs: &[Run], size: f32, leading: f32, x: f32, width: f32) -> Flow {
    Flow {
        rows: rows_of(&break_lines(runs, size, width), x, size, leading),
        ..Flow::default()
    }
}

/// The runs of Markdown spans.
fn span_runs(spans: &[Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| Run {
            text: s.text.clone(),
            font: FontFace::new(s.bold, s.italic),
            color: if s.link.is_some() {
                Color::LINK
            } else {
                Color::TEXT
            },
            link: s.link.clone(),
        })
        .collect()
}

/// The digits of `n` and its dot, as a width in ems for a list number's column.
fn digits(n: u32) -> f32 {
    // At most ten digits: exact as f32.
    #[allow(clippy::cast_precision_loss)]
    let count = (n.checked_ilog10().unwrap_or(0) + 1) as f32;
    count + 0.4
}

/// Flows for a Markdown text: paragraphs and bullets with hanging indents per level.
fn markdown_flows(text: &str, out: &mut Vec<Flow>) {
    const MARKERS: [&str; 3] = ["•", "–", "◦"];
    let mut prev_bullet = false;
    let blocks = parse_markdown(text);
    for (bi, block) in blocks.iter().enumerate() {
        let parent_of_next = match (block, blocks.get(bi + 1)) {
            (Block::Bullet { level, .. }, Some(Block::Bullet { level: next, .. })) => next > level,
            _ => false,
        };
        match block {
            Block::Paragraph(spans) => {
                let mut f = text_flow(&span_runs(spans), BODY, BODY_LEAD, LEFT, TEXT_WIDTH_PT);
                f.space_before = 6.0;
                out.push(f);
                prev_bullet = false;
            }
            Block::Bullet {
                level,
                number,
                spans,
            } => {
                let marker_x = LEFT + 4.0 + *level as f32 * 15.0;
                // A number takes more room than a bullet: «10.» and the space after it.
                let (marker, text_x) = match number {
                    Some(n) => (format!("{n}."), marker_x + 6.0 + BODY * 0.55 * digits(*n)),
                    None => (MARKERS[level % MARKERS.len()].to_owned(), marker_x + 11.0),
                };
                let lines = break_lines(&span_runs(spans), BODY, RIGHT - text_x);
                let mut rows = rows_of(&lines, text_x, BODY, BODY_LEAD);
                if rows.is_empty() {
                    rows.push(Row {
                        height: BODY_LEAD,
                        ops: Vec::new(),
                    });
                }
                rows[0].ops.insert(
                    0,
                    Op::Text {
                        x_pt: marker_x,
                        y_pt: BODY_LEAD / 2.0 + BODY * 0.35,
                        font: FontFace::Regular,
                        size_pt: BODY,
                        text: marker,
                        color: Color::TEXT,
                    },
                );
                out.push(Flow {
                    rows,
                    space_before: if prev_bullet { 1.5 } else { 6.0 },
                    keep_with_next: parent_of_next,
                    ..Flow::default()
                });
                prev_bullet = true;
            }
        }
    }
}

/// A labelled line of the header table («Dato», «Til stede»...).
fn field_flow(label: &str, runs: &[Run]) -> Flow {
    let lines = break_lines(runs, BODY, TEXT_WIDTH_PT - LABEL_COL);
    let mut rows = rows_of(&lines, LEFT + LABEL_COL, BODY, BODY_LEAD);
    if rows.is_empty() {
        rows.push(Row {
            height: BODY_LEAD,
            ops: Vec::new(),
        });
    }
    rows[0].ops.insert(
        0,
        Op::Text {
            x_pt: LEFT,
            y_pt: BODY_LEAD / 2.0 + BODY * 0.35,
            font: FontFace::Bold,
            size_pt: BODY,
            text: label.to_owned(),
            color: Color::MUTED,
        },
    );
    Flow {
        rows,
        space_before: 2.5,
        keep_together: true,
        ..Flow::default()
    }
}

/// A shaded box with a bold label before the text (Vedtak, Forslag til vedtak).
fn boxed_flow(label: &str, text: &str) -> Flow {
    let mut runs = vec![bold(format!("{label} "))];
    runs.push(plain(text.trim()));
    let inner_x = LEFT + 12.0;
    let mut f = text_flow(&runs, BODY, BODY_LEAD, inner_x, RIGHT - 8.0 - inner_x);
    f.shade = Some(Shade {
        x: LEFT,
        width: TEXT_WIDTH_PT,
        fill: Color::SHADE,
        bar: Some(Color::ACCENT),
        pad: 5.0,
    });
    f.space_before = 7.0;
    f
}

/// The title block of page 1.
fn title_flows(body: &str, title: &str, subtitle: &str, marks: &[&str], out: &mut Vec<Flow>) {
    out.push(text_flow(
        &[Run::new(body, FontFace::Regular, Color::MUTED)],
        11.0,
        15.0,
        LEFT,
        TEXT_WIDTH_PT,
    ));
    let mut t = text_flow(&[bold(title)], 24.0, 30.0, LEFT, TEXT_WIDTH_PT);
    t.space_before = 2.0;
    out.push(t);
    out.push(text_flow(
        &[plain(subtitle)],
        12.0,
        16.0,
        LEFT,
        TEXT_WIDTH_PT,
    ));
    if !marks.is_empty() {
        let mut m = text_flow(
            &[Run::new(marks.join(" · "), FontFace::Bold, Color::ACCENT)],
            10.0,
            14.0,
            LEFT,
            TEXT_WIDTH_PT,
        );
        m.space_before = 2.0;
        out.push(m);
    }
    out.push(Flow {
        rows: vec![Row {
            height: 10.0,
            ops: vec![Op::Line {
                x1_pt: LEFT,
                y1_pt: 6.0,
                x2_pt: RIGHT,
                y2_pt: 6.0,
                width_pt: 1.2,
                color: Color::ACCENT,
            }],
        }],
        space_before: 4.0,
        space_after: 4.0,
        ..Flow::default()
    });
}

/// Width of the case number column of item headings.
fn number_column(record: &MeetingRecord) -> f32 {
    let m = &record.meeting;
    let widest = m
        .items
        .iter()
        .map(|i| text_width(FontFace::Bold, HEADING, &m.case_number(i).to_string()))
        .fold(0.0f32, f32::max);
    widest + 12.0
}

/// The heading of an item: case number, then the title wrapping in its own column.
fn item_heading(record: &MeetingRecord, item: &Item, number_col: f32) -> Flow {
    let title = if item.title.trim().is_empty() {
        "(uten tittel)"
    } else {
        item.title.trim()
    };
    let lines = break_lines(&[bold(title)], HEADING, TEXT_WIDTH_PT - number_col);
    let mut rows = rows_of(&lines, LEFT + number_col, HEADING, HEADING_LEAD);
    if let Some(first) = rows.first_mut() {
        first.ops.insert(
            0,
            Op::Text {
                x_pt: LEFT,
                y_pt: HEADING_LEAD / 2.0 + HEADING * 0.35,
                font: FontFace::Bold,
                size_pt: HEADING,
                text: record.meeting.case_number(item).to_string(),
                color: Color::ACCENT,
            },
        );
        first.ops.insert(
            0,
            Op::Line {
                x1_pt: LEFT,
                y1_pt: -7.0,
                x2_pt: RIGHT,
                y2_pt: -7.0,
                width_pt: 0.5,
                color: Color::RULE,
            },
        );
    }
    Flow {
        rows,
        space_before: 20.0,
        keep_with_next: true,
        ..Flow::default()
    }
}

fn small_flow(runs: &[Run]) -> Flow {
    let mut f = text_flow(runs, SMALL, SMALL_LEAD, LEFT, TEXT_WIDTH_PT);
    f.space_before = 1.5;
    f.keep_with_next = true;
    f
}

fn muted(text: impl Into<String>) -> Run {
    Run::new(text, FontFace::Regular, Color::MUTED)
}

/// «Vedtakssak · Saksansvarlig: Gjørtz, Fred · 20 min».
fn meta_line(record: &MeetingRecord, item: &Item, with_minutes: bool) -> Flow {
    let mut parts = vec![kind_label(item.kind).to_owned()];
    if !item.presenters.is_empty() {
        parts.push(format!(
            "Saksansvarlig: {}",
            names(record, &item.presenters)
        ));
    }
    if with_minutes && let Some(min) = item.planned_minutes {
        parts.push(format!("{min} min"));
    }
    if let Some(from) = &item.postponed_from {
        parts.push(format!("Utsatt fra {from}"));
    }
    if item.outcome == Some(Outcome::Postponed) {
        parts.push("Utsatt til neste møte".to_owned());
    }
    small_flow(&[muted(parts.join(" · "))])
}

fn exemption_flow(basis: &str) -> Flow {
    let mut f = text_flow(
        &[Run::new(
            format!("Unntatt offentlighet, {}", basis.trim()),
            FontFace::BoldItalic,
            Color::ACCENT,
        )],
        BODY,
        BODY_LEAD,
        LEFT,
        TEXT_WIDTH_PT,
    );
    f.space_before = 4.0;
    f
}

/// List names joined with semicolons (the names themselves hold commas).
fn names(record: &MeetingRecord, ids: &[PersonId]) -> String {
    ids.iter()
        .map(|id| record.name_of(id))
        .collect::<Vec<_>>()
        .join("; ")
}

/// An attendee's list name with deputy, arrival, departure and note.
fn attendee(record: &MeetingRecord, a: &Attendance) -> String {
    let mut extra = Vec::new();
    if a.status == AttendanceStatus::Deputy {
        if let Some(member) = &a.deputy_for {
            extra.push(format!("vara for {}", record.name_of(member)));
        } else {
            extra.push("vara".to_owned());
        }
    }
    if let Some(t) = a.arrived {
        extra.push(format!("fra kl. {}", t.format("%H:%M")));
    }
    if let Some(n) = a.arrived_item {
        extra.push(format!("fra sak {}", record.meeting.reference.case(n)));
    }
    if let Some(t) = a.left {
        extra.push(format!("til kl. {}", t.format("%H:%M")));
    }
    if let Some(n) = a.left_after_item {
        extra.push(format!(
            "til og med sak {}",
            record.meeting.reference.case(n)
        ));
    }
    if let Some(n) = a.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        extra.push(n.to_owned());
    }
    let name = record.name_of(&a.person);
    if extra.is_empty() {
        name
    } else {
        format!("{name} ({})", extra.join(", "))
    }
}

fn attendees(record: &MeetingRecord, pred: impl Fn(AttendanceStatus) -> bool) -> String {
    record
        .meeting
        .attendance
        .iter()
        .filter(|a| pred(a.status))
        .map(|a| attendee(record, a))
        .collect::<Vec<_>>()
        .join("; ")
}

fn time_span(record: &MeetingRecord) -> Option<String> {
    let m = &record.meeting;
    match (m.start, m.end) {
        (Some(s), Some(e)) => Some(format!("{} - {}", s.format("%H:%M"), e.format("%H:%M"))),
        (Some(s), None) => Some(format!("fra kl. {}", s.format("%H:%M"))),
        (None, Some(e)) => Some(format!("til kl. {}", e.format("%H:%M"))),
        (None, None) => None,
    }
}

/// Running header (from page 2), footer with page numbers, and the draft watermark.
fn finish_pages(pages: &mut [Page], header: &str, header_right: &str, footer: &str, draft: bool) {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let mut back = Vec::new();
        if draft {
            back.push(watermark("UTKAST"));
        }
        page.ops.splice(0..0, back);
        if i > 0 {
            page.ops.push(Op::Text {
                x_pt: LEFT,
                y_pt: 40.0,
                font: FontFace::Regular,
                size_pt: SMALL,
                text: header.to_owned(),
                color: Color::MUTED,
            });
            page.ops.push(Op::Text {
                x_pt: RIGHT - text_width(FontFace::Bold, SMALL, header_right),
                y_pt: 40.0,
                font: FontFace::Bold,
                size_pt: SMALL,
                text: header_right.to_owned(),
                color: Color::MUTED,
            });
            page.ops.push(Op::Line {
                x1_pt: LEFT,
                y1_pt: 46.0,
                x2_pt: RIGHT,
                y2_pt: 46.0,
                width_pt: 0.5,
                color: Color::RULE,
            });
        }
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
            size_pt: SMALL,
            text: footer.to_owned(),
            color: Color::MUTED,
        });
        let number = format!("Side {} av {total}", i + 1);
        page.ops.push(Op::Text {
            x_pt: RIGHT - text_width(FontFace::Regular, SMALL, &number),
            y_pt: foot_y,
            font: FontFace::Regular,
            size_pt: SMALL,
            text: number,
            color: Color::MUTED,
        });
    }
}

/// Large light-grey diagonal text across the middle of an A4 page.
fn watermark(text: &str) -> Op {
    let size = 120.0;
    let angle = (A4_HEIGHT_PT / A4_WIDTH_PT).atan();
    let w = text_width(FontFace::Bold, size, text);
    let cap = size * 0.73;
    let (sin, cos) = angle.sin_cos();
    let (cx, cy) = (A4_WIDTH_PT / 2.0, A4_HEIGHT_PT / 2.0);
    Op::RotatedText {
        x_pt: cx - w / 2.0 * cos + cap / 2.0 * sin,
        y_pt: cy + w / 2.0 * sin + cap / 2.0 * cos,
        font: FontFace::Bold,
        size_pt: size,
        text: text.to_owned(),
        color: Color::WATERMARK,
        angle_deg: angle.to_degrees(),
    }
}

fn generated_note(t: NaiveDateTime) -> String {
    format!(
        "Utskrevet {} kl. {}",
        t.format("%d.%m.%Y"),
        t.format("%H:%M")
    )
}

/// A person's surname (the part of the list name before the comma).
fn surname(record: &MeetingRecord, id: &PersonId) -> String {
    let name = record.name_of(id);
    name.split_once(',')
        .map_or(name.as_str(), |(s, _)| s)
        .trim()
        .to_owned()
}

/// A line with a bold label and plain text, e.g. «Deltok: ...».
fn labelled_flow(label: &str, text: &str, space_before: f32) -> Flow {
    let mut f = text_flow(
        &[bold(format!("{label} ")), plain(text)],
        BODY,
        BODY_LEAD,
        LEFT,
        TEXT_WIDTH_PT,
    );
    f.space_before = space_before;
    f
}

/// «Inhabil: ...» lines for the members who left the room for this item.
fn disqualification_flows(record: &MeetingRecord, item: &Item, out: &mut Vec<Flow>) {
    for d in record
        .meeting
        .disqualifications
        .iter()
        .filter(|d| d.item == item.number)
    {
        let reason = d.reason.trim();
        let text = if reason.is_empty() {
            format!(
                "{} fratrådte under behandlingen av saken.",
                record.name_of(&d.person)
            )
        } else {
            format!(
                "{} fratrådte under behandlingen av saken ({reason}).",
                record.name_of(&d.person)
            )
        };
        out.push(labelled_flow("Inhabil:", &text, 5.0));
    }
}

/// The vote result line under a decision.
fn vote_flow(record: &MeetingRecord, item: &Item) -> Option<Flow> {
    let vote = item.vote.as_ref()?;
    let line = vote.result_line(&|id: &PersonId| surname(record, id));
    Some(labelled_flow("Votering:", &line, 5.0))
}

/// «Oppfølging»: one bullet per task with who and by when.
fn follow_up_flows(record: &MeetingRecord, item: &Item, out: &mut Vec<Flow>) {
    if item.follow_ups.is_empty() {
        return;
    }
    let mut head = text_flow(&[bold("Oppfølging:")], BODY, BODY_LEAD, LEFT, TEXT_WIDTH_PT);
    head.space_before = 7.0;
    head.keep_with_next = true;
    out.push(head);
    for f in &item.follow_ups {
        let mut spans: Vec<Span> = parse_markdown(&f.task)
            .iter()
            .flat_map(|b| {
                let mut v = b.spans().to_vec();
                v.push(Span::plain(" "));
                v
            })
            .collect();
        if spans.is_empty() {
            spans = parse_inline(&f.task);
        }
        let mut runs = span_runs(&spans);
        let mut meta = Vec::new();
        if let Some(p) = &f.responsible {
            meta.push(format!("Ansvarlig: {}", record.name_of(p)));
        }
        match &f.deadline {
            Some(Deadline::Date(d)) => meta.push(format!("Frist: {}", short_date(*d))),
            Some(Deadline::Text(t)) if !t.trim().is_empty() => {
                meta.push(format!("Frist: {}", t.trim()));
            }
            _ => {}
        }
        if let Some(done) = f.done {
            meta.push(format!("Utført {}", short_date(done)));
        }
        if !meta.is_empty() {
            runs.push(muted(format!("– {}", meta.join(" · "))));
        }
        let marker_x = LEFT + 4.0;
        let text_x = marker_x + 11.0;
        let mut rows = rows_of(
            &break_lines(&runs, BODY, RIGHT - text_x),
            text_x,
            BODY,
            BODY_LEAD,
        );
        if let Some(first) = rows.first_mut() {
            first.ops.insert(
                0,
                Op::Text {
                    x_pt: marker_x,
                    y_pt: BODY_LEAD / 2.0 + BODY * 0.35,
                    font: FontFace::Regular,
                    size_pt: BODY,
                    text: "•".to_owned(),
                    color: Color::TEXT,
                },
            );
        }
        out.push(Flow {
            rows,
            space_before: 1.5,
            ..Flow::default()
        });
    }
}

/// «Vedlegg: a.pdf; b.pdf».
fn attachments_flow(item: &Item) -> Option<Flow> {
    if item.attachments.is_empty() {
        return None;
    }
    let list = item
        .attachments
        .iter()
        .map(|a| a.name.trim())
        .collect::<Vec<_>>()
        .join("; ");
    Some(labelled_flow("Vedlegg:", &list, 6.0))
}

/// The signature block of minutes signed electronically: who signs, in which role.
fn electronic_signature_flow(signatories: &[(String, String)]) -> Flow {
    let col = (TEXT_WIDTH_PT - 30.0) / 2.0;
    let mut rows = vec![Row {
        height: 34.0,
        ops: vec![
            Op::Text {
                x_pt: LEFT,
                y_pt: 14.0,
                font: FontFace::Bold,
                size_pt: BODY,
                text: "Underskrifter".to_owned(),
                color: Color::TEXT,
            },
            Op::Text {
                x_pt: LEFT,
                y_pt: 28.0,
                font: FontFace::Regular,
                size_pt: SMALL,
                text: "Signert elektronisk. Signaturene med tidspunkt vises i PDF-leserens \
                       signaturpanel."
                    .to_owned(),
                color: Color::MUTED,
            },
        ],
    }];
    for pair in signatories.chunks(2) {
        let mut ops = Vec::new();
        for (i, (name, role)) in pair.iter().enumerate() {
            let x = LEFT + (col + 30.0) * i as f32;
            let name = crate::model::display_name(name);
            ops.push(Op::Text {
                x_pt: x,
                y_pt: 16.0,
                font: FontFace::Regular,
                size_pt: BODY,
                text: name,
                color: Color::TEXT,
            });
            ops.push(Op::Text {
                x_pt: x,
                y_pt: 28.0,
                font: FontFace::Regular,
                size_pt: SMALL,
                text: role.clone(),
                color: Color::MUTED,
            });
        }
        rows.push(Row { height: 36.0, ops });
    }
    Flow {
        rows,
        space_before: 30.0,
        keep_together: true,
        ..Flow::default()
    }
}

/// The signature block: place and date, chair and referent.
fn signature_flow(record: &MeetingRecord) -> Flow {
    let m = &record.meeting;
    let name = |id: &Option<PersonId>| {
        id.as_ref()
            .and_then(|id| record.person(id))
            .map(crate::model::Person::display_name)
            .unwrap_or_default()
    };
    let col = (TEXT_WIDTH_PT - 30.0) / 2.0;
    let mut ops = Vec::new();
    let mut slot = |x: f32, y: f32, name: String, role: &str| {
        ops.push(Op::Line {
            x1_pt: x,
            y1_pt: y,
            x2_pt: x + col,
            y2_pt: y,
            width_pt: 0.6,
            color: Color::TEXT,
        });
        let mut ty = y + 13.0;
        if !name.is_empty() {
            ops.push(Op::Text {
                x_pt: x,
                y_pt: ty,
                font: FontFace::Regular,
                size_pt: BODY,
                text: name,
                color: Color::TEXT,
            });
            ty += 12.0;
        }
        ops.push(Op::Text {
            x_pt: x,
            y_pt: ty,
            font: FontFace::Regular,
            size_pt: SMALL,
            text: role.to_owned(),
            color: Color::MUTED,
        });
    };
    slot(LEFT, 30.0, String::new(), "Sted og dato");
    slot(LEFT, 92.0, name(&m.chair), "Møteleder");
    slot(LEFT + col + 30.0, 92.0, name(&m.referent), "Referent");
    let mut rows = vec![Row {
        height: 22.0,
        ops: vec![Op::Text {
            x_pt: LEFT,
            y_pt: 14.0,
            font: FontFace::Bold,
            size_pt: BODY,
            text: "Underskrifter".to_owned(),
            color: Color::TEXT,
        }],
    }];
    rows.push(Row { height: 100.0, ops });
    Flow {
        rows,
        space_before: 30.0,
        keep_together: true,
        ..Flow::default()
    }
}

/// Selects the attendance rows of one group («Til stede», «Forfall»...).
type AttendanceFilter = fn(AttendanceStatus) -> bool;

/// The minutes (møtereferat) of a meeting.
#[must_use]
pub fn minutes(record: &MeetingRecord, opts: &MinutesOptions) -> Document {
    let m = &record.meeting;
    let body = record.body.name.trim();
    let meeting_ref = m.reference.to_string();
    let mut flows = Vec::new();

    let mut marks = Vec::new();
    if opts.draft {
        marks.push("UTKAST");
    }
    if opts.public {
        marks.push("Offentlig versjon");
    }
    if opts.unsigned_copy {
        marks.push("Usignert kopi");
    }
    title_flows(
        body,
        "Møtereferat",
        &format!("Møte {meeting_ref} · {}", long_date(m.date)),
        &marks,
        &mut flows,
    );

    flows.push(field_flow("Dato", &[plain(short_date(m.date))]));
    if let Some(t) = time_span(record) {
        flows.push(field_flow("Tid", &[plain(t)]));
    }
    if !m.place.trim().is_empty() {
        flows.push(field_flow("Sted", &[plain(m.place.trim())]));
    }
    if let Some(chair) = &m.chair {
        flows.push(field_flow("Møteleder", &[plain(record.name_of(chair))]));
    }
    let groups: [(&str, AttendanceFilter); 4] = [
        ("Til stede", |s| {
            matches!(s, AttendanceStatus::Present | AttendanceStatus::Deputy)
        }),
        ("Forfall", |s| s == AttendanceStatus::Absent),
        ("Ikke møtt", |s| s == AttendanceStatus::AbsentNoNotice),
        ("Ikke registrert", |s| s == AttendanceStatus::Summoned),
    ];
    for (label, pred) in groups {
        let list = attendees(record, pred);
        if !list.is_empty() || label == "Til stede" {
            flows.push(field_flow(label, &[plain(list)]));
        }
    }
    if let Some(referent) = &m.referent {
        flows.push(field_flow("Referent", &[plain(record.name_of(referent))]));
    }

    let number_col = number_column(record);
    for item in &m.items {
        flows.push(item_heading(record, item, number_col));
        let withheld = opts.public && item.exempt.is_some();
        if !withheld {
            flows.push(meta_line(record, item, false));
        }
        if let Some(ex) = &item.exempt {
            flows.push(exemption_flow(&ex.basis));
        }
        if !withheld {
            disqualification_flows(record, item, &mut flows);
        }
        if !withheld || opts.public_decision {
            if let Some(decision) = item.decision.as_deref().filter(|d| !d.trim().is_empty()) {
                flows.push(boxed_flow("Vedtak:", decision));
            }
            flows.extend(vote_flow(record, item));
        }
        if withheld {
            continue;
        }
        if !item.guests.is_empty() {
            flows.push(labelled_flow("Deltok:", &names(record, &item.guests), 7.0));
        }
        if let Some(notes) = &item.notes {
            markdown_flows(notes, &mut flows);
        }
        follow_up_flows(record, item, &mut flows);
        flows.extend(attachments_flow(item));
    }
    if opts.signatories.is_empty() {
        flows.push(signature_flow(record));
    } else {
        flows.push(electronic_signature_flow(&opts.signatories));
    }

    let mut pages = Paginator::new().run(&flows);
    let mut kind = String::from("Møtereferat");
    if opts.public {
        kind.push_str(" – offentlig versjon");
    }
    if opts.draft {
        kind.push_str(" – UTKAST");
    }
    if opts.unsigned_copy {
        kind.push_str(" – usignert kopi");
    }
    let mut footer = generated_note(opts.generated);
    if opts.draft {
        footer.push_str(" · Utkast, ikke godkjent");
    }
    if opts.unsigned_copy {
        footer.push_str(" · Usignert kopi av signert referat");
    }
    finish_pages(
        &mut pages,
        &format!("{body} · Møte {meeting_ref}"),
        &kind,
        &footer,
        opts.draft,
    );

    let mut title = format!("Møtereferat {meeting_ref} – {body}");
    if opts.public {
        title.push_str(" (offentlig versjon)");
    }
    if opts.draft {
        title.push_str(" (utkast)");
    }
    let author = m
        .referent
        .as_ref()
        .and_then(|id| record.person(id))
        .map_or_else(|| body.to_owned(), crate::model::Person::display_name);
    Document {
        title,
        author,
        subject: format!(
            "Møtereferat fra møte {meeting_ref} i {body}, {}",
            short_date(m.date)
        ),
        pages,
    }
}

/// One row of the agenda table.
fn agenda_row(cells: &[(f32, f32, Vec<Run>)], size: f32, lead: f32, fill: Option<Color>) -> Row {
    let pad = 4.0;
    let mut ops = Vec::new();
    let mut lines_max = 1;
    let mut text_ops = Vec::new();
    for (x, width, runs) in cells {
        let lines = break_lines(runs, size, *width);
        lines_max = lines_max.max(lines.len());
        for (i, line) in lines.iter().enumerate() {
            let mut r = Row::from_line(line, *x, size, lead);
            for op in &mut r.ops {
                shift(op, pad + i as f32 * lead);
            }
            text_ops.extend(r.ops);
        }
    }
    let height = lines_max as f32 * lead + 2.0 * pad;
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
        width_pt: 0.5,
        color: Color::RULE,
    });
    Row { height, ops }
}

fn shift(op: &mut Op, dy: f32) {
    match op {
        Op::Text { y_pt, .. }
        | Op::RotatedText { y_pt, .. }
        | Op::Rect { y_pt, .. }
        | Op::Link { y_pt, .. } => *y_pt += dy,
        Op::Line { y1_pt, y2_pt, .. } => {
            *y1_pt += dy;
            *y2_pt += dy;
        }
    }
}

fn section_heading(text: &str) -> Flow {
    let mut f = text_flow(&[bold(text)], SECTION, 18.0, LEFT, TEXT_WIDTH_PT);
    f.space_before = 18.0;
    f.space_after = 2.0;
    f.keep_with_next = true;
    f
}

/// The notice (innkalling) of a meeting: time and place, who is summoned, the agenda, and
/// each item with its description and proposed decision.
#[must_use]
pub fn notice(record: &MeetingRecord, opts: &NoticeOptions) -> Document {
    notice_with_changes(record, opts, None)
}

/// What the notice says about an item that changed after the notice was sent: a short mark
/// for the agenda table and a sentence for the item.
fn change_marks(
    record: &MeetingRecord,
    sent: Option<&crate::model::agenda::NoticeBaseline>,
    item: &Item,
) -> Option<(&'static str, String)> {
    use crate::model::agenda::{ItemChange, item_change};
    if record.meeting.status == crate::model::MeetingStatus::Planned {
        return None;
    }
    match item_change(sent?, item)? {
        ItemChange::Added => Some((
            "Ny etter innkallingen",
            "Saken er lagt til etter at innkallingen ble sendt.".to_owned(),
        )),
        ItemChange::Changed(fields) => Some((
            "Endret etter innkallingen",
            format!(
                "Endret etter at innkallingen ble sendt: {}.",
                fields
                    .iter()
                    .map(|f| f.name_nb())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The notice, with every item that differs from `sent` (the agenda as the notice was sent,
/// see [`crate::model::agenda::NoticeBaseline`]) marked as changed or added after the notice.
/// Without `sent`, or while the meeting is still planned, it is [`notice`].
#[must_use]
pub fn notice_with_changes(
    record: &MeetingRecord,
    opts: &NoticeOptions,
    sent: Option<&crate::model::agenda::NoticeBaseline>,
) -> Document {
    let m = &record.meeting;
    let body = record.body.name.trim();
    let meeting_ref = m.reference.to_string();
    let mut flows = Vec::new();
    let marks: &[&str] = if opts.public {
        &["Offentlig versjon"]
    } else {
        &[]
    };
    title_flows(
        body,
        "Innkalling",
        &format!("Møte {meeting_ref} · {}", long_date(m.date)),
        marks,
        &mut flows,
    );
    flows.push(field_flow("Dato", &[plain(short_date(m.date))]));
    if let Some(t) = time_span(record) {
        flows.push(field_flow("Tid", &[plain(t)]));
    }
    if !m.place.trim().is_empty() {
        flows.push(field_flow("Sted", &[plain(m.place.trim())]));
    }
    if let Some(chair) = &m.chair {
        flows.push(field_flow("Møteleder", &[plain(record.name_of(chair))]));
    }
    flows.push(field_flow("Innkalt", &[plain(attendees(record, |_| true))]));
    if let Some(referent) = &m.referent {
        flows.push(field_flow("Referent", &[plain(record.name_of(referent))]));
    }

    // The agenda table.
    flows.push(section_heading("Saksliste"));
    let number_col = number_column(record);
    let presenter_col = 150.0;
    let title_x = LEFT + number_col;
    let pres_x = RIGHT - presenter_col;
    let cols = |a: Vec<Run>, b: Vec<Run>, c: Vec<Run>| {
        vec![
            (LEFT + 4.0, number_col - 8.0, a),
            (title_x, pres_x - title_x - 10.0, b),
            (pres_x, presenter_col - 4.0, c),
        ]
    };
    let header = agenda_row(
        &cols(
            vec![bold("Saksnr.")],
            vec![bold("Sak")],
            vec![bold("Saksansvarlig")],
        ),
        9.0,
        12.5,
        Some(Color::SHADE),
    );
    flows.push(Flow {
        rows: vec![header.clone()],
        keep_with_next: true,
        ..Flow::default()
    });
    for item in &m.items {
        let withheld = opts.public && item.exempt.is_some();
        let mut title = vec![plain(item.title.trim())];
        if let (Some(ex), true) = (&item.exempt, withheld) {
            title.push(Run::new(
                format!("\nUnntatt offentlighet, {}", ex.basis.trim()),
                FontFace::Italic,
                Color::ACCENT,
            ));
        }
        if let Some((mark, _)) = change_marks(record, sent, item) {
            title.push(Run::new(
                format!("\n{mark}"),
                FontFace::Italic,
                Color::ACCENT,
            ));
        }
        let presenters = if withheld {
            Vec::new()
        } else {
            item.presenters
                .iter()
                .map(|p| record.name_of(p))
                .collect::<Vec<_>>()
        };
        let row = agenda_row(
            &cols(
                vec![plain(m.case_number(item).to_string())],
                title,
                vec![plain(presenters.join("\n"))],
            ),
            9.5,
            13.0,
            None,
        );
        flows.push(Flow {
            rows: vec![row],
            repeat: Some(vec![header.clone()]),
            ..Flow::default()
        });
    }

    // The items.
    flows.push(section_heading("Saker"));
    for item in &m.items {
        flows.push(item_heading(record, item, number_col));
        let withheld = opts.public && item.exempt.is_some();
        if !withheld {
            flows.push(meta_line(record, item, true));
        }
        if let Some(ex) = &item.exempt {
            flows.push(exemption_flow(&ex.basis));
        }
        if let Some((_, sentence)) = change_marks(record, sent, item) {
            let mut f = text_flow(
                &[Run::new(sentence, FontFace::Italic, Color::ACCENT)],
                BODY,
                BODY_LEAD,
                LEFT,
                TEXT_WIDTH_PT,
            );
            f.space_before = 4.0;
            flows.push(f);
        }
        if withheld {
            continue;
        }
        if let Some(d) = &item.description {
            markdown_flows(d, &mut flows);
        }
        flows.extend(attachments_flow(item));
        if let Some(p) = item
            .proposed_decision
            .as_deref()
            .filter(|p| !p.trim().is_empty())
        {
            flows.push(boxed_flow("Forslag til vedtak:", p));
        }
    }

    let mut pages = Paginator::new().run(&flows);
    let mut kind = String::from("Innkalling");
    if opts.public {
        kind.push_str(" – offentlig versjon");
    }
    finish_pages(
        &mut pages,
        &format!("{body} · Møte {meeting_ref}"),
        &kind,
        &generated_note(opts.generated),
        false,
    );
    let author = m
        .chair
        .as_ref()
        .and_then(|id| record.person(id))
        .map_or_else(|| body.to_owned(), crate::model::Person::display_name);
    let mut title = format!("Innkalling {meeting_ref} – {body}");
    if opts.public {
        title.push_str(" (offentlig versjon)");
    }
    Document {
        title,
        author,
        subject: format!(
            "Innkalling til møte {meeting_ref} i {body}, {}",
            short_date(m.date)
        ),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_norwegian_way() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 12).unwrap();
        assert_eq!(short_date(d), "12.06.2024");
        assert_eq!(long_date(d), "onsdag 12. juni 2024");
    }
}
