//! Storing meetings: import and load round trips, replacing, saving, deleting, listing, and
//! the rules that protect approved minutes and the people register.

use chrono::{NaiveDate, NaiveTime};
use motebok::model::{
    Attendance, AttendanceStatus, Body, Exemption, Item, ItemKind, Meeting, MeetingRecord,
    MeetingRef, MeetingStatus, Membership, Outcome, Person, PersonId, Role,
};
use motebok::store::{ImportMode, MeetingId, Store, StoreError};

const BODY: &str = "Samarbeidsrådet for ROR-IKT";

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn t(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

fn id(key: &str) -> PersonId {
    PersonId(key.into())
}

fn person(key: &str, name: &str, organization: Option<&str>) -> Person {
    Person {
        id: id(key),
        name: name.into(),
        organization: organization.map(Into::into),
    }
}

fn member(key: &str, role: Role, municipality: Option<&str>) -> Membership {
    Membership {
        person: id(key),
        role,
        municipality: municipality.map(Into::into),
        from: Some(d("2023-01-01")),
        to: None,
    }
}

/// Meeting 2024/M4, with lists deliberately not in alphabetical order.
fn record() -> MeetingRecord {
    let mut members = vec![
        member("aasen-ms", Role::Chair, Some("Molde")),
        member("langoy-gm", Role::Member, Some("Aukra")),
        member("odegard-o", Role::Member, Some("Rauma")),
        member("asen-k", Role::DeputyMember, Some("Rauma")),
        member("kristengard-m", Role::Secretary, None),
    ];
    members[2].to = Some(d("2024-12-31"));
    let mut arrived_late = Attendance::new(id("aasen-ms"), AttendanceStatus::Present);
    arrived_late.arrived = Some(t("08:30"));
    arrived_late.note = Some("Kom under sak 2".into());
    let mut deputy = Attendance::new(id("asen-k"), AttendanceStatus::Deputy);
    deputy.deputy_for = Some(id("odegard-o"));
    deputy.left = Some(t("10:15"));

    let mut approve = Item::new(
        1,
        "Godkjenning av innkalling og saksliste",
        ItemKind::Decision,
    );
    approve.proposed_decision = Some("Innkalling og saksliste godkjennes".into());
    approve.decision = Some("Innkalling og saksliste godkjennes".into());
    approve.outcome = Some(Outcome::Decided);
    let mut archive = Item::new(
        2,
        "Felles arkivtjeneste for ROR-kommunene",
        ItemKind::Information,
    );
    archive.presenters = vec![id("gjortz-f"), id("aasen-ms")];
    archive.guests = vec![id("sande-e"), id("ersvik-ps")];
    archive.description = Some("Saken gjelder ...".into());
    archive.notes = Some("Diskusjon:\n\n- punkt én\n  - underpunkt\n- punkt **to**".into());
    archive.outcome = Some(Outcome::Noted);
    let mut tender = Item::new(3, "Anskaffelse av nettverk", ItemKind::Decision);
    tender.exempt = Some(Exemption {
        basis: "offl. § 24".into(),
    });
    tender.planned_minutes = Some(20);
    tender.description = Some(String::new());
    tender.outcome = Some(Outcome::Postponed);
    let other = Item::new(4, "Eventuelt", ItemKind::OtherBusiness);

    MeetingRecord {
        body: Body {
            members,
            ..Body::new(BODY)
        },
        // Norwegian order: æ, ø, å after z.
        people: vec![
            person(
                "aasen-ms",
                "Aasen, Marianne Stokkereit",
                Some("Molde kommune"),
            ),
            person("ersvik-ps", "Ersvik, Per Sverre", None),
            person("gjortz-f", "Gjørtz, Fred", Some("ROR-IKT")),
            person("kristengard-m", "Kristengård, Mona", Some("ROR-IKT")),
            person("langoy-gm", "Langøy, Gerd Marit", Some("Aukra kommune")),
            person("sande-e", "Sande, Eli", None),
            person("odegard-o", "Ødegård, Øyvind", Some("Rauma kommune")),
            person("asen-k", "Åsen, Kari", Some("Rauma kommune")),
        ],
        meeting: Meeting {
            reference: MeetingRef::new(2024, 4),
            date: d("2024-06-12"),
            start: Some(t("08:15")),
            end: Some(t("11:00")),
            place: "Del (Storgata 33, 3.etg)".into(),
            chair: Some(id("aasen-ms")),
            referent: Some(id("kristengard-m")),
            status: MeetingStatus::DraftMinutes,
            attendance: vec![
                Attendance::new(id("langoy-gm"), AttendanceStatus::Present),
                arrived_late,
                Attendance::new(id("odegard-o"), AttendanceStatus::Absent),
                deputy,
                Attendance::new(id("ersvik-ps"), AttendanceStatus::AbsentNoNotice),
            ],
            items: vec![approve, archive, tender, other],
            ..Default::default()
        },
    }
}

fn imported() -> (Store, MeetingId, MeetingRecord) {
    let mut store = Store::open_in_memory().unwrap();
    let rec = record();
    let mid = store.import_record(&rec, ImportMode::Refuse).unwrap();
    (store, mid, rec)
}

#[test]
fn an_imported_meeting_loads_back_identical_with_list_order_kept() {
    let (store, mid, rec) = imported();
    let loaded = store.load_meeting(mid).unwrap();
    assert_eq!(loaded.body, rec.body);
    assert_eq!(loaded.people, rec.people);
    let (a, b) = (&loaded.meeting, &rec.meeting);
    assert_eq!(a.reference, b.reference);
    assert_eq!((a.date, a.start, a.end), (b.date, b.start, b.end));
    assert_eq!(
        (&a.place, &a.chair, &a.referent),
        (&b.place, &b.chair, &b.referent)
    );
    assert_eq!(a.status, b.status);
    assert_eq!(a.attendance, b.attendance);
    assert_eq!(a.items.len(), b.items.len());
    for (x, y) in a.items.iter().zip(&b.items) {
        assert_eq!(x, y, "item {}", y.number);
    }
    assert_eq!(
        a.items[1].presenters,
        [id("gjortz-f"), id("aasen-ms")],
        "presenter order kept"
    );
    assert_eq!(loaded, rec);
    assert!(!store.is_empty().unwrap());
}

#[test]
fn importing_an_existing_meeting_with_refuse_is_refused_and_changes_nothing() {
    let (mut store, mid, rec) = imported();
    let mut changed = rec.clone();
    changed.meeting.items[0].title = "Endret".into();
    changed.people.push(person("zahl-z", "Zahl, Zara", None));
    changed.meeting.items[1].guests.push(id("zahl-z"));
    match store.import_record(&changed, ImportMode::Refuse) {
        Err(StoreError::MeetingExists { body, reference }) => {
            assert_eq!(body, BODY);
            assert_eq!(reference, MeetingRef::new(2024, 4));
        }
        other => panic!("expected MeetingExists, got {other:?}"),
    }
    assert_eq!(store.load_meeting(mid).unwrap(), rec);
    assert_eq!(store.people().unwrap(), rec.people, "no person added");
    assert_eq!(store.list_meetings().unwrap().len(), 1);
}

#[test]
fn importing_with_replace_overwrites_the_meeting_in_place() {
    let (mut store, mid, rec) = imported();
    let mut changed = rec.clone();
    changed.meeting.items[0].title = "Godkjenning av innkalling".into();
    changed.meeting.items.remove(2);
    let mut new_item = Item::new(5, "Nytt punkt", ItemKind::Discussion);
    new_item.presenters = vec![id("langoy-gm")];
    changed.meeting.items.push(new_item);
    changed.meeting.attendance.reverse();
    changed.meeting.status = MeetingStatus::InReview;
    let again = store.import_record(&changed, ImportMode::Replace).unwrap();
    assert_eq!(again, mid, "same meeting, same id");
    assert_eq!(store.load_meeting(mid).unwrap(), changed);
    assert_eq!(store.list_meetings().unwrap().len(), 1);
}

#[test]
fn a_meeting_imported_into_a_fresh_database_creates_body_and_people() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(store.is_empty().unwrap());
    let rec = record();
    store.import_record(&rec, ImportMode::Replace).unwrap();
    assert_eq!(store.bodies().unwrap(), vec![rec.body.clone()]);
    assert_eq!(store.people().unwrap(), rec.people);
}

