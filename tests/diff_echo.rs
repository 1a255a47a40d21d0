//! A loaded channel diffs empty against its own base: everything the server echoes
//! differently from a PUT body (docs/api.md §3.9–§3.11) is erased by the normaliser.

use chanedit::diff::{Summary, diff};
use chanedit::model::{VpcChannel, VpcMemberInfo, base_value};
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A member as E2/E6 return it: ecs fields copied from host, ids, times, the channel port
/// filled in, health status.
fn echoed_member(host: &str, group: &str, port: i64, weight: i64) -> Value {
    json!({
        "id": format!("m-{host}-{port}"),
        "host": host,
        "ecs_id": host,
        "ecs_name": host,
        "weight": weight,
        "is_backup": false,
        "member_group_name": group,
        "member_group_id": if group.is_empty() { String::new() } else { format!("gid-{group}") },
        "status": 1,
        "port": port,
        "vpc_channel_id": "18174f5f4f1a4dc29f33aeadd9788e5f",
        "create_time": "2020-07-23T07:11:57Z",
        "health_status": "unknown"
    })
}

fn echoed_health() -> Value {
    json!({
        "protocol": "http", "path": "/health", "method": "", "port": 0,
        "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10, "timeout": 5,
        "http_code": "200", "enable_client_ssl": false, "status": 1,
        "id": "3c6ac7c7d5a0448c8f1f9b5e1b2d2e0f",
        "vpc_channel_id": "18174f5f4f1a4dc29f33aeadd9788e5f",
        "create_time": "2020-07-23T07:11:57Z"
    })
}

/// The detail (E2) with the members of every E6 page and the health check, as echoed.
fn echoed(response: &str, members: Vec<Value>) -> Value {
    let mut detail = fixture(response);
    detail["members"] = Value::Array(members);
    detail["vpc_health_config"] = echoed_health();
    detail
}

fn base_of(echo: &Value) -> Value {
    let detail: VpcChannel = serde_json::from_value(echo.clone()).unwrap();
    let members: Vec<VpcMemberInfo> = serde_json::from_value(echo["members"].clone()).unwrap();
    base_value(&detail, &members)
}

fn grouped_members() -> Vec<Value> {
    vec![
        echoed_member("192.168.0.5", "test", 22, 1),
        echoed_member("192.168.0.6", "test", 22, 1),
        echoed_member("192.168.0.5", "default", 8080, 2),
    ]
}

/// The server's echo of a body and the body itself are the same channel, in both directions.
fn assert_no_diff_either_way(base: &Value, echo: &Value) {
    for (from, to) in [(base, echo), (echo, base)] {
        let d = diff(from, to);
        assert!(d.is_empty(), "{}", d.render(false));
    }
}

#[test]
fn server_channel_response_diffs_empty_against_its_base() {
    let echo = echoed("response-server.json", grouped_members());
    let base = base_of(&echo);
    assert_no_diff_either_way(&base, &echo);
}

#[test]
fn microservice_channel_response_diffs_empty_against_its_base() {
    let echo = echoed("response-microservice.json", grouped_members());
    let base = base_of(&echo);
    assert_no_diff_either_way(&base, &echo);
}

#[test]
fn ungrouped_members_echoed_with_empty_group_diff_empty() {
    let mut echo = echoed(
        "response-server.json",
        vec![
            echoed_member("10.1.0.1", "", 22, 1),
            echoed_member("10.1.0.2", "", 22, 1),
        ],
    );
    echo["member_groups"] = json!([]);
    let base = base_of(&echo);
    assert!(
        diff(&base, &echo).is_empty(),
        "{}",
        diff(&base, &echo).render(false)
    );
}

#[test]
fn a_real_edit_on_top_of_the_echo_still_shows() {
    let echo = echoed("response-server.json", grouped_members());
    let mut draft = base_of(&echo);
    draft["members"][2]["weight"] = json!(9);
    draft["vpc_health_config"]["timeout"] = json!(6);
    let d = diff(&echo, &draft);
    assert_eq!(
        d.summary(),
        Summary {
            changed: 2,
            added: 0,
            removed: 0
        }
    );
    let text = d.render(false);
    assert!(
        text.contains("~ vpc_health_config.timeout: 5 -> 6"),
        "{text}"
    );
    assert!(
        text.contains("~ member 192.168.0.5:8080 (group default): weight 2 -> 9"),
        "{text}"
    );
}

#[test]
fn response_only_fields_are_not_changes() {
    let echo = echoed("response-server.json", grouped_members());
    let mut other = echo.clone();
    other["id"] = json!("another");
    other["status"] = json!(2);
    other["create_time"] = json!("2024-01-01T00:00:00Z");
    other["member_groups"][0]["member_group_id"] = json!("changed-id");
    other["member_groups"][0]["update_time"] = json!("2024-01-01T00:00:00Z");
    other["members"][0]["id"] = json!("new-id");
    other["members"][0]["health_status"] = json!("unhealthy");
    other["vpc_health_config"]["id"] = json!("new-hc");
    assert!(
        diff(&echo, &other).is_empty(),
        "{}",
        diff(&echo, &other).render(false)
    );
}
