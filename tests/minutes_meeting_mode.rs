//! Referat in meeting mode, through the real app: a decision from a quick phrase, notes with a
//! nested list, guests (an existing person and a new one), counted and named votes, a
//! follow-up, moving through the items with the keyboard — and all of it in the database.

mod common;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::app::Command;
use motebok::model::{Deadline, Edit, ItemText, MeetingStatus, Outcome, Vote};
use motebok::store::MeetingId;
use motebok::ui::MotebokApp;

fn alt(h: &mut Harness<'static, MotebokApp>, key: Key) {
    h.key_press_modifiers(Modifiers::ALT, key);
    h.run_steps(2);
}

fn key(h: &mut Harness<'static, MotebokApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

fn type_text(h: &mut Harness<'static, MotebokApp>, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run_steps(2);
}

/// The demo meeting held today, with items 1-3 not minuted yet.
fn live_meeting() -> (Harness<'static, MotebokApp>, std::path::PathBuf) {
    let (mut h, path) = common::app_harness_at();
    let today = chrono::Local::now().date_naive();
    let mut setup = vec![Command::Edit(Edit::SetDate(today))];
    for item in 1..=3 {
        for field in [ItemText::Decision, ItemText::Notes] {
            setup.push(Command::Edit(Edit::SetItemText {
                item,
                field,
                text: String::new(),
            }));
        }
        setup.push(Command::Edit(Edit::SetItemOutcome {
            item,
            outcome: None,
        }));
        setup.push(Command::Edit(Edit::SetGuests {
            item,
            people: vec![],
        }));
    }
    h.state_mut().core.run(setup);
    common::settle(&mut h);
    h.get_by_label("Referat").click();
    common::settle(&mut h);
    (h, path)
}

#[test]
fn everything_typed_in_meeting_mode_is_in_the_database() {
    let (mut h, path) = live_meeting();
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    h.get_by_label_contains("2024/M4-001  Godkjenning av innkalling og saksliste");

    // Item 1: the decision from a quick phrase, with one key.
    alt(&mut h, Key::Num3);
    common::settle(&mut h);
    h.get_by_label_contains("✔ Lagret");

    // Item 2: decision and notes typed, a nested list and bold.
    alt(&mut h, Key::ArrowRight);
    h.get_by_label_contains("2024/M4-002  Godkjenning av møtereferat");
    alt(&mut h, Key::V);
    type_text(&mut h, "Møtereferatet fra møtet 8.5.2024 godkjennes");
    alt(&mut h, Key::N);
    type_text(&mut h, "- Status for eksamen");
    key(&mut h, Key::Enter);
    key(&mut h, Key::Tab);
    type_text(&mut h, "patch Tuesday");
    key(&mut h, Key::Enter);
    key(&mut h, Key::Enter);
    type_text(&mut h, "Udir må planlegge ");
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run_steps(2);
    type_text(&mut h, "bedre");

    // Deltok: part of an existing name, then a new person in one step.
    alt(&mut h, Key::D);
    type_text(&mut h, "elis");
    key(&mut h, Key::Enter);
    type_text(&mut h, "Kari Nordmann");
    key(&mut h, Key::Enter);
    common::settle(&mut h);
    h.get_by_label("Sande, Elisabeth");
    h.get_by_label("Nordmann, Kari");

    // A counted vote.
    h.get_by_label("Opptelling").click();
    h.run_steps(2);
    h.get_by_label("For").focus();
    h.run_steps(1);
    type_text(&mut h, "5");
    h.get_by_label("Mot").focus();
    h.run_steps(1);
    type_text(&mut h, "2");
    h.get_by_label("Vedtatt med 5 mot 2 stemmer");

    // A follow-up with who is responsible and a deadline in words.
    alt(&mut h, Key::O);
    type_text(&mut h, "Lage beslutningsgrunnlag");
    h.get_by_label("Ansvarlig").click();
    h.run_steps(2);
    h.get_by_label("Gjørtz, Fred").click();
    h.run_steps(2);
    h.get_by_label("Frist").focus();
    h.run_steps(1);
    type_text(&mut h, "til møtet i september");

    // Item 3: a named vote, then back and forth with the keyboard.
    alt(&mut h, Key::ArrowRight);
    h.get_by_label_contains("2024/M4-003");
    h.get_by_label("Navnevis").click();
    h.run_steps(2);
    h.get_by_label("Aasen, Marianne Stokkereit mot").click();
    h.run_steps(2);
    h.get_by_label("Langøy, Gerd Marit mot").click();
    h.run_steps(2);
    h.get_by_label("Alle for").click();
    h.run_steps(2);
    h.get_by_label("Vedtatt mot 2 stemmer (Aasen, Langøy)");
    alt(&mut h, Key::ArrowLeft);
    h.get_by_label_contains("2024/M4-002");
    alt(&mut h, Key::ArrowRight);
    h.get_by_label_contains("2024/M4-003");
    common::settle(&mut h);
    let id = h.state().core.open.as_ref().unwrap().id;
    drop(h);

    let store = common::reopen(&path);
    let record = store.load_meeting(id).unwrap();
    let items = &record.meeting.items;
    assert_eq!(
        items[0].decision.as_deref(),
        Some("Innkalling og saksliste godkjennes")
    );
    assert_eq!(items[0].outcome, Some(Outcome::Decided));
    assert!(items[0].started.is_some() && items[0].ended.is_some());

    let two = &items[1];
    assert_eq!(
        two.decision.as_deref(),
        Some("Møtereferatet fra møtet 8.5.2024 godkjennes")
    );
    assert_eq!(
        two.notes.as_deref(),
        Some("- Status for eksamen\n  - patch Tuesday\n\nUdir må planlegge **bedre**")
    );
    let guests: Vec<String> = two.guests.iter().map(|g| record.name_of(g)).collect();
    assert_eq!(guests, ["Sande, Elisabeth", "Nordmann, Kari"]);
    assert_eq!(
        two.vote,
        Some(Vote::Counted {
            for_votes: 5,
            against: 2,
            abstaining: 0
        })
    );
    assert_eq!(two.follow_ups.len(), 1);
    assert_eq!(two.follow_ups[0].task, "Lage beslutningsgrunnlag");
    assert_eq!(
        two.follow_ups[0]
            .responsible
            .as_ref()
            .map(motebok::model::PersonId::as_str),
        Some("gjortz-f")
    );
    assert_eq!(
        two.follow_ups[0].deadline,
        Some(Deadline::Text("til møtet i september".into()))
    );
    assert!(two.started.is_some() && two.ended.is_some());

    let three = &items[2];
    let Some(Vote::Named {
        for_votes, against, ..
    }) = &three.vote
    else {
        panic!("item 3 has a named vote: {:?}", three.vote);
    };
    assert_eq!(
        against
            .iter()
            .map(motebok::model::PersonId::as_str)
            .collect::<Vec<_>>(),
        ["aasen-ms", "langoy-gm"]
    );
    assert_eq!(for_votes.len(), 3);
    assert!(
        three.started.is_some(),
        "entering item 3 recorded its start"
    );

    // The new guest is a person in the database; the place is remembered for a restart.
    assert!(
        store
            .people()
            .unwrap()
            .iter()
            .any(|p| p.name == "Nordmann, Kari")
    );
    let place = store.work_place().unwrap().expect("a remembered place");
    assert_eq!(
        (place.meeting, place.item, place.meeting_mode),
        (MeetingId(id.0), Some(3), true)
    );
}

#[test]
fn closing_right_after_typing_saves_the_text_first() {
    let (mut h, path) = live_meeting();
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    alt(&mut h, Key::N);
    type_text(&mut h, "Skrevet rett før lukking");
    // No settle: the window closes while the change is still unsaved.
    assert!(!h.state().core.is_idle());
    let id = h.state().core.open.as_ref().unwrap().id;
    drop(h);
    let store = common::reopen(&path);
    let record = store.load_meeting(id).unwrap();
    assert_eq!(
        record.meeting.items[0].notes.as_deref(),
        Some("Skrevet rett før lukking")
    );
}

#[test]
fn a_restart_opens_the_same_meeting_at_the_same_item_in_meeting_mode() {
    let (mut h, path) = live_meeting();
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    alt(&mut h, Key::ArrowRight);
    alt(&mut h, Key::ArrowRight);
    common::settle(&mut h);
    drop(h);

    let (store, problem) = motebok::app::startup::open_for_window(&path).unwrap();
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    common::settle(&mut h);
    assert_eq!(h.state().runtime.selected_item, Some(3));
    assert!(h.state().runtime.minutes.meeting_mode);
    h.get_by_label_contains("2024/M4-003  Økonomi- og aktivitetsrapport");
    // The notes of the item are focused: typing goes straight into them.
    type_text(&mut h, "Fortsetter etter omstart");
    common::settle(&mut h);
    let notes = h.state().core.open.as_ref().unwrap().record.meeting.items[2]
        .notes
        .clone();
    assert_eq!(notes.as_deref(), Some("Fortsetter etter omstart"));
}

#[test]
fn undo_takes_back_a_quick_phrase_and_redo_brings_it_again() {
    let (mut h, _path) = live_meeting();
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    alt(&mut h, Key::Num1);
    common::settle(&mut h);
    let decision = |h: &Harness<'static, MotebokApp>| {
        h.state().core.open.as_ref().unwrap().record.meeting.items[0]
            .decision
            .clone()
    };
    assert_eq!(decision(&h).as_deref(), Some("Saken tas til orientering"));
    // The outcome and the decision are two steps; undo both.
    h.get_by_label("Angre").click();
    h.run_steps(2);
    h.get_by_label("Angre").click();
    h.run_steps(2);
    assert_eq!(decision(&h), None);
    h.get_by_label("Gjør om").click();
    h.run_steps(2);
    assert_eq!(decision(&h).as_deref(), Some("Saken tas til orientering"));
}

