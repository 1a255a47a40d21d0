//! Channel-level rules (docs/api.md §3.1, §4.3, §5.1, §5.5): each with a passing and a
//! failing case.
//! A failing case breaks exactly one rule of a clean body and must produce exactly one
//! diagnostic, at the rule's path, with the rule's severity and code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod validate_support;

use chanedit::validate::Severity;
use serde_json::{Value, json};
use validate_support::*;

use Severity::{Error as E, Warning as W};

#[test]
fn base_bodies_are_clean() {
    check_clean(vec![
        ("server", server()),
        ("ecs", ecs()),
        ("cce", cce()),
        ("cse", cse()),
        ("cce_service", cce_service()),
        ("nacos", nacos()),
        ("reference", reference()),
    ]);
}

#[test]
fn channel_fields_pass() {
    check_clean(vec![
        ("name of 3", put(server(), "/name", json!("abc"))),
        (
            "name of 64",
            put(server(), "/name", json!(format!("a{}", "b".repeat(63)))),
        ),
        ("name with -_.", put(server(), "/name", json!("a-b_c.d"))),
        (
            "chinese name (docs/api.md §8.8)",
            put(server(), "/name", json!("渠道一号")),
        ),
        ("port 1", put(server(), "/port", json!(1))),
        ("port 65535", put(server(), "/port", json!(65535))),
        ("balance 4", put(server(), "/balance_strategy", json!(4))),
        (
            "type alone",
            put(del(server(), "/vpc_channel_type"), "/type", json!(2)),
        ),
        ("type 0 means unset", put(server(), "/type", json!(0))),
        (
            "empty vpc_channel_type is unset, type decides",
            put(
                put(cce(), "/vpc_channel_type", json!("")),
                "/type",
                json!(3),
            ),
        ),
        ("dict_code", put(server(), "/dict_code", json!("abc.1"))),
        (
            "empty dict_code is unset",
            put(server(), "/dict_code", json!("")),
        ),
        ("null members", put(reference(), "/members", Value::Null)),
        (
            "null member_groups",
            put(ecs(), "/member_groups", Value::Null),
        ),
        (
            "blank microservice_info on a server channel (as echoed)",
            put(
                server(),
                "/microservice_info",
                json!({"id": "", "service_type": "", "cce_info": {"cluster_id": ""}}),
            ),
        ),
    ]);
}

#[test]
fn channel_fields_fail() {
    check_cases(vec![
        ("not an object", json!([1, 2]), "", E, "type"),
        (
            "name missing",
            del(server(), "/name"),
            "name",
            E,
            "required",
        ),
        (
            "name empty",
            put(server(), "/name", json!("")),
            "name",
            E,
            "required",
        ),
        (
            "name short",
            put(server(), "/name", json!("ab")),
            "name",
            E,
            "length",
        ),
        (
            "name long",
            put(server(), "/name", long(65)),
            "name",
            E,
            "length",
        ),
        (
            "name digit first",
            put(server(), "/name", json!("1abc")),
            "name",
            E,
            "pattern",
        ),
        (
            "name space",
            put(server(), "/name", json!("ab c")),
            "name",
            E,
            "pattern",
        ),
        (
            "name number",
            put(server(), "/name", json!(123)),
            "name",
            E,
            "type",
        ),
        (
            "port missing",
            del(server(), "/port"),
            "port",
            E,
            "required",
        ),
        (
            "port 0",
            put(server(), "/port", json!(0)),
            "port",
            E,
            "range",
        ),
        (
            "port 65536",
            put(server(), "/port", json!(65536)),
            "port",
            E,
            "range",
        ),
        (
            "port string",
            put(server(), "/port", json!("80")),
            "port",
            E,
            "type",
        ),
        (
            "port float",
            put(server(), "/port", json!(80.5)),
            "port",
            E,
            "type",
        ),
        (
            "port huge",
            put(server(), "/port", json!(u64::MAX)),
            "port",
            E,
            "range",
        ),
        (
            "balance missing",
            del(server(), "/balance_strategy"),
            "balance_strategy",
            E,
            "required",
        ),
        (
            "balance 5",
            put(server(), "/balance_strategy", json!(5)),
            "balance_strategy",
            E,
            "enum",
        ),
        (
            "member_type missing",
            del(server(), "/member_type"),
            "member_type",
            E,
            "required",
        ),
        (
            "member_type other",
            put(server(), "/member_type", json!("vm")),
            "member_type",
            E,
            "enum",
        ),
        (
            "type 4",
            put(del(server(), "/vpc_channel_type"), "/type", json!(4)),
            "type",
            E,
            "enum",
        ),
        (
            "type 1 is deprecated",
            put(del(server(), "/vpc_channel_type"), "/type", json!(1)),
            "type",
            W,
            "deprecated",
        ),
        (
            "vpc_channel_type other",
            put(server(), "/vpc_channel_type", json!("server")),
            "vpc_channel_type",
            E,
            "enum",
        ),
        (
            "type and vpc_channel_type agreeing",
            put(server(), "/type", json!(2)),
            "type",
            W,
            "type_conflict",
        ),
        (
            "type and vpc_channel_type disagreeing",
            put(server(), "/type", json!(3)),
            "type",
            E,
            "type_conflict",
        ),
        (
            "empty vpc_channel_type leaves the type to `type`",
            put(
                put(
                    put(server(), "/vpc_channel_type", json!("")),
                    "/type",
                    json!(2),
                ),
                "/member_groups/2/microservice_version",
                json!("v1"),
            ),
            "member_groups[2].microservice_version",
            W,
            "ignored",
        ),
        (
            "dict_code short",
            put(server(), "/dict_code", json!("ab")),
            "dict_code",
            E,
            "length",
        ),
        (
            "dict_code chars",
            put(server(), "/dict_code", json!("a b c")),
            "dict_code",
            E,
            "pattern",
        ),
        (
            "members missing",
            del(ecs(), "/members"),
            "members",
            W,
            "missing_array",
        ),
        (
            "member_groups missing",
            del(ecs(), "/member_groups"),
            "member_groups",
            W,
            "missing_array",
        ),
        (
            "members not array",
            put(ecs(), "/members", json!({})),
            "members",
            E,
            "type",
        ),
        (
            "unknown field",
            put(server(), "/nmae", json!(1)),
            "nmae",
            W,
            "unknown_field",
        ),
        (
            "response-only field",
            put(server(), "/id", json!("x")),
            "id",
            W,
            "response_field",
        ),
    ]);
}
