//! Small pickers shared by the Oppmøte parts: a person or an item from a combo box, fixed-width
//! cells, accessible names.

use crate::i18n::Lang;
use crate::model::{MeetingRecord, PersonId};

use super::item_title;

/// What was picked in a combo box: a value, or the "none" entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Picked<T> {
    Value(T),
    Nothing,
}

impl<T> Picked<T> {
    pub(super) fn as_option(&self) -> Option<&T> {
        match self {
            Picked::Value(v) => Some(v),
            Picked::Nothing => None,
        }
    }

    pub(super) fn into_option(self) -> Option<T> {
        match self {
            Picked::Value(v) => Some(v),
            Picked::Nothing => None,
        }
    }
}

/// Runs `add` in a scope at most `width` wide, so a long choice is cut short instead of
/// widening the layout.
pub(super) fn fixed_width<R>(
    ui: &mut egui::Ui,
    width: f32,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    ui.scope(|ui| {
        ui.set_max_width(width);
        add(ui)
    })
    .inner
}

/// How a combo box is named for screen readers (and tests): by the visible label beside it,
/// or by a name of its own.
#[derive(Clone, Copy)]
pub(super) enum Named<'a> {
    By(egui::Id),
    Name(&'a str),
}

pub(super) fn name_it(response: egui::Response, named: Named<'_>) {
    match named {
        Named::By(id) => {
            let _ = response.labelled_by(id);
        }
        Named::Name(name) => {
            let _ = response.accessible_name(name);
        }
    }
}

pub(super) fn person_combo(
    ui: &mut egui::Ui,
    id: &str,
    named: Named<'_>,
    lang: Lang,
    record: &MeetingRecord,
    current: Option<&PersonId>,
    candidates: &[PersonId],
) -> Option<Picked<PersonId>> {
    let mut chosen = None;
    let none = lang.tr("(ingen)", "(none)");
    let width = 220f32.min(ui.available_width());
    let combo = fixed_width(ui, width, |ui| {
        egui::ComboBox::from_id_salt(id)
            .width(width)
            .truncate()
            .selected_text(current.map_or_else(|| none.to_owned(), |p| record.name_of(p)))
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), none).clicked() {
                    chosen = Some(Picked::Nothing);
                }
                for p in candidates {
                    if ui
                        .selectable_label(current == Some(p), record.name_of(p))
                        .clicked()
                    {
                        chosen = Some(Picked::Value(p.clone()));
                    }
                }
            })
    });
    name_it(combo.response, named);
    chosen.filter(|c| c.as_option() != current)
}

pub(super) fn item_combo(
    ui: &mut egui::Ui,
    id: &str,
    width: f32,
    named: Named<'_>,
    record: &MeetingRecord,
    current: Option<u32>,
    none_text: &str,
) -> Option<Picked<u32>> {
    let mut chosen = None;
    let selected = current
        .and_then(|n| record.meeting.items.iter().find(|i| i.number == n))
        .map_or_else(|| none_text.to_owned(), |i| item_title(record, i));
    let width = width.min(ui.available_width());
    let combo = fixed_width(ui, width, |ui| {
        egui::ComboBox::from_id_salt(id)
            .width(width)
            .truncate()
            .selected_text(selected)
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), none_text).clicked() {
                    chosen = Some(Picked::Nothing);
                }
                for item in &record.meeting.items {
                    if ui
                        .selectable_label(current == Some(item.number), item_title(record, item))
                        .clicked()
                    {
                        chosen = Some(Picked::Value(item.number));
                    }
                }
            })
    });
    name_it(combo.response, named);
    chosen.filter(|c| c.as_option().copied() != current)
}
