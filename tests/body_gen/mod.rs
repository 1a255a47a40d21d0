//! Random channel bodies for the property tests (`diff_props`, `plan_props`): members that
//! share hosts, ports and groups (so identities collide), what the server echoes (ids, ecs
//! copies of host), groups, health checks, both ways of naming the type.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{Map, Value, json};

pub fn opt<T: Strategy>(s: T) -> impl Strategy<Value = Option<T::Value>> {
    proptest::option::of(s)
}

pub fn member(ecs: bool) -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["10.0.0.1", "10.0.0.2", "10.0.0.3", "fe80::1"]),
        opt(prop::sample::select(vec![0i64, 80, 8080])),
        opt(prop::sample::select(vec!["", "g1", "g2", "g3"])),
        opt(0i64..5),
        opt(1i64..=2),
        opt(any::<bool>()),
        any::<bool>(),
    )
        .prop_map(move |(host, port, group, weight, status, backup, echo)| {
            let mut m = Map::new();
            m.insert("host".into(), json!(host));
            if ecs {
                m.insert(
                    "ecs_id".into(),
                    json!(format!("i-{}", &host[host.len() - 1..])),
                );
                m.insert("ecs_name".into(), json!("vm"));
            } else if echo {
                m.insert("ecs_id".into(), json!(host));
                m.insert("ecs_name".into(), json!(host));
                m.insert("id".into(), json!("m1"));
                m.insert("health_status".into(), json!("healthy"));
            }
            let fields = [
                ("port", port.map(Value::from)),
                ("member_group_name", group.map(Value::from)),
                ("weight", weight.map(Value::from)),
                ("status", status.map(Value::from)),
                ("is_backup", backup.map(Value::from)),
            ];
            for (k, v) in fields {
                if let Some(v) = v {
                    m.insert(k.into(), v);
                }
            }
            Value::Object(m)
        })
}

pub fn group() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["g1", "g2", "g3"]),
        opt(0i64..3),
        opt(prop::sample::select(vec!["", "remark", "a b"])),
    )
        .prop_map(|(name, weight, remark)| {
            let mut g = json!({"member_group_name": name});
            if let Some(w) = weight {
                g["member_group_weight"] = json!(w);
            }
            if let Some(r) = remark {
                g["member_group_remark"] = json!(r);
            }
            g
        })
}

pub fn health() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["tcp", "TCP", "http", "HTTPS"]),
        opt(prop::sample::select(vec!["", "/h"])),
        1i64..4,
        opt(prop::sample::select(vec![0i64, 81])),
    )
        .prop_map(|(protocol, path, timeout, port)| {
            let mut h = json!({"protocol": protocol, "threshold_normal": 2,
                "threshold_abnormal": 3, "time_interval": 10, "timeout": timeout});
            if let Some(p) = path {
                h["path"] = json!(p);
            }
            if let Some(p) = port {
                h["port"] = json!(p);
            }
            h
        })
}

pub fn body() -> impl Strategy<Value = Value> {
    (any::<bool>(), prop::sample::select(vec![80i64, 8080])).prop_flat_map(|(ecs, port)| {
        (
            prop::collection::vec(member(ecs), 0..10),
            prop::collection::vec(group(), 0..4),
            opt(health()),
            opt(prop::sample::select(vec!["", "dc1"])),
            opt(prop::sample::select(vec!["n1", "n2"])),
            any::<bool>(),
        )
            .prop_map(move |(members, groups, health, dict, name, typed)| {
                let mut b = json!({
                    "port": port,
                    "balance_strategy": 1,
                    "member_type": if ecs { "ecs" } else { "ip" },
                    "members": members,
                    "member_groups": groups,
                });
                if typed {
                    b["type"] = json!(2);
                } else {
                    b["vpc_channel_type"] = json!("builtin");
                }
                if let Some(h) = health {
                    b["vpc_health_config"] = h;
                }
                if let Some(d) = dict {
                    b["dict_code"] = json!(d);
                }
                if let Some(n) = name {
                    b["name"] = json!(n);
                }
                b
            })
    })
}
