//! `chanedit emulator` as a process: the start line, serving, SIGTERM, bad flags.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test]
async fn serves_until_sigterm_and_never_prints_secrets() {
    chanedit::install_crypto();
    let home = process::temp_home();
    let mut child = process::chanedit(home.path())
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--token",
            "TOKEN-SHOULD-NOT-SHOW",
            "--ak",
            "AKX",
            "--sk",
            "SK-SHOULD-NOT-SHOW",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let line = process::first_line(child.stdout.take().unwrap());
    assert!(
        line.starts_with("chanedit emulator listening on http://127.0.0.1:"),
        "{line}"
    );
    assert!(
        line.contains("project_id=0e0e1c8f5a0000b92f2ac0013ec0f8c3"),
        "{line}"
    );
    assert!(
        line.contains("instance_id=eddc4d25480b4cd6b512f270a1b8b341"),
        "{line}"
    );
    assert!(!line.contains("SHOULD-NOT-SHOW"), "{line}");
    let url = process::loopback_url(&line);

    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let resp = http
        .get(format!("{url}/v2/0e0e1c8f5a0000b92f2ac0013ec0f8c3/apigw/instances/eddc4d25480b4cd6b512f270a1b8b341/vpc-channels"))
        .header("X-Auth-Token", "TOKEN-SHOULD-NOT-SHOW")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);

    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "the emulator did not stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status.code(), Some(0));
    // A server keeps no client log: nothing lands in the user's home.
    let files: Vec<_> = walk(home.path());
    assert!(files.is_empty(), "the emulator wrote {files:?}");
}

/// Every file below `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn bad_flags_and_files_are_reported() {
    let home = process::temp_home();
    let out = process::chanedit(home.path())
        .args(["emulator", "--listen", "127.0.0.1:0", "--ak", "A"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--ak and --sk"));

    let out = process::chanedit(home.path())
        .args(["emulator", "--listen", "127.0.0.1:0", "--error-rate", "1.5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("bad.json");
    std::fs::write(&data, "{\"channels\": [{\"name\": \"x\"}]}").unwrap();
    let out = process::chanedit(home.path())
        .args(["emulator", "--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bad data file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
