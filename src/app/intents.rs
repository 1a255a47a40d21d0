//! What the user means at the level of the whole editor: open a channel, reload, leave, quit,
//! and what the results of those effects do when they come back.

use serde_json::Value;

use super::draft;
use super::editor::Editor;
use super::effects::{BackendError, DraftLookup, Effect, LoadPurpose};
use super::state::{ChannelRow, Confirm, Popup, State, View};
use crate::model::{ChannelStatus, Loaded, VpcChannel};

/// What to do first: open the channel given on the command line, or list channels.
pub fn init(state: &mut State, channel_id: Option<String>) -> Vec<Effect> {
    match channel_id {
        Some(id) => open(state, id),
        None => list_channels(state),
    }
}

pub fn list_channels(state: &mut State) -> Vec<Effect> {
    state.busy = Some("loading channels".into());
    vec![Effect::ListChannels]
}

pub fn open(state: &mut State, id: String) -> Vec<Effect> {
    state.busy = Some("loading channel".into());
    state.opening = Some(id.clone());
    vec![Effect::Load {
        id,
        purpose: LoadPurpose::Open,
    }]
}

/// Enter on the channel list.
pub fn open_selected(state: &mut State) -> Vec<Effect> {
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

/// `q` / `:q`: asks when the draft has unsent edits, and says so when it could not be saved.
pub fn quit(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref().filter(|e| e.dirty) else {
        return vec![Effect::Quit];
    };
    let ask = match &ed.save_failed {
        Some(reason) => Confirm::QuitUnsaved {
            reason: reason.clone(),
        },
        None => Confirm::Quit,
    };
    state.popup = Some(Popup::Confirm(ask));
    Vec::new()
}

/// Quit now; the draft, if any, is saved first — and written to a fallback file as well when
/// the last save failed, so that it survives whatever happens to this one.
pub fn quit_saving(state: &mut State) -> Vec<Effect> {
    let mut fx = Vec::new();
    if let Some(ed) = state.editor.as_ref().filter(|e| e.dirty) {
        fx.push(draft::save_effect(ed));
        if ed.save_failed.is_some() {
            fx.push(draft::fallback_effect(ed));
        }
    }
    fx.push(Effect::Quit);
    fx
}

/// Quit after the user agreed that the draft goes to a fallback file.
pub fn quit_with_fallback(state: &mut State) -> Vec<Effect> {
    let mut fx: Vec<Effect> = state
        .editor
        .as_ref()
        .filter(|e| e.dirty)
        .map(draft::fallback_effect)
        .into_iter()
        .collect();
    fx.push(Effect::Quit);
    fx
}

/// `r`: asks when there are unsent edits (unless `force`).
pub fn reload(state: &mut State, force: bool) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return list_channels(state);
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

/// Esc in the editor: back to the channel list (asks when there are unsent edits).
pub fn back_to_list(state: &mut State) -> Vec<Effect> {
    if state.editor.as_ref().is_some_and(|e| e.dirty) {
        state.popup = Some(Popup::Confirm(Confirm::Leave));
        return Vec::new();
    }
    leave(state)
}

/// Close the open channel, if any: its draft lock goes back.
pub fn close_editor(state: &mut State) -> Vec<Effect> {
    state
        .editor
        .take()
        .map(|ed| Effect::ReleaseDraft { id: ed.id })
        .into_iter()
        .collect()
}

pub fn leave(state: &mut State) -> Vec<Effect> {
    let mut fx = close_editor(state);
    state.view = View::List;
    state.forget_other_channels();
    if !state.list.loaded {
        fx.extend(list_channels(state));
    }
    fx
}

/// `e`: the draft as JSON in $EDITOR (secrets masked; they are put back afterwards).
pub fn edit_json(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    let mut shown = Value::clone(&ed.draft);
    crate::model::redact_secrets(&mut shown);
    match serde_json::to_string_pretty(&shown) {
        Ok(text) => vec![Effect::OpenEditor { text }],
        Err(e) => {
            state.error(format!("Cannot show the draft as JSON: {e}"));
            Vec::new()
        }
    }
}

pub fn channels_listed(
    state: &mut State,
    result: Result<Vec<VpcChannel>, BackendError>,
) -> Vec<Effect> {
    state.busy = None;
    match result {
        Ok(list) => {
            state.list.rows = list.iter().map(row).collect();
            state.list.loaded = true;
            state.list.error = None;
            super::navigate::refilter_list(state);
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
            let msg = format!("Could not list channels: {}", e.headline());
            state.list.error = Some(format!("{msg} (r retries)"));
            state.error(msg);
        }
    }
    Vec::new()
}

pub fn member_count(state: &mut State, id: &str, count: usize) {
    let id = crate::sanitize::line(id);
    if let Some(r) = state.list.rows.iter_mut().find(|r| r.id == id) {
        r.members = Some(count);
    }
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

/// A channel read came back (open, reload, or the re-read after a send).
pub fn loaded(
    state: &mut State,
    id: String,
    purpose: LoadPurpose,
    result: Result<Box<Loaded>, BackendError>,
) -> Vec<Effect> {
    state.busy = None;
    state.opening = None;
    let loaded = match result {
        Ok(l) => *l,
        Err(e) => {
            if purpose == LoadPurpose::AfterSend {
                return super::send::unconfirmed(state, e);
            }
            if purpose == LoadPurpose::Refresh {
                state.warn(format!("Refresh failed: {}", e.headline()));
                return Vec::new();
            }
            let what = "Could not load the channel";
            if state.editor.is_some() {
                return super::send::failed(state, e, what);
            }
            let msg = format!("{what} {}: {}", crate::sanitize::line(&id), e.headline());
            state.list.error = Some(format!("{msg} (r lists the channels)"));
            state.error(msg);
            return Vec::new();
        }
    };
    if purpose == LoadPurpose::Refresh {
        refreshed(state, &id, loaded);
        return Vec::new();
    }
    let mut fresh = Editor::new(id.clone(), loaded);
    match purpose {
        LoadPurpose::AfterSend => super::send::settled(state, fresh),
        LoadPurpose::Reload => {
            if let Some(old) = state.editor.as_mut() {
                fresh.keep_place_from(old);
            }
            state.editor = Some(fresh);
            state.info("Reloaded from the server");
            vec![Effect::DeleteDraft { id }]
        }
        LoadPurpose::Open | LoadPurpose::CheckBeforeSend | LoadPurpose::Refresh => {
            state.editor = Some(fresh);
            state.view = View::Editor;
            state.popup = None;
            state.forget_other_channels();
            let name = state
                .editor
                .as_ref()
                .map(|e| e.channel_name())
                .unwrap_or_default();
            let mut fx = vec![Effect::ListApis {
                id: id.clone(),
                name,
            }];
            super::popups::goto_after_open(state, &id);
            if state.read_only {
                state.info("Read-only: editing and sending are disabled");
            } else {
                fx.push(Effect::LookupDraft { id });
            }
            fx
        }
    }
}

/// `Ctrl-l` or `--watch`: re-read the open channel; the draft stays.
pub fn refresh(state: &mut State, quiet: bool) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    if !quiet {
        state.busy = Some("refreshing".into());
    }
    vec![Effect::Load {
        id: ed.id.clone(),
        purpose: LoadPurpose::Refresh,
    }]
}

/// `--watch`: refresh unless the user is in the middle of something.
pub fn watch_tick(state: &mut State) -> Vec<Effect> {
    let idle = state.popup.is_none()
        && state.busy.is_none()
        && state.view == View::Editor
        && state.editor.as_ref().is_some_and(|e| e.edit.is_none());
    if idle {
        refresh(state, true)
    } else {
        Vec::new()
    }
}

fn refreshed(state: &mut State, id: &str, loaded: Loaded) {
    let Some(ed) = state.editor.as_mut().filter(|e| e.id == id) else {
        return;
    };
    match ed.refresh(loaded) {
        Ok(0) if state.watch.is_some() => {}
        Ok(0) => state.info("Refreshed: no health changes"),
        Ok(n) => state.info(format!(
            "Refreshed: {n} member{} changed health (marked ●)",
            if n == 1 { "" } else { "s" }
        )),
        Err(clash) => state.warn(format!(
            "The server changed what the draft edits ({}); nothing moved: r reloads",
            crate::sanitize::line(&clash.join(", "))
        )),
    }
}

/// Opening the channel's draft came back: offer a saved one, or say who holds it.
pub fn draft_found(state: &mut State, id: &str, lookup: DraftLookup) -> Vec<Effect> {
    if state.editor.as_ref().is_none_or(|ed| ed.id != id) {
        return Vec::new();
    }
    match lookup {
        DraftLookup::Mine(draft) => offer_draft(state, id, draft),
        DraftLookup::TakenOver { draft, copy } => {
            state.info(format!(
                "Draft taken over; the other editor's draft is kept: {}",
                crate::sanitize::line(&copy)
            ));
            offer_draft(state, id, draft)
        }
        DraftLookup::HeldBy(holder) => {
            state.popup = Some(Popup::Confirm(Confirm::DraftHeld {
                holder: crate::sanitize::line(&holder),
            }));
            Vec::new()
        }
        DraftLookup::Failed(why) => {
            state.warn(crate::sanitize::line(&why));
            Vec::new()
        }
    }
}

fn offer_draft(state: &mut State, id: &str, draft: Option<Value>) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    if ed.undo.can_undo() || ed.dirty {
        // The lookup came back after the user started editing: the saved draft is older
        // than what is on screen, and the next save replaces it.
        return Vec::new();
    }
    // A draft file that is not a body (edited by hand, truncated) is not offered.
    let Some(mut d) = draft.filter(Value::is_object) else {
        return Vec::new();
    };
    // Secrets live outside the members; the base is compared in place, not made whole (at
    // 10,000 members that took 10 MB more, beside the saved draft, as the channel opened).
    crate::model::restore_secrets(&mut d, ed.base.rest());
    if ed.base.eq_body(&d) {
        // An update sent just before quitting, or elsewhere, already made it so.
        state.info("The saved draft matches the server: those edits are applied");
        return vec![Effect::DeleteDraft { id: id.to_string() }];
    }
    if !state.read_only {
        state.popup = Some(Popup::Confirm(Confirm::RestoreDraft(d)));
    }
    Vec::new()
}

/// $EDITOR returned.
pub fn editor_closed(state: &mut State, result: Result<String, String>) -> Vec<Effect> {
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
    let parsed = crate::validate::parse_body(&body)
        .map_err(|e| e.to_string())
        .and_then(|v| {
            if v.is_object() {
                Ok(v)
            } else {
                Err("the body must be a JSON object ({ … })".to_string())
            }
        });
    match parsed {
        Ok(v) => draft::replace(state, v, "Draft replaced from the editor (u undoes)"),
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

/// The APIs behind the open channel came back.
pub fn apis_listed(
    state: &mut State,
    id: &str,
    result: Result<Vec<super::effects::RoutedApi>, BackendError>,
) {
    if let Some(ed) = state.editor.as_mut().filter(|e| e.id == id) {
        ed.apis = Some(result.map_err(|e| e.headline()));
    }
}
