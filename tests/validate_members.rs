//! Group and member rules (docs/api.md §3.2, §3.3, §5.2–§5.4): each with a passing and a
//! failing case.
//! A failing case breaks exactly one rule of a clean body and must produce exactly one
//! diagnostic, at the rule's path, with the rule's severity and code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod validate_support;

use chanedit::validate::Severity;
use serde_json::json;
use validate_support::*;

use Severity::{Error as E, Warning as W};

#[test]
fn group_fields_pass() {
    check_clean(vec![
        (
            "weight 0",
            put(server(), "/member_groups/2/member_group_weight", json!(0)),
        ),
        (
            "weight 100",
            put(server(), "/member_groups/2/member_group_weight", json!(100)),
        ),
        (
            "remark 255",
            put(server(), "/member_groups/2/member_group_remark", long(255)),
        ),
        (
            "chinese group name",
            put(
                server(),
                "/member_groups/2/member_group_name",
                json!("备用组"),
            ),
        ),
        (
            "microservice_port 0 on a server channel is unset",
            put(server(), "/member_groups/2/microservice_port", json!(0)),
        ),
        (
            "group dict_code",
            put(server(), "/member_groups/2/dict_code", json!("d01")),
        ),
    ]);
}

#[test]
fn group_fields_fail() {
    let g = "/member_groups/2";
    check_cases(vec![
        (
            "name missing",
            del(server(), &format!("{g}/member_group_name")),
            "member_groups[2].member_group_name",
            E,
            "required",
        ),
        (
            "name short",
            put(server(), &format!("{g}/member_group_name"), json!("ab")),
            "member_groups[2].member_group_name",
            E,
            "length",
        ),
        (
            "name pattern",
            put(server(), &format!("{g}/member_group_name"), json!("9lives")),
            "member_groups[2].member_group_name",
            E,
            "pattern",
        ),
        (
            "duplicate name",
            put(server(), &format!("{g}/member_group_name"), json!("blue")),
            "member_groups[2].member_group_name",
            E,
            "duplicate_group",
        ),
        (
            "weight 101",
            put(server(), &format!("{g}/member_group_weight"), json!(101)),
            "member_groups[2].member_group_weight",
            E,
            "range",
        ),
        (
            "weight -1",
            put(server(), &format!("{g}/member_group_weight"), json!(-1)),
            "member_groups[2].member_group_weight",
            E,
            "range",
        ),
        (
            "remark 256",
            put(server(), &format!("{g}/member_group_remark"), long(256)),
            "member_groups[2].member_group_remark",
            E,
            "length",
        ),
        (
            "microservice_version on a server channel",
            put(server(), &format!("{g}/microservice_version"), json!("v1")),
            "member_groups[2].microservice_version",
            W,
            "ignored",
        ),
        (
            "microservice_port on a server channel",
            put(server(), &format!("{g}/microservice_port"), json!(80)),
            "member_groups[2].microservice_port",
            W,
            "ignored",
        ),
        (
            "microservice_labels on a server channel",
            put(
                server(),
                &format!("{g}/microservice_labels"),
                json!([{"label_name": "a", "label_value": "b"}]),
            ),
            "member_groups[2].microservice_labels",
            W,
            "ignored",
        ),
        (
            "reference id on a server channel",
            put(
                server(),
                &format!("{g}/reference_vpc_channel_id"),
                json!("abc"),
            ),
            "member_groups[2].reference_vpc_channel_id",
            W,
            "ignored",
        ),
        (
            "group not an object",
            put(server(), g, json!("spare")),
            "member_groups[2]",
            E,
            "type",
        ),
        (
            "group unknown field",
            put(server(), &format!("{g}/member_group_wieght"), json!(1)),
            "member_groups[2].member_group_wieght",
            W,
            "unknown_field",
        ),
    ]);
}

#[test]
fn member_fields_pass() {
    let m = "/members/0";
    check_clean(vec![
        ("weight 0", put(server(), &format!("{m}/weight"), json!(0))),
        (
            "weight 10000",
            put(server(), &format!("{m}/weight"), json!(10000)),
        ),
        ("port 0", put(server(), &format!("{m}/port"), json!(0))),
        ("status 2", put(server(), &format!("{m}/status"), json!(2))),
        (
            "backup",
            put(server(), &format!("{m}/is_backup"), json!(true)),
        ),
        ("host 255", put(server(), &format!("{m}/host"), long(255))),
        (
            "ip member with ecs copies of host (as echoed)",
            put(
                put(server(), &format!("{m}/ecs_id"), json!("10.0.0.1")),
                &format!("{m}/ecs_name"),
                json!("10.0.0.1"),
            ),
        ),
        (
            "same host on another port",
            put(
                server(),
                "/members/2",
                json!({"host": "10.0.0.1", "member_group_name": "blue", "port": 8081}),
            ),
        ),
        (
            "same host in another group",
            put(
                server(),
                "/members/2",
                json!({"host": "10.0.0.1", "member_group_name": "green", "port": 8080}),
            ),
        ),
        (
            "all members ungrouped",
            del(
                del(server(), "/members/0/member_group_name"),
                "/members/1/member_group_name",
            ),
        ),
        (
            "ecs name with dot",
            put(ecs(), "/members/0/ecs_name", json!("web.01")),
        ),
        ("no members at all", put(server(), "/members", json!([]))),
    ]);
}

