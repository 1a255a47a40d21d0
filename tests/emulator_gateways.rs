//! Several gateways of one project: ListInstancesV2, and each gateway's channels kept apart.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::emulator::{EmulatorConfig, Project, State};
use emulator_support::*;
use serde_json::json;

fn project_url(emu: &Emu) -> String {
    format!("{}/v2/{PROJECT}/apigw/instances", emu.handle.url())
}

#[tokio::test]
async fn the_gateways_of_the_project_are_listed_and_filtered() {
    let emu = start_demo().await;
    let token = [("X-Auth-Token", TOKEN)];
    let url = project_url(&emu);
    let a = emu.raw("GET", &url, None, &token).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(
        (a.json["size"].as_i64(), a.json["total"].as_i64()),
        (Some(2), Some(2))
    );
    let first = &a.json["instances"][0];
    assert_eq!(first["id"], INSTANCE);
    assert_eq!(first["status"], "Running");
    assert_eq!(first["project_id"], PROJECT);
    assert!(first["create_time"].as_i64().is_some_and(|t| t > 0));
    assert_eq!(a.json["instances"][1]["id"], STAGING);

    let a = emu
        .raw("GET", &format!("{url}?offset=1&limit=1"), None, &token)
        .await;
    assert_eq!(
        (a.json["size"].as_i64(), a.json["total"].as_i64()),
        (Some(1), Some(2))
    );
    assert_eq!(a.json["instances"][0]["id"], STAGING);
    let a = emu
        .raw("GET", &format!("{url}?instance_name=prod"), None, &token)
        .await;
    assert_eq!(a.json["total"], 1);
    let a = emu
        .raw("GET", &format!("{url}?status=Frozen"), None, &token)
        .await;
    assert_eq!(a.json["total"], 0);

    // Another project, or no credentials, is refused.
    let other = format!(
        "{}/v2/ffffffffffffffffffffffffffffffff/apigw/instances",
        emu.handle.url()
    );
    let a = emu.raw("GET", &other, None, &token).await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));
    let a = emu.raw("GET", &url, None, &[]).await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));
    emu.stop().await;
}

#[tokio::test]
async fn each_gateway_keeps_its_own_channels_names_and_quota() {
    let mut project = Project::demo(None).unwrap();
    project.add_empty_gateway("0123456789abcdef0123456789abcdef");
    let mut cfg = EmulatorConfig::with_project(PROJECT, project);
    cfg.auth.token = Some(TOKEN.into());
    cfg.channel_quota = 6;
    let emu = start(cfg).await;
    let empty = "0123456789abcdef0123456789abcdef";
    let at = |gw: &str, tail: &str| {
        format!(
            "{}/v2/{PROJECT}/apigw/instances/{gw}{tail}",
            emu.handle.url()
        )
    };
    let token = [("X-Auth-Token", TOKEN)];

    let a = emu
        .raw("GET", &at(empty, "/vpc-channels"), None, &token)
        .await;
    assert_eq!((a.status, a.json["total"].as_i64()), (200, Some(0)));
    let a = emu
        .raw(
            "GET",
            &at(STAGING, &format!("/vpc-channels/{WEB}")),
            None,
            &token,
        )
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    let a = emu
        .raw(
            "GET",
            &at("fedcba9876543210fedcba9876543210", "/vpc-channels"),
            None,
            &token,
        )
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3030"));

    // The name the first gateway uses is free in another, and the quota counts per gateway
    // (the first gateway is full at 6).
    let body = fixture("request-server.json");
    let mut named = body.clone();
    named["name"] = json!("web_backend");
    let bytes = Some(named.to_string().into_bytes());
    let a = emu
        .raw("POST", &at(empty, "/vpc-channels"), bytes, &token)
        .await;
    assert_eq!(a.status, 201, "{}", a.text);
    let a = emu.post("/vpc-channels", &body).await;
    assert_eq!((a.status, a.code()), (403, "APIG.3109"));
    let a = emu
        .raw("GET", &at(empty, "/vpc-channels"), None, &token)
        .await;
    assert_eq!(a.json["total"], 1);
    assert_eq!(emu.get("/vpc-channels").await.json["total"], 6);
    emu.stop().await;
}

#[test]
fn a_seed_describes_one_gateway_or_several() {
    // The single-gateway shape takes the first --instance-id.
    let one = json!({"channels": [{"name": "only_one", "port": 80, "balance_strategy": 1,
        "member_type": "ip"}]});
    let p = Project::from_seed(&one.to_string(), Some("aaaa")).unwrap();
    assert_eq!(p.ids(), ["aaaa"]);
    assert_eq!(p.gateways[0].status, "Running");
    let p = Project::from_seed(&one.to_string(), None).unwrap();
    assert_eq!(p.ids(), [INSTANCE]);

    // Several: ids kept; the first --instance-id renames the first gateway unless taken.
    let two = json!({"gateways": [
        {"id": "g1", "instance_name": "one", "channels": [{"name": "same_name", "port": 80,
            "balance_strategy": 1, "member_type": "ip"}]},
        {"id": "g2", "status": "Frozen", "channels": [{"name": "same_name", "port": 81,
            "balance_strategy": 1, "member_type": "ip"}]}]});
    let p = Project::from_seed(&two.to_string(), None).unwrap();
    assert_eq!(p.ids(), ["g1", "g2"]);
    assert_eq!(p.gateways[1].status, "Frozen");
    assert_eq!(
        Project::from_seed(&two.to_string(), Some("x"))
            .unwrap()
            .ids(),
        ["x", "g2"]
    );
    assert_eq!(
        Project::from_seed(&two.to_string(), Some("g2"))
            .unwrap()
            .ids(),
        ["g1", "g2"]
    );

    // The same channel id in two gateways, or an API on a channel of another gateway, is
    // refused.
    let dup = json!({"gateways": [
        {"id": "g1", "channels": [{"id": "c1", "name": "abc", "port": 80, "balance_strategy": 1, "member_type": "ip"}]},
        {"id": "g2", "channels": [{"id": "c1", "name": "abd", "port": 80, "balance_strategy": 1, "member_type": "ip"}]}]});
    assert!(Project::from_seed(&dup.to_string(), None).is_err());
    let api = json!({"gateways": [
        {"id": "g1", "channels": [{"id": "c1", "name": "abc", "port": 80, "balance_strategy": 1, "member_type": "ip"}]},
        {"id": "g2", "apis": [{"name": "x", "req_method": "GET", "req_uri": "/x", "vpc_channel_id": "c1"}]}]});
    let e = Project::from_seed(&api.to_string(), None).unwrap_err();
    assert!(format!("{e:#}").contains("c1"), "{e:#}");
    // A single-gateway seed is still a State of its own.
    assert_eq!(
        State::from_seed(&one.to_string()).unwrap().channels.len(),
        1
    );
}
