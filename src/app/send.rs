//! Sending a reviewed change: re-read the channel first, send, re-read after, and show an
//! error on the field it names.

use std::sync::Arc;

use serde_json::Value;

use super::draft;
use super::editor::Editor;
use super::effects::{BackendError, Effect, LoadPurpose, LostSend, Updated};
use super::panes::{self, Field, health, microservice, overview};
use super::review::DiffView;
use super::rows::RowKind;
use super::state::{Pane, Popup, ReviewStage, ServerChange, ServerError, State};
use crate::api::Verdict;
use crate::model::Loaded;

/// Re-read the channel first: sending over a change made elsewhere would undo it.
pub fn check_then_send(state: &mut State) -> Vec<Effect> {
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
    let reviewed = match (&state.popup, state.editor.as_ref()) {
        (Some(Popup::Review(rv)), Some(ed)) => Some((rv.plan(ed).clone(), rv.mode)),
        _ => None,
    };
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
    let remote = loaded.base();
    let (mut plan, mode) = reviewed.unwrap_or_else(|| {
        let mode = crate::api::plan::WriteMode::default();
        (super::review::plan_for(ed, mode), mode)
    });
    if let Some(sent) = ed.expected.take()
        && crate::diff::diff(&sent, &remote).is_empty()
    {
        // An earlier update whose outcome was unknown did land: the server holds it.
        ed.set_base(remote.clone());
        ed.member_ids = crate::api::plan::member_ids(&loaded);
        plan = super::review::plan_for(ed, mode);
    }
    let base = ed.base.value();
    let changed = DiffView::of(&base, &remote);
    let mut note = String::new();
    if !changed.empty {
        let c = plan.concurrent(&base, &remote);
        if c.is_clear() {
            // A change the request does not touch is no conflict: the server keeps it.
            note = format!(
                "The server changed elsewhere since load ({}); this request leaves that alone. ",
                c.untouched.summary()
            );
        }
    }
    if !changed.empty && note.is_empty() {
        state.busy = None;
        let n = changed.summary.clone();
        let rebased = crate::diff::rebase(&base, &ed.draft, &remote);
        let hint = if rebased.is_ok() {
            "y rebases your edits onto it"
        } else {
            "both sides changed the same things; r reloads"
        };
        if let Some(Popup::Review(rv)) = state.popup.as_mut() {
            rv.stage = ReviewStage::ServerChanged(Box::new(ServerChange {
                lines: changed.all_lines(),
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
    let request = plan.describe();
    let fx = vec![Effect::Send {
        id: ed.id.clone(),
        body: Value::clone(&ed.draft),
        base,
        plan: Box::new(plan),
    }];
    state.info(format!("{note}Sending {request}…"));
    fx
}

/// The update came back.
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
            let mut base = ed.base.value();
            crate::model::redact_secrets(&mut base);
            let request_id = updated.request_id;
            let entry = serde_json::json!({
                "channel": ed.id, "base": base, "sent": body, "request_id": request_id,
                "result": "ok", "request": updated.request,
            });
            ed.server_error = None;
            ed.expected = Some(Value::clone(&ed.draft));
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

/// The update's answer was lost (dropped connection, timeout, an empty or undocumented
/// answer): the backend re-read the channel to tell what happened, and journaled both.
pub fn lost(state: &mut State, lost: LostSend) -> Vec<Effect> {
    state.popup = None;
    state.busy = None;
    let lost_note = format!("The answer was lost ({})", lost.error.headline());
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    match (lost.verdict, lost.now) {
        (Some(Verdict::Applied), Some(now)) => {
            let mut fresh = Editor::new(ed.id.clone(), *now);
            fresh.pane = ed.pane;
            *ed = fresh;
            state.info(format!(
                "{lost_note}; a re-read shows the update WAS applied"
            ));
            vec![Effect::DeleteDraft { id: ed_id(state) }]
        }
        (Some(Verdict::NotApplied), _) => {
            state.error(format!(
                "{lost_note}; a re-read shows it was NOT applied. The draft is kept: w, y sends \
                 it again"
            ));
            Vec::new()
        }
        (Some(Verdict::ChangedElsewhere), _) => {
            state.error(format!(
                "{lost_note}; the channel now differs from both your update and what you \
                 loaded: someone else changed it. The draft is kept; w shows what changed"
            ));
            Vec::new()
        }
        (_, _) => {
            // Until a re-read tells, what was sent is what the server may hold.
            ed.expected = Some(Value::clone(&ed.draft));
            state.error(format!(
                "{lost_note} and the re-read failed: the outcome is UNKNOWN. r re-reads; the \
                 draft is kept"
            ));
            Vec::new()
        }
    }
}

fn ed_id(state: &State) -> String {
    state
        .editor
        .as_ref()
        .map(|e| e.id.clone())
        .unwrap_or_default()
}

/// The re-read after a send failed: the sent body becomes the base (what the server holds
/// as far as anyone knows), so the next send does not mistake it for someone else's change.
pub fn unconfirmed(state: &mut State, e: BackendError) -> Vec<Effect> {
    if let Some(ed) = state.editor.as_mut()
        && let Some(sent) = ed.expected.take()
    {
        ed.set_base(sent);
        // Not a read of the server: no member ids to name members by.
        ed.member_ids = crate::api::plan::MemberIds::default();
        ed.recheck_dirty();
    }
    failed(state, e, "Sent, but the re-read failed (r re-reads)")
}

/// The channel was re-read after a send: it is the new base.
pub fn settled(state: &mut State, mut fresh: Editor) -> Vec<Effect> {
    let mut rid = None;
    let mut differs = None;
    if let Some(ed) = state.editor.as_mut() {
        rid = ed.sent_request.take();
        if let Some(sent) = ed.expected.take() {
            let d = crate::diff::diff(&sent, &fresh.base.value());
            differs = (!d.is_empty()).then(|| d.summary().to_string());
        }
        fresh.keep_place_from(ed);
        *ed = fresh;
    }
    let rid = request_note(rid.as_deref());
    match differs {
        None => state.info(format!(
            "Sent. Showing the channel as the server has it now{rid}"
        )),
        Some(d) => state.warn(format!(
            "Sent{rid}, but the server now differs from what you reviewed ({d}): changes \
             made elsewhere, or values the server adjusted; shown as the server has it"
        )),
    }
    Vec::new()
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
        super::navigate::jump_to(ed, p);
    }
    let rid = request_note(e.request_id.as_deref());
    state.error(format!("{what} (draft kept): {headline}{rid}"));
    Vec::new()
}

/// Find the field a server parameter name means, looking where the user is first.
pub fn place(ed: &Editor, param: &str) -> Option<String> {
    let hit = |fields: Vec<Field>| {
        fields
            .into_iter()
            .find(|f| f.path.leaf() == Some(param))
            .map(|f| f.path.to_string())
    };
    if let Some(p) = hit(panes::current_fields(ed)) {
        return Some(p);
    }
    let row = |kind: RowKind| {
        let t = ed.table(kind);
        t.row(ed.total(kind)).or(t.form.map(|f| f.0))
    };
    let in_row = |kind: RowKind| row(kind).and_then(|i| hit(kind.fields(&ed.draft, i)));
    let here = match ed.pane {
        Pane::Groups => in_row(RowKind::Groups),
        _ => in_row(RowKind::Members),
    };
    here.or_else(|| hit(overview::fields()))
        .or_else(|| hit(health::fields(&ed.draft)))
        .or_else(|| hit(microservice::fields(&ed.draft)))
        .or_else(|| in_row(RowKind::Groups).or_else(|| in_row(RowKind::Members)))
        .or_else(|| {
            matches!(
                param,
                "members" | "member_groups" | "vpc_health_config" | "microservice_info"
            )
            .then(|| param.to_string())
        })
}

/// `y` after the server changed: the server's state becomes the base, the edits move onto
/// it, and the review opens again on the result (where `y` sends).
pub fn rebase_onto(state: &mut State, sc: ServerChange) -> Vec<Effect> {
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
        .record(super::undo::Delta::between(&ed.draft, &rebased));
    fresh.draft = Arc::new(rebased);
    *ed = fresh;
    let mut fx = draft::after_change(ed);
    state.popup = None;
    fx.extend(super::review::open(state));
    if state.popup.is_some() {
        state.info("Rebased onto the server's state: review again, y sends");
    }
    fx
}
