//! $EDITOR gave back JSON that does not parse: `e` reopens it with the error, Esc drops it.

use crate::app::effects::Effect;
use crate::app::keymap::Cmd;
use crate::app::state::{Popup, State};

pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let Some(Popup::JsonError { text, error }) = state.popup.as_ref() else {
        return Vec::new();
    };
    match cmd {
        Some(Cmd::EditJson) => {
            let text = format!(
                "// {error}\n// Fix the JSON below and save; these lines are ignored.\n{text}"
            );
            state.popup = None;
            vec![Effect::OpenEditor { text }]
        }
        Some(Cmd::Back) => {
            state.popup = None;
            state.info("Edit dropped; the draft is unchanged");
            Vec::new()
        }
        _ => Vec::new(),
    }
}
