//! Building an agenda: the next meeting's number, who is summoned, the body's standard items,
//! postponed items carried over from the previous meeting, the time plan, and what changed
//! after the notice was sent. Pure functions on model values: no I/O.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};

use super::{
    Attachment, Attendance, AttendanceStatus, Body, CaseNumber, Exemption, Item, ItemKind, Meeting,
    MeetingRef, Outcome, PersonId, Role,
};

/// Attachment bytes by SHA-256 (lower-case hex), as they travel with a meeting.
pub type Blobs = std::collections::BTreeMap<String, Vec<u8>>;

/// The largest attachment accepted: 100 MB (10^8 bytes, as file managers count).
pub const MAX_ATTACHMENT_BYTES: u64 = 100_000_000;

/// The legal bases offered for exempting an item from public access (offentleglova).
pub const EXEMPTION_BASES: &[(&str, &str)] = &[
    ("offl. § 13", "taushetsplikt"),
    ("offl. § 14", "organinterne dokumenter"),
    (
        "offl. § 15",
        "dokumenter innhentet utenfra for intern saksforberedelse",
    ),
    ("offl. § 23", "forhandlingsposisjon, økonomi og planlegging"),
    ("offl. § 24", "kontroll- og reguleringstiltak, lovbrudd"),
    ("offl. § 25", "ansettelsessaker"),
    ("offl. § 26", "eksamen, personbilder m.m."),
];

/// The placeholder in a standard item's text that becomes the previous meeting's date.
pub const PREVIOUS_DATE: &str = "{forrige_møte}";

/// The placeholder in a standard item's text that becomes the body's name.
pub const BODY_NAME: &str = "{organ}";

/// Who presents a standard item.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TemplatePresenter {
    /// The meeting's chair.
    Chair,
    /// The meeting's referent.
    Referent,
    /// A named person.
    Person(PersonId),
}

impl TemplatePresenter {
    /// A stable text form: `chair`, `referent` or `person:<key>`.
    #[must_use]
    pub fn code(&self) -> String {
        match self {
            TemplatePresenter::Chair => "chair".to_owned(),
            TemplatePresenter::Referent => "referent".to_owned(),
            TemplatePresenter::Person(p) => format!("person:{p}"),
        }
    }

    /// Reads a code written by [`TemplatePresenter::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "chair" => Some(TemplatePresenter::Chair),
            "referent" => Some(TemplatePresenter::Referent),
            other => other
                .strip_prefix("person:")
                .filter(|k| !k.is_empty())
                .map(|k| TemplatePresenter::Person(PersonId(k.to_owned()))),
        }
    }
}

/// One of a body's standard items: what every new meeting of the body starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemTemplate {
    /// The item's title.
    pub title: String,
    /// Its kind.
    pub kind: ItemKind,
    /// Who presents it.
    pub presenters: Vec<TemplatePresenter>,
    /// The case description; may use [`PREVIOUS_DATE`] and [`BODY_NAME`].
    pub description: Option<String>,
    /// The proposed decision; may use [`PREVIOUS_DATE`] and [`BODY_NAME`].
    pub proposed_decision: Option<String>,
    /// Planned duration.
    pub planned_minutes: Option<u32>,
    /// Placed after the meeting's own cases (orienteringssaker, eventuelt) instead of before.
    pub after_cases: bool,
}

impl ItemTemplate {
    fn new(title: &str, kind: ItemKind, minutes: u32, after_cases: bool) -> Self {
        Self {
            title: title.to_owned(),
            kind,
            presenters: Vec::new(),
            description: None,
            proposed_decision: None,
            planned_minutes: Some(minutes),
            after_cases,
        }
    }
}

