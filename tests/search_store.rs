//! Search across meetings in the store: folded diacritics, prefixes, every field, grouping,
//! exempt items, and an index that follows every edit, import, correction and deletion.
//! Also the decision register and follow-ups across meetings.

use chrono::NaiveDate;
use motebok::model::{
    Body, Deadline, Exemption, FollowUp, Item, ItemKind, Meeting, MeetingRecord, MeetingRef,
    MeetingStatus, Outcome, Person, PersonId,
};
use motebok::store::{
    DecisionFilter, DecisionSort, FollowUpFilter, FollowUpStatus, ImportMode, MeetingId,
    SearchField, Store, StoreError, sort_decisions,
};

const BODY: &str = "Samarbeidsrådet for ROR-IKT";

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn people() -> Vec<Person> {
    [
        ("gjortz-f", "Gjørtz, Fred"),
        ("sande-e", "Sande, Elisabeth"),
        ("aasen-ms", "Aasen, Marianne Stokkereit"),
    ]
    .into_iter()
    .map(|(k, n)| Person {
        id: PersonId(k.into()),
        name: n.into(),
        organization: None,
    })
    .collect()
}

/// 2024/M4 with one item holding a distinctive word in each field.
fn record(reference: MeetingRef, date: &str) -> MeetingRecord {
    let mut economy = Item::new(1, "Økonomi- og aktivitetsrapport", ItemKind::Information);
    economy.description = Some("Saken gjelder **budsjettstatus** for driftsåret.".into());
    economy.decision = Some("Saken tas til orientering".into());
    economy.outcome = Some(Outcome::Noted);

    let mut archive = Item::new(2, "Felles arkivtjeneste", ItemKind::Decision);
    archive.proposed_decision =
        Some("Det utredes en felles løsning for dokumentforvaltning.".into());
    archive.decision = Some("Anskaffelse av nytt sak/arkiv-system (P360) utsettes.".into());
    archive.notes = Some("- Drøftet **prosjektskjønnsmidler** for 2025\n  - egen regi".into());
    archive.guests = vec![PersonId("sande-e".into())];
    archive.follow_ups = vec![FollowUp {
        task: "Lag et beslutningsunderlag om kvalitetssikring".into(),
        responsible: Some(PersonId("gjortz-f".into())),
        deadline: Some(Deadline::Date(d("2024-09-18"))),
        done: None,
    }];
    archive.outcome = Some(Outcome::Postponed);

    let mut secret = Item::new(3, "Forhandlinger om lisensavtale", ItemKind::Decision);
    secret.exempt = Some(Exemption {
        basis: "offl. § 23".into(),
    });
    secret.decision = Some("Forhandlingsmandatet for Visma-avtalen godkjennes.".into());
    secret.outcome = Some(Outcome::Decided);

    MeetingRecord {
        body: Body::new(BODY),
        people: people(),
        meeting: Meeting {
            reference,
            date: d(date),
            status: MeetingStatus::DraftMinutes,
            items: vec![economy, archive, secret],
            ..Default::default()
        },
    }
}

fn store_with_m4() -> (Store, MeetingId) {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .import_record(
            &record(MeetingRef::new(2024, 4), "2024-06-12"),
            ImportMode::Refuse,
        )
        .unwrap();
    (store, id)
}

/// The case numbers a query finds, in display order.
fn cases(store: &Store, query: &str) -> Vec<String> {
    store
        .search(query, 100)
        .unwrap()
        .hits()
        .map(|(_, h)| h.case.to_string())
        .collect()
}

#[test]
fn plain_letters_find_norwegian_letters_and_case_is_ignored() {
    let (store, _) = store_with_m4();
    for query in ["okonomi", "Okonomi", "økonomi", "ØKONOMI", "OKONOMI-"] {
        assert_eq!(cases(&store, query), ["2024/M4-001"], "query {query}");
    }
    // "Gjørtz" is found as "gjortz"; "Drøftet" as "droftet".
    assert_eq!(cases(&store, "gjortz"), ["2024/M4-002"]);
    assert_eq!(cases(&store, "droftet"), ["2024/M4-002"]);
    // æ folds to ae both ways.
    let mut store = store;
    let mut m = store.load_meeting(MeetingId(1)).unwrap().meeting;
    m.items[0].notes = Some("Særutskrift sendes kommunene.".into());
    store.save_meeting(MeetingId(1), &m).unwrap();
    assert_eq!(cases(&store, "saerutskrift"), ["2024/M4-001"]);
    assert_eq!(cases(&store, "Særutskrift"), ["2024/M4-001"]);
}

