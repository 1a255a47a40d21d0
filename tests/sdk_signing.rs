//! chanedit's requests, checked by the official SDK's own signer: tests/sdk/sign_server.py
//! verifies every request with huaweicloudsdkcore's Signer and answers 401 APIG.1002 when the
//! signature differs. Credentials come from the official SDK's environment variables.

mod process;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use process::{Running, first_line, sdk_python};

const PROJECT: &str = "0e0e1c8f5a0000b92f2ac0013ec0f8c3";
const INSTANCE: &str = "eddc4d25480b4cd6b512f270a1b8b341";
const CHANNEL: &str = "18174f5f4f1a4dc29f33aeadd9788e5f";
const AK: &str = "HPUAEXAMPLEAK1234567";
const SK: &str = "ExampleSecretKey0123456789abcdefghijKLMN";

struct Server {
    _child: Running,
    port: u16,
}

fn start(python: &Path, members: usize) -> Server {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/sign_server.py");
    let home = process::temp_home();
    let mut cmd = Command::new(python);
    let mut child = process::isolate(&mut cmd, home.path())
        .arg(script)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .args([PROJECT, INSTANCE, AK, SK, &members.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the signing server");
    let line = first_line(child.stdout.take().unwrap());
    let port = line
        .trim()
        .strip_prefix("listening ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected start line {line:?}"));
    Server {
        _child: Running::with_home(child, home),
        port,
    }
}

fn chanedit(server: &Server, sk: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let home = process::temp_home();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chanedit"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    process::isolate(&mut cmd, home.path())
        .args(["--endpoint", &format!("http://127.0.0.1:{}", server.port)])
        .args(["--instance-id", INSTANCE])
        .args(args)
        .env("HUAWEICLOUD_SDK_AK", AK)
        .env("HUAWEICLOUD_SDK_SK", sk)
        .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run chanedit");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn state(server: &Server) -> serde_json::Value {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    use std::io::Write;
    write!(
        stream,
        "GET /state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let body = text.split("\r\n\r\n").nth(1).unwrap();
    serde_json::from_str(body).unwrap()
}

#[test]
fn show_json_loads_every_member_through_the_sdk_signer() {
    let python = sdk_python();
    let server = start(&python, 1200);
    let out = chanedit(&server, SK, &["show", CHANNEL, "--json"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let members = shown["members"].as_array().unwrap();
    assert_eq!(members.len(), 1200, "every page, not the detail's 20");
    let mut ids: Vec<&str> = members.iter().map(|m| m["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1200, "no member twice");
    assert_eq!(shown["name"], "VPC_demo");
}

#[test]
fn apply_changes_the_channel_and_a_wrong_key_gets_apig_1002() {
    let python = sdk_python();
    let server = start(&python, 3);
    let out = chanedit(&server, SK, &["show", CHANNEL, "--json"], None);
    assert!(out.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    // The loaded channel as a PUT body, with one weight and the health-check timeout changed.
    let detail: chanedit::model::VpcChannel = serde_json::from_value(shown.clone()).unwrap();
    let members: Vec<chanedit::model::VpcMemberInfo> =
        serde_json::from_value(shown["members"].clone()).unwrap();
    let mut body = chanedit::model::base_value(&detail, &members);
    body["members"][1]["weight"] = 7.into();
    body["vpc_health_config"]["timeout"] = 8.into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("body.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&body).unwrap()).unwrap();
    let file = file.to_str().unwrap();

    let out = chanedit(&server, SK, &["apply", CHANNEL, file, "--yes"], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = state(&server);
    assert_eq!(after["puts"], 1);
    assert_eq!(after["members"][1]["weight"], 7);
    assert_eq!(after["members"][0]["weight"], 1);
    assert_eq!(after["channel"]["vpc_health_config"]["timeout"], 8);

    let out = chanedit(&server, "WrongSecretKey", &["show", CHANNEL], None);
    assert_eq!(out.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("APIG.1002"), "{all}");
    assert!(all.contains("Incorrect token"), "{all}");
    assert!(
        !all.contains("WrongSecretKey"),
        "the secret was printed: {all}"
    );

    // Not signed right, not applied.
    let out = chanedit(
        &server,
        "WrongSecretKey",
        &["apply", CHANNEL, file, "--yes"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(state(&server)["puts"], 1);
}