#[test]
fn a_person_whose_name_differs_from_the_stored_one_is_a_conflict_and_nothing_is_imported() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .upsert_person(&person("gjortz-f", "Gjørtz, Fred", None))
        .unwrap();
    let mut rec = record();
    rec.people[2].name = "Gjørts, Fredrik".into();
    let err = store.import_record(&rec, ImportMode::Refuse).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(
        message.contains("Gjørtz, Fred") && message.contains("Gjørts, Fredrik"),
        "{message}"
    );
    assert!(store.list_meetings().unwrap().is_empty());
    assert!(store.is_empty().unwrap());
    assert_eq!(store.people().unwrap().len(), 1, "no one else was added");
}

#[test]
fn a_missing_organization_is_filled_in_and_a_different_one_is_a_conflict() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .upsert_person(&person("gjortz-f", "Gjørtz, Fred", None))
        .unwrap();
    store.import_record(&record(), ImportMode::Refuse).unwrap();
    let fred = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.id == id("gjortz-f"))
        .unwrap();
    assert_eq!(fred.organization.as_deref(), Some("ROR-IKT"));

    let mut rec = record();
    rec.meeting.reference = MeetingRef::new(2024, 5);
    rec.people[2].organization = Some("Molde kommune".into());
    let err = store.import_record(&rec, ImportMode::Refuse).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("ROR-IKT"), "{err}");
    assert_eq!(store.list_meetings().unwrap().len(), 1);
}

