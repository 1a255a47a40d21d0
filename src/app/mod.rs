//! The editor's state machine: Action -> State + effects. No terminal, no waiting on I/O:
//! `update` changes the state and returns the effects it wants; `tui` runs them and sends the
//! results back as actions; `ui` draws the state.

pub mod action;
mod bindings;
pub mod command;
mod draft;
pub mod editor;
pub mod effects;
mod field_edit;
mod intents;
pub mod keymap;
mod modified;
pub mod navigate;
pub mod panes;
mod popups;
pub mod review;
pub mod rows;
mod send;
pub mod state;
pub mod undo;
pub mod update;

pub use action::Action;
pub use effects::{BackendError, Effect, LoadPurpose, Loaded, Updated};
pub use state::{Pane, State};
pub use update::{init, scopes, update};
