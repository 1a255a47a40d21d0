//! `find`, `drain` and `undrain` through the real binary against the emulator with two
//! gateways: a backend is found in every channel of both gateways that has it and in none
//! that does not; a drain disables exactly its enabled members, asks for the word `drain`
//! when it would leave a group with no enabled member, and journals one operation; undrain
//! puts every channel back as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;
mod support;

use std::collections::BTreeSet;

use chanedit::emulator::{EmulatorConfig, FaultRates, Project};
use emulator_support::{Emu, Lines, PROJECT, STAGING, client, start};
use serde_json::{Value, json};
use support::{Run, SK, chanedit_via, journal};

const PROD: &str = emulator_support::INSTANCE;
const BACKEND: &str = "10.9.0.1";

const WEB: &str = "a0000000000000000000000000000001";
const API: &str = "a0000000000000000000000000000002";
const OTHER: &str = "a0000000000000000000000000000003";
const PAY: &str = "b0000000000000000000000000000001";
const SOLO: &str = "b0000000000000000000000000000002";

/// Two gateways. 10.9.0.1 is in WEB (port 80, group blue), API (port 9000, already
/// disabled, and the channel port 8080 too), PAY and SOLO, where it is the only member of
/// group `only`; OTHER does not have it.
fn seed() -> String {
    let m = |host: &str, group: &str, port: i64, status: i64| json!({"host": host, "member_group_name": group, "port": port, "status": status, "weight": 5});
    let channel = |id: &str, name: &str, port: i64, groups: &[&str], members: Vec<Value>| {
        json!({"id": id, "name": name, "port": port, "balance_strategy": 1, "member_type": "ip",
               "member_groups": groups.iter().map(|g| json!({"member_group_name": g, "member_group_weight": 1})).collect::<Vec<_>>(),
               "members": members})
    };
    json!({"gateways": [
        {"id": PROD, "instance_name": "prod", "channels": [
            channel(WEB, "web", 80, &["blue", "green"], vec![
                m(BACKEND, "blue", 0, 1), m("10.9.0.2", "blue", 0, 1), m("10.9.0.3", "green", 0, 1)]),
            channel(API, "api", 8080, &["grp1"], vec![
                m(BACKEND, "grp1", 9000, 2), m(BACKEND, "grp1", 0, 1), m("10.9.0.4", "grp1", 0, 1)]),
            channel(OTHER, "other", 80, &["grp1"], vec![m("10.9.0.10", "grp1", 0, 1), m("10.9.0.11", "grp1", 0, 1)]),
         ],
         "apis": [
            {"name": "get_web", "req_method": "GET", "req_uri": "/web", "vpc_channel_id": WEB},
            {"name": "put_web", "req_method": "PUT", "req_uri": "/web", "vpc_channel_id": WEB}]},
        {"id": STAGING, "instance_name": "staging", "channels": [
            channel(PAY, "pay", 443, &["primary"], vec![m(BACKEND, "primary", 0, 1), m("10.9.0.6", "primary", 0, 1)]),
            channel(SOLO, "solo", 443, &["only", "rest"], vec![m(BACKEND, "only", 0, 1), m("10.9.0.7", "rest", 0, 1)]),
        ]},
    ]})
    .to_string()
}

async fn emulator() -> (Emu, Lines) {
    emulator_with(FaultRates::default()).await
}

async fn emulator_with(faults: FaultRates) -> (Emu, Lines) {
    let mut cfg = EmulatorConfig::with_project(PROJECT, Project::from_seed(&seed(), None).unwrap());
    cfg.auth.ak = Some(emulator_support::AK.into());
    cfg.auth.sk = Some(emulator_support::SK.into());
    cfg.auth.token = Some(emulator_support::TOKEN.into());
    cfg.faults = faults;
    cfg.seed = Some(7);
    let lines = Lines::default();
    cfg.access_log = Some(lines.sink());
    (start(cfg).await, lines)
}

async fn run(emu: &Emu, home: &std::path::Path, args: &[&str], stdin: &str) -> Run {
    chanedit_via(&emu.handle.url(), &[], home, SK, args, stdin).await
}

/// Every channel of both gateways as a PUT body, by id.
async fn everything(emu: &Emu) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (gw, ids) in [(PROD, vec![WEB, API, OTHER]), (STAGING, vec![PAY, SOLO])] {
        let c = client(emu, gw);
        for id in ids {
            out.push((id.to_string(), c.load_channel(id).await.unwrap().base()));
        }
    }
    out
}

