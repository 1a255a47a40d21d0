//! `update(state, action) -> effects`: the whole behaviour of the editor, without I/O.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::edit;
use super::effects::{BackendError, Effect, LoadPurpose, Loaded};
use super::keymap::{self, Cmd, Scope};
use super::navigate;
use super::state::{ChannelRow, Confirm, Editor, Pane, Popup, State, View, line_input, line_text};
use crate::model::{ChannelStatus, VpcChannel};

/// What to do first: open the channel given on the command line, or list channels.
pub fn init(state: &mut State, channel_id: Option<String>) -> Vec<Effect> {
    match channel_id {
        Some(id) => open(state, id),
        None => {
            state.busy = Some("loading channels".into());
            vec![Effect::ListChannels]
        }
    }
}

fn open(state: &mut State, id: String) -> Vec<Effect> {
    state.busy = Some("loading channel".into());
    state.opening = Some(id.clone());
    vec![Effect::Load {
        id,
        purpose: LoadPurpose::Open,
    }]
}

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(ev) if ev.kind == KeyEventKind::Release => Vec::new(),
        Action::Key(ev) => key(state, ev),
        Action::Paste(text) => paste(state, &text),
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
        Action::ChannelsListed(result) => {
            state.busy = None;
            match result {
                Ok(list) => {
                    state.list.rows = list.iter().map(row).collect();
                    state.list.loaded = true;
                    state.list.error = None;
                    navigate::refilter_list(state);
                    let ids: Vec<String> = list
                        .iter()
                        .filter(|c| c.members.is_none())
                        .filter_map(|c| c.id.clone())
                        .collect();
                    if !ids.is_empty() {
                        return vec![Effect::CountMembers { ids }];
                    }
                }
                Err(e) => {
                    state.list.error = Some(format!(
                        "Could not list channels: {} (r retries)",
                        e.headline()
                    ));
                    state.error(format!("Could not list channels: {}", e.headline()));
                }
            }
            Vec::new()
        }
        Action::MemberCount { id, count } => {
            let id = crate::sanitize::line(&id);
            if let Some(r) = state.list.rows.iter_mut().find(|r| r.id == id) {
                r.members = Some(count);
            }
            Vec::new()
        }
        Action::ChannelLoaded {
            id,
            purpose,
            result,
        } => loaded(state, id, purpose, result),
        Action::Sent { result, .. } => super::review::sent(state, result),
        Action::DraftFound { id, draft } => {
            let Some(ed) = state.editor.as_ref() else {
                return Vec::new();
            };
            // A draft file that is not a body (edited by hand, truncated) is not offered.
            if let Some(mut d) = draft.filter(|d| ed.id == id && d.is_object()) {
                edit::restore_secrets(&mut d, &ed.base);
                if d != ed.base && !state.read_only {
                    state.popup = Some(Popup::Confirm(Confirm::RestoreDraft(d)));
                }
            }
            Vec::new()
        }
        Action::DraftSaveFailed(msg) => {
            state.warn(format!(
                "Could not save the draft: {}",
                crate::sanitize::line(&msg)
            ));
            Vec::new()
        }
        Action::EditorClosed(result) => editor_closed(state, result),
        Action::Terminate => {
            let mut fx = Vec::new();
            if let Some(ed) = state.editor.as_ref().filter(|e| e.dirty) {
                fx.push(edit::save_effect(ed));
            }
            fx.push(Effect::Quit);
            fx
        }
    }
}

