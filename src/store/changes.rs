//! [`Changes`]: what a save has to write, found by comparing the meeting being saved with the
//! one stored. The meeting, attendance, agenda and minutes writers all consult it.

use std::collections::HashSet;

use crate::model::Meeting;

/// What a save of an existing meeting has to write, found by comparing it with what is stored.
/// Typing changes one item: only that item's rows are written (and only it is re-indexed).
pub(super) struct Changes {
    /// The header (reference, date, times, place, chair, referent, status).
    pub(super) header: bool,
    /// The attendance and the disqualifications.
    pub(super) attendance: bool,
    /// `None`: every item (items were added, removed or moved); otherwise the numbers of the
    /// items whose content changed.
    items: Option<HashSet<u32>>,
}

impl Changes {
    /// Everything: an import or a new meeting.
    pub(super) fn all() -> Self {
        Self {
            header: true,
            attendance: true,
            items: None,
        }
    }

    /// What differs between the stored meeting and the one being saved.
    pub(super) fn between(stored: &Meeting, new: &Meeting) -> Self {
        let same_items = stored.items.len() == new.items.len()
            && stored
                .items
                .iter()
                .zip(&new.items)
                .all(|(a, b)| a.number == b.number);
        let items = same_items.then(|| {
            stored
                .items
                .iter()
                .zip(&new.items)
                .filter(|(a, b)| a != b)
                .map(|(_, b)| b.number)
                .collect()
        });
        // Every field named, so a field added to the meeting does not compile until it is
        // counted here (a field left out would never be saved).
        let Meeting {
            reference,
            date,
            start,
            end,
            place,
            chair,
            referent,
            status,
            attendance: _,
            items: _,
            disqualifications: _,
        } = new;
        let header = stored.reference != *reference
            || stored.date != *date
            || stored.start != *start
            || stored.end != *end
            || stored.place != *place
            || stored.chair != *chair
            || stored.referent != *referent
            || stored.status != *status;
        let attendance = !same_items
            || stored.attendance != new.attendance
            || stored.disqualifications != new.disqualifications;
        Self {
            header,
            attendance,
            items,
        }
    }

    /// Whether item `number` is to be written.
    pub(super) fn item(&self, number: u32) -> bool {
        self.items.as_ref().is_none_or(|n| n.contains(&number))
    }

    /// Whether only some items are written (none added, removed or moved).
    pub(super) fn some_items(&self) -> Option<&HashSet<u32>> {
        self.items.as_ref()
    }
}