/// The notes and decision of item `n` (1-based) as the app holds them.
fn texts(h: &Harness<'static, MotebokApp>, n: usize) -> (Option<String>, Option<String>) {
    let item = &h.state().core.open.as_ref().unwrap().record.meeting.items[n - 1];
    (item.decision.clone(), item.notes.clone())
}

/// A fast typist: text, a shortcut and more text arrive in one frame (put straight into the
/// frame's input: the harness's own queue gives every event a frame of its own).
fn one_frame(h: &mut Harness<'static, MotebokApp>, steps: &[(&str, Option<Key>)]) {
    let events = &mut h.input_mut().events;
    for (text, key) in steps {
        if !text.is_empty() {
            events.push(Event::Text((*text).to_owned()));
        }
        if let Some(k) = key {
            for pressed in [true, false] {
                events.push(Event::Key {
                    key: *k,
                    physical_key: None,
                    pressed,
                    repeat: false,
                    modifiers: Modifiers::ALT,
                });
            }
        }
    }
    h.run_steps(4);
}

#[test]
fn text_typed_before_a_shortcut_in_the_same_frame_stays_in_its_field() {
    let (mut h, path) = live_meeting();
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    for n in 1..=3 {
        alt(&mut h, Key::V);
        // Decision, Alt+N, notes, Alt+→, all in one frame, as typed at 15 ms a key.
        one_frame(
            &mut h,
            &[
                (&format!("Vedtak {n} er fattet"), Some(Key::N)),
                (&format!("Notat {n} med tekst"), Some(Key::ArrowRight)),
            ],
        );
    }
    common::settle(&mut h);
    for n in 1..=3 {
        assert_eq!(
            texts(&h, n),
            (
                Some(format!("Vedtak {n} er fattet")),
                Some(format!("Notat {n} med tekst"))
            ),
            "item {n}"
        );
    }
    // An "n" typed right before or after Alt+N (its own key press, then its text) is not taken
    // for the letter the shortcut's key press may have typed.
    alt(&mut h, Key::ArrowLeft);
    alt(&mut h, Key::V);
    one_frame(&mut h, &[(" n", Some(Key::N))]);
    h.input_mut().events.extend([
        Event::Key {
            key: Key::N,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::SHIFT,
        },
        Event::Text("N".into()),
    ]);
    h.run_steps(2);
    common::settle(&mut h);
    assert_eq!(
        texts(&h, 3),
        (
            Some("Vedtak 3 er fattet n".to_owned()),
            Some("Notat 3 med tekstN".to_owned())
        )
    );
    let id = h.state().core.open.as_ref().unwrap().id;
    drop(h);
    let record = common::reopen(&path).load_meeting(id).unwrap();
    assert_eq!(
        record.meeting.items[0].notes.as_deref(),
        Some("Notat 1 med tekst")
    );
}

