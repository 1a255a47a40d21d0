//! `apply` on a terminal asks y/N: `y` sends, anything else sends nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use axum::http::Method;
use chanedit::api::Client;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use support::process;
use support::*;

/// Run `apply` in a pseudo-terminal, answer the prompt with `answer`, return (exit code,
/// everything the terminal showed).
fn apply_on_a_terminal(
    server: &TestServer,
    home: &std::path::Path,
    id: &str,
    file: &str,
    answer: &str,
) -> (u32, String) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_chanedit"));
    process::isolate_pty(&mut cmd, home);
    cmd.env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", home.join("none"));
    cmd.env("HUAWEICLOUD_SDK_AK", AK);
    cmd.env("HUAWEICLOUD_SDK_SK", SK);
    cmd.env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT);
    cmd.env("NO_COLOR", "1");
    cmd.args([
        "--endpoint",
        &server.endpoint(),
        "--instance-id",
        INSTANCE,
        "apply",
        id,
        file,
        // The test server serves the full PUT; the narrow requests are the emulator's.
        "--write",
        "full",
    ]);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = String::new();
    while !seen.contains("[y/N]") {
        assert!(
            Instant::now() < deadline,
            "no prompt; the terminal showed: {seen}"
        );
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
    writer.write_all(answer.as_bytes()).unwrap();
    writer.flush().unwrap();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "apply did not finish: {seen}");
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(50)) {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(50)) {
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    (status.exit_code(), seen)
}

async fn body_file(server: &TestServer, home: &std::path::Path, id: &str) -> String {
    let mut draft = Client::new(aksk_config(server))
        .unwrap()
        .load_channel(id)
        .await
        .unwrap()
        .base();
    draft["members"][0]["weight"] = serde_json::json!(9);
    let p = home.join("body.json");
    std::fs::write(&p, draft.to_string()).unwrap();
    p.display().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn yes_on_the_terminal_sends() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 4);
    let home = tempfile::tempdir().unwrap();
    let file = body_file(&server, home.path(), &id).await;
    let (code, shown) = tokio::task::block_in_place(|| {
        apply_on_a_terminal(&server, home.path(), &id, &file, "y\r")
    });
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("send this update to channel web? [y/N]"),
        "{shown}"
    );
    assert!(shown.contains("applied to web"), "{shown}");
    assert_eq!(server.requests(&Method::PUT, &id).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anything_but_yes_sends_nothing() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 4);
    let home = tempfile::tempdir().unwrap();
    let file = body_file(&server, home.path(), &id).await;
    let (code, shown) =
        tokio::task::block_in_place(|| apply_on_a_terminal(&server, home.path(), &id, &file, "\r"));
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("nothing sent"), "{shown}");
    assert!(server.requests(&Method::PUT, &id).is_empty());
}
