//! Presence per item and quorum, derived from the summoned list, arrivals, departures,
//! deputies and disqualifications; the attendance lines of the minutes.

use chrono::{NaiveDate, NaiveTime};
use motebok::model::{
    Attendance, AttendanceEdit, AttendanceStatus, Body, Edit, EditError, Item, ItemKind, Meeting,
    MeetingRecord, MeetingRef, Membership, Person, PersonId, Quorum, QuorumRule, Role,
    disqualified_lines, header_lines, presence, presence_by_item,
};

const SEATS: [(&str, &str); 6] = [
    ("aasen", "Aasen, Marianne"),
    ("berg", "Berg, Bjørn"),
    ("dahl", "Dahl, Dina"),
    ("ersvik", "Ersvik, Per Sverre"),
    ("oyen", "Øyen, Åse"),
    ("zahl", "Zahl, Zeno"),
];

fn pid(s: &str) -> PersonId {
    PersonId(s.to_owned())
}

/// A body of six voting members (plus a secretary and a deputy member), and a meeting with
/// five items where nobody is recorded yet.
fn record() -> MeetingRecord {
    let date = NaiveDate::from_ymd_opt(2024, 6, 12).unwrap();
    let mut body = Body::new("Testrådet");
    let mut people = Vec::new();
    for (i, (key, name)) in SEATS.iter().enumerate() {
        body.members.push(Membership {
            person: pid(key),
            role: if i == 0 { Role::Chair } else { Role::Member },
            municipality: None,
            from: None,
            to: None,
        });
        people.push(Person {
            id: pid(key),
            name: (*name).to_owned(),
            organization: None,
        });
    }
    for (key, name, role) in [
        ("vara", "Vara, Vilde", Role::DeputyMember),
        ("sekr", "Kristengård, Mette", Role::Secretary),
    ] {
        body.members.push(Membership {
            person: pid(key),
            role,
            municipality: None,
            from: None,
            to: None,
        });
        people.push(Person {
            id: pid(key),
            name: name.to_owned(),
            organization: None,
        });
    }
    // A former member whose seat ended before the meeting does not count.
    body.members.push(Membership {
        person: pid("former"),
        role: Role::Member,
        municipality: None,
        from: None,
        to: NaiveDate::from_ymd_opt(2023, 12, 31),
    });
    people.push(Person {
        id: pid("former"),
        name: "Former, Frida".into(),
        organization: None,
    });
    let mut meeting = Meeting {
        reference: MeetingRef::new(2024, 4),
        date,
        items: (1..=5)
            .map(|n| Item::new(n, format!("Sak {n}"), ItemKind::Decision))
            .collect(),
        ..Default::default()
    };
    meeting.attendance = [
        "aasen", "berg", "dahl", "ersvik", "oyen", "zahl", "vara", "sekr",
    ]
    .iter()
    .map(|k| Attendance::new(pid(k), AttendanceStatus::Summoned))
    .collect();
    MeetingRecord {
        body,
        people,
        meeting,
    }
}

fn set(record: &mut MeetingRecord, who: &str, status: AttendanceStatus) {
    Edit::SetAttendance {
        person: pid(who),
        status,
        deputy_for: None,
    }
    .apply(&mut record.meeting)
    .unwrap();
}

fn apply(record: &mut MeetingRecord, edit: AttendanceEdit) {
    Edit::Attendance(edit).apply(&mut record.meeting).unwrap();
}

fn counted(record: &MeetingRecord, item: u32) -> usize {
    presence(record, QuorumRule::default(), item).counted.len()
}

fn quorum(record: &MeetingRecord, item: u32) -> Quorum {
    presence(record, QuorumRule::default(), item).quorum
}

