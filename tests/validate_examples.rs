//! The API page's examples: the requests validate with no diagnostics at all, and the
//! responses, turned into the PUT body that leaves the channel unchanged, do too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::model::{VpcChannel, VpcMemberInfo, base_value};
use chanedit::validate::{parse_body, validate};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn request_examples_are_clean() {
    for name in ["request-server.json", "request-microservice.json"] {
        let body = parse_body(&fixture(name)).unwrap();
        let diags = validate(&body);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
    }
}

#[test]
fn response_examples_convert_to_clean_bodies() {
    for name in ["response-server.json", "response-microservice.json"] {
        let detail: VpcChannel = serde_json::from_str(&fixture(name)).unwrap();
        let members: Vec<VpcMemberInfo> = detail.members.clone().unwrap_or_default();
        let body = base_value(&detail, &members);
        let diags = validate(&body);
        assert!(diags.is_empty(), "{name}: {diags:#?}\n{body:#}");
    }
}

#[test]
fn a_loaded_channel_with_members_converts_to_a_clean_body() {
    // The detail as E2 returns it for the server example, with its members from E6.
    let mut detail: serde_json::Value =
        serde_json::from_str(&fixture("response-server.json")).unwrap();
    detail["vpc_health_config"] = serde_json::json!({
        "protocol": "http", "path": "/vpc/demo", "method": "", "port": 22,
        "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10, "timeout": 5,
        "http_code": "200", "enable_client_ssl": false, "status": 1,
        "id": "3c6fe2e9cb6a4a0f8b0ca87d6d9cc5a0", "vpc_channel_id": "18174f5f4f1a4dc29f33aeadd9788e5f",
        "create_time": "2020-07-23T07:11:57Z"
    });
    let detail: VpcChannel = serde_json::from_value(detail).unwrap();
    let members: Vec<VpcMemberInfo> = serde_json::from_value(serde_json::json!([
        {"id": "be63c6260a1043888187f84af39c9f0e", "host": "192.168.0.5",
         "ecs_id": "192.168.0.5", "ecs_name": "192.168.0.5", "weight": 1, "is_backup": false,
         "member_group_name": "test", "member_group_id": "c1ce135c705c4066853a0460b318fe16",
         "status": 1, "port": 22, "vpc_channel_id": "18174f5f4f1a4dc29f33aeadd9788e5f",
         "create_time": "2020-07-23T07:11:57Z", "health_status": "healthy"},
        {"id": "a57b13f1b89b417ca8acd76909e6df67", "host": "192.168.1.124",
         "ecs_id": "192.168.1.124", "ecs_name": "192.168.1.124", "weight": 2,
         "is_backup": false, "member_group_name": "default",
         "member_group_id": "c1ce135c705c4066853a0460b318fe17", "status": 1, "port": 22,
         "vpc_channel_id": "18174f5f4f1a4dc29f33aeadd9788e5f",
         "create_time": "2020-07-23T07:11:57Z", "health_status": "unknown"}
    ]))
    .unwrap();
    let body = base_value(&detail, &members);
    let diags = validate(&body);
    assert!(diags.is_empty(), "{diags:#?}\n{body:#}");
}

#[test]
fn a_raw_detail_response_is_flagged_as_not_a_put_body() {
    // Pasting E2's answer instead of a PUT body: its response-only fields are pointed out.
    let body = parse_body(&fixture("response-server.json")).unwrap();
    let paths: Vec<String> = validate(&body)
        .into_iter()
        .filter(|d| d.code == "response_field")
        .map(|d| d.path)
        .collect();
    for p in [
        "id",
        "create_time",
        "status",
        "member_groups[0].member_group_id",
    ] {
        assert!(paths.iter().any(|x| x == p), "{p} not in {paths:?}");
    }
}
