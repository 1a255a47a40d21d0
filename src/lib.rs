//! chanedit: a terminal editor for Huawei Cloud APIG VPC channels.
//!
//! Layers (imports flow one way; ARCHITECTURE.md says why): `model` <- `path`, `validate`,
//! `diff` <- `api`, `config` <- `app` <- `ui` <- `tui` <- `commands` <- `main`. `emulator`
//! uses `model`, `path`, `validate`, `diff` and `sign` only: it is a server that shares the
//! rules, not a client.

pub mod api;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod emulator;
pub mod logging;
pub mod model;
pub mod path;
pub mod sanitize;
pub mod sign;
pub mod tui;
pub mod ui;
pub mod validate;

/// Install the rustls crypto provider (ring). Must run before any reqwest client is built;
/// calling it twice is harmless.
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
