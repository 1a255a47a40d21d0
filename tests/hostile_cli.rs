//! `apply`, `diff` and `show` through the real binary when answers are lost, bodies leave
//! arrays out or hold masked secrets, and the member list changes while it is read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;
mod support;

use std::collections::HashSet;
use std::time::Duration;

use axum::http::Method;
use serde_json::{Value, json};
use support::{
    Fault, Run, SK, TestServer, base_of, chanedit, chanedit_via, journal, write_json as write,
};

fn reweighted(base: &Value, weight: i64) -> Value {
    let mut v = base.clone();
    v["members"][0]["weight"] = json!(weight);
    v
}

/// The full PUT, whose answers the test server scripts; narrow writes meet lost answers in
/// tests/plan_emulator.rs.
async fn apply(server: &TestServer, home: &std::path::Path, id: &str, file: &str) -> Run {
    let args = ["apply", id, file, "--yes", "--write", "full"];
    chanedit(server, home, SK, &args, "").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_applied_whose_answer_is_lost_is_reported_applied() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 6);
    let home = tempfile::tempdir().unwrap();
    let body = reweighted(&base_of(&server, &id).await, 77);
    let file = write(home.path(), "body.json", &body);
    server.fault(
        Method::PUT,
        &id,
        1,
        Fault::AfterRoute(Box::new(Fault::Drop)),
    );

    let run = apply(&server, home.path(), &id, &file).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("the answer to the update was lost"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("the channel read back holds the update"),
        "{}",
        run.stdout
    );
    assert_eq!(base_of(&server, &id).await["members"][0]["weight"], 77);
    let lines = journal(home.path());
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["outcome"], "unknown");
    assert!(lines[0].get("confirmed").is_none());
    assert_eq!(lines[1]["confirmed"], "applied");
    assert_eq!(lines[1]["confirms"], lines[0]["id"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_dropped_before_it_arrived_is_reported_not_applied() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 6);
    let home = tempfile::tempdir().unwrap();
    let base = base_of(&server, &id).await;
    let file = write(home.path(), "body.json", &reweighted(&base, 77));
    server.fault(Method::PUT, &id, 1, Fault::Drop);

    let run = apply(&server, home.path(), &id, &file).await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error: not applied"), "{}", run.stderr);
    assert!(chanedit::diff::diff(&base_of(&server, &id).await, &base).is_empty());
    let lines = journal(home.path());
    assert_eq!(lines[0]["outcome"], "unknown");
    assert_eq!(lines[1]["confirmed"], "not_applied");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_or_html_success_answer_is_settled_by_a_reread() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 6);
    let home = tempfile::tempdir().unwrap();
    let answers = [
        Fault::json(200, ""),
        Fault::Answer {
            status: 200,
            content_type: "text/html",
            body: "<html><body>OK</body></html>".into(),
        },
    ];
    for (i, answer) in answers.into_iter().enumerate() {
        let body = reweighted(&base_of(&server, &id).await, 50 + i as i64);
        let file = write(home.path(), "body.json", &body);
        server.fault(Method::PUT, &id, 1, Fault::AfterRoute(Box::new(answer)));
        let run = apply(&server, home.path(), &id, &file).await;
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("holds the update"), "{}", run.stdout);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_after_the_update_is_settled_by_a_reread() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 6);
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "body.json",
        &reweighted(&base_of(&server, &id).await, 33),
    );
    server.fault(
        Method::PUT,
        &id,
        1,
        Fault::AfterRoute(Box::new(Fault::Delay(Duration::from_secs(30)))),
    );
    let run = chanedit(
        &server,
        home.path(),
        SK,
        &[
            "--timeout",
            "1",
            "apply",
            &id,
            &file,
            "--yes",
            "--write",
            "full",
        ],
        "",
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("no answer within"), "{}", run.stderr);
    assert!(run.stdout.contains("holds the update"), "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unconfirmed_send_exits_3_and_the_next_apply_settles_it_as_the_users_own() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 6);
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "body.json",
        &reweighted(&base_of(&server, &id).await, 91),
    );
    server.fault(
        Method::PUT,
        &id,
        1,
        Fault::AfterRoute(Box::new(Fault::Drop)),
    );
    // The load before the send goes through; every try of the re-read after it fails.
    server.fault_after(
        Method::GET,
        "/members",
        1,
        3,
        Fault::json(
            500,
            r#"{"error_code":"APIG.9999","error_msg":"System error"}"#,
        ),
    );

    let run = apply(&server, home.path(), &id, &file).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("its outcome is unknown"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("chanedit show"), "{}", run.stderr);
    let lines = journal(home.path());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["outcome"], "unknown");

    // Sending the same file again: the server holds what was sent, which is the user's own
    // change, not a conflict; nothing is sent twice.
    let run = apply(&server, home.path(), &id, &file).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("now settled: it was applied"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("someone else"), "{}", run.stderr);
    assert!(run.stdout.contains("no changes"), "{}", run.stdout);
    assert_eq!(server.requests(&Method::PUT, &id).len(), 1);
    let lines = journal(home.path());
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["confirmed"], "applied");
    assert_eq!(lines[1]["confirms"], lines[0]["id"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_leaves_an_array_out_is_refused_unless_keep_missing() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 6);
    let home = tempfile::tempdir().unwrap();
    let mut body = reweighted(&base_of(&server, &id).await, 5);
    body.as_object_mut().unwrap().remove("members");
    let file = write(home.path(), "no-members.json", &body);

    for cmd in ["apply", "diff"] {
        let mut args = vec![cmd, id.as_str(), file.as_str()];
        if cmd == "apply" {
            args.push("--yes");
        }
        let run = chanedit(&server, home.path(), SK, &args, "").await;
        assert_eq!(run.code, 1, "{cmd}: {}", run.stderr);
        assert!(
            run.stderr.contains("leaves out `members`"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--keep-missing"), "{}", run.stderr);
    }
    assert!(server.requests(&Method::PUT, &id).is_empty());

    body["name"] = json!("web2");
    let file = write(home.path(), "no-members.json", &body);
    let run = chanedit(
        &server,
        home.path(),
        SK,
        &["apply", &id, &file, "--yes", "--keep-missing"],
        "",
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("keeping the live one (6 entries)"),
        "{}",
        run.stderr
    );
    assert_eq!(server.member_count(&id), 6);
    assert_eq!(base_of(&server, &id).await["name"], "web2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_json_then_apply_never_deletes_a_member_the_server_held() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 150);
    let home = tempfile::tempdir().unwrap();
    {
        let mut s = server.inner();
        s.page_cap = 60;
        s.churn = 1;
    }
    let run = chanedit(&server, home.path(), SK, &["show", &id, "--json"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut shown: Value = serde_json::from_str(&run.stdout).unwrap();
    let hosts = |members: &Value| -> HashSet<String> {
        members
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["host"].as_str().unwrap().to_string())
            .collect()
    };
    let held = hosts(&Value::Array(server.inner().members[&id].clone()));
    assert_eq!(hosts(&shown["members"]), held);

    shown["members"][0]["weight"] = json!(9);
    let file = write(home.path(), "shown.json", &shown);
    let run = apply(&server, home.path(), &id, &file).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 changed, 0 added, 0 removed"),
        "{}",
        run.stdout
    );
    assert_eq!(
        hosts(&Value::Array(server.inner().members[&id].clone())),
        held
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_masked_password_from_show_json_is_never_sent() {
    use emulator_support::{CATALOG_NACOS, demo_config, start};
    let emu = start(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let endpoint = emu.handle.url();
    let password = |emu_detail: &Value| {
        emu_detail["microservice_info"]["nacos_info"]["user_info"]["password"].clone()
    };
    let live = emu
        .get(&format!("/vpc-channels/{CATALOG_NACOS}"))
        .await
        .json;
    assert_eq!(password(&live), "demo-not-a-secret");

    let run = chanedit_via(
        &endpoint,
        &[],
        home.path(),
        SK,
        &["show", CATALOG_NACOS, "--json"],
        "",
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("demo-not-a-secret"));
    let mut shown: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(password(&shown), "***");

    shown["members"][0]["weight"] = json!(4);
    let file = write(home.path(), "nacos.json", &shown);
    let run = chanedit_via(
        &endpoint,
        &[],
        home.path(),
        SK,
        &["diff", CATALOG_NACOS, &file],
        "",
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("keeping the live secret"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("password"), "{}", run.stdout);

    let args = ["apply", CATALOG_NACOS, file.as_str(), "--yes"];
    let run = chanedit_via(&endpoint, &[], home.path(), SK, &args, "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("microservice_info.nacos_info.user_info.password holds the mask ***"),
        "{}",
        run.stderr
    );
    let now = emu
        .get(&format!("/vpc-channels/{CATALOG_NACOS}"))
        .await
        .json;
    assert_eq!(password(&now), "demo-not-a-secret");

    // An edited secret is sent as given.
    shown["microservice_info"]["nacos_info"]["user_info"]["password"] = json!("changed-pass-1");
    write(home.path(), "nacos.json", &shown);
    let run = chanedit_via(&endpoint, &[], home.path(), SK, &args, "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("keeping the live secret"),
        "{}",
        run.stderr
    );
    let now = emu
        .get(&format!("/vpc-channels/{CATALOG_NACOS}"))
        .await
        .json;
    assert_eq!(password(&now), "changed-pass-1");
    let journal = std::fs::read_to_string(home.path().join("journal.jsonl")).unwrap();
    assert!(!journal.contains("changed-pass-1") && !journal.contains("demo-not-a-secret"));
    emu.stop().await;
}

#[test]
fn help_documents_exit_code_3_and_the_limits() {
    let home = support::process::temp_home();
    let out = support::process::chanedit(home.path())
        .arg("--help")
        .output()
        .unwrap();
    // Wrapped to the width clap picks: compare word by word.
    let help = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        help.contains("3 sent but the outcome could not be confirmed"),
        "{help}"
    );
    assert!(help.contains("--max-answer-mib"), "{help}");
    assert!(help.contains("--max-members"), "{help}");
}
