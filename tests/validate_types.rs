//! Microservice, Nacos and reference channel rules (docs/api.md §3.5, §3.6, §5.5).
//! A failing case breaks exactly one rule of a clean body and must produce exactly one
//! diagnostic, at the rule's path, with the rule's severity and code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod validate_support;

use chanedit::validate::Severity;
use serde_json::{Value, json};
use validate_support::*;

use Severity::{Error as E, Warning as W};

#[test]
fn channel_types_pass() {
    check_clean(vec![
        ("microservice by type 3", cse()),
        (
            "cce by label pair",
            put(
                put(
                    del(cce(), "/microservice_info/cce_info/app_name"),
                    "/microservice_info/cce_info/label_key",
                    json!("app.kubernetes.io/name"),
                ),
                "/microservice_info/cce_info/label_value",
                json!("orders"),
            ),
        ),
        (
            "blank cse_info beside cce (as echoed)",
            put(
                cce(),
                "/microservice_info/cse_info",
                json!({"engine_id": ""}),
            ),
        ),
        (
            "microservice channel members are left alone",
            put(
                cce(),
                "/members",
                json!([{"host": "172.16.0.5", "member_group_name": "ver1"}]),
            ),
        ),
        ("nacos without optional fields", {
            let b = del(nacos(), "/microservice_info/nacos_info/namespace");
            del(b, "/microservice_info/nacos_info/server_config/0/grpc_port")
        }),
        ("nine nacos servers", {
            let server = nacos()["microservice_info"]["nacos_info"]["server_config"][0].clone();
            put(
                nacos(),
                "/microservice_info/nacos_info/server_config",
                Value::Array(vec![server; 9]),
            )
        }),
    ]);
}

