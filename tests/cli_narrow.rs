//! `apply` and `diff` through the real binary against the emulator, whose access log shows
//! what went out: the review names the one request, disabling a member sends one batch
//! disable and no channel PUT, a health-check change one health-check PUT, `--write full` the
//! channel PUT; a member another client adds while the user reads the review survives, and
//! a change meanwhile to what the request writes stops the send.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;
#[path = "common/pty.rs"]
#[allow(dead_code)]
mod pty;
mod support;

use pty::Tui;
// What `pty` runs the binary with.
use emulator_support::{Emu, INSTANCE, Lines, WEB, client, demo_config, start_logged};
use serde_json::{Value, json};
use support::process;
use support::{AK, PROJECT, Run, SK, chanedit_via, journal};

fn writes(log: &Lines) -> Vec<String> {
    log.all()
        .into_iter()
        .filter(|l| !l.starts_with("GET "))
        .collect()
}

fn channel_path() -> String {
    format!("/v2/{PROJECT}/apigw/instances/{INSTANCE}/vpc-channels/{WEB}")
}

async fn base(emu: &Emu) -> Value {
    client(emu, INSTANCE)
        .load_channel(WEB)
        .await
        .unwrap()
        .base()
}

fn index_of(body: &Value, host: &str) -> usize {
    body["members"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["host"] == host)
        .unwrap()
}

fn disabled(mut body: Value, host: &str) -> Value {
    let i = index_of(&body, host);
    body["members"][i]["status"] = json!(2);
    body
}

fn write(home: &std::path::Path, v: &Value) -> String {
    let p = home.join("body.json");
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p.display().to_string()
}

