//! Request bodies checked as the real service checks them: 2000 malformed body, 2001 missing
//! required parameter, 2004 out of range, 2005/2006 too short/long, 2012 other invalid values
//! (the shared validator's rules first).

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::errors::{ApiError, ApiResult, body_problems, from_problem};
use crate::model::{MemberInfo, VpcCreate, VpcHealthConfig};

/// The body as a JSON object, or 400 APIG.2000.
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
    if !crate::model::is_ecs_type(member_type) && !non_empty(&m.host) {
        return Err(ApiError::missing("host"));
    }
    if crate::model::is_ecs_type(member_type) {
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
