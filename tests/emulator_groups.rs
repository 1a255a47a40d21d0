//! E13–E17 over loopback HTTP: member groups.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use emulator_support::*;
use serde_json::json;

const BLUE: &str = "a1f0c3d2e4b5469788a9b0c1d2e3f401";
const GREEN: &str = "a1f0c3d2e4b5469788a9b0c1d2e3f402";

#[tokio::test]
async fn list_and_show_groups() {
    let emu = start_demo().await;
    let a = emu.get(&format!("/vpc-channels/{WEB}/member-groups")).await;
    assert_eq!(a.status, 200);
    assert_eq!(
        (a.json["size"].as_i64(), a.json["total"].as_i64()),
        (Some(2), Some(2))
    );
    let a = emu
        .get(&format!(
            "/vpc-channels/{WEB}/member-groups?member_group_name=blu"
        ))
        .await;
    assert_eq!(a.json["total"], 1);
    let a = emu.get(&format!("/vpc-channels/{WEB}/member-groups?member_group_name=blu&precise_search=member_group_name")).await;
    assert_eq!(a.json["total"], 0);
    let a = emu
        .get(&format!(
            "/vpc-channels/{WEB}/member-groups?offset=1&limit=1"
        ))
        .await;
    assert_eq!(a.json["member_groups"][0]["member_group_id"], GREEN);

    let g = emu
        .get(&format!("/vpc-channels/{WEB}/member-groups/{BLUE}"))
        .await;
    assert_eq!(g.status, 200);
    assert_eq!(g.json["member_group_name"], "blue");
    assert_eq!(g.json["member_group_weight"], 10);
    // Server channels do not answer microservice or reference fields.
    assert!(g.json.get("microservice_version").is_none());
    assert!(g.json.get("reference_vpc_channel_id").is_none());
    let g = emu
        .get(&format!(
            "/vpc-channels/{WEB}/member-groups/0123456789abcdef0123456789abcdef"
        ))
        .await;
    assert_eq!(g.status, 404);
    let g = emu
        .get("/vpc-channels/56a7d7358e1b42459c9d730d65b14e59/member-groups")
        .await;
    assert_eq!((g.status, g.code()), (404, "APIG.3023"));
    emu.stop().await;
}

#[tokio::test]
async fn post_groups_is_an_upsert_by_name() {
    let emu = start_demo().await;
    let url = format!("/vpc-channels/{WEB}/member-groups");
    let a = emu.post(&url, &json!({"member_groups": [
        {"member_group_name": "blue", "member_group_weight": 20, "member_group_remark": "bumped"},
        {"member_group_name": "yellow", "member_group_weight": 1}
    ]})).await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(a.json["size"], 2);
    assert_eq!(a.json["member_groups"][0]["member_group_id"], BLUE);
    let yellow = a.json["member_groups"][1]["member_group_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(is_hex32(&yellow));
    let list = emu.get(&url).await;
    assert_eq!(list.json["total"], 3);
    let blue = emu.get(&format!("{url}/{BLUE}")).await;
    assert_eq!(
        (
            blue.json["member_group_weight"].as_i64(),
            blue.json["member_group_remark"].as_str()
        ),
        (Some(20), Some("bumped"))
    );

    let a = emu
        .post(
            &url,
            &json!({"member_groups": [{"member_group_weight": 1}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    assert!(a.msg().ends_with("parameter name:member_group_name"));
    let a = emu.post(&url, &json!({"member_groups": [{"member_group_name": "ok_name", "member_group_weight": 101}]})).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2004"));
    let a = emu
        .post(
            &url,
            &json!({"member_groups": [{"member_group_name": "x"}]}),
        )
        .await;
    assert_eq!(a.status, 400);
    let a = emu.post(&url, &json!({})).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    assert_eq!(emu.get(&url).await.json["total"], 3);
    emu.stop().await;
}

#[tokio::test]
async fn update_renames_a_group_and_its_members_follow() {
    let emu = start_demo().await;
    let url = format!("/vpc-channels/{WEB}/member-groups/{GREEN}");
    let a = emu
        .put(
            &url,
            &json!({"member_group_name": "teal", "member_group_weight": 6}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json["member_group_id"], GREEN);
    assert_eq!(a.json["member_group_name"], "teal");
    let members = emu.all_members(WEB).await;
    assert_eq!(
        members
            .iter()
            .filter(|m| m["member_group_name"] == "teal")
            .count(),
        5
    );
    assert_eq!(
        members
            .iter()
            .filter(|m| m["member_group_name"] == "green")
            .count(),
        0
    );

    let a = emu.put(&url, &json!({"member_group_name": "blue"})).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    let a = emu
        .put(&url, &json!({"member_group_remark": "no name"}))
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));

    // Nacos groups take no weight.
    let nacos =
        format!("/vpc-channels/{CATALOG_NACOS}/member-groups/c3d4e5f6a7b8490cadbecf0a1b2c3d41");
    let a = emu
        .put(
            &nacos,
            &json!({"member_group_name": "catalog_default", "member_group_weight": 5}),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.text);
    assert!(
        a.msg().ends_with("parameterName:member_group_weight"),
        "{}",
        a.msg()
    );
    emu.stop().await;
}

#[tokio::test]
async fn delete_a_group_with_its_members() {
    let emu = start_demo().await;
    let url = format!("/vpc-channels/{WEB}/member-groups/{GREEN}");
    assert_eq!(emu.delete(&url).await.status, 204);
    assert_eq!(emu.get(&url).await.status, 404);
    let members = emu.all_members(WEB).await;
    assert_eq!(members.len(), 5);
    assert!(members.iter().all(|m| m["member_group_name"] == "blue"));
    assert_eq!(emu.delete(&url).await.status, 404);
    emu.stop().await;
}
