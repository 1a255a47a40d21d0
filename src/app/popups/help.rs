//! `?`: the help popup scrolls; Esc, q or ? close it.

use crate::app::effects::Effect;
use crate::app::keymap::Cmd;
use crate::app::state::{Popup, State};

pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let page = state.page_rows();
    let Some(Popup::Help { scroll }) = state.popup.as_mut() else {
        return Vec::new();
    };
    match cmd {
        Some(Cmd::Up) => *scroll = scroll.saturating_sub(1),
        Some(Cmd::Down) => *scroll += 1,
        Some(Cmd::PageUp) => *scroll = scroll.saturating_sub(page),
        Some(Cmd::PageDown) => *scroll += page,
        Some(Cmd::Back) => state.popup = None,
        _ => {}
    }
    Vec::new()
}
