//! The official Huawei Cloud Python SDK (`huaweicloudsdkapig`, in `.venv`, made by `.ci/run`),
//! unchanged and signing with AK/SK, against the `chanedit emulator` binary:
//! tests/sdk/conformance.py lists, shows, updates with the API page's example, adds a member,
//! creates and deletes a channel, and checks the error answers, parsing every answer with the
//! SDK's own models.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const PROJECT: &str = "5a1c0f7e2b3d4c6e8f9a0b1c2d3e4f50";
const INSTANCE: &str = "6b2d1e8f3c4e5d7f9a0b1c2d3e4f5a61";
const AK: &str = "HPUACONFORMANCEAK0001";
const SK: &str = "ConformanceSecretKey0123456789abcdefghij";

/// Kills the emulator when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn official_python_sdk_works_against_the_emulator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".venv/bin/python");
    if !python.exists() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "{} is missing: .ci/run creates it (python3 -m venv .venv && .venv/bin/pip install huaweicloudsdkapig)",
                python.display()
            );
        }
        eprintln!(
            "SKIPPED: {} is missing; create it with `python3 -m venv .venv && .venv/bin/pip install huaweicloudsdkapig` to run the SDK conformance check",
            python.display()
        );
        return;
    }
    let child = Command::new(env!("CARGO_BIN_EXE_chanedit"))
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--project-id",
            PROJECT,
            "--instance-id",
            INSTANCE,
            "--ak",
            AK,
            "--sk",
            SK,
            "--token",
            "conformance-token",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start chanedit emulator");
    let mut emu = Running(child);
    let stdout = emu.0.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the emulator printed no start line");
    assert!(
        !line.contains(SK) && !line.contains("conformance-token"),
        "secret on the start line: {line}"
    );
    assert!(line.contains(PROJECT) && line.contains(INSTANCE), "{line}");
    let endpoint = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in the start line: {line}"))
        .to_string();

    let out = Command::new(&python)
        .arg(root.join("tests/sdk/conformance.py"))
        .args([&endpoint, PROJECT, INSTANCE, AK, SK])
        .arg(root.join("tests/fixtures"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("run the conformance script");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "conformance failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("all checks passed"), "{stdout}");
}
