//! Review and send: diff, mass-delete guard, re-read before sending, send, re-read after.

use crossterm::event::{KeyCode, KeyEvent};

use super::edit;
use super::effects::{BackendError, Effect, LoadPurpose, Loaded, Updated};
use super::keymap::{self, Cmd, Scope};
use super::rules;
use super::state::{
    Editor, Popup, Review, ReviewStage, ServerChange, ServerError, State, line_input, line_text,
};
use std::sync::Arc;

use serde_json::Value;

/// `w`: refuse while errors remain or nothing changed, else show the diff.
pub fn open(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    if ed.error_count > 0 {
        let n = ed.error_count;
        state.error(format!(
            "Review refused: {n} error{} to fix first (p lists them)",
            if n == 1 { "" } else { "s" }
        ));
        return Vec::new();
    }
    let diff = rules::diff(&ed.base, &ed.draft);
    if diff.empty {
        state.info("No changes to send");
        return Vec::new();
    }
    let mut shown = Value::clone(&ed.draft);
    crate::model::redact_secrets(&mut shown);
    let raw = serde_json::to_string_pretty(&shown)
        .unwrap_or_default()
        .lines()
        .map(crate::sanitize::line)
        .collect();
    state.status = None;
    state.popup = Some(Popup::Review(Box::new(Review {
        diff,
        raw,
        show_raw: false,
        scroll: 0,
        stage: ReviewStage::Ready,
        name_input: line_input(String::new()),
    })));
    Vec::new()
}

/// The name that must be typed for a mass delete: the channel's name as loaded.
pub fn channel_name(ed: &Editor) -> String {
    ed.base["name"].as_str().unwrap_or_default().to_string()
}

pub fn key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    let read_only = state.read_only;
    let page = state.page_rows();
    let Some(Popup::Review(rv)) = state.popup.as_mut() else {
        return Vec::new();
    };
    if rv.stage == ReviewStage::ConfirmName {
        match ev.code {
            KeyCode::Esc => rv.stage = ReviewStage::Ready,
            KeyCode::Enter => {
                let typed = line_text(&rv.name_input);
                let want = state.editor.as_ref().map(channel_name).unwrap_or_default();
                if typed == want {
                    return check_then_send(state);
                }
                state.error("The name does not match; nothing sent");
            }
            _ => {
                rv.name_input.input(ev);
            }
        }
        return Vec::new();
    }
    if matches!(rv.stage, ReviewStage::Checking | ReviewStage::Sending) {
        if ev.code == KeyCode::Char('?') {
            state.popup = Some(Popup::Help { scroll: 0 });
        }
        return Vec::new();
    }
    let changed = matches!(rv.stage, ReviewStage::ServerChanged(_));
    if changed && ev.code == KeyCode::Char('r') {
        state.popup = None;
        return super::update::reload(state, true);
    }
    if let ReviewStage::ServerChanged(sc) = &rv.stage
        && ev.code == KeyCode::Char('y')
        && !read_only
    {
        let sc = sc.clone();
        return rebase_onto(state, *sc);
    }
    let lines = if rv.show_raw {
        rv.raw.len()
    } else {
        rv.diff.lines.len() + 2
    };
    let max = lines.saturating_sub(page);
    match keymap::lookup(&[Scope::Review, Scope::Global], read_only, &ev) {
        Some(Cmd::Send) if !changed => {
            let d = &rv.diff;
            let mass = d.members_removed > 0
                && (d.members_removed == d.members_before
                    || d.members_removed * 2 > d.members_before);
            if mass {
                rv.stage = ReviewStage::ConfirmName;
                rv.name_input = line_input(String::new());
                return Vec::new();
            }
            return check_then_send(state);
        }
        Some(Cmd::ToggleRaw) => {
            rv.show_raw = !rv.show_raw;
            rv.scroll = 0;
        }
        Some(Cmd::Back) | Some(Cmd::Quit) => state.popup = None,
        Some(Cmd::Up) => rv.scroll = rv.scroll.saturating_sub(1),
        Some(Cmd::Down) => rv.scroll = (rv.scroll + 1).min(max),
        Some(Cmd::PageUp) => rv.scroll = rv.scroll.saturating_sub(page),
        Some(Cmd::PageDown) => rv.scroll = (rv.scroll + page).min(max),
        Some(Cmd::Top) => rv.scroll = 0,
        Some(Cmd::Bottom) => rv.scroll = max,
        Some(Cmd::Help) => state.popup = Some(Popup::Help { scroll: 0 }),
        _ => {}
    }
    Vec::new()
}

