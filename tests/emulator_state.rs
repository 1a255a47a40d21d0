//! Seed files (`--data`), the state file (`--state`) across restarts, and the demo.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::emulator::{EmulatorConfig, Project, State, initial_state, start_demo};
use emulator_support::*;
use serde_json::json;

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut cfg = demo_config();
    cfg.state_file = Some(path.clone());
    let emu = start(cfg).await;
    let body = fixture("request-server.json");
    assert_eq!(
        emu.put(&format!("/vpc-channels/{WEB}"), &body).await.status,
        200
    );
    let added = emu
        .post(
            &format!("/vpc-channels/{WEB}/members"),
            &json!({"members": [{"host": "192.168.7.7", "member_group_name": "test"}]}),
        )
        .await;
    assert_eq!(added.status, 201);
    assert_eq!(
        emu.delete(&format!("/vpc-channels/{ORDERS_CCE}"))
            .await
            .status,
        204
    );
    let before = emu.get(&format!("/vpc-channels/{WEB}")).await.json;
    emu.stop().await;

    // Written atomically: the file parses and no temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["state.json"]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("demo-not-a-secret"),
        "the Nacos password must not be stored"
    );

    let mut cfg = demo_config();
    cfg.project = initial_state(None, Some(&path), None).unwrap();
    cfg.state_file = Some(path.clone());
    let emu = start(cfg).await;
    let after = emu.get(&format!("/vpc-channels/{WEB}")).await.json;
    assert_eq!(after, before);
    assert_eq!(
        emu.get(&format!("/vpc-channels/{ORDERS_CCE}")).await.status,
        404
    );
    assert_eq!(emu.get("/vpc-channels").await.json["total"], 5);
    emu.stop().await;
}

#[tokio::test]
async fn a_state_file_that_cannot_be_written_fails_the_write_and_keeps_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = demo_config();
    cfg.state_file = Some(dir.path().join("no_such_dir").join("state.json"));
    let emu = start(cfg).await;
    let a = emu.delete(&format!("/vpc-channels/{ORDERS_CCE}")).await;
    assert_eq!((a.status, a.code()), (500, "APIG.9999"));
    assert_eq!(
        emu.get(&format!("/vpc-channels/{ORDERS_CCE}")).await.status,
        200
    );
    emu.stop().await;
}

#[tokio::test]
async fn a_seed_file_fills_in_ids_times_and_generated_members() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.json");
    std::fs::write(
        &data,
        json!({"channels": [
            {"name": "seeded", "port": 8000, "balance_strategy": 1, "member_type": "ip",
             "member_groups": [{"member_group_name": "grp_a"}, {"member_group_name": "grp_b"}],
             "members": [{"host": "10.0.0.1", "member_group_name": "grp_a"}],
             "generate_members": {"count": 50, "first_host": "10.1.0.250", "groups": ["grp_a", "grp_b"]},
             "vpc_health_config": {"protocol": "TCP", "threshold_normal": 2, "threshold_abnormal": 2, "time_interval": 10, "timeout": 3}}
        ]})
        .to_string(),
    )
    .unwrap();
    let project = initial_state(Some(&data), None, Some(INSTANCE)).unwrap();
    let mut cfg = EmulatorConfig::with_project(PROJECT, project);
    cfg.auth.token = Some(TOKEN.into());
    let emu = start(cfg).await;
    let list = emu.get("/vpc-channels").await.json;
    assert_eq!(list["total"], 1);
    let id = list["vpc_channels"][0]["id"].as_str().unwrap().to_string();
    assert!(is_hex32(&id));
    let members = emu.all_members(&id).await;
    assert_eq!(members.len(), 51);
    // Generated hosts count up across octets and alternate groups.
    assert_eq!(members[1]["host"], "10.1.0.250");
    assert_eq!(members[7]["host"], "10.1.1.0");
    assert_eq!(members[2]["member_group_name"], "grp_b");
    assert!(
        members
            .iter()
            .all(|m| m["port"] == 8000 && m["ecs_id"] == m["host"])
    );
    let d = emu.get(&format!("/vpc-channels/{id}")).await.json;
    assert_eq!(d["vpc_health_config"]["protocol"], "tcp");

    // The state file, once it exists, wins over the seed.
    let state_path = dir.path().join("state.json");
    chanedit::emulator::save_state(&state_path, &Project::single(INSTANCE, State::default()))
        .unwrap();
    assert!(
        initial_state(Some(&data), Some(&state_path), None)
            .unwrap()
            .gateways[0]
            .state
            .channels
            .is_empty()
    );
    emu.stop().await;
}

#[test]
fn a_seed_the_service_would_refuse_is_refused() {
    let bad_group = json!({"channels": [{"name": "bad_one", "port": 80, "balance_strategy": 1,
        "member_type": "ip", "members": [{"host": "10.0.0.1", "member_group_name": "none_such"}]}]});
    let e = State::from_seed(&bad_group.to_string()).unwrap_err();
    assert!(format!("{e:#}").contains("none_such"), "{e:#}");
    let bad_port = json!({"channels": [{"name": "bad_two", "port": 0, "balance_strategy": 1, "member_type": "ip"}]});
    assert!(State::from_seed(&bad_port.to_string()).is_err());
    let twice = json!({"channels": [
        {"name": "same_name", "port": 80, "balance_strategy": 1, "member_type": "ip"},
        {"name": "same_name", "port": 81, "balance_strategy": 1, "member_type": "ip"}]});
    assert!(State::from_seed(&twice.to_string()).is_err());
    assert!(State::from_seed("{not json").is_err());
}

#[tokio::test]
async fn the_demo_runs_in_process_with_a_random_token() {
    chanedit::install_crypto();
    let demo = start_demo().await.unwrap();
    assert!(demo.endpoint.starts_with("http://127.0.0.1:"));
    assert!(!format!("{demo:?}").contains(&demo.token));
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let base = format!(
        "{}/v2/{}/apigw/instances/{}",
        demo.endpoint, demo.project_id, demo.instance_id
    );
    let list: serde_json::Value = http
        .get(format!("{base}/vpc-channels"))
        .header("X-Auth-Token", &demo.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kinds: Vec<(String, String)> = list["vpc_channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["vpc_channel_type"].as_str().unwrap().into(),
                c["member_type"].as_str().unwrap().into(),
            )
        })
        .collect();
    for want in [
        ("builtin", "ip"),
        ("builtin", "ecs"),
        ("microservice", "ip"),
        ("reference", "ip"),
    ] {
        assert!(
            kinds.iter().any(|(k, m)| k == want.0 && m == want.1),
            "{want:?}"
        );
    }
    let nacos = list["vpc_channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["microservice_info"]["service_type"] == "NACOS");
    assert!(nacos.is_some());
    let bulk = http
        .get(format!("{base}/vpc-channels/{BULK}/members?limit=1"))
        .header("X-Auth-Token", &demo.token)
        .send()
        .await
        .unwrap();
    let bulk: serde_json::Value = bulk.json().await.unwrap();
    assert_eq!(bulk["total"], 2000);
    let other = start_demo().await.unwrap();
    assert_ne!(other.token, demo.token);
    let refused = http
        .get(format!("{base}/vpc-channels"))
        .header("X-Auth-Token", &other.token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    demo.handle.shutdown().await;
    other.handle.shutdown().await;
}
