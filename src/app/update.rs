//! `update(state, action) -> effects`: the whole behaviour of the editor, without I/O. This
//! file only dispatches: each action and each key command goes to the module that owns it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::effects::{Effect, LoadPurpose};
use super::keymap::{Cmd, Scope};
use super::rows::{self, RowKind};
use super::state::{Pane, Popup, State, View, line_input};
use super::{draft, field_edit, intents, navigate, popups, send};

pub use intents::init;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(ev) if ev.kind == KeyEventKind::Release => Vec::new(),
        Action::Key(ev) => key(state, ev),
        Action::Paste(text) => paste(state, &text),
        Action::Mouse(m) => super::mouse::input(state, m),
        Action::Resize(w, h) => {
            state.width = w;
            state.height = h;
            navigate::keep_visible(state);
            Vec::new()
        }
        Action::Tick => {
            state.spinner = state.spinner.wrapping_add(1);
            Vec::new()
        }
        Action::WatchTick => intents::watch_tick(state),
        Action::ChannelsListed(result) => intents::channels_listed(state, result),
        Action::MemberCount { id, count } => {
            intents::member_count(state, &id, count);
            Vec::new()
        }
        Action::ChannelLoaded {
            purpose: LoadPurpose::CheckBeforeSend,
            result,
            ..
        } => send::checked(state, result),
        Action::ChannelLoaded {
            id,
            purpose,
            result,
        } => intents::loaded(state, id, purpose, result),
        Action::Sent { result, .. } => send::sent(state, result),
        Action::SendLost { lost, .. } => send::lost(state, *lost),
        Action::HistoryRead { id, result } => {
            popups::history_read(state, &id, result);
            Vec::new()
        }
        Action::ApisListed { id, result } => {
            intents::apis_listed(state, &id, result);
            Vec::new()
        }
        Action::BackendFound { seq, report } => {
            popups::find_found(state, seq, *report);
            Vec::new()
        }
        Action::DrainPlanned { seq, result } => {
            popups::drain_planned(state, seq, result);
            Vec::new()
        }
        Action::Drained { seq, summary } => {
            popups::drained(state, seq, summary);
            Vec::new()
        }
        Action::DraftFound { id, lookup } => intents::draft_found(state, &id, lookup),
        Action::DraftSavedAside(note) => {
            state.warn(crate::sanitize::line(&note));
            Vec::new()
        }
        Action::DraftSaved { id } => {
            if let Some(ed) = state.editor.as_mut().filter(|e| e.id == id) {
                ed.save_failed = None;
            }
            Vec::new()
        }
        Action::DraftSaveFailed(msg) => {
            let msg = crate::sanitize::line(&msg);
            if let Some(ed) = state.editor.as_mut() {
                ed.save_failed = Some(msg.clone());
            }
            state.warn(format!("Could not save the draft: {msg}"));
            Vec::new()
        }
        Action::JournalFailed(msg) => {
            state.warn(format!(
                "Sent, but the journal entry was not written: {}",
                crate::sanitize::line(&msg)
            ));
            Vec::new()
        }
        Action::EditorClosed(result) => intents::editor_closed(state, result),
        Action::Terminate => intents::quit_saving(state),
    }
}

/// The key scopes in force now, most specific first: a popup's alone, or the editor's.
pub fn scopes(state: &State) -> Vec<Scope> {
    if let Some(p) = &state.popup {
        return vec![popups::scope(p)];
    }
    let Some(ed) = state.editor.as_ref().filter(|_| state.view == View::Editor) else {
        return vec![Scope::List, Scope::Global];
    };
    let table = RowKind::of(ed.pane).is_some_and(|k| ed.table(k).form.is_none());
    let typing =
        ed.edit.is_some() || RowKind::of(ed.pane).is_some_and(|k| ed.table(k).filter.is_some());
    if typing {
        return vec![Scope::Typing];
    }
    vec![
        if table { Scope::Table } else { Scope::Form },
        Scope::Editor,
        Scope::Global,
    ]
}

fn key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    // Esc followed quickly by a key arrives as Alt+key (slow links, scripted terminals);
    // nothing is bound to Alt, so it means both keys. Two quick Escs are two Escs.
    if ev.modifiers.contains(KeyModifiers::ALT)
        && matches!(ev.code, KeyCode::Char(_) | KeyCode::Esc)
    {
        let mut fx = key(state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let rest = ev.modifiers.difference(KeyModifiers::ALT);
        fx.extend(key(state, KeyEvent::new(ev.code, rest)));
        return fx;
    }
    if state.popup.is_some() {
        return popups::key(state, ev);
    }
    match state.view {
        View::List => list_key(state, ev),
        View::Editor => editor_key(state, ev),
    }
}

/// Bracketed paste: into whichever one-line box is open.
fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    if popups::paste_into_command_line(state, text) || state.popup.is_some() {
        return Vec::new();
    }
    if state.editor.as_ref().is_some_and(|e| e.edit.is_some()) && state.view == View::Editor {
        return field_edit::paste(state, text);
    }
    navigate::paste_into_filter(state, text.lines().next().unwrap_or(""));
    Vec::new()
}

