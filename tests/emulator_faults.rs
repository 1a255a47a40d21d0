//! Injected faults: 500 APIG.9999, HTML 502, dropped connections, latency, repeatable dice.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use std::time::Duration;

use chanedit::emulator::FaultRates;
use emulator_support::*;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn faulty(error: f64, drop: f64, garbage: f64, seed: u64) -> chanedit::emulator::EmulatorConfig {
    let mut cfg = demo_config();
    cfg.faults = FaultRates {
        latency_ms: 0,
        error_rate: error,
        drop_rate: drop,
        garbage_rate: garbage,
        throttle_rate: 0.0,
        drop_after_apply_rate: 0.0,
    };
    cfg.seed = Some(seed);
    cfg
}

/// One request on its own connection: the status code, or None when the connection closed
/// without an answer.
async fn raw_status(emu: &Emu, method: &str, tail: &str, body: &str) -> Option<u16> {
    let mut s = tokio::net::TcpStream::connect(emu.handle.addr())
        .await
        .unwrap();
    let req = format!(
        "{method} /v2/{PROJECT}/apigw/instances/{INSTANCE}{tail} HTTP/1.1\r\nHost: {}\r\nX-Auth-Token: {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        emu.handle.addr(),
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    match s.read_to_end(&mut buf).await {
        Ok(_) if buf.is_empty() => None,
        Err(_) => None,
        Ok(_) => {
            let text = String::from_utf8_lossy(&buf);
            text.split_whitespace().nth(1).and_then(|c| c.parse().ok())
        }
    }
}

#[tokio::test]
async fn error_rate_answers_apig_9999() {
    let emu = start(faulty(1.0, 0.0, 0.0, 1)).await;
    let a = emu.get("/vpc-channels").await;
    assert_eq!((a.status, a.code()), (500, "APIG.9999"));
    assert!(is_hex32(a.request_id()));
    emu.stop().await;
}

#[tokio::test]
async fn throttle_rate_answers_429_apig_0308_and_changes_nothing() {
    let mut cfg = faulty(0.0, 0.0, 0.0, 1);
    cfg.faults.throttle_rate = 1.0;
    let emu = start(cfg).await;
    let a = emu.get("/vpc-channels").await;
    assert_eq!((a.status, a.code()), (429, "APIG.0308"));
    assert!(is_hex32(a.request_id()));
    emu.stop().await;
}

#[tokio::test]
async fn garbage_rate_answers_an_html_502_page() {
    let emu = start(faulty(0.0, 0.0, 1.0, 1)).await;
    let a = emu.get("/vpc-channels").await;
    assert_eq!(a.status, 502);
    assert!(
        a.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(a.text.contains("<h1>502 Bad Gateway</h1>"));
    assert!(serde_json::from_str::<serde_json::Value>(&a.text).is_err());
    emu.stop().await;
}

#[tokio::test]
async fn drop_rate_closes_the_connection_without_an_answer() {
    let emu = start(faulty(0.0, 1.0, 0.0, 1)).await;
    assert_eq!(raw_status(&emu, "GET", "/vpc-channels", "").await, None);
    let err = emu
        .http
        .get(format!("{}/vpc-channels", emu.base()))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await;
    assert!(err.is_err());
    emu.stop().await;
}

// The clock is tokio's, paused: it moves only when every task waits on a timer, straight to
// the next one, so "still pending just before the latency" holds on any machine, however
// loaded, and no wall time is measured.
#[tokio::test(start_paused = true)]
async fn latency_delays_every_answer() {
    let mut cfg = demo_config();
    cfg.faults.latency_ms = 150;
    let emu = start(cfg).await;
    {
        let mut answer = std::pin::pin!(emu.get("/vpc-channels"));
        let early = tokio::time::timeout(Duration::from_millis(149), &mut answer).await;
        assert!(early.is_err(), "answered before the latency had passed");
        assert_eq!(answer.await.status, 200);
    }
    emu.stop().await;
}

#[tokio::test]
async fn the_same_seed_meets_the_same_faults() {
    async fn run(seed: u64) -> Vec<Option<u16>> {
        let emu = start(faulty(0.25, 0.25, 0.25, seed)).await;
        let mut out = Vec::new();
        for i in 0..24 {
            out.push(raw_status(&emu, "GET", &format!("/vpc-channels?offset={}", i % 4), "").await);
        }
        emu.stop().await;
        out
    }
    let a = run(42).await;
    assert_eq!(a, run(42).await);
    assert_ne!(a, run(43).await);
    // Every kind of outcome shows up in such a run.
    for want in [None, Some(200), Some(500), Some(502)] {
        assert!(a.contains(&want), "{want:?} missing from {a:?}");
    }
}

#[tokio::test]
async fn a_faulted_write_changes_nothing() {
    let emu = start(faulty(0.3, 0.3, 0.3, 7)).await;
    let mut applied = Vec::new();
    for i in 0..20 {
        let host = format!("10.9.0.{i}");
        let body = json!({"members": [{"host": host, "member_group_name": "blue"}]}).to_string();
        if raw_status(&emu, "POST", &format!("/vpc-channels/{WEB}/members"), &body).await
            == Some(201)
        {
            applied.push(host);
        }
    }
    assert!(!applied.is_empty() && applied.len() < 20, "{applied:?}");
    // Read until a read gets through (a retried GET rolls new dice); 50 tries at most.
    let mut members = None;
    for _ in 0..50 {
        members = raw_members(&emu).await;
        if members.is_some() {
            break;
        }
    }
    let members = members.expect("no read got through in 50 tries");
    let mut added: Vec<String> = members
        .into_iter()
        .filter(|h| h.starts_with("10.9.0."))
        .collect();
    added.sort();
    applied.sort();
    assert_eq!(added, applied);
    emu.stop().await;
}

async fn raw_members(emu: &Emu) -> Option<Vec<String>> {
    let resp = emu
        .http
        .get(format!(
            "{}/vpc-channels/{WEB}/members?limit=500",
            emu.base()
        ))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .ok()?;
    if resp.status().as_u16() != 200 {
        return None;
    }
    let v: serde_json::Value = resp.json().await.ok()?;
    Some(
        v["members"]
            .as_array()?
            .iter()
            .filter_map(|m| m["host"].as_str().map(String::from))
            .collect(),
    )
}

#[tokio::test]
async fn drop_after_apply_carries_out_the_write_and_never_answers() {
    let mut cfg = demo_config();
    cfg.faults.drop_after_apply_rate = 1.0;
    cfg.seed = Some(1);
    let emu = start(cfg).await;
    let body = json!({"members": [{"host": "10.8.0.1", "member_group_name": "blue"}]}).to_string();
    let tail = format!("/vpc-channels/{WEB}/members");
    assert_eq!(raw_status(&emu, "POST", &tail, &body).await, None);
    // Reads meet no such fault, and show the write in place.
    let members = raw_members(&emu).await.expect("reads are answered");
    assert!(members.contains(&"10.8.0.1".to_string()), "{members:?}");
    emu.stop().await;
}