#[test]
fn words_are_found_by_their_beginning_while_typing() {
    let (store, _) = store_with_m4();
    for query in ["ø", "øk", "øko", "okon", "økonomi"] {
        assert!(
            cases(&store, query).contains(&"2024/M4-001".to_owned()),
            "{query}"
        );
    }
    assert_eq!(cases(&store, "p3"), ["2024/M4-002"]);
    assert_eq!(cases(&store, "P360"), ["2024/M4-002"]);
    assert!(cases(&store, "P3601").is_empty());
    // Every word must match.
    assert_eq!(cases(&store, "arkiv P360"), ["2024/M4-002"]);
    assert!(cases(&store, "økonomi P360").is_empty());
    // A quoted phrase must be whole and in order.
    assert_eq!(cases(&store, "\"tas til orientering\""), ["2024/M4-001"]);
    assert!(cases(&store, "\"orientering til\"").is_empty());
    // A phrase still being typed (no closing quote) matches by the beginning of its last word.
    assert_eq!(cases(&store, "\"tas til orient"), ["2024/M4-001"]);
    // A single letter beside a longer word is the start of the next word: left out until
    // it says more.
    assert_eq!(cases(&store, "arkiv p"), cases(&store, "arkiv"));
    // Nothing to search for finds nothing.
    assert!(cases(&store, "  -- ").is_empty());
}

#[test]
fn every_field_is_searched_and_the_hit_says_which() {
    let (store, _) = store_with_m4();
    let field = |q: &str| {
        let r = store.search(q, 10).unwrap();
        let (_, hit) = r
            .hits()
            .next()
            .unwrap_or_else(|| panic!("{q} found nothing"));
        (hit.case.to_string(), hit.field)
    };
    assert_eq!(
        field("aktivitetsrapport"),
        ("2024/M4-001".into(), SearchField::Title)
    );
    assert_eq!(
        field("budsjettstatus"),
        ("2024/M4-001".into(), SearchField::Description)
    );
    assert_eq!(
        field("dokumentforvaltning"),
        ("2024/M4-002".into(), SearchField::ProposedDecision)
    );
    assert_eq!(
        field("utsettes"),
        ("2024/M4-002".into(), SearchField::Decision)
    );
    assert_eq!(
        field("prosjektskjønnsmidler"),
        ("2024/M4-002".into(), SearchField::Notes)
    );
    assert_eq!(
        field("Elisabeth"),
        ("2024/M4-002".into(), SearchField::Guests)
    );
    assert_eq!(
        field("kvalitetssikring"),
        ("2024/M4-002".into(), SearchField::FollowUps)
    );
    assert_eq!(
        field("Fred"),
        ("2024/M4-002".into(), SearchField::FollowUps)
    );
    assert_eq!(field("2024/M4-003").0, "2024/M4-003");
}

#[test]
fn the_matching_words_are_marked_in_the_snippet_and_title() {
    let (store, _) = store_with_m4();
    let r = store.search("prosjekt", 10).unwrap();
    let (_, hit) = r.hits().next().unwrap();
    // Markdown markup is gone from the snippet; the word is marked.
    assert_eq!(
        hit.snippet.marked("[", "]"),
        "Drøftet [prosjektskjønnsmidler] for 2025 egen regi"
    );
    let r = store.search("okonomi", 10).unwrap();
    let (_, hit) = r.hits().next().unwrap();
    assert_eq!(&hit.title[hit.title_marks[0].clone()], "Økonomi");
    // Only the title matched: the snippet shows the decision for context.
    assert_eq!(hit.snippet.text, "Saken tas til orientering");
}

#[test]
fn exempt_items_are_found_and_marked_exempt() {
    let (store, _) = store_with_m4();
    let r = store.search("visma", 10).unwrap();
    let (_, hit) = r.hits().next().expect("the exempt item is found");
    assert_eq!(hit.case.to_string(), "2024/M4-003");
    assert_eq!(hit.exempt.as_deref(), Some("offl. § 23"));
    let r = store.search("okonomi", 10).unwrap();
    assert_eq!(r.hits().next().unwrap().1.exempt, None);
}

