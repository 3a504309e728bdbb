//! Demo data: the reference council and its meeting 2024/M4, so a new database shows a real
//! meeting at once. Embedded in the binary; nothing is read from outside at run time.

use chrono::NaiveDate;

use crate::model::{Body, Membership, Person, Role};
use crate::package;
use crate::store::{ImportMode, Store, StoreError};

/// The example meeting package, as shipped in `assets/demo/`.
pub const EXAMPLE_PACKAGE: &str = include_str!("../../assets/demo/2024-M4.motebok.json");

/// One member of [`MEMBERS`]: person key, name, role, municipality, from, to.
type MemberRow = (
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// The reference council's name.
pub const DEMO_BODY: &str = "Samarbeidsrådet for ROR-IKT";

/// Members of the reference council, from its annual report and the 2024 minutes:
/// (person key, name, role, municipality, from, to).
const MEMBERS: &[MemberRow] = &[
    (
        "aasen-ms",
        "Aasen, Marianne Stokkereit",
        Role::Chair,
        Some("Molde kommune"),
        None,
        None,
    ),
    (
        "langoy-gm",
        "Langøy, Gerd Marit",
        Role::Member,
        Some("Aukra kommune"),
        None,
        None,
    ),
    (
        "hovdenak-t",
        "Hovdenak, Toril",
        Role::Member,
        Some("Rauma kommune"),
        None,
        Some("2023-12-31"),
    ),
    (
        "skalhavn-k",
        "Skålhavn, Kristian",
        Role::Member,
        Some("Vestnes kommune"),
        None,
        None,
    ),
    (
        "ersvik-ps",
        "Ersvik, Per Sverre",
        Role::Member,
        Some("Hustadvika kommune"),
        Some("2024-01-01"),
        None,
    ),
    (
        "ulvestad-ph",
        "Ulvestad, Perry Helge",
        Role::Member,
        Some("Rauma kommune"),
        Some("2024-01-01"),
        None,
    ),
    (
        "gjortz-f",
        "Gjørtz, Fred",
        Role::Observer,
        Some("ROR-IKT"),
        None,
        None,
    ),
    (
        "spilling-t",
        "Spilling, Thormod",
        Role::Observer,
        Some("ROR-IKT"),
        None,
        None,
    ),
    (
        "kristengard-mk",
        "Kristengård, Mette Kristin",
        Role::Secretary,
        Some("ROR-IKT"),
        None,
        None,
    ),
];

fn date(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
}

/// The reference council with its members.
#[must_use]
pub fn demo_body() -> Body {
    Body {
        name: DEMO_BODY.to_owned(),
        members: MEMBERS
            .iter()
            .map(|&(key, _, role, municipality, from, to)| Membership {
                person: key.into(),
                role,
                municipality: municipality.map(str::to_owned),
                from: date(from),
                to: date(to),
            })
            .collect(),
        ..Body::new(DEMO_BODY)
    }
}

/// The reference council's members as people.
#[must_use]
pub fn demo_people() -> Vec<Person> {
    MEMBERS
        .iter()
        .map(|&(key, name, _, municipality, _, _)| Person {
            id: key.into(),
            name: name.to_owned(),
            organization: municipality.map(str::to_owned),
        })
        .collect()
}

/// Fills an empty database with the reference council and meeting 2024/M4.
/// Does nothing when the database already holds a body.
pub fn seed_if_empty(store: &mut Store) -> Result<bool, StoreError> {
    if !store.is_empty()? {
        return Ok(false);
    }
    let mut record = package::read(EXAMPLE_PACKAGE)
        .map_err(|e| StoreError::Conflict(format!("the built-in demo meeting is invalid: {e}")))?;
    for person in demo_people() {
        if record.person(&person.id).is_none() {
            record.people.push(person);
        }
    }
    record.body = demo_body();
    store.import_record(&record, ImportMode::Refuse)?;
    Ok(true)
}