/// The standard items of a body that has not edited its own: approval of notice and agenda,
/// approval of the previous minutes, economy and activity report, then (after the meeting's
/// cases) orienteringssaker and eventuelt.
#[must_use]
pub fn default_template() -> Vec<ItemTemplate> {
    let mut notice = ItemTemplate::new(
        "Godkjenning av innkalling og saksliste",
        ItemKind::Decision,
        5,
        false,
    );
    notice.presenters = vec![TemplatePresenter::Chair];
    notice.proposed_decision = Some("Innkalling og saksliste godkjennes.".into());
    let mut minutes = ItemTemplate::new("Godkjenning av møtereferat", ItemKind::Decision, 5, false);
    minutes.presenters = vec![TemplatePresenter::Chair];
    minutes.proposed_decision = Some(format!(
        "Møtereferatet fra møtet {PREVIOUS_DATE} godkjennes."
    ));
    let mut report = ItemTemplate::new(
        "Økonomi- og aktivitetsrapport",
        ItemKind::Information,
        15,
        false,
    );
    report.description = Some(format!(
        "Saken gjelder orientering om økonomistatus og oversikt over aktiviteter for \
         {BODY_NAME} siden forrige rapportering."
    ));
    report.proposed_decision = Some("Saken tas til orientering.".into());
    let mut info = ItemTemplate::new("Orienteringssaker", ItemKind::Information, 15, true);
    info.proposed_decision = Some("Sakene tas til orientering.".into());
    let other = ItemTemplate::new("Eventuelt", ItemKind::OtherBusiness, 10, true);
    vec![notice, minutes, report, info, other]
}

/// What a new meeting's standard items are filled in from.
#[derive(Clone, Copy, Debug, Default)]
pub struct AgendaContext<'a> {
    /// The body's name.
    pub body: &'a str,
    /// The new meeting's chair.
    pub chair: Option<&'a PersonId>,
    /// The new meeting's referent.
    pub referent: Option<&'a PersonId>,
    /// The date of the body's previous meeting, if it had one.
    pub previous_date: Option<NaiveDate>,
}

/// A date as the minutes write it in running text: «8.5.2024».
#[must_use]
pub fn running_date(date: NaiveDate) -> String {
    format!("{}.{}.{}", date.day(), date.month(), date.year())
}

/// Fills the placeholders of a standard item's text.
#[must_use]
pub fn fill_placeholders(text: &str, ctx: &AgendaContext<'_>) -> String {
    let text = text.replace(BODY_NAME, ctx.body);
    match ctx.previous_date {
        Some(d) => text.replace(PREVIOUS_DATE, &running_date(d)),
        None => text
            .replace(&format!("møtet {PREVIOUS_DATE}"), "forrige møte")
            .replace(PREVIOUS_DATE, "forrige møte"),
    }
}

/// One standard item made concrete for a meeting (its number is set when the agenda is built).
#[must_use]
pub fn item_from_template(t: &ItemTemplate, ctx: &AgendaContext<'_>) -> Item {
    let mut presenters: Vec<PersonId> = Vec::new();
    for p in &t.presenters {
        let person = match p {
            TemplatePresenter::Chair => ctx.chair.cloned(),
            TemplatePresenter::Referent => ctx.referent.cloned(),
            TemplatePresenter::Person(id) => Some(id.clone()),
        };
        if let Some(person) = person
            && !presenters.contains(&person)
        {
            presenters.push(person);
        }
    }
    let fill = |s: &Option<String>| {
        s.as_deref()
            .map(|s| fill_placeholders(s, ctx))
            .filter(|s| !s.trim().is_empty())
    };
    Item {
        title: fill_placeholders(&t.title, ctx),
        kind: t.kind,
        presenters,
        description: fill(&t.description),
        proposed_decision: fill(&t.proposed_decision),
        planned_minutes: t.planned_minutes,
        ..Item::default()
    }
}

