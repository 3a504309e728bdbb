//! Malformed meeting packages are refused, and every problem names the exact field it is about.

use motebok::package::{self, FieldError, PackageError};
use serde_json::{Value, json};

/// A small valid package; each case below breaks one thing in it.
fn base() -> Value {
    json!({
        "format": "motebok/meeting",
        "version": 1,
        "body": {
            "name": "Samarbeidsrådet for ROR-IKT",
            "members": [{ "person": "a", "role": "chair", "municipality": "Molde" }]
        },
        "people": [
            { "id": "a", "name": "Aasen, Marianne", "organization": "Molde kommune" },
            { "id": "b", "name": "Berg, Kari" },
            { "id": "c", "name": "Dahl, Per" },
            { "id": "d", "name": "Ødegård, Åse" }
        ],
        "meeting": {
            "year": 2024,
            "number": 4,
            "date": "2024-06-12",
            "start": "08:15",
            "end": "11:00",
            "place": "Del (Storgata 33, 3.etg)",
            "chair": "a",
            "referent": "b",
            "attendance": [
                { "person": "a", "status": "present" },
                { "person": "c", "status": "absent" },
                { "person": "d", "status": "deputy", "deputy_for": "c", "arrived": "08:30" }
            ],
            "items": [
                { "number": 1, "title": "Godkjenning av innkalling", "kind": "decision",
                  "presenters": ["a"], "decision": "Godkjent", "outcome": "decided", "exempt": null },
                { "number": 2, "title": "Økonomi", "kind": "information", "presenters": ["b"] },
                { "number": 3, "title": "Anskaffelse", "kind": "decision", "guests": ["c"],
                  "exempt": { "basis": "offl. § 24" } },
                { "number": 4, "title": "Eventuelt", "kind": "other_business", "presenters": ["a", "b"] }
            ]
        }
    })
}

