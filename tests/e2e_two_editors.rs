//! Two editors on one channel, real binaries in pseudo-terminals sharing one home: the second
//! is told who holds the draft; taking over keeps the first one's draft as a copy, and the
//! first one's later saves go aside instead of over the new holder's. Nothing is lost.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::pty::{ENTER, Tui, WEB_BACKEND};

fn open(demo: &chanedit::emulator::Demo, home: &std::path::Path) -> Tui {
    Tui::on_demo(demo, home, &[WEB_BACKEND], &[])
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Wait (with a deadline) until the drafts folder holds a saved draft: an editor writes it
/// once its edits pause.
fn wait_for_saved_draft(dir: &std::path::Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !files_in(dir).iter().any(|f| f.ends_with(".json")) {
        assert!(
            std::time::Instant::now() < deadline,
            "no draft saved: {:?}",
            files_in(dir)
        );
        std::thread::yield_now();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_editor_is_told_and_taking_over_loses_neither_draft() {
    let demo = chanedit::emulator::start_demo().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut first = open(&demo, home.path());
    first.wait_for("1 Overview");
    first.send(":set port 8081");
    first.send(ENTER);
    first.wait_for("modified");
    wait_for_saved_draft(&home.path().join("drafts"));

    let mut second = open(&demo, home.path());
    let screen = second.wait_for("open in another editor");
    assert!(screen.contains("process"), "{screen}");
    // A stray key does nothing; t takes the draft over.
    second.send("d");
    second.send("t");
    second.wait_for("Draft taken over");
    let drafts = home.path().join("drafts");
    let taken = files_in(&drafts);
    assert!(
        taken.iter().any(|f| f.contains(".taken-from-")),
        "the first editor's draft was copied aside: {taken:?}"
    );
    // The saved draft is offered to the new holder.
    second.wait_for("Restore it?");
    second.send("y");
    second.send(":set port 8082");
    second.send(ENTER);
    second.wait_for("8082");

    // The first editor edits again: its save goes aside, not over the second one's draft.
    first.send(":set port 8083");
    first.send(ENTER);
    first.wait_for("took this draft over");
    let files = files_in(&drafts);
    assert!(files.iter().any(|f| f.contains(".kept-by-")), "{files:?}");
    let current = std::fs::read_dir(&drafts)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .unwrap();
    assert!(
        current.contains("8082"),
        "the second editor's draft stands: {current}"
    );
    for tui in [&mut first, &mut second] {
        tui.send(":q!");
        tui.send(ENTER);
        tui.wait_exit(10);
    }
}
