//! Members pane: the member table (only visible rows are ever built) and one member's form.

use serde_json::{Value, json};

use super::{Choices, Field, Kind, field, plain};
use crate::path::Path;

pub fn prefix(i: usize) -> Path {
    Path::root().key("members").index(i)
}

pub fn fields(draft: &Value, i: usize) -> Vec<Field> {
    let p = prefix(i);
    let mut out = if crate::model::is_ecs(draft) {
        vec![
            field(&p, "ecs_id", "ECS id", Kind::Text),
            field(&p, "ecs_name", "ECS name", Kind::Text),
        ]
    } else {
        vec![field(&p, "host", "Host", Kind::Text)]
    };
    out.extend([
        field(
            &p,
            "port",
            "Port (0 = channel)",
            Kind::Number { min: 0, max: 65535 },
        ),
        field(&p, "weight", "Weight", Kind::Number { min: 0, max: 10000 }),
        field(
            &p,
            "member_group_name",
            "Group",
            Kind::Choice(Choices::Group),
        ),
        field(&p, "is_backup", "Backup", Kind::Bool),
        field(&p, "status", "Status", Kind::Choice(Choices::MemberStatus)),
    ]);
    out
}

/// A new member: in the selected member's group (all or none are grouped), default weight.
pub fn new_member(draft: &Value, like: Option<&Value>) -> Value {
    let mut m = if crate::model::is_ecs(draft) {
        json!({"ecs_id": "", "ecs_name": "", "weight": 1, "status": 1})
    } else {
        json!({"host": "", "weight": 1, "status": 1})
    };
    let group = like
        .and_then(|l| l["member_group_name"].as_str())
        .or_else(|| draft["member_groups"][0]["member_group_name"].as_str());
    if let Some(g) = group {
        m["member_group_name"] = Value::from(g);
    }
    m
}

/// The address column: host for ip channels, `name (id)` for ecs.
pub fn address(m: &Value, ecs: bool) -> String {
    if ecs {
        format!("{} ({})", plain(&m["ecs_name"]), plain(&m["ecs_id"]))
    } else {
        plain(&m["host"])
    }
}

/// Weight as it takes effect: a group weight overrides the member's (docs/api.md §3.2).
pub fn effective_weight(m: &Value, draft: &Value) -> (String, bool) {
    let group = m["member_group_name"].as_str().filter(|g| !g.is_empty());
    let gw = group.and_then(|g| {
        draft["member_groups"]
            .as_array()?
            .iter()
            .find(|x| x["member_group_name"].as_str() == Some(g))?["member_group_weight"]
            .as_i64()
    });
    match gw {
        Some(w) => (w.to_string(), true),
        None => (plain(&m["weight"]), false),
    }
}

/// Port as it takes effect: 0/absent means the channel port.
pub fn effective_port(m: &Value, draft: &Value) -> (String, bool) {
    match m["port"].as_i64() {
        Some(p) if p != 0 => (p.to_string(), false),
        _ => (plain(&draft["port"]), true),
    }
}

/// Rows whose address or group contains `needle` (case-insensitive).
pub fn filter(draft: &Value, needle: &str) -> Vec<usize> {
    let needle = needle.to_lowercase();
    let ecs = crate::model::is_ecs(draft);
    draft["members"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, m)| matches(m, ecs, &needle))
        .map(|(i, _)| i)
        .collect()
}

/// Whether a member's address, group or port contains `needle` (already lower case). Plain
/// ASCII text is compared in place: `n` scans every member on each press.
pub fn matches(m: &Value, ecs: bool, needle: &str) -> bool {
    let address = if ecs {
        contains(&address(m, ecs), needle)
    } else {
        match &m["host"] {
            Value::String(h) => contains(h, needle),
            other => contains(&plain(other), needle),
        }
    };
    let group = match &m["member_group_name"] {
        Value::String(g) => contains(g, needle),
        other => contains(&plain(other), needle),
    };
    let port = match &m["port"] {
        // A port's digits can only contain digits.
        Value::Number(n) => {
            needle.bytes().all(|b| b.is_ascii_digit()) && n.to_string().contains(needle)
        }
        other => plain(other).contains(needle),
    };
    address || group || port
}

/// Whether `hay` contains `needle` (lower case), ignoring case.
fn contains(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() && needle.is_ascii() {
        return hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
    }
    hay.to_lowercase().contains(needle)
}
