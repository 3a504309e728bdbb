//! Row codecs: how values are written into columns and read back. Dates as `YYYY-MM-DD`, times
//! as `HH:MM` (or `HH:MM:SS`), moments as `YYYY-MM-DDTHH:MM:SS`, numbers checked for range, codes
//! checked against the model's list. A stored value that does not read is [`StoreError::Corrupt`]
//! naming the file and the value.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rusqlite::Connection;

use super::StoreError;
use crate::model::MeetingRef;

/// How a moment (approval, review, reply) is stored.
const STAMP_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// `YYYY-MM-DD`.
pub(super) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// `HH:MM`, or `HH:MM:SS` when the time has seconds (fractions of a second are not kept).
pub(super) fn time_text(time: NaiveTime) -> String {
    if time.second() == 0 {
        time.format("%H:%M").to_string()
    } else {
        time.format("%H:%M:%S").to_string()
    }
}

/// `YYYY-MM-DDTHH:MM:SS`.
pub(super) fn stamp_text(at: NaiveDateTime) -> String {
    at.format(STAMP_FORMAT).to_string()
}

/// A stored value that the schema should have prevented: the file was changed by hand or damaged.
pub(super) fn bad_data(conn: &Connection, detail: String) -> StoreError {
    let path = conn.path().filter(|p| !p.is_empty()).unwrap_or(":memory:");
    StoreError::Corrupt {
        path: path.into(),
        detail,
    }
}

/// Reads a `YYYY-MM-DD` date.
pub(super) fn parse_date(conn: &Connection, text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| bad_data(conn, format!("«{text}» is not a date (YYYY-MM-DD)")))
}

/// Reads a date that may be missing.
pub(super) fn parse_optional_date(
    conn: &Connection,
    text: Option<String>,
) -> Result<Option<NaiveDate>, StoreError> {
    text.map(|t| parse_date(conn, &t)).transpose()
}

/// Reads a time (`HH:MM` or `HH:MM:SS`) that may be missing.
pub(super) fn parse_time(
    conn: &Connection,
    text: Option<String>,
) -> Result<Option<NaiveTime>, StoreError> {
    let Some(text) = text else { return Ok(None) };
    NaiveTime::parse_from_str(&text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M:%S"))
        .map(Some)
        .map_err(|_| bad_data(conn, format!("«{text}» is not a time (HH:MM)")))
}

/// Reads a `YYYY-MM-DDTHH:MM:SS` moment; `source` names the table it came from.
pub(super) fn parse_stamp(source: &str, text: &str) -> Result<NaiveDateTime, StoreError> {
    NaiveDateTime::parse_from_str(text, STAMP_FORMAT).map_err(|_| StoreError::Corrupt {
        path: source.into(),
        detail: format!("«{text}» is not a time (YYYY-MM-DDTHH:MM:SS)"),
    })
}

/// Reads a code (`from_code` is the model's parser); `what` names the kind of value.
pub(super) fn parse_code<T>(
    conn: &Connection,
    what: &str,
    code: &str,
    from_code: fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    from_code(code).ok_or_else(|| bad_data(conn, format!("«{code}» is not a known {what}")))
}

/// A stored number that must fit a `u32`.
pub(super) fn to_u32(conn: &Connection, what: &str, value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| bad_data(conn, format!("{what} {value} is out of range")))
}

/// A stored number that must fit an `i32`.
pub(super) fn to_i32(conn: &Connection, what: &str, value: i64) -> Result<i32, StoreError> {
    i32::try_from(value).map_err(|_| bad_data(conn, format!("{what} {value} is out of range")))
}

/// A list index as stored in a `position` column.
pub(super) fn position(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}

/// A meeting's reference from its stored year and number.
pub(super) fn meeting_ref(
    conn: &Connection,
    year: i64,
    number: i64,
) -> Result<MeetingRef, StoreError> {
    Ok(MeetingRef {
        year: to_i32(conn, "year", year)?,
        number: to_u32(conn, "meeting number", number)?,
    })
}
