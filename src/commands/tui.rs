//! No subcommand: the editor. `--demo` starts the emulator in-process first.

use crate::api::{Auth, ClientConfig};
use crate::cli::GlobalArgs;

pub async fn run(global: &GlobalArgs, channel_id: Option<String>) -> i32 {
    if global.demo {
        let demo = match crate::emulator::start_demo().await {
            Ok(d) => d,
            Err(e) => {
                eprintln!("error: cannot start the demo emulator: {e}");
                return super::EXIT_FAIL;
            }
        };
        let cfg = ClientConfig::new(
            demo.endpoint.clone(),
            demo.project_id.clone(),
            demo.instance_id.clone(),
            Auth::Token(demo.token.clone()),
        );
        let code = crate::app::run_tui(cfg, channel_id, global.read_only).await;
        demo.handle.shutdown().await;
        return code;
    }
    match crate::config::resolve(global) {
        Ok(cfg) => crate::app::run_tui(cfg, channel_id, global.read_only).await,
        Err(e) => {
            eprintln!("error: {e:#}");
            super::EXIT_USAGE
        }
    }
}
