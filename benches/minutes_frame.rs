//! One frame of the Referat pane in meeting mode while the referent types into the notes, on
//! a 40-item meeting whose notes total about 30 pages. Each frame gets one typed character;
//! its edit is applied to the meeting before the next frame, as the app does after a frame.
//!
//! Besides criterion's estimate, it prints the median and 99th percentile of the frames' CPU
//! time (the thread's own CPU time, with wall time beside it).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use motebok::app::{Command, Core, OpenMeeting};
use motebok::model::{
    Attendance, AttendanceStatus, FollowUp, Item, ItemKind, Meeting, MeetingRecord, MeetingRef,
    MeetingStatus, Vote,
};
use motebok::store::{MeetingId, Store};
use motebok::ui::{Runtime, bench_style, minutes_bench_frame};

const SENTENCES: [&str; 6] = [
    "Samarbeidsrådet ble orientert om økonomistatus og oversikt over aktiviteter for ROR-IKT siden forrige rapportering.",
    "Udir må ta hensyn til Microsoft sine «patch Tuesdays» i planleggingen av eksamen for å unngå at elevene blir heftet bort.",
    "I forbindelse med balansering av Molde kommune sitt budsjett har også ROR-IKT blitt oppfordret til å levere inn forslag til kutt.",
    "Kommunene lanserte Helseplattformen i fjerde kvartal 2023 og innføringsprosjektet er i ferd med å avsluttes.",
    "Det blir **viktig** å sørge for samkjørt og optimalisert bruk av Helseplattformen i alle kommunene.",
    "Samarbeidsrådet ber om at kommunalsjefene blir involvert i utarbeidelsen av et beslutningsgrunnlag med kostnadsindikasjon.",
];

/// About 2,300 characters of notes: paragraphs and a two-level list.
fn notes(seed: usize) -> String {
    let s = |k: usize| SENTENCES[(seed + k) % SENTENCES.len()];
    let mut out = String::new();
    for p in 0..3 {
        let _ = write!(out, "{} {} {}\n\n", s(p), s(p + 1), s(p + 2));
    }
    for b in 0..4 {
        let _ = writeln!(out, "- {}", s(b));
        let _ = writeln!(out, "  - {}", s(b + 3));
    }
    out
}

/// The demo council with a 40-item meeting held today, notes ~30 pages in all.
fn long_meeting() -> MeetingRecord {
    let people = motebok::app::demo::demo_people();
    let attendance = people
        .iter()
        .map(|p| Attendance::new(p.id.clone(), AttendanceStatus::Present))
        .collect();
    let items = (1..=40)
        .map(|n| Item {
            proposed_decision: Some("Saken tas til orientering".into()),
            decision: Some("Saken tas til orientering".into()),
            notes: Some(notes(n as usize)),
            presenters: vec![people[n as usize % people.len()].id.clone()],
            planned_minutes: Some(15),
            vote: (n % 5 == 0).then_some(Vote::Counted {
                for_votes: 4,
                against: 1,
                abstaining: 0,
            }),
            follow_ups: vec![FollowUp {
                task: "Lage et beslutningsgrunnlag".into(),
                responsible: Some(people[0].id.clone()),
                ..FollowUp::default()
            }],
            ..Item::new(
                n,
                format!("Sak nummer {n} om felles tjenester"),
                ItemKind::Decision,
            )
        })
        .collect();
    MeetingRecord {
        body: motebok::app::demo::demo_body(),
        people,
        meeting: Meeting {
            reference: MeetingRef::new(2024, 4),
            date: chrono::Local::now().date_naive(),
            status: MeetingStatus::Held,
            attendance,
            items,
            ..Meeting::default()
        },
    }
}

fn input(t: f64, events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 860.0),
        )),
        time: Some(t),
        events,
        focused: true,
        ..Default::default()
    }
}

/// The thread's CPU time so far.
fn thread_cpu() -> Option<Duration> {
    cpu_time::ThreadTime::try_now()
        .ok()
        .map(|t| t.as_duration())
}

