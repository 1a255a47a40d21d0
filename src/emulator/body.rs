//! Request bodies -> stored objects, with the real service's answers for bad ones:
//! 2011 malformed JSON, 2001 missing required parameter, 2012/2004 invalid values.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, body_problems, from_problem};
use super::state::{Channel, Group, Health, Member, Microservice, new_id};
use crate::model::{MemberGroupCreate, MemberInfo, VpcCreate, VpcHealthConfig};

/// The body as a JSON object, or 400 APIG.2011.
pub fn parse_object(bytes: &[u8]) -> ApiResult<Value> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::malformed_body("the body is empty"));
    }
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::malformed_body(&format!("not valid JSON ({e})")))?;
    if !v.is_object() {
        return Err(ApiError::malformed_body("a JSON object is expected"));
    }
    Ok(v)
}

/// A JSON value as one of the model types, or 400 APIG.2012 naming the field of wrong type.
pub fn typed<T: DeserializeOwned>(v: &Value) -> ApiResult<T> {
    serde_path_to_error::deserialize::<_, T>(v.clone()).map_err(|e| {
        let path = e.path().to_string();
        let field = path
            .rsplit('.')
            .find(|s| !s.is_empty() && !s.starts_with('['))
            .map(|s| s.split('[').next().unwrap_or(s).to_string())
            .unwrap_or_else(|| "body".into());
        ApiError::invalid(&field, "wrong type")
    })
}

/// The first error the shared rules find, answered; warnings pass. `keep` selects which paths
/// the call is about (a member call must not fail on a group rule it did not touch).
pub fn check_rules(body: &Value, keep: impl Fn(&str) -> bool) -> ApiResult<()> {
    match body_problems(body).into_iter().find(|p| keep(&p.path)) {
        Some(p) => Err(from_problem(&p)),
        None => Ok(()),
    }
}

fn range(field: &str, v: i64, lo: i64, hi: i64) -> ApiResult<()> {
    if v < lo || v > hi {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "APIG.2004",
            format!(
                "The parameter value is outside the allowable range [{lo}, {hi}]: {v},parameterName:{field}"
            ),
        ));
    }
    Ok(())
}

fn non_empty(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.is_empty())
}

/// The channel type a create body asks for, or why it cannot be told.
pub fn requested_kind(body: &VpcCreate) -> ApiResult<&'static str> {
    let by_name = match body.vpc_channel_type.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(match s.to_ascii_lowercase().as_str() {
            "builtin" => "builtin",
            "microservice" => "microservice",
            "reference" => "reference",
            _ => {
                return Err(ApiError::invalid(
                    "vpc_channel_type",
                    "unknown channel type",
                ));
            }
        }),
    };
    let by_code = match body.type_code {
        None | Some(0) => None,
        Some(2) => Some("builtin"),
        Some(3) => Some("microservice"),
        Some(_) => return Err(ApiError::invalid("type", "unknown channel type")),
    };
    match (by_name, by_code) {
        (Some(a), Some(b)) if a != b => Err(ApiError::invalid(
            "vpc_channel_type",
            "type and vpc_channel_type disagree",
        )),
        (Some(a), _) => Ok(a),
        (None, Some(b)) => Ok(b),
        (None, None) => Ok("builtin"),
    }
}

/// Checks a channel body must pass before it can be stored: the required fields, the shared
/// validation rules, and the few facts storage depends on.
pub fn check_channel(raw: &Value, body: &VpcCreate, kind: &str, update: bool) -> ApiResult<()> {
    if !non_empty(&body.name) {
        return Err(ApiError::missing("name"));
    }
    for (field, v) in [
        ("port", body.port),
        ("balance_strategy", body.balance_strategy),
    ] {
        if v.is_none() {
            return Err(ApiError::missing(field));
        }
    }
    if !non_empty(&body.member_type) {
        return Err(ApiError::missing("member_type"));
    }
    if update && kind == "builtin" && raw.get("members").is_none() {
        return Err(ApiError::missing("members"));
    }
    if kind == "microservice" && !update && body.microservice_info.is_none() {
        return Err(ApiError::missing("microservice_info"));
    }
    check_rules(raw, |_| true)?;
    // Backstops for what storing relies on, in case the shared rules let something through.
    range("port", body.port.unwrap_or(0), 1, 65535)?;
    range("balance_strategy", body.balance_strategy.unwrap_or(0), 1, 4)?;
    let member_type = body.member_type.as_deref().unwrap_or("");
    if member_type != "ip" && member_type != "ecs" {
        return Err(ApiError::invalid("member_type", "must be ip or ecs"));
    }
    let mut seen = HashSet::new();
    for g in &body.member_groups {
        let name = g.member_group_name.as_deref().unwrap_or("");
        if name.is_empty() {
            return Err(ApiError::missing("member_group_name"));
        }
        if !seen.insert(name) {
            return Err(ApiError::invalid(
                "member_group_name",
                "duplicate member group name",
            ));
        }
    }
    if kind != "reference" {
        for m in &body.members {
            check_member(m, member_type, |name| seen.contains(name))?;
        }
    }
    if let Some(h) = &body.vpc_health_config {
        check_health(h)?;
    }
    Ok(())
}