#[test]
fn three_of_six_members_is_a_quorum_and_two_is_not() {
    let mut r = record();
    set(&mut r, "aasen", AttendanceStatus::Present);
    set(&mut r, "berg", AttendanceStatus::Present);
    // The secretary is present but is no member: two members is not enough.
    set(&mut r, "sekr", AttendanceStatus::Present);
    let p = presence(&r, QuorumRule::default(), 1);
    assert_eq!(p.members.len(), 6, "the former member's seat has ended");
    assert_eq!(p.required, 3);
    assert_eq!(p.counted.len(), 2);
    assert_eq!(p.quorum, Quorum::Lost);
    assert_eq!(p.present.len(), 3, "the secretary is in the room");

    set(&mut r, "dahl", AttendanceStatus::Present);
    assert_eq!(quorum(&r, 1), Quorum::Met);
    assert_eq!(counted(&r, 1), 3);
}

#[test]
fn a_deputy_counts_for_the_member_met_for() {
    let mut r = record();
    set(&mut r, "aasen", AttendanceStatus::Present);
    set(&mut r, "berg", AttendanceStatus::Present);
    set(&mut r, "dahl", AttendanceStatus::Absent);
    assert_eq!(quorum(&r, 1), Quorum::Lost);
    Edit::SetAttendance {
        person: pid("vara"),
        status: AttendanceStatus::Deputy,
        deputy_for: Some(pid("dahl")),
    }
    .apply(&mut r.meeting)
    .unwrap();
    let p = presence(&r, QuorumRule::default(), 1);
    assert_eq!(p.counted, vec![pid("aasen"), pid("berg"), pid("dahl")]);
    assert_eq!(p.quorum, Quorum::Met);
    assert!(p.present.contains(&pid("vara")));
}

#[test]
fn a_deputy_and_the_member_together_count_once() {
    let mut r = record();
    set(&mut r, "aasen", AttendanceStatus::Present);
    set(&mut r, "berg", AttendanceStatus::Present);
    Edit::SetAttendance {
        person: pid("vara"),
        status: AttendanceStatus::Deputy,
        deputy_for: Some(pid("berg")),
    }
    .apply(&mut r.meeting)
    .unwrap();
    assert_eq!(counted(&r, 1), 2);
    assert_eq!(quorum(&r, 1), Quorum::Lost);
}

#[test]
fn late_arrivals_and_early_departures_move_the_quorum_item_by_item() {
    let mut r = record();
    for who in ["aasen", "berg", "dahl"] {
        set(&mut r, who, AttendanceStatus::Present);
    }
    // Dahl leaves after item 2: items 3-5 lose the quorum.
    apply(
        &mut r,
        AttendanceEdit::Departure {
            person: pid("dahl"),
            item: Some(2),
            time: NaiveTime::from_hms_opt(9, 40, 0),
        },
    );
    // Ersvik (not recorded yet) arrives at item 4: becomes present, quorum is back from 4.
    apply(
        &mut r,
        AttendanceEdit::Arrival {
            person: pid("ersvik"),
            item: Some(4),
            time: None,
        },
    );
    assert_eq!(
        r.meeting.attendance[3].status,
        AttendanceStatus::Present,
        "a late arrival is present"
    );
    let by_item: Vec<(u32, usize, Quorum)> = presence_by_item(&r, QuorumRule::default())
        .into_iter()
        .map(|p| (p.item, p.counted.len(), p.quorum))
        .collect();
    assert_eq!(
        by_item,
        [
            (1, 3, Quorum::Met),
            (2, 3, Quorum::Met),
            (3, 2, Quorum::Lost),
            (4, 3, Quorum::Met),
            (5, 3, Quorum::Met),
        ]
    );
}