fn list_key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    if let Some(fx) = navigate::list_filter_key(state, ev) {
        return fx;
    }
    match state
        .keys
        .lookup(&[Scope::List, Scope::Global], state.read_only, &ev)
    {
        Some(Cmd::Open) => intents::open_selected(state),
        Some(Cmd::Filter) => {
            state.list.filter = Some(line_input(state.list.filter_text.clone()));
            Vec::new()
        }
        Some(Cmd::Reload) => intents::list_channels(state),
        Some(Cmd::Find) => {
            open_command_line_with(state, "find ");
            Vec::new()
        }
        Some(Cmd::Help) => {
            state.popup = Some(Popup::Help { scroll: 0 });
            Vec::new()
        }
        Some(Cmd::Quit) => vec![Effect::Quit],
        Some(Cmd::Yank) => super::yank::open(state),
        Some(Cmd::CommandLine) => {
            open_command_line(state);
            Vec::new()
        }
        Some(Cmd::Back) => {
            state.list.filter_text.clear();
            navigate::refilter_list(state);
            Vec::new()
        }
        Some(c) => {
            navigate::move_list(state, c);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn editor_key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    if ed.edit.is_some() {
        return field_edit::key(state, ev);
    }
    if let Some(fx) = navigate::table_filter_key(ed, &state.keys, ev) {
        return fx;
    }
    let scopes = scopes(state);
    match state.keys.lookup(&scopes, state.read_only, &ev) {
        Some(cmd) => editor_cmd(state, cmd, scopes[0]),
        None => Vec::new(),
    }
}

fn editor_cmd(state: &mut State, cmd: Cmd, top: Scope) -> Vec<Effect> {
    let page = state.page_rows();
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let table = RowKind::of(ed.pane).filter(|_| top == Scope::Table);
    match cmd {
        Cmd::Help => state.popup = Some(Popup::Help { scroll: 0 }),
        Cmd::Quit => return intents::quit(state),
        Cmd::NextPane | Cmd::PrevPane | Cmd::Pane(_) => navigate::switch_pane(ed, cmd),
        Cmd::Up | Cmd::Down | Cmd::PageUp | Cmd::PageDown | Cmd::Top | Cmd::Bottom => {
            navigate::move_in_editor(ed, cmd, table.is_some(), page)
        }
        Cmd::Open => navigate::open_row(ed),
        Cmd::EditField => return field_edit::begin(state),
        Cmd::ChoicePrev => return field_edit::step_choice(state, -1),
        Cmd::ChoiceNext => return field_edit::step_choice(state, 1),
        Cmd::Back if table.is_some_and(|k| !ed.table(k).marked.is_empty()) => {
            if let Some(kind) = table {
                let t = ed.table_mut(kind);
                t.marked.clear();
                t.range_from = None;
            }
            state.info("Marks cleared");
        }
        Cmd::Back => match navigate::close_row_form(ed) {
            None => return intents::back_to_list(state),
            Some(Some(hidden)) => state.info(hidden),
            Some(None) => {}
        },
        Cmd::Mark | Cmd::MarkRange | Cmd::MarkAll => {
            if let Some(kind) = table {
                let n = navigate::mark(ed, kind, cmd, page);
                state.info(format!("{n} marked"));
            }
        }
        Cmd::NextMatch | Cmd::PrevMatch => {
            if let Some(kind) = table {
                let said = navigate::search(ed, kind, cmd == Cmd::NextMatch, page);
                state.info(said);
            }
        }
        Cmd::Sort | Cmd::ReverseSort => {
            if let Some(kind) = table {
                let said = navigate::sort(ed, kind, cmd == Cmd::ReverseSort);
                state.info(said);
            }
        }
        Cmd::SetWeight => open_command_line_with(state, "weight "),
        Cmd::MoveToGroup => open_command_line_with(state, "group "),
        Cmd::Enable | Cmd::Disable | Cmd::ToggleBackup if table == Some(RowKind::Members) => {
            return bulk_member(state, cmd);
        }
        Cmd::Add => match table {
            Some(kind) => return rows::add(state, kind),
            None => return add_in_form(state),
        },
        Cmd::Delete => {
            if let Some(kind) = table {
                return rows::delete(state, kind);
            }
        }
        Cmd::Undo => return draft::undo_redo(state, true),
        Cmd::Redo => return draft::undo_redo(state, false),
        Cmd::Filter => navigate::open_filter(ed),
        Cmd::CommandLine => open_command_line(state),
        Cmd::OpenReview => return super::review::open(state),
        Cmd::Reload => return intents::reload(state, false),
        Cmd::Refresh => return intents::refresh(state, false),
        Cmd::History => return popups::history_open(state),
        Cmd::Yank => return super::yank::open(state),
        Cmd::EditJson => return intents::edit_json(state),
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

fn open_command_line(state: &mut State) {
    open_command_line_with(state, "");
}

fn open_command_line_with(state: &mut State, text: &str) {
    state.popup = Some(Popup::Command {
        input: Box::new(line_input(text.to_string())),
        error: None,
        completion: None,
    });
}

/// `E`, `D`, `B` on the members table.
fn bulk_member(state: &mut State, cmd: Cmd) -> Vec<Effect> {
    let backup_on = state.editor.as_ref().is_some_and(|ed| {
        let t = ed.table(RowKind::Members);
        let first = t.targets(ed.member_total()).first().copied();
        !first.is_some_and(|i| ed.rows(RowKind::Members)[i]["is_backup"] == true)
    });
    let (what, value, key) = match cmd {
        Cmd::Enable => ("Enabled", serde_json::json!(1), "status"),
        Cmd::Disable => ("Disabled", serde_json::json!(2), "status"),
        _ if backup_on => ("Backup on", serde_json::json!(true), "is_backup"),
        _ => ("Backup off", serde_json::json!(false), "is_backup"),
    };
    rows::bulk(state, RowKind::Members, what, |row| {
        row.insert(key.to_string(), value.clone());
    })
}

/// `a` in a form: the Health check pane adds a check when the channel has none.
fn add_in_form(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    if ed.pane != Pane::Health || ed.draft["vpc_health_config"].is_object() {
        return Vec::new();
    }
    let fx = draft::change_or_say(state, |d| {
        d["vpc_health_config"] = super::panes::health::default_check();
        Ok(())
    });
    state.info("Health check added with the console's defaults");
    fx
}
