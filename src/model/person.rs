//! Bodies (councils), people and their memberships.

use chrono::NaiveDate;
use std::fmt;

/// A stable key for a person: the `id` of the meeting package, unique in a database.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(pub String);

impl PersonId {
    /// The key as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for PersonId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

/// A person the council's records mention: a member, a guest, a presenter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Stable key.
    pub id: PersonId,
    /// "Surname, Given names".
    pub name: String,
    /// The municipality or organisation the person represents, if any.
    pub organization: Option<String>,
}

impl Person {
    /// "Given names Surname", for running text.
    #[must_use]
    pub fn display_name(&self) -> String {
        super::display_name(&self.name)
    }
}

/// A person's role in a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Leder / styreleder.
    Chair,
    /// Nestleder.
    DeputyChair,
    /// Medlem.
    Member,
    /// Varamedlem.
    DeputyMember,
    /// Sekretær.
    Secretary,
    /// Observatør.
    Observer,
}

impl Role {
    /// Every role, in the order lists show them.
    pub const ALL: [Role; 6] = [
        Role::Chair,
        Role::DeputyChair,
        Role::Member,
        Role::DeputyMember,
        Role::Secretary,
        Role::Observer,
    ];

    /// The stable code used in files and the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::DeputyChair => "deputy_chair",
            Role::Member => "member",
            Role::DeputyMember => "deputy_member",
            Role::Secretary => "secretary",
            Role::Observer => "observer",
        }
    }

    /// Reads a code written by [`Role::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the role votes and counts towards a quorum.
    #[must_use]
    pub fn is_voting(self) -> bool {
        matches!(self, Role::Chair | Role::DeputyChair | Role::Member)
    }
}

/// A person's seat in a body over a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    /// Who.
    pub person: PersonId,
    /// In what role.
    pub role: Role,
    /// The municipality represented, if any.
    pub municipality: Option<String>,
    /// First day of the membership; `None` when unknown.
    pub from: Option<NaiveDate>,
    /// Last day of the membership; `None` while it lasts.
    pub to: Option<NaiveDate>,
}

impl Membership {
    /// Whether the membership is in force on `date`.
    #[must_use]
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// A council or other body that meets and keeps a møtebok.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// The body's full name, e.g. "Samarbeidsrådet for ROR-IKT".
    pub name: String,
    /// Its members over time.
    pub members: Vec<Membership>,
    /// How many members must be present for a decision (default: at least half).
    pub quorum: super::QuorumRule,
}

impl Body {
    /// A body with a name and no members yet.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            members: Vec::new(),
            quorum: super::QuorumRule::default(),
        }
    }

    /// The memberships in force on `date`.
    pub fn members_on(&self, date: NaiveDate) -> impl Iterator<Item = &Membership> {
        self.members.iter().filter(move |m| m.is_active_on(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn membership_is_active_inside_its_dates_only() {
        let m = Membership {
            person: "a".into(),
            role: Role::Member,
            municipality: None,
            from: Some(d("2024-01-01")),
            to: Some(d("2024-12-31")),
        };
        assert!(m.is_active_on(d("2024-01-01")));
        assert!(m.is_active_on(d("2024-12-31")));
        assert!(!m.is_active_on(d("2023-12-31")));
        assert!(!m.is_active_on(d("2025-01-01")));
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("king"), None);
    }
}
