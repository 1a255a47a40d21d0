//! The official Huawei Cloud Python SDK (`huaweicloudsdkapig`, in `.venv`, built on first
//! use), unchanged and signing with AK/SK, against the `chanedit emulator` binary serving three
//! gateways (the demo's two, the first under INSTANCE, and an empty EXTRA):
//! tests/sdk/conformance.py drives every VPC-channel operation with every list filter,
//! ListInstancesV2 and ListApisV2, reads each write back, and checks the error answers,
//! parsing every answer with the SDK's own models.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;

use std::path::Path;
use std::process::Command;

const PROJECT: &str = "5a1c0f7e2b3d4c6e8f9a0b1c2d3e4f50";
const INSTANCE: &str = "6b2d1e8f3c4e5d7f9a0b1c2d3e4f5a61";
/// The demo's second gateway (assets/demo.json), and an empty one added by a second flag.
const STAGING: &str = "f1e2d3c4b5a6470889a0b1c2d3e4f5a6";
const EXTRA: &str = "7c3e2f9a4d5e6f8a0b1c2d3e4f5a6b72";
const TOKEN: &str = "conformance-token";
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
        "--instance-id",
        EXTRA,
        "--ak",
        AK,
        "--sk",
        SK,
        "--token",
        TOKEN,
    ]);
    assert!(
        !line.contains(SK) && !line.contains(TOKEN),
        "secret on the start line: {line}"
    );
    assert!(line.contains(PROJECT) && line.contains(INSTANCE), "{line}");

    let home = process::temp_home();
    let mut script = Command::new(&python);
    let out = process::isolate(&mut script, home.path())
        .arg(root.join("tests/sdk/conformance.py"))
        .args([&endpoint, PROJECT, INSTANCE, AK, SK])
        .arg(root.join("tests/fixtures"))
        .args([STAGING, EXTRA, TOKEN])
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
