//! `history` and `revert` through the real binary against the demo emulator (two gateways):
//! a revert restores the entry's base on the server, keeps the live secret the journal only
//! masks, is journaled too, and is refused by the mass-delete rule like `apply`; `history`
//! masks secrets and sanitizes whatever the journal file holds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;
mod support;

use chanedit::sanitize::is_unsafe;
use emulator_support::{CATALOG_NACOS, Emu, INSTANCE, client, demo_config, start_logged};
use serde_json::{Value, json};
use support::{Run, SK, chanedit_via, journal};

async fn run(emu: &Emu, home: &std::path::Path, args: &[&str]) -> Run {
    chanedit_via(&emu.handle.url(), &[], home, SK, args, "").await
}

async fn base(emu: &Emu) -> Value {
    client(emu, INSTANCE)
        .load_channel(CATALOG_NACOS)
        .await
        .unwrap()
        .base()
}

/// Apply `body` to the Nacos channel; the id of the journal entry it wrote.
async fn apply(emu: &Emu, home: &std::path::Path, body: &Value) -> String {
    let file = home.join("body.json");
    std::fs::write(&file, body.to_string()).unwrap();
    let file = file.display().to_string();
    let done = run(emu, home, &["apply", CATALOG_NACOS, &file, "--yes"]).await;
    assert_eq!(done.code, 0, "{}", done.stderr);
    journal(home).last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn password(v: &Value) -> Value {
    v["microservice_info"]["nacos_info"]["user_info"]["password"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revert_restores_the_entrys_base_on_the_server() {
    let (emu, lines) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let original = base(&emu).await;
    assert_eq!(password(&original), "demo-not-a-secret");

    let mut first = original.clone();
    first["members"][0]["weight"] = json!(7);
    first["balance_strategy"] = json!(2);
    let entry = apply(&emu, home.path(), &first).await;
    // Someone changes the channel again afterwards.
    let mut second = base(&emu).await;
    second["members"][1]["weight"] = json!(9);
    apply(&emu, home.path(), &second).await;

    let shown = run(&emu, home.path(), &["history", CATALOG_NACOS]).await;
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert_eq!(shown.stdout.lines().count(), 3, "{}", shown.stdout);
    assert!(shown.stdout.contains(&entry), "{}", shown.stdout);
    assert!(shown.stdout.contains("catalog_nacos"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("2 changed, 0 added, 0 removed"),
        "{}",
        shown.stdout
    );

    let puts = lines.matching("PUT", CATALOG_NACOS).len();
    let revert = run(&emu, home.path(), &["revert", &entry[..6], "--yes"]).await;
    assert_eq!(revert.code, 0, "{}\n{}", revert.stdout, revert.stderr);
    assert!(
        revert
            .stderr
            .contains("the channel changed after that entry"),
        "the later change is undone too, and said so: {}",
        revert.stderr
    );
    assert!(
        revert.stderr.contains("keeping the live secret"),
        "{}",
        revert.stderr
    );
    assert!(
        !revert.stdout.contains("demo-not-a-secret"),
        "{}",
        revert.stdout
    );
    assert_eq!(lines.matching("PUT", CATALOG_NACOS).len(), puts + 1);

    let now = base(&emu).await;
    let left = chanedit::diff::diff(&original, &now);
    assert!(left.is_empty(), "not restored:\n{}", left.render(false));
    assert_eq!(password(&now), "demo-not-a-secret");
    let last = journal(home.path()).pop().unwrap();
    assert_eq!(last["action"], format!("revert {entry}"));
    assert_eq!(last["outcome"], "ok");

    // Reverting again finds nothing to do.
    let again = run(&emu, home.path(), &["revert", &entry, "--yes"]).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("nothing sent"), "{}", again.stdout);
    assert_eq!(lines.matching("PUT", CATALOG_NACOS).len(), puts + 1);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revert_that_removes_most_members_needs_allow_mass_delete() {
    let (emu, lines) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let mut grown = base(&emu).await;
    let group = grown["members"][0]["member_group_name"].clone();
    for i in 0..3 {
        grown["members"]
            .as_array_mut()
            .unwrap()
            .push(json!({"host": format!("172.16.9.{i}"), "port": 9000, "weight": 1, "member_group_name": group}));
    }
    let entry = apply(&emu, home.path(), &grown).await;
    let puts = lines.matching("PUT", CATALOG_NACOS).len();

    let refused = run(&emu, home.path(), &["revert", &entry, "--yes"]).await;
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("removes 3 of 5 members (more than half)"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        lines.matching("PUT", CATALOG_NACOS).len(),
        puts,
        "nothing sent"
    );

    let args = ["revert", &entry, "--yes", "--allow-mass-delete"];
    let allowed = run(&emu, home.path(), &args).await;
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert_eq!(base(&emu).await["members"].as_array().unwrap().len(), 2);

    let unknown = run(&emu, home.path(), &["revert", "ffffffff", "--yes"]).await;
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("no journal entry ffffffff"),
        "{}",
        unknown.stderr
    );
    let read_only = run(
        &emu,
        home.path(),
        &["--read-only", "revert", &entry, "--yes"],
    )
    .await;
    assert_eq!(read_only.code, 2, "{}", read_only.stderr);
    emu.stop().await;
}

/// A name and request id that would recolour, clear or reorder the terminal.
const EVIL: &str = "web\u{202e}exe.txt\u{9b}2J\u{200b}\x1b[31m";

fn assert_clean(text: &str) {
    let raw: Vec<String> = text
        .chars()
        .filter(|c| *c != '\n' && is_unsafe(*c))
        .map(|c| c.escape_unicode().to_string())
        .collect();
    assert!(raw.is_empty(), "raw characters {raw:?} in:\n{text}");
    assert!(!text.contains("hunter2"), "a secret in:\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_masks_secrets_and_sanitizes_what_the_journal_holds() {
    let (emu, _) = start_logged(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let body = |weight: i64| {
        json!({"name": EVIL, "port": 80, "member_type": "ip", "member_groups": [],
               "members": [{"host": "10.0.0.1", "weight": weight}],
               "microservice_info": {"nacos_info": {"user_info": {"password": "hunter2"}}}})
    };
    // Written by hand (or by an older version): the secret is there in the clear.
    let line = json!({"time": "2024-01-02T03:04:05Z", "channel": format!("c\u{202e}1"),
        "base": body(1), "sent": body(2), "request_id": EVIL, "result": EVIL,
        "id": "0123456789abcdef", "outcome": "ok", "action": EVIL,
        "gateway": {"endpoint": EVIL, "project_id": "p", "instance_id": EVIL}});
    std::fs::write(
        home.path().join("journal.jsonl"),
        format!("{line}\nnot an entry\n"),
    )
    .unwrap();

    for args in [
        vec!["history"],
        vec!["history", "--json"],
        vec!["history", "0123"],
        vec!["history", "0123", "--json"],
    ] {
        let shown = run(&emu, home.path(), &args).await;
        assert_eq!(shown.code, 0, "{args:?}: {}", shown.stderr);
        assert_clean(&shown.stdout);
        assert_clean(&shown.stderr);
        assert!(
            shown.stdout.contains("exe.txt"),
            "{args:?}: {}",
            shown.stdout
        );
        assert!(
            shown.stderr.contains("1 unreadable line skipped (line 2)"),
            "{args:?}: {}",
            shown.stderr
        );
    }
    let full = run(&emu, home.path(), &["history", "0123", "--json"]).await;
    let v: Value = serde_json::from_str(&full.stdout).unwrap();
    assert_eq!(password(&v["base"]), "***");
    assert_eq!(v["changed"], 1);
    let none = run(&emu, home.path(), &["history", "nope"]).await;
    assert_eq!(none.code, 2, "{}", none.stderr);
    assert!(
        none.stderr
            .contains("no journal entry, operation or channel nope")
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revert_is_not_sent_when_the_channel_changes_before_the_send() {
    use axum::http::Method;
    use support::{Fault, TestServer, aksk_config, chanedit};
    let server = TestServer::start().await;
    let id = server.add_channel("web", 4);
    let home = tempfile::tempdir().unwrap();
    let mut body = chanedit::api::Client::new(aksk_config(&server))
        .unwrap()
        .load_channel(&id)
        .await
        .unwrap()
        .base();
    body["members"][0]["weight"] = json!(42);
    let file = home.path().join("body.json");
    std::fs::write(&file, body.to_string()).unwrap();
    let file = file.display().to_string();
    // The test server serves the full PUT; the narrow requests are the emulator's.
    let applied = chanedit(
        &server,
        home.path(),
        SK,
        &["apply", &id, &file, "--yes", "--write", "full"],
        "",
    )
    .await;
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let entry = journal(home.path())[0]["id"].as_str().unwrap().to_string();

    // The revert reads the channel, shows its diff, then reads it again just before sending:
    // by then someone renamed it.
    let mut renamed = server.inner().channels[&id].clone();
    renamed["name"] = json!("web_renamed");
    renamed["members"] = json!(server.inner().members[&id][..3]);
    server.fault_after(
        Method::GET,
        &id,
        1,
        1,
        Fault::json(200, renamed.to_string()),
    );
    let puts = server.requests(&Method::PUT, &id).len();
    let revert = chanedit(&server, home.path(), SK, &["revert", &entry, "--yes"], "").await;
    assert_eq!(revert.code, 1, "{}", revert.stderr);
    assert!(
        revert
            .stderr
            .contains("the channel changed on the server since its diff was shown; nothing sent"),
        "{}",
        revert.stderr
    );
    assert!(
        revert.stderr.contains("web_renamed"),
        "what changed is shown: {}",
        revert.stderr
    );
    assert_eq!(
        server.requests(&Method::PUT, &id).len(),
        puts,
        "nothing sent"
    );
    assert_eq!(journal(home.path()).len(), 1, "nothing journaled");
}

/// A channel body with `n` members, member `bump` at weight 9.
fn big_channel(name: &str, n: usize, bump: Option<usize>) -> Value {
    let members: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "host": format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
                "weight": if Some(i) == bump { 9 } else { 1 },
                "member_group_name": "g1",
            })
        })
        .collect();
    json!({"name": name, "type": 2, "port": 8080, "balance_strategy": 1,
           "member_type": "ip", "members": members})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_reads_a_journal_of_many_large_entries_line_by_line() {
    use chanedit::api::Verdict;
    use chanedit::config::JournalEntry;
    let home = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut ids = Vec::new();
    let mut lost = None;
    for i in 0..60 {
        let channel = format!("chan{:02}", i % 3);
        let base = big_channel(&channel, 2_000, None);
        let sent = big_channel(&channel, 2_000, Some(i));
        let mut e = JournalEntry::new(&channel, &base, &sent, Some(format!("req{i}")), "ok");
        if i == 41 {
            e = e.with_outcome("unknown");
            lost = Some(e.clone());
        }
        ids.push(e.id.clone());
        text.push_str(&serde_json::to_string(&e).unwrap());
        text.push('\n');
        if i == 50 {
            // The line that settles entry 41 comes later in the file.
            let settle = lost.as_ref().unwrap().confirmation(Verdict::Applied);
            text.push_str(&serde_json::to_string(&settle).unwrap());
            text.push('\n');
        }
    }
    assert!(text.len() > 10_000_000, "{} bytes", text.len());
    std::fs::write(home.path().join("journal.jsonl"), &text).unwrap();
    let history = |args: Vec<&str>| {
        let home = home.path().to_path_buf();
        let args: Vec<String> = args.into_iter().map(str::to_string).collect();
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            chanedit_via("http://127.0.0.1:9", &[], &home, SK, &args, "").await
        }
    };

    let all = history(vec!["history"]).await;
    assert_eq!(all.code, 0, "{}", all.stderr);
    let lines: Vec<&str> = all.stdout.lines().collect();
    assert_eq!(lines.len(), 61, "a header and one line per sent entry");
    for (i, id) in ids.iter().enumerate() {
        let line = lines[i + 1];
        assert!(line.starts_with(id.as_str()), "{line}");
        assert!(line.contains(&format!("chan{:02}", i % 3)), "{line}");
        assert!(line.contains("1 changed, 0 added, 0 removed"), "{line}");
        assert!(line.contains(&format!("req{i} ")), "{line}");
    }
    assert!(lines[42].contains("unknown, then applied"), "{}", lines[42]);

    let one = history(vec!["history", "chan01", "--json"]).await;
    assert_eq!(one.code, 0, "{}", one.stderr);
    let listed: Vec<Value> = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(listed.len(), 20);
    assert!(listed.iter().all(|l| l["channel_name"] == "chan01"));
    assert_eq!(listed[0]["changed"], 1);

    // Entry 7 is read back whole: the listing kept no body.
    let full = history(vec!["history", &ids[7]]).await;
    assert_eq!(full.code, 0, "{}", full.stderr);
    assert!(full.stdout.contains("chan01 (chan01)"), "{}", full.stdout);
    assert!(
        full.stdout
            .contains("member 10.0.0.7:8080 (group g1): weight 1 -> 9"),
        "{}",
        full.stdout
    );
}
