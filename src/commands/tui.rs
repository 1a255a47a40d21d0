//! No subcommand: the editor (with `--demo`, against the in-process emulator).

use crate::cli::GlobalArgs;

pub async fn run(global: &GlobalArgs, channel_id: Option<String>) -> i32 {
    // Before connecting: a broken [keys] or [theme] is said at once, and nothing starts.
    let look = match super::look::load(crate::config::env::color_allowed()) {
        Ok(l) => l,
        Err(errors) => {
            super::look::report(&errors);
            return super::EXIT_USAGE;
        }
    };
    // The session keeps the demo emulator alive while the editor runs.
    let session = match super::common::connect(global).await {
        Ok(s) => s,
        Err(code) => return code,
    };
    let ui = match crate::config::ui_settings() {
        Ok(ui) => ui,
        Err(e) => {
            eprintln!("error: {}", crate::sanitize::line(&e.to_string()));
            return super::EXIT_FAIL;
        }
    };
    match crate::tui::run_with_client(
        session.client.clone(),
        session.gateway.clone(),
        channel_id,
        global.read_only,
        global.watch,
        crate::tui::Look {
            mouse: ui.mouse,
            ..look
        },
    )
    .await
    {
        Ok(()) => super::EXIT_OK,
        Err(e) => {
            eprintln!("error: {}", crate::sanitize::line(&e));
            super::EXIT_FAIL
        }
    }
}
