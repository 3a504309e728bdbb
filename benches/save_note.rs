//! Saving the open meeting after the referent changed one note: a 40-item meeting (the long
//! agenda of the agenda benchmarks, with minutes) in a real SQLite file, saved the way the
//! database thread saves it (`Store::save_meeting`). Wall time (the save's disk work counts) and
//! CPU time of the thread (steadier while other work shares the machine).
#![allow(
    missing_docs,
    reason = "criterion_group! makes an undocumented function"
)]

#[path = "agenda_support/mod.rs"]
mod agenda_support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use motebok::model::{ItemText, MeetingStatus};
use motebok::store::{ImportMode, Store};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut store = Store::open(&dir.path().join("bench.sqlite")).expect("a new database");
    let mut record = agenda_support::long_agenda();
    record.meeting.status = MeetingStatus::NoticeSent;
    for (i, item) in record.meeting.items.iter_mut().enumerate() {
        // Attachments need their bytes in the database; the save does not touch them.
        item.attachments.clear();
        item.notes = Some(format!(
            "- Notat til sak {}\n- Ordet ble gitt til møteleder",
            i + 1
        ));
        item.decision = item.proposed_decision.clone();
    }
    let id = store
        .import_record(&record, ImportMode::Refuse)
        .expect("the meeting imports");
    let mut meeting = store.load_meeting(id).expect("it loads").meeting;
    let mut typed = 0_u32;
    // One keystroke more in the notes of item 20, then the save the database thread makes.
    let mut save_one = |store: &mut Store| {
        typed += 1;
        let edit = motebok::model::Edit::SetItemText {
            item: 20,
            field: ItemText::Notes,
            text: format!("- Notat til sak 20\n- Ordet ble gitt til møteleder {typed}"),
        };
        edit.apply(&mut meeting).expect("the edit applies");
        store
            .save_meeting(id, black_box(&meeting))
            .expect("the save succeeds");
    };
    c.bench_function("save_one_changed_note_40_items", |b| {
        b.iter(|| save_one(&mut store));
    });
    // The same in CPU time of this thread: steadier than wall time on a shared machine, but
    // without the time spent waiting for the disk.
    c.bench_function("save_one_changed_note_40_items_cpu", |b| {
        b.iter_custom(|iters| {
            let start = cpu_time::ThreadTime::now();
            for _ in 0..iters {
                save_one(&mut store);
            }
            start.elapsed()
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
