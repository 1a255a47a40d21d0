//! `p`: every diagnostic of the draft; Enter jumps to the field.

use crate::app::effects::Effect;
use crate::app::keymap::Cmd;
use crate::app::state::{Popup, State};

pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let n = state.editor.as_ref().map_or(0, |e| e.problems.len());
    let Some(Popup::Problems { selected }) = state.popup.as_mut() else {
        return Vec::new();
    };
    match cmd {
        Some(Cmd::Up) => *selected = selected.saturating_sub(1),
        Some(Cmd::Down) => *selected = (*selected + 1).min(n.saturating_sub(1)),
        Some(Cmd::Open) => {
            let at = *selected;
            state.popup = None;
            if let Some(ed) = state.editor.as_mut()
                && let Some(p) = ed.problems.get(at).map(|p| p.path.clone())
            {
                crate::app::navigate::jump_to(ed, &p);
            }
        }
        Some(Cmd::Back) => state.popup = None,
        _ => {}
    }
    Vec::new()
}