#[test]
fn a_meeting_naming_an_unknown_person_is_refused_with_where_it_names_them() {
    let mut store = Store::open_in_memory().unwrap();
    let mut rec = record();
    rec.meeting.items[1].guests.push(id("ukjent"));
    let err = store.import_record(&rec, ImportMode::Refuse).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("ukjent") && message.contains("meeting.items[1].guests[2]"),
        "{message}"
    );
    assert!(store.is_empty().unwrap(), "nothing was written");
}

#[test]
fn an_approved_meeting_cannot_be_replaced_or_saved_but_can_be_signed() {
    let (mut store, mid, rec) = imported();
    let mut approved = rec.meeting.clone();
    approved.status = MeetingStatus::Approved;
    store.save_meeting(mid, &approved).unwrap();

    let mut changed = rec.clone();
    changed.meeting.status = MeetingStatus::Approved;
    changed.meeting.items[1].notes = Some("Omskrevet".into());
    let err = store
        .import_record(&changed, ImportMode::Replace)
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)), "{err:?}");
    assert!(err.to_string().contains("2024/M4"), "{err}");
    assert!(matches!(
        store.save_meeting(mid, &changed.meeting),
        Err(StoreError::Locked(_))
    ));
    assert!(matches!(
        store.delete_meeting(mid),
        Err(StoreError::Locked(_))
    ));
    let mut back = approved.clone();
    back.status = MeetingStatus::DraftMinutes;
    assert!(matches!(
        store.save_meeting(mid, &back),
        Err(StoreError::Locked(_))
    ));
    assert_eq!(store.load_meeting(mid).unwrap().meeting, approved);

    // Saving it unchanged is harmless; moving on to signed is the one change allowed.
    store.save_meeting(mid, &approved).unwrap();
    let mut signed = approved.clone();
    signed.status = MeetingStatus::Signed;
    let mut signed_record = rec.clone();
    signed_record.meeting = signed.clone();
    store
        .import_record(&signed_record, ImportMode::Replace)
        .unwrap();
    assert_eq!(store.load_meeting(mid).unwrap().meeting, signed);
}

#[test]
fn saving_updates_inserts_and_deletes_items_and_keeps_updated_items_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let rec = record();
    let mid = store.import_record(&rec, ImportMode::Refuse).unwrap();
    let row_of_item_2 = item_row(&path, 2);

    let mut m = rec.meeting.clone();
    m.items[1].title = "Felles arkivtjeneste (revidert)".into();
    m.items[1].guests = vec![id("ersvik-ps")];
    m.items.remove(2); // item 3 goes
    let mut added = Item::new(5, "Orienteringssaker", ItemKind::Information);
    added.guests = vec![id("sande-e")];
    m.items.insert(1, added); // a new item, not at the end
    m.attendance.swap(0, 4);
    m.status = MeetingStatus::InReview;
    m.end = Some(t("11:20"));
    store.save_meeting(mid, &m).unwrap();

    let loaded = store.load_meeting(mid).unwrap();
    assert_eq!(loaded.meeting, m);
    assert_eq!(
        loaded
            .meeting
            .items
            .iter()
            .map(|i| i.number)
            .collect::<Vec<_>>(),
        [1, 5, 2, 4],
        "agenda order kept as given"
    );
    assert_eq!(item_row(&path, 2), row_of_item_2, "item 2 updated in place");
    let summary = &store.list_meetings().unwrap()[0];
    assert_eq!(summary.item_count, 4);
    assert_eq!(summary.status, MeetingStatus::InReview);
}