#[test]
fn hits_are_grouped_by_meeting_newest_first() {
    let (mut store, _) = store_with_m4();
    store
        .import_record(
            &record(MeetingRef::new(2023, 6), "2023-10-04"),
            ImportMode::Refuse,
        )
        .unwrap();
    store
        .import_record(
            &record(MeetingRef::new(2024, 5), "2024-09-18"),
            ImportMode::Refuse,
        )
        .unwrap();
    let r = store.search("tas til orientering", 100).unwrap();
    let refs: Vec<String> = r.groups.iter().map(|g| g.reference.to_string()).collect();
    assert_eq!(refs, ["2024/M5", "2024/M4", "2023/M6"]);
    assert!(r.groups.iter().all(|g| g.body == BODY && g.hits.len() == 1));
    // The limit keeps the best hits and says so.
    let r = store.search("saken", 2).unwrap();
    assert_eq!(r.hit_count(), 2);
    assert!(r.truncated);
}

#[test]
fn text_edited_away_is_no_longer_found() {
    let (mut store, id) = store_with_m4();
    assert_eq!(cases(&store, "P360"), ["2024/M4-002"]);
    let mut m = store.load_meeting(id).unwrap().meeting;
    m.items[1].decision = Some("Anskaffelsen utsettes.".into());
    m.items[1].guests.clear();
    m.items[1].follow_ups.clear();
    m.items[0].title = "Aktivitetsrapport".into();
    store.save_meeting(id, &m).unwrap();
    assert!(cases(&store, "P360").is_empty());
    assert!(
        cases(&store, "Elisabeth").is_empty(),
        "the guest was removed"
    );
    assert!(
        cases(&store, "kvalitetssikring").is_empty(),
        "the follow-up was removed"
    );
    assert!(cases(&store, "okonomi").is_empty(), "the title changed");
    assert_eq!(cases(&store, "anskaffelsen"), ["2024/M4-002"]);

    // Moving an item renumbers it: the case number found follows.
    m.items.swap(0, 1);
    m.renumber_items();
    store.save_meeting(id, &m).unwrap();
    assert_eq!(cases(&store, "anskaffelsen"), ["2024/M4-001"]);
    assert_eq!(cases(&store, "aktivitetsrapport"), ["2024/M4-002"]);

    // Deleting an item, then the meeting, leaves nothing behind.
    m.items.retain(|i| i.title != "Aktivitetsrapport");
    store.save_meeting(id, &m).unwrap();
    assert!(cases(&store, "aktivitetsrapport").is_empty());
    assert_eq!(store.search_index_rows().unwrap(), 2);
    store.delete_meeting(id).unwrap();
    assert!(cases(&store, "anskaffelsen").is_empty());
    assert_eq!(store.search_index_rows().unwrap(), 0);
}

#[test]
fn an_import_that_replaces_a_meeting_replaces_what_is_found() {
    let (mut store, _) = store_with_m4();
    let mut corrected = record(MeetingRef::new(2024, 4), "2024-06-12");
    corrected.meeting.items[1].decision = Some("Saken om Public 360 utsettes.".into());
    store
        .import_record(&corrected, ImportMode::Replace)
        .unwrap();
    assert!(cases(&store, "P360").is_empty());
    assert_eq!(cases(&store, "public 360"), ["2024/M4-002"]);
}

#[test]
fn a_renamed_person_is_found_by_the_new_name() {
    let (mut store, _) = store_with_m4();
    store
        .upsert_person(&Person {
            id: PersonId("sande-e".into()),
            name: "Sande Ørnes, Elisabeth".into(),
            organization: None,
        })
        .unwrap();
    assert_eq!(cases(&store, "ornes"), ["2024/M4-002"]);
}

#[test]
fn the_index_can_be_rebuilt_and_holds_one_row_per_item() {
    let (mut store, _) = store_with_m4();
    store.rebuild_search_index().unwrap();
    assert_eq!(store.search_index_rows().unwrap(), 3);
    assert_eq!(cases(&store, "okonomi"), ["2024/M4-001"]);
}

