//! A stored channel turned back into a request body, so that the shared rules can judge the
//! result of a partial write (members, groups or health check alone) in context.

use serde_json::{Value, json};

use super::state::{Channel, Health, Member};

/// The stored channel as a request body (VpcCreate), so the shared rules can check the result
/// of a partial write (members, groups or health check alone) in context.
pub fn channel_as_body(ch: &Channel) -> Value {
    let groups: Vec<Value> = ch
        .member_groups
        .iter()
        .map(|g| {
            let mut v = json!({
                "member_group_name": g.member_group_name,
                "member_group_remark": g.member_group_remark,
            });
            let o = v.as_object_mut();
            if let Some(o) = o {
                if let Some(w) = g.member_group_weight {
                    o.insert("member_group_weight".into(), json!(w));
                }
                if ch.is_microservice() {
                    o.insert("microservice_version".into(), json!(g.microservice_version));
                    o.insert("microservice_port".into(), json!(g.microservice_port));
                    if !g.microservice_labels.is_empty() {
                        o.insert("microservice_labels".into(), json!(g.microservice_labels));
                    }
                }
                if ch.is_reference() {
                    o.insert(
                        "reference_vpc_channel_id".into(),
                        json!(g.reference_vpc_channel_id),
                    );
                }
            }
            v
        })
        .collect();
    let members: Vec<Value> = ch
        .members
        .iter()
        .map(|m| member_as_body(m, &ch.member_type))
        .collect();
    let mut body = json!({
        "name": ch.name,
        "port": ch.port,
        "balance_strategy": ch.balance_strategy,
        "member_type": ch.member_type,
        "vpc_channel_type": ch.vpc_channel_type,
        "member_groups": groups,
        "members": members,
    });
    if let Some(o) = body.as_object_mut() {
        if let Some(h) = &ch.vpc_health_config {
            o.insert("vpc_health_config".into(), health_as_body(h));
        }
        if let Some(ms) = &ch.microservice_info {
            let mut m = json!({"service_type": ms.service_type});
            if let Some(mo) = m.as_object_mut() {
                for (k, v) in [
                    ("cse_info", &ms.cse_info),
                    ("cce_info", &ms.cce_info),
                    ("cce_service_info", &ms.cce_service_info),
                    ("nacos_info", &ms.nacos_info),
                ] {
                    if let Some(v) = v {
                        mo.insert(k.into(), v.clone());
                    }
                }
            }
            o.insert("microservice_info".into(), m);
        }
    }
    body
}

pub fn member_as_body(m: &Member, member_type: &str) -> Value {
    let mut v = json!({
        "weight": m.weight,
        "is_backup": m.is_backup,
        "status": m.status,
        "port": m.port,
    });
    if let Some(o) = v.as_object_mut() {
        if crate::model::is_ecs_type(member_type) {
            o.insert("ecs_id".into(), json!(m.ecs_id));
            o.insert("ecs_name".into(), json!(m.ecs_name));
            if !m.host.is_empty() {
                o.insert("host".into(), json!(m.host));
            }
        } else {
            o.insert("host".into(), json!(m.host));
        }
        if !m.member_group_name.is_empty() {
            o.insert("member_group_name".into(), json!(m.member_group_name));
        }
    }
    v
}

pub fn health_as_body(h: &Health) -> Value {
    let mut v = json!({
        "protocol": h.protocol.to_ascii_uppercase(),
        "port": h.port,
        "threshold_normal": h.threshold_normal,
        "threshold_abnormal": h.threshold_abnormal,
        "time_interval": h.time_interval,
        "timeout": h.timeout,
        "enable_client_ssl": h.enable_client_ssl,
        "status": h.status,
    });
    if let Some(o) = v.as_object_mut() {
        for (k, s) in [
            ("path", &h.path),
            ("method", &h.method),
            ("http_code", &h.http_code),
        ] {
            if !s.is_empty() {
                o.insert(k.into(), json!(s));
            }
        }
    }
    v
}
