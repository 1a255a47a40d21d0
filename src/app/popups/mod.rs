//! Popups: each takes only the keys of its own scope in the key table. Any other key is
//! ignored and never reaches the editor underneath.

mod command_line;
mod confirm;
mod find;
mod help;
mod history;
mod json_error;
mod picker;
mod problems;

use crossterm::event::KeyEvent;

use super::effects::Effect;
use super::keymap::Scope;
use super::state::{Popup, State};

pub use command_line::paste as paste_into_command_line;
pub use find::{drain_planned, drained, found as find_found, goto_after_open, start as find_start};
pub use history::{open as history_open, read as history_read};
pub use picker::{Picker, open as picker_open, shown as picker_options};

/// The key scope of a popup.
pub fn scope(popup: &Popup) -> Scope {
    match popup {
        Popup::Help { .. } => Scope::HelpPage,
        Popup::Problems { .. } => Scope::ProblemList,
        Popup::Confirm(super::state::Confirm::DraftHeld { .. }) => Scope::DraftHeld,
        Popup::Confirm(_) => Scope::Confirm,
        Popup::Review(rv) => super::review::scope(rv),
        Popup::Command { .. } => Scope::CommandEntry,
        Popup::JsonError { .. } => Scope::JsonError,
        Popup::Messages { .. } => Scope::MessageLog,
        Popup::History { .. } => Scope::HistoryList,
        Popup::Yank => Scope::Yanking,
        Popup::Picker(_) => Scope::Picker,
        Popup::Found(_) => Scope::FoundList,
        Popup::Drain(d) => find::drain_scope(d),
    }
}

pub fn key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    let Some(popup) = state.popup.as_ref() else {
        return Vec::new();
    };
    if let Popup::Review(_) = popup {
        return super::review::key(state, ev);
    }
    let scope = scope(popup);
    let cmd = state.keys.lookup(&[scope], state.read_only, &ev);
    match scope {
        Scope::HelpPage | Scope::MessageLog => help::key(state, cmd),
        Scope::ProblemList => problems::key(state, cmd),
        Scope::Confirm => confirm::key(state, cmd),
        Scope::DraftHeld => confirm::held(state, cmd),
        Scope::HistoryList => history::key(state, cmd),
        Scope::FoundList => find::key(state, cmd),
        Scope::DrainReview | Scope::DrainTyped | Scope::DrainDone => {
            find::drain_key(state, cmd, ev)
        }
        Scope::CommandEntry => command_line::key(state, cmd, ev),
        Scope::JsonError => json_error::key(state, cmd),
        Scope::Yanking => super::yank::key(state, cmd),
        Scope::Picker => picker::key(state, cmd, ev),
        _ => Vec::new(),
    }
}
