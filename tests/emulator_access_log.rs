//! One access-log line per request, `METHOD PATH STATUS request_id=...`: in process (kept in
//! memory), and from the `chanedit emulator` binary on stderr, with several gateways.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;
mod process;

use std::process::Stdio;
use std::time::{Duration, Instant};

use emulator_support::*;
use serde_json::json;

#[tokio::test]
async fn every_request_writes_one_line_with_its_status_and_request_id() {
    let (emu, log) = start_logged(demo_config()).await;
    let a = emu
        .get("/vpc-channels?limit=5&X-Auth-Token=sekrit-in-query")
        .await;
    let b = emu
        .post(
            &format!("/vpc-channels/{WEB}/members/batch-disable"),
            &json!({"member_ids": ["0123456789abcdef0123456789abcdef"]}),
        )
        .await;
    let c = emu.call_with("GET", "/vpc-channels", None, &[]).await;
    let lines = log.all();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    let base = format!("/v2/{PROJECT}/apigw/instances/{INSTANCE}");
    assert_eq!(
        lines[0],
        format!(
            "GET {base}/vpc-channels?limit=5&X-Auth-Token=*** 200 request_id={}",
            a.request_id()
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "POST {base}/vpc-channels/{WEB}/members/batch-disable 400 request_id={}",
            b.request_id()
        )
    );
    assert_eq!(
        lines[2],
        format!("GET {base}/vpc-channels 401 request_id={}", c.request_id())
    );
    assert!(!lines.concat().contains("sekrit"));
    emu.stop().await;
}

#[tokio::test]
async fn a_cut_connection_is_logged_without_a_status() {
    let mut cfg = demo_config();
    cfg.faults.drop_rate = 1.0;
    cfg.seed = Some(3);
    let (emu, log) = start_logged(cfg).await;
    let url = format!("{}/vpc-channels", emu.base());
    let sent = emu
        .http
        .get(&url)
        .header("X-Auth-Token", TOKEN)
        .send()
        .await;
    assert!(sent.is_err(), "the connection is cut");
    let deadline = Instant::now() + Duration::from_secs(10);
    while log.all().is_empty() && Instant::now() < deadline {
        tokio::task::yield_now().await;
    }
    let lines = log.all();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("GET /v2/") && lines[0].contains("/vpc-channels - request_id="),
        "{}",
        lines[0]
    );
    emu.stop().await;
}

#[tokio::test]
async fn the_binary_serves_every_instance_id_and_logs_to_stderr() {
    let home = process::temp_home();
    let log_path = home.path().join("stderr.log");
    let extra = "0123456789abcdef0123456789abcdef";
    let child = process::chanedit(home.path())
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--token",
            "log-test-token",
        ])
        .args(["--instance-id", INSTANCE, "--instance-id", extra])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let mut child = process::Running::new(child);
    let line = process::first_line(child.child.stdout.take().unwrap());
    assert!(
        line.contains(&format!("instance_id={INSTANCE},{STAGING},{extra}")),
        "{line}"
    );
    assert!(!line.contains("log-test-token"), "{line}");
    let url = process::loopback_url(&line);

    chanedit::install_crypto();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let get = |path: String| {
        http.get(format!("{url}/v2/{PROJECT}/apigw/instances{path}"))
            .header("X-Auth-Token", "log-test-token")
            .send()
    };
    let gateways: serde_json::Value = get(String::new()).await.unwrap().json().await.unwrap();
    let ids: Vec<&str> = gateways["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [INSTANCE, STAGING, extra]);
    let empty: serde_json::Value = get(format!("/{extra}/vpc-channels"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(empty["total"], 0);
    let demo: serde_json::Value = get(format!("/{INSTANCE}/vpc-channels"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(demo["total"], 6);

    let deadline = Instant::now() + Duration::from_secs(30);
    let mut text = String::new();
    while text.lines().count() < 3 && Instant::now() < deadline {
        text = std::fs::read_to_string(&log_path).unwrap();
        tokio::task::yield_now().await;
    }
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with(&format!(
            "GET /v2/{PROJECT}/apigw/instances 200 request_id="
        )),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "GET /v2/{PROJECT}/apigw/instances/{extra}/vpc-channels 200 "
        )),
        "{text}"
    );
    assert!(!text.contains("log-test-token"));
    drop(child);
}