#[test]
fn moving_into_a_field_puts_the_caret_at_its_end() {
    let (mut h, _path) = live_meeting();
    h.state_mut()
        .core
        .run(vec![Command::Edit(Edit::SetItemText {
            item: 1,
            field: ItemText::Notes,
            text: "Første linje".into(),
        })]);
    common::settle(&mut h);
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    alt(&mut h, Key::V);
    alt(&mut h, Key::N);
    type_text(&mut h, " fortsetter");
    common::settle(&mut h);
    assert_eq!(texts(&h, 1).1.as_deref(), Some("Første linje fortsetter"));

    // The caret left at the start of the notes; away to the decision and back with Alt+N:
    // typing goes on at the end.
    key(&mut h, Key::Home);
    alt(&mut h, Key::V);
    alt(&mut h, Key::N);
    type_text(&mut h, ".");
    // Away to item 2 and back (the caret at the start again first): at the end again.
    key(&mut h, Key::Home);
    alt(&mut h, Key::ArrowRight);
    alt(&mut h, Key::ArrowLeft);
    type_text(&mut h, "!");
    common::settle(&mut h);
    assert_eq!(texts(&h, 1).1.as_deref(), Some("Første linje fortsetter.!"));
}

#[test]
fn lists_in_the_notes_behave_as_a_markdown_user_expects() {
    let (mut h, _path) = live_meeting();
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    alt(&mut h, Key::N);
    type_text(&mut h, "- første");
    key(&mut h, Key::Enter);
    // The habit of typing the marker after the automatic one: still one bullet.
    type_text(&mut h, "-");
    type_text(&mut h, " ");
    type_text(&mut h, "andre");
    key(&mut h, Key::Enter);
    // Enter on the empty bullet leaves the list.
    key(&mut h, Key::Enter);
    type_text(&mut h, "Prosa");
    key(&mut h, Key::Enter);
    key(&mut h, Key::Enter);
    type_text(&mut h, "1. Budsjett");
    key(&mut h, Key::Enter);
    type_text(&mut h, "Regnskap");
    common::settle(&mut h);
    assert_eq!(
        texts(&h, 1).1.as_deref(),
        Some("- første\n- andre\n\nProsa\n\n1. Budsjett\n2. Regnskap")
    );
}

