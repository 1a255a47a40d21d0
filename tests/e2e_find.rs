//! The real binary in a pseudo-terminal against the demo's two gateways: `f` finds a backend
//! on both, `D` drains it as one journaled operation, and both gateways have it disabled.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::api::{Auth, Client, ClientConfig};
use common::pty::{ENTER, Tui};

const BACKEND: &str = "192.168.0.11";

fn client(demo: &chanedit::emulator::Demo, instance: &str) -> Client {
    chanedit::install_crypto();
    Client::new(ClientConfig::new(
        demo.endpoint.clone(),
        demo.project_id.clone(),
        instance.to_string(),
        Auth::Token(demo.token.clone()),
    ))
    .unwrap()
}

/// The journal's lines once `n` are written (the writes are off the input path).
fn journal(home: &std::path::Path, n: usize) -> Vec<serde_json::Value> {
    let path = home.join("journal.jsonl");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        if lines.len() >= n {
            return lines;
        }
        assert!(std::time::Instant::now() < deadline, "{text}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Statuses of the backend's members on every gateway of the demo.
async fn statuses(demo: &chanedit::emulator::Demo) -> Vec<i64> {
    let mut out = Vec::new();
    for gw in &demo.instance_ids {
        let c = client(demo, gw);
        for ch in c.list_channels(None).await.unwrap() {
            let id = ch.id.unwrap();
            let loaded = c.load_channel(&id).await.unwrap();
            for m in &loaded.members {
                if m.host.as_deref() == Some(BACKEND) {
                    out.push(m.status.unwrap_or(1));
                }
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_and_drain_from_the_editor_across_two_gateways() {
    let demo = chanedit::emulator::start_demo().await.unwrap();
    assert!(demo.instance_ids.len() >= 2);
    assert_eq!(statuses(&demo).await, [1, 1], "enabled on both gateways");
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::on_demo(&demo, home.path(), &[], &[]);
    tui.wait_for("web_backend");
    tui.send("f");
    tui.send(BACKEND);
    tui.send(ENTER);
    let screen = tui.wait_for("2 member(s) on 2 gateway(s)");
    assert!(screen.contains("web_backend"), "{screen}");
    assert!(screen.contains("payments_backen"), "{screen}");

    tui.send("D");
    let screen = tui.wait_for("y disables 2 member(s) in 2 channel(s)");
    assert!(screen.contains("3 API(s), enabled 9 -> 8"), "{screen}");
    assert_eq!(statuses(&demo).await, [1, 1], "nothing sent before y");
    tui.send("y");
    let screen = tui.wait_for("undo with: chanedit undrain");
    assert_eq!(screen.matches(", verified").count(), 2, "{screen}");

    assert_eq!(statuses(&demo).await, [2, 2], "disabled on both gateways");
    let lines = journal(home.path(), 2);
    assert_eq!(lines.len(), 2, "one entry per channel");
    let op = lines[0]["operation"].as_str().unwrap();
    assert!(lines.iter().all(|l| l["operation"] == op));
    assert!(
        lines
            .iter()
            .all(|l| l["action"] == format!("drain {BACKEND}"))
    );
    let gateways: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|l| l["gateway"]["instance_id"].as_str().unwrap())
        .collect();
    assert_eq!(gateways.len(), 2, "{lines:?}");

    // The CLI sees it as one operation, and undrain puts both back.
    let cli = |args: &[&str]| {
        let mut cmd = common::process::chanedit(home.path());
        cmd.env("HW_AUTH_TOKEN", &demo.token)
            .args([
                "--endpoint",
                &demo.endpoint,
                "--project-id",
                &demo.project_id,
            ])
            .args(args);
        cmd.output().unwrap()
    };
    let shown = cli(&["history", op]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.contains(&format!("drain {BACKEND} (operation {op})")),
        "{text}"
    );
    let undone = cli(&["undrain", op, "--yes"]);
    assert!(
        undone.status.success(),
        "{}",
        String::from_utf8_lossy(&undone.stderr)
    );
    assert_eq!(
        statuses(&demo).await,
        [1, 1],
        "enabled again on both gateways"
    );
}