/// A new meeting's agenda: the standard items placed before the cases, then `cases` (e.g.
/// postponed items carried over), then the standard items placed after. Numbered 1, 2, 3...
#[must_use]
pub fn build_agenda(
    template: &[ItemTemplate],
    ctx: &AgendaContext<'_>,
    cases: Vec<Item>,
) -> Vec<Item> {
    let mut items: Vec<Item> = template
        .iter()
        .filter(|t| !t.after_cases)
        .map(|t| item_from_template(t, ctx))
        .collect();
    items.extend(cases);
    items.extend(
        template
            .iter()
            .filter(|t| t.after_cases)
            .map(|t| item_from_template(t, ctx)),
    );
    for (i, item) in items.iter_mut().enumerate() {
        item.number = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    items
}

/// Where a new case goes by default: after the last item that is not a standard item placed
/// after the cases (orienteringssaker, eventuelt), so those stay last. 0-based position.
#[must_use]
pub fn case_insert_position(items: &[Item], template: &[ItemTemplate]) -> usize {
    let trailing = items
        .iter()
        .rev()
        .take_while(|i| {
            template
                .iter()
                .any(|t| t.after_cases && t.title == i.title && t.kind == i.kind)
        })
        .count();
    items.len() - trailing
}

/// The items of `previous` that were postponed ("flyttes til neste møte"), as new items for the
/// next agenda: the case as it was prepared (title, kind, presenters, description, proposed
/// decision, exemption, planned time, attachments), none of what the meeting recorded, and a
/// reference to the case it continues.
#[must_use]
pub fn postponed_items(previous: &Meeting) -> Vec<Item> {
    previous
        .items
        .iter()
        .filter(|i| i.outcome == Some(Outcome::Postponed))
        .map(|i| carry_over(previous.case_number(i), i))
        .collect()
}

/// One postponed item as a new item continuing case `from`.
#[must_use]
pub fn carry_over(from: CaseNumber, item: &Item) -> Item {
    Item {
        title: item.title.clone(),
        kind: item.kind,
        presenters: item.presenters.clone(),
        description: item.description.clone(),
        proposed_decision: item.proposed_decision.clone(),
        exempt: item.exempt.clone(),
        planned_minutes: item.planned_minutes,
        attachments: item.attachments.clone(),
        postponed_from: Some(from),
        ..Item::default()
    }
}

/// The postponed items of `previous` not yet on `meeting`'s agenda (matched by the case they
/// continue).
#[must_use]
pub fn postponed_not_on_agenda(previous: &Meeting, meeting: &Meeting) -> Vec<Item> {
    postponed_items(previous)
        .into_iter()
        .filter(|c| {
            !meeting
                .items
                .iter()
                .any(|i| i.postponed_from.is_some() && i.postponed_from == c.postponed_from)
        })
        .collect()
}

/// The reference the body's next meeting in `year` gets: one more than the highest in that
/// year among `existing`, or M1 in a year without meetings.
#[must_use]
pub fn next_reference(existing: impl IntoIterator<Item = MeetingRef>, year: i32) -> MeetingRef {
    let highest = existing
        .into_iter()
        .filter(|r| r.year == year)
        .map(|r| r.number)
        .max()
        .unwrap_or(0);
    MeetingRef::new(year, highest + 1)
}

/// The meeting just before `new` among `existing` (by year and number).
#[must_use]
pub fn previous_reference(
    existing: impl IntoIterator<Item = MeetingRef>,
    new: MeetingRef,
) -> Option<MeetingRef> {
    existing.into_iter().filter(|r| *r < new).max()
}

/// Who is summoned by default: everyone who sits on the body on `date` except deputy members
/// (they are summoned when a member sends apologies), chair first, then members, secretary,
/// observers; each person once.
#[must_use]
pub fn summoned(body: &Body, date: NaiveDate) -> Vec<Attendance> {
    let rank = |r: Role| match r {
        Role::Chair => 0,
        Role::DeputyChair => 1,
        Role::Member => 2,
        Role::Secretary => 3,
        Role::Observer => 4,
        Role::DeputyMember => 5,
    };
    let mut members: Vec<_> = body
        .members_on(date)
        .filter(|m| m.role != Role::DeputyMember)
        .collect();
    members.sort_by_key(|m| rank(m.role));
    let mut out: Vec<Attendance> = Vec::new();
    for m in members {
        if !out.iter().any(|a| a.person == m.person) {
            out.push(Attendance::new(
                m.person.clone(),
                AttendanceStatus::Summoned,
            ));
        }
    }
    out
}

/// The first person with `role` on the body on `date`.
#[must_use]
pub fn member_with_role(body: &Body, date: NaiveDate, role: Role) -> Option<PersonId> {
    body.members_on(date)
        .find(|m| m.role == role)
        .map(|m| m.person.clone())
}

/// The meeting's time plan: when each item is planned to start, and how the total compares
/// with the meeting's end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimePlan {
    /// Planned start of each item, in agenda order (`None` without a meeting start time).
    pub starts: Vec<Option<NaiveTime>>,
    /// Sum of the planned minutes.
    pub total_minutes: u32,
    /// How many items have no planned time.
    pub unplanned: usize,
    /// When the last item is planned to end.
    pub planned_end: Option<NaiveTime>,
    /// Minutes past the meeting's end time (positive) or to spare (negative); `None` without
    /// start and end times.
    pub overrun_minutes: Option<i64>,
}

impl TimePlan {
    /// Whether the plan runs past the meeting's end.
    #[must_use]
    pub fn overruns(&self) -> bool {
        self.overrun_minutes.is_some_and(|m| m > 0)
    }
}

