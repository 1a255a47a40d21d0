//! `chanedit emulator ...`: the command-line glue around the emulator server, so that the
//! emulator itself knows nothing of the client's command line.

use crate::cli::{EmulatorArgs, GlobalArgs};
use crate::emulator::{
    AuthConfig, EmulatorConfig, FaultRates, access_log_to_stderr, initial_state, serve,
};

use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};

/// The emulator's project and gateway ids come from the global `--project-id`/`--instance-id`.
pub fn with_globals(mut args: EmulatorArgs, global: &GlobalArgs) -> EmulatorArgs {
    if let Some(p) = &global.project_id {
        args.emu_project_id = p.clone();
    }
    args.emu_instance_ids = global.instance_id.clone();
    args
}

/// From the command line: the state file (if it exists), else `--data`, else the demo data;
/// the first `--instance-id` names the first gateway, each further one adds an empty gateway.
pub fn config_from_args(args: &EmulatorArgs) -> anyhow::Result<EmulatorConfig> {
    let ids = &args.emu_instance_ids;
    let mut project = initial_state(
        args.data.as_deref(),
        args.state.as_deref(),
        ids.first().map(String::as_str),
    )?;
    for id in ids.iter().skip(1) {
        project.add_empty_gateway(id);
    }
    let mut cfg = EmulatorConfig::with_project(&args.emu_project_id, project);
    cfg.access_log = Some(access_log_to_stderr());
    cfg.auth = AuthConfig {
        token: args.token.clone(),
        ak: args.ak.clone(),
        sk: args.sk.clone(),
    };
    cfg.faults = FaultRates {
        latency_ms: args.latency_ms,
        error_rate: args.error_rate,
        drop_rate: args.drop_rate,
        garbage_rate: args.garbage_rate,
        throttle_rate: args.throttle_rate,
        drop_after_apply_rate: args.drop_after_apply_rate,
    };
    cfg.seed = args.seed;
    cfg.state_file = args.state.clone();
    Ok(cfg)
}

/// Serve until Ctrl-C or SIGTERM. Exit code 0, or 1 when it cannot start, 2 for flags that
/// do not fit together.
pub async fn run(args: EmulatorArgs) -> i32 {
    if args.ak.is_some() != args.sk.is_some() {
        eprintln!("error: --ak and --sk go together");
        return EXIT_USAGE;
    }
    for (flag, rate) in [
        ("--error-rate", args.error_rate),
        ("--drop-rate", args.drop_rate),
        ("--garbage-rate", args.garbage_rate),
        ("--throttle-rate", args.throttle_rate),
        ("--drop-after-apply-rate", args.drop_after_apply_rate),
    ] {
        if !(0.0..=1.0).contains(&rate) {
            eprintln!("error: {flag} must be between 0 and 1");
            return EXIT_USAGE;
        }
    }
    let cfg = match config_from_args(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}", crate::sanitize::line(&format!("{e:#}")));
            return EXIT_FAIL;
        }
    };
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.listen);
            return EXIT_FAIL;
        }
    };
    let project = cfg.project_id.clone();
    let instance = cfg.project.ids().join(",");
    let auth = cfg.auth.describe();
    let handle = serve(cfg, listener).await;
    {
        use std::io::Write;
        let mut out = std::io::stdout();
        if let Err(e) = writeln!(
            out,
            "chanedit emulator listening on {} project_id={} instance_id={} auth={}",
            handle.url(),
            crate::sanitize::line(&project),
            crate::sanitize::line(&instance),
            auth
        )
        .and_then(|()| out.flush())
        {
            tracing::warn!("cannot print the listening line: {e}");
        }
    }
    wait_for_stop().await;
    handle.shutdown().await;
    EXIT_OK
}

async fn wait_for_stop() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            if let Err(e) = tokio::signal::ctrl_c().await {
                tracing::warn!("cannot wait for Ctrl-C: {e}");
            }
        }
    }
}
