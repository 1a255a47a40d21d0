//! Valid bodies of each channel kind, and helpers to break them one field at a time.
#![allow(dead_code)]
// Test helpers may fail loudly: a broken fixture is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::validate::{Diagnostic, Severity, validate};
use serde_json::{Value, json};

/// An ip server channel with three groups (the third one empty), two members and an HTTP
/// health check: validates with no diagnostics at all.
pub fn server() -> Value {
    json!({
        "name": "web_backend",
        "port": 80,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "builtin",
        "member_groups": [
            {"member_group_name": "blue", "member_group_weight": 10, "member_group_remark": "blue"},
            {"member_group_name": "green"},
            {"member_group_name": "spare"}
        ],
        "members": [
            {"host": "10.0.0.1", "weight": 5, "member_group_name": "blue", "port": 8080,
             "status": 1, "is_backup": false},
            {"host": "10.0.0.2", "member_group_name": "green"}
        ],
        "vpc_health_config": {
            "protocol": "HTTP", "path": "/health", "method": "GET", "port": 0,
            "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10, "timeout": 5,
            "http_code": "200-299", "enable_client_ssl": false, "status": 1
        }
    })
}

/// An ecs server channel, members ungrouped, TCP health check.
pub fn ecs() -> Value {
    json!({
        "name": "ecs_pool",
        "port": 443,
        "balance_strategy": 2,
        "member_type": "ecs",
        "member_groups": [],
        "members": [
            {"ecs_id": "8f3c7d2e-0000-4b1a-9a3e-1f2b3c4d5e6f", "ecs_name": "ecs-web-01",
             "weight": 1},
            {"ecs_id": "8f3c7d2e-0000-4b1a-9a3e-1f2b3c4d5e70", "ecs_name": "ecs-web-02",
             "weight": 1}
        ],
        "vpc_health_config": {
            "protocol": "TCP", "threshold_normal": 2, "threshold_abnormal": 5,
            "time_interval": 10, "timeout": 5
        }
    })
}

/// A CCE microservice channel.
pub fn cce() -> Value {
    json!({
        "name": "cce_orders",
        "port": 8080,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "microservice",
        "member_groups": [
            {"member_group_name": "ver1", "member_group_weight": 1, "microservice_version": "v1",
             "microservice_port": 80},
            {"member_group_name": "ver2", "microservice_version": "v2",
             "microservice_labels": [{"label_name": "zone", "label_value": "az1"}]}
        ],
        "members": [],
        "microservice_info": {
            "service_type": "CCE",
            "cce_info": {"cluster_id": "ab1485b4f91b45abbcd560be591f7309",
                "namespace": "default", "workload_type": "deployment", "app_name": "orders"}
        }
    })
}

/// A CSE microservice channel.
pub fn cse() -> Value {
    json!({
        "name": "cse_users",
        "port": 8080,
        "balance_strategy": 1,
        "member_type": "ip",
        "type": 3,
        "member_groups": [{"member_group_name": "ver1", "microservice_version": "1.0.0"}],
        "members": [],
        "microservice_info": {
            "service_type": "CSE",
            "cse_info": {"engine_id": "engine-1", "service_id": "service-1"}
        }
    })
}

/// A CCE Service microservice channel.
pub fn cce_service() -> Value {
    json!({
        "name": "cce_svc",
        "port": 8080,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "microservice",
        "member_groups": [],
        "members": [],
        "microservice_info": {
            "service_type": "CCE_SERVICE",
            "cce_service_info": {"cluster_id": "c1", "namespace": "prod-1",
                "service_name": "orders"}
        }
    })
}

/// A Nacos microservice channel (no group weights).
pub fn nacos() -> Value {
    json!({
        "name": "nacos_pay",
        "port": 8848,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "microservice",
        "member_groups": [{"member_group_name": "pay_v1", "microservice_version": "v1"}],
        "members": [],
        "microservice_info": {
            "service_type": "NACOS",
            "nacos_info": {
                "namespace": "prod", "cluster_name": "DEFAULT", "group_name": "DEFAULT_GROUP",
                "service_name": "payment-service",
                "server_config": [{"ip_address": "192.168.0.10", "port": 8848,
                    "grpc_port": 9848}],
                "user_info": {"user_name": "nacos", "password": "s3cret-pass"}
            }
        }
    })
}

/// A reference channel.
pub fn reference() -> Value {
    json!({
        "name": "ref_channel",
        "port": 80,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "reference",
        "member_groups": [
            {"member_group_name": "primary",
             "reference_vpc_channel_id": "18174f5f4f1a4dc29f33aeadd9788e5f"}
        ],
        "members": []
    })
}

/// `body` with the value at a JSON pointer replaced (or added; an index one past the end
/// appends).
pub fn put(mut body: Value, pointer: &str, value: Value) -> Value {
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    match body.pointer_mut(parent).expect("parent exists") {
        Value::Object(m) => {
            m.insert(last.to_string(), value);
        }
        Value::Array(a) => {
            let i: usize = last.parse().expect("index");
            if i < a.len() {
                a[i] = value;
            } else {
                a.push(value);
            }
        }
        other => panic!("cannot put into {other}"),
    }
    body
}

/// `body` without the field or element at a JSON pointer.
pub fn del(mut body: Value, pointer: &str) -> Value {
    let (parent, last) = pointer.rsplit_once('/').expect("pointer");
    match body.pointer_mut(parent).expect("parent exists") {
        Value::Object(m) => {
            m.shift_remove(last).expect("field exists");
        }
        Value::Array(a) => {
            a.remove(last.parse::<usize>().expect("index"));
        }
        other => panic!("cannot remove from {other}"),
    }
    body
}

/// (case name, body, expected path, severity, code)
pub type Case = (&'static str, Value, &'static str, Severity, &'static str);

pub fn summary(diags: &[Diagnostic]) -> Vec<(String, Severity, &'static str)> {
    diags
        .iter()
        .map(|d| (d.path.clone(), d.severity, d.code))
        .collect()
}

pub fn check_cases(cases: Vec<Case>) {
    for (name, body, path, severity, code) in cases {
        let diags = validate(&body);
        assert_eq!(
            summary(&diags),
            vec![(path.to_string(), severity, code)],
            "case `{name}`: {diags:#?}"
        );
    }
}

pub fn check_clean(cases: Vec<(&'static str, Value)>) {
    for (name, body) in cases {
        let diags = validate(&body);
        assert!(
            diags.is_empty(),
            "case `{name}` should be clean: {diags:#?}"
        );
    }
}

pub fn long(n: usize) -> Value {
    Value::String("a".repeat(n))
}
