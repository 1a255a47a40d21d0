//! `f` / `:find HOST[:PORT]`: every channel of the project where a backend is a member, as
//! `chanedit find` lists them. The search runs as an effect while the list shows a spinner;
//! Esc closes the list and an answer that comes after is dropped. Enter opens the channel
//! (on this editor's gateway) at the member.

use crate::app::effects::{Effect, FoundReport};
use crate::app::keymap::Cmd;
use crate::app::state::{FoundView, Popup, State};
use crate::model::Backend;

/// Start a search; Err (shown on the command line) when `target` is no `HOST[:PORT]`.
pub fn start(state: &mut State, target: &str) -> Result<Vec<Effect>, String> {
    if target.is_empty() {
        return Err("usage: :find HOST[:PORT]".into());
    }
    let backend = Backend::parse(target)?;
    state.find_seq += 1;
    let seq = state.find_seq;
    let shown = crate::sanitize::line(&backend.label());
    state.busy = Some(format!("searching for {shown}"));
    state.popup = Some(Popup::Found(Box::new(FoundView {
        target: shown,
        seq,
        report: None,
        selected: 0,
    })));
    Ok(vec![Effect::FindBackend {
        target: backend,
        seq,
    }])
}

/// A search came back: shown when its list is still open, else dropped.
pub fn found(state: &mut State, seq: u64, report: FoundReport) {
    if seq != state.find_seq {
        return;
    }
    state.busy = None;
    let Some(Popup::Found(view)) = state.popup.as_mut() else {
        return;
    };
    if view.seq != seq {
        return;
    }
    let (n, incomplete) = (report.rows.len(), !report.errors.is_empty());
    let target = view.target.clone();
    view.report = Some(report);
    if incomplete {
        state.warn(format!(
            "The search for {target} is incomplete: some gateways or channels could not be read"
        ));
    } else {
        state.info(format!("{target}: {n} member(s) found"));
    }
}

pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let Some(Popup::Found(view)) = state.popup.as_mut() else {
        return Vec::new();
    };
    let n = view.report.as_ref().map_or(0, |r| r.rows.len());
    match cmd {
        Some(Cmd::Up) => view.selected = view.selected.saturating_sub(1),
        Some(Cmd::Down) => view.selected = (view.selected + 1).min(n.saturating_sub(1)),
        Some(Cmd::Back) => {
            if view.report.is_none() {
                state.busy = None;
                state.info("Search dropped");
            }
            state.popup = None;
        }
        Some(Cmd::Open) => return open(state),
        _ => {}
    }
    Vec::new()
}

/// Enter on a result: open its channel, then jump to the member once it is loaded.
fn open(state: &mut State) -> Vec<Effect> {
    let Some(Popup::Found(view)) = state.popup.as_ref() else {
        return Vec::new();
    };
    let Some(row) = view
        .report
        .as_ref()
        .and_then(|r| r.rows.get(view.selected))
        .cloned()
    else {
        return Vec::new();
    };
    if !row.here {
        state.warn(format!(
            "{} is on gateway {} ({}); this editor works on another: start it with \
             --instance-id {} to open it",
            row.channel_name, row.gateway_name, row.gateway_id, row.gateway_id
        ));
        return Vec::new();
    }
    if state
        .editor
        .as_ref()
        .is_some_and(|e| e.id == row.channel_id)
    {
        state.popup = None;
        jump(state, &row.address);
        return Vec::new();
    }
    if state.editor.as_ref().is_some_and(|e| e.dirty) {
        state.warn("This channel has unsent edits: send or drop them before opening another");
        return Vec::new();
    }
    state.popup = None;
    let mut fx: Vec<Effect> = state
        .editor
        .take()
        .map(|ed| Effect::ReleaseDraft { id: ed.id })
        .into_iter()
        .collect();
    state.goto_after_open = Some((row.channel_id.clone(), row.address));
    fx.extend(crate::app::intents::open(state, row.channel_id));
    fx
}

/// The channel just opened: jump to the member a search result named, if any.
pub fn goto_after_open(state: &mut State, id: &str) {
    match state.goto_after_open.take() {
        Some((channel, address)) if channel == id => jump(state, &address),
        _ => {}
    }
}

fn jump(state: &mut State, address: &str) {
    if let Err(e) = crate::app::command::run(state, &format!("goto {address}")) {
        state.warn(crate::sanitize::line(&e));
    }
}
