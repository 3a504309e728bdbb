//! The selected item's editor: title, kind, presenters, texts, planned minutes, exemption from
//! public access, attachments.

use crate::app::Command;
use crate::app::agenda::AgendaCommand;
use crate::app::minutes::MinutesCommand;
use crate::i18n::Lang;
use crate::model::agenda::{
    EXEMPTION_BASES, ItemChange, duplicate, exemption, human_size, is_frozen, item_change,
};
use crate::model::{Edit, Item, ItemKind, ItemText, MeetingStatus, Person};
use crate::ui::widgets::PaneCtx;

use super::list::field_name;
use super::markdown::markdown_field;
use super::{AgendaData, Out};

pub(super) fn item_editor_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    data: AgendaData<'_>,
    baseline: Option<&crate::model::agenda::NoticeBaseline>,
    item: &Item,
    editable: bool,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let meeting = &record.meeting;
    let n = item.number;
    let pos = meeting
        .items
        .iter()
        .position(|i| i.number == n)
        .unwrap_or(0);
    let frozen = is_frozen(baseline, meeting, n);
    let frozen_count = meeting
        .items
        .iter()
        .filter(|i| is_frozen(baseline, meeting, i.number))
        .count();

    ui.horizontal(|ui| {
        // Painted, not a label: the list already names the case for screen readers and tests.
        let galley = ui.painter().layout_no_wrap(
            meeting.case_number(item).to_string(),
            egui::TextStyle::Heading.resolve(ui.style()),
            ui.visuals().strong_text_color(),
        );
        let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
        ui.painter()
            .galley(rect.min, galley, ui.visuals().strong_text_color());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add_enabled_ui(editable, |ui| {
                let frozen_hint = lang.tr(
                    "Saksnummeret er sendt ut i innkallingen og kan ikke endres",
                    "The case number went out in the notice and cannot change",
                );
                let del = ui
                    .add_enabled(!frozen, egui::Button::new(lang.tr("Slett", "Delete")))
                    .on_disabled_hover_text(frozen_hint);
                if del.clicked() {
                    out.edits.push(Edit::DeleteItem { item: n });
                    out.deleted = Some(item.title.clone());
                    let next = if pos + 1 < meeting.items.len() {
                        n
                    } else {
                        n.saturating_sub(1)
                    };
                    out.select = Some(next.max(1));
                }
                if ui
                    .button(lang.tr("Dupliser", "Duplicate"))
                    .on_hover_text(
                        lang.tr("Legg inn en kopi etter saken", "Insert a copy after it"),
                    )
                    .clicked()
                {
                    let at = if frozen_count > 0 {
                        meeting.items.len()
                    } else {
                        pos + 1
                    };
                    out.insert(at, duplicate(item));
                }
                let down = ui
                    .add_enabled(
                        !frozen && pos + 1 < meeting.items.len(),
                        egui::Button::new(lang.tr("↓ Flytt ned", "↓ Move down")),
                    )
                    .on_hover_text("Alt+↓");
                if down.clicked() {
                    out.move_to(meeting, baseline, n, pos + 1);
                }
                let up = ui
                    .add_enabled(
                        !frozen && pos > frozen_count,
                        egui::Button::new(lang.tr("↑ Flytt opp", "↑ Move up")),
                    )
                    .on_hover_text("Alt+↑");
                if up.clicked() {
                    out.move_to(meeting, baseline, n, pos - 1);
                }
            });
        });
    });
    if let Some(from) = item.postponed_from {
        ui.label(
            egui::RichText::new(format!(
                "{} {from}",
                lang.tr("Utsatt fra", "Postponed from")
            ))
            .color(ui.visuals().hyperlink_color),
        );
    }
    if meeting.status != MeetingStatus::Planned
        && let Some(b) = baseline
        && let Some(change) = item_change(b, item)
    {
        let text = match change {
            ItemChange::Added => lang
                .tr(
                    "Saken er lagt til etter at innkallingen ble sendt.",
                    "Added after the notice was sent.",
                )
                .to_owned(),
            ItemChange::Changed(fields) => format!(
                "{} {}",
                lang.tr("Endret etter innkallingen:", "Changed after the notice:"),
                fields
                    .iter()
                    .map(|f| field_name(lang, *f))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ui.colored_label(ui.visuals().warn_fg_color, text);
    }

    ui.add_enabled_ui(editable, |ui| {
        egui::Grid::new("agenda_item_grid")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label(lang.tr("Tittel", "Title")).id;
                let mut title = item.title.clone();
                let title_id = egui::Id::unique(("agenda_item_title", n));
                // A new case (Ctrl+Enter, «+ Ny sak»): its title selected, so typing replaces it.
                if ctx
                    .runtime
                    .agenda
                    .focus_new_title
                    .is_some_and(|before| meeting.items.len() > before)
                {
                    ctx.runtime.agenda.focus_new_title = None;
                    ui.memory_mut(|m| m.request_focus(title_id));
                    let mut state =
                        egui::TextEdit::load_state(ui.ctx(), title_id).unwrap_or_default();
                    state
                        .cursor
                        .set_char_range(Some(egui::text::CCursorRange::two(
                            egui::text::CCursor::new(0),
                            egui::text::CCursor::new(title.chars().count()),
                        )));
                    state.store(ui.ctx(), title_id);
                }
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(&mut title)
                            .id(title_id)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l);
                if resp.changed() {
                    out.edits.push(Edit::SetItemText {
                        item: n,
                        field: ItemText::Title,
                        text: title,
                    });
                }
                ui.end_row();

                let l = ui.label(lang.tr("Sakstype", "Kind")).id;
                let mut kind = item.kind;
                egui::ComboBox::from_id_salt("agenda_item_kind")
                    .selected_text(crate::ui::kind_label(lang, kind))
                    .show_ui(ui, |ui| {
                        for k in ItemKind::ALL {
                            ui.selectable_value(&mut kind, *k, crate::ui::kind_label(lang, *k));
                        }
                    })
                    .response
                    .labelled_by(l);
                if kind != item.kind {
                    out.edits.push(Edit::SetItemKind { item: n, kind });
                }
                ui.end_row();

                ui.label(lang.tr("Saksansvarlig", "Presenters"));
                ui.vertical(|ui| presenters_ui(ui, ctx, data, item, out));
                ui.end_row();

                let l = ui.label(lang.tr("Planlagt tid", "Planned time")).id;
                ui.horizontal(|ui| {
                    let mut minutes = item.planned_minutes.unwrap_or(0);
                    let unset = item.planned_minutes.is_none();
                    let none_text = lang.tr("ikke satt", "not set");
                    let resp = ui
                        .add(
                            egui::DragValue::new(&mut minutes)
                                .range(0..=600)
                                .speed(1)
                                .custom_formatter(move |v, _| {
                                    if unset && v == 0.0 {
                                        none_text.to_owned()
                                    } else {
                                        format!("{v} min")
                                    }
                                }),
                        )
                        .labelled_by(l);
                    if resp.changed() {
                        out.edits.push(Edit::SetPlannedMinutes {
                            item: n,
                            minutes: Some(minutes),
                        });
                    }
                    if item.planned_minutes.is_some()
                        && ui.small_button(lang.tr("uten tid", "no time")).clicked()
                    {
                        out.edits.push(Edit::SetPlannedMinutes {
                            item: n,
                            minutes: None,
                        });
                    }
                });
                ui.end_row();

                let l = ui.label(lang.tr("Offentlighet", "Public access")).id;
                ui.horizontal_wrapped(|ui| exempt_ui(ui, lang, item, l, out));
                ui.end_row();
            });

        ui.add_space(6.0);
        markdown_field(
            ui,
            lang,
            lang.tr("Saksbeskrivelse", "Description"),
            "agenda_item_description",
            item.description.as_deref().unwrap_or(""),
            &mut ctx.runtime.agenda.preview_description,
            8,
            |text| {
                out.edits.push(Edit::SetItemText {
                    item: n,
                    field: ItemText::Description,
                    text,
                });
            },
        );
        markdown_field(
            ui,
            lang,
            lang.tr("Forslag til vedtak", "Proposed decision"),
            "agenda_item_proposed",
            item.proposed_decision.as_deref().unwrap_or(""),
            &mut ctx.runtime.agenda.preview_decision,
            3,
            |text| {
                out.edits.push(Edit::SetItemText {
                    item: n,
                    field: ItemText::ProposedDecision,
                    text,
                });
            },
        );
    });
    ui.add_space(6.0);
    attachments_ui(ui, lang, item, editable, out);
}