/// Computes the time plan from the meeting's start and the items' planned minutes.
#[must_use]
pub fn time_plan(meeting: &Meeting) -> TimePlan {
    let mut starts = Vec::with_capacity(meeting.items.len());
    let mut total: u32 = 0;
    let mut unplanned = 0;
    let at = |minutes: u32| {
        meeting.start.and_then(|s| {
            let (t, wrapped) = s.overflowing_add_signed(TimeDelta::minutes(i64::from(minutes)));
            (wrapped == 0).then_some(t)
        })
    };
    for item in &meeting.items {
        starts.push(at(total));
        match item.planned_minutes {
            Some(m) => total = total.saturating_add(m),
            None => unplanned += 1,
        }
    }
    let planned_end = at(total);
    let overrun_minutes = match (meeting.start, meeting.end) {
        (Some(s), Some(e)) => {
            let available = (e - s).num_minutes();
            Some(i64::from(total) - available)
        }
        _ => None,
    };
    TimePlan {
        starts,
        total_minutes: total,
        unplanned,
        planned_end,
        overrun_minutes,
    }
}

/// The agenda as the notice sent it: what later changes are compared with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticeBaseline {
    /// The items as sent (only what the notice shows; see [`baseline_item`]).
    pub items: Vec<Item>,
}

/// The part of an item the notice shows.
#[must_use]
pub fn baseline_item(item: &Item) -> Item {
    Item {
        number: item.number,
        title: item.title.clone(),
        kind: item.kind,
        presenters: item.presenters.clone(),
        description: item.description.clone(),
        proposed_decision: item.proposed_decision.clone(),
        exempt: item.exempt.clone(),
        attachments: item.attachments.clone(),
        postponed_from: item.postponed_from,
        ..Item::default()
    }
}

impl NoticeBaseline {
    /// The agenda of `meeting` as it stands now.
    #[must_use]
    pub fn of(meeting: &Meeting) -> Self {
        Self {
            items: meeting.items.iter().map(baseline_item).collect(),
        }
    }

    /// The baseline item with this number.
    #[must_use]
    pub fn item(&self, number: u32) -> Option<&Item> {
        self.items.iter().find(|i| i.number == number)
    }
}

/// A field of an item the notice shows, for "changed after the notice" marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeField {
    /// Title.
    Title,
    /// Kind.
    Kind,
    /// Presenters.
    Presenters,
    /// Description.
    Description,
    /// Proposed decision.
    ProposedDecision,
    /// Exemption from public access.
    Exempt,
    /// Attachments.
    Attachments,
}

impl NoticeField {
    /// The field's name in Norwegian, as the notice and the pane write it.
    #[must_use]
    pub fn name_nb(self) -> &'static str {
        match self {
            NoticeField::Title => "tittel",
            NoticeField::Kind => "sakstype",
            NoticeField::Presenters => "saksansvarlig",
            NoticeField::Description => "saksbeskrivelse",
            NoticeField::ProposedDecision => "forslag til vedtak",
            NoticeField::Exempt => "offentlighet",
            NoticeField::Attachments => "vedlegg",
        }
    }
}

/// How an item differs from the agenda the notice sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemChange {
    /// The item was not in the notice.
    Added,
    /// These fields differ from the notice.
    Changed(Vec<NoticeField>),
}

/// How `item` differs from the notice, or `None` when it is as sent.
#[must_use]
pub fn item_change(baseline: &NoticeBaseline, item: &Item) -> Option<ItemChange> {
    let Some(sent) = baseline.item(item.number) else {
        return Some(ItemChange::Added);
    };
    let mut fields = Vec::new();
    let mut check = |same: bool, f: NoticeField| {
        if !same {
            fields.push(f);
        }
    };
    check(sent.title == item.title, NoticeField::Title);
    check(sent.kind == item.kind, NoticeField::Kind);
    check(sent.presenters == item.presenters, NoticeField::Presenters);
    check(
        sent.description == item.description,
        NoticeField::Description,
    );
    check(
        sent.proposed_decision == item.proposed_decision,
        NoticeField::ProposedDecision,
    );
    check(sent.exempt == item.exempt, NoticeField::Exempt);
    check(
        sent.attachments == item.attachments,
        NoticeField::Attachments,
    );
    (!fields.is_empty()).then_some(ItemChange::Changed(fields))
}

