//! The draft lock: a second editor on a channel is told who holds its draft; a dead holder's
//! lock is taken over; taking over from a live holder keeps its draft as a copy, and its later
//! saves go aside instead of overwriting; neither editor's work is ever lost.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chanedit::config::drafts::{draft_file, load_draft_in};
use chanedit::config::drafts_lock::lock_file;
use chanedit::config::{DraftLock, Holder, Saved};
use serde_json::{Value, json};

const CHANNEL: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11";

fn drafts() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("drafts");
    (home, dir)
}

fn this_host(dir: &Path) -> String {
    let probe = DraftLock::acquire_in(dir, "probe").unwrap().unwrap();
    probe.holder().host.clone()
}

/// A lock file naming another process, as another editor would leave it.
fn lock_of(dir: &Path, pid: u32, host: &str) -> Holder {
    let holder = Holder {
        pid,
        host: host.into(),
        since: "2024-05-01T10:00:00Z".into(),
    };
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        lock_file(dir, CHANNEL),
        serde_json::to_vec(&holder).unwrap(),
    )
    .unwrap();
    holder
}

fn read(file: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

#[test]
fn a_second_editor_is_told_who_holds_the_draft_until_it_is_released() {
    let (_home, dir) = drafts();
    let first = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap();
    let held_by = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap_err();
    assert_eq!(&held_by, first.holder());
    assert_eq!(held_by.pid, std::process::id());
    let told = held_by.to_string();
    assert!(
        told.contains(&format!("process {}", std::process::id())),
        "{told}"
    );
    assert!(
        told.contains(&held_by.host) && told.contains(&held_by.since),
        "{told}"
    );
    drop(first);
    assert!(!lock_file(&dir, CHANNEL).exists(), "drop releases the lock");
    let second = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap();
    assert!(second.is_held());
}

#[test]
fn a_lock_held_by_a_running_process_is_respected_and_taken_once_it_ends() {
    let (_home, dir) = drafts();
    let host = this_host(&dir);
    // Another process of this host: it runs until its stdin closes.
    let mut other = Command::new("cat")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let holder = lock_of(&dir, other.id(), &host);
    let held_by = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap_err();
    assert_eq!(held_by, holder);
    drop(other.stdin.take());
    other.wait().unwrap();
    // Now it is a dead process of this host: the lock is stale.
    let lock = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap();
    assert_eq!(lock.holder().pid, std::process::id());
    assert!(lock.is_held());
}

#[test]
fn a_lock_from_another_host_or_unreadable_is_handled_safely() {
    let (_home, dir) = drafts();
    // A process elsewhere may be alive: never taken over silently.
    let remote = lock_of(&dir, 1, "some-other-host.example");
    assert_eq!(
        DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap_err(),
        remote
    );
    // A lock file that is not a lock (written by hand, cut short) is stale.
    std::fs::write(lock_file(&dir, CHANNEL), "{\"pid\": 12").unwrap();
    let lock = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap();
    assert!(lock.is_held());
}

#[test]
fn taking_over_from_a_live_holder_loses_neither_draft() {
    let (_home, dir) = drafts();
    let first = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap();
    assert_eq!(
        first.save(&json!({"name": "first-1"})).unwrap(),
        Saved::InPlace
    );

    let held_by = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap_err();
    let (second, copy) = DraftLock::take_over_in(&dir, CHANNEL, &held_by).unwrap();
    let copy = copy.expect("the holder had a draft");
    assert!(
        copy.display().to_string().contains(".json.taken-from-"),
        "{copy:?}"
    );
    assert_eq!(read(&copy), json!({"name": "first-1"}));
    assert!(second.is_held());
    assert!(!first.is_held());
    assert_eq!(
        second.load().unwrap(),
        Some(json!({"name": "first-1"})),
        "the new holder may restore it"
    );

    // The first editor keeps typing: its saves go aside and say so.
    let Saved::Aside { file, by } = first.save(&json!({"name": "first-2"})).unwrap() else {
        panic!("a save after a take-over must not go in place");
    };
    assert_eq!(by.as_ref(), Some(second.holder()));
    assert_eq!(read(&file), json!({"name": "first-2"}));
    assert_eq!(read(&draft_file(&dir, CHANNEL)), json!({"name": "first-1"}));

    assert_eq!(
        second.save(&json!({"name": "second-1"})).unwrap(),
        Saved::InPlace
    );
    drop(first);
    assert!(
        second.is_held(),
        "the old holder's drop leaves the new lock alone"
    );
    assert_eq!(
        load_draft_in(&dir, CHANNEL).unwrap(),
        Some(json!({"name": "second-1"}))
    );
    // Every version is somewhere.
    assert_eq!(read(&copy)["name"], "first-1");
    assert_eq!(read(&file)["name"], "first-2");
}

#[test]
fn a_take_over_from_a_holder_that_changed_takes_nothing() {
    let (_home, dir) = drafts();
    let first = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap();
    let stale_view = Holder {
        pid: 4242,
        host: first.holder().host.clone(),
        since: "2024-05-01T10:00:00Z".into(),
    };
    let err = DraftLock::take_over_in(&dir, CHANNEL, &stale_view).unwrap_err();
    assert!(err.to_string().contains("nothing was taken over"), "{err}");
    assert!(first.is_held());
}

#[test]
fn saved_drafts_keep_no_secret_even_when_kept_aside() {
    let (_home, dir) = drafts();
    let first = DraftLock::acquire_in(&dir, CHANNEL).unwrap().unwrap();
    let holder = first.holder().clone();
    let (_second, _) = DraftLock::take_over_in(&dir, CHANNEL, &holder).unwrap();
    let secret =
        json!({"microservice_info": {"nacos_info": {"user_info": {"password": "hunter2"}}}});
    let Saved::Aside { file, .. } = first.save(&secret).unwrap() else {
        panic!("expected a save aside");
    };
    assert!(!std::fs::read_to_string(file).unwrap().contains("hunter2"));
}
