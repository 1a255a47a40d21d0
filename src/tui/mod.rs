//! The terminal runner: terminal events, signals and ticks in; effects of the state machine run
//! as tokio tasks through a [`Backend`]; their results back as actions; a frame drawn after each
//! change. This is the only layer that touches the terminal, the network and the files for the
//! editor; `app` decides, `ui` draws, `tui` does.

mod backend;
pub mod clipboard;
mod draft_saves;
mod external_editor;
mod files;
pub mod first_frame;
mod runner;
pub mod status_write;

pub use backend::{ApiBackend, Backend, SendResult};
pub use runner::run;

/// What the editor looks and answers like: the key table in force and the colours.
#[derive(Debug, Clone)]
pub struct Look {
    pub keys: crate::app::keymap::KeyMap,
    pub theme: crate::ui::Theme,
    /// `[ui] mouse`: clicks and the wheel reach the editor.
    pub mouse: bool,
}

/// Open the editor on an existing client: `chanedit [CHANNEL_ID]`.
pub async fn run_with_client(
    client: crate::api::Client,
    gateway: crate::config::Gateway,
    channel_id: Option<String>,
    read_only: bool,
    watch: Option<u64>,
    look: Look,
) -> Result<(), String> {
    let backend = std::sync::Arc::new(ApiBackend::new(client, gateway));
    run(backend, channel_id, read_only, watch, look).await
}
