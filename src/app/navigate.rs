//! Moving around: list and table selection, panes, row forms, filters.

use crossterm::event::{KeyCode, KeyEvent};
use serde_json::Value;

use super::edit;
use super::effects::Effect;
use super::keymap::{Cmd, Scope};
use super::panes::{self, groups, health, members};
use super::state::{
    Confirm, Editor, FormState, Pane, Popup, State, Table, View, line_input, line_text,
};

pub fn refilter_list(state: &mut State) {
    let needle = state.list.filter_text.to_lowercase();
    state.list.visible = state
        .list
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            needle.is_empty()
                || r.name.to_lowercase().contains(&needle)
                || r.id.to_lowercase().contains(&needle)
        })
        .map(|(i, _)| i)
        .collect();
    let n = state.list.visible.len();
    state.list.selected = state.list.selected.min(n.saturating_sub(1));
    state.list.offset = state.list.offset.min(state.list.selected);
}

/// New selection after a movement key in a list of `n` rows showing `page` at a time.
fn moved(cmd: Cmd, selected: usize, n: usize, page: usize) -> usize {
    let last = n.saturating_sub(1);
    match cmd {
        Cmd::Up => selected.saturating_sub(1),
        Cmd::Down => (selected + 1).min(last),
        Cmd::PageUp => selected.saturating_sub(page),
        Cmd::PageDown => (selected + page).min(last),
        Cmd::Top => 0,
        Cmd::Bottom => last,
        _ => selected,
    }
}

fn scroll(offset: &mut usize, selected: usize, page: usize) {
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + page {
        *offset = selected + 1 - page;
    }
}

pub fn move_list(state: &mut State, cmd: Cmd) {
    let page = state.page_rows();
    let l = &mut state.list;
    l.selected = moved(cmd, l.selected, l.visible.len(), page);
    scroll(&mut l.offset, l.selected, page);
}

fn move_table(t: &mut Table, total: usize, cmd: Cmd, page: usize) {
    t.selected = moved(cmd, t.selected, t.len(total), page);
    scroll(&mut t.offset, t.selected, page);
}

/// After a resize, keep every selection on screen.
pub fn keep_visible(state: &mut State) {
    let page = state.page_rows();
    scroll(&mut state.list.offset, state.list.selected, page);
    if let Some(ed) = state.editor.as_mut() {
        scroll(&mut ed.members.offset, ed.members.selected, page);
        scroll(&mut ed.groups.offset, ed.groups.selected, page);
    }
}

/// Typing into a table's `/` filter; None when no filter box is open.
pub fn table_filter_key(ed: &mut Editor, ev: KeyEvent) -> Option<Vec<Effect>> {
    let t = match ed.pane {
        Pane::Members => &mut ed.members,
        Pane::Groups => &mut ed.groups,
        _ => return None,
    };
    let input = t.filter.as_mut()?;
    match ev.code {
        KeyCode::Enter => t.filter = None,
        KeyCode::Esc => {
            t.filter = None;
            t.filter_text.clear();
        }
        _ => {
            input.input(ev);
            t.filter_text = line_text(input);
        }
    }
    t.selected = 0;
    t.offset = 0;
    ed.refilter();
    Some(Vec::new())
}

pub fn leave(state: &mut State) -> Vec<Effect> {
    state.editor = None;
    state.view = View::List;
    if state.list.loaded {
        Vec::new()
    } else {
        state.busy = Some("loading channels".into());
        vec![Effect::ListChannels]
    }
}

fn switch(ed: &mut Editor, pane: Pane) {
    ed.pane = pane;
}

