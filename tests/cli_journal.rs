//! The journal through the real binary: every entry `apply` writes names the gateway it went
//! to, and an entry cut short by an earlier crash costs only itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use chanedit::api::Client;
use chanedit::config::journal::read_journal;
use serde_json::{Value, json};
use support::*;

async fn edited_body(server: &TestServer, id: &str, dir: &std::path::Path) -> String {
    let mut body = Client::new(aksk_config(server))
        .unwrap()
        .load_channel(id)
        .await
        .unwrap()
        .base();
    body["members"][0]["weight"] = json!(42);
    let file = dir.join("body.json");
    std::fs::write(&file, body.to_string()).unwrap();
    file.display().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_journals_the_gateway_after_a_cut_line() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 4);
    let home = tempfile::tempdir().unwrap();
    let journal = home.path().join("journal.jsonl");
    // An earlier run died half-way through its entry.
    std::fs::write(&journal, r#"{"time":"2024-01-01T00:00:00Z","channel":"#).unwrap();
    let file = edited_body(&server, &id, home.path()).await;

    let run = chanedit(
        &server,
        home.path(),
        SK,
        // The test server serves the full PUT; the narrow requests are the emulator's.
        &["apply", &id, &file, "--yes", "--write", "full"],
        "",
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);

    let read = read_journal(&journal).unwrap();
    assert_eq!(read.bad_lines, [1], "the cut line is reported");
    assert_eq!(read.entries.len(), 1, "the new entry is not glued onto it");
    let entry = &read.entries[0];
    assert_eq!(entry.channel, id);
    assert_eq!(entry.result, "ok");
    let gateway: Value = serde_json::to_value(&entry.gateway).unwrap();
    assert_eq!(
        gateway,
        json!({"endpoint": server.endpoint(), "region": null, "project_id": PROJECT,
               "instance_id": INSTANCE, "profile": null})
    );
}
