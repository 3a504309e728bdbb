//! Meeting references (`2024/M4`) and case numbers (`2024/M4-003`).

use std::fmt;

/// Names one meeting of a body: the year and the sequence number in that year (`2024/M4`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingRef {
    /// Calendar year of the meeting.
    pub year: i32,
    /// Sequence number within the year, starting at 1.
    pub number: u32,
}

/// Why a meeting reference or case number could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseRefError {
    /// The text that was given.
    pub input: String,
    /// What shape was expected.
    pub expected: &'static str,
}

impl fmt::Display for ParseRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "«{}» is not a {}", self.input, self.expected)
    }
}

impl std::error::Error for ParseRefError {}

impl MeetingRef {
    /// A reference from year and number.
    #[must_use]
    pub fn new(year: i32, number: u32) -> Self {
        Self { year, number }
    }

    /// The case number of item `item` of this meeting.
    #[must_use]
    pub fn case(self, item: u32) -> CaseNumber {
        CaseNumber {
            meeting: self,
            item,
        }
    }

    /// Parses `2024/M4` (also accepts `2024/m4` and `2024-M4`).
    pub fn parse(text: &str) -> Result<Self, ParseRefError> {
        let err = || ParseRefError {
            input: text.to_owned(),
            expected: "meeting reference like 2024/M4",
        };
        let t = text.trim();
        let (year, rest) = t.split_once(['/', '-']).ok_or_else(err)?;
        let rest = rest.strip_prefix(['M', 'm']).ok_or_else(err)?;
        let year: i32 = year.parse().map_err(|_| err())?;
        let number: u32 = rest.parse().map_err(|_| err())?;
        if !(1000..=9999).contains(&year) || number == 0 {
            return Err(err());
        }
        Ok(Self { year, number })
    }
}

impl fmt::Display for MeetingRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/M{}", self.year, self.number)
    }
}

/// The case number of an agenda item, derived from its meeting and position: `2024/M4-003`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseNumber {
    /// The meeting the item belongs to.
    pub meeting: MeetingRef,
    /// The item's number in agenda order, starting at 1.
    pub item: u32,
}

impl CaseNumber {
    /// Parses `2024/M4-003`.
    pub fn parse(text: &str) -> Result<Self, ParseRefError> {
        let err = || ParseRefError {
            input: text.to_owned(),
            expected: "case number like 2024/M4-003",
        };
        let t = text.trim();
        let (meeting, item) = t.rsplit_once('-').ok_or_else(err)?;
        let meeting = MeetingRef::parse(meeting).map_err(|_| err())?;
        let item: u32 = item.parse().map_err(|_| err())?;
        if item == 0 {
            return Err(err());
        }
        Ok(Self { meeting, item })
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:03}", self.meeting, self.item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_number_is_written_with_three_digits() {
        assert_eq!(MeetingRef::new(2024, 4).case(3).to_string(), "2024/M4-003");
        assert_eq!(
            MeetingRef::new(2024, 12).case(104).to_string(),
            "2024/M12-104"
        );
    }

    #[test]
    fn meeting_ref_parses_and_rejects() {
        assert_eq!(MeetingRef::parse("2024/M4"), Ok(MeetingRef::new(2024, 4)));
        assert_eq!(
            MeetingRef::parse(" 2024/m10 "),
            Ok(MeetingRef::new(2024, 10))
        );
        assert!(MeetingRef::parse("2024/4").is_err());
        assert!(MeetingRef::parse("2024/M0").is_err());
        assert!(MeetingRef::parse("M4").is_err());
    }

    #[test]
    fn case_number_round_trips_through_text() {
        let c = CaseNumber::parse("2024/M4-003").unwrap();
        assert_eq!(c, MeetingRef::new(2024, 4).case(3));
        assert_eq!(c.to_string(), "2024/M4-003");
        assert!(CaseNumber::parse("2024/M4").is_err());
    }
}