#[test]
fn a_disqualified_member_leaves_the_room_for_that_item_only() {
    let mut r = record();
    for who in ["aasen", "berg", "dahl"] {
        set(&mut r, who, AttendanceStatus::Present);
    }
    apply(
        &mut r,
        AttendanceEdit::Disqualify {
            person: pid("berg"),
            item: 3,
            reason: "fvl. § 6 første ledd bokstav a".into(),
        },
    );
    let p3 = presence(&r, QuorumRule::default(), 3);
    assert_eq!(p3.disqualified, vec![pid("berg")]);
    assert!(!p3.present.contains(&pid("berg")));
    assert_eq!(p3.quorum, Quorum::Lost);
    assert_eq!(quorum(&r, 2), Quorum::Met);
    assert_eq!(quorum(&r, 4), Quorum::Met);
    assert_eq!(
        disqualified_lines(&r, 3),
        ["Berg, Bjørn (inhabil, fvl. § 6 første ledd bokstav a)"]
    );

    // A deputy called in for the disqualified member's seat brings the quorum back.
    Edit::SetAttendance {
        person: pid("vara"),
        status: AttendanceStatus::Deputy,
        deputy_for: Some(pid("berg")),
    }
    .apply(&mut r.meeting)
    .unwrap();
    assert_eq!(quorum(&r, 3), Quorum::Met);

    apply(
        &mut r,
        AttendanceEdit::Requalify {
            person: pid("berg"),
            item: 3,
        },
    );
    assert!(r.meeting.disqualifications.is_empty());
}

#[test]
fn the_rule_is_per_body_and_other_rules_apply() {
    let mut r = record();
    for who in ["aasen", "berg", "dahl"] {
        set(&mut r, who, AttendanceStatus::Present);
    }
    let more_than_half = QuorumRule::MoreThan {
        numerator: 1,
        denominator: 2,
    };
    assert_eq!(presence(&r, more_than_half, 1).quorum, Quorum::Lost);
    assert_eq!(presence(&r, QuorumRule::Count(3), 1).quorum, Quorum::Met);
    // A body with no members on the date cannot be judged.
    r.body.members.clear();
    assert_eq!(quorum(&r, 1), Quorum::Unknown);
}

#[test]
fn header_lines_sort_norwegian_and_note_late_and_early() {
    let mut r = record();
    for who in ["zahl", "oyen", "aasen", "ersvik", "sekr"] {
        set(&mut r, who, AttendanceStatus::Present);
    }
    set(&mut r, "berg", AttendanceStatus::Absent);
    set(&mut r, "dahl", AttendanceStatus::AbsentNoNotice);
    Edit::SetAttendance {
        person: pid("vara"),
        status: AttendanceStatus::Deputy,
        deputy_for: Some(pid("berg")),
    }
    .apply(&mut r.meeting)
    .unwrap();
    apply(
        &mut r,
        AttendanceEdit::Arrival {
            person: pid("ersvik"),
            item: Some(3),
            time: None,
        },
    );
    apply(
        &mut r,
        AttendanceEdit::Departure {
            person: pid("zahl"),
            item: Some(4),
            time: NaiveTime::from_hms_opt(10, 5, 0),
        },
    );
    r.meeting.referent = Some(pid("sekr"));
    r.meeting.chair = Some(pid("aasen"));
    let lines = header_lines(&r);
    assert_eq!(
        lines.present,
        [
            "Aasen, Marianne",
            "Ersvik, Per Sverre (fra sak 2024/M4-003)",
            "Kristengård, Mette",
            "Vara, Vilde (vara for Bjørn Berg)",
            "Zahl, Zeno (til og med sak 2024/M4-004 kl. 10:05)",
            "Øyen, Åse",
        ]
    );
    assert_eq!(lines.absent, ["Berg, Bjørn"]);
    assert_eq!(lines.absent_no_notice, ["Dahl, Dina"]);
    assert!(lines.not_recorded.is_empty());
    assert_eq!(lines.referent.as_deref(), Some("Kristengård, Mette"));
    assert_eq!(lines.chair.as_deref(), Some("Aasen, Marianne"));
}