/// Re-read the channel first: sending over a change made elsewhere would undo it.
fn check_then_send(state: &mut State) -> Vec<Effect> {
    let Some(id) = state.editor.as_ref().map(|e| e.id.clone()) else {
        return Vec::new();
    };
    if let Some(Popup::Review(rv)) = state.popup.as_mut() {
        rv.stage = ReviewStage::Checking;
    }
    state.busy = Some("checking the server".into());
    vec![Effect::Load {
        id,
        purpose: LoadPurpose::CheckBeforeSend,
    }]
}

/// The re-read before sending came back.
pub fn checked(state: &mut State, result: Result<Box<Loaded>, BackendError>) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let loaded = match result {
        Ok(l) => l,
        Err(e) => {
            state.busy = None;
            state.popup = None;
            return failed(state, e, "Could not re-read the channel before sending");
        }
    };
    let remote = crate::model::base_value(&loaded.detail, &loaded.members);
    let changed = rules::diff(&ed.base, &remote);
    if !changed.empty {
        state.busy = None;
        let n = changed.summary.clone();
        let rebased = super::rebase::rebase(&ed.base, &ed.draft, &remote);
        let hint = if rebased.is_ok() {
            "y rebases your edits onto it"
        } else {
            "both sides changed the same things; r reloads"
        };
        if let Some(Popup::Review(rv)) = state.popup.as_mut() {
            rv.stage = ReviewStage::ServerChanged(Box::new(ServerChange {
                lines: changed.lines,
                summary: n.clone(),
                rebased,
                remote: *loaded,
            }));
            rv.scroll = 0;
        }
        state.error(format!(
            "The server changed since load ({n}); nothing sent: {hint}"
        ));
        return Vec::new();
    }
    if let Some(Popup::Review(rv)) = state.popup.as_mut() {
        rv.stage = ReviewStage::Sending;
    }
    state.busy = Some("sending".into());
    vec![Effect::Send {
        id: ed.id.clone(),
        body: Value::clone(&ed.draft),
    }]
}

/// The PUT came back.
pub fn sent(state: &mut State, result: Result<Box<Updated>, BackendError>) -> Vec<Effect> {
    state.popup = None;
    let Some(ed) = state.editor.as_mut() else {
        state.busy = None;
        return Vec::new();
    };
    match result {
        Ok(updated) => {
            let mut body = Value::clone(&ed.draft);
            crate::model::redact_secrets(&mut body);
            let mut base = ed.base.clone();
            crate::model::redact_secrets(&mut base);
            let request_id = updated.request_id;
            let entry = serde_json::json!({
                "channel": ed.id, "base": base, "sent": body, "request_id": request_id,
                "result": "ok",
            });
            ed.server_error = None;
            ed.sent_request = request_id.as_deref().map(crate::sanitize::line);
            let id = ed.id.clone();
            let rid = request_note(ed.sent_request.as_deref());
            state.busy = Some("re-reading the channel".into());
            state.info(format!("Sent{rid}. Re-reading the channel…"));
            vec![
                Effect::Journal { entry },
                Effect::DeleteDraft { id: id.clone() },
                Effect::Load {
                    id,
                    purpose: LoadPurpose::AfterSend,
                },
            ]
        }
        Err(e) => {
            state.busy = None;
            failed(state, e, "Send failed")
        }
    }
}

