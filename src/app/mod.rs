//! The editor's state machine: Action -> State + effects. No terminal, no waiting on I/O:
//! `update` changes the state and returns the effects it wants; `tui` runs them and sends the
//! results back as actions; `ui` draws the state.

pub mod action;
mod bindings;
pub mod changes;
pub mod command;
pub mod complete;
mod draft;
pub mod editor;
pub mod effects;
mod field_edit;
pub mod health;
mod intents;
pub mod keymap;
mod keynames;
mod modified;
pub mod mouse;
pub mod navigate;
pub mod panes;
mod popups;
mod remap;
pub mod review;
pub mod rows;
mod send;
pub mod sort;
pub mod state;
pub mod undo;
pub mod update;
pub mod yank;

pub use action::Action;
pub use effects::{BackendError, Effect, LoadPurpose, Loaded, Updated};
pub use popups::{Picker, picker_options};
pub use state::{Pane, State};
pub use update::{init, scopes, update};