#[test]
fn member_fields_fail() {
    check_cases(vec![
        (
            "host missing on ip",
            del(server(), "/members/1/host"),
            "members[1].host",
            E,
            "required",
        ),
        (
            "host empty on ip",
            put(server(), "/members/1/host", json!("")),
            "members[1].host",
            E,
            "required",
        ),
        (
            "host 256",
            put(server(), "/members/1/host", long(256)),
            "members[1].host",
            E,
            "length",
        ),
        (
            "weight 10001",
            put(server(), "/members/0/weight", json!(10001)),
            "members[0].weight",
            E,
            "range",
        ),
        (
            "weight string",
            put(server(), "/members/0/weight", json!("5")),
            "members[0].weight",
            E,
            "type",
        ),
        (
            "status 3",
            put(server(), "/members/0/status", json!(3)),
            "members[0].status",
            E,
            "enum",
        ),
        (
            "is_backup string",
            put(server(), "/members/0/is_backup", json!("yes")),
            "members[0].is_backup",
            E,
            "type",
        ),
        (
            "port 65536",
            put(server(), "/members/0/port", json!(65536)),
            "members[0].port",
            E,
            "range",
        ),
        (
            "group that does not exist",
            put(server(), "/members/1/member_group_name", json!("nope")),
            "members[1].member_group_name",
            E,
            "unknown_group",
        ),
        (
            "exact duplicate",
            put(server(), "/members/2", server()["members"][0].clone()),
            "members[2]",
            E,
            "duplicate_member",
        ),
        (
            "duplicate through the channel port",
            put(
                server(),
                "/members/2",
                json!({"host": "10.0.0.2", "member_group_name": "green", "port": 80}),
            ),
            "members[2]",
            E,
            "duplicate_member",
        ),
        (
            "duplicate through port 0",
            put(
                server(),
                "/members/2",
                json!({"host": "10.0.0.2", "member_group_name": "green", "port": 0}),
            ),
            "members[2]",
            E,
            "duplicate_member",
        ),
        (
            "grouped and ungrouped members",
            del(server(), "/members/1/member_group_name"),
            "members[1].member_group_name",
            W,
            "mixed_groups",
        ),
        (
            "member not an object",
            put(server(), "/members/1", json!(5)),
            "members[1]",
            E,
            "type",
        ),
        (
            "member typo",
            put(server(), "/members/1/wieght", json!(1)),
            "members[1].wieght",
            W,
            "unknown_field",
        ),
        (
            "member response field",
            put(server(), "/members/1/health_status", json!("healthy")),
            "members[1].health_status",
            W,
            "response_field",
        ),
        (
            "ecs_id missing on ecs",
            del(ecs(), "/members/1/ecs_id"),
            "members[1].ecs_id",
            E,
            "required",
        ),
        (
            "ecs_name missing on ecs",
            del(ecs(), "/members/1/ecs_name"),
            "members[1].ecs_name",
            E,
            "required",
        ),
        (
            "ecs_id characters",
            put(ecs(), "/members/1/ecs_id", json!("ecs id")),
            "members[1].ecs_id",
            E,
            "pattern",
        ),
        (
            "ecs_id over 64 (schema allows 255)",
            put(ecs(), "/members/1/ecs_id", long(100)),
            "members[1].ecs_id",
            W,
            "length",
        ),
        (
            "ecs_id over 255",
            put(ecs(), "/members/1/ecs_id", long(256)),
            "members[1].ecs_id",
            E,
            "length",
        ),
        (
            "ecs_name characters",
            put(ecs(), "/members/1/ecs_name", json!("web/01")),
            "members[1].ecs_name",
            E,
            "pattern",
        ),
        (
            "ecs duplicate by ecs_id",
            put(
                ecs(),
                "/members/1/ecs_id",
                ecs()["members"][0]["ecs_id"].clone(),
            ),
            "members[1]",
            E,
            "duplicate_member",
        ),
    ]);
}
