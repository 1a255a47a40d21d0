//! How soon the editor shows something: the first frame's time since start goes to the log,
//! and with `CHANEDIT_TRACE_FIRST_FRAME=FILE` also as one line appended to FILE (the log of
//! `--demo` lives in a home removed at exit; README "Performance" measures with it).

use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The variable naming the file.
pub const TRACE_VAR: &str = "CHANEDIT_TRACE_FIRST_FRAME";

static START: OnceLock<Instant> = OnceLock::new();
static DRAWN: AtomicBool = AtomicBool::new(false);

/// Call first thing in `main`: what "since start" counts from (exec and loading come before,
/// about a millisecond).
pub fn mark_start() {
    let _ = START.set(Instant::now());
}

/// After a frame is on the screen; only the first one counts.
pub fn drawn() {
    if DRAWN.swap(true, Ordering::SeqCst) {
        return;
    }
    let Some(start) = START.get() else { return };
    let us = start.elapsed().as_micros();
    tracing::info!(ms = us as f64 / 1000.0, "first frame");
    let Some(path) = std::env::var_os(TRACE_VAR) else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| writeln!(f, "first_frame_ms {:.1}", us as f64 / 1000.0));
    if let Err(e) = written {
        tracing::warn!("cannot write the first-frame time: {e}");
    }
}
