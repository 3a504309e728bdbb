//! Attachments (vedlegg): stored by SHA-256, carried in the meeting package byte for byte,
//! refused when unreadable or over 100 MB, and attached through the real app.

mod common;

use base64::Engine as _;
use egui_kittest::kittest::Queryable;
use motebok::app::Command;
use motebok::app::agenda::{AgendaCommand, export_attachments, read_attachment_file};
use motebok::model::agenda::{MAX_ATTACHMENT_BYTES, sha256_hex};
use motebok::package;
use motebok::store::{ImportMode, Store};

const EXAMPLE: &str = include_str!("../assets/demo/2024-M4.motebok.json");

/// Bytes that use every byte value, so base64 and storage are both exercised.
fn sample(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| u8::try_from((i * 7 + i / 256) % 256).unwrap())
        .collect()
}

#[test]
fn attachments_round_trip_through_the_package_with_identical_sha256() {
    let mut a = Store::open_in_memory().unwrap();
    let id = a
        .import_record(&package::read(EXAMPLE).unwrap(), ImportMode::Refuse)
        .unwrap();
    let pdf = sample(300_000);
    let notes = "Notat med æøå\n".repeat(50).into_bytes();
    let first = a
        .store_attachment("Aktivitetsrapport 2024.pdf", &pdf)
        .unwrap();
    let second = a.store_attachment("Notat – Åndalsnes.txt", &notes).unwrap();
    assert_eq!(first.sha256, sha256_hex(&pdf));
    let mut m = a.load_meeting(id).unwrap().meeting;
    m.items[3].attachments = vec![first.clone(), second.clone()];
    m.items[6].attachments = vec![first.clone()];
    a.save_meeting(id, &m).unwrap();

    let record = a.load_meeting(id).unwrap();
    let blobs = a.attachment_blobs(&record.meeting).unwrap();
    assert_eq!(blobs.len(), 2, "the same file twice is carried once");
    let text = package::write_with_attachments(&record, &blobs);
    assert!(
        text.contains("\"attachments\": ["),
        "{}",
        &text[..2000.min(text.len())]
    );
    assert!(text.contains(&format!("\"sha256\": \"{}\"", first.sha256)));

    // Into a second database: the same files, the same hashes.
    let (back, back_blobs) = package::read_with_attachments(&text).unwrap();
    assert_eq!(
        back.meeting.items[3].attachments,
        vec![first.clone(), second.clone()]
    );
    let mut b = Store::open_in_memory().unwrap();
    let id_b = b
        .import_with_attachments(&back, &back_blobs, ImportMode::Refuse)
        .unwrap();
    let loaded = b.load_meeting(id_b).unwrap();
    assert_eq!(
        loaded.meeting.items[3].attachments,
        vec![first.clone(), second.clone()]
    );
    assert_eq!(loaded.meeting.items[6].attachments, vec![first.clone()]);
    let data = b.attachment_data(&first.sha256).unwrap();
    assert_eq!(sha256_hex(&data), first.sha256);
    assert_eq!(data, pdf);
    assert_eq!(b.attachment_data(&second.sha256).unwrap(), notes);

    // Exporting again gives the same bytes.
    let again =
        package::write_with_attachments(&loaded, &b.attachment_blobs(&loaded.meeting).unwrap());
    assert_eq!(again, text);
    // And the plain package (no data) round trips too.
    let plain = package::write(&loaded);
    assert!(!plain.contains("\"data\""));
    assert_eq!(package::write(&package::read(&plain).unwrap()), plain);

    // Exported to a folder, the files are byte for byte what was attached.
    let dir = tempfile::tempdir().unwrap();
    let written = export_attachments(
        &b,
        &[first.clone(), second.clone(), first.clone()],
        dir.path(),
    )
    .unwrap();
    assert_eq!(written.len(), 3);
    assert_eq!(std::fs::read(&written[0]).unwrap(), pdf);
    assert!(
        written[2]
            .to_string_lossy()
            .ends_with("Aktivitetsrapport 2024 (2).pdf")
    );
    assert_eq!(std::fs::read(&written[1]).unwrap(), notes);
}

#[test]
fn a_damaged_or_missing_attachment_in_a_package_is_refused_with_its_path() {
    let mut a = Store::open_in_memory().unwrap();
    let id = a
        .import_record(&package::read(EXAMPLE).unwrap(), ImportMode::Refuse)
        .unwrap();
    let att = a.store_attachment("x.pdf", b"original bytes").unwrap();
    let mut m = a.load_meeting(id).unwrap().meeting;
    m.items[1].attachments = vec![att.clone()];
    a.save_meeting(id, &m).unwrap();
    let record = a.load_meeting(id).unwrap();
    let text =
        package::write_with_attachments(&record, &a.attachment_blobs(&record.meeting).unwrap());

    // Changed bytes (same length) no longer match the hash.
    let good = base64::engine::general_purpose::STANDARD.encode(b"original bytes");
    let bad = base64::engine::general_purpose::STANDARD.encode(b"ORIGINAL bytes");
    let err = package::read(&text.replace(&good, &bad))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("meeting.items[1].attachments[0].data"),
        "{err}"
    );
    assert!(err.contains("do not match sha256"), "{err}");

    // A package without the data imports only where the content is already known.
    let plain = package::write(&record);
    let (r, blobs) = package::read_with_attachments(&plain).unwrap();
    assert!(blobs.is_empty());
    let mut fresh = Store::open_in_memory().unwrap();
    let err = fresh
        .import_with_attachments(&r, &blobs, ImportMode::Refuse)
        .unwrap_err()
        .to_string();
    assert!(err.contains("meeting.items[1].attachments[0]"), "{err}");
    assert!(
        fresh.list_meetings().unwrap().is_empty(),
        "nothing was imported"
    );
    assert!(
        a.import_with_attachments(&r, &blobs, ImportMode::Replace)
            .is_ok(),
        "the database that has the bytes accepts it"
    );
}

