//! A newcomer's path through the real binary against the emulator (demo data): `show --body`,
//! edit the file, `validate` it, `apply` it; and `export --all` / `diff --all` as a snapshot
//! of the whole gateway.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;
mod support;

use std::path::Path;

use emulator_support::{
    BILLING_ECS, BULK, CATALOG_NACOS, Emu, INSTANCE, ORDERS_CCE, REFERENCE, WEB, client,
    demo_config, start,
};
use serde_json::{Value, json};
use support::{Run, SK, chanedit_via};

const DEMO_CHANNELS: [&str; 6] = [WEB, BILLING_ECS, ORDERS_CCE, CATALOG_NACOS, REFERENCE, BULK];

async fn run(emu: &Emu, home: &Path, args: &[&str]) -> Run {
    chanedit_via(&emu.handle.url(), &[], home, SK, args, "").await
}

async fn body_of(emu: &Emu, home: &Path, id: &str) -> Value {
    let shown = run(emu, home, &["show", id, "--body"]).await;
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    serde_json::from_str(&shown.stdout).unwrap()
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p.display().to_string()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_body_edited_and_applied_is_clean_and_changes_the_server() {
    let emu = start(demo_config()).await;
    let home = tempfile::tempdir().unwrap();

    let mut body = body_of(&emu, home.path(), WEB).await;
    for field in ["id", "create_time", "status", "type"] {
        assert!(body.get(field).is_none(), "{field} in {body}");
    }
    assert_eq!(body["vpc_channel_type"], "builtin");
    assert!(body["members"][0].get("health_status").is_none());
    assert!(body["member_groups"][0].get("member_group_id").is_none());

    let before = body["members"][0]["weight"].as_i64().unwrap();
    body["members"][0]["weight"] = json!(before + 7);
    body["member_groups"][1]["member_group_remark"] = json!("canary, edited");
    let file = write(home.path(), "web.json", &body);

    let checked = run(&emu, home.path(), &["validate", &file]).await;
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert_eq!(checked.stdout, "", "validate reports nothing");

    let applied = run(&emu, home.path(), &["apply", WEB, &file, "--yes"]).await;
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    assert!(
        !applied.stderr.contains("warning"),
        "no warning: {}",
        applied.stderr
    );
    assert!(
        applied.stdout.contains("applied to web_backend"),
        "{}",
        applied.stdout
    );

    let now = emu.get(&format!("/vpc-channels/{WEB}")).await.json;
    let host = body["members"][0]["host"].as_str().unwrap();
    let member = emu
        .all_members(WEB)
        .await
        .into_iter()
        .find(|m| {
            m["host"] == host && m["member_group_name"] == body["members"][0]["member_group_name"]
        })
        .unwrap();
    assert_eq!(member["weight"], before + 7);
    let green = now["member_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["member_group_name"] == "green")
        .unwrap();
    assert_eq!(green["member_group_remark"], "canary, edited");

    // Unedited, the same body is no change at all.
    let again = body_of(&emu, home.path(), WEB).await;
    let file = write(home.path(), "again.json", &again);
    let applied = run(&emu, home.path(), &["apply", WEB, &file, "--yes"]).await;
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    assert_eq!(applied.stdout, "no changes; nothing sent\n");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_masked_secret_in_show_body_is_restored_by_apply() {
    let emu = start(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let password =
        |v: &Value| v["microservice_info"]["nacos_info"]["user_info"]["password"].clone();

    let mut body = body_of(&emu, home.path(), CATALOG_NACOS).await;
    assert_eq!(password(&body), "***");
    body["members"][0]["weight"] = json!(9);
    let file = write(home.path(), "nacos.json", &body);
    let applied = run(&emu, home.path(), &["apply", CATALOG_NACOS, &file, "--yes"]).await;
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    assert!(!applied.stderr.contains("warning"), "{}", applied.stderr);
    assert!(!applied.stdout.contains("password"), "{}", applied.stdout);

    let now = emu
        .get(&format!("/vpc-channels/{CATALOG_NACOS}"))
        .await
        .json;
    assert_eq!(password(&now), "demo-not-a-secret");
    let weights: Vec<Value> = emu
        .all_members(CATALOG_NACOS)
        .await
        .iter()
        .map(|m| m["weight"].clone())
        .collect();
    assert!(weights.contains(&json!(9)), "{weights:?}");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_show_body_validates_with_nothing_to_report() {
    let emu = start(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    for id in DEMO_CHANNELS {
        let body = body_of(&emu, home.path(), id).await;
        let file = write(home.path(), "body.json", &body);
        let checked = run(&emu, home.path(), &["validate", &file]).await;
        assert_eq!(checked.code, 0, "{id}: {}", checked.stderr);
        assert_eq!(checked.stdout, "", "{id} reports something");
        assert_eq!(checked.stderr.trim(), "ok", "{id}");
    }
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_body_lists_fields_in_the_order_of_the_loaded_channel() {
    let emu = start(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let shown = run(&emu, home.path(), &["show", ORDERS_CCE, "--json"]).await;
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let loaded: Value = serde_json::from_str(&shown.stdout).unwrap();
    let body = body_of(&emu, home.path(), ORDERS_CCE).await;

    // The body's keys are the loaded channel's keys minus the response-only ones, in order.
    let in_order = |body: &Value, loaded: &Value| {
        let wanted = keys(body);
        let kept: Vec<&str> = keys(loaded)
            .into_iter()
            .filter(|k| wanted.contains(k))
            .collect();
        assert_eq!(wanted, kept);
    };
    in_order(&body, &loaded);
    assert!(keys(&body).contains(&"microservice_info"));
    in_order(&body["members"][0], &loaded["members"][0]);
    in_order(&body["member_groups"][0], &loaded["member_groups"][0]);
    in_order(&body["vpc_health_config"], &loaded["vpc_health_config"]);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_prints_each_warning_once() {
    let emu = start(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let mut body = body_of(&emu, home.path(), WEB).await;
    // The deprecated `type` beside `vpc_channel_type` is a warning, not an error.
    body["type"] = json!(2);
    body["members"][0]["weight"] = json!(3);
    let file = write(home.path(), "typed.json", &body);
    let applied = run(&emu, home.path(), &["apply", WEB, &file, "--yes"]).await;
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let all = format!("{}{}", applied.stdout, applied.stderr);
    assert_eq!(all.matches("warning type:").count(), 1, "{all}");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_then_diff_all_is_equal_until_the_server_changes() {
    let emu = start(demo_config()).await;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("snapshot");
    let dir_arg = dir.display().to_string();

    let exported = run(&emu, home.path(), &["export", "--all", &dir_arg]).await;
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), DEMO_CHANNELS.len(), "{names:?}");
    let web_file = format!("web_backend.{WEB}.json");
    assert!(names.contains(&web_file), "{names:?}");
    // Each file is what `show --body` prints.
    let shown = run(&emu, home.path(), &["show", WEB, "--body"]).await;
    assert_eq!(
        std::fs::read_to_string(dir.join(&web_file)).unwrap(),
        shown.stdout
    );

    let same = run(&emu, home.path(), &["diff", "--all", &dir_arg]).await;
    assert_eq!(same.code, 0, "{}\n{}", same.stdout, same.stderr);
    assert!(
        same.stdout.contains("no differences: 6 channels"),
        "{}",
        same.stdout
    );

    // Someone changes a weight on the gateway; a channel's file goes; a stray one comes.
    let api = client(&emu, INSTANCE);
    let mut live = api.load_channel(WEB).await.unwrap().base();
    let host = live["members"][0]["host"].as_str().unwrap().to_string();
    let old = live["members"][0]["weight"].as_i64().unwrap();
    live["members"][0]["weight"] = json!(old + 1);
    api.update_channel(WEB, &live).await.unwrap();
    std::fs::remove_file(dir.join(format!("bulk_2000.{BULK}.json"))).unwrap();
    let stray = "old_channel.0123456789abcdef0123456789abcdef.json";
    std::fs::write(dir.join(stray), "{\"members\": [], \"member_groups\": []}").unwrap();

    let changed = run(&emu, home.path(), &["diff", "--all", &dir_arg]).await;
    assert_eq!(changed.code, 1, "{}\n{}", changed.stdout, changed.stderr);
    let out = &changed.stdout;
    assert!(out.contains(&format!("== web_backend ({WEB})")), "{out}");
    assert!(
        out.contains(&format!(
            "~ member {host}:8080 (group blue): weight {old} -> {}",
            old + 1
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("only on the gateway: bulk_2000 ({BULK})")),
        "{out}"
    );
    assert!(
        out.contains(&format!("only in the snapshot: {dir_arg}/{stray}")),
        "{out}"
    );
    assert!(
        !out.contains(&format!("({ORDERS_CCE})")),
        "equal channels stay quiet: {out}"
    );
    assert!(
        out.contains("1 differ, 1 only on the gateway, 1 only in the snapshot, 4 equal"),
        "{out}"
    );
    emu.stop().await;
}
