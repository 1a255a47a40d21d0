//! Yank: `y`, then what to copy — the selected member's host, the id of the selected row or
//! of the channel, the member's or the channel's JSON, or the diff of the unsent edits. The
//! runner puts it on the terminal's clipboard with OSC 52, which works over SSH and in tmux
//! with `set-clipboard on`. Secrets are masked, control characters escaped, and nothing over
//! [`CAP`] is sent (terminals drop long OSC 52 sequences, some without a word).

use serde_json::Value;

use super::effects::Effect;
use super::keymap::Cmd;
use super::state::{Pane, Popup, State, View};
use crate::model::{member_identity, redact_secrets};

/// The most text one yank copies, in bytes (100,000 bytes once base64-encoded).
pub const CAP: usize = 75_000;

/// `y`: wait for what to copy.
pub fn open(state: &mut State) -> Vec<Effect> {
    state.popup = Some(Popup::Yank);
    Vec::new()
}

/// A key after `y`. Keys the yank scope does not list do nothing.
pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let what = match cmd {
        Some(c @ (Cmd::YankHost | Cmd::YankId | Cmd::YankJson | Cmd::YankDiff)) => c,
        Some(Cmd::Back) => {
            state.popup = None;
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    state.popup = None;
    match pick(state, what) {
        Ok((label, text)) => copy(state, &label, text),
        Err(why) => {
            state.warn(format!("nothing copied: {why}"));
            Vec::new()
        }
    }
}

/// What `what` copies here: (what it is, the text).
fn pick(state: &State, what: Cmd) -> Result<(String, String), String> {
    let Some(ed) = state.editor.as_ref().filter(|_| state.view == View::Editor) else {
        return match what {
            Cmd::YankId => state
                .list
                .visible
                .get(state.list.selected)
                .and_then(|i| state.list.rows.get(*i))
                .map(|r| ("the channel's id".to_string(), r.id.clone()))
                .ok_or_else(|| "no channel is selected".to_string()),
            _ => Err("open a channel first (in the list, y i copies a channel's id)".into()),
        };
    };
    let member = selected_member(state);
    match what {
        Cmd::YankHost => {
            let (m, name) = member.ok_or("select a member first (Members pane)")?;
            let host = ["host", "ecs_id"]
                .iter()
                .filter_map(|f| m.get(*f).and_then(Value::as_str))
                .find(|h| !h.is_empty())
                .ok_or_else(|| format!("member {name} has no host"))?;
            Ok((format!("the host of member {name}"), host.to_string()))
        }
        Cmd::YankId => {
            if let Some((m, name)) = member {
                let id = super::changes::base_member(ed, m)
                    .and_then(|i| ed.member_ids.get(i).map(str::to_string))
                    .ok_or_else(|| format!("member {name} has no id yet (it is not sent)"))?;
                return Ok((format!("the id of member {name}"), id));
            }
            if let Some(g) = selected_row(state, Pane::Groups) {
                let name = g["member_group_name"].as_str().unwrap_or("");
                let id = ed
                    .detail
                    .member_groups
                    .iter()
                    .flatten()
                    .find(|i| i.member_group_name.as_deref() == Some(name))
                    .and_then(|i| i.member_group_id.clone())
                    .ok_or_else(|| format!("group {name} has no id yet (it is not sent)"))?;
                return Ok((format!("the id of group {name}"), id));
            }
            Ok(("the channel's id".into(), ed.id.clone()))
        }
        Cmd::YankJson => {
            let (label, v) = match member {
                Some((m, name)) => (format!("the JSON of member {name}"), m),
                None => ("the channel's JSON (the draft)".to_string(), &*ed.draft),
            };
            // Masked, not left out: a paste shows that the field is there.
            let mut v = v.clone();
            redact_secrets(&mut v);
            let text = serde_json::to_string_pretty(&v)
                .map_err(|e| format!("cannot write the JSON: {e}"))?;
            Ok((label, crate::sanitize::json(text)))
        }
        _ => {
            let d = crate::diff::diff(&ed.base.value(), &ed.draft);
            if d.is_empty() {
                return Err("there are no unsent edits".into());
            }
            Ok(("the diff of the unsent edits".into(), d.render(false)))
        }
    }
}

/// The selected (or open) member and how the user knows it.
fn selected_member(state: &State) -> Option<(&Value, String)> {
    let ed = state.editor.as_ref()?;
    let m = selected_row(state, Pane::Members)?;
    Some((m, member_identity(m, &ed.draft)))
}

/// The selected row of `pane`'s table, or the one whose form is open, when it is shown.
fn selected_row(state: &State, pane: Pane) -> Option<&Value> {
    let ed = state.editor.as_ref()?;
    if ed.pane != pane {
        return None;
    }
    let kind = super::rows::RowKind::of(pane)?;
    let rows = ed.draft.get(kind.key())?.as_array()?;
    let t = ed.table(kind);
    let i = match &t.form {
        Some((i, _)) => Some(*i),
        None => t.row(rows.len()),
    }?;
    rows.get(i)
}

/// The effect that copies `text`, or why it cannot; the status line says which.
fn copy(state: &mut State, label: &str, text: String) -> Vec<Effect> {
    // No control character reaches the clipboard, where a paste into a terminal would run it.
    let text = crate::sanitize::clean(&text, true);
    if text.len() > CAP {
        state.warn(format!(
            "nothing copied: {} is {} bytes, over the clipboard cap of {CAP} bytes",
            crate::sanitize::line(label),
            text.len()
        ));
        return Vec::new();
    }
    let shown = if text.contains('\n') || text.chars().count() > 40 {
        format!("{} bytes", text.len())
    } else {
        text.clone()
    };
    let label = crate::sanitize::line(label);
    // What was copied first: a narrow status line cuts the end.
    state.info(format!("copied {shown}: {label}"));
    vec![Effect::Clipboard { text }]
}
