//! Property tests: the validator never panics, whatever the JSON; generated valid bodies
//! validate without errors; and breaking one field of a valid body is always reported there.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod validate_support;

use chanedit::validate::{Severity, validate};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,80}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{0,12}", inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Field names the validator reads, so that random objects hit its rules, not just the
/// unknown-field path.
const KEYS: &[&str] = &[
    "name",
    "port",
    "balance_strategy",
    "member_type",
    "type",
    "vpc_channel_type",
    "member_groups",
    "members",
    "vpc_health_config",
    "microservice_info",
    "host",
    "weight",
    "member_group_name",
    "ecs_id",
    "ecs_name",
    "status",
    "protocol",
    "timeout",
    "time_interval",
    "http_code",
    "service_type",
    "cce_info",
    "nacos_info",
    "server_config",
    "user_info",
    "microservice_labels",
    "reference_vpc_channel_id",
    "member_group_weight",
];

/// JSON shaped like a body: objects keyed by the validator's field names, any values.
fn body_shaped() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..70000).prop_map(|n| json!(n)),
        prop::sample::select(vec![
            "",
            "ip",
            "ecs",
            "HTTP",
            "https",
            "tcp",
            "builtin",
            "microservice",
            "reference",
            "CCE",
            "NACOS",
            "CSE",
            "CCE_SERVICE",
            "200-299",
            "299-100",
            "blue",
            "@@",
            "渠道",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..10).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

/// A body whose objects have keys the path syntax must quote.
fn weird_keys() -> impl Strategy<Value = Value> {
    prop::collection::vec(("[a-z .\\[\\]=\"]{0,6}", any::<i64>()), 0..6).prop_map(|kv| {
        let extra: Map<String, Value> = kv.into_iter().map(|(k, n)| (k, json!(n))).collect();
        json!({"members": [Value::Object(extra.clone())], "vpc_health_config": extra})
    })
}

/// A valid health check: interval above timeout, codes well formed, path for HTTP(S).
fn health() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["TCP", "HTTP", "HTTPS", "tcp", "http", "https"]),
        1i64..=10,
        1i64..=10,
        2i64..=300,
        any::<prop::sample::Index>(),
        prop::collection::vec((100u16..=599, 0u16..50), 1..4),
        prop::option::of(prop::sample::select(vec!["GET", "HEAD", "get"])),
        0i64..=65535,
    )
        .prop_map(
            |(protocol, normal, abnormal, interval, t, codes, method, port)| {
                let timeout = 1 + t.index((interval - 1).min(30) as usize) as i64;
                let codes: Vec<String> = codes
                    .iter()
                    .map(|(c, span)| {
                        let hi = (*c + span).min(599);
                        if *span == 0 {
                            c.to_string()
                        } else {
                            format!("{c}-{hi}")
                        }
                    })
                    .collect();
                let mut h = json!({
                    "protocol": protocol, "threshold_normal": normal,
                    "threshold_abnormal": abnormal, "time_interval": interval, "timeout": timeout,
                    "port": port,
                });
                if !protocol.eq_ignore_ascii_case("tcp") {
                    h["path"] = json!("/health");
                    h["http_code"] = json!(codes.join(","));
                    if let Some(m) = method {
                        h["method"] = json!(m);
                    }
                }
                h
            },
        )
}