/// A member's own rules; `group_exists` answers whether a group name is known.
pub fn check_member(
    m: &MemberInfo,
    member_type: &str,
    group_exists: impl Fn(&str) -> bool,
) -> ApiResult<()> {
    if member_type == "ip" && !non_empty(&m.host) {
        return Err(ApiError::missing("host"));
    }
    if member_type == "ecs" {
        if !non_empty(&m.ecs_id) {
            return Err(ApiError::missing("ecs_id"));
        }
        if !non_empty(&m.ecs_name) {
            return Err(ApiError::missing("ecs_name"));
        }
    }
    if let Some(w) = m.weight {
        range("weight", w, 0, 10000)?;
    }
    if let Some(p) = m.port {
        range("port", p, 0, 65535)?;
    }
    if let Some(s) = m.status {
        range("status", s, 1, 2)?;
    }
    if let Some(g) = m.member_group_name.as_deref().filter(|g| !g.is_empty())
        && !group_exists(g)
    {
        return Err(ApiError::invalid(
            "member_group_name",
            "no member group of this name",
        ));
    }
    Ok(())
}

pub fn check_health(h: &VpcHealthConfig) -> ApiResult<()> {
    let protocol = h.protocol.as_deref().unwrap_or("");
    if protocol.is_empty() {
        return Err(ApiError::missing("protocol"));
    }
    if !["tcp", "http", "https"].contains(&protocol.to_ascii_lowercase().as_str()) {
        return Err(ApiError::invalid("protocol", "must be TCP, HTTP or HTTPS"));
    }
    for (field, v, hi) in [
        ("threshold_normal", h.threshold_normal, 10),
        ("threshold_abnormal", h.threshold_abnormal, 10),
        ("time_interval", h.time_interval, 300),
    ] {
        match v {
            None => return Err(ApiError::missing(field)),
            Some(v) => range(field, v, 1, hi)?,
        }
    }
    if let Some(t) = h.timeout {
        range("timeout", t, 1, 30)?;
    }
    Ok(())
}

/// The stored groups for a body's `member_groups`: a name that already exists keeps its id and
/// creation time; a repeated name counts once (first wins).
pub fn build_groups(reqs: &[MemberGroupCreate], existing: &[Group], now: &str) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for g in reqs {
        let name = g.member_group_name.clone().unwrap_or_default();
        if out.iter().any(|o| o.member_group_name == name) {
            continue;
        }
        let old = existing.iter().find(|o| o.member_group_name == name);
        out.push(build_group(g, old, now));
    }
    out
}

/// One stored group from its request form, keeping `old`'s id and creation time.
pub fn build_group(g: &MemberGroupCreate, old: Option<&Group>, now: &str) -> Group {
    Group {
        member_group_id: old
            .map(|o| o.member_group_id.clone())
            .unwrap_or_else(new_id),
        member_group_name: g.member_group_name.clone().unwrap_or_default(),
        member_group_remark: g.member_group_remark.clone().unwrap_or_default(),
        member_group_weight: g.member_group_weight,
        dict_code: g.dict_code.clone().unwrap_or_default(),
        microservice_version: g.microservice_version.clone().unwrap_or_default(),
        microservice_port: g.microservice_port.unwrap_or(0),
        microservice_labels: g
            .microservice_labels
            .as_ref()
            .map(|ls| {
                ls.iter()
                    .filter_map(|l| serde_json::to_value(l).ok())
                    .collect()
            })
            .unwrap_or_default(),
        reference_vpc_channel_id: g.reference_vpc_channel_id.clone().unwrap_or_default(),
        create_time: old
            .map(|o| o.create_time.clone())
            .unwrap_or_else(|| now.to_string()),
        update_time: now.to_string(),
    }
}

/// A member's identity (spec §5.3): group name, address (host or ecs_id), effective port.
pub type MemberKey = (String, String, i64);

pub fn member_key(m: &Member, member_type: &str) -> MemberKey {
    let addr = if member_type == "ecs" {
        &m.ecs_id
    } else {
        &m.host
    };
    (m.member_group_name.clone(), addr.clone(), m.port)
}

/// Where each identity first appears in `members`, so that matching a body against the
/// stored list stays linear for channels with thousands of members.
pub fn key_index(members: &[Member], member_type: &str) -> HashMap<MemberKey, usize> {
    let mut index = HashMap::with_capacity(members.len());
    for (i, m) in members.iter().enumerate() {
        index.entry(member_key(m, member_type)).or_insert(i);
    }
    index
}