pub(super) fn presenters_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    data: AgendaData<'_>,
    item: &Item,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let n = item.number;
    ui.horizontal_wrapped(|ui| {
        for (i, p) in item.presenters.iter().enumerate() {
            let name = record.name_of(p);
            ui.label(&name);
            if ui
                .small_button("✖")
                .accessible_name(format!("{} {name}", lang.tr("Fjern", "Remove")))
                .on_hover_text(format!("{} {name}", lang.tr("Fjern", "Remove")))
                .clicked()
            {
                let mut people = item.presenters.clone();
                people.remove(i);
                out.edits.push(Edit::SetPresenters { item: n, people });
            }
        }
    });
    let query = &mut ctx.runtime.agenda.presenter_query;
    let resp = ui
        .add(
            egui::TextEdit::singleline(query)
                .id_salt("agenda_presenter_query")
                .hint_text(lang.tr(
                    "Legg til: skriv noen bokstaver …",
                    "Add: type a few letters …",
                ))
                .desired_width(260.0),
        )
        .accessible_name(lang.tr("Legg til saksansvarlig", "Add presenter"));
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return;
    }
    let pool: &[Person] = if data.people.is_empty() {
        &record.people
    } else {
        data.people
    };
    let matches: Vec<&Person> = pool
        .iter()
        .filter(|p| !item.presenters.contains(&p.id) && name_matches(&p.name, &q))
        .take(8)
        .collect();
    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut chosen: Option<&Person> = None;
    ui.horizontal_wrapped(|ui| {
        for p in &matches {
            if ui.button(format!("+ {}", p.name)).clicked() {
                chosen = Some(p);
            }
        }
        if matches.is_empty() {
            ui.label(egui::RichText::new(lang.tr("Ingen treff", "No match")).weak());
        }
    });
    if enter && chosen.is_none() {
        chosen = matches.first().copied();
    }
    if let Some(p) = chosen {
        if record.person(&p.id).is_none() {
            out.commands
                .push(Command::Minutes(MinutesCommand::AddPerson(p.clone())));
        }
        let mut people = item.presenters.clone();
        people.push(p.id.clone());
        out.edits.push(Edit::SetPresenters { item: n, people });
        ctx.runtime.agenda.presenter_query.clear();
    }
}