/// A valid server channel body with random groups, members and health check.
fn valid_body() -> impl Strategy<Value = Value> {
    (
        "[A-Za-z][A-Za-z0-9_.-]{2,30}",
        1i64..=65535,
        1i64..=4,
        any::<bool>(),
        prop::collection::btree_set("[A-Za-z][A-Za-z0-9_.-]{2,20}", 0..5),
        prop::collection::vec(
            (
                prop::option::of(0i64..=10000),
                prop::option::of(0i64..=65535),
                prop::option::of(1i64..=2),
                prop::option::of(any::<bool>()),
                any::<prop::sample::Index>(),
            ),
            0..40,
        ),
        prop::option::of(health()),
        prop::collection::vec(prop::option::of(0i64..=100), 5),
    )
        .prop_map(
            |(name, port, balance, ecs, groups, members, health, weights)| {
                let groups: Vec<String> = groups.into_iter().collect();
                let group_values: Vec<Value> = groups
                    .iter()
                    .zip(&weights)
                    .map(|(g, w)| {
                        let mut v = json!({"member_group_name": g});
                        if let Some(w) = w {
                            v["member_group_weight"] = json!(w);
                        }
                        v
                    })
                    .collect();
                let member_values: Vec<Value> = members
                    .iter()
                    .enumerate()
                    .map(|(i, (weight, mport, status, backup, group))| {
                        // Unique addresses: duplicates are a separate rule.
                        let mut m = if ecs {
                            json!({"ecs_id": format!("ecs-{i:04}"), "ecs_name": format!("web.{i}")})
                        } else {
                            json!({"host": format!("10.0.{}.{}", i / 256, i % 256)})
                        };
                        if !groups.is_empty() {
                            m["member_group_name"] = json!(groups[group.index(groups.len())]);
                        }
                        for (k, v) in [("weight", weight), ("port", mport), ("status", status)] {
                            if let Some(v) = v {
                                m[k] = json!(v);
                            }
                        }
                        if let Some(b) = backup {
                            m["is_backup"] = json!(b);
                        }
                        m
                    })
                    .collect();
                let mut body = json!({
                    "name": name, "port": port, "balance_strategy": balance,
                    "member_type": if ecs { "ecs" } else { "ip" },
                    "vpc_channel_type": "builtin",
                    "member_groups": group_values, "members": member_values,
                });
                if let Some(h) = health {
                    body["vpc_health_config"] = h;
                }
                body
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_any_json(v in any_json()) {
        let _ = validate(&v);
    }

    #[test]
    fn never_panics_on_body_shaped_json(v in body_shaped()) {
        for d in validate(&v) {
            prop_assert!(!d.message.is_empty());
        }
    }

    #[test]
    fn never_panics_when_one_field_of_a_valid_body_is_anything(
        body in valid_body(),
        key in prop::sample::select(KEYS),
        value in any_json(),
    ) {
        let mut body = body;
        body[key] = value.clone();
        if let Some(m) = body
            .get_mut("members")
            .and_then(|m| m.get_mut(0))
            .filter(|m| m.is_object())
        {
            m[key] = value.clone();
        }
        if let Some(h) = body.get_mut("vpc_health_config").filter(|h| h.is_object()) {
            h[key] = value;
        }
        let _ = validate(&body);
    }

    #[test]
    fn every_path_parses_and_points_into_the_body(
        v in prop_oneof![body_shaped(), any_json(), weird_keys()],
    ) {
        for d in validate(&v) {
            let path = chanedit::path::parse(&d.path);
            let path = match path {
                Ok(p) => p,
                Err(_) if d.path.is_empty() => continue,
                Err(e) => return Err(TestCaseError::fail(format!("{}: {e}", d.path))),
            };
            let found = path.get(&v).is_some();
            let absent_ok = matches!(d.code, "required" | "missing_array" | "mixed_groups")
                && path.parent().is_some_and(|p| p.is_root() || p.get(&v).is_some());
            prop_assert!(found || absent_ok, "{} ({}) not in {}", d.path, d.code, v);
        }
    }

    #[test]
    fn generated_valid_bodies_have_no_errors(body in valid_body()) {
        let errors: Vec<_> = validate(&body)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        prop_assert!(errors.is_empty(), "{:#?}\n{:#}", errors, body);
    }

    #[test]
    fn an_out_of_range_member_weight_is_reported_at_its_path(
        body in valid_body(),
        pick in any::<prop::sample::Index>(),
        weight in prop_oneof![-1000i64..0, 10001i64..100000],
    ) {
        let mut body = body;
        let n = body["members"].as_array().map_or(0, Vec::len);
        prop_assume!(n > 0);
        let i = pick.index(n);
        body["members"][i]["weight"] = json!(weight);
        let path = format!("members[{i}].weight");
        let diags = validate(&body);
        prop_assert!(
            diags.iter().any(|d| d.path == path && d.code == "range" && d.severity == Severity::Error),
            "{:#?}", diags
        );
    }
}
