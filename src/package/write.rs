//! Writing a meeting package in its one canonical form.

use chrono::{NaiveDate, NaiveTime};

use super::json::Json;
use super::{FORMAT, VERSION};
use crate::model::{
    Attendance, Body, Disqualification, Item, Meeting, MeetingRecord, Membership, Person, PersonId,
    QuorumRule,
};
use crate::model::{Deadline, FollowUp, Vote};

/// The canonical text of `record`. See [`super::write`].
pub(super) fn write(record: &MeetingRecord) -> String {
    tree(record).to_pretty()
}

/// The package as a JSON tree, keys in output order.
pub(super) fn tree(record: &MeetingRecord) -> Json {
    Json::Obj(vec![
        ("format", Json::Str(FORMAT.to_owned())),
        ("version", Json::Int(i64::from(VERSION))),
        ("body", body(&record.body)),
        (
            "people",
            Json::Arr(record.people.iter().map(person).collect()),
        ),
        ("meeting", meeting(&record.meeting)),
    ])
}

/// Fields of one object, in output order; absent optional values are left out.
#[derive(Default)]
struct Fields(Vec<(&'static str, Json)>);

impl Fields {
    fn put(&mut self, key: &'static str, value: Json) -> &mut Self {
        self.0.push((key, value));
        self
    }

    fn opt(&mut self, key: &'static str, value: Option<Json>) -> &mut Self {
        if let Some(v) = value {
            self.0.push((key, v));
        }
        self
    }

    fn done(&mut self) -> Json {
        Json::Obj(std::mem::take(&mut self.0))
    }
}

fn text(s: &str) -> Json {
    Json::Str(s.to_owned())
}

fn opt_text(s: Option<&String>) -> Option<Json> {
    s.map(|s| text(s))
}

fn id(p: &PersonId) -> Json {
    text(p.as_str())
}

fn ids(list: &[PersonId]) -> Option<Json> {
    (!list.is_empty()).then(|| Json::Arr(list.iter().map(id).collect()))
}

fn date(d: NaiveDate) -> Json {
    Json::Str(d.format("%Y-%m-%d").to_string())
}

fn time(t: NaiveTime) -> Json {
    Json::Str(t.format("%H:%M").to_string())
}

fn body(b: &Body) -> Json {
    Fields::default()
        .put("name", text(&b.name))
        .opt(
            "members",
            (!b.members.is_empty()).then(|| Json::Arr(b.members.iter().map(member).collect())),
        )
        .opt(
            "quorum",
            (b.quorum != QuorumRule::default()).then(|| quorum(b.quorum)),
        )
        .done()
}

fn quorum(rule: QuorumRule) -> Json {
    let (numerator, denominator) = rule.numbers();
    let mut fields = Fields::default();
    fields.put("rule", text(rule.kind_code()));
    if let QuorumRule::Count(n) = rule {
        fields.put("members", Json::Int(i64::from(n)));
    } else {
        fields
            .put("numerator", Json::Int(i64::from(numerator)))
            .put("denominator", Json::Int(i64::from(denominator)));
    }
    fields.done()
}

fn disqualification(d: &Disqualification) -> Json {
    Fields::default()
        .put("person", id(&d.person))
        .put("item", Json::Int(i64::from(d.item)))
        .put("reason", text(&d.reason))
        .done()
}

fn member(m: &Membership) -> Json {
    Fields::default()
        .put("person", id(&m.person))
        .put("role", text(m.role.code()))
        .opt("municipality", opt_text(m.municipality.as_ref()))
        .opt("from", m.from.map(date))
        .opt("to", m.to.map(date))
        .done()
}

fn person(p: &Person) -> Json {
    Fields::default()
        .put("id", id(&p.id))
        .put("name", text(&p.name))
        .opt("organization", opt_text(p.organization.as_ref()))
        .done()
}

fn meeting(m: &Meeting) -> Json {
    Fields::default()
        .put("year", Json::Int(i64::from(m.reference.year)))
        .put("number", Json::Int(i64::from(m.reference.number)))
        .put("date", date(m.date))
        .opt("start", m.start.map(time))
        .opt("end", m.end.map(time))
        .opt("place", (!m.place.is_empty()).then(|| text(&m.place)))
        .opt("chair", m.chair.as_ref().map(id))
        .opt("referent", m.referent.as_ref().map(id))
        .put("status", text(m.status.code()))
        .opt(
            "attendance",
            (!m.attendance.is_empty())
                .then(|| Json::Arr(m.attendance.iter().map(attendance).collect())),
        )
        .opt(
            "disqualifications",
            (!m.disqualifications.is_empty())
                .then(|| Json::Arr(m.disqualifications.iter().map(disqualification).collect())),
        )
        .put("items", Json::Arr(m.items.iter().map(item).collect()))
        .done()
}

fn attendance(a: &Attendance) -> Json {
    Fields::default()
        .put("person", id(&a.person))
        .put("status", text(a.status.code()))
        .opt("deputy_for", a.deputy_for.as_ref().map(id))
        .opt("arrived", a.arrived.map(time))
        .opt(
            "arrived_at_item",
            a.arrived_item.map(|n| Json::Int(i64::from(n))),
        )
        .opt("left", a.left.map(time))
        .opt(
            "left_after_item",
            a.left_after_item.map(|n| Json::Int(i64::from(n))),
        )
        .opt("note", opt_text(a.note.as_ref()))
        .done()
}

fn item(i: &Item) -> Json {
    Fields::default()
        .put("number", Json::Int(i64::from(i.number)))
        .put("title", text(&i.title))
        .put("kind", text(i.kind.code()))
        .opt("presenters", ids(&i.presenters))
        .opt("description", opt_text(i.description.as_ref()))
        .opt("proposed_decision", opt_text(i.proposed_decision.as_ref()))
        .opt("decision", opt_text(i.decision.as_ref()))
        .opt("guests", ids(&i.guests))
        .opt("notes", opt_text(i.notes.as_ref()))
        .put(
            "exempt",
            i.exempt.as_ref().map_or(Json::Null, |e| {
                Fields::default().put("basis", text(&e.basis)).done()
            }),
        )
        .opt(
            "planned_minutes",
            i.planned_minutes.map(|n| Json::Int(i64::from(n))),
        )
        .opt("outcome", i.outcome.map(|o| text(o.code())))
        .opt("started", i.started.map(time))
        .opt("ended", i.ended.map(time))
        .opt("vote", i.vote.as_ref().map(vote))
        .opt(
            "follow_ups",
            (!i.follow_ups.is_empty())
                .then(|| Json::Arr(i.follow_ups.iter().map(follow_up).collect())),
        )
        .opt(
            "postponed_from",
            i.postponed_from.map(|c| text(&c.to_string())),
        )
        .opt(
            "attachments",
            super::attachments::write_list(&i.attachments),
        )
        .done()
}

fn vote(v: &Vote) -> Json {
    let list = |people: &[PersonId]| Json::Arr(people.iter().map(id).collect());
    match v {
        Vote::Unanimous => Fields::default().put("kind", text("unanimous")).done(),
        Vote::Counted {
            for_votes,
            against,
            abstaining,
        } => Fields::default()
            .put("kind", text("counted"))
            .put("for", Json::Int(i64::from(*for_votes)))
            .put("against", Json::Int(i64::from(*against)))
            .put("abstaining", Json::Int(i64::from(*abstaining)))
            .done(),
        Vote::Named {
            for_votes,
            against,
            abstaining,
        } => Fields::default()
            .put("kind", text("named"))
            .put("for", list(for_votes))
            .put("against", list(against))
            .put("abstaining", list(abstaining))
            .done(),
    }
}

fn follow_up(f: &FollowUp) -> Json {
    let (deadline, deadline_text) = match &f.deadline {
        Some(Deadline::Date(d)) => (Some(date(*d)), None),
        Some(Deadline::Text(t)) => (None, Some(text(t))),
        None => (None, None),
    };
    Fields::default()
        .put("task", text(&f.task))
        .opt("responsible", f.responsible.as_ref().map(id))
        .opt("deadline", deadline)
        .opt("deadline_text", deadline_text)
        .opt("done", f.done.map(date))
        .done()
}
