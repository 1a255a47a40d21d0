//! Yes/no questions: `y` answers yes, `n` or Esc no; any other key is ignored.

use crate::app::effects::Effect;
use crate::app::keymap::Cmd;
use crate::app::state::{Confirm, Popup, State};
use crate::app::{draft, intents};

pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let Some(Popup::Confirm(c)) = state.popup.as_ref() else {
        return Vec::new();
    };
    let c = c.clone();
    match cmd {
        Some(Cmd::Yes) => {
            state.popup = None;
            yes(state, c)
        }
        Some(Cmd::No) => {
            state.popup = None;
            if let Confirm::RestoreDraft(_) = c {
                state.info("Saved draft not restored; it is replaced on the next edit");
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn yes(state: &mut State, c: Confirm) -> Vec<Effect> {
    match c {
        Confirm::Quit => intents::quit_saving(state),
        Confirm::Reload => intents::reload(state, true),
        Confirm::Leave => intents::leave(state),
        Confirm::RestoreDraft(d) => draft::replace(state, d, "Draft restored (u undoes)"),
    }
}