#[test]
fn meeting_mode_on_the_day_or_start_the_meeting_marks_it_held() {
    let (mut h, path) = live_meeting();
    let status = |h: &Harness<'static, MotebokApp>| {
        h.state().core.open.as_ref().unwrap().record.meeting.status
    };
    h.state_mut().core.run(vec![Command::Edit(Edit::SetStatus(
        MeetingStatus::NoticeSent,
    ))]);
    common::settle(&mut h);
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    assert_eq!(status(&h), MeetingStatus::Held);
    let id = h.state().core.open.as_ref().unwrap().id;

    // Another day: meeting mode alone does not hold the meeting, "Start møtet" does.
    let other_day = chrono::Local::now().date_naive() - chrono::Days::new(3);
    h.state_mut().core.run(vec![
        Command::Edit(Edit::SetDate(other_day)),
        Command::Edit(Edit::SetStatus(MeetingStatus::NoticeSent)),
    ]);
    common::settle(&mut h);
    h.get_by_label("Oversikt").click();
    h.run_steps(2);
    h.get_by_label("Møtemodus (F5)").click();
    common::settle(&mut h);
    assert_eq!(status(&h), MeetingStatus::NoticeSent);
    h.get_by_label("Start møtet").click();
    common::settle(&mut h);
    assert_eq!(status(&h), MeetingStatus::Held);
    drop(h);
    let record = common::reopen(&path).load_meeting(id).unwrap();
    assert_eq!(record.meeting.status, MeetingStatus::Held);
}

