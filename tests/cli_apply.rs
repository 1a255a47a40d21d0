//! `diff` and `apply` through the real binary against the loopback server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::http::Method;
use serde_json::{Value, json};
use support::write_json as write;
use support::*;

/// `chanedit apply ID FILE --yes EXTRA...` with the right secret and nothing on stdin.
async fn apply_yes(
    server: &TestServer,
    home: &std::path::Path,
    id: &str,
    file: &str,
    extra: &[&str],
) -> Run {
    let mut args = vec!["apply", id, file, "--yes"];
    args.extend_from_slice(extra);
    chanedit(server, home, SK, &args, "").await
}

/// Base with member 0's weight changed, member 1 removed and one member added.
fn edited(base: &Value) -> Value {
    let mut draft = base.clone();
    let members = draft["members"].as_array_mut().unwrap();
    members[0]["weight"] = json!(77);
    members.remove(1);
    members.push(json!({"host": "192.168.9.9", "weight": 3, "member_group_name": "group0"}));
    draft
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_yes_changes_the_channel_and_journals_it() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 6);
    let home = tempfile::tempdir().unwrap();
    let base = base_of(&server, &id).await;
    let file = write(home.path(), "body.json", &edited(&base));

    let run = apply_yes(&server, home.path(), &id, &file, &[]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("applied to web"), "{}", run.stdout);
    assert!(run.stdout.contains("now 6 members"), "{}", run.stdout);
    assert_eq!(server.requests(&Method::PUT, &id).len(), 1);

    let now = base_of(&server, &id).await;
    let hosts: Vec<&str> = now["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["host"].as_str().unwrap())
        .collect();
    assert!(hosts.contains(&"192.168.9.9"));
    assert!(!hosts.contains(&"10.0.0.1"));
    assert_eq!(now["members"][0]["weight"], 77);

    let journal = std::fs::read_to_string(home.path().join("journal.jsonl")).unwrap();
    let lines: Vec<Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["channel"], id.as_str());
    assert_eq!(lines[0]["result"], "ok");
    assert!(
        lines[0]["request_id"]
            .as_str()
            .unwrap()
            .starts_with("req-200")
    );
    assert_eq!(lines[0]["sent"], edited(&base));
    assert_eq!(lines[0]["base"], base);
    assert!(!journal.contains(SK));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_refuses_to_ask_without_a_terminal() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 4);
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "body.json",
        &edited(&base_of(&server, &id).await),
    );
    let run = chanedit(&server, home.path(), SK, &["apply", &id, &file], "y\n").await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    assert!(server.requests(&Method::PUT, &id).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emptying_or_halving_the_members_needs_allow_mass_delete() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 10);
    let home = tempfile::tempdir().unwrap();
    let base = base_of(&server, &id).await;

    let mut empty = base.clone();
    empty["members"] = json!([]);
    let file = write(home.path(), "empty.json", &empty);
    let run = apply_yes(&server, home.path(), &id, &file, &[]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("removes all 10 members"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--allow-mass-delete"), "{}", run.stderr);

    let mut most = base.clone();
    most["members"].as_array_mut().unwrap().truncate(4);
    let file6 = write(home.path(), "most.json", &most);
    let run = apply_yes(&server, home.path(), &id, &file6, &[]).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("removes 6 of 10"), "{}", run.stderr);
    assert!(server.requests(&Method::PUT, &id).is_empty());

    let run = apply_yes(&server, home.path(), &id, &file, &["--allow-mass-delete"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.member_count(&id), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_body_is_never_sent() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 3);
    let home = tempfile::tempdir().unwrap();
    let mut bad = base_of(&server, &id).await;
    bad["members"][0]["weight"] = json!(20000);
    let file = write(home.path(), "bad.json", &bad);
    let run = apply_yes(&server, home.path(), &id, &file, &[]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error members[0].weight"),
        "{}",
        run.stderr
    );
    assert!(server.requests(&Method::PUT, &id).is_empty());

    let file = home.path().join("broken.json");
    std::fs::write(&file, "{\n  \"name\": \n").unwrap();
    let run = apply_yes(&server, home.path(), &id, file.to_str().unwrap(), &[]).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("broken.json:"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_rejection_is_shown_and_journaled() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 3);
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "body.json",
        &edited(&base_of(&server, &id).await),
    );
    let answer = r#"{"error_code":"APIG.2004","error_msg":"The parameter value is outside the allowable range,parameterName:weight. Please refer to the support documentation"}"#;
    server.fault(Method::PUT, &id, 1, Fault::json(400, answer));
    let run = apply_yes(&server, home.path(), &id, &file, &[]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: APIG.2004 (400): The parameter value is outside"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("field weight"), "{}", run.stderr);
    let journal = std::fs::read_to_string(home.path().join("journal.jsonl")).unwrap();
    assert!(journal.contains("APIG.2004"));
    assert_eq!(server.requests(&Method::PUT, &id).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diff_shows_what_apply_would_change() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 5);
    let home = tempfile::tempdir().unwrap();
    let base = base_of(&server, &id).await;
    let same = write(home.path(), "same.json", &base);
    let run = chanedit(&server, home.path(), SK, &["diff", &id, &same], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "no changes");

    let file = write(home.path(), "body.json", &edited(&base));
    let run = chanedit(&server, home.path(), SK, &["diff", &id, &file], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("192.168.9.9"), "{}", run.stdout);
    // The summary ends the diff; the request that would go out follows it.
    assert!(
        run.stdout.contains(
            "1 changed, 1 added, 1 removed\nrequest: PUT .../vpc-channels/{id} (the whole \
             channel: 5 members, 2 groups)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\x1b'));
    assert!(server.requests(&Method::PUT, &id).is_empty());
}

/// Base with `group0` renamed to `blue`, its members moving with it, and member 1's weight
/// changed (its group weight overrides it).
fn renamed(base: &Value) -> Value {
    let mut draft = base.clone();
    for g in draft["member_groups"].as_array_mut().unwrap() {
        if g["member_group_name"] == "group0" {
            g["member_group_name"] = json!("blue");
        }
    }
    for m in draft["members"].as_array_mut().unwrap() {
        if m["member_group_name"] == "group0" {
            m["member_group_name"] = json!("blue");
        }
    }
    draft["members"][1]["weight"] = json!(9);
    draft
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diff_and_apply_explain_a_group_rename_and_do_not_call_it_a_mass_delete() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 5);
    let home = tempfile::tempdir().unwrap();
    let base = base_of(&server, &id).await;
    let file = write(home.path(), "body.json", &renamed(&base));

    let run = chanedit(&server, home.path(), SK, &["diff", &id, &file], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "member groups\n~ group renamed group0 -> blue (3 members moved)\nmembers (5)\n\
             ~ member 10.0.0.1:8080 (group group1): weight 2 -> 9 (no effect: the group weight \
             1 applies)\n2 changed, 0 added, 0 removed\n"
        ),
        "{}",
        run.stdout
    );

    // Three of five members change identity, yet none is removed: no mass-delete guard.
    let run = apply_yes(&server, home.path(), &id, &file, &[]).await;
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("renamed group0 -> blue"),
        "{}",
        run.stdout
    );
    let now = base_of(&server, &id).await;
    let blue = now["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["member_group_name"] == "blue")
        .count();
    assert_eq!(blue, 3);
}
