//! The log file: stdout belongs to the screen, so diagnostics go to `chanedit.log` in the
//! state directory (or under `CHANEDIT_HOME`). `CHANEDIT_LOG` sets the filter (default `info`).
//! Nothing secret is ever passed to the log macros.

use tracing_subscriber::EnvFilter;

/// Start logging to the file; keep the guard alive until exit so buffered lines are flushed.
/// Returns None (and logs nothing) when the file cannot be opened: logging never stops work.
pub fn init() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let file = crate::config::paths().ok()?.log_file;
    let dir = file.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let appender = tracing_appender::rolling::never(dir, file.file_name()?);
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let mut filter =
        EnvFilter::try_from_env("CHANEDIT_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // The HTTP stack's trace output can include request headers (Authorization, tokens):
    // cap it whatever the user asks for.
    for cap in ["h2=info", "hyper=info", "hyper_util=info", "reqwest=info"] {
        if let Ok(d) = cap.parse() {
            filter = filter.add_directive(d);
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}