/// ` (request ID)` for a status line, or nothing when the server gave no id.
pub fn request_note(request_id: Option<&str>) -> String {
    request_id
        .map(|r| format!(" (request {})", crate::sanitize::line(r)))
        .unwrap_or_default()
}

/// Show an API or network error: on the field it names, and in the status bar.
pub fn failed(state: &mut State, e: BackendError, what: &str) -> Vec<Effect> {
    let headline = e.headline();
    let Some(ed) = state.editor.as_mut() else {
        state.error(format!("{what}: {headline}"));
        return Vec::new();
    };
    let path = e.parameter.as_deref().and_then(|p| place(ed, p));
    ed.server_error = Some(ServerError {
        code: e
            .error_code
            .as_deref()
            .map(crate::sanitize::line)
            .unwrap_or_else(|| "network".into()),
        message: crate::sanitize::line(&e.error_msg),
        request_id: e.request_id.as_deref().map(crate::sanitize::line),
        path: path.clone(),
    });
    if let Some(p) = &path {
        edit::jump_to(ed, p);
    }
    let rid = request_note(e.request_id.as_deref());
    state.error(format!("{what} (draft kept): {headline}{rid}"));
    Vec::new()
}

/// Find the field a server parameter name means, looking where the user is first.
pub fn place(ed: &Editor, param: &str) -> Option<String> {
    use super::panes::{self, groups, health, members, microservice, overview};
    let hit = |fields: Vec<panes::Field>| {
        fields
            .into_iter()
            .find(|f| f.path.leaf() == Some(param))
            .map(|f| f.path.to_string())
    };
    if let Some(p) = hit(panes::current_fields(ed)) {
        return Some(p);
    }
    let m_row = ed
        .members
        .row(ed.member_total())
        .or(ed.member_form.map(|f| f.0));
    let g_row = ed
        .groups
        .row(ed.group_total())
        .or(ed.group_form.map(|f| f.0));
    let here = match ed.pane {
        super::state::Pane::Groups => g_row.and_then(|i| hit(groups::fields(&ed.draft, i))),
        _ => m_row.and_then(|i| hit(members::fields(&ed.draft, i))),
    };
    here.or_else(|| hit(overview::fields()))
        .or_else(|| hit(health::fields(&ed.draft)))
        .or_else(|| hit(microservice::fields(&ed.draft)))
        .or_else(|| {
            g_row
                .and_then(|i| hit(groups::fields(&ed.draft, i)))
                .or_else(|| m_row.and_then(|i| hit(members::fields(&ed.draft, i))))
        })
        .or_else(|| {
            matches!(
                param,
                "members" | "member_groups" | "vpc_health_config" | "microservice_info"
            )
            .then(|| param.to_string())
        })
}

/// The channel was re-read after a send: it is the new base.
pub fn settled(ed: &mut Editor, fresh: Editor) {
    let pane = ed.pane;
    *ed = fresh;
    ed.pane = pane;
}

/// `y` after the server changed: the server's state becomes the base, the edits move onto
/// it, and the review opens again on the result (where `y` sends).
fn rebase_onto(state: &mut State, sc: ServerChange) -> Vec<Effect> {
    let Ok(rebased) = sc.rebased else {
        state.error("Both sides changed the same things; r reloads, Esc goes back");
        return Vec::new();
    };
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let mut fresh = Editor::new(ed.id.clone(), sc.remote);
    fresh.pane = ed.pane;
    fresh.undo = std::mem::take(&mut ed.undo);
    fresh
        .undo
        .record(std::mem::replace(&mut ed.draft, Arc::new(Value::Null)));
    fresh.draft = Arc::new(rebased);
    *ed = fresh;
    let mut fx = edit::after_change(ed);
    state.popup = None;
    fx.extend(open(state));
    if state.popup.is_some() {
        state.info("Rebased onto the server's state: review again, y sends");
    }
    fx
}