/// Whether a name ("Surname, Given names") matches typed letters: any word starts with them,
/// or the whole name contains them.
pub(super) fn name_matches(name: &str, query: &str) -> bool {
    let name = name.to_lowercase();
    name.contains(query)
        || name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(query))
}

pub(super) fn exempt_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    item: &Item,
    label: egui::Id,
    out: &mut Out,
) {
    let n = item.number;
    let current = item.exempt.as_ref().map(|e| e.basis.clone());
    let shown = current
        .clone()
        .unwrap_or_else(|| lang.tr("Offentlig", "Public").to_owned());
    let mut choice: Option<Option<String>> = None;
    egui::ComboBox::from_id_salt("agenda_item_exempt")
        .selected_text(shown)
        .width(200.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(current.is_none(), lang.tr("Offentlig", "Public"))
                .clicked()
            {
                choice = Some(None);
            }
            for (basis, what) in EXEMPTION_BASES {
                if ui
                    .selectable_label(
                        current.as_deref() == Some(*basis),
                        format!("{} {basis} ({what})", lang.tr("Unntatt,", "Exempt,")),
                    )
                    .clicked()
                {
                    choice = Some(Some((*basis).to_owned()));
                }
            }
        })
        .response
        .labelled_by(label);
    if let Some(basis) = &current {
        let l = ui.label(lang.tr("Hjemmel:", "Legal basis:")).id;
        let mut typed = basis.clone();
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut typed)
                    .id_salt("agenda_item_exempt_basis")
                    .desired_width(160.0),
            )
            .labelled_by(l)
            .on_hover_text(lang.tr(
                "Velg fra listen eller skriv hjemmelen",
                "Choose from the list or type the legal basis",
            ));
        if resp.changed() && !typed.trim().is_empty() {
            choice = Some(Some(typed));
        }
    }
    if let Some(c) = choice
        && c != current
    {
        out.edits.push(Edit::SetExempt {
            item: n,
            exempt: c.as_deref().and_then(exemption),
        });
    }
}

