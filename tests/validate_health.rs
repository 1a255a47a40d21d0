//! Health check rules (docs/api.md §3.4, §5.2 items 4–6, §8.3, §8.4, §8.19).
//! A failing case breaks exactly one rule of a clean body and must produce exactly one
//! diagnostic, at the rule's path, with the rule's severity and code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod validate_support;

use chanedit::validate::Severity;
use serde_json::json;
use validate_support::*;

use Severity::{Error as E, Warning as W};

#[test]
fn health_check_passes() {
    let h = "/vpc_health_config";
    check_clean(vec![
        (
            "lowercase protocol (as echoed)",
            put(server(), &format!("{h}/protocol"), json!("http")),
        ),
        (
            "lowercase method",
            put(server(), &format!("{h}/method"), json!("head")),
        ),
        (
            "empty method is unset",
            put(server(), &format!("{h}/method"), json!("")),
        ),
        (
            "single code",
            put(server(), &format!("{h}/http_code"), json!("200")),
        ),
        (
            "mixed codes",
            put(
                server(),
                &format!("{h}/http_code"),
                json!("201,202,210-299"),
            ),
        ),
        (
            "API maxima",
            put(
                put(
                    put(
                        put(server(), &format!("{h}/threshold_normal"), json!(10)),
                        &format!("{h}/threshold_abnormal"),
                        json!(10),
                    ),
                    &format!("{h}/time_interval"),
                    json!(300),
                ),
                &format!("{h}/timeout"),
                json!(30),
            ),
        ),
        (
            "https with client ssl",
            put(
                put(server(), &format!("{h}/protocol"), json!("https")),
                &format!("{h}/enable_client_ssl"),
                json!(true),
            ),
        ),
        ("tcp needs no path or codes", ecs()),
        ("no health check", del(server(), h)),
    ]);
}

#[test]
fn health_check_fails() {
    let h = "/vpc_health_config";
    let at = |k: &str| format!("{h}/{k}");
    let tcp = || {
        del(
            del(put(server(), &at("protocol"), json!("TCP")), &at("path")),
            &at("http_code"),
        )
    };
    check_cases(vec![
        (
            "protocol missing",
            del(tcp(), &at("protocol")),
            "vpc_health_config.protocol",
            E,
            "required",
        ),
        (
            "protocol other",
            put(server(), &at("protocol"), json!("FTP")),
            "vpc_health_config.protocol",
            E,
            "enum",
        ),
        (
            "path missing for HTTP",
            del(server(), &at("path")),
            "vpc_health_config.path",
            E,
            "required",
        ),
        (
            "path missing for HTTPS",
            del(put(server(), &at("protocol"), json!("HTTPS")), &at("path")),
            "vpc_health_config.path",
            E,
            "required",
        ),
        (
            "http_code missing for HTTP",
            del(server(), &at("http_code")),
            "vpc_health_config.http_code",
            E,
            "required",
        ),
        (
            "http_code missing for HTTPS is a warning (docs/api.md §8.3)",
            del(
                put(server(), &at("protocol"), json!("HTTPS")),
                &at("http_code"),
            ),
            "vpc_health_config.http_code",
            W,
            "required",
        ),
        (
            "http_code out of range",
            put(server(), &at("http_code"), json!("200,600")),
            "vpc_health_config.http_code",
            E,
            "pattern",
        ),
        (
            "http_code garbage",
            put(server(), &at("http_code"), json!("2xx")),
            "vpc_health_config.http_code",
            E,
            "pattern",
        ),
        (
            "http_code reversed range",
            put(server(), &at("http_code"), json!("299-200")),
            "vpc_health_config.http_code",
            W,
            "range_order",
        ),
        (
            "method other",
            put(server(), &at("method"), json!("POST")),
            "vpc_health_config.method",
            W,
            "enum",
        ),
        (
            "port -1",
            put(server(), &at("port"), json!(-1)),
            "vpc_health_config.port",
            E,
            "range",
        ),
        (
            "threshold_normal 0",
            put(server(), &at("threshold_normal"), json!(0)),
            "vpc_health_config.threshold_normal",
            E,
            "range",
        ),
        (
            "threshold_normal 11",
            put(server(), &at("threshold_normal"), json!(11)),
            "vpc_health_config.threshold_normal",
            E,
            "range",
        ),
        (
            "threshold_normal below the console (docs/api.md §8.4)",
            put(server(), &at("threshold_normal"), json!(1)),
            "vpc_health_config.threshold_normal",
            W,
            "console_range",
        ),
        (
            "threshold_normal missing",
            del(server(), &at("threshold_normal")),
            "vpc_health_config.threshold_normal",
            E,
            "required",
        ),
        (
            "threshold_abnormal 11",
            put(server(), &at("threshold_abnormal"), json!(11)),
            "vpc_health_config.threshold_abnormal",
            E,
            "range",
        ),
        (
            "threshold_abnormal below the console",
            put(server(), &at("threshold_abnormal"), json!(1)),
            "vpc_health_config.threshold_abnormal",
            W,
            "console_range",
        ),
        (
            "time_interval 301",
            put(server(), &at("time_interval"), json!(301)),
            "vpc_health_config.time_interval",
            E,
            "range",
        ),
        (
            "time_interval below the console",
            put(
                put(server(), &at("time_interval"), json!(4)),
                &at("timeout"),
                json!(2),
            ),
            "vpc_health_config.time_interval",
            W,
            "console_range",
        ),
        (
            "time_interval missing",
            del(server(), &at("time_interval")),
            "vpc_health_config.time_interval",
            E,
            "required",
        ),
        (
            "timeout 31",
            put(server(), &at("timeout"), json!(31)),
            "vpc_health_config.timeout",
            E,
            "range",
        ),
        (
            "timeout below the console",
            put(server(), &at("timeout"), json!(1)),
            "vpc_health_config.timeout",
            W,
            "console_range",
        ),
        (
            "timeout missing",
            del(server(), &at("timeout")),
            "vpc_health_config.timeout",
            E,
            "required",
        ),
        (
            "timeout above time_interval",
            put(server(), &at("timeout"), json!(20)),
            "vpc_health_config.timeout",
            E,
            "timeout_interval",
        ),
        (
            "timeout equal to time_interval (documented as strict)",
            put(server(), &at("timeout"), json!(10)),
            "vpc_health_config.timeout",
            E,
            "timeout_interval",
        ),
        (
            "client ssl without HTTPS",
            put(server(), &at("enable_client_ssl"), json!(true)),
            "vpc_health_config.enable_client_ssl",
            W,
            "client_ssl",
        ),
        (
            "status 3",
            put(server(), &at("status"), json!(3)),
            "vpc_health_config.status",
            E,
            "enum",
        ),
        (
            "not an object",
            put(server(), h, json!("tcp")),
            "vpc_health_config",
            E,
            "type",
        ),
        (
            "typo",
            put(server(), &at("time_intervall"), json!(10)),
            "vpc_health_config.time_intervall",
            W,
            "unknown_field",
        ),
        (
            "response-only id",
            put(server(), &at("id"), json!("h1")),
            "vpc_health_config.id",
            W,
            "response_field",
        ),
    ]);
}