fn text_of(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// Reads `base()` changed by `edit`, expecting a refusal.
fn refuse(edit: impl FnOnce(&mut Value)) -> PackageError {
    let mut v = base();
    edit(&mut v);
    let text = text_of(&v);
    match package::read(&text) {
        Ok(_) => panic!("accepted a broken package:\n{text}"),
        Err(e) => e,
    }
}

fn obj(v: &mut Value) -> &mut serde_json::Map<String, Value> {
    v.as_object_mut().unwrap()
}

#[test]
fn the_base_package_is_valid() {
    let r = package::read(&text_of(&base())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.meeting.items.len(), 4);
}

struct Case {
    name: &'static str,
    edit: fn(&mut Value),
    path: &'static str,
    message: &'static str,
}

/// Each case breaks one thing and must give exactly one error, at exactly this path.
const CASES: &[Case] = &[
    Case {
        name: "wrong format",
        edit: |v| v["format"] = json!("motebok/agenda"),
        path: "format",
        message: "\"motebok/agenda\" is not a Møtebok meeting package (expected \"motebok/meeting\")",
    },
    Case {
        name: "format missing",
        edit: |v| {
            obj(v).remove("format");
        },
        path: "format",
        message: "required field is missing — this is not a Møtebok meeting package \
                  (expected \"format\": \"motebok/meeting\")",
    },
    Case {
        name: "newer version (its unknown fields are not listed too)",
        edit: |v| {
            v["version"] = json!(2);
            v["meeting"]["votes"] = json!([]);
        },
        path: "version",
        message: "this file was made by a newer Møtebok (format version 2); this Møtebok reads \
                  version 1 — update Møtebok to open it",
    },
    Case {
        name: "version zero",
        edit: |v| v["version"] = json!(0),
        path: "version",
        message: "version 0 does not exist (expected 1)",
    },
    Case {
        name: "version missing",
        edit: |v| {
            obj(v).remove("version");
        },
        path: "version",
        message: "required field is missing",
    },
    Case {
        name: "missing item title",
        edit: |v| {
            obj(&mut v["meeting"]["items"][1]).remove("title");
        },
        path: "meeting.items[1].title",
        message: "required field is missing",
    },
    Case {
        name: "missing body name",
        edit: |v| {
            obj(&mut v["body"]).remove("name");
        },
        path: "body.name",
        message: "required field is missing",
    },
    Case {
        name: "missing person id",
        edit: |v| {
            obj(&mut v["people"][1]).remove("id");
        },
        // References to "b" cannot be judged now, so they are not reported on top of this.
        path: "people[1].id",
        message: "required field is missing",
    },
    Case {
        name: "missing meeting date",
        edit: |v| {
            obj(&mut v["meeting"]).remove("date");
        },
        path: "meeting.date",
        message: "required field is missing",
    },
    Case {
        name: "missing items",
        edit: |v| {
            obj(&mut v["meeting"]).remove("items");
        },
        path: "meeting.items",
        message: "required field is missing",
    },
    Case {
        name: "missing item kind",
        edit: |v| {
            obj(&mut v["meeting"]["items"][2]).remove("kind");
        },
        path: "meeting.items[2].kind",
        message: "required field is missing",
    },
    Case {
        name: "dangling presenter",
        edit: |v| v["meeting"]["items"][3]["presenters"][0] = json!("x"),
        path: "meeting.items[3].presenters[0]",
        message: "unknown person \"x\"",
    },
    Case {
        name: "dangling chair",
        edit: |v| v["meeting"]["chair"] = json!("nobody"),
        path: "meeting.chair",
        message: "unknown person \"nobody\"",
    },
    Case {
        name: "dangling referent",
        edit: |v| v["meeting"]["referent"] = json!("nobody"),
        path: "meeting.referent",
        message: "unknown person \"nobody\"",
    },
    Case {
        name: "dangling attendance person",
        edit: |v| v["meeting"]["attendance"][1]["person"] = json!("nobody"),
        path: "meeting.attendance[1].person",
        message: "unknown person \"nobody\"",
    },
    Case {
        name: "dangling deputy_for",
        edit: |v| v["meeting"]["attendance"][2]["deputy_for"] = json!("nobody"),
        path: "meeting.attendance[2].deputy_for",
        message: "unknown person \"nobody\"",
    },
    Case {
        name: "dangling guest",
        edit: |v| v["meeting"]["items"][2]["guests"][0] = json!("nobody"),
        path: "meeting.items[2].guests[0]",
        message: "unknown person \"nobody\"",
    },
    Case {
        name: "dangling body member",
        edit: |v| v["body"]["members"][0]["person"] = json!("nobody"),
        path: "body.members[0].person",
        message: "unknown person \"nobody\"",
    },
    Case {
        name: "duplicate person id",
        edit: |v| {
            v["people"]
                .as_array_mut()
                .unwrap()
                .push(json!({ "id": "a", "name": "Aasen, Marius" }));
        },
        path: "people[4].id",
        message: "duplicate person id \"a\" (also people[0].id)",
    },
    Case {
        name: "duplicate item number",
        edit: |v| v["meeting"]["items"][2]["number"] = json!(2),
        path: "meeting.items[2].number",
        message: "duplicate item number 2 (also meeting.items[1].number)",
    },
    Case {
        name: "gap in item numbers",
        edit: |v| {
            v["meeting"]["items"][2]["number"] = json!(5);
            v["meeting"]["items"][3]["number"] = json!(6);
        },
        path: "meeting.items[2].number",
        message: "expected 3, found 5 (items are numbered 1, 2, 3 … in agenda order, without gaps)",
    },
    Case {
        name: "items not in agenda order",
        edit: |v| {
            v["meeting"]["items"][0]["number"] = json!(2);
            v["meeting"]["items"][1]["number"] = json!(1);
        },
        path: "meeting.items[0].number",
        message: "expected 1, found 2 (items are numbered 1, 2, 3 … in agenda order, without gaps)",
    },
    Case {
        name: "item number zero",
        edit: |v| v["meeting"]["items"][0]["number"] = json!(0),
        path: "meeting.items[0].number",
        message: "must be 1 or more, found 0",
    },
    Case {
        name: "item number too large",
        edit: |v| v["meeting"]["items"][3]["number"] = json!(99_999_999_999_u64),
        path: "meeting.items[3].number",
        message: "99999999999 is too large (at most 4294967295)",
    },
    Case {
        name: "bad date",
        edit: |v| v["meeting"]["date"] = json!("2024-13-01"),
        path: "meeting.date",
        message: "\"2024-13-01\" is not a date (YYYY-MM-DD)",
    },
    Case {
        name: "date without leading zeros",
        edit: |v| v["meeting"]["date"] = json!("2024-6-12"),
        path: "meeting.date",
        message: "\"2024-6-12\" is not a date (YYYY-MM-DD)",
    },
    Case {
        name: "bad time",
        edit: |v| v["meeting"]["start"] = json!("8:15"),
        path: "meeting.start",
        message: "\"8:15\" is not a time (HH:MM)",
    },
    Case {
        name: "bad arrival time",
        edit: |v| v["meeting"]["attendance"][2]["arrived"] = json!("24:00"),
        path: "meeting.attendance[2].arrived",
        message: "\"24:00\" is not a time (HH:MM)",
    },
    Case {
        name: "unknown kind",
        edit: |v| v["meeting"]["items"][0]["kind"] = json!("vote"),
        path: "meeting.items[0].kind",
        message: "unknown kind \"vote\" (expected decision, information, discussion or other_business)",
    },
    Case {
        name: "unknown attendance status",
        edit: |v| v["meeting"]["attendance"][1]["status"] = json!("sick"),
        path: "meeting.attendance[1].status",
        message: "unknown attendance status \"sick\" (expected summoned, present, absent, \
                  absent_no_notice or deputy)",
    },
    Case {
        name: "unknown outcome",
        edit: |v| v["meeting"]["items"][0]["outcome"] = json!("rejected"),
        path: "meeting.items[0].outcome",
        message: "unknown outcome \"rejected\" (expected decided, noted or postponed)",
    },
    Case {
        name: "unknown meeting status",
        edit: |v| v["meeting"]["status"] = json!("done"),
        path: "meeting.status",
        message: "unknown meeting status \"done\" (expected planned, notice_sent, held, \
                  draft_minutes, in_review, approved or signed)",
    },
    Case {
        name: "unknown member role",
        edit: |v| v["body"]["members"][0]["role"] = json!("king"),
        path: "body.members[0].role",
        message: "unknown role \"king\" (expected chair, deputy_chair, member, deputy_member, \
                  secretary or observer)",
    },
    Case {
        name: "title is a number",
        edit: |v| v["meeting"]["items"][1]["title"] = json!(7),
        path: "meeting.items[1].title",
        message: "expected a string, found a number",
    },
    Case {
        name: "year is a string",
        edit: |v| v["meeting"]["year"] = json!("2024"),
        path: "meeting.year",
        message: "expected a whole number, found a string",
    },
    Case {
        name: "number has a fraction",
        edit: |v| v["meeting"]["number"] = json!(4.5),
        path: "meeting.number",
        message: "expected a whole number, found 4.5",
    },
    Case {
        name: "presenters is a string",
        edit: |v| v["meeting"]["items"][0]["presenters"] = json!("a"),
        path: "meeting.items[0].presenters",
        message: "expected an array, found a string",
    },
    Case {
        name: "items is an object",
        edit: |v| v["meeting"]["items"] = json!({}),
        path: "meeting.items",
        message: "expected an array, found an object",
    },
    Case {
        name: "person is an array",
        edit: |v| v["people"][0] = json!(["a"]),
        path: "people[0]",
        message: "expected an object, found an array",
    },
    Case {
        name: "exempt is a string",
        edit: |v| v["meeting"]["items"][2]["exempt"] = json!("offl. § 24"),
        path: "meeting.items[2].exempt",
        message: "expected an object, found a string",
    },
    Case {
        name: "exempt without basis",
        edit: |v| v["meeting"]["items"][2]["exempt"] = json!({}),
        path: "meeting.items[2].exempt.basis",
        message: "required field is missing",
    },
    Case {
        name: "unknown field in an item",
        edit: |v| v["meeting"]["items"][0]["votes"] = json!({ "for": 5 }),
        path: "meeting.items[0].votes",
        message: "unknown field — this file may come from a newer Møtebok",
    },
    Case {
        name: "unknown top-level field",
        edit: |v| v["signatures"] = json!([]),
        path: "signatures",
        message: "unknown field — this file may come from a newer Møtebok",
    },
    Case {
        name: "unknown field in a person",
        edit: |v| v["people"][1]["email"] = json!("kari@example.no"),
        path: "people[1].email",
        message: "unknown field — this file may come from a newer Møtebok",
    },
    Case {
        name: "deputy without deputy_for",
        edit: |v| {
            obj(&mut v["meeting"]["attendance"][2]).remove("deputy_for");
        },
        path: "meeting.attendance[2].deputy_for",
        message: "required when status is \"deputy\": name the member met for",
    },
    Case {
        name: "deputy for themselves",
        edit: |v| v["meeting"]["attendance"][2]["deputy_for"] = json!("d"),
        path: "meeting.attendance[2].deputy_for",
        message: "\"d\" cannot be deputy for themselves",
    },
    Case {
        name: "two attendance rows for one person",
        edit: |v| v["meeting"]["attendance"][1]["person"] = json!("a"),
        path: "meeting.attendance[1].person",
        message: "\"a\" already has an attendance row (meeting.attendance[0])",
    },
    Case {
        name: "presenter listed twice",
        edit: |v| v["meeting"]["items"][3]["presenters"][1] = json!("a"),
        path: "meeting.items[3].presenters[1]",
        message: "\"a\" is listed twice (also meeting.items[3].presenters[0])",
    },
    Case {
        name: "year out of range",
        edit: |v| v["meeting"]["year"] = json!(24),
        path: "meeting.year",
        message: "must be from 1000 to 9999, found 24",
    },
    Case {
        name: "membership ends before it starts",
        edit: |v| {
            v["body"]["members"][0]["from"] = json!("2024-01-01");
            v["body"]["members"][0]["to"] = json!("2023-12-31");
        },
        path: "body.members[0].to",
        message: "2023-12-31 is before the start of the membership (2024-01-01)",
    },
];

#[test]
fn each_broken_package_gets_exactly_one_error_at_the_right_path() {
    let mut failures = Vec::new();
    for case in CASES {
        let e = refuse(case.edit);
        let expected = vec![FieldError::new(case.path, case.message)];
        if e.errors != expected {
            failures.push(format!(
                "{}:\n  expected: {}\n  got:      {}",
                case.name,
                expected[0],
                e.to_string().replace('\n', "\n            ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn dangling_references_are_still_found_next_to_other_errors() {
    let e = refuse(|v| {
        v["people"][0]["name"] = json!(null);
        v["meeting"]["chair"] = json!("nobody");
    });
    assert_eq!(
        e.errors,
        [
            FieldError::new("people[0].name", "expected a string, found null"),
            FieldError::new("meeting.chair", "unknown person \"nobody\""),
        ]
    );
}

#[test]
fn bad_json_names_line_and_column() {
    let text = "{\n  \"format\": \"motebok/meeting\",\n  \"version\": 1\n  \"body\": {}\n}\n";
    let e = package::read(text).unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].path, "");
    assert!(
        e.errors[0]
            .message
            .starts_with("the file is not valid JSON (line 4, column 3): "),
        "{e}"
    );
}

#[test]
fn cut_off_file_says_so() {
    let full = text_of(&base());
    let e = package::read(&full[..full.len() / 2]).unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert!(e.to_string().contains("the file ends too early"), "{e}");
    assert!(e.to_string().contains("line "), "{e}");
}

#[test]
fn repeated_key_is_refused_not_overwritten() {
    let text = "{\"format\": \"motebok/meeting\", \"format\": \"motebok/meeting\"}";
    let e = package::read(text).unwrap_err();
    assert!(e.to_string().contains("\"format\" appears twice"), "{e}");
    assert!(e.to_string().contains("line 1"), "{e}");
}

#[test]
fn empty_file_is_refused_clearly() {
    for text in ["", "  \n\t\n"] {
        let e = package::read(text).unwrap_err();
        assert_eq!(e.errors, [FieldError::new("", "the file is empty")]);
        assert_eq!(e.to_string(), "the file is empty");
    }
}

#[test]
fn json_that_is_not_an_object_is_refused() {
    let e = package::read("[1, 2]").unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected a JSON object (a Møtebok meeting package), found an array"
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let e = refuse(|v| {
        v["meeting"]["date"] = json!("2024-02-30");
        v["meeting"]["end"] = json!("11.00");
        v["meeting"]["items"][3]["presenters"][0] = json!("x");
        v["meeting"]["items"][1]["kind"] = json!("vote");
        v["meeting"]["items"][0]["extra"] = json!(true);
    });
    let paths: Vec<&str> = e.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "meeting.date",
            "meeting.end",
            "meeting.items[0].extra",
            "meeting.items[1].kind",
            "meeting.items[3].presenters[0]",
        ],
        "{e}"
    );
}

#[test]
fn error_text_is_one_readable_line_per_problem() {
    let e = refuse(|v| {
        v["meeting"]["items"][3]["presenters"][0] = json!("x");
        v["meeting"]["start"] = json!("8:15");
    });
    assert_eq!(
        e.to_string(),
        "meeting.start: \"8:15\" is not a time (HH:MM)\n\
         meeting.items[3].presenters[0]: unknown person \"x\""
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().lines().count() == 2);
}
