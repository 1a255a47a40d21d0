//! Identity of members and groups (docs/api.md §5.3): the server tells members apart by
//! (group name, `host` or `ecs_id`, effective port), so the validator, the diff, the editor,
//! the client's paging and the emulator all do, through this one definition.

use std::borrow::Cow;

use serde_json::Value;

use super::VpcMemberInfo;

/// Whether a `member_type` wire value means ECS members (identified by `ecs_id`). The service
/// answers in lower case; a body typed by hand may not, so case is ignored everywhere.
pub fn is_ecs_type(member_type: &str) -> bool {
    member_type.eq_ignore_ascii_case("ecs")
}

/// Whether the body's members are ECS servers rather than addresses.
pub fn is_ecs(body: &Value) -> bool {
    body.get("member_type")
        .and_then(Value::as_str)
        .is_some_and(is_ecs_type)
}

/// One part of an identity, borrowed from the body so that keying 10,000 members allocates
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part<'a> {
    None,
    Str(Cow<'a, str>),
    Int(i64),
    Other(String),
}

impl<'a> Part<'a> {
    /// `null`, `""` and absent are all no value.
    fn of(v: Option<&'a Value>) -> Self {
        match v {
            None | Some(Value::Null) => Part::None,
            Some(Value::String(s)) => Part::text(s),
            Some(Value::Number(n)) => n
                .as_i64()
                .map_or_else(|| Part::Other(n.to_string()), Part::Int),
            Some(other) => Part::Other(other.to_string()),
        }
    }

    fn text(s: &'a str) -> Self {
        if s.is_empty() {
            Part::None
        } else {
            Part::Str(Cow::Borrowed(s))
        }
    }

    fn write(&self, out: &mut String, missing: &str) {
        match self {
            Part::None => out.push_str(missing),
            Part::Str(s) => out.push_str(s),
            Part::Int(i) => {
                use std::fmt::Write;
                let _ = write!(out, "{i}");
            }
            Part::Other(s) => out.push_str(s),
        }
    }

    fn shown(&self, missing: &str) -> String {
        let mut out = String::new();
        self.write(&mut out, missing);
        out
    }

    fn into_owned(self) -> Part<'static> {
        match self {
            Part::None => Part::None,
            Part::Str(s) => Part::Str(Cow::Owned(s.into_owned())),
            Part::Int(i) => Part::Int(i),
            Part::Other(s) => Part::Other(s),
        }
    }
}

/// A member's identity, exact (used as a hash key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MemberKey<'a> {
    group: Part<'a>,
    addr: Part<'a>,
    port: Part<'a>,
}

impl<'a> MemberKey<'a> {
    /// From typed parts (the emulator's stored members): `port` is already effective.
    pub fn new(group: &'a str, addr: &'a str, port: i64) -> Self {
        MemberKey {
            group: Part::text(group),
            addr: Part::text(addr),
            port: Part::Int(port),
        }
    }

    /// Whether the member names an address at all (a half-typed row does not).
    pub fn has_address(&self) -> bool {
        self.addr != Part::None
    }

    /// The group name, `None` for no group.
    pub fn group(&self) -> Option<String> {
        (self.group != Part::None).then(|| self.group.shown(""))
    }

    /// Whether the member is in the group `name` (never for an empty `name`).
    pub fn in_group(&self, name: &str) -> bool {
        matches!(&self.group, Part::Str(g) if g == name)
    }

    /// The address as written (host or ecs_id).
    pub fn address(&self) -> String {
        self.addr.shown("")
    }

    /// The effective port, `None` when neither the member nor the channel names one.
    pub fn port(&self) -> Option<String> {
        (self.port != Part::None).then(|| self.port.shown(""))
    }

    pub fn into_owned(self) -> MemberKey<'static> {
        MemberKey {
            group: self.group.into_owned(),
            addr: self.addr.into_owned(),
            port: self.port.into_owned(),
        }
    }

    /// `10.0.0.1:80 (group g1)`, `[fe80::1]:80`, `i-abc:8080`. Written into one string: a
    /// review of 10,000 changed members makes one label each.
    pub fn label(&self) -> String {
        let mut out = String::with_capacity(48);
        let v6 = match &self.addr {
            Part::Str(s) => s.contains(':'),
            Part::Other(s) => s.contains(':'),
            _ => false,
        };
        if v6 {
            out.push('[');
        }
        self.addr.write(&mut out, "?");
        if v6 {
            out.push(']');
        }
        out.push(':');
        self.port.write(&mut out, "?");
        if self.group != Part::None {
            out.push_str(" (group ");
            self.group.write(&mut out, "");
            out.push(')');
        }
        out
    }
}

/// A field of a small object (a member): a scan of a few keys beats hashing the name.
pub fn field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) if m.len() <= 16 => m.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
        Value::Object(m) => m.get(key),
        _ => None,
    }
}