#[test]
fn a_save_after_typing_in_one_item_writes_only_that_item_and_loads_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let mid = store.import_record(&record(), ImportMode::Refuse).unwrap();
    // Beside the store: note every item row and attendance row the saves write.
    let beside = rusqlite::Connection::open(&path).unwrap();
    beside
        .execute_batch(
            "CREATE TABLE written (what TEXT);
             CREATE TRIGGER written_item AFTER UPDATE ON items
                 BEGIN INSERT INTO written VALUES ('item ' || new.number); END;
             CREATE TRIGGER written_attendance AFTER INSERT ON attendance
                 BEGIN INSERT INTO written VALUES ('attendance'); END;",
        )
        .unwrap();
    let written = || -> Vec<String> {
        let mut stmt = beside
            .prepare("SELECT DISTINCT what FROM written ORDER BY what")
            .unwrap();
        let rows = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<Vec<String>, _>>()
            .unwrap();
        beside.execute("DELETE FROM written", []).unwrap();
        rows
    };

    let mut m = store.load_meeting(mid).unwrap().meeting;
    m.items[1].notes = Some("- Ordet ble gitt til møteleder".into());
    store.save_meeting(mid, &m).unwrap();
    assert_eq!(written(), [format!("item {}", m.items[1].number)]);
    assert_eq!(store.load_meeting(mid).unwrap().meeting, m);

    // Nothing changed: nothing written.
    store.save_meeting(mid, &m).unwrap();
    assert!(written().is_empty());

    // A change to attendance writes attendance, not the items.
    m.attendance[0].note = Some("Gikk etter sak 2".into());
    store.save_meeting(mid, &m).unwrap();
    assert_eq!(written(), ["attendance"]);
    assert_eq!(store.load_meeting(mid).unwrap().meeting, m);

    // Moving an item rewrites the list, and it loads back in the new order.
    m.items.swap(0, 1);
    m.items[0].decision = Some("Saken tas til orientering.".into());
    store.save_meeting(mid, &m).unwrap();
    assert_eq!(store.load_meeting(mid).unwrap().meeting, m);
}

/// The row id of item `number` of the only meeting, read beside the store.
fn item_row(path: &std::path::Path, number: u32) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT id FROM items WHERE number = ?1", [number], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_save_naming_an_unknown_person_leaves_the_old_content() {
    let (mut store, mid, rec) = imported();
    let mut m = rec.meeting.clone();
    m.place = "Teams".into();
    m.items[0].title = "Endret".into();
    m.items[3].presenters = vec![id("finnes-ikke")];
    let err = store.save_meeting(mid, &m).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert!(
        err.to_string().contains("meeting.items[3].presenters[0]"),
        "{err}"
    );
    assert_eq!(store.load_meeting(mid).unwrap(), rec);
}

#[test]
fn a_save_failing_halfway_is_rolled_back_entirely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let rec = record();
    let mid = store.import_record(&rec, ImportMode::Refuse).unwrap();
    {
        // Make the database fail at the very last write of a save: the second guest of item 4.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER fail_late BEFORE INSERT ON item_guests WHEN NEW.position = 1
             AND (SELECT number FROM items WHERE id = NEW.item_id) = 4
             BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
        )
        .unwrap();
    }
    let mut m = rec.meeting.clone();
    m.place = "Teams".into();
    m.attendance.reverse();
    m.items[0].decision = Some("Endret vedtak".into());
    m.items.remove(2);
    m.items[2].guests = vec![id("sande-e"), id("ersvik-ps")];
    assert!(store.save_meeting(mid, &m).is_err());
    assert_eq!(
        store.load_meeting(mid).unwrap(),
        rec,
        "nothing of the save remains"
    );
}

