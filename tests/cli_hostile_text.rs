//! Strings from a hostile server never reach the terminal or `--json` output raw: C1 controls,
//! bidi overrides and isolates, zero-width characters and escape sequences are shown as
//! visible escapes in text and escaped as `\uXXXX` in JSON; tables align by display width.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use chanedit::sanitize::is_unsafe;
use serde_json::{Value, json};
use support::*;
use unicode_width::UnicodeWidthStr;

/// A name that reads "web_txt.exe" reversed on a terminal that honours the override, with a
/// C1 CSI, a zero-width space, an isolate and an escape sequence in it.
const EVIL_NAME: &str = "web\u{202e}exe.txt\u{9b}2J\u{200b}\u{2066}x\u{2069}\x1b[31m";
const EVIL_HOST: &str = "10.0.0.1\u{202d}\u{feff}";
const WIDE_GROUP: &str = "网关组";

fn hostile_channel(server: &TestServer) -> String {
    let id = server.add_channel("placeholder", 3);
    let mut s = server.inner();
    s.channels.get_mut(&id).unwrap()["name"] = json!(EVIL_NAME);
    let groups = s.channels.get_mut(&id).unwrap()["member_groups"]
        .as_array_mut()
        .unwrap();
    groups[0]["member_group_remark"] = json!("zero\u{200b}width\u{85}");
    groups[1]["member_group_name"] = json!(WIDE_GROUP);
    let members = s.members.get_mut(&id).unwrap();
    members[0]["host"] = json!(EVIL_HOST);
    for m in members
        .iter_mut()
        .filter(|m| m["member_group_name"] == "group1")
    {
        m["member_group_name"] = json!(WIDE_GROUP);
    }
    id
}

fn assert_no_unsafe(text: &str) {
    let raw: Vec<String> = text
        .chars()
        .filter(|c| *c != '\n' && is_unsafe(*c))
        .map(|c| c.escape_unicode().to_string())
        .collect();
    assert!(raw.is_empty(), "raw characters {raw:?} in:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_text_shows_visible_escapes_and_aligns_wide_names() {
    let server = TestServer::start().await;
    let id = hostile_channel(&server);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), SK, &["show", &id], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_unsafe(&run.stdout);
    assert!(
        run.stdout
            .contains(r"web\u{202e}exe.txt\u{9b}2J\u{200b}\u{2066}x\u{2069}\u{1b}[31m"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(r"10.0.0.1\u{202d}\u{feff}"));
    assert!(run.stdout.contains(r"zero\u{200b}width\u{85}"));
    // The member table: PORT starts at the same display column on every line.
    let table: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("HOST"))
        .take_while(|l| !l.is_empty() && !l.starts_with('*'))
        .collect();
    assert_eq!(table.len(), 4, "{}", run.stdout);
    let health_column: Vec<usize> = table
        .iter()
        .map(|l| l.width() - l.rsplit(' ').next().unwrap().width())
        .collect();
    assert!(
        health_column.windows(2).all(|w| w[0] == w[1]),
        "columns do not line up: {health_column:?}\n{}",
        table.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_json_escapes_every_unsafe_character_and_keeps_the_value() {
    let server = TestServer::start().await;
    let id = hostile_channel(&server);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), SK, &["show", &id, "--json"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_unsafe(&run.stdout);
    assert!(
        run.stdout
            .contains(r"web\u202eexe.txt\u009b2J\u200b\u2066x\u2069\u001b[31m"),
        "{}",
        run.stdout
    );
    // Escaping changes how the JSON is written, not what it says.
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["name"], EVIL_NAME);
    let hosts: Vec<&str> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["host"].as_str())
        .collect();
    assert!(hosts.contains(&EVIL_HOST), "{hosts:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_json_and_list_text_are_safe_and_aligned() {
    let server = TestServer::start().await;
    hostile_channel(&server);
    server.add_channel("网关通道", 1);
    server.add_channel("plain", 1);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), SK, &["list", "--json"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_unsafe(&run.stdout);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let names: Vec<&str> = v["vpc_channels"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(names.contains(&EVIL_NAME), "{names:?}");

    let run = chanedit(&server, home.path(), SK, &["list"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_unsafe(&run.stdout);
    // The ID column (second) starts at the same display column on every line.
    let id_column: Vec<usize> = run
        .stdout
        .lines()
        .map(|l| {
            let name_end = l.find("  ").unwrap();
            let rest = &l[name_end..];
            l[..name_end].width() + (rest.len() - rest.trim_start().len())
        })
        .collect();
    assert!(
        id_column.windows(2).all(|w| w[0] == w[1]),
        "columns do not line up: {id_column:?}\n{}",
        run.stdout
    );
}