/// The items of the notice no longer on the agenda.
#[must_use]
pub fn removed_after_notice<'a>(baseline: &'a NoticeBaseline, meeting: &Meeting) -> Vec<&'a Item> {
    baseline
        .items
        .iter()
        .filter(|s| !meeting.items.iter().any(|i| i.number == s.number))
        .collect()
}

/// Whether the item with this number went out in the notice, so its case number is frozen.
#[must_use]
pub fn is_frozen(baseline: Option<&NoticeBaseline>, meeting: &Meeting, number: u32) -> bool {
    if meeting.status == super::MeetingStatus::Planned {
        return false;
    }
    baseline.is_none_or(|b| b.item(number).is_some())
}

/// Whether `edit` would change a case number frozen by the notice: deleting or moving an item
/// that went out in it, or putting an item before one of those. Other edits never do.
#[must_use]
pub fn breaks_frozen_numbers(
    baseline: Option<&NoticeBaseline>,
    meeting: &Meeting,
    edit: &super::Edit,
) -> bool {
    use super::Edit;
    let frozen = |n: u32| is_frozen(baseline, meeting, n);
    let frozen_count = meeting.items.iter().filter(|i| frozen(i.number)).count();
    match edit {
        Edit::InsertItem { at, .. } => *at < frozen_count,
        Edit::DeleteItem { item } => frozen(*item),
        Edit::MoveItem { item, to } => frozen(*item) || *to < frozen_count,
        _ => false,
    }
}

/// A copy of `item` as a new item (for "duplicate"): the prepared case only, no minutes.
#[must_use]
pub fn duplicate(item: &Item) -> Item {
    Item {
        title: item.title.clone(),
        kind: item.kind,
        presenters: item.presenters.clone(),
        description: item.description.clone(),
        proposed_decision: item.proposed_decision.clone(),
        exempt: item.exempt.clone(),
        planned_minutes: item.planned_minutes,
        attachments: item.attachments.clone(),
        ..Item::default()
    }
}

/// An exemption with `basis`, or `None` when the basis is empty.
#[must_use]
pub fn exemption(basis: &str) -> Option<Exemption> {
    let basis = basis.trim();
    (!basis.is_empty()).then(|| Exemption {
        basis: basis.to_owned(),
    })
}

/// "12,3 kB", "4,5 MB": a size for people, with a decimal comma.
#[must_use]
pub fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    let text = if bytes < 1_000 {
        return format!("{bytes} B");
    } else if bytes < 1_000_000 {
        format!("{:.1} kB", b / 1e3)
    } else if bytes < 1_000_000_000 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.1} GB", b / 1e9)
    };
    text.replace('.', ",")
}

/// SHA-256 of `bytes`, lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in &digest {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 0xf)]));
    }
    out
}

/// The attachment record of a file named `name` with these bytes.
#[must_use]
pub fn attachment_of(name: &str, bytes: &[u8]) -> Attachment {
    Attachment {
        name: name.to_owned(),
        size_bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    }
}