/// Bracketed paste: into whichever one-line box is open (one line of it).
fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    let line = text.lines().next().unwrap_or("");
    if let Some(Popup::Command { input, error }) = state.popup.as_mut() {
        input.insert_str(line);
        *error = None;
        return Vec::new();
    }
    if state.popup.is_some() {
        return Vec::new();
    }
    if state.view == View::List {
        if let Some(input) = state.list.filter.as_mut() {
            input.insert_str(line);
            state.list.filter_text = line_text(input);
            navigate::refilter_list(state);
        }
        return Vec::new();
    }
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    if ed.edit.is_some() {
        return edit::paste(state, line);
    }
    let t = match ed.pane {
        Pane::Members => &mut ed.members,
        Pane::Groups => &mut ed.groups,
        _ => return Vec::new(),
    };
    if let Some(input) = t.filter.as_mut() {
        input.insert_str(line);
        t.filter_text = line_text(input);
        t.selected = 0;
        t.offset = 0;
        ed.refilter();
    }
    Vec::new()
}

fn row(c: &VpcChannel) -> ChannelRow {
    ChannelRow {
        id: crate::sanitize::line(c.id.as_deref().unwrap_or("")),
        name: crate::sanitize::line(c.name.as_deref().unwrap_or("")),
        kind: c.channel_type().wire().to_string(),
        groups: c.member_groups.as_ref().map_or(0, Vec::len),
        members: c.members.as_ref().map(Vec::len),
        status: match c.status {
            Some(s) => ChannelStatus::from_code(s)
                .map(|x| x.name().to_string())
                .unwrap_or_else(|| s.to_string()),
            None => String::new(),
        },
    }
}

fn loaded(
    state: &mut State,
    id: String,
    purpose: LoadPurpose,
    result: Result<Box<Loaded>, BackendError>,
) -> Vec<Effect> {
    if purpose == LoadPurpose::CheckBeforeSend {
        return super::review::checked(state, result);
    }
    state.busy = None;
    state.opening = None;
    let loaded = match result {
        Ok(l) => *l,
        Err(e) => {
            let what = match purpose {
                LoadPurpose::AfterSend => "Sent, but the re-read failed (r retries)",
                _ => "Could not load the channel",
            };
            if state.editor.is_some() {
                return super::review::failed(state, e, what);
            }
            let msg = format!("{what} {}: {}", crate::sanitize::line(&id), e.headline());
            state.list.error = Some(format!("{msg} (r lists the channels)"));
            state.error(msg);
            return Vec::new();
        }
    };
    let fresh = Editor::new(id.clone(), loaded);
    match purpose {
        LoadPurpose::AfterSend => {
            let mut rid = None;
            if let Some(ed) = state.editor.as_mut() {
                rid = ed.sent_request.take();
                super::review::settled(ed, fresh);
            }
            let rid = super::review::request_note(rid.as_deref());
            state.info(format!(
                "Sent. Showing the channel as the server has it now{rid}"
            ));
            Vec::new()
        }
        LoadPurpose::Reload => {
            let pane = state.editor.as_ref().map_or(Pane::Overview, |e| e.pane);
            let mut fresh = fresh;
            fresh.pane = pane;
            state.editor = Some(fresh);
            state.info("Reloaded from the server");
            vec![Effect::DeleteDraft { id }]
        }
        _ => {
            state.editor = Some(fresh);
            state.view = View::Editor;
            state.popup = None;
            if state.read_only {
                state.info("Read-only: editing and sending are disabled");
                Vec::new()
            } else {
                vec![Effect::LookupDraft { id }]
            }
        }
    }
}