#[test]
fn a_file_over_100_mb_or_unreadable_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("Stor video.mp4");
    // 101 MB, sparse: the size is checked before anything is read.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(101 * 1_000_000).unwrap();
    drop(f);
    let err = read_attachment_file(&big).unwrap_err();
    assert!(
        err.contains("«Stor video.mp4» er for stor (101,0 MB)"),
        "{err}"
    );
    assert!(err.contains("100,0 MB"), "{err}");

    let exact = dir.path().join("grense.bin");
    let f = std::fs::File::create(&exact).unwrap();
    f.set_len(MAX_ATTACHMENT_BYTES).unwrap();
    drop(f);
    assert_eq!(
        read_attachment_file(&exact).unwrap().1.len() as u64,
        MAX_ATTACHMENT_BYTES
    );

    let missing = dir.path().join("finnes-ikke.pdf");
    let err = read_attachment_file(&missing).unwrap_err();
    assert!(err.contains("«finnes-ikke.pdf» kunne ikke leses"), "{err}");
    let err = read_attachment_file(dir.path()).unwrap_err();
    assert!(err.contains("er ikke en fil"), "{err}");
}

#[test]
fn files_are_attached_through_the_app_and_a_101_mb_file_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("Saksfremlegg.pdf");
    std::fs::write(&small, sample(5_000)).unwrap();
    let big = dir.path().join("Opptak.mov");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(101 * 1024 * 1024)
        .unwrap();

    let (mut h, path) = common::app_harness_at();
    // Item 4 of the demo meeting, as the file dialog or a drop would do it.
    h.state_mut()
        .core
        .run(vec![Command::Agenda(AgendaCommand::AttachFiles {
            item: 4,
            paths: vec![small.clone(), big.clone()],
        })]);
    common::settle(&mut h);
    let open = h.state().core.open.as_ref().unwrap();
    let attached = &open.record.meeting.items[3].attachments;
    assert_eq!(attached.len(), 1, "only the small file is attached");
    assert_eq!(attached[0].name, "Saksfremlegg.pdf");
    assert_eq!(attached[0].size_bytes, 5_000);
    assert!(
        h.state()
            .core
            .notices
            .iter()
            .any(|n| n.detail.contains("«Opptak.mov» er for stor")),
        "the refusal is shown"
    );
    // The pane lists it by name and size when the item is selected.
    h.get_by_label("2024/M4-004  Felles arkivtjeneste for ROR-kommunene")
        .click();
    common::settle(&mut h);
    h.get_by_label("Saksfremlegg.pdf");
    h.get_by_label("5,0 kB");
    // Removing it is one undo step away.
    h.get_by_label("Fjern").click();
    common::settle(&mut h);
    assert!(
        h.state().core.open.as_ref().unwrap().record.meeting.items[3]
            .attachments
            .is_empty()
    );
    h.state_mut().core.run(vec![Command::Undo]);
    common::settle(&mut h);
    assert_eq!(
        h.state().core.open.as_ref().unwrap().record.meeting.items[3]
            .attachments
            .len(),
        1
    );
    drop(h);

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let store = loop {
        match Store::open(&path) {
            Ok(s) => break s,
            Err(_) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("{e}"),
        }
    };
    let id = store.list_meetings().unwrap()[0].id;
    let a = &store.load_meeting(id).unwrap().meeting.items[3].attachments[0];
    assert_eq!(store.attachment_data(&a.sha256).unwrap(), sample(5_000));
}

/// A file dropped on the window, as eframe hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_an_item_in_the_list_is_attached_to_that_item() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Lysark Helseplattformen.pdf");
    std::fs::write(&file, b"%PDF-1.7 lysark").unwrap();
    let mut h = common::app_harness();
    // Item 1 is selected; the file is dropped on item 6 in the list.
    let row = h
        .get_by_label("2024/M4-006  Helseplattformen og tjenesteeierskap")
        .rect();
    h.hover_at(row.center());
    h.run_steps(1);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    h.run_steps(1);
    common::settle(&mut h);
    let items = &h.state().core.open.as_ref().unwrap().record.meeting.items;
    assert!(items[0].attachments.is_empty());
    assert_eq!(items[5].attachments.len(), 1);
    assert_eq!(items[5].attachments[0].name, "Lysark Helseplattformen.pdf");
}
