//! The real meeting 2024/M4 (the crate's demo package) through the store: what goes in comes
//! out, and a package exported from the store is stable through another import and export.

use motebok::package;
use motebok::store::{ImportMode, Store};

const EXAMPLE: &str = include_str!("../assets/demo/2024-M4.motebok.json");

#[test]
fn the_reference_meeting_survives_the_store_and_exports_byte_for_byte_stably() {
    let original = package::read(EXAMPLE).expect("the demo package is valid");

    let mut first = Store::open_in_memory().unwrap();
    let id = first.import_record(&original, ImportMode::Refuse).unwrap();
    let loaded = first.load_meeting(id).unwrap();
    assert_eq!(loaded.meeting, original.meeting);
    assert_eq!(loaded.body.name, original.body.name);
    let mut people = original.people.clone();
    people.sort_by(|a, b| motebok::model::norwegian_cmp(&a.name, &b.name));
    assert_eq!(loaded.people, people, "everyone, in Norwegian name order");

    let exported = package::write(&loaded);
    let mut second = Store::open_in_memory().unwrap();
    let id2 = second
        .import_record(&package::read(&exported).unwrap(), ImportMode::Refuse)
        .unwrap();
    assert_eq!(package::write(&second.load_meeting(id2).unwrap()), exported);

    // Re-importing the export into the first store over the same meeting changes nothing.
    first
        .import_record(&package::read(&exported).unwrap(), ImportMode::Replace)
        .unwrap();
    assert_eq!(first.load_meeting(id).unwrap(), loaded);
}
