//! Child processes for tests: the isolated environment every child gets (`home`), a guard
//! that kills on drop, the first line a server prints (with a deadline), the loopback URL in
//! it, and the Python of `.venv` with the official SDK (`venv`).
#![allow(dead_code)]

mod home;
mod venv;

#[allow(unused_imports)]
pub use home::{chanedit, home_vars, is_inherited_setting, isolate, isolate_pty, temp_home};
#[allow(unused_imports)]
pub use venv::sdk_python;

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Kills the child when the test ends, however it ends, then removes its home.
pub struct Running {
    pub child: Child,
    _home: Option<tempfile::TempDir>,
}

impl Running {
    pub fn new(child: Child) -> Running {
        Running { child, _home: None }
    }

    /// A child whose temporary home lives as long as it does.
    pub fn with_home(child: Child, home: tempfile::TempDir) -> Running {
        Running {
            child,
            _home: Some(home),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first line of `stdout`, waiting at most a minute (a cold start on a loaded machine).
pub fn first_line(stdout: ChildStdout) -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the server printed no start line")
}

/// The `http://127.0.0.1:PORT` word of a start line.
pub fn loopback_url(line: &str) -> String {
    line.split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no loopback URL in the start line: {line}"))
        .to_string()
}

/// `chanedit emulator` on 127.0.0.1:0 with these extra arguments, in a temporary home;
/// returns it, its URL and its start line.
pub fn emulator(args: &[&str]) -> (Running, String, String) {
    let home = temp_home();
    let mut child = chanedit(home.path())
        .args(["emulator", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start chanedit emulator");
    let line = first_line(child.stdout.take().unwrap());
    let url = loopback_url(&line);
    (Running::with_home(child, home), url, line)
}
