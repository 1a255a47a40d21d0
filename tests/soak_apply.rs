//! Soak: 100 `chanedit apply` runs against an emulator process that drops connections,
//! answers 500 and HTML pages, and applies writes without answering them (seeded, so every
//! run meets the same faults). After every run, what chanedit reported (exit code, and the
//! settling of an earlier unknown outcome) is checked against what the emulator holds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::Duration;

use chanedit::api::{Auth, Client, ClientConfig};
use serde_json::{Value, json};
use support::{AK, INSTANCE, PROJECT, SK, chanedit_via, process};

/// `web_backend` of the demo data.
const WEB: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11";
const CYCLES: usize = 100;

fn emulator_with_faults() -> (process::Running, String) {
    let faults = [
        "--seed",
        "20240601",
        "--drop-rate",
        "0.05",
        "--error-rate",
        "0.05",
        "--garbage-rate",
        "0.05",
        "--drop-after-apply-rate",
        "0.3",
    ];
    let home = process::temp_home();
    let mut child = process::chanedit(home.path())
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--ak",
            AK,
            "--sk",
            SK,
        ])
        .args(faults)
        .stdout(Stdio::piped())
        // The access log: one line per request, not wanted in the test output.
        .stderr(Stdio::null())
        .spawn()
        .expect("start chanedit emulator");
    let line = process::first_line(child.stdout.take().unwrap());
    (
        process::Running::with_home(child, home),
        process::loopback_url(&line),
    )
}

/// A reader that gets through the faults by trying again (each try rolls the dice anew).
fn truth_reader(url: &str) -> Client {
    let mut cfg = ClientConfig::new(
        url,
        PROJECT,
        INSTANCE,
        Auth::AkSk {
            ak: AK.into(),
            sk: SK.into(),
            security_token: None,
        },
    );
    cfg.retry.attempts = 60;
    cfg.retry.base_delay = Duration::from_millis(1);
    cfg.retry.max_delay = Duration::from_millis(4);
    Client::new(cfg).unwrap()
}

async fn held(truth: &Client) -> Value {
    truth.load_channel(WEB).await.unwrap().base()
}

fn same(a: &Value, b: &Value) -> bool {
    chanedit::diff::diff(a, b).is_empty()
}

/// The change of cycle `i`: the first member's weight always moves; now and then a member
/// comes or goes.
fn change(before: &Value, i: usize) -> Value {
    let mut draft = before.clone();
    let members = draft["members"].as_array_mut().unwrap();
    let w = members[0]["weight"].as_i64().unwrap_or(1);
    members[0]["weight"] = json!(if w >= 90 { 1 } else { w + 1 });
    if i % 7 == 3 {
        let group = members[0]["member_group_name"].clone();
        members.push(json!({"host": format!("10.77.{}.{}", i / 200, i % 200 + 1),
            "weight": 2, "member_group_name": group}));
    } else if i % 7 == 5 && members.len() > 10 {
        members.pop();
    }
    draft
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_applies_under_faults_report_every_outcome_truly() {
    let (_emulator, url) = emulator_with_faults();
    let truth = truth_reader(&url);
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("body.json");
    let file_arg = file.display().to_string();
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wrong: Vec<String> = Vec::new();
    // What an apply that exited 3 sent: the next apply to settle it must tell the truth.
    let mut unsettled: Option<Value> = None;

    for i in 0..CYCLES {
        let before = held(&truth).await;
        let draft = change(&before, i);
        std::fs::write(&file, serde_json::to_vec_pretty(&draft).unwrap()).unwrap();
        let run = chanedit_via(
            &url,
            &[],
            home.path(),
            SK,
            &["apply", WEB, &file_arg, "--yes"],
            "",
        )
        .await;
        let after = held(&truth).await;

        if let Some(sent) = unsettled.take() {
            if run.stderr.contains("now settled") {
                let said_applied = run.stderr.contains("now settled: it was applied");
                if said_applied != same(&before, &sent) {
                    wrong.push(format!("cycle {i}: wrong settling: {}", run.stderr));
                }
                *tally.entry("settled later").or_default() += 1;
            } else {
                // This run stopped before it loaded the channel: the next one settles it.
                unsettled = Some(sent);
            }
        }
        let lost = run.stderr.contains("the answer to the update was lost");
        let outcome = match run.code {
            0 if same(&after, &draft) && lost => "lost, then confirmed applied",
            0 if same(&after, &draft) => "applied",
            1 if same(&after, &before) && lost => "lost, then confirmed not applied",
            1 if same(&after, &before) => "failed, nothing changed",
            3 if run.stderr.contains("outcome is unknown") => {
                unsettled = Some(draft.clone());
                "unknown (exit 3)"
            }
            code => {
                wrong.push(format!(
                    "cycle {i}: exit {code}, the emulator holds {}: {}",
                    if same(&after, &draft) {
                        "the change"
                    } else if same(&after, &before) {
                        "the old state"
                    } else {
                        "something else"
                    },
                    run.stderr
                ));
                "wrong"
            }
        };
        *tally.entry(outcome).or_default() += 1;
    }
    eprintln!("soak, {CYCLES} applies: {tally:?}");
    assert!(wrong.is_empty(), "{} wrong: {wrong:#?}", wrong.len());
    // The faults did happen: answers were lost after the update was applied, and plain
    // failures left the channel as it was.
    assert!(
        tally
            .get("lost, then confirmed applied")
            .copied()
            .unwrap_or(0)
            > 0,
        "{tally:?}"
    );
    assert!(
        tally.get("failed, nothing changed").copied().unwrap_or(0) > 0,
        "{tally:?}"
    );
}