#[test]
fn channel_types_fail() {
    let cce_at = "/microservice_info/cce_info";
    let nacos_at = "/microservice_info/nacos_info";
    let nacos_server = nacos()["microservice_info"]["nacos_info"]["server_config"][0].clone();
    check_cases(vec![
        (
            "microservice channel without microservice_info",
            del(cce(), "/microservice_info"),
            "microservice_info",
            E,
            "required",
        ),
        (
            "type 3 without microservice_info (the server makes a server channel)",
            del(cse(), "/microservice_info"),
            "microservice_info",
            W,
            "required",
        ),
        (
            "microservice_info on a server channel",
            put(
                server(),
                "/microservice_info",
                cce()["microservice_info"].clone(),
            ),
            "microservice_info",
            W,
            "ignored",
        ),
        (
            "service_type missing",
            del(cce(), "/microservice_info/service_type"),
            "microservice_info.service_type",
            W,
            "required",
        ),
        (
            "service_type lowercase",
            put(cce(), "/microservice_info/service_type", json!("cce")),
            "microservice_info.service_type",
            E,
            "enum",
        ),
        (
            "cce_info missing",
            del(cce(), cce_at),
            "microservice_info.cce_info",
            E,
            "required",
        ),
        (
            "other *_info beside the matching one",
            put(
                cce(),
                "/microservice_info/cse_info",
                json!({"engine_id": "e1"}),
            ),
            "microservice_info.cse_info",
            W,
            "ignored",
        ),
        (
            "cce cluster_id missing",
            del(cce(), &format!("{cce_at}/cluster_id")),
            "microservice_info.cce_info.cluster_id",
            E,
            "required",
        ),
        (
            "cce namespace too long",
            put(cce(), &format!("{cce_at}/namespace"), long(65)),
            "microservice_info.cce_info.namespace",
            E,
            "length",
        ),
        (
            "cce workload_type other",
            put(cce(), &format!("{cce_at}/workload_type"), json!("job")),
            "microservice_info.cce_info.workload_type",
            E,
            "enum",
        ),
        (
            "cce neither app_name nor labels",
            del(cce(), &format!("{cce_at}/app_name")),
            "microservice_info.cce_info.app_name",
            E,
            "required",
        ),
        (
            "cce label_key without label_value",
            put(
                del(cce(), &format!("{cce_at}/app_name")),
                &format!("{cce_at}/label_key"),
                json!("app"),
            ),
            "microservice_info.cce_info.label_value",
            E,
            "required",
        ),
        (
            "cce app_name pattern",
            put(cce(), &format!("{cce_at}/app_name"), json!("1orders")),
            "microservice_info.cce_info.app_name",
            E,
            "pattern",
        ),
        (
            "label name pattern",
            put(
                cce(),
                "/member_groups/1/microservice_labels/0/label_name",
                json!("-zone"),
            ),
            "member_groups[1].microservice_labels[0].label_name",
            E,
            "pattern",
        ),
        (
            "label value missing",
            del(cce(), "/member_groups/1/microservice_labels/0/label_value"),
            "member_groups[1].microservice_labels[0].label_value",
            E,
            "required",
        ),
        (
            "microservice_port 70000",
            put(cce(), "/member_groups/0/microservice_port", json!(70000)),
            "member_groups[0].microservice_port",
            E,
            "range",
        ),
        (
            "microservice_version too long",
            put(cce(), "/member_groups/0/microservice_version", long(65)),
            "member_groups[0].microservice_version",
            E,
            "length",
        ),
        (
            "cse engine_id missing",
            del(cse(), "/microservice_info/cse_info/engine_id"),
            "microservice_info.cse_info.engine_id",
            E,
            "required",
        ),
        (
            "cse service_id too long",
            put(cse(), "/microservice_info/cse_info/service_id", long(65)),
            "microservice_info.cse_info.service_id",
            E,
            "length",
        ),
        (
            "cce service namespace uppercase",
            put(
                cce_service(),
                "/microservice_info/cce_service_info/namespace",
                json!("Prod"),
            ),
            "microservice_info.cce_service_info.namespace",
            E,
            "pattern",
        ),
        (
            "cce service name missing",
            del(
                cce_service(),
                "/microservice_info/cce_service_info/service_name",
            ),
            "microservice_info.cce_service_info.service_name",
            E,
            "required",
        ),
        (
            "nacos group weight",
            put(nacos(), "/member_groups/0/member_group_weight", json!(1)),
            "member_groups[0].member_group_weight",
            E,
            "not_allowed",
        ),
        (
            "nacos no servers",
            put(nacos(), &format!("{nacos_at}/server_config"), json!([])),
            "microservice_info.nacos_info.server_config",
            E,
            "count",
        ),
        (
            "nacos ten servers",
            put(
                nacos(),
                &format!("{nacos_at}/server_config"),
                Value::Array(vec![nacos_server; 10]),
            ),
            "microservice_info.nacos_info.server_config",
            E,
            "count",
        ),
        (
            "nacos server_config missing",
            del(nacos(), &format!("{nacos_at}/server_config")),
            "microservice_info.nacos_info.server_config",
            E,
            "required",
        ),
        (
            "nacos server port 0",
            put(
                nacos(),
                &format!("{nacos_at}/server_config/0/port"),
                json!(0),
            ),
            "microservice_info.nacos_info.server_config[0].port",
            E,
            "range",
        ),
        (
            "nacos grpc_port 0",
            put(
                nacos(),
                &format!("{nacos_at}/server_config/0/grpc_port"),
                json!(0),
            ),
            "microservice_info.nacos_info.server_config[0].grpc_port",
            E,
            "range",
        ),
        (
            "nacos ip_address short",
            put(
                nacos(),
                &format!("{nacos_at}/server_config/0/ip_address"),
                json!("1.2.3"),
            ),
            "microservice_info.nacos_info.server_config[0].ip_address",
            E,
            "length",
        ),
        (
            "nacos ip_address chinese",
            put(
                nacos(),
                &format!("{nacos_at}/server_config/0/ip_address"),
                json!("注册中心.example"),
            ),
            "microservice_info.nacos_info.server_config[0].ip_address",
            E,
            "pattern",
        ),
        (
            "nacos service_name @ first",
            put(nacos(), &format!("{nacos_at}/service_name"), json!("@pay")),
            "microservice_info.nacos_info.service_name",
            E,
            "pattern",
        ),
        (
            "nacos service_name @@",
            put(
                nacos(),
                &format!("{nacos_at}/service_name"),
                json!("pay@@v1"),
            ),
            "microservice_info.nacos_info.service_name",
            E,
            "pattern",
        ),
        (
            "nacos service_name chinese",
            put(nacos(), &format!("{nacos_at}/service_name"), json!("支付")),
            "microservice_info.nacos_info.service_name",
            E,
            "pattern",
        ),
        (
            "nacos service_name too long",
            put(nacos(), &format!("{nacos_at}/service_name"), long(513)),
            "microservice_info.nacos_info.service_name",
            E,
            "length",
        ),
        (
            "nacos namespace characters",
            put(nacos(), &format!("{nacos_at}/namespace"), json!("prod env")),
            "microservice_info.nacos_info.namespace",
            E,
            "pattern",
        ),
        (
            "nacos group_name too long",
            put(nacos(), &format!("{nacos_at}/group_name"), long(129)),
            "microservice_info.nacos_info.group_name",
            E,
            "length",
        ),
        (
            "nacos user_info missing",
            del(nacos(), &format!("{nacos_at}/user_info")),
            "microservice_info.nacos_info.user_info",
            E,
            "required",
        ),
        (
            "nacos password missing",
            del(nacos(), &format!("{nacos_at}/user_info/password")),
            "microservice_info.nacos_info.user_info.password",
            E,
            "required",
        ),
        (
            "nacos user_name too long",
            put(
                nacos(),
                &format!("{nacos_at}/user_info/user_name"),
                long(65),
            ),
            "microservice_info.nacos_info.user_info.user_name",
            E,
            "length",
        ),
        (
            "reference group without a reference id",
            del(reference(), "/member_groups/0/reference_vpc_channel_id"),
            "member_groups[0].reference_vpc_channel_id",
            W,
            "required",
        ),
        (
            "reference id too long",
            put(
                reference(),
                "/member_groups/0/reference_vpc_channel_id",
                long(65),
            ),
            "member_groups[0].reference_vpc_channel_id",
            E,
            "length",
        ),
        (
            "members on a reference channel are ignored",
            put(reference(), "/members", json!([{"host": "10.0.0.1"}])),
            "members",
            W,
            "ignored",
        ),
        (
            "microservice group fields on a reference channel",
            put(
                reference(),
                "/member_groups/0/microservice_version",
                json!("v1"),
            ),
            "member_groups[0].microservice_version",
            W,
            "ignored",
        ),
    ]);
}
