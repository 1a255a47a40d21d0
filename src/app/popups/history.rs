//! `H`: the open channel's sent changes, newest first. Enter shows an entry's changes; `R`
//! puts the channel's state before that change into the draft and opens the review, so a
//! revert goes through every guard a send has.

use crate::app::effects::{Effect, HistoryRow};
use crate::app::keymap::Cmd;
use crate::app::state::{Popup, State};
use crate::app::{draft, review};

/// `H` in the editor: read the journal.
pub fn open(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    state.busy = Some("reading the journal".into());
    vec![Effect::ReadHistory { id: ed.id.clone() }]
}

/// The journal came back.
pub fn read(state: &mut State, id: &str, result: Result<Vec<HistoryRow>, String>) {
    state.busy = None;
    if state.editor.as_ref().is_none_or(|e| e.id != id) {
        return;
    }
    match result {
        Ok(rows) if rows.is_empty() => state.info("No sent change of this channel in the journal"),
        Ok(rows) => {
            state.popup = Some(Popup::History {
                rows,
                selected: 0,
                open: false,
            })
        }
        Err(e) => state.warn(format!(
            "Cannot read the journal: {}",
            crate::sanitize::line(&e)
        )),
    }
}

pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let Some(Popup::History {
        rows,
        selected,
        open,
    }) = state.popup.as_mut()
    else {
        return Vec::new();
    };
    match cmd {
        Some(Cmd::Up) => *selected = selected.saturating_sub(1),
        Some(Cmd::Down) => *selected = (*selected + 1).min(rows.len().saturating_sub(1)),
        Some(Cmd::Open) => *open = !*open,
        Some(Cmd::Back) => state.popup = None,
        Some(Cmd::Revert) => {
            let Some(row) = rows.get(*selected).cloned() else {
                return Vec::new();
            };
            state.popup = None;
            let note = format!(
                "Draft set to the channel before the change of {} (u undoes); review it",
                crate::sanitize::line(&row.time)
            );
            let mut fx = draft::replace(state, row.base, &note);
            fx.extend(review::open(state));
            return fx;
        }
        _ => {}
    }
    Vec::new()
}
