//! The real binary in a pseudo-terminal against the emulator: edit a weight, fix a health
//! check, review, send, and read the server's state back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::api::{Auth, Client, ClientConfig};
use common::pty::{BACKSPACE, DOWN, ENTER, ESC, Tui, WEB_BACKEND};

const CHANNEL: &str = WEB_BACKEND;

fn open(demo: &chanedit::emulator::Demo, home: &std::path::Path, extra: &[&str]) -> Tui {
    Tui::on_demo(demo, home, extra, &[])
}

fn client(demo: &chanedit::emulator::Demo) -> Client {
    chanedit::install_crypto();
    Client::new(ClientConfig::new(
        demo.endpoint.clone(),
        demo.project_id.clone(),
        demo.instance_id.clone(),
        Auth::Token(demo.token.clone()),
    ))
    .unwrap()
}

/// The first journal line, once the editor has written it (the write is off the input path).
fn journal_entry(home: &std::path::Path) -> serde_json::Value {
    let path = home.join("journal.jsonl");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(line) = text.lines().next() {
            return serde_json::from_str(line).unwrap();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no journal at {}",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_review_send_and_the_server_has_it() {
    let demo = chanedit::emulator::start_demo().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut tui = open(&demo, home.path(), &[CHANNEL]);
    tui.wait_for("web_backend");
    tui.wait_for("1 Overview");

    // Members pane: second member's weight through its form.
    tui.send("3");
    tui.wait_for("Members 1/10");
    tui.send(DOWN);
    tui.send(ENTER);
    tui.wait_for("Member 2 of 10");
    tui.send(DOWN);
    tui.send(DOWN);
    tui.send(ENTER);
    tui.wait_for("Enter keeps");
    tui.send(&BACKSPACE.repeat(4));
    tui.wait_until("the field emptied", 20, |s| {
        !s.text().contains("Weight               10") && !s.text().contains("● 10")
    });
    // One keystroke that changes one field sends a small update, never a full screen.
    let before = tui.raw_len();
    tui.send("3");
    // `●`: the draft changed the field.
    tui.wait_for("Weight             ● 3 ");
    let sent = tui.raw_len() - before;
    eprintln!("one keystroke redrew with {sent} bytes");
    assert!(sent < 600, "{sent} bytes for one keystroke");
    tui.send("3");
    tui.send(ENTER);
    tui.wait_for("modified");
    tui.send(ESC);
    tui.wait_for("Members 2/10");

    // Health check: a timeout not below the interval is refused inline, then fixed.
    tui.send("4");
    tui.wait_for("Interval (s)");
    tui.send(&DOWN.repeat(7));
    tui.send(ENTER);
    tui.wait_for("Enter keeps");
    tui.send(&BACKSPACE.repeat(3));
    tui.send("12");
    let screen = tui.wait_for("must be less than");
    assert!(screen.contains("✗ 1 error"), "{screen}");
    tui.send(ENTER);
    tui.wait_for("Enter edits");
    tui.send("w");
    tui.wait_for("Review refused");
    tui.send(ENTER);
    tui.wait_for("Enter keeps");
    tui.send(&BACKSPACE.repeat(2));
    tui.send("3");
    tui.send(ENTER);
    tui.wait_for("valid");

    // Review shows exactly those changes; y sends.
    tui.send("w");
    let review = tui.wait_for("Review:");
    assert!(review.contains("2 changed"), "{review}");
    assert!(review.contains("33"), "{review}");
    assert!(review.contains("timeout"), "{review}");
    tui.send("y");
    tui.wait_for("Sent. Showing the channel");

    let loaded = client(&demo).load_channel(CHANNEL).await.unwrap();
    let m = loaded
        .members
        .iter()
        .find(|m| m.host.as_deref() == Some("192.168.0.12"))
        .unwrap();
    assert_eq!(m.weight, Some(33));
    let others = loaded
        .members
        .iter()
        .filter(|m| m.weight == Some(33))
        .count();
    assert_eq!(others, 1, "only that member changed");
    assert_eq!(loaded.members.len(), 10);
    assert_eq!(loaded.detail.vpc_health_config.unwrap().timeout, Some(3));

    // The journal records the update with the request id the server gave it.
    let entry = journal_entry(home.path());
    assert_eq!(entry["channel"], CHANNEL);
    assert_eq!(entry["result"], "ok");
    let rid = entry["request_id"].as_str().expect("a request id");
    assert!(!rid.is_empty());

    tui.send("q");
    let st = tui.wait_exit(10);
    assert!(st.success());
    demo.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_edits_and_an_api_error_keeps_the_draft() {
    let demo = chanedit::emulator::start_demo().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut tui = open(&demo, home.path(), &[CHANNEL]);
    tui.wait_for("1 Overview");
    tui.send(":set members[host=192.168.0.13].weight 44\r");
    tui.wait_for("modified");
    // A value out of range is refused locally, with the count in the status bar.
    tui.send(":set port 70000\r");
    tui.wait_for("1 error");
    tui.send(":set port 8080\r");
    tui.wait_for("valid");
    // The emulator refuses a name another channel has: its code and message show, and the
    // draft survives to be fixed and sent again.
    tui.send(":set name billing_ecs\r");
    tui.send(":w\r");
    tui.wait_for("Review:");
    tui.send("y");
    let screen = tui.wait_for("APIG.3208");
    assert!(screen.contains("already exists"), "{screen}");
    assert!(screen.contains("draft kept"), "{screen}");
    tui.send(":set name web_backend\r");
    tui.wait_for("set name");
    tui.send(":w\r");
    let review = tui.wait_for("Review:");
    assert!(review.contains("44"), "the weight edit survived: {review}");
    assert!(!review.contains("billing_ecs"), "{review}");
    tui.send("y");
    tui.wait_for("Sent. Showing the channel");
    let loaded = client(&demo).load_channel(CHANNEL).await.unwrap();
    let m = loaded
        .members
        .iter()
        .find(|m| m.host.as_deref() == Some("192.168.0.13"))
        .unwrap();
    assert_eq!(m.weight, Some(44));
    tui.send(":q\r");
    assert!(tui.wait_exit(10).success());
    demo.handle.shutdown().await;
}

/// Sends `signal` to the editor, waits for it to leave, and checks that it left the
/// alternate screen after last entering it.
fn signal_and_expect_restored(tui: &mut Tui, signal: &str) {
    let pid = tui.child.process_id().unwrap();
    let ok = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    tui.wait_exit(10);
    let raw = tui.screen.0.lock().unwrap().raw.clone();
    let text = String::from_utf8_lossy(&raw);
    let left = text
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    let entered = text.rfind("\x1b[?1049h").unwrap();
    assert!(left > entered, "restored after the last entry");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_saves_the_draft_and_restores_the_terminal() {
    let demo = chanedit::emulator::start_demo().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut tui = open(&demo, home.path(), &[CHANNEL]);
    tui.wait_for("1 Overview");
    tui.send(":set port 8081\r");
    tui.wait_for("modified");
    signal_and_expect_restored(&mut tui, "-TERM");
    let drafts = home.path().join("drafts");
    let saved: Vec<_> = std::fs::read_dir(&drafts).unwrap().collect();
    assert_eq!(saved.len(), 1, "one draft saved in {drafts:?}");
    let text = std::fs::read_to_string(saved[0].as_ref().unwrap().path()).unwrap();
    assert!(text.contains("8081"), "{text}");

    // Opening again offers the draft back.
    let mut tui = open(&demo, home.path(), &[CHANNEL]);
    tui.wait_for("A saved draft of this channel exists");
    tui.send("y");
    tui.wait_for("Draft restored");
    tui.send("1");
    tui.wait_for("8081");
    // SIGHUP (the SSH link dropped) does the same: save, restore, leave.
    signal_and_expect_restored(&mut tui, "-HUP");
    demo.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_as_json_bad_json_comes_back_then_a_good_edit_is_sent() {
    let demo = chanedit::emulator::start_demo().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let mut good = client(&demo).load_channel(CHANNEL).await.unwrap().base();
    good["port"] = serde_json::json!(8090);
    std::fs::write(dir.join("good.json"), good.to_string()).unwrap();
    // An editor that saves broken JSON the first time and a good body the second,
    // keeping a copy of what it was given.
    let script = dir.join("editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nd={}\nif [ -e \"$d/seen1\" ]; then cp \"$1\" \"$d/seen2\"; cp \"$d/good.json\" \"$1\";\n\
             else cp \"$1\" \"$d/seen1\"; printf '{{\"name\": ' > \"$1\"; fi\n",
            dir.display()
        ),
    )
    .unwrap();
    let editor = format!("sh {}", script.display());
    let mut tui = Tui::on_demo(&demo, dir, &[CHANNEL], &[("EDITOR", editor.as_str())]);
    tui.wait_for("1 Overview");
    tui.send("e");
    let screen = tui.wait_for("does not parse");
    assert!(screen.contains("draft is unchanged"), "{screen}");
    let first = std::fs::read_to_string(dir.join("seen1")).unwrap();
    assert!(
        first.contains("\"members\""),
        "the draft was offered: {first}"
    );
    assert!(!first.contains("demo-not-a-secret"));
    tui.send("e");
    tui.wait_for("Draft replaced from the editor");
    let second = std::fs::read_to_string(dir.join("seen2")).unwrap();
    assert!(
        second.starts_with("// "),
        "the error is shown in the file: {second}"
    );
    assert!(
        second.contains("{\"name\": "),
        "with the user's text: {second}"
    );
    tui.send(":w\r");
    let review = tui.wait_for("Review:");
    assert!(review.contains("port: 8080 -> 8090"), "{review}");
    tui.send("y");
    tui.wait_for("Sent. Showing the channel");
    let loaded = client(&demo).load_channel(CHANNEL).await.unwrap();
    assert_eq!(loaded.detail.port, Some(8090));
    tui.send("q");
    assert!(tui.wait_exit(10).success());
    demo.handle.shutdown().await;
}
