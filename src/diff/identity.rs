//! Identity of members and groups (docs/api.md §5.3): the server tells members apart by
//! (group name, `host` or `ecs_id`, port), so the diff does too.

use serde_json::Value;

/// One part of an identity, borrowed from the body so that keying 10,000 members allocates
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Part<'a> {
    None,
    Str(&'a str),
    Int(i64),
    Other(String),
}

impl<'a> Part<'a> {
    /// `null`, `""` and absent are all no value.
    fn of(v: Option<&'a Value>) -> Self {
        match v {
            None | Some(Value::Null) => Part::None,
            Some(Value::String(s)) if s.is_empty() => Part::None,
            Some(Value::String(s)) => Part::Str(s),
            Some(Value::Number(n)) => n
                .as_i64()
                .map_or_else(|| Part::Other(n.to_string()), Part::Int),
            Some(other) => Part::Other(other.to_string()),
        }
    }

    fn text(&self, missing: &str) -> String {
        match self {
            Part::None => missing.to_string(),
            Part::Str(s) => s.to_string(),
            Part::Int(i) => i.to_string(),
            Part::Other(s) => s.clone(),
        }
    }
}

/// A member's identity, exact (used as a hash key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct MemberKey<'a> {
    group: Part<'a>,
    addr: Part<'a>,
    port: Part<'a>,
}

impl MemberKey<'_> {
    /// `10.0.0.1:80 (group g1)`, `[fe80::1]:80`, `i-abc:8080`.
    pub(crate) fn label(&self) -> String {
        let addr = self.addr.text("?");
        let addr = if addr.contains(':') {
            format!("[{addr}]")
        } else {
            addr
        };
        let port = self.port.text("?");
        match &self.group {
            Part::None => format!("{addr}:{port}"),
            group => format!("{addr}:{port} (group {})", group.text("")),
        }
    }
}

/// A field of a small object (a member): a scan of a few keys beats hashing the name.
pub(crate) fn field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) if m.len() <= 16 => m.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
        Value::Object(m) => m.get(key),
        _ => None,
    }
}

/// Whether the body's members are ECS servers (identified by `ecs_id`) rather than addresses.
pub(crate) fn is_ecs(body: &Value) -> bool {
    body.get("member_type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("ecs"))
}

/// The identity of `member` in a channel whose members are ECS servers when `ecs`, with
/// channel port `channel_port`.
pub(crate) fn member_key<'a>(
    member: &'a Value,
    ecs: bool,
    channel_port: Option<&'a Value>,
) -> MemberKey<'a> {
    if !member.is_object() {
        return MemberKey {
            group: Part::None,
            addr: Part::Other(member.to_string()),
            port: Part::None,
        };
    }
    let (first, second) = if ecs {
        ("ecs_id", "host")
    } else {
        ("host", "ecs_id")
    };
    let addr = match Part::of(field(member, first)) {
        Part::None => Part::of(field(member, second)),
        found => found,
    };
    // 0 or absent means the channel port.
    let port = match field(member, "port") {
        Some(Value::Number(n)) if n.as_f64() == Some(0.0) => Part::of(channel_port),
        other => match Part::of(other) {
            Part::None => Part::of(channel_port),
            found => found,
        },
    };
    MemberKey {
        group: Part::of(field(member, "member_group_name")),
        addr,
        port,
    }
}

/// A member's identity as shown to the user: address, effective port and group, e.g.
/// `10.0.0.1:80 (group g1)`. Two members with the same identity are the same member to the
/// server. `body` is the channel body the member belongs to (for `member_type` and `port`).
pub fn member_identity(member: &Value, body: &Value) -> String {
    member_key(member, is_ecs(body), body.get("port")).label()
}

/// A group's identity: its `member_group_name` (`""` when absent).
pub fn group_identity(group: &Value) -> String {
    match group {
        Value::Object(_) => Part::of(group.get("member_group_name")).text(""),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn port_zero_or_absent_is_the_channel_port() {
        let body = json!({"port": 80, "member_type": "ip"});
        let a = member_identity(&json!({"host": "10.0.0.1"}), &body);
        let b = member_identity(&json!({"host": "10.0.0.1", "port": 0}), &body);
        let c = member_identity(&json!({"host": "10.0.0.1", "port": 80}), &body);
        assert_eq!(a, "10.0.0.1:80");
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn group_and_ecs_id_are_part_of_the_identity() {
        let body = json!({"port": 80, "member_type": "ecs"});
        let m = json!({"ecs_id": "i-1", "ecs_name": "web", "host": "10.0.0.9",
            "member_group_name": "g1", "port": 8080});
        assert_eq!(member_identity(&m, &body), "i-1:8080 (group g1)");
        assert_eq!(
            member_identity(&json!({"host": "fe80::1"}), &json!({"port": 1})),
            "[fe80::1]:1"
        );
    }
}
