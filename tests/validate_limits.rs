//! `chanedit validate` on hostile files: nesting far past the limit is a clear error with a
//! position, not a stack overflow; a field name of megabytes is cut in the message, not
//! echoed, and gets no "did you mean".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

fn validate(contents: &str) -> Output {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("body.json");
    std::fs::write(&file, contents).unwrap();
    Command::new(env!("CARGO_BIN_EXE_chanedit"))
        .arg("validate")
        .arg(&file)
        .env("CHANEDIT_HOME", home.path())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const BODY_START: &str = r#"{"name": "web", "port": 80, "balance_strategy": 1, "member_type": "ip",
 "member_groups": [], "members": [{"host": "10.0.0.1", "#;

#[test]
fn deep_nesting_is_a_clear_error_with_its_position_and_the_limit_is_not_too_tight() {
    let depth = 100_000;
    let body = format!(
        "{BODY_START}\"x\": {}{}}}]}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let out = validate(&body);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(":2:") && err.contains("nested deeper than 100 levels"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // Just inside the limit the body validates as usual.
    let body = format!(
        "{BODY_START}\"x\": {}{}}}]}}",
        "[".repeat(95),
        "]".repeat(95)
    );
    let out = validate(&body);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains("warning members[0].x: unknown field"),
        "{stdout}"
    );
}

#[test]
fn a_ten_megabyte_field_name_is_cut_in_the_message() {
    let key = "weight"
        .repeat(10 << 20)
        .chars()
        .take(10 << 20)
        .collect::<String>();
    let body = format!("{BODY_START}\"{key}\": 1}}]}}");
    let out = validate(&body);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(stdout.lines().count(), 1, "one warning");
    assert!(
        stdout.len() < 1000,
        "the name is echoed: {} bytes",
        stdout.len()
    );
    assert!(
        stdout.starts_with("warning members[0].\"weightweight"),
        "{}",
        &stdout[..stdout.len().min(200)]
    );
    assert!(stdout.contains("…\": unknown field with a name of 10485760 bytes (cut here)"));
    assert!(!stdout.contains("did you mean"));
}