/// (channel, port, status) of every member at `host`.
fn statuses(all: &[(String, Value)], host: &str) -> BTreeSet<(String, i64, i64)> {
    all.iter()
        .flat_map(|(id, body)| {
            body["members"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| m["host"] == host)
                .map(|m| {
                    (
                        id.clone(),
                        m["port"].as_i64().unwrap_or(0),
                        m["status"].as_i64().unwrap_or(1),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn operation_of(stdout: &str) -> String {
    let at = stdout.find("operation ").unwrap() + "operation ".len();
    stdout[at..at + 16].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_lists_the_backend_in_every_channel_of_both_gateways_that_has_it() {
    let (emu, lines) = emulator().await;
    let home = tempfile::tempdir().unwrap();
    let found = run(&emu, home.path(), &["find", BACKEND, "--json"], "").await;
    assert_eq!(found.code, 0, "{}", found.stderr);
    let v: Value = serde_json::from_str(&found.stdout).unwrap();
    let rows: BTreeSet<(String, String, i64, i64)> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["gateway_id"].as_str().unwrap().to_string(),
                r["channel_id"].as_str().unwrap().to_string(),
                r["port"].as_i64().unwrap(),
                r["status"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, i64, i64)> = [
        (PROD, WEB, 80, 1),
        (PROD, API, 9000, 2),
        (PROD, API, 8080, 1),
        (STAGING, PAY, 443, 1),
        (STAGING, SOLO, 443, 1),
    ]
    .into_iter()
    .map(|(g, c, p, s)| (g.to_string(), c.to_string(), p, s))
    .collect();
    assert_eq!(rows, expected, "{}", found.stdout);
    let web = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["channel_id"] == WEB)
        .unwrap();
    assert_eq!(web["member_group_name"], "blue");
    assert_eq!(
        (web["weight"].as_i64(), web["is_backup"].as_bool()),
        (Some(5), Some(false))
    );
    assert_eq!(web["gateway_name"], "prod");
    // The list's member_host filter did the searching: OTHER's members were never read.
    assert!(
        lines
            .matching("GET", &format!("{OTHER}/members"))
            .is_empty()
    );
    assert!(
        lines
            .all()
            .iter()
            .any(|l| l.contains("member_host=10.9.0.1"))
    );

    // With a port, only the members on that (effective) port.
    let on_port = run(&emu, home.path(), &["find", "10.9.0.1:443"], "").await;
    assert_eq!(on_port.code, 0, "{}", on_port.stderr);
    let shown: Vec<&str> = on_port.stdout.lines().collect();
    assert!(shown[0].starts_with("GATEWAY"), "{}", on_port.stdout);
    let channels: BTreeSet<&str> = shown[1..shown.len() - 1]
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        channels,
        BTreeSet::from(["pay", "solo"]),
        "{}",
        on_port.stdout
    );
    assert!(
        on_port
            .stdout
            .ends_with("10.9.0.1:443: 2 member(s) in 2 channel(s), 2 gateway(s) searched\n"),
        "{}",
        on_port.stdout
    );

    let nowhere = run(&emu, home.path(), &["find", "10.9.0.99"], "").await;
    assert_eq!(nowhere.code, 0, "{}", nowhere.stderr);
    assert_eq!(
        nowhere.stdout,
        "10.9.0.99 is a member of no channel on 2 gateway(s)\n"
    );
    let bad = run(&emu, home.path(), &["find", "10.9.0.1:http"], "").await;
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("the port must be a number"),
        "{}",
        bad.stderr
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drain_then_undrain_leaves_every_channel_as_it_was_and_both_show_in_history() {
    let (emu, lines) = emulator().await;
    let home = tempfile::tempdir().unwrap();
    let before = everything(&emu).await;

    // SOLO's group `only` would be left with no enabled member: the word is typed.
    let drain = run(&emu, home.path(), &["drain", BACKEND, "--yes"], "drain\n").await;
    assert_eq!(drain.code, 0, "{}\n{}", drain.stdout, drain.stderr);
    let out = &drain.stdout;
    assert!(
        out.contains("drain 10.9.0.1: disable 4 member(s) in 4 channel(s)"),
        "{out}"
    );
    let web_row = out.lines().find(|l| l.contains(WEB)).unwrap();
    assert_eq!(
        web_row.split_whitespace().take(5).collect::<Vec<_>>(),
        ["prod", "web", WEB, "2", "3"],
        "the review counts the APIs behind the channel: {out}"
    );
    assert!(
        out.contains(
            "warning: in channel solo this disables the last enabled member of group only"
        ),
        "{out}"
    );
    let drained = everything(&emu).await;
    assert_eq!(
        statuses(&drained, BACKEND),
        BTreeSet::from([
            (WEB.to_string(), 80, 2),
            (API.to_string(), 9000, 2),
            (API.to_string(), 8080, 2),
            (PAY.to_string(), 443, 2),
            (SOLO.to_string(), 443, 2),
        ])
    );
    // Narrow writes only, one per channel; nothing else on any channel changed.
    assert_eq!(lines.matching("POST", "/members/batch-disable").len(), 4);
    assert!(lines.matching("PUT", "").is_empty(), "{:?}", lines.all());
    for ((id, was), (_, now)) in before.iter().zip(&drained) {
        let d = chanedit::diff::diff(was, now);
        assert!(
            d.fields.is_empty() && d.groups.is_empty(),
            "{id}: {}",
            d.render(false)
        );
    }
    assert!(
        chanedit::diff::diff(&before[2].1, &drained[2].1).is_empty(),
        "OTHER untouched"
    );
    let op = operation_of(out);
    let entries = journal(home.path());
    assert_eq!(entries.len(), 4, "one entry per channel: {entries:?}");
    assert!(entries.iter().all(|e| e["operation"] == op.as_str()
        && e["action"] == "drain 10.9.0.1"
        && e["outcome"] == "ok"));

    let undrain = run(&emu, home.path(), &["undrain", &op[..8], "--yes"], "").await;
    assert_eq!(undrain.code, 0, "{}\n{}", undrain.stdout, undrain.stderr);
    assert!(undrain.stdout.contains("undrain "), "{}", undrain.stdout);
    assert_eq!(lines.matching("POST", "/members/batch-enable").len(), 4);
    let after = everything(&emu).await;
    for ((id, was), (_, now)) in before.iter().zip(&after) {
        let d = chanedit::diff::diff(was, now);
        assert!(d.is_empty(), "{id} is not as it was:\n{}", d.render(false));
    }
    // The member disabled before the drain stays disabled.
    assert!(statuses(&after, BACKEND).contains(&(API.to_string(), 9000, 2)));

    let history = run(&emu, home.path(), &["history"], "").await;
    assert_eq!(history.code, 0, "{}", history.stderr);
    let rows: Vec<&str> = history.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 8, "{}", history.stdout);
    assert_eq!(
        rows.iter()
            .filter(|r| r.contains(&format!("drain 10.9.0.1 (operation {op})")))
            .count(),
        4,
        "{}",
        history.stdout
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r.contains(&format!("undrain {op}")))
            .count(),
        4,
        "{}",
        history.stdout
    );
    let of_op = run(&emu, home.path(), &["history", &op, "--json"], "").await;
    let listed: Vec<Value> = serde_json::from_str(&of_op.stdout).unwrap();
    assert_eq!(listed.len(), 4, "{}", of_op.stdout);
    assert!(
        listed
            .iter()
            .all(|l| l["changed"] == 1 && l["outcome"] == "ok")
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabling_the_last_enabled_member_of_a_group_needs_the_word_typed() {
    let (emu, lines) = emulator().await;
    let home = tempfile::tempdir().unwrap();
    for (stdin, why) in [
        ("", "no answer"),
        ("y\n", "y is not the word"),
        ("yes\n", "nor yes"),
    ] {
        let refused = run(&emu, home.path(), &["drain", BACKEND, "--yes"], stdin).await;
        assert_eq!(refused.code, 1, "{why}: {}", refused.stderr);
        assert!(
            refused.stderr.contains("type `drain` or the host"),
            "{}",
            refused.stderr
        );
        assert!(
            refused.stderr.contains("nothing sent"),
            "{}",
            refused.stderr
        );
    }
    assert!(lines.matching("POST", "/members/batch-disable").is_empty());
    assert!(journal(home.path()).is_empty());

    // The host works as well as the word.
    let typed = run(
        &emu,
        home.path(),
        &["drain", BACKEND, "--yes"],
        "10.9.0.1\n",
    )
    .await;
    assert_eq!(typed.code, 0, "{}", typed.stderr);
    assert_eq!(lines.matching("POST", "/members/batch-disable").len(), 4);

    // A drain that leaves every group an enabled member takes --yes alone.
    let plain = run(&emu, home.path(), &["drain", "10.9.0.10", "--yes"], "").await;
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(!plain.stderr.contains("type `drain`"), "{}", plain.stderr);
    // Without --yes and without a terminal nothing is asked and nothing sent.
    let no_tty = run(&emu, home.path(), &["drain", "10.9.0.11"], "drain\n").await;
    assert_eq!(no_tty.code, 2, "{}", no_tty.stderr);
    assert_eq!(lines.matching("POST", "/members/batch-disable").len(), 5);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_covers_every_profile_with_all_profiles() {
    let (one, _) = emulator().await;
    let (two, _) = emulator().await;
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("config.toml"),
        format!(
            "[profiles.east]\nendpoint = \"{}\"\n[profiles.west]\nendpoint = \"{}\"\n",
            one.handle.url(),
            two.handle.url()
        ),
    )
    .unwrap();
    let out = tokio::task::spawn_blocking({
        let home = home.path().to_path_buf();
        move || {
            support::process::chanedit(&home)
                .env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", home.join("none"))
                .env("HUAWEICLOUD_SDK_AK", support::AK)
                .env("HUAWEICLOUD_SDK_SK", SK)
                .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
                .args(["find", "10.9.0.1:443", "--all-profiles"])
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profiles: Vec<(&str, &str)> = stdout
        .lines()
        .skip(1)
        .filter(|l| l.contains("staging"))
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[0], w[2])
        })
        .collect();
    assert_eq!(
        profiles,
        [
            ("east", "pay"),
            ("east", "solo"),
            ("west", "pay"),
            ("west", "solo")
        ],
        "{stdout}"
    );
    one.stop().await;
    two.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drain_whose_answers_are_lost_is_settled_by_reading_the_channels_back() {
    // Every write is carried out and then left unanswered.
    let (emu, _) = emulator_with(FaultRates {
        drop_after_apply_rate: 1.0,
        ..Default::default()
    })
    .await;
    let home = tempfile::tempdir().unwrap();
    let drain = run(&emu, home.path(), &["drain", "10.9.0.10", "--yes"], "").await;
    assert_eq!(drain.code, 0, "{}\n{}", drain.stdout, drain.stderr);
    assert!(
        drain
            .stdout
            .contains("other (prod): disabled 1 member(s) (the answer was lost; the channel read back holds it)"),
        "{}",
        drain.stdout
    );
    assert_eq!(
        statuses(&everything(&emu).await, "10.9.0.10"),
        BTreeSet::from([(OTHER.to_string(), 80, 2)])
    );
    let entries = journal(home.path());
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0]["outcome"], "unknown");
    assert_eq!(entries[1]["confirms"], entries[0]["id"]);
    assert_eq!(entries[1]["confirmed"], "applied");
    assert_eq!(entries[1]["operation"], entries[0]["operation"]);

    let history = run(&emu, home.path(), &["history"], "").await;
    assert!(
        history.stdout.contains("unknown, then applied"),
        "{}",
        history.stdout
    );
    assert_eq!(
        history.stdout.lines().count(),
        2,
        "the settling line is no entry of its own"
    );
    // The settled drain can be undone.
    let op = entries[0]["operation"].as_str().unwrap();
    let undrain = run(&emu, home.path(), &["undrain", op, "--yes"], "").await;
    assert_eq!(undrain.code, 0, "{}\n{}", undrain.stdout, undrain.stderr);
    assert_eq!(
        statuses(&everything(&emu).await, "10.9.0.10"),
        BTreeSet::from([(OTHER.to_string(), 80, 1)])
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_and_drain_back_off_from_throttling_and_finish() {
    // A third of all requests, reads and writes, are answered 429 APIG.0308.
    let (emu, lines) = emulator_with(FaultRates {
        throttle_rate: 0.3,
        ..Default::default()
    })
    .await;
    let home = tempfile::tempdir().unwrap();
    let found = run(&emu, home.path(), &["find", BACKEND, "--json"], "").await;
    assert_eq!(found.code, 0, "{}", found.stderr);
    let v: Value = serde_json::from_str(&found.stdout).unwrap();
    assert_eq!(v["members"].as_array().unwrap().len(), 5, "{v}");
    let drain = run(&emu, home.path(), &["drain", "10.9.0.10", "--yes"], "").await;
    assert_eq!(drain.code, 0, "{}\n{}", drain.stdout, drain.stderr);
    assert!(
        drain
            .stdout
            .contains("other (prod): disabled 1 member(s), verified"),
        "{}",
        drain.stdout
    );
    let throttled = lines.all().iter().filter(|l| l.contains(" 429 ")).count();
    assert!(
        throttled > 0,
        "the emulator throttled nothing: the test proves nothing"
    );
    assert_eq!(
        statuses(&everything(&emu).await, "10.9.0.10"),
        BTreeSet::from([(OTHER.to_string(), 80, 2)])
    );
}
