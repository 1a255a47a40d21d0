//! The log file: written under CHANEDIT_HOME, records each answer, and never holds a secret
//! even at the most verbose level.

mod process;

use std::process::Command;

const AK: &str = "HPUALOGTESTAK000001";
const SK: &str = "LogTestSecretKeyDoNotPrint0123456789abcd";
const TOKEN: &str = "log-test-token-do-not-print";
const CHANNEL: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11"; // web_backend in the demo data

fn show(url: &str, home: &std::path::Path, env: &[(&str, &str)]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chanedit"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    let out = process::isolate(&mut cmd, home)
        .args([
            "--endpoint",
            url,
            "--project-id",
            "0e0e1c8f5a0000b92f2ac0013ec0f8c3",
        ])
        .args([
            "--instance-id",
            "eddc4d25480b4cd6b512f270a1b8b341",
            "show",
            CHANNEL,
        ])
        .env("CHANEDIT_LOG", "trace")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_log_records_answers_and_no_secret() {
    let (_emu, url, _) = process::emulator(&["--ak", AK, "--sk", SK, "--token", TOKEN]);
    let home = tempfile::tempdir().unwrap();
    show(
        &url,
        home.path(),
        &[("HUAWEICLOUD_SDK_AK", AK), ("HUAWEICLOUD_SDK_SK", SK)],
    );
    show(&url, home.path(), &[("HW_AUTH_TOKEN", TOKEN)]);
    let log = std::fs::read_to_string(home.path().join("chanedit.log")).unwrap();
    assert!(log.contains("answered"), "{log}");
    assert!(log.contains("status=200"), "{log}");
    for secret in [SK, TOKEN, "Signature="] {
        assert!(!log.contains(secret), "{secret} is in the log");
    }
}
