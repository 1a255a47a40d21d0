//! `--demo` runs in a temporary home of its own: its log, drafts and journal never land in
//! the user's real folders (HOME, XDG, CHANEDIT_HOME), and the temporary home is gone at exit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CHANNEL: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11"; // web_backend in the demo data

struct Dirs {
    _root: tempfile::TempDir,
    home: PathBuf,
    chanedit_home: PathBuf,
    tmp: PathBuf,
    work: PathBuf,
}

fn dirs() -> Dirs {
    let root = tempfile::tempdir().unwrap();
    let make = |name: &str| {
        let p = root.path().join(name);
        std::fs::create_dir(&p).unwrap();
        p
    };
    Dirs {
        home: make("home"),
        chanedit_home: make("chanedit-home"),
        tmp: make("tmp"),
        work: make("work"),
        _root: root,
    }
}

fn demo(d: &Dirs, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_chanedit"))
        .arg("--demo")
        .args(args)
        .env("HOME", &d.home)
        .env("XDG_CONFIG_HOME", d.home.join(".config"))
        .env("XDG_DATA_HOME", d.home.join(".local/share"))
        .env("XDG_STATE_HOME", d.home.join(".local/state"))
        .env("XDG_CACHE_HOME", d.home.join(".cache"))
        .env("CHANEDIT_HOME", &d.chanedit_home)
        .env("TMPDIR", &d.tmp)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p.clone());
            }
            found.push(p);
        }
    }
    found
}

fn assert_untouched(d: &Dirs) {
    for dir in [&d.home, &d.chanedit_home, &d.tmp] {
        assert_eq!(files_under(dir), Vec::<PathBuf>::new(), "{}", dir.display());
    }
}

#[test]
fn demo_show_and_list_touch_no_real_file() {
    let d = dirs();
    let out = demo(&d, &["show", CHANNEL]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("web_backend"));
    demo(&d, &["show", CHANNEL, "--json"]);
    demo(&d, &["list"]);
    assert_untouched(&d);
}

#[test]
fn a_demo_apply_journals_in_its_own_home_only() {
    let d = dirs();
    let out = demo(&d, &["show", CHANNEL, "--json"]);
    let mut body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    body["members"][0]["weight"] = serde_json::json!(9);
    let file = d.work.join("body.json");
    std::fs::write(&file, body.to_string()).unwrap();
    let out = demo(&d, &["apply", CHANNEL, file.to_str().unwrap(), "--yes"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("applied to web_backend"), "{stdout}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("not journaled"),
        "the demo's journal is written, in its own home"
    );
    assert_untouched(&d);
}