pub(super) fn attachments_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    item: &Item,
    editable: bool,
    out: &mut Out,
) {
    let n = item.number;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(lang.tr("Vedlegg", "Attachments")).strong());
        if ui
            .add_enabled(editable, egui::Button::new(lang.tr("Legg til …", "Add …")))
            .on_hover_text(lang.tr(
                "Velg filer, eller slipp dem på saken (høyst 100 MB per fil)",
                "Choose files, or drop them on the item (at most 100 MB each)",
            ))
            .clicked()
            && let Some(paths) = rfd::FileDialog::new().pick_files()
        {
            out.commands
                .push(Command::Agenda(AgendaCommand::AttachFiles {
                    item: n,
                    paths,
                }));
        }
        if !item.attachments.is_empty()
            && ui
                .button(lang.tr("Eksporter alle …", "Export all …"))
                .clicked()
            && let Some(folder) = rfd::FileDialog::new().pick_folder()
        {
            out.commands
                .push(Command::Agenda(AgendaCommand::ExportAttachments {
                    attachments: item.attachments.clone(),
                    folder,
                }));
        }
    });
    if item.attachments.is_empty() {
        ui.label(
            egui::RichText::new(lang.tr(
                "Ingen vedlegg. Slipp filer her for å legge dem ved.",
                "No attachments. Drop files here to attach them.",
            ))
            .weak(),
        );
        return;
    }
    egui::Grid::new("agenda_attachments")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for (i, a) in item.attachments.iter().enumerate() {
                ui.label(&a.name)
                    .on_hover_text(format!("SHA-256 {}", a.sha256));
                ui.label(egui::RichText::new(human_size(a.size_bytes)).weak());
                ui.horizontal(|ui| {
                    if ui.small_button(lang.tr("Åpne", "Open")).clicked() {
                        out.commands
                            .push(Command::Agenda(AgendaCommand::OpenAttachment(a.clone())));
                    }
                    if ui
                        .small_button(lang.tr("Eksporter …", "Export …"))
                        .clicked()
                        && let Some(folder) = rfd::FileDialog::new().pick_folder()
                    {
                        out.commands
                            .push(Command::Agenda(AgendaCommand::ExportAttachments {
                                attachments: vec![a.clone()],
                                folder,
                            }));
                    }
                });
                if ui
                    .add_enabled(
                        editable,
                        egui::Button::new(lang.tr("Fjern", "Remove")).small(),
                    )
                    .on_hover_text(format!("{} {}", lang.tr("Fjern", "Remove"), a.name))
                    .clicked()
                {
                    out.edits.push(Edit::RemoveAttachment { item: n, index: i });
                }
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_on_word_starts_and_inside() {
        assert!(name_matches("Gjørtz, Fred", "gjø"));
        assert!(name_matches("Gjørtz, Fred", "fre"));
        assert!(name_matches("Aasen, Marianne Stokkereit", "stokk"));
        assert!(!name_matches("Aasen, Marianne", "langøy"));
    }
}
