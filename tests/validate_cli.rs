//! `chanedit validate FILE` as a user runs it: the built binary on temporary files and stdin.

mod process;

use std::io::Write;
use std::process::{Output, Stdio};

fn validate_file(contents: &str) -> Output {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(contents.as_bytes()).unwrap();
    let home = process::temp_home();
    process::chanedit(home.path())
        .args(["validate"])
        .arg(file.path())
        .output()
        .unwrap()
}

fn validate_stdin(contents: &str) -> Output {
    let home = process::temp_home();
    let mut child = process::chanedit(home.path())
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(contents.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn the_api_examples_pass_with_exit_0_and_no_output() {
    for name in ["request-server.json", "request-microservice.json"] {
        let out = validate_file(&fixture(name));
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "", "{name}");
        assert_eq!(text(&out.stderr).trim(), "ok");
    }
}

#[test]
fn a_bad_body_exits_1_and_names_the_path() {
    let body = fixture("request-server.json").replace("\"timeout\": 5", "\"timeout\": 20");
    let out = validate_file(&body);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "error vpc_health_config.timeout: must be less than time_interval (10); got 20\n"
    );
    assert!(text(&out.stderr).contains("1 error, 0 warnings"));
}

#[test]
fn errors_are_printed_before_warnings() {
    let body = r#"{"name": "web_backend", "port": 80, "balance_strategy": 1,
        "member_type": "ip", "member_groups": [], "prot": 1,
        "members": [{"host": "10.0.0.1", "weight": 20000}]}"#;
    let out = validate_file(body);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "error members[0].weight: must be 0..10000; got 20000\n\
         warning prot: unknown field; did you mean `port`?\n"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let body = r#"{"name": "web_backend", "port": 80, "balance_strategy": 1,
        "member_type": "ip", "members": []}"#;
    let out = validate_file(body);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("warning member_groups: "), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn a_whole_body_problem_is_shown_as_body() {
    let out = validate_file("[1, 2]");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "error (body): expected object, got array\n"
    );
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"{\n  \"name\": \"web\",\n  \"port\": 80,,\n}\n")
        .unwrap();
    let home = process::temp_home();
    let out = process::chanedit(home.path())
        .arg("validate")
        .arg(file.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let expected = format!("error: {}:3:14: ", file.path().display());
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = validate_stdin(&fixture("request-server.json"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let out = validate_stdin(r#"{"name": "x"}"#);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("error name: must be 3..64 characters; got 1"),
        "{stdout}"
    );
    assert!(stdout.contains("error port: required"), "{stdout}");

    let out = validate_stdin("{\"name\": ");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: <stdin>:1:9: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_unreadable_file_exits_1_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-body.json");
    let home = process::temp_home();
    let out = process::chanedit(home.path())
        .arg("validate")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot read {}: ", missing.display())),
        "{stderr}"
    );
}

#[test]
fn control_characters_from_the_file_never_reach_the_terminal() {
    let body = "{\"name\": \"web_backend\", \"port\": 80, \"balance_strategy\": 1, \
        \"member_type\": \"ip\", \"member_groups\": [], \"members\": [], \
        \"x\\u001b[2Jy\": 1, \"member_type\": \"\\u001b]0;pwned\\u0007\"}";
    let out = validate_file(body);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        !stdout.contains('\x1b') && !stdout.contains('\x07'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("error member_type: must be one of ip, ecs"),
        "{stdout}"
    );
}