#[test]
fn the_register_lists_decisions_filtered_and_sorted() {
    let (mut store, _) = store_with_m4();
    store
        .import_record(
            &record(MeetingRef::new(2023, 6), "2023-10-04"),
            ImportMode::Refuse,
        )
        .unwrap();
    let all = store.decisions(&DecisionFilter::default()).unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all[0].date, d("2024-06-12"), "newest first");
    let y2023 = store
        .decisions(&DecisionFilter {
            year: Some(2023),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(y2023.len(), 3);
    assert!(y2023.iter().all(|r| r.case.meeting.year == 2023));
    let postponed = store
        .decisions(&DecisionFilter {
            outcome: Some(Outcome::Postponed),
            kind: Some(ItemKind::Decision),
            body: Some(BODY.into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(postponed.len(), 2);
    assert!(postponed.iter().all(|r| r.title == "Felles arkivtjeneste"));
    let none = store
        .decisions(&DecisionFilter {
            body: Some("Kontrollutvalget".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());

    let mut rows = all;
    sort_decisions(&mut rows, DecisionSort::Title, false);
    assert_eq!(rows[0].title, "Felles arkivtjeneste");
    assert_eq!(
        rows[5].title, "Økonomi- og aktivitetsrapport",
        "Ø sorts after z"
    );
    sort_decisions(&mut rows, DecisionSort::Case, true);
    assert_eq!(rows[0].case.to_string(), "2024/M4-003");
    assert_eq!(rows[0].exempt.as_deref(), Some("offl. § 23"));
}

#[test]
fn follow_ups_are_listed_across_meetings_and_marked_done_with_the_day() {
    let (mut store, _) = store_with_m4();
    store
        .import_record(
            &record(MeetingRef::new(2024, 5), "2024-09-18"),
            ImportMode::Refuse,
        )
        .unwrap();
    let today = d("2024-10-01");
    let open = store.follow_ups(&FollowUpFilter::default(), today).unwrap();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|r| r.is_overdue(today)));
    let fred = FollowUpFilter {
        person: Some(PersonId("gjortz-f".into())),
        ..Default::default()
    };
    assert_eq!(store.follow_ups(&fred, today).unwrap().len(), 2);
    let nobody = FollowUpFilter {
        person: Some(PersonId("sande-e".into())),
        ..Default::default()
    };
    assert!(store.follow_ups(&nobody, today).unwrap().is_empty());
    let overdue_before = FollowUpFilter {
        overdue_only: true,
        ..Default::default()
    };
    assert!(
        store
            .follow_ups(&overdue_before, d("2024-09-01"))
            .unwrap()
            .is_empty()
    );

    let first = &open[0];
    store
        .set_follow_up_done(first.key, Some(d("2024-09-30")))
        .unwrap();
    let done = store
        .follow_ups(
            &FollowUpFilter {
                status: FollowUpStatus::Done,
                ..Default::default()
            },
            today,
        )
        .unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].done, Some(d("2024-09-30")));
    assert!(!done[0].is_overdue(today));
    // In an open (not approved) meeting, the mark is part of the minutes.
    let m = store.load_meeting(first.meeting).unwrap().meeting;
    assert_eq!(m.items[1].follow_ups[0].done, Some(d("2024-09-30")));
    store.set_follow_up_done(first.key, None).unwrap();
    assert_eq!(
        store
            .follow_ups(&FollowUpFilter::default(), today)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn follow_ups_of_approved_minutes_are_marked_done_beside_them() {
    let mut store = Store::open_in_memory().unwrap();
    let mut rec = record(MeetingRef::new(2024, 4), "2024-06-12");
    rec.meeting.status = MeetingStatus::Signed;
    rec.meeting.items[0].follow_ups = vec![FollowUp {
        task: "Allerede gjort".into(),
        responsible: None,
        deadline: None,
        done: Some(d("2024-06-01")),
    }];
    let id = store.import_record(&rec, ImportMode::Refuse).unwrap();
    let all = FollowUpFilter {
        status: FollowUpStatus::All,
        ..Default::default()
    };
    let rows = store.follow_ups(&all, d("2024-10-01")).unwrap();
    let open = rows.iter().find(|r| r.done.is_none()).unwrap();
    assert!(open.locked);
    store
        .set_follow_up_done(open.key, Some(d("2024-10-01")))
        .unwrap();
    let rows = store.follow_ups(&all, d("2024-10-01")).unwrap();
    assert!(rows.iter().all(|r| r.done.is_some()));
    // The signed minutes themselves are unchanged.
    assert_eq!(store.load_meeting(id).unwrap().meeting, rec.meeting);
    // What was done when the minutes were approved stays done.
    let already = rows.iter().find(|r| r.task == "Allerede gjort").unwrap();
    assert!(matches!(
        store.set_follow_up_done(already.key, None),
        Err(StoreError::Locked(_))
    ));
}

#[test]
fn the_next_meeting_sees_the_open_follow_ups_of_the_previous_one() {
    let (mut store, m4) = store_with_m4();
    let mut next = record(MeetingRef::new(2024, 5), "2024-09-18");
    next.meeting.items.clear();
    next.meeting.status = MeetingStatus::Planned;
    let m5 = store.import_record(&next, ImportMode::Refuse).unwrap();
    let (reference, rows) = store.previous_open_follow_ups(m5).unwrap().unwrap();
    assert_eq!(reference, MeetingRef::new(2024, 4));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].task,
        "Lag et beslutningsunderlag om kvalitetssikring"
    );
    assert_eq!(rows[0].responsible.as_ref().unwrap().1, "Gjørtz, Fred");
    store
        .set_follow_up_done(rows[0].key, Some(d("2024-09-01")))
        .unwrap();
    assert!(
        store
            .previous_open_follow_ups(m5)
            .unwrap()
            .unwrap()
            .1
            .is_empty()
    );
    assert!(store.previous_open_follow_ups(m4).unwrap().is_none());
}

#[test]
fn a_correction_of_approved_minutes_is_found_as_corrected() {
    use motebok::store::ApprovedVia;
    let (mut store, id) = store_with_m4();
    let at = d("2024-09-01").and_hms_opt(10, 0, 0).unwrap();
    store
        .approve(id, Some("Gjørtz, Fred"), ApprovedVia::Window, at)
        .unwrap();
    assert_eq!(
        cases(&store, "P360"),
        ["2024/M4-002"],
        "approved minutes are found"
    );

    let record = store.load_meeting(id).unwrap();
    let package = motebok::package::write(&record);
    store
        .start_correction(
            id,
            "Feil systemnavn i vedtaket",
            &package,
            b"%PDF-1.7 test",
            at,
        )
        .unwrap();
    let mut m = store.load_meeting(id).unwrap().meeting;
    m.items[1].decision = Some("Anskaffelse av Elements utsettes.".into());
    store.save_meeting(id, &m).unwrap();
    assert!(
        cases(&store, "P360").is_empty(),
        "the corrected text replaced the old"
    );
    assert_eq!(cases(&store, "elements"), ["2024/M4-002"]);
}

#[test]
fn a_correction_keeps_the_done_marks_made_after_approval() {
    use motebok::store::ApprovedVia;
    let (mut store, id) = store_with_m4();
    let at = d("2024-09-01").and_hms_opt(10, 0, 0).unwrap();
    store.approve(id, None, ApprovedVia::Window, at).unwrap();
    let rows = store
        .follow_ups(&FollowUpFilter::default(), d("2024-10-01"))
        .unwrap();
    store
        .set_follow_up_done(rows[0].key, Some(d("2024-09-20")))
        .unwrap();
    assert!(
        store.load_meeting(id).unwrap().meeting.items[1].follow_ups[0]
            .done
            .is_none()
    );

    let package = motebok::package::write(&store.load_meeting(id).unwrap());
    store
        .start_correction(id, "Feil i vedtaket", &package, b"%PDF-1.7 test", at)
        .unwrap();
    // The corrected version holds the mark, and keeps it through a save.
    let mut m = store.load_meeting(id).unwrap().meeting;
    assert_eq!(m.items[1].follow_ups[0].done, Some(d("2024-09-20")));
    m.items[1].decision = Some("Rettet vedtak.".into());
    store.save_meeting(id, &m).unwrap();
    let all = FollowUpFilter {
        status: FollowUpStatus::All,
        ..Default::default()
    };
    let rows = store.follow_ups(&all, d("2024-10-01")).unwrap();
    assert_eq!(rows[0].done, Some(d("2024-09-20")));
}