/// The pane, the app state it draws from, and a clock.
struct Bench {
    ctx: egui::Context,
    core: Core,
    runtime: Runtime,
    t: f64,
    typed: usize,
}

impl Bench {
    fn new() -> Self {
        let store = Store::open_in_memory().expect("an in-memory database");
        let mut core = Core::new(store, Box::new(|| {}));
        core.open = Some(OpenMeeting::for_bench(MeetingId(1), long_meeting()));
        let ctx = egui::Context::default();
        bench_style(&ctx);
        let mut runtime = Runtime {
            selected_item: Some(20),
            ..Runtime::default()
        };
        runtime.minutes.meeting_mode = true;
        let mut b = Self {
            ctx,
            core,
            runtime,
            t: 0.0,
            typed: 0,
        };
        // Warm up (fonts, layout caches), then focus the notes with Alt+N.
        for _ in 0..5 {
            b.frame(Vec::new());
        }
        let alt_n = |pressed| egui::Event::Key {
            key: egui::Key::N,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::ALT,
        };
        b.frame(vec![alt_n(true), alt_n(false)]);
        for _ in 0..3 {
            b.frame(Vec::new());
        }
        b
    }

    /// One frame with `events`; returns the edits it made (applied afterwards, as the app does).
    fn frame(&mut self, events: Vec<egui::Event>) -> Vec<Command> {
        self.t += 1.0 / 60.0;
        let mut commands = Vec::new();
        let (core, runtime) = (&self.core, &mut self.runtime);
        let mut out = self.ctx.run_ui(input(self.t, events), |ui| {
            minutes_bench_frame(ui, core, runtime, &mut commands);
        });
        out.textures_delta.clear();
        black_box(&out);
        commands
    }

    /// Types one key: the timed frame, then the edit applied to the meeting. Characters and
    /// Backspace alternate, so the note keeps its length however many frames run.
    fn type_one(&mut self) -> Duration {
        self.typed += 1;
        let event = if self.typed % 2 == 1 {
            egui::Event::Text("ø".to_owned())
        } else {
            egui::Event::Key {
                key: egui::Key::Backspace,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            }
        };
        let start = Instant::now();
        let commands = self.frame(vec![event]);
        let took = start.elapsed();
        self.apply(commands);
        took
    }

    fn apply(&mut self, commands: Vec<Command>) {
        let open = self.core.open.as_mut().expect("open");
        for c in commands {
            if let Command::Edit(e) = c {
                let _ = e.apply(&mut open.record.meeting);
            }
        }
    }

    fn notes_len(&self) -> usize {
        let open = self.core.open.as_ref().expect("open");
        open.record.meeting.items[19]
            .notes
            .as_ref()
            .map_or(0, String::len)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let mut b = Bench::new();
    let before = b.notes_len();
    b.type_one();
    assert!(
        b.notes_len() > before,
        "a typed character reaches the notes"
    );
    b.type_one();
    assert_eq!(b.notes_len(), before, "Backspace takes it away again");

    // Percentiles of CPU time per frame.
    let frames = if bench_mode { 3000 } else { 30 };
    let mut cpu = Vec::with_capacity(frames);
    let mut wall = Vec::with_capacity(frames);
    for _ in 0..frames {
        let c0 = thread_cpu();
        let w = b.type_one();
        if let (Some(c0), Some(c1)) = (c0, thread_cpu()) {
            cpu.push(c1.saturating_sub(c0));
        }
        wall.push(w);
    }
    cpu.sort();
    wall.sort();
    if !cpu.is_empty() {
        println!(
            "referat_frame_typing_40_items: CPU median {:?}, p99 {:?}; wall median {:?}, p99 {:?} ({frames} frames)",
            percentile(&cpu, 0.5),
            percentile(&cpu, 0.99),
            percentile(&wall, 0.5),
            percentile(&wall, 0.99),
        );
    }

    let mut c = Criterion::default().configure_from_args();
    let mut b = Bench::new();
    c.bench_function("referat_frame_typing_40_items", |bencher| {
        bencher.iter_custom(|iters| (0..iters).map(|_| b.type_one()).sum());
    });
    c.final_summary();
}