/// Whether an attachment with this hash is already on the item.
#[must_use]
pub fn has_attachment(item: &Item, a: &Attachment) -> bool {
    item.attachments
        .iter()
        .any(|x| x.sha256 == a.sha256 && x.name == a.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingStatus, Membership};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[test]
    fn next_number_follows_the_highest_in_the_year_and_restarts_in_a_new_year() {
        let existing = [
            MeetingRef::new(2024, 3),
            MeetingRef::new(2024, 4),
            MeetingRef::new(2023, 9),
        ];
        assert_eq!(next_reference(existing, 2024), MeetingRef::new(2024, 5));
        assert_eq!(next_reference(existing, 2025), MeetingRef::new(2025, 1));
        assert_eq!(
            previous_reference(existing, MeetingRef::new(2025, 1)),
            Some(MeetingRef::new(2024, 4))
        );
        assert_eq!(previous_reference(existing, MeetingRef::new(2023, 9)), None);
    }

    #[test]
    fn standard_items_fill_in_the_previous_meeting_date() {
        let chair = PersonId::from("aasen-ms");
        let ctx = AgendaContext {
            body: "Samarbeidsrådet for ROR-IKT",
            chair: Some(&chair),
            referent: None,
            previous_date: Some(d("2024-05-08")),
        };
        let items = build_agenda(
            &default_template(),
            &ctx,
            vec![Item::new(0, "Sak", ItemKind::Decision)],
        );
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Godkjenning av innkalling og saksliste",
                "Godkjenning av møtereferat",
                "Økonomi- og aktivitetsrapport",
                "Sak",
                "Orienteringssaker",
                "Eventuelt"
            ]
        );
        assert_eq!(
            items[1].proposed_decision.as_deref(),
            Some("Møtereferatet fra møtet 8.5.2024 godkjennes.")
        );
        assert_eq!(items[0].presenters, vec![chair]);
        assert!(
            items[2]
                .description
                .as_deref()
                .unwrap()
                .contains("for Samarbeidsrådet for ROR-IKT siden")
        );
        assert_eq!(
            items.iter().map(|i| i.number).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6]
        );
        assert_eq!(items[5].kind, ItemKind::OtherBusiness);
    }

    #[test]
    fn without_a_previous_meeting_the_decision_still_reads_well() {
        let ctx = AgendaContext::default();
        let item = item_from_template(&default_template()[1], &ctx);
        assert_eq!(
            item.proposed_decision.as_deref(),
            Some("Møtereferatet fra forrige møte godkjennes.")
        );
    }

    #[test]
    fn postponed_items_carry_the_case_and_where_it_came_from() {
        let mut prev = Meeting {
            reference: MeetingRef::new(2024, 8),
            ..Meeting::default()
        };
        let mut a = Item::new(0, "A", ItemKind::Decision);
        a.outcome = Some(Outcome::Decided);
        let mut b = Item::new(0, "B", ItemKind::Discussion);
        b.outcome = Some(Outcome::Postponed);
        b.description = Some("Beskrivelse".into());
        b.decision = Some("Saken flyttes til neste møte".into());
        b.notes = Some("Diskusjon".into());
        let c = Item::new(0, "C", ItemKind::Decision);
        let mut d4 = Item::new(0, "D", ItemKind::Decision);
        d4.outcome = Some(Outcome::Postponed);
        prev.items = vec![a, b, c, d4];
        prev.renumber_items();
        let carried = postponed_items(&prev);
        assert_eq!(carried.len(), 2);
        assert_eq!(carried[0].title, "B");
        assert_eq!(carried[0].description.as_deref(), Some("Beskrivelse"));
        assert_eq!(carried[0].decision, None);
        assert_eq!(carried[0].notes, None);
        assert_eq!(carried[0].outcome, None);
        assert_eq!(
            carried[0].postponed_from.unwrap().to_string(),
            "2024/M8-002"
        );
        assert_eq!(
            carried[1].postponed_from.unwrap().to_string(),
            "2024/M8-004"
        );

        let mut next = Meeting::default();
        next.items.push(carried[0].clone());
        let left = postponed_not_on_agenda(&prev, &next);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].title, "D");
    }

    #[test]
    fn time_plan_adds_up_from_the_start_and_shows_an_overrun() {
        let mut m = Meeting {
            start: Some(t("08:15")),
            end: Some(t("09:00")),
            ..Meeting::default()
        };
        for (title, minutes) in [
            ("A", Some(10)),
            ("B", None),
            ("C", Some(30)),
            ("D", Some(15)),
        ] {
            let mut i = Item::new(0, title, ItemKind::Decision);
            i.planned_minutes = minutes;
            m.items.push(i);
        }
        let plan = time_plan(&m);
        assert_eq!(
            plan.starts,
            [
                Some(t("08:15")),
                Some(t("08:25")),
                Some(t("08:25")),
                Some(t("08:55"))
            ]
        );
        assert_eq!(plan.total_minutes, 55);
        assert_eq!(plan.unplanned, 1);
        assert_eq!(plan.planned_end, Some(t("09:10")));
        assert_eq!(plan.overrun_minutes, Some(10));
        assert!(plan.overruns());
        m.end = Some(t("11:00"));
        let plan = time_plan(&m);
        assert_eq!(plan.overrun_minutes, Some(-110));
        assert!(!plan.overruns());
        m.start = None;
        assert_eq!(time_plan(&m).starts[0], None);
    }

    #[test]
    fn summoned_are_the_current_members_without_deputies() {
        let mut body = Body::new("R");
        let mem = |p: &str, role, to: Option<&str>| Membership {
            person: p.into(),
            role,
            municipality: None,
            from: None,
            to: to.map(d),
        };
        body.members = vec![
            mem("sec", Role::Secretary, None),
            mem("m1", Role::Member, None),
            mem("old", Role::Member, Some("2023-12-31")),
            mem("vara", Role::DeputyMember, None),
            mem("chair", Role::Chair, None),
        ];
        let s: Vec<String> = summoned(&body, d("2024-06-01"))
            .into_iter()
            .map(|a| a.person.0)
            .collect();
        assert_eq!(s, ["chair", "m1", "sec"]);
        assert_eq!(
            member_with_role(&body, d("2024-06-01"), Role::Secretary),
            Some("sec".into())
        );
    }

    #[test]
    fn changes_after_the_notice_are_found_per_item() {
        let mut m = Meeting {
            status: MeetingStatus::NoticeSent,
            ..Meeting::default()
        };
        m.items = vec![
            Item::new(1, "A", ItemKind::Decision),
            Item::new(2, "B", ItemKind::Decision),
        ];
        let base = NoticeBaseline::of(&m);
        assert_eq!(item_change(&base, &m.items[0]), None);
        m.items[1].proposed_decision = Some("Nytt forslag".into());
        // Minutes taken in the meeting are not a change to the agenda.
        m.items[0].notes = Some("Referat".into());
        m.items.push(Item::new(3, "C", ItemKind::Decision));
        assert_eq!(item_change(&base, &m.items[0]), None);
        assert_eq!(
            item_change(&base, &m.items[1]),
            Some(ItemChange::Changed(vec![NoticeField::ProposedDecision]))
        );
        assert_eq!(item_change(&base, &m.items[2]), Some(ItemChange::Added));
        assert!(is_frozen(Some(&base), &m, 2));
        assert!(!is_frozen(Some(&base), &m, 3));
        assert!(removed_after_notice(&base, &m).is_empty());
        m.items.remove(1);
        let removed = removed_after_notice(&base, &m);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].title, "B");
    }

    #[test]
    fn edits_that_would_renumber_noticed_items_are_recognised() {
        use crate::model::Edit;
        let mut m = Meeting {
            status: MeetingStatus::NoticeSent,
            ..Meeting::default()
        };
        for n in 1..=3 {
            m.items.push(Item {
                number: n,
                title: format!("Sak {n}"),
                ..Item::default()
            });
        }
        // Items 1 and 2 went out in the notice; 3 came after.
        let mut sent = m.clone();
        sent.items.truncate(2);
        let base = NoticeBaseline::of(&sent);
        let breaks = |e: Edit| breaks_frozen_numbers(Some(&base), &m, &e);
        assert!(breaks(Edit::DeleteItem { item: 2 }));
        assert!(breaks(Edit::MoveItem { item: 1, to: 1 }));
        assert!(breaks(Edit::MoveItem { item: 3, to: 1 }));
        assert!(breaks(Edit::InsertItem {
            at: 0,
            item: Box::default()
        }));
        assert!(!breaks(Edit::DeleteItem { item: 3 }));
        assert!(!breaks(Edit::MoveItem { item: 3, to: 2 }));
        assert!(!breaks(Edit::InsertItem {
            at: 2,
            item: Box::default()
        }));
        // Before the notice nothing is frozen.
        m.status = MeetingStatus::Planned;
        assert!(!breaks_frozen_numbers(
            Some(&base),
            &m,
            &Edit::DeleteItem { item: 1 }
        ));
    }

    #[test]
    fn template_presenter_codes_round_trip() {
        for p in [
            TemplatePresenter::Chair,
            TemplatePresenter::Referent,
            TemplatePresenter::Person("gjortz-f".into()),
        ] {
            assert_eq!(TemplatePresenter::from_code(&p.code()), Some(p));
        }
        assert_eq!(TemplatePresenter::from_code("person:"), None);
    }

    #[test]
    fn attachments_are_named_by_their_sha256() {
        let a = attachment_of("a.txt", b"abc");
        assert_eq!(a.size_bytes, 3);
        assert_eq!(
            a.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(12_345), "12,3 kB");
        assert_eq!(human_size(101_000_000), "101,0 MB");
    }

    #[test]
    fn new_cases_go_before_the_trailing_standard_items() {
        let ctx = AgendaContext::default();
        let items = build_agenda(&default_template(), &ctx, vec![]);
        assert_eq!(case_insert_position(&items, &default_template()), 3);
    }
}
