//! Rules read again against the official SDK models (Go `services/apig/v2/model` and the Python
//! `huaweicloudsdkapig` docstrings, which agree): one test per rule that used to be stricter or
//! looser than the service.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod validate_support;

use chanedit::validate::Severity;
use serde_json::json;
use validate_support::*;

use Severity::Warning as W;

const CCE: &str = "/microservice_info/cce_info";

#[test]
fn cce_app_name_takes_chinese_characters_and_may_start_with_one() {
    check_clean(vec![
        (
            "chinese app_name",
            put(cce(), &format!("{CCE}/app_name"), json!("订单服务")),
        ),
        (
            "app_name starting with a chinese character",
            put(cce(), &format!("{CCE}/app_name"), json!("订单-v1.x_2")),
        ),
    ]);
}

#[test]
fn cce_label_value_takes_chinese_characters_and_may_start_with_one() {
    let labels = put(
        del(cce(), &format!("{CCE}/app_name")),
        &format!("{CCE}/label_key"),
        json!("app"),
    );
    check_clean(vec![(
        "chinese label_value",
        put(labels, &format!("{CCE}/label_value"), json!("订单v2")),
    )]);
}

#[test]
fn cce_service_name_takes_chinese_characters_and_may_start_with_one() {
    check_clean(vec![(
        "chinese service_name",
        put(
            cce_service(),
            "/microservice_info/cce_service_info/service_name",
            json!("订单服务-svc"),
        ),
    )]);
}

#[test]
fn cce_label_key_takes_full_width_parentheses_and_colons() {
    let with_key = |key: &str| {
        put(
            put(
                del(cce(), &format!("{CCE}/app_name")),
                &format!("{CCE}/label_key"),
                json!(key),
            ),
            &format!("{CCE}/label_value"),
            json!("orders"),
        )
    };
    check_clean(vec![
        (
            "full-width parentheses and colon",
            with_key("app（v1）：name"),
        ),
        ("chinese first", with_key("应用:name")),
    ]);
}

#[test]
fn a_missing_service_type_is_a_warning() {
    check_cases(vec![(
        "service_type missing",
        del(cce(), "/microservice_info/service_type"),
        "microservice_info.service_type",
        W,
        "required",
    )]);
}

#[test]
fn microservice_info_on_a_server_channel_is_ignored_not_refused() {
    let body = put(
        server(),
        "/microservice_info",
        cce()["microservice_info"].clone(),
    );
    check_cases(vec![(
        "microservice_info on a server channel",
        body.clone(),
        "microservice_info",
        W,
        "ignored",
    )]);
    let d = chanedit::validate::validate(&body);
    assert!(d[0].message.contains("ignored by the service"), "{d:?}");
}

#[test]
fn microservice_group_fields_on_other_channels_are_ignored_not_refused() {
    check_cases(vec![
        (
            "microservice_port on a server channel",
            put(server(), "/member_groups/0/microservice_port", json!(81)),
            "member_groups[0].microservice_port",
            W,
            "ignored",
        ),
        (
            "microservice_labels on a reference channel",
            put(
                reference(),
                "/member_groups/0/microservice_labels",
                json!([{"label_name": "zone", "label_value": "az1"}]),
            ),
            "member_groups[0].microservice_labels",
            W,
            "ignored",
        ),
    ]);
}

#[test]
fn a_reference_id_outside_reference_channels_is_ignored_not_refused() {
    check_cases(vec![(
        "reference id on a microservice channel",
        put(
            cce(),
            "/member_groups/0/reference_vpc_channel_id",
            json!("18174f5f4f1a4dc29f33aeadd9788e5f"),
        ),
        "member_groups[0].reference_vpc_channel_id",
        W,
        "ignored",
    )]);
}

#[test]
fn members_of_a_reference_channel_are_not_validated_as_members() {
    check_cases(vec![(
        "broken members on a reference channel",
        put(
            reference(),
            "/members",
            json!([{"weight": 99999, "port": -1, "member_group_name": "nowhere"}, "not a member"]),
        ),
        "members",
        W,
        "ignored",
    )]);
}

#[test]
fn a_nacos_port_above_64535_without_grpc_port_warns_about_the_default() {
    let server_at = "/microservice_info/nacos_info/server_config/0";
    let high = put(
        del(nacos(), &format!("{server_at}/grpc_port")),
        &format!("{server_at}/port"),
        json!(64536),
    );
    check_cases(vec![(
        "port 64536, no grpc_port",
        high.clone(),
        "microservice_info.nacos_info.server_config[0].grpc_port",
        W,
        "range",
    )]);
    let d = chanedit::validate::validate(&high);
    assert!(d[0].message.contains("65536"), "{d:?}");
    check_clean(vec![
        (
            "port 64535, no grpc_port",
            put(high.clone(), &format!("{server_at}/port"), json!(64535)),
        ),
        (
            "port 64536 with grpc_port",
            put(high, &format!("{server_at}/grpc_port"), json!(9848)),
        ),
    ]);
}

#[test]
fn a_health_check_method_outside_get_and_head_warns() {
    let h = "/vpc_health_config/method";
    check_cases(vec![
        (
            "POST",
            put(server(), h, json!("POST")),
            "vpc_health_config.method",
            W,
            "enum",
        ),
        (
            "lowercase options",
            put(server(), h, json!("options")),
            "vpc_health_config.method",
            W,
            "enum",
        ),
    ]);
    check_clean(vec![
        ("GET", put(server(), h, json!("GET"))),
        ("lowercase head", put(server(), h, json!("head"))),
    ]);
}
