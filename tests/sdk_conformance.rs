//! The official Huawei Cloud Python SDK (`huaweicloudsdkapig`, in `.venv`, built on first use),
//! unchanged and signing with AK/SK, against the `chanedit emulator` binary:
//! tests/sdk/conformance.py lists, shows, updates with the API page's example, adds a member,
//! creates and deletes a channel, and checks the error answers, parsing every answer with the
//! SDK's own models.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;

use std::path::Path;
use std::process::Command;

const PROJECT: &str = "5a1c0f7e2b3d4c6e8f9a0b1c2d3e4f50";
const INSTANCE: &str = "6b2d1e8f3c4e5d7f9a0b1c2d3e4f5a61";
const AK: &str = "HPUACONFORMANCEAK0001";
const SK: &str = "ConformanceSecretKey0123456789abcdefghij";

#[test]
fn official_python_sdk_works_against_the_emulator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = process::sdk_python();
    let (_emu, endpoint, line) = process::emulator(&[
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
    ]);
    assert!(
        !line.contains(SK) && !line.contains("conformance-token"),
        "secret on the start line: {line}"
    );
    assert!(line.contains(PROJECT) && line.contains(INSTANCE), "{line}");

    let home = process::temp_home();
    let mut script = Command::new(&python);
    let out = process::isolate(&mut script, home.path())
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
