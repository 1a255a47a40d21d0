//! E1–E5 over loopback HTTP: list, show, update, create, delete channels.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use emulator_support::*;
use serde_json::{Value, json};

fn names(a: &Answer) -> Vec<String> {
    a.json["vpc_channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn list_pages_and_coerces_limits() {
    let emu = start_demo().await;
    let all = emu.get("/vpc-channels").await;
    assert_eq!(all.status, 200);
    assert_eq!(all.json["total"], 6);
    assert_eq!(all.json["size"], 6);
    assert!(is_hex32(all.request_id()));

    let page = emu.get("/vpc-channels?offset=2&limit=3").await;
    assert_eq!(page.json["size"], 3);
    assert_eq!(page.json["total"], 6);
    assert_eq!(names(&page), names(&all)[2..5].to_vec());

    let past = emu.get("/vpc-channels?offset=6").await;
    assert_eq!(
        (past.json["size"].as_i64(), past.json["total"].as_i64()),
        (Some(0), Some(6))
    );

    // limit <= 0 -> 20, > 500 -> 500, negative offset -> 0: all six either way.
    for q in ["limit=0", "limit=-4", "limit=100000", "offset=-3&limit=2"] {
        let a = emu.get(&format!("/vpc-channels?{q}")).await;
        assert_eq!(a.status, 200, "{q}");
        let want = if q.starts_with("offset") { 2 } else { 6 };
        assert_eq!(a.json["size"], want, "{q}");
        assert_eq!(names(&a)[0], names(&all)[0], "{q}");
    }

    let bad = emu.get("/vpc-channels?limit=ten").await;
    assert_eq!((bad.status, bad.code()), (400, "APIG.2012"));
    assert!(bad.msg().ends_with("parameterName:limit"), "{}", bad.msg());
    let bad = emu.get("/vpc-channels?dict_code=ab").await;
    assert_eq!((bad.status, bad.code()), (400, "APIG.2012"));
    let bad = emu.get("/vpc-channels?member_port=70000").await;
    assert_eq!((bad.status, bad.code()), (400, "APIG.2012"));
    emu.stop().await;
}

async fn listed(emu: &Emu, query: &str) -> Vec<String> {
    names(&emu.get(&format!("/vpc-channels?{query}")).await)
}

#[tokio::test]
async fn list_filters_like_the_service() {
    let emu = start_demo().await;
    let none: Vec<String> = Vec::new();
    assert_eq!(
        listed(&emu, "name=web").await,
        ["web_backend", "web_reference"]
    );
    assert_eq!(listed(&emu, "name=web&precise_search=name").await, none);
    assert_eq!(
        listed(&emu, "name=web_backend&precise_search=name").await,
        ["web_backend"]
    );
    assert_eq!(listed(&emu, &format!("id={BULK}")).await, ["bulk_2000"]);
    assert_eq!(
        listed(&emu, "member_host=192.168.1.22").await,
        ["web_backend"]
    );
    // member_host is always exact.
    assert_eq!(listed(&emu, "member_host=192.168.1.2").await, none);
    assert_eq!(listed(&emu, "member_port=8081").await, ["web_backend"]);
    assert_eq!(listed(&emu, "member_group_name=rack").await, ["bulk_2000"]);
    assert_eq!(
        listed(
            &emu,
            "member_group_name=rack&precise_search=member_group_name"
        )
        .await,
        none
    );
    assert_eq!(
        listed(&emu, "member_group_id=c3d4e5f6a7b8490cadbecf0a1b2c3d41").await,
        ["catalog_nacos"]
    );
    assert_eq!(
        listed(&emu, "vpc_channel_type=microservice").await,
        ["orders_cce", "catalog_nacos"]
    );
    assert_eq!(
        listed(&emu, "vpc_channel_type=reference").await,
        ["web_reference"]
    );
    emu.stop().await;
}

#[tokio::test]
async fn list_items_have_no_members_or_health_check() {
    let emu = start_demo().await;
    let all = emu.get("/vpc-channels").await;
    for c in all.json["vpc_channels"].as_array().unwrap() {
        assert!(c.get("members").is_none());
        assert!(c.get("vpc_health_config").is_none());
        assert!(c.get("type").is_some() && c.get("vpc_channel_type").is_some());
        assert!(c["microservice_info"].is_object());
    }
    emu.stop().await;
}

#[tokio::test]
async fn detail_echoes_like_the_real_service() {
    let emu = start_demo().await;
    let d = emu.get(&format!("/vpc-channels/{WEB}")).await;
    assert_eq!(d.status, 200);
    let v = &d.json;
    assert_eq!(v["id"], WEB);
    assert_eq!(v["type"], 2);
    assert_eq!(v["vpc_channel_type"], "builtin");
    assert_eq!(v["dict_code"], "");
    // A server channel carries the all-empty microservice object of the API page's example.
    assert_eq!(
        v["microservice_info"],
        fixture("response-server.json")["microservice_info"]
    );
    let members = v["members"].as_array().unwrap();
    assert_eq!(members.len(), 10);
    for m in members {
        assert!(is_hex32(m["id"].as_str().unwrap()));
        assert_eq!(m["ecs_id"], m["host"]);
        assert_eq!(m["ecs_name"], m["host"]);
        assert_eq!(m["vpc_channel_id"], WEB);
        let t = m["create_time"].as_str().unwrap();
        assert!(
            time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).is_ok()
        );
    }
    // Port 0 in the data echoes the channel port; an explicit port stays.
    let port_of = |h: &str| members.iter().find(|m| m["host"] == h).unwrap()["port"].clone();
    assert_eq!(port_of("192.168.0.11"), 8080);
    assert_eq!(port_of("192.168.1.24"), 8081);
    let h = &v["vpc_health_config"];
    assert_eq!(h["protocol"], "http");
    assert_eq!(h["vpc_channel_id"], WEB);
    assert!(is_hex32(h["id"].as_str().unwrap()));

    // The response only carries the documented fields.
    let allowed = [
        "name",
        "port",
        "balance_strategy",
        "member_type",
        "type",
        "vpc_channel_type",
        "dict_code",
        "create_time",
        "id",
        "status",
        "member_groups",
        "microservice_info",
        "members",
        "vpc_health_config",
    ];
    for k in v.as_object().unwrap().keys() {
        assert!(allowed.contains(&k.as_str()), "unexpected field {k}");
    }

    // TCP check without method/path/http_code answers "" for them.
    let ecs = emu.get(&format!("/vpc-channels/{BILLING_ECS}")).await.json;
    let h = &ecs["vpc_health_config"];
    assert_eq!(
        (
            h["protocol"].as_str(),
            h["path"].as_str(),
            h["method"].as_str(),
            h["http_code"].as_str()
        ),
        (Some("tcp"), Some(""), Some(""), Some(""))
    );
    // ecs members keep their own ecs_id/ecs_name.
    assert_eq!(ecs["members"][0]["ecs_name"], "billing-ecs-01");

    let cce = emu.get(&format!("/vpc-channels/{ORDERS_CCE}")).await.json;
    assert_eq!(cce["type"], 3);
    assert_eq!(cce["microservice_info"]["service_type"], "CCE");
    assert_eq!(cce["microservice_info"]["instance_id"], INSTANCE);
    assert_eq!(cce["microservice_info"]["cce_info"]["app_name"], "orders");
    assert_eq!(cce["member_groups"][0]["microservice_version"], "v1");

    let missing = emu
        .get("/vpc-channels/56a7d7358e1b42459c9d730d65b14e59")
        .await;
    assert_eq!((missing.status, missing.code()), (404, "APIG.3023"));
    assert_eq!(
        missing.msg(),
        "The VPC channel does not exist,id:56a7d7358e1b42459c9d730d65b14e59"
    );
    emu.stop().await;
}