#[test]
fn a_meeting_that_repeats_an_item_number_or_a_person_is_refused() {
    let (mut store, mid, rec) = imported();
    let mut m = rec.meeting.clone();
    m.items[3].number = 2;
    let err = store.save_meeting(mid, &m).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("item number 2"), "{err}");
    let mut m = rec.meeting.clone();
    m.attendance
        .push(Attendance::new(id("sande-e"), AttendanceStatus::Present));
    m.attendance
        .push(Attendance::new(id("sande-e"), AttendanceStatus::Absent));
    assert!(matches!(
        store.save_meeting(mid, &m),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.load_meeting(mid).unwrap(), rec);
}

#[test]
fn meetings_are_created_with_the_next_number_and_never_twice() {
    let (mut store, _, rec) = imported();
    assert_eq!(store.next_meeting_number(BODY, 2024).unwrap(), 5);
    assert_eq!(store.next_meeting_number(BODY, 2025).unwrap(), 1);
    assert!(matches!(
        store.next_meeting_number("Ukjent råd", 2024),
        Err(StoreError::NotFound(_))
    ));

    let mut m = rec.meeting.clone();
    m.reference = MeetingRef::new(2024, 5);
    m.status = MeetingStatus::Planned;
    let created = store.create_meeting(BODY, &m).unwrap();
    assert_eq!(store.load_meeting(created).unwrap().meeting, m);
    assert_eq!(store.next_meeting_number(BODY, 2024).unwrap(), 6);
    assert!(matches!(
        store.create_meeting(BODY, &m),
        Err(StoreError::MeetingExists { .. })
    ));
    assert!(matches!(
        store.create_meeting("Ukjent råd", &m),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_meeting_can_be_renumbered_only_to_a_free_reference() {
    let (mut store, mid, rec) = imported();
    let mut other = rec.meeting.clone();
    other.reference = MeetingRef::new(2024, 5);
    store.create_meeting(BODY, &other).unwrap();

    let mut m = rec.meeting.clone();
    m.reference = MeetingRef::new(2024, 5);
    match store.save_meeting(mid, &m) {
        Err(StoreError::MeetingExists { reference, .. }) => {
            assert_eq!(reference, MeetingRef::new(2024, 5));
        }
        other => panic!("expected MeetingExists, got {other:?}"),
    }
    m.reference = MeetingRef::new(2024, 6);
    store.save_meeting(mid, &m).unwrap();
    let found = store
        .find_meetings(Some(BODY), MeetingRef::new(2024, 6))
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, mid);
    assert!(
        store
            .find_meetings(None, MeetingRef::new(2024, 4))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn deleting_a_meeting_removes_its_attendance_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let mid = store.import_record(&record(), ImportMode::Refuse).unwrap();
    store.delete_meeting(mid).unwrap();
    assert!(store.list_meetings().unwrap().is_empty());
    assert!(matches!(
        store.load_meeting(mid),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.delete_meeting(mid),
        Err(StoreError::NotFound(_))
    ));
    let conn = rusqlite::Connection::open(&path).unwrap();
    for table in ["attendance", "items", "item_presenters", "item_guests"] {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "{table}");
    }
    assert_eq!(
        store.people().unwrap().len(),
        8,
        "people stay in the register"
    );
}

#[test]
fn the_meeting_list_is_sorted_by_body_in_norwegian_order_then_newest_first() {
    let mut store = Store::open_in_memory().unwrap();
    for name in ["Østre råd", "Zeta-utvalget", "Aukra råd"] {
        store.upsert_body(&Body::new(name)).unwrap();
    }
    let meeting = |year, number, items: usize| Meeting {
        reference: MeetingRef::new(year, number),
        date: NaiveDate::from_ymd_opt(year, number, 1).unwrap(),
        start: None,
        end: None,
        place: String::new(),
        chair: None,
        referent: None,
        status: MeetingStatus::Planned,
        attendance: Vec::new(),
        items: (1..=items)
            .map(|n| Item::new(n as u32, format!("Sak {n}"), ItemKind::Decision))
            .collect(),
        ..Default::default()
    };
    store
        .create_meeting("Østre råd", &meeting(2024, 1, 0))
        .unwrap();
    store
        .create_meeting("Aukra råd", &meeting(2023, 7, 2))
        .unwrap();
    store
        .create_meeting("Aukra råd", &meeting(2024, 2, 3))
        .unwrap();
    store
        .create_meeting("Zeta-utvalget", &meeting(2024, 4, 0))
        .unwrap();
    store
        .create_meeting("Aukra råd", &meeting(2024, 10, 1))
        .unwrap();
    let list: Vec<(String, String, u32)> = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .map(|s| (s.body, s.reference.to_string(), s.item_count))
        .collect();
    let expected = [
        ("Aukra råd", "2024/M10", 1),
        ("Aukra råd", "2024/M2", 3),
        ("Aukra råd", "2023/M7", 2),
        ("Zeta-utvalget", "2024/M4", 0),
        ("Østre råd", "2024/M1", 0),
    ];
    assert_eq!(
        list,
        expected
            .iter()
            .map(|(b, r, n)| ((*b).to_owned(), (*r).to_owned(), *n))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        store.find_meetings(None, MeetingRef::new(2024, 4)).unwrap()[0].body,
        "Zeta-utvalget"
    );
    assert!(
        store
            .find_meetings(Some("Aukra råd"), MeetingRef::new(2024, 4))
            .unwrap()
            .is_empty()
    );
    let bodies: Vec<String> = store
        .bodies()
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(bodies, ["Aukra råd", "Zeta-utvalget", "Østre råd"]);
}

#[test]
fn bodies_and_people_are_upserted_and_members_must_exist() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .upsert_person(&person("b", "Berg, Bjørn", None))
        .unwrap();
    store
        .upsert_person(&person("a", "Aas, Anne", Some("Vestnes")))
        .unwrap();
    let mut body = Body::new(BODY);
    body.members = vec![
        member("b", Role::Chair, Some("Molde")),
        member("a", Role::Member, None),
    ];
    store.upsert_body(&body).unwrap();
    assert_eq!(store.bodies().unwrap(), vec![body.clone()]);

    body.members.remove(0);
    store.upsert_body(&body).unwrap();
    assert_eq!(
        store.bodies().unwrap(),
        vec![body.clone()],
        "memberships replaced"
    );

    let mut broken = body.clone();
    broken.members.push(member("nobody", Role::Observer, None));
    assert!(matches!(
        store.upsert_body(&broken),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(store.bodies().unwrap(), vec![body]);

    store
        .upsert_person(&person("b", "Berg, Bjørnar", Some("Molde kommune")))
        .unwrap();
    let names: Vec<String> = store
        .people()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Aas, Anne", "Berg, Bjørnar"]);
}

#[test]
fn a_loaded_meeting_includes_body_members_it_does_not_mention() {
    let mut store = Store::open_in_memory().unwrap();
    let mut rec = record();
    // Only the chair and a guest are mentioned by the meeting itself.
    rec.meeting.attendance.clear();
    rec.meeting.items.truncate(1);
    let mid = store.import_record(&rec, ImportMode::Refuse).unwrap();
    let loaded = store.load_meeting(mid).unwrap();
    let keys: Vec<&str> = loaded.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        keys,
        [
            "aasen-ms",
            "kristengard-m",
            "langoy-gm",
            "odegard-o",
            "asen-k"
        ],
        "members and referent, in Norwegian name order"
    );
}

#[test]
fn every_code_and_times_with_seconds_survive_a_round_trip() {
    let (mut store, mid, rec) = imported();
    let mut m = rec.meeting.clone();
    m.start = Some(NaiveTime::from_hms_opt(8, 15, 42).unwrap());
    for (i, kind) in ItemKind::ALL.iter().enumerate() {
        m.items[i].kind = *kind;
    }
    for outcome in Outcome::ALL {
        m.items[0].outcome = Some(*outcome);
        store.save_meeting(mid, &m).unwrap();
        assert_eq!(store.load_meeting(mid).unwrap().meeting, m);
    }
    for status in AttendanceStatus::ALL {
        m.attendance[0].status = *status;
        store.save_meeting(mid, &m).unwrap();
        assert_eq!(store.load_meeting(mid).unwrap().meeting, m);
    }
    for status in MeetingStatus::ALL {
        m.status = *status;
        store.save_meeting(mid, &m).unwrap();
        assert_eq!(store.load_meeting(mid).unwrap().meeting.status, *status);
    }
    let mut body = rec.body.clone();
    for role in Role::ALL {
        body.members[0].role = role;
        store.upsert_body(&body).unwrap();
        assert_eq!(store.bodies().unwrap()[0], body);
    }
}
