//! One frame of the Saksliste pane with a 40-item agenda (about 30 pages of descriptions), the
//! 20th item selected in the editor; with the Markdown preview off and on. A frame is the
//! pane's UI pass plus tessellation (all the CPU work eframe does before the GPU). Measured in CPU
//! time of the benchmark thread (the machine is shared), median in
//! `target/criterion/saksliste_frame_40_items/new/estimates.json`.
#![allow(
    missing_docs,
    reason = "criterion_group! makes an undocumented function"
)]

#[path = "agenda_support/mod.rs"]
mod agenda_support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use motebok::app::OpenMeeting;
use motebok::app::agenda::AgendaState;
use motebok::store::MeetingId;
use motebok::ui::{AgendaData, Runtime, agenda_bench_frame};

/// The app's fonts: egui's own with `DejaVu Sans` behind them (for ☰, ✖, §, arrows).
fn fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(dejavu::sans::regular())),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
}

fn input(t: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 860.0),
        )),
        time: Some(t),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let open = OpenMeeting::for_bench(MeetingId(1), agenda_support::long_agenda());
    let state = AgendaState::default();
    let people = open.record.people.clone();
    let data = AgendaData {
        state: &state,
        people: &people,
    };
    for preview in [false, true] {
        let ctx = egui::Context::default();
        fonts(&ctx);
        let mut runtime = Runtime {
            selected_item: Some(20),
            ..Runtime::default()
        };
        runtime.agenda.set_previews(preview);
        let mut t = 0.0;
        let mut frame = |runtime: &mut Runtime| {
            t += 1.0 / 60.0;
            let mut commands = Vec::new();
            let mut out = ctx.run_ui(input(t), |ui| {
                agenda_bench_frame(ui, &open, data, runtime, &mut commands);
            });
            // What eframe does next on the CPU: turn the shapes into triangles.
            let shapes = std::mem::take(&mut out.shapes);
            black_box(ctx.tessellate(shapes, out.pixels_per_point));
            out.textures_delta.clear();
            black_box((out, commands));
        };
        // Warm up: fonts, layout caches, panel sizes.
        for _ in 0..5 {
            frame(&mut runtime);
        }
        let name = if preview {
            "saksliste_frame_40_items_with_preview"
        } else {
            "saksliste_frame_40_items"
        };
        c.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let start = cpu_time::ThreadTime::now();
                for _ in 0..iters {
                    frame(&mut runtime);
                }
                start.elapsed()
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
