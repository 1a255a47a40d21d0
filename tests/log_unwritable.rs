//! A log file that cannot be written (a folder in its place, a home that is a file or
//! read-only) costs one warning on stderr, never the command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;

use std::process::Command;

const TOKEN: &str = "log-test-token-do-not-print";
const CHANNEL: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11"; // web_backend in the demo data

/// `chanedit ARGS` with every file under `home` (HOME and XDG too); returns (code, stdout,
/// stderr).
fn run_in(home: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chanedit"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("CHANEDIT_HOME", home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env("XDG_STATE_HOME", home)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A body with one error, so that validate has work to show.
fn body_file(dir: &std::path::Path) -> String {
    let f = dir.join("body.json");
    std::fs::write(&f, r#"{"name": "web", "port": 0}"#).unwrap();
    f.display().to_string()
}

fn assert_works_without_a_log(code: i32, out: &str, err: &str) {
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code, 1, "validate exits 1 for a body with errors: {err}");
    assert!(out.contains("error port:"), "the work is done: {out}");
    assert_eq!(
        err.matches("going on without a log").count(),
        1,
        "one warning: {err}"
    );
}

#[test]
fn a_log_file_that_is_a_folder_costs_one_warning_not_the_command() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("chanedit.log")).unwrap();
    let work = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(home.path(), &["validate", &body_file(work.path())]);
    assert_works_without_a_log(code, &out, &err);
}

#[test]
fn a_home_that_is_a_file_costs_one_warning_not_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::write(&home, "not a folder").unwrap();
    let (code, out, err) = run_in(&home, &["validate", &body_file(dir.path())]);
    assert_works_without_a_log(code, &out, &err);
}

#[cfg(unix)]
#[test]
fn a_read_only_home_costs_one_warning_not_the_command() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o500)).unwrap();
    // The superuser writes anyway; then there is nothing to warn about.
    let writable = std::fs::write(home.join("probe"), "").is_ok();
    let (code, out, err) = run_in(&home, &["validate", &body_file(dir.path())]);
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    if writable {
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(code, 1, "{err}");
    } else {
        assert_works_without_a_log(code, &out, &err);
    }
}

#[test]
fn show_works_when_the_log_cannot_be_written() {
    let (_emu, url, _) = process::emulator(&["--token", TOKEN]);
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("chanedit.log")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chanedit"))
        .args(["--endpoint", &url])
        .args(["--project-id", "0e0e1c8f5a0000b92f2ac0013ec0f8c3"])
        .args(["--instance-id", "eddc4d25480b4cd6b512f270a1b8b341"])
        .args(["show", CHANNEL])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("CHANEDIT_HOME", home.path())
        .env("HOME", home.path())
        .env("HW_AUTH_TOKEN", TOKEN)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("web_backend"));
    assert_eq!(err.matches("going on without a log").count(), 1, "{err}");
}