#[tokio::test]
async fn update_overwrites_members_and_groups() {
    let emu = start_demo().await;
    let before = emu.get(&format!("/vpc-channels/{WEB}")).await.json;
    let body = fixture("request-server.json");
    let u = emu.put(&format!("/vpc-channels/{WEB}"), &body).await;
    assert_eq!(u.status, 200, "{}", u.text);
    assert!(u.json.get("members").is_none());
    assert!(u.json.get("vpc_health_config").is_none());
    assert_eq!(u.json["name"], "VPC_demo");
    assert_eq!(u.json["create_time"], before["create_time"]);

    let after = emu.get(&format!("/vpc-channels/{WEB}")).await.json;
    let hosts: Vec<&str> = after["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["host"].as_str().unwrap())
        .collect();
    assert_eq!(hosts, ["192.168.0.5", "192.168.1.124"]);
    let groups: Vec<&str> = after["member_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["member_group_name"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["test", "default"]);
    // Members name their group by id too; unset weight-less fields echo defaults.
    let test_id = after["member_groups"][0]["member_group_id"].clone();
    assert_eq!(after["members"][0]["member_group_id"], test_id);
    assert_eq!(after["members"][0]["port"], 22);
    assert_eq!(after["members"][0]["status"], 1);
    assert_eq!(after["vpc_health_config"]["path"], "/vpc/demo");
    assert_eq!(after["vpc_health_config"]["method"], "");

    // Members whose address did not change keep their id across an overwrite.
    let mut again = body.clone();
    again["members"][1]["weight"] = json!(7);
    emu.put(&format!("/vpc-channels/{WEB}"), &again).await;
    let third = emu.get(&format!("/vpc-channels/{WEB}")).await.json;
    assert_eq!(third["members"][0]["id"], after["members"][0]["id"]);
    assert_eq!(third["members"][1]["weight"], 7);

    // An empty members list deletes them all.
    let mut empty = body.clone();
    empty["members"] = json!([]);
    assert_eq!(
        emu.put(&format!("/vpc-channels/{WEB}"), &empty)
            .await
            .status,
        200
    );
    let gone = emu.get(&format!("/vpc-channels/{WEB}/members")).await;
    assert_eq!(gone.json["total"], 0);
    emu.stop().await;
}

#[tokio::test]
async fn update_rejects_bad_bodies_with_the_documented_codes() {
    let emu = start_demo().await;
    let url = format!("/vpc-channels/{WEB}");
    let body = fixture("request-server.json");
    let put = |b: Value| {
        let url = url.clone();
        let emu = &emu;
        async move { emu.put(&url, &b).await }
    };

    let mut b = body.clone();
    b.as_object_mut().unwrap().remove("members");
    let a = put(b).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    assert_eq!(
        a.msg(),
        "The request parameters must be specified, parameter name:members"
    );

    let mut b = body.clone();
    b.as_object_mut().unwrap().remove("port");
    let a = put(b).await;
    assert_eq!(
        (a.code(), a.msg()),
        (
            "APIG.2001",
            "The request parameters must be specified, parameter name:port"
        )
    );

    let mut b = body.clone();
    b["members"][0]["weight"] = json!(10001);
    let a = put(b).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2004"));
    assert!(a.msg().ends_with("parameterName:weight"), "{}", a.msg());

    let mut b = body.clone();
    b["balance_strategy"] = json!(9);
    let a = put(b).await;
    assert_eq!(a.status, 400);
    assert!(a.code().starts_with("APIG.2"), "{}", a.code());
    assert!(
        a.msg().ends_with("parameterName:balance_strategy"),
        "{}",
        a.msg()
    );

    let mut b = body.clone();
    b["port"] = json!("eighty");
    let a = put(b).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    assert!(a.msg().ends_with("parameterName:port"), "{}", a.msg());

    let mut b = body.clone();
    b["members"][0]["member_group_name"] = json!("nosuchgroup");
    let a = put(b).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    assert!(
        a.msg().ends_with("parameterName:member_group_name"),
        "{}",
        a.msg()
    );

    let mut b = body.clone();
    b["vpc_health_config"]["timeout"] = json!(30);
    b["vpc_health_config"]["time_interval"] = json!(10);
    let a = put(b).await;
    assert_eq!(a.status, 400, "{}", a.text);

    let raw = emu
        .call_with("PUT", &url, None, &[("X-Auth-Token", TOKEN)])
        .await;
    assert_eq!((raw.status, raw.code()), (400, "APIG.2000"));
    let url_full = format!("{}{url}", emu.base());
    let a = emu
        .raw(
            "PUT",
            &url_full,
            Some(b"{\"name\": ".to_vec()),
            &[("X-Auth-Token", TOKEN)],
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2000"));
    let a = emu
        .raw(
            "PUT",
            &url_full,
            Some(b"[1,2]".to_vec()),
            &[("X-Auth-Token", TOKEN)],
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2000"));

    let mut b = body.clone();
    b["name"] = json!("ab");
    let a = put(b).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2005"));
    assert!(a.msg().ends_with("parameterName:name"), "{}", a.msg());

    // Another channel's name.
    let mut b = body.clone();
    b["name"] = json!("bulk_2000");
    let a = put(b).await;
    assert_eq!((a.status, a.code()), (400, "APIG.3208"));

    // Nothing of the above changed the channel.
    let d = emu.get(&url).await.json;
    assert_eq!(d["name"], "web_backend");
    assert_eq!(d["members"].as_array().unwrap().len(), 10);

    let a = emu
        .put("/vpc-channels/56a7d7358e1b42459c9d730d65b14e59", &body)
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    emu.stop().await;
}

#[tokio::test]
async fn update_keeps_the_channel_type() {
    let emu = start_demo().await;
    let mut body = fixture("request-microservice.json");
    body["name"] = json!("orders_cce");
    let a = emu.put(&format!("/vpc-channels/{ORDERS_CCE}"), &body).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json["vpc_channel_type"], "microservice");
    assert_eq!(
        a.json["microservice_info"]["cce_info"]["app_name"],
        "testapp"
    );
    assert_eq!(
        a.json["member_groups"][1]["microservice_labels"][0]["label_name"],
        "cluster_id"
    );
    emu.stop().await;
}

#[tokio::test]
async fn create_answers_201_and_enforces_names_and_quota() {
    let mut cfg = demo_config();
    cfg.channel_quota = 7;
    let emu = start(cfg).await;
    let mut body = fixture("request-server.json");
    body["name"] = json!("new_channel");
    let a = emu.post("/vpc-channels", &body).await;
    assert_eq!(a.status, 201, "{}", a.text);
    let id = a.json["id"].as_str().unwrap().to_string();
    assert!(is_hex32(&id));
    assert_eq!(a.json["vpc_channel_type"], "builtin");
    assert_eq!(a.json["status"], 1);
    assert!(a.json.get("members").is_none());
    let d = emu.get(&format!("/vpc-channels/{id}")).await;
    assert_eq!(d.json["members"].as_array().unwrap().len(), 2);

    let dup = emu.post("/vpc-channels", &body).await;
    assert_eq!((dup.status, dup.code()), (400, "APIG.3208"));

    body["name"] = json!("one_too_many");
    let full = emu.post("/vpc-channels", &body).await;
    assert_eq!((full.status, full.code()), (403, "APIG.3109"));

    let mut bad = body.clone();
    bad.as_object_mut().unwrap().remove("name");
    emu.delete(&format!("/vpc-channels/{id}")).await;
    let a = emu.post("/vpc-channels", &bad).await;
    assert_eq!((a.status, a.code()), (400, "APIG.2001"));
    assert!(a.msg().ends_with("parameter name:name"));

    // type and vpc_channel_type that disagree.
    let mut b = body.clone();
    b["vpc_channel_type"] = json!("microservice");
    let a = emu.post("/vpc-channels", &b).await;
    assert_eq!(a.status, 400, "{}", a.text);

    // A reference channel must point at a channel that exists.
    let reference = json!({"name": "ref_two", "port": 80, "balance_strategy": 1, "member_type": "ip",
        "vpc_channel_type": "reference", "members": [],
        "member_groups": [{"member_group_name": "one", "reference_vpc_channel_id": "0123456789abcdef0123456789abcdef"}]});
    let a = emu.post("/vpc-channels", &reference).await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    let mut reference = reference;
    reference["member_groups"][0]["reference_vpc_channel_id"] = json!(BULK);
    let a = emu.post("/vpc-channels", &reference).await;
    assert_eq!(a.status, 201, "{}", a.text);
    assert_eq!(a.json["type"], 0);
    assert_eq!(a.json["member_groups"][0]["reference_vpc_channel_id"], BULK);
    emu.stop().await;
}

#[tokio::test]
async fn delete_answers_204_then_not_found() {
    let emu = start_demo().await;
    let a = emu.delete(&format!("/vpc-channels/{ORDERS_CCE}")).await;
    assert_eq!(a.status, 204);
    assert!(a.text.is_empty());
    assert!(is_hex32(a.request_id()));
    let a = emu.get(&format!("/vpc-channels/{ORDERS_CCE}")).await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    let a = emu.delete(&format!("/vpc-channels/{ORDERS_CCE}")).await;
    assert_eq!((a.status, a.code()), (404, "APIG.3023"));
    assert_eq!(emu.get("/vpc-channels").await.json["total"], 5);

    // A channel that a reference channel points at cannot go.
    let a = emu.delete(&format!("/vpc-channels/{WEB}")).await;
    assert_eq!((a.status, a.code()), (409, "APIG.3719"));
    assert_eq!(
        emu.delete(&format!("/vpc-channels/{REFERENCE}"))
            .await
            .status,
        204
    );
    // Nor one that APIs route through (the demo's web APIs).
    let a = emu.delete(&format!("/vpc-channels/{WEB}")).await;
    assert_eq!((a.status, a.code()), (403, "APIG.3414"));
    assert!(a.msg().ends_with(&format!("id:{WEB}")), "{}", a.msg());
    assert_eq!(emu.get(&format!("/vpc-channels/{WEB}")).await.status, 200);
    emu.stop().await;
}
