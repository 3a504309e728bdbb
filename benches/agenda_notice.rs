//! The notice (innkalling) of a 40-item agenda (about 30 pages of descriptions) rendered to PDF
//! bytes: layout and PDF writing together, as `motebok render notice` does it. Measured in CPU
//! time of the benchmark thread (the machine is shared).
#![allow(
    missing_docs,
    reason = "criterion_group! makes an undocumented function"
)]

#[path = "agenda_support/mod.rs"]
mod agenda_support;

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use motebok::report::{NoticeOptions, render_notice_pdf};

fn bench(c: &mut Criterion) {
    let record = agenda_support::long_agenda();
    let opts = NoticeOptions {
        public: false,
        generated: NaiveDate::from_ymd_opt(2024, 9, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    };
    let pdf = render_notice_pdf(&record, &opts).expect("the notice renders");
    eprintln!("notice of 40 items: {} bytes", pdf.len());
    c.bench_function("notice_pdf_40_items", |b| {
        b.iter_custom(|iters| {
            let start = cpu_time::ThreadTime::now();
            for _ in 0..iters {
                black_box(render_notice_pdf(black_box(&record), &opts).unwrap());
            }
            start.elapsed()
        });
    });
    let public = NoticeOptions {
        public: true,
        ..opts.clone()
    };
    c.bench_function("public_notice_pdf_40_items", |b| {
        b.iter_custom(|iters| {
            let start = cpu_time::ThreadTime::now();
            for _ in 0..iters {
                black_box(render_notice_pdf(black_box(&record), &public).unwrap());
            }
            start.elapsed()
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
