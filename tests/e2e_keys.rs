//! The real binary in a pseudo-terminal with a `[keys]` in config.toml: the remapped keys
//! work and the old ones do not, and a yank writes an OSC 52 sequence whose payload is what
//! was copied. A broken `[keys]` stops the editor before it starts, naming file and line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use base64::Engine;
use common::pty::{Tui, WEB_BACKEND};

fn open(demo: &chanedit::emulator::Demo, home: &std::path::Path) -> Tui {
    Tui::on_demo(demo, home, &[WEB_BACKEND], &[])
}

/// The payloads of every OSC 52 sequence received so far, decoded.
fn clipboard(tui: &Tui) -> Vec<String> {
    let raw = tui.screen.0.lock().unwrap().raw.clone();
    let start = b"\x1b]52;c;";
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = raw[i..].windows(start.len()).position(|w| w == start) {
        let from = i + at + start.len();
        let len = raw[from..].iter().position(|b| *b == 0x07).unwrap();
        let b64 = &raw[from..from + len];
        let text = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        out.push(String::from_utf8(text).unwrap());
        i = from + len;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remapped_keys_work_and_a_yank_writes_osc_52_with_the_text() {
    let demo = chanedit::emulator::start_demo().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("config.toml"),
        "[keys]\neditor.pane3 = \"m\"\nyank.host = \"o\"\n",
    )
    .unwrap();
    let mut tui = open(&demo, home.path());
    tui.wait_for("web_backend");
    tui.wait_for("1 Overview");

    // 3 no longer switches pane: the id copied is the channel's, not a member's.
    tui.send("3");
    tui.send("yi");
    tui.wait_for(": the channel's id");
    assert_eq!(clipboard(&tui), vec![WEB_BACKEND.to_string()]);

    tui.send("m");
    tui.wait_for("Members 1/10");
    tui.send("y");
    tui.wait_for("o host");
    tui.send("o");
    tui.wait_for(": the host of member");
    let copied = clipboard(&tui);
    assert_eq!(copied.len(), 2, "{copied:?}");
    let host = &copied[1];
    assert!(host.parse::<std::net::IpAddr>().is_ok(), "{host:?}");
    assert!(tui.text().contains(host.as_str()), "the first row's host");

    tui.send("q");
    tui.wait_exit(20);
}

#[test]
fn a_broken_keys_section_stops_the_editor_with_file_line_and_reason() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "[keys]\n\neditor.review = \"u\"\n").unwrap();
    let out = common::process::chanedit(home.path())
        .args(["--endpoint", "http://127.0.0.1:9", WEB_BACKEND])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}:3: [keys] u is the key of both editor.review and editor.undo",
            config.display()
        )),
        "{err}"
    );
    assert!(err.contains("does not start"), "{err}");
    let keys = common::process::chanedit(home.path())
        .arg("keys")
        .output()
        .unwrap();
    assert_eq!(keys.status.code(), Some(2));
}