async fn run(emu: &Emu, home: &std::path::Path, args: &[&str]) -> Run {
    chanedit_via(&emu.handle.url(), &[], home, SK, args, "").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabling_one_member_sends_one_batch_disable_and_no_channel_put() {
    let (emu, log) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let file = write(home.path(), &disabled(base(&emu).await, "192.168.0.12"));
    let before = writes(&log).len();

    let out = run(&emu, home.path(), &["apply", WEB, &file, "--yes"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let request = "request: POST .../members/batch-disable (1 member)\n";
    let at = out.stdout.find(request).expect(&out.stdout);
    assert!(at < out.stdout.find("applied to web_backend").unwrap());
    let sent = writes(&log)[before..].to_vec();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0].starts_with(&format!(
            "POST {}/members/batch-disable 204",
            channel_path()
        )),
        "{sent:?}"
    );
    assert!(log.matching("PUT", WEB).is_empty());
    let now = base(&emu).await;
    assert_eq!(now["members"][index_of(&now, "192.168.0.12")]["status"], 2);
    assert_eq!(
        journal(home.path())[0]["request"],
        "POST .../members/batch-disable (1 member)"
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_health_check_change_sends_one_health_check_put() {
    let (emu, log) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let mut draft = base(&emu).await;
    draft["vpc_health_config"]["timeout"] = json!(3);
    let file = write(home.path(), &draft);

    let out = run(&emu, home.path(), &["apply", WEB, &file, "--yes"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("request: PUT .../health-config (the health check only)\n"),
        "{}",
        out.stdout
    );
    let sent = writes(&log);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0].starts_with(&format!("PUT {}/health-config 200", channel_path())),
        "{sent:?}"
    );
    assert_eq!(base(&emu).await["vpc_health_config"]["timeout"], 3);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn write_full_sends_the_channel_put() {
    let (emu, log) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let file = write(home.path(), &disabled(base(&emu).await, "192.168.0.12"));

    let out = run(
        &emu,
        home.path(),
        &["apply", WEB, &file, "--yes", "--write", "full"],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "request: PUT .../vpc-channels/{id} (the whole channel: 10 members, 2 groups; \
             full write chosen)\n"
        ),
        "{}",
        out.stdout
    );
    let sent = writes(&log);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0].starts_with(&format!("PUT {} 200", channel_path())),
        "{sent:?}"
    );
    let now = base(&emu).await;
    assert_eq!(now["members"][index_of(&now, "192.168.0.12")]["status"], 2);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diff_names_the_request_and_the_apis_routed_through_the_channel() {
    let (emu, log) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let file = write(home.path(), &disabled(base(&emu).await, "192.168.0.12"));

    let out = run(&emu, home.path(), &["diff", WEB, &file]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "request: POST .../members/batch-disable (1 member)")
        .expect(&out.stdout);
    assert_eq!(lines[at - 1], "1 changed, 0 added, 0 removed");
    assert_eq!(lines[at + 1], "APIs routed through this channel: 3");
    let apis = lines[at + 2..].join("\n");
    for word in [
        "NAME",
        "list_orders",
        "create_order",
        "web_health",
        "/v1/orders",
    ] {
        assert!(apis.contains(word), "{apis}");
    }
    let list_orders = lines.iter().find(|l| l.contains("list_orders")).unwrap();
    assert!(list_orders.contains("GET") && list_orders.contains("RELEASE|TEST"));

    let out = run(&emu, home.path(), &["diff", WEB, &file, "--write", "full"]).await;
    assert!(
        out.stdout
            .contains("request: PUT .../vpc-channels/{id} (the whole channel"),
        "{}",
        out.stdout
    );
    assert!(writes(&log).is_empty(), "{:?}", writes(&log));
    emu.stop().await;
}

/// `apply` on a terminal, without `--yes`: the prompt appears, `meanwhile` runs, then `y`.
/// The exit code and everything the terminal showed.
async fn apply_confirmed_after<F: std::future::Future<Output = ()>>(
    emu: &Emu,
    home: &std::path::Path,
    file: &str,
    meanwhile: F,
) -> (u32, String) {
    let url = emu.handle.url();
    let env = [
        ("HUAWEICLOUD_SDK_AK", AK),
        ("HUAWEICLOUD_SDK_SK", SK),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
        ("NO_COLOR", "1"),
    ];
    let args = [
        "--endpoint",
        &url,
        "--instance-id",
        INSTANCE,
        "apply",
        WEB,
        file,
    ];
    let mut tui = Tui::spawn(&args, home, &env, 250, 200);
    tokio::task::block_in_place(|| tui.wait_for("[y/N]"));
    meanwhile.await;
    tui.send("y\r");
    let status = tokio::task::block_in_place(|| tui.wait_exit(60));
    (status.exit_code(), tui.text())
}

async fn someone_adds(emu: &Emu, host: &str) {
    let m = chanedit::model::MemberInfo {
        host: Some(host.into()),
        weight: Some(1),
        member_group_name: Some("green".into()),
        ..Default::default()
    };
    client(emu, INSTANCE).add_members(WEB, &[m]).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_added_while_the_review_is_read_survives_both_narrow_writes() {
    for (change, request) in [
        ("disable", "POST .../members/batch-disable (1 member)"),
        ("health", "PUT .../health-config (the health check only)"),
    ] {
        let (emu, log) = start_logged(demo_config()).await;
        let home = tempfile::tempdir().unwrap();
        let mut draft = base(&emu).await;
        if change == "disable" {
            draft = disabled(draft, "192.168.1.22");
        } else {
            draft["vpc_health_config"]["timeout"] = json!(4);
        }
        let file = write(home.path(), &draft);

        let (code, shown) =
            apply_confirmed_after(&emu, home.path(), &file, someone_adds(&emu, "10.7.7.7")).await;
        assert_eq!(code, 0, "{shown}");
        assert!(shown.contains(&format!("request: {request}")), "{shown}");
        assert!(
            shown.contains("the channel changed on the server since its diff was shown (0 changed, 1 added, 0 removed), where this request does not write; those changes stay. Sending."),
            "{shown}"
        );
        assert!(shown.contains("applied to web_backend"), "{shown}");
        assert!(
            shown.contains("the channel also holds changes made elsewhere"),
            "{shown}"
        );
        let now = base(&emu).await;
        assert!(now["members"].to_string().contains("10.7.7.7"));
        assert!(chanedit::diff::diff(&draft, &now).members_added() == 1);
        // The member add of the other client, then this change: no channel PUT.
        let sent = writes(&log);
        assert_eq!(sent.len(), 2, "{sent:?}");
        assert!(log.matching("PUT", WEB).is_empty(), "{sent:?}");
        emu.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_meanwhile_to_what_the_request_writes_stops_the_send() {
    let (emu, log) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let loaded = base(&emu).await;
    let file = write(home.path(), &disabled(loaded.clone(), "192.168.0.13"));
    let reweigh = async {
        let mut m: chanedit::model::MemberInfo =
            serde_json::from_value(loaded["members"][index_of(&loaded, "192.168.0.13")].clone())
                .unwrap();
        m.weight = Some(3);
        client(&emu, INSTANCE).add_members(WEB, &[m]).await.unwrap();
    };

    let (code, shown) = apply_confirmed_after(&emu, home.path(), &file, reweigh).await;
    assert_eq!(code, 1, "{shown}");
    assert!(
        shown.contains("where this request writes; nothing sent"),
        "{shown}"
    );
    assert!(shown.contains("192.168.0.13"), "{shown}");
    assert!(log.matching("POST", "/batch-disable").is_empty());
    let now = base(&emu).await;
    assert_eq!(now["members"][index_of(&now, "192.168.0.13")]["status"], 1);
    emu.stop().await;
}
