//! The emulator-only control call `POST /_emulator/health`: it sets a member's simulated
//! health, which the member list then shows; it needs the emulator's credentials.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use emulator_support::*;
use serde_json::{Value, json};

async fn set(emu: &Emu, body: Value, headers: &[(&str, &str)]) -> Answer {
    let url = format!("{}/_emulator/health", emu.handle.url());
    emu.raw("POST", &url, Some(body.to_string().into_bytes()), headers)
        .await
}

fn health_of(members: &[Value], host: &str) -> Vec<String> {
    members
        .iter()
        .filter(|m| m["host"] == host)
        .map(|m| m["health_status"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn the_control_call_sets_a_member_health() {
    let emu = start_demo().await;
    let token = [("X-Auth-Token", TOKEN)];
    let a = set(
        &emu,
        json!({"instance_id": INSTANCE, "vpc_channel_id": WEB, "host": "192.168.0.11",
            "port": 8080, "health_status": "unhealthy"}),
        &token,
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json["updated"], 1);
    assert_eq!(
        health_of(&emu.all_members(WEB).await, "192.168.0.11"),
        ["unhealthy"]
    );
    assert_eq!(
        health_of(&emu.all_members(WEB).await, "192.168.0.12"),
        ["healthy"]
    );

    // Another port of the same host matches nothing; no port means every port.
    let a = set(
        &emu,
        json!({"instance_id": INSTANCE, "vpc_channel_id": WEB, "host": "192.168.0.11",
            "port": 9999, "health_status": "healthy"}),
        &token,
    )
    .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3024"));
    let a = set(
        &emu,
        json!({"instance_id": INSTANCE, "vpc_channel_id": WEB, "host": "192.168.0.11",
            "health_status": "unknown"}),
        &token,
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(
        health_of(&emu.all_members(WEB).await, "192.168.0.11"),
        ["unknown"]
    );
    emu.stop().await;
}

#[tokio::test]
async fn the_control_call_refuses_bad_input_and_strangers() {
    let emu = start_demo().await;
    let token = [("X-Auth-Token", TOKEN)];
    let ok = json!({"instance_id": INSTANCE, "vpc_channel_id": WEB, "host": "192.168.0.11",
        "health_status": "unhealthy"});
    let a = set(&emu, ok.clone(), &[]).await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));
    let a = set(&emu, ok.clone(), &[("X-Auth-Token", "wrong")]).await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));

    let mut bad = ok.clone();
    bad["health_status"] = json!("sick");
    let a = set(&emu, bad, &token).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    let mut bad = ok.clone();
    bad.as_object_mut().unwrap().remove("host");
    let a = set(&emu, bad, &token).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    let mut bad = ok.clone();
    bad["instance_id"] = json!("0123456789abcdef0123456789abcdef");
    let a = set(&emu, bad, &token).await;
    assert_eq!((a.status, a.code()), (404, "APIG.3030"));
    let mut bad = ok;
    bad["vpc_channel_id"] = json!("0123456789abcdef0123456789abcdef");
    let a = set(&emu, bad, &token).await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    assert_eq!(
        health_of(&emu.all_members(WEB).await, "192.168.0.11"),
        ["healthy"]
    );
    emu.stop().await;
}