/// A stored member from its request form: port 0/absent becomes the channel port, ip members
/// get ecs_id/ecs_name = host, unset weight is 0 and unset status 1.
pub fn build_member(m: &MemberInfo, ch: &Channel, now: &str) -> Member {
    let host = m.host.clone().unwrap_or_default();
    let group_name = m.member_group_name.clone().unwrap_or_default();
    let group_id = ch
        .group_by_name(&group_name)
        .map(|g| g.member_group_id.clone())
        .unwrap_or_default();
    let (ecs_id, ecs_name) = if ch.member_type == "ip" {
        (host.clone(), host.clone())
    } else {
        (
            m.ecs_id.clone().unwrap_or_default(),
            m.ecs_name.clone().unwrap_or_default(),
        )
    };
    Member {
        id: new_id(),
        host,
        weight: m.weight.unwrap_or(0),
        is_backup: m.is_backup.unwrap_or(false),
        member_group_name: group_name,
        member_group_id: group_id,
        status: m.status.unwrap_or(1),
        port: m.port.filter(|p| *p > 0).unwrap_or(ch.port),
        ecs_id,
        ecs_name,
        create_time: now.to_string(),
        health_status: None,
    }
}

/// Replace `ch.members` with the body's list (first of repeated identities wins); a member
/// whose identity existed before keeps its id, creation time and health status.
pub fn replace_members(ch: &mut Channel, reqs: &[MemberInfo], now: &str) {
    let old = std::mem::take(&mut ch.members);
    let index = key_index(&old, &ch.member_type);
    let mut out: Vec<Member> = Vec::with_capacity(reqs.len());
    let mut seen = HashSet::new();
    for r in reqs {
        let mut m = build_member(r, ch, now);
        let key = member_key(&m, &ch.member_type);
        if let Some(&at) = index.get(&key) {
            let o = &old[at];
            m.id = o.id.clone();
            m.create_time = o.create_time.clone();
            m.health_status = o.health_status.clone();
        }
        if !seen.insert(key) {
            continue;
        }
        out.push(m);
    }
    ch.members = out;
}

pub fn build_health(h: &VpcHealthConfig, old: Option<&Health>, now: &str) -> Health {
    Health {
        id: old.map(|o| o.id.clone()).unwrap_or_else(new_id),
        protocol: h.protocol.clone().unwrap_or_default().to_ascii_lowercase(),
        path: h.path.clone().unwrap_or_default(),
        method: h.method.clone().unwrap_or_default(),
        port: h.port.unwrap_or(0),
        threshold_normal: h.threshold_normal.unwrap_or(0),
        threshold_abnormal: h.threshold_abnormal.unwrap_or(0),
        time_interval: h.time_interval.unwrap_or(0),
        timeout: h.timeout.unwrap_or(0),
        http_code: h.http_code.clone().unwrap_or_default(),
        enable_client_ssl: h.enable_client_ssl.unwrap_or(false),
        status: h.status.unwrap_or(1),
        create_time: old
            .map(|o| o.create_time.clone())
            .unwrap_or_else(|| now.to_string()),
    }
}

pub fn build_microservice(
    raw: &Value,
    old: Option<&Microservice>,
    now: &str,
) -> Option<Microservice> {
    let obj = raw.as_object()?;
    let part = |k: &str| obj.get(k).filter(|v| v.is_object()).cloned();
    Some(Microservice {
        id: old.map(|o| o.id.clone()).unwrap_or_else(new_id),
        service_type: obj
            .get("service_type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        cse_info: part("cse_info"),
        cce_info: part("cce_info"),
        cce_service_info: part("cce_service_info"),
        nacos_info: part("nacos_info"),
        create_time: old
            .map(|o| o.create_time.clone())
            .unwrap_or_else(|| now.to_string()),
        update_time: now.to_string(),
    })
}

/// Apply a checked channel body to `ch` (a new or an existing channel): full overwrite of the
/// definition, members and groups (spec §5.1). The type never changes; members are ignored on
/// reference channels; an absent health check or microservice block keeps the stored one.
pub fn apply_channel(ch: &mut Channel, raw: &Value, body: &VpcCreate, now: &str) {
    ch.name = body.name.clone().unwrap_or_default();
    ch.port = body.port.unwrap_or(ch.port);
    ch.balance_strategy = body.balance_strategy.unwrap_or(ch.balance_strategy);
    ch.member_type = body.member_type.clone().unwrap_or_default();
    ch.dict_code = body.dict_code.clone().unwrap_or_default();
    ch.member_groups = build_groups(&body.member_groups, &ch.member_groups, now);
    if ch.is_reference() {
        ch.members.clear();
    } else {
        replace_members(ch, &body.members, now);
    }
    if let Some(h) = &body.vpc_health_config {
        ch.vpc_health_config = Some(build_health(h, ch.vpc_health_config.as_ref(), now));
    }
    if ch.is_microservice()
        && let Some(ms) = raw.get("microservice_info")
    {
        ch.microservice_info = build_microservice(ms, ch.microservice_info.as_ref(), now);
    }
}

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
        if member_type == "ecs" {
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
