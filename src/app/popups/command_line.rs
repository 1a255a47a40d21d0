//! The `:` line: typing, Tab completes, Enter runs, Esc cancels. A failed command stays on
//! the line with its error, so it can be fixed.

use crossterm::event::KeyEvent;

use crate::app::command;
use crate::app::complete;
use crate::app::effects::Effect;
use crate::app::keymap::Cmd;
use crate::app::state::{Popup, State, line_input, line_text, type_into};

pub fn key(state: &mut State, cmd: Option<Cmd>, ev: KeyEvent) -> Vec<Effect> {
    let read_only = state.read_only;
    let Some(Popup::Command {
        input,
        error,
        completion,
    }) = state.popup.as_mut()
    else {
        return Vec::new();
    };
    match cmd {
        Some(Cmd::Back) => state.popup = None,
        Some(Cmd::Complete) => {
            let cursor = input.cursor().1;
            let line = line_text(input);
            let prev = completion.as_deref();
            // Borrowed, not shared: a second owner would make the next change copy the draft.
            let draft = state.editor.as_ref().map(|e| &*e.draft);
            match complete::tab(&line, cursor, prev, draft, read_only) {
                Some((done, at, next)) => {
                    **input = line_input(done);
                    input.move_cursor(tui_textarea::CursorMove::Jump(0, at as u16));
                    *completion = next.map(Box::new);
                }
                None => *completion = None,
            }
        }
        Some(Cmd::Accept) => {
            let line = line_text(input);
            state.popup = None;
            match command::run(state, &line) {
                Ok(fx) => return fx,
                Err(e) => {
                    state.popup = Some(Popup::Command {
                        input: Box::new(line_input(line)),
                        error: Some(crate::sanitize::line(&e)),
                        completion: None,
                    });
                }
            }
        }
        _ => {
            *error = None;
            *completion = None;
            type_into(input, ev);
        }
    }
    Vec::new()
}

/// A paste into the command line: one line of it.
pub fn paste(state: &mut State, text: &str) -> bool {
    let Some(Popup::Command {
        input,
        error,
        completion,
    }) = state.popup.as_mut()
    else {
        return false;
    };
    *completion = None;
    input.insert_str(text.lines().next().unwrap_or(""));
    *error = None;
    true
}