fn editor_closed(state: &mut State, result: Result<String, String>) -> Vec<Effect> {
    let text = match result {
        Ok(t) => t,
        Err(e) => {
            state.error(format!(
                "Could not run the editor: {}",
                crate::sanitize::line(&e)
            ));
            return Vec::new();
        }
    };
    let body: String = text
        .lines()
        .skip_while(|l| l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let parsed = super::rules::parse_body(&body).and_then(|v| {
        if v.is_object() {
            Ok(v)
        } else {
            Err("the body must be a JSON object ({ … })".to_string())
        }
    });
    match parsed {
        Ok(mut v) => {
            if let Some(ed) = state.editor.as_ref() {
                edit::restore_secrets(&mut v, &ed.draft);
            }
            let r = edit::change(state, |d| {
                *d = v;
                Ok(())
            });
            state.info("Draft replaced from the editor (u undoes)");
            r.unwrap_or_default()
        }
        Err(e) => {
            state.error("The JSON does not parse; the draft is unchanged");
            state.popup = Some(Popup::JsonError {
                text: body,
                error: crate::sanitize::line(&e),
            });
            Vec::new()
        }
    }
}

/// `q` / `:q`: asks when the draft has unsent edits.
pub fn quit(state: &mut State) -> Vec<Effect> {
    if state.editor.as_ref().is_some_and(|e| e.dirty) {
        state.popup = Some(Popup::Confirm(Confirm::Quit));
        Vec::new()
    } else {
        vec![Effect::Quit]
    }
}

/// `r`: asks when there are unsent edits (unless `force`).
pub fn reload(state: &mut State, force: bool) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        state.busy = Some("loading channels".into());
        return vec![Effect::ListChannels];
    };
    if ed.dirty && !force {
        state.popup = Some(Popup::Confirm(Confirm::Reload));
        return Vec::new();
    }
    state.busy = Some("reloading".into());
    vec![Effect::Load {
        id: ed.id.clone(),
        purpose: LoadPurpose::Reload,
    }]
}

fn key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    // Esc followed quickly by a key arrives as Alt+key (slow links, scripted terminals);
    // nothing is bound to Alt, so it means both keys.
    if let KeyCode::Char(c) = ev.code
        && ev.modifiers.contains(KeyModifiers::ALT)
    {
        let mut fx = key(state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let rest = ev.modifiers.difference(KeyModifiers::ALT);
        fx.extend(key(state, KeyEvent::new(KeyCode::Char(c), rest)));
        return fx;
    }
    if state.popup.is_some() {
        return popup_key(state, ev);
    }
    match state.view {
        View::List => list_key(state, ev),
        View::Editor => editor_key(state, ev),
    }
}

