//! The log file: stdout belongs to the screen, so diagnostics go to `chanedit.log` in the
//! state directory (or under `CHANEDIT_HOME`). `CHANEDIT_LOG` sets the filter (default `info`).
//! Nothing secret is ever passed to the log macros.
//!
//! Logging never stops work: when the file cannot be opened (a read-only home, a folder in its
//! place, no home at all) one warning goes to stderr and the program runs without a log.

use std::fs::File;
use std::path::Path;

use tracing_subscriber::EnvFilter;

/// Start logging to the file. Returns false, after one warning on stderr, when the file cannot
/// be opened.
pub fn init() -> bool {
    let file = match open_log_file() {
        Ok(f) => f,
        Err(why) => {
            eprintln!(
                "warning: {}; going on without a log",
                crate::sanitize::line(&why)
            );
            return false;
        }
    };
    // Each line is written as it is logged, in one append: what this program logs is a few
    // lines per action. A writer thread would cost every start its spawn, and its default
    // queue (128,000 lines, set up front) 4 MB touched, most of a short command's time.
    let writer = std::sync::Mutex::new(file);
    let mut filter =
        EnvFilter::try_from_env("CHANEDIT_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // The HTTP stack's trace output can include request headers (Authorization, tokens):
    // cap it whatever the user asks for.
    for cap in ["h2=info", "hyper=info", "hyper_util=info", "reqwest=info"] {
        if let Ok(d) = cap.parse() {
            filter = filter.add_directive(d);
        }
    }
    // Fails only when a subscriber is already set (tests that call init twice): the first one
    // keeps logging.
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .is_ok()
}

/// The log file opened for appending (created private to the user), or why it cannot be.
fn open_log_file() -> Result<File, String> {
    let path = crate::config::paths()
        .map_err(|e| format!("no place for the log file: {e:#}"))?
        .log_file;
    crate::config::paths::ensure_parent(&path).map_err(|e| {
        format!(
            "cannot create the folder of the log file {}: {e}",
            shown(&path)
        )
    })?;
    let mut opts = std::fs::OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(&path)
        .map_err(|e| format!("cannot open the log file {}: {e}", shown(&path)))
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}
