//! The editor state machine: Action -> State (+ effects). No terminal, no waiting on I/O.

pub mod action;
pub mod client;
pub mod command;
pub mod edit;
pub mod effects;
pub mod keymap;
pub mod navigate;
pub mod panes;
pub mod rebase;
pub mod review;
pub mod rules;
pub mod runner;
pub mod state;
pub mod undo;
pub mod update;

pub use action::Action;
pub use client::run_tui;
pub use effects::{Backend, BackendError, Effect, LoadPurpose, Loaded, Updated};
pub use state::{Pane, State};
pub use update::{init, update};
