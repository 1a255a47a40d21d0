//! `f` / `:find HOST[:PORT]`: every channel of the project where a backend is a member, as
//! `chanedit find` lists them. The search runs as an effect while the list shows a spinner;
//! Esc closes the list and an answer that comes after is dropped. Enter opens the channel
//! (on this editor's gateway) at the member. `D` drains the backend as `chanedit drain`
//! does: the combined review, one question (typed when a channel or group would be left with
//! no enabled member), a batch-disable per channel, verified and journaled as one operation.

use crossterm::event::KeyEvent;

use crate::app::effects::{DrainReview, Effect, FoundReport};
use crate::app::keymap::{Cmd, Scope};
use crate::app::state::{
    DrainStage, DrainView, FoundView, Popup, State, line_input, line_text, type_into,
};
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
        Some(Cmd::Disable) => return drain_start(state),
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
    let mut fx = crate::app::intents::close_editor(state);
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

/// `D` on the results: ask for the drain's review.
fn drain_start(state: &mut State) -> Vec<Effect> {
    let Some(Popup::Found(view)) = state.popup.as_ref() else {
        return Vec::new();
    };
    let Some(report) = view.report.as_ref() else {
        return Vec::new();
    };
    if !report.errors.is_empty() {
        state.warn("The search did not cover every gateway, so a drain could miss channels");
        return Vec::new();
    }
    if report.rows.is_empty() {
        state.info("Nothing to drain");
        return Vec::new();
    }
    let Ok(target) = Backend::parse(&view.target) else {
        return Vec::new();
    };
    let seq = view.seq;
    let results = (**view).clone();
    state.busy = Some("counting the APIs behind each channel".into());
    state.popup = Some(Popup::Drain(Box::new(DrainView {
        target,
        seq,
        stage: DrainStage::Planning,
        typed: None,
        results,
    })));
    vec![Effect::PlanDrain { seq }]
}

/// The key scope of a drain's stage.
pub fn drain_scope(d: &DrainView) -> Scope {
    match (&d.stage, &d.typed) {
        (DrainStage::Review(_), Some(_)) => Scope::DrainTyped,
        (DrainStage::Review(_), None) => Scope::DrainReview,
        _ => Scope::DrainDone,
    }
}

/// The drain's review came back.
pub fn drain_planned(state: &mut State, seq: u64, result: Result<Box<DrainReview>, String>) {
    state.busy = None;
    let Some(Popup::Drain(d)) = state.popup.as_mut() else {
        return;
    };
    if d.seq != seq || d.stage != DrainStage::Planning {
        return;
    }
    match result {
        Ok(review) if review.members == 0 => {
            let mut lines = review.lines.clone();
            lines.push(format!(
                "{} is already disabled in every channel that has it; nothing sent",
                d.results.target
            ));
            d.stage = DrainStage::Done(lines);
        }
        Ok(review) => {
            d.typed = review.typed.then(|| line_input(String::new()));
            d.stage = DrainStage::Review(review);
        }
        Err(e) => {
            d.stage = DrainStage::Done(vec![format!(
                "No drain: {}; nothing sent",
                crate::sanitize::line(&e)
            )])
        }
    }
}

pub fn drain_key(state: &mut State, cmd: Option<Cmd>, ev: KeyEvent) -> Vec<Effect> {
    let Some(Popup::Drain(d)) = state.popup.as_mut() else {
        return Vec::new();
    };
    match (cmd, &d.stage) {
        (Some(Cmd::Back), DrainStage::Review(_)) => {
            let results = d.results.clone();
            state.popup = Some(Popup::Found(Box::new(results)));
            state.info("Drain cancelled; nothing sent");
        }
        (Some(Cmd::Back), DrainStage::Sending) => {
            // The writes go on; their summary comes to the status line.
            state.popup = None;
        }
        (Some(Cmd::Back), _) => {
            state.busy = None;
            state.popup = None;
        }
        (Some(Cmd::Send), DrainStage::Review(_)) if d.typed.is_none() => return drain_send(state),
        (Some(Cmd::Accept), DrainStage::Review(_)) => {
            let typed = d.typed.as_ref().map(line_text).unwrap_or_default();
            if crate::api::drain::typed_confirms(&d.target, &typed) {
                return drain_send(state);
            }
            let msg = format!(
                "Type `{}` or the host {} to drain; nothing sent",
                crate::api::drain::CONFIRM_WORD,
                d.results.target
            );
            state.warn(msg);
        }
        (None, DrainStage::Review(_)) => {
            if let Some(input) = d.typed.as_mut() {
                type_into(input, ev);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn drain_send(state: &mut State) -> Vec<Effect> {
    let Some(Popup::Drain(d)) = state.popup.as_mut() else {
        return Vec::new();
    };
    d.stage = DrainStage::Sending;
    let seq = d.seq;
    state.busy = Some("draining".into());
    vec![Effect::Drain { seq }]
}

/// The drain finished: its summary in the view, or on the status line when it was closed.
pub fn drained(state: &mut State, seq: u64, summary: Vec<String>) {
    state.busy = None;
    let head = summary.first().cloned().unwrap_or_default();
    match state.popup.as_mut() {
        Some(Popup::Drain(d)) if d.seq == seq => d.stage = DrainStage::Done(summary),
        _ => state.info(format!("{head} (chanedit history shows it)")),
    }
}