#[test]
fn attendance_edits_refuse_what_makes_no_sense() {
    let mut r = record();
    let before = r.meeting.clone();
    let refused =
        |r: &mut MeetingRecord, e: AttendanceEdit| Edit::Attendance(e).apply(&mut r.meeting);
    assert_eq!(
        refused(
            &mut r,
            AttendanceEdit::Arrival {
                person: pid("aasen"),
                item: Some(9),
                time: None
            }
        ),
        Err(EditError::NoSuchItem(9))
    );
    assert!(matches!(
        refused(
            &mut r,
            AttendanceEdit::Arrival {
                person: pid("nobody"),
                item: Some(2),
                time: None
            }
        ),
        Err(EditError::Invalid(_))
    ));
    assert!(matches!(
        refused(
            &mut r,
            AttendanceEdit::Disqualify {
                person: pid("berg"),
                item: 2,
                reason: "  ".into()
            }
        ),
        Err(EditError::Invalid(_))
    ));
    apply(
        &mut r,
        AttendanceEdit::Departure {
            person: pid("aasen"),
            item: Some(2),
            time: None,
        },
    );
    assert!(matches!(
        refused(
            &mut r,
            AttendanceEdit::Arrival {
                person: pid("aasen"),
                item: Some(3),
                time: None
            }
        ),
        Err(EditError::Invalid(_))
    ));
    r.meeting.attendance[0].left_after_item = None;
    assert_eq!(r.meeting, before);
}

#[test]
fn summoning_adds_only_who_is_missing() {
    let mut r = record();
    r.meeting.attendance.truncate(2);
    set(&mut r, "aasen", AttendanceStatus::Present);
    apply(
        &mut r,
        AttendanceEdit::Summon {
            people: vec![pid("aasen"), pid("dahl"), pid("berg"), pid("zahl")],
        },
    );
    let list: Vec<(&str, AttendanceStatus)> = r
        .meeting
        .attendance
        .iter()
        .map(|a| (a.person.as_str(), a.status))
        .collect();
    assert_eq!(
        list,
        [
            ("aasen", AttendanceStatus::Present),
            ("berg", AttendanceStatus::Summoned),
            ("dahl", AttendanceStatus::Summoned),
            ("zahl", AttendanceStatus::Summoned),
        ]
    );
}

#[test]
fn arrivals_and_disqualifications_follow_their_items_when_the_agenda_changes() {
    let mut r = record();
    set(&mut r, "ersvik", AttendanceStatus::Present);
    apply(
        &mut r,
        AttendanceEdit::Arrival {
            person: pid("ersvik"),
            item: Some(3),
            time: None,
        },
    );
    apply(
        &mut r,
        AttendanceEdit::Departure {
            person: pid("ersvik"),
            item: Some(4),
            time: None,
        },
    );
    apply(
        &mut r,
        AttendanceEdit::Disqualify {
            person: pid("berg"),
            item: 4,
            reason: "fvl. § 6".into(),
        },
    );
    apply(
        &mut r,
        AttendanceEdit::Disqualify {
            person: pid("dahl"),
            item: 1,
            reason: "fvl. § 6".into(),
        },
    );
    // Item 1 is deleted: everything moves up one, the disqualification for item 1 goes.
    Edit::DeleteItem { item: 1 }.apply(&mut r.meeting).unwrap();
    let ersvik = &r.meeting.attendance[3];
    assert_eq!(
        (ersvik.arrived_item, ersvik.left_after_item),
        (Some(2), Some(3))
    );
    assert_eq!(r.meeting.disqualifications.len(), 1);
    assert_eq!(r.meeting.disqualifications[0].item, 3);
    assert_eq!(r.meeting.items[2].title, "Sak 4");

    // The item Ersvik arrived at is deleted: he arrives at the next one instead.
    Edit::DeleteItem { item: 2 }.apply(&mut r.meeting).unwrap();
    let ersvik = &r.meeting.attendance[3];
    assert_eq!(
        (ersvik.arrived_item, ersvik.left_after_item),
        (Some(2), Some(2))
    );

    // Moving an item takes its disqualification along.
    Edit::MoveItem { item: 2, to: 0 }
        .apply(&mut r.meeting)
        .unwrap();
    assert_eq!(r.meeting.items[0].title, "Sak 4");
    assert_eq!(r.meeting.disqualifications[0].item, 1);
}