fn list_key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    if let Some(input) = state.list.filter.as_mut() {
        match ev.code {
            KeyCode::Enter => state.list.filter = None,
            KeyCode::Esc => {
                state.list.filter = None;
                state.list.filter_text.clear();
            }
            _ => {
                input.input(ev);
                state.list.filter_text = line_text(input);
            }
        }
        navigate::refilter_list(state);
        return Vec::new();
    }
    match keymap::lookup(&[Scope::List, Scope::Global], state.read_only, &ev) {
        Some(Cmd::Open) => {
            let id = state
                .list
                .visible
                .get(state.list.selected)
                .and_then(|i| state.list.rows.get(*i))
                .map(|r| r.id.clone());
            match id {
                Some(id) => open(state, id),
                None => Vec::new(),
            }
        }
        Some(Cmd::Filter) => {
            state.list.filter = Some(line_input(state.list.filter_text.clone()));
            Vec::new()
        }
        Some(Cmd::Reload) => {
            state.busy = Some("loading channels".into());
            vec![Effect::ListChannels]
        }
        Some(Cmd::Help) => {
            state.popup = Some(Popup::Help { scroll: 0 });
            Vec::new()
        }
        Some(Cmd::Quit) => vec![Effect::Quit],
        Some(c) => {
            navigate::move_list(state, c);
            Vec::new()
        }
        None if ev.code == KeyCode::Esc && !state.list.filter_text.is_empty() => {
            state.list.filter_text.clear();
            navigate::refilter_list(state);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// The scopes that apply in the editor now, most specific first.
pub fn editor_scopes(state: &State) -> Vec<Scope> {
    let Some(ed) = state.editor.as_ref() else {
        return vec![Scope::List, Scope::Global];
    };
    let table = match ed.pane {
        Pane::Groups => ed.group_form.is_none(),
        Pane::Members => ed.member_form.is_none(),
        _ => false,
    };
    vec![
        if table { Scope::Table } else { Scope::Form },
        Scope::Editor,
        Scope::Global,
    ]
}

fn editor_key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    if ed.edit.is_some() {
        return edit::edit_key(state, ev);
    }
    if let Some(fx) = navigate::table_filter_key(ed, ev) {
        return fx;
    }
    let scopes = editor_scopes(state);
    let Some(cmd) = keymap::lookup(&scopes, state.read_only, &ev) else {
        return Vec::new();
    };
    navigate::editor_cmd(state, cmd, scopes[0])
}

fn popup_key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    let page = state.page_rows();
    let Some(popup) = state.popup.as_mut() else {
        return Vec::new();
    };
    match popup {
        Popup::Review(_) => super::review::key(state, ev),
        Popup::Help { scroll } => {
            match ev.code {
                KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
                KeyCode::PageUp => *scroll = scroll.saturating_sub(page),
                KeyCode::PageDown | KeyCode::Char(' ') => *scroll += page,
                _ => state.popup = None,
            }
            Vec::new()
        }
        Popup::Problems { selected } => {
            let n = state.editor.as_ref().map_or(0, |e| e.problems.len());
            match ev.code {
                KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => {
                    *selected = (*selected + 1).min(n.saturating_sub(1))
                }
                KeyCode::Enter => {
                    let at = *selected;
                    state.popup = None;
                    if let Some(ed) = state.editor.as_mut()
                        && let Some(p) = ed.problems.get(at).map(|p| p.path.clone())
                    {
                        edit::jump_to(ed, &p);
                    }
                }
                _ => state.popup = None,
            }
            Vec::new()
        }
        Popup::Confirm(c) => {
            let c = c.clone();
            match ev.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    state.popup = None;
                    confirmed(state, c)
                }
                _ => {
                    state.popup = None;
                    if let Confirm::RestoreDraft(_) = c {
                        state.info("Saved draft not restored; it is replaced on the next edit");
                    }
                    Vec::new()
                }
            }
        }
        Popup::Command { input, error } => match ev.code {
            KeyCode::Esc => {
                state.popup = None;
                Vec::new()
            }
            KeyCode::Tab => {
                if let Some(done) = super::command::complete(&line_text(input), state.read_only) {
                    **input = line_input(done);
                }
                Vec::new()
            }
            KeyCode::Enter => {
                let line = line_text(input);
                state.popup = None;
                match super::command::run(state, &line) {
                    Ok(fx) => fx,
                    Err(e) => {
                        state.popup = Some(Popup::Command {
                            input: Box::new(line_input(line)),
                            error: Some(crate::sanitize::line(&e)),
                        });
                        Vec::new()
                    }
                }
            }
            _ => {
                *error = None;
                input.input(ev);
                Vec::new()
            }
        },
        Popup::JsonError { text, error } => match ev.code {
            KeyCode::Char('e') | KeyCode::Enter => {
                let text = format!(
                    "// {error}\n// Fix the JSON below and save; these lines are ignored.\n{text}"
                );
                state.popup = None;
                vec![Effect::OpenEditor { text }]
            }
            _ => {
                state.popup = None;
                state.info("Edit dropped; the draft is unchanged");
                Vec::new()
            }
        },
    }
}

fn confirmed(state: &mut State, c: Confirm) -> Vec<Effect> {
    match c {
        Confirm::Quit => {
            let mut fx: Vec<Effect> = state
                .editor
                .as_ref()
                .map(edit::save_effect)
                .into_iter()
                .collect();
            fx.push(Effect::Quit);
            fx
        }
        Confirm::Reload => reload(state, true),
        Confirm::Leave => navigate::leave(state),
        Confirm::RestoreDraft(d) => {
            let r = edit::change(state, |draft| {
                *draft = d;
                Ok(())
            });
            state.info("Draft restored (u undoes)");
            r.unwrap_or_default()
        }
    }
}
