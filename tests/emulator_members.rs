//! E6–E12 over loopback HTTP: members (list, add, overwrite, delete, enable/disable) and the
//! health check alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use std::collections::HashSet;

use emulator_support::*;
use serde_json::{Value, json};

fn hosts(members: &Value) -> Vec<String> {
    let mut v: Vec<String> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["host"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn all_2000_members_come_back_page_by_page() {
    let emu = start_demo().await;
    let all = emu.all_members(BULK).await;
    assert_eq!(all.len(), 2000);
    let ids: HashSet<&str> = all.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2000);
    assert!(ids.iter().all(|id| is_hex32(id)));
    let first = emu.get(&format!("/vpc-channels/{BULK}/members")).await;
    assert_eq!(
        (first.json["size"].as_i64(), first.json["total"].as_i64()),
        (Some(20), Some(2000))
    );
    let big = emu
        .get(&format!("/vpc-channels/{BULK}/members?limit=1000"))
        .await;
    assert_eq!(big.json["size"], 500);
    // The detail embeds them all too.
    let d = emu.get(&format!("/vpc-channels/{BULK}")).await;
    assert_eq!(d.json["members"].as_array().unwrap().len(), 2000);
    emu.stop().await;
}

#[tokio::test]
async fn member_list_filters() {
    let emu = start_demo().await;
    let q = |s: &str| format!("/vpc-channels/{WEB}/members?{s}");
    let a = emu.get(&q("member_group_name=gree")).await;
    assert_eq!(a.json["total"], 5);
    let a = emu
        .get(&q(
            "member_group_name=gree&precise_search=member_group_name",
        ))
        .await;
    assert_eq!(a.json["total"], 0);
    let a = emu
        .get(&q("member_group_id=a1f0c3d2e4b5469788a9b0c1d2e3f401"))
        .await;
    assert_eq!(a.json["total"], 5);
    assert!(
        a.json["members"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["member_group_name"] == "blue")
    );
    let a = emu.get(&q("name=192.168.0.1")).await;
    assert_eq!(a.json["total"], 5);
    let a = emu.get(&q("name=192.168.0.11&precise_search=name")).await;
    assert_eq!(a.json["total"], 1);
    let a = emu
        .get("/vpc-channels/56a7d7358e1b42459c9d730d65b14e59/members")
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    emu.stop().await;
}

#[tokio::test]
async fn post_members_is_an_additive_upsert() {
    let emu = start_demo().await;
    let url = format!("/vpc-channels/{WEB}/members");
    let before = emu.all_members(WEB).await;
    let old = before
        .iter()
        .find(|m| m["host"] == "192.168.0.12")
        .unwrap()
        .clone();
    let body = json!({"members": [
        {"host": "192.168.0.12", "weight": 77, "member_group_name": "blue"},
        {"host": "192.168.9.9", "weight": 3, "member_group_name": "green"},
        {"host": "192.168.9.9", "weight": 99, "member_group_name": "green"}
    ]});
    let a = emu.post(&url, &body).await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(a.json["size"], 2);
    let after = emu.all_members(WEB).await;
    assert_eq!(after.len(), 11);
    let updated = after.iter().find(|m| m["host"] == "192.168.0.12").unwrap();
    assert_eq!(updated["weight"], 77);
    assert_eq!(updated["id"], old["id"]);
    // A repeated address in one body: the first one counts.
    let added = after.iter().find(|m| m["host"] == "192.168.9.9").unwrap();
    assert_eq!(added["weight"], 3);
    assert_eq!(added["port"], 8080);
    assert_eq!(added["member_group_id"], "a1f0c3d2e4b5469788a9b0c1d2e3f402");

    let a = emu
        .post(
            &url,
            &json!({"members": [{"host": "10.0.0.1", "weight": 10001}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2004"));
    assert!(a.msg().ends_with("parameterName:weight"), "{}", a.msg());
    let a = emu.post(&url, &json!({})).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    assert!(a.msg().ends_with("parameter name:members"));
    let a = emu
        .post(
            &url,
            &json!({"members": [{"weight": 1, "member_group_name": "blue"}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    assert!(a.msg().ends_with("parameter name:host"), "{}", a.msg());
    let a = emu
        .post(
            &url,
            &json!({"members": [{"host": "10.0.0.1", "member_group_name": "nope"}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    assert_eq!(emu.all_members(WEB).await.len(), 11);

    let a = emu
        .post(
            &format!("/vpc-channels/{REFERENCE}/members"),
            &json!({"members": [{"host": "10.0.0.1"}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (403, "APIG.3471"));

    // ecs channels need the ECS fields.
    let a = emu
        .post(
            &format!("/vpc-channels/{BILLING_ECS}/members"),
            &json!({"members": [{"host": "10.0.0.1"}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    assert!(a.msg().ends_with("parameter name:ecs_id"), "{}", a.msg());
    emu.stop().await;
}

#[tokio::test]
async fn put_members_overwrites_everything_or_one_group() {
    let emu = start_demo().await;
    let url = format!("/vpc-channels/{WEB}/members");
    let a = emu
        .put(
            &url,
            &json!({"member_group_name": "green", "members": [
                {"host": "192.168.1.21", "weight": 5, "member_group_name": "green"},
                {"host": "192.168.1.99", "weight": 5},
                {"host": "192.168.0.200", "weight": 5, "member_group_name": "blue"}
            ]}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(hosts(&a.json["members"]), ["192.168.1.21", "192.168.1.99"]);
    let all = emu.all_members(WEB).await;
    // blue untouched (5), green now 2; the blue entry of the body was ignored.
    assert_eq!(all.len(), 7);
    assert!(!all.iter().any(|m| m["host"] == "192.168.0.200"));

    let a = emu
        .put(
            &url,
            &json!({"members": [{"host": "10.1.1.1", "member_group_name": "blue"}]}),
        )
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json["total"], 1);
    assert_eq!(emu.all_members(WEB).await.len(), 1);

    let a = emu
        .put(&url, &json!({"member_group_name": "nope", "members": []}))
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    let a = emu.put(&url, &json!({"member_group_name": "blue"})).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    let a = emu
        .put(
            &format!("/vpc-channels/{REFERENCE}/members"),
            &json!({"members": []}),
        )
        .await;
    assert_eq!((a.status, a.code()), (403, "APIG.3471"));
    emu.stop().await;
}

#[tokio::test]
async fn delete_one_member() {
    let emu = start_demo().await;
    let all = emu.all_members(WEB).await;
    let id = all[3]["id"].as_str().unwrap().to_string();
    let a = emu
        .delete(&format!("/vpc-channels/{WEB}/members/{id}"))
        .await;
    assert_eq!(a.status, 204);
    let rest = emu.all_members(WEB).await;
    assert_eq!(rest.len(), 9);
    assert!(!rest.iter().any(|m| m["id"] == id.as_str()));
    let a = emu
        .delete(&format!("/vpc-channels/{WEB}/members/{id}"))
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3024"));
    assert!(a.msg().ends_with(&format!("id:{id}")));
    let a = emu
        .delete(&format!(
            "/vpc-channels/56a7d7358e1b42459c9d730d65b14e59/members/{id}"
        ))
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    emu.stop().await;
}

#[tokio::test]
async fn batch_disable_and_enable() {
    let emu = start_demo().await;
    let all = emu.all_members(WEB).await;
    let ids: Vec<String> = all[..3]
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    let a = emu
        .post(
            &format!("/vpc-channels/{WEB}/members/batch-disable"),
            &json!({"member_ids": ids}),
        )
        .await;
    assert_eq!(a.status, 204, "{}", a.text);
    let now = emu.all_members(WEB).await;
    for m in &now[..3] {
        assert_eq!(m["status"], 2);
    }
    assert_eq!(now[4]["status"], 1);
    let a = emu
        .post(
            &format!("/vpc-channels/{WEB}/members/batch-enable"),
            &json!({"member_ids": [ids[1]]}),
        )
        .await;
    assert_eq!(a.status, 204);
    let now = emu.all_members(WEB).await;
    assert_eq!(
        (now[0]["status"].as_i64(), now[1]["status"].as_i64()),
        (Some(2), Some(1))
    );

    // One unknown id fails the whole call, as the batch pages document, and nothing changes.
    let a = emu
        .post(
            &format!("/vpc-channels/{WEB}/members/batch-enable"),
            &json!({"member_ids": [ids[0], "0123456789abcdef0123456789abcdef"]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    assert!(a.msg().ends_with("parameterName:id"), "{}", a.msg());
    assert_eq!(emu.all_members(WEB).await[0]["status"], 2);
    let a = emu
        .post(
            &format!("/vpc-channels/{WEB}/members/batch-enable"),
            &json!({"member_ids": []}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    let a = emu
        .post(
            &format!("/vpc-channels/{WEB}/members/batch-enable"),
            &json!({"member_ids": "x"}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    emu.stop().await;
}

#[tokio::test]
async fn health_check_alone() {
    let emu = start_demo().await;
    let url = format!("/vpc-channels/{BILLING_ECS}/health-config");
    let before =
        emu.get(&format!("/vpc-channels/{BILLING_ECS}")).await.json["vpc_health_config"].clone();
    let body = json!({"protocol": "HTTPS", "path": "/ping", "method": "HEAD", "port": 8443,
        "threshold_normal": 3, "threshold_abnormal": 4, "time_interval": 20, "timeout": 6,
        "http_code": "200,201-204", "enable_client_ssl": false});
    let a = emu.put(&url, &body).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json["protocol"], "https");
    assert_eq!(a.json["id"], before["id"]);
    assert_eq!(a.json["vpc_channel_id"], BILLING_ECS);
    let d = emu.get(&format!("/vpc-channels/{BILLING_ECS}")).await.json;
    assert_eq!(d["vpc_health_config"]["http_code"], "200,201-204");
    assert_eq!(d["vpc_health_config"]["method"], "HEAD");
    // Members are not touched.
    assert_eq!(d["members"].as_array().unwrap().len(), 3);

    let mut bad = body.clone();
    bad["threshold_normal"] = json!(11);
    let a = emu.put(&url, &bad).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2004"));
    assert!(a.msg().ends_with("parameterName:threshold_normal"));
    let mut bad = body.clone();
    bad.as_object_mut().unwrap().remove("protocol");
    let a = emu.put(&url, &bad).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    let mut bad = body.clone();
    bad["http_code"] = json!("99-700");
    let a = emu.put(&url, &bad).await;
    assert_eq!(a.status, 400);
    assert!(a.msg().ends_with("parameterName:http_code"), "{}", a.msg());
    emu.stop().await;
}

#[tokio::test]
async fn concurrent_writes_to_one_channel_are_all_kept() {
    let emu = std::sync::Arc::new(start_demo().await);
    let url = format!("/vpc-channels/{WEB}/members");
    let mut tasks = Vec::new();
    for i in 0..40 {
        let emu = emu.clone();
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let body =
                json!({"members": [{"host": format!("10.77.0.{i}"), "member_group_name": "blue"}]});
            emu.post(&url, &body).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    let all = emu.all_members(WEB).await;
    assert_eq!(all.len(), 50);
    let ids: HashSet<&str> = all.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 50);
    if let Ok(emu) = std::sync::Arc::try_unwrap(emu) {
        emu.stop().await;
    }
}