pub fn editor_cmd(state: &mut State, cmd: Cmd, top: Scope) -> Vec<Effect> {
    let page = state.page_rows();
    let read_only = state.read_only;
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    match cmd {
        Cmd::Help => state.popup = Some(Popup::Help { scroll: 0 }),
        Cmd::Quit => return super::update::quit(state),
        Cmd::NextPane => switch(ed, Pane::ALL[(ed.pane.index() + 1) % 5]),
        Cmd::PrevPane => switch(ed, Pane::ALL[(ed.pane.index() + 4) % 5]),
        Cmd::Pane(n) => switch(ed, Pane::ALL[usize::from(n).min(4)]),
        Cmd::Up | Cmd::Down | Cmd::PageUp | Cmd::PageDown | Cmd::Top | Cmd::Bottom => {
            if top == Scope::Table {
                let total = match ed.pane {
                    Pane::Groups => ed.group_total(),
                    _ => ed.member_total(),
                };
                let t = if ed.pane == Pane::Groups {
                    &mut ed.groups
                } else {
                    &mut ed.members
                };
                move_table(t, total, cmd, page);
            } else {
                let n = panes::current_fields(ed).len();
                if let Some(f) = panes::focus_mut(ed) {
                    *f = moved(cmd, *f, n, page);
                }
            }
        }
        Cmd::Open => open_row(ed),
        Cmd::EditField => return edit::begin_edit(state),
        Cmd::ChoicePrev => return edit::step_choice(state, -1),
        Cmd::ChoiceNext => return edit::step_choice(state, 1),
        Cmd::Back => {
            if ed.pane == Pane::Members && ed.member_form.is_some() {
                ed.member_form = None;
            } else if ed.pane == Pane::Groups && ed.group_form.is_some() {
                ed.group_form = None;
            } else if ed.dirty {
                state.popup = Some(Popup::Confirm(Confirm::Leave));
            } else {
                return leave(state);
            }
        }
        Cmd::Add => return add(state, top),
        Cmd::Delete => return delete(state),
        Cmd::Undo | Cmd::Redo => {
            let done = if cmd == Cmd::Undo {
                ed.undo.undo(&mut ed.draft)
            } else {
                ed.undo.redo(&mut ed.draft)
            };
            if !done {
                state.info(if cmd == Cmd::Undo {
                    "Nothing to undo"
                } else {
                    "Nothing to redo"
                });
                return Vec::new();
            }
            let fx = edit::after_change(ed);
            state.info(if cmd == Cmd::Undo { "Undone" } else { "Redone" });
            return fx;
        }
        Cmd::Filter => {
            let t = match ed.pane {
                Pane::Members => &mut ed.members,
                Pane::Groups => &mut ed.groups,
                _ => return Vec::new(),
            };
            t.filter = Some(line_input(t.filter_text.clone()));
        }
        Cmd::CommandLine => {
            state.popup = Some(Popup::Command {
                input: Box::new(line_input(String::new())),
                error: None,
            })
        }
        Cmd::OpenReview => return super::review::open(state),
        Cmd::Reload => return super::update::reload(state, false),
        Cmd::EditJson if !read_only => {
            let mut shown = Value::clone(&ed.draft);
            crate::model::redact_secrets(&mut shown);
            let text = serde_json::to_string_pretty(&shown).unwrap_or_default();
            return vec![Effect::OpenEditor { text }];
        }
        Cmd::Problems => {
            if ed.problems.is_empty() {
                state.info("No problems");
            } else {
                state.popup = Some(Popup::Problems { selected: 0 });
            }
        }
        _ => {}
    }
    Vec::new()
}

fn open_row(ed: &mut Editor) {
    match ed.pane {
        Pane::Members => {
            if let Some(i) = ed.members.row(ed.member_total()) {
                ed.member_form = Some((i, FormState::default()));
            }
        }
        Pane::Groups => {
            if let Some(i) = ed.groups.row(ed.group_total()) {
                ed.group_form = Some((i, FormState::default()));
            }
        }
        _ => {}
    }
}

fn add(state: &mut State, top: Scope) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    let pane = ed.pane;
    if top == Scope::Form {
        if pane == Pane::Health && !ed.draft["vpc_health_config"].is_object() {
            let r = edit::change(state, |d| {
                d["vpc_health_config"] = health::default_check();
                Ok(())
            });
            state.info("Health check added with the console's defaults");
            return r.unwrap_or_default();
        }
        return Vec::new();
    }
    let (key, item) = match pane {
        Pane::Members => {
            let like = ed
                .members
                .row(ed.member_total())
                .map(|i| &ed.draft["members"][i]);
            ("members", members::new_member(&ed.draft, like))
        }
        Pane::Groups => ("member_groups", groups::new_group(&ed.draft)),
        _ => return Vec::new(),
    };
    let r = edit::change(state, |d| {
        if !d[key].is_array() {
            d[key] = Value::Array(Vec::new());
        }
        if let Some(a) = d[key].as_array_mut() {
            a.push(item);
        }
        Ok(())
    });
    let fx = r.unwrap_or_default();
    if let Some(ed) = state.editor.as_mut() {
        let (n, t) = if pane == Pane::Members {
            (ed.member_total(), &mut ed.members)
        } else {
            (ed.group_total(), &mut ed.groups)
        };
        t.filter_text.clear();
        t.visible = None;
        t.selected = n.saturating_sub(1);
        let form = Some((n.saturating_sub(1), FormState::default()));
        if pane == Pane::Members {
            ed.member_form = form;
        } else {
            ed.group_form = form;
        }
    }
    state.info("Row added: fill in the form, Esc closes it");
    fx
}

fn delete(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    let (key, row) = match ed.pane {
        Pane::Members => ("members", ed.members.row(ed.member_total())),
        Pane::Groups => ("member_groups", ed.groups.row(ed.group_total())),
        _ => return Vec::new(),
    };
    let Some(i) = row else {
        return Vec::new();
    };
    let what = match key {
        "members" => members::address(&ed.draft["members"][i], ed.draft["member_type"] == "ecs"),
        _ => panes::plain(&ed.draft["member_groups"][i]["member_group_name"]),
    };
    let r = edit::change(state, |d| {
        if let Some(a) = d[key].as_array_mut()
            && i < a.len()
        {
            a.remove(i);
        }
        Ok(())
    });
    state.info(format!("Deleted {what} (u undoes)"));
    r.unwrap_or_default()
}