#[test]
fn f5_from_the_agenda_opens_meeting_mode_at_the_item_the_meeting_is_at() {
    let (mut h, _path) = live_meeting();
    let t = chrono::NaiveTime::from_hms_opt(8, 30, 0);
    h.state_mut().core.run(vec![
        Command::Edit(Edit::SetItemTimes {
            item: 1,
            started: t,
            ended: t,
        }),
        Command::Edit(Edit::SetItemTimes {
            item: 2,
            started: t,
            ended: None,
        }),
    ]);
    common::settle(&mut h);
    h.get_by_label("Saksliste").click();
    common::settle(&mut h);
    h.get_by_label_contains("2024/M4-005").click();
    common::settle(&mut h);
    assert_eq!(h.state().runtime.selected_item, Some(5));
    key(&mut h, Key::F5);
    common::settle(&mut h);
    assert!(h.state().runtime.minutes.meeting_mode);
    assert_eq!(h.state().runtime.selected_item, Some(2));
    h.get_by_label_contains("2024/M4-002  Godkjenning av møtereferat");
    // Typing goes into the notes of that item.
    type_text(&mut h, "Her er vi");
    common::settle(&mut h);
    assert_eq!(texts(&h, 2).1.as_deref(), Some("Her er vi"));
    // F5 again leaves meeting mode.
    key(&mut h, Key::F5);
    assert!(!h.state().runtime.minutes.meeting_mode);
}

#[test]
fn passing_through_items_stamps_no_times_and_working_on_one_does() {
    let (mut h, _path) = live_meeting();
    let times = |h: &Harness<'static, MotebokApp>, n: usize| {
        let i = &h.state().core.open.as_ref().unwrap().record.meeting.items[n - 1];
        (i.started, i.ended)
    };
    key(&mut h, Key::F5);
    common::settle(&mut h);
    alt(&mut h, Key::ArrowRight);
    alt(&mut h, Key::ArrowRight);
    common::settle(&mut h);
    assert_eq!(times(&h, 1), (None, None), "item 1 only passed through");
    assert_eq!(times(&h, 2), (None, None), "item 2 only passed through");
    assert_eq!(times(&h, 3), (None, None), "not worked on yet");
    alt(&mut h, Key::N);
    type_text(&mut h, "Notat");
    common::settle(&mut h);
    assert!(times(&h, 3).0.is_some(), "typing takes the item up");
    alt(&mut h, Key::ArrowRight);
    common::settle(&mut h);
    assert!(times(&h, 3).1.is_some(), "leaving a worked item ends it");
    assert_eq!(times(&h, 4), (None, None));
}

#[test]
fn an_items_times_can_be_typed_and_cleared() {
    let (mut h, _path) = live_meeting();
    let times = |h: &Harness<'static, MotebokApp>| {
        let i = &h.state().core.open.as_ref().unwrap().record.meeting.items[0];
        (i.started, i.ended)
    };
    key(&mut h, Key::F5);
    common::settle(&mut h);
    h.get_by_label("Start").focus();
    h.run_steps(1);
    type_text(&mut h, "09:05");
    h.get_by_label("Slutt").focus();
    h.run_steps(1);
    type_text(&mut h, "0920");
    common::settle(&mut h);
    let t = |hh, mm| chrono::NaiveTime::from_hms_opt(hh, mm, 0);
    assert_eq!(times(&h), (t(9, 5), t(9, 20)));
    // Cleared: select all and delete.
    h.get_by_label("Slutt").focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    key(&mut h, Key::Backspace);
    common::settle(&mut h);
    assert_eq!(times(&h), (t(9, 5), None));
}

#[test]
fn after_a_restart_typing_continues_the_notes_at_their_end() {
    let (mut h, path) = live_meeting();
    key(&mut h, Key::F5);
    common::settle(&mut h);
    alt(&mut h, Key::N);
    type_text(&mut h, "Skrevet før omstart");
    common::settle(&mut h);
    drop(h);

    let (store, problem) = motebok::app::startup::open_for_window(&path).unwrap();
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    common::settle(&mut h);
    type_text(&mut h, ", og etter");
    common::settle(&mut h);
    assert_eq!(
        texts(&h, 1).1.as_deref(),
        Some("Skrevet før omstart, og etter")
    );
}

#[test]
fn text_typed_after_tab_in_the_same_frame_leaves_the_field_tab_left() {
    let (mut h, _path) = live_meeting();
    key(&mut h, Key::F5);
    common::settle(&mut h);
    alt(&mut h, Key::V);
    h.input_mut().events.extend([
        Event::Text("Vedtatt".into()),
        Event::Key {
            key: Key::Tab,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        },
        Event::Text("x".into()),
    ]);
    h.run_steps(4);
    common::settle(&mut h);
    assert_eq!(texts(&h, 1).0.as_deref(), Some("Vedtatt"));
}