/// The field that names a member: `ecs_id` on ECS channels, else `host`.
pub fn address_field(ecs: bool) -> &'static str {
    if ecs { "ecs_id" } else { "host" }
}

/// The identity of `member` in a channel whose members are ECS servers when `ecs`, with
/// channel port `channel_port`. The server copies `host` into `ecs_id` on ip members, so the
/// other address field stands in when the channel's own is missing.
pub fn member_key<'a>(
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
    let addr = match Part::of(field(member, address_field(ecs))) {
        Part::None => Part::of(field(member, address_field(!ecs))),
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

/// The identity of a typed member (as read from the server) in a channel whose members are
/// ECS servers when `ecs`, with channel port `channel_port`: the same key [`member_key`]
/// gives for the member as a body, without building one.
pub fn member_key_of(
    member: &VpcMemberInfo,
    ecs: bool,
    channel_port: Option<i64>,
) -> MemberKey<'_> {
    fn part(s: Option<&str>) -> Part<'_> {
        s.map_or(Part::None, Part::text)
    }
    let (own, other) = if ecs {
        (&member.ecs_id, &member.host)
    } else {
        (&member.host, &member.ecs_id)
    };
    let addr = match part(own.as_deref()) {
        Part::None => part(other.as_deref()),
        found => found,
    };
    // 0 or absent means the channel port.
    let port = match member.port.filter(|p| *p != 0).or(channel_port) {
        Some(p) => Part::Int(p),
        None => Part::None,
    };
    MemberKey {
        group: part(member.member_group_name.as_deref()),
        addr,
        port,
    }
}

/// The identity of `member` of channel `body` (for `member_type` and `port`).
pub fn member_key_in<'a>(member: &'a Value, body: &'a Value) -> MemberKey<'a> {
    KeyContext::of(body).key(member)
}

/// What a member's identity depends on in one body (its member type and port), read once to
/// key many of its members.
#[derive(Debug, Clone, Copy)]
pub struct KeyContext<'a> {
    ecs: bool,
    port: Option<&'a Value>,
}

impl<'a> KeyContext<'a> {
    pub fn of(body: &'a Value) -> Self {
        KeyContext {
            ecs: is_ecs(body),
            port: body.get("port"),
        }
    }

    /// The identity of `member` of that body.
    pub fn key(self, member: &'a Value) -> MemberKey<'a> {
        member_key(member, self.ecs, self.port)
    }
}

/// A member's identity as shown to the user: address, effective port and group, e.g.
/// `10.0.0.1:80 (group g1)`. Two members with the same identity are the same member to the
/// server.
pub fn member_identity(member: &Value, body: &Value) -> String {
    member_key_in(member, body).label()
}

/// A group's identity: its `member_group_name` (`""` when absent).
pub fn group_identity(group: &Value) -> String {
    match group {
        Value::Object(_) => Part::of(group.get("member_group_name")).shown(""),
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

    #[test]
    fn member_type_is_read_without_regard_to_case() {
        let m = json!({"ecs_id": "i-1", "host": "10.0.0.9"});
        let upper = json!({"port": 80, "member_type": "ECS"});
        assert_eq!(member_identity(&m, &upper), "i-1:80");
        assert!(is_ecs_type("Ecs") && !is_ecs_type("ip"));
    }

    #[test]
    fn a_typed_member_keys_like_its_body() {
        let members = [
            json!({"host": "10.0.0.1", "port": 0, "member_group_name": "g"}),
            json!({"host": "10.0.0.1"}),
            json!({"host": "", "ecs_id": "i-1", "port": 81}),
            json!({"ecs_id": "i-1", "host": "10.0.0.9", "port": 8080}),
            json!({"host": "10.0.0.1", "member_group_name": ""}),
            json!({}),
        ];
        for body in [
            json!({"port": 80, "member_type": "ip"}),
            json!({"port": 80, "member_type": "ECS"}),
            json!({"member_type": "ip"}),
            json!({"port": null}),
        ] {
            let ecs = is_ecs(&body);
            let port = body.get("port").and_then(Value::as_i64);
            for m in &members {
                let typed: VpcMemberInfo = serde_json::from_value(m.clone()).unwrap();
                assert_eq!(
                    member_key_of(&typed, ecs, port),
                    member_key_in(m, &body),
                    "{m} in {body}"
                );
            }
        }
    }

    #[test]
    fn typed_parts_key_like_the_body() {
        let body = json!({"port": 80, "member_type": "ip"});
        let m = json!({"host": "10.0.0.1", "member_group_name": "g"});
        assert_eq!(
            MemberKey::new("g", "10.0.0.1", 80),
            member_key_in(&m, &body)
        );
        assert_eq!(
            MemberKey::new("g", "10.0.0.1", 80),
            member_key_in(&m, &body).into_owned()
        );
    }
}
