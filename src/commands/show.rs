//! `chanedit show ID [--json | --body]`: a channel with every member.

use crate::api::Loaded;
use crate::cli::GlobalArgs;
use crate::model::{
    BalanceStrategy, ChannelStatus, HealthCheckStatus, MemberStatus, MemberType, VpcChannel,
    VpcHealthConfigInfo, VpcMemberInfo,
};
use crate::sanitize;
use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use super::EXIT_OK;
use super::common::{json_text, load, or_dash, print, table};

pub async fn run(global: &GlobalArgs, channel_id: &str, json: bool, body: bool) -> i32 {
    let (_session, loaded) = match load(global, channel_id).await {
        Ok(l) => l,
        Err(code) => return code,
    };
    if body {
        print(&to_body(&loaded));
    } else if json {
        super::json_out::print_json(&shown(&loaded));
    } else {
        print(&render(&loaded));
    }
    EXIT_OK
}

/// The detail with `members` replaced by the complete member list, secrets (the Nacos
/// password the server echoes) shown as `***`. The members are written one by one, not as
/// one tree of values: 100,000 of them would take several times their own memory.
#[cfg(test)]
pub fn to_json(loaded: &Loaded) -> String {
    json_text(&shown(loaded))
}

/// What `show --json` prints, to be written as text.
fn shown(loaded: &Loaded) -> Json<'_> {
    // An empty list keeps `members` in the place the model gives it; the pages go there.
    let placed = VpcChannel {
        members: Some(Vec::new()),
        ..loaded.detail.clone()
    };
    let mut detail = serde_json::to_value(&placed).unwrap_or_default();
    crate::model::redact_secrets(&mut detail);
    let Value::Object(fields) = detail else {
        return Json::Whole(Box::new(loaded.detail_with_members()));
    };
    Json::Shown {
        fields,
        members: &loaded.members,
    }
}

enum Json<'a> {
    Shown {
        fields: serde_json::Map<String, Value>,
        members: &'a [VpcMemberInfo],
    },
    /// A detail that is not an object as a value (not seen): as it is.
    Whole(Box<VpcChannel>),
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Shown { fields, members } => Shown { fields, members }.serialize(s),
            Json::Whole(detail) => detail.serialize(s),
        }
    }
}

struct Shown<'a> {
    fields: &'a serde_json::Map<String, Value>,
    members: &'a [VpcMemberInfo],
}

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.fields.len() + 1))?;
        for (k, v) in self.fields {
            if k == "members" {
                map.serialize_entry(k, &MembersShown(self.members))?;
            } else {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}

struct MembersShown<'a>(&'a [VpcMemberInfo]);

impl Serialize for MembersShown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for m in self.0 {
            // No field the model knows is a secret: only unknown ones can be, so a member
            // without any is written as it is, not through a copy as a JSON value.
            if m.extra.is_empty() {
                seq.serialize_element(m)?;
                continue;
            }
            let mut v = serde_json::to_value(m).map_err(S::Error::custom)?;
            crate::model::redact_secrets(&mut v);
            seq.serialize_element(&v)?;
        }
        seq.end()
    }
}

/// The PUT body that leaves the channel as it is (no response-only field, no deprecated `type`
/// beside `vpc_channel_type`), secrets as `***`: `apply` takes the live secret back for them.
/// What `show --body` prints and `export` writes.
pub fn to_body(loaded: &Loaded) -> String {
    let mut body = loaded.base();
    crate::model::redact_secrets(&mut body);
    json_text(&body)
}

fn code_name(code: Option<i64>, name: impl Fn(i64) -> Option<&'static str>) -> String {
    match code {
        Some(c) => match name(c) {
            Some(n) => format!("{c} ({n})"),
            None => format!("{c} (unknown)"),
        },
        None => "-".into(),
    }
}

fn field(out: &mut String, label: &str, value: &str) {
    out.push_str(&format!("{label:<14}{}\n", sanitize::line(value)));
}

pub fn render(loaded: &Loaded) -> String {
    let d = &loaded.detail;
    let mut out = String::new();
    channel_fields(&mut out, d);
    out.push('\n');
    match &d.vpc_health_config {
        Some(h) => health(&mut out, h),
        None => out.push_str("health check  none\n"),
    }
    out.push('\n');
    groups(&mut out, d);
    out.push('\n');
    members(&mut out, d, &loaded.members);
    out
}

fn channel_fields(out: &mut String, d: &VpcChannel) {
    field(out, "name", &or_dash(d.name.as_deref()));
    field(out, "id", &or_dash(d.id.as_deref()));
    let kind = d.channel_type();
    field(
        out,
        "type",
        &format!("{} ({})", kind.wire(), kind.meaning()),
    );
    let member_type = d.member_type.as_deref().unwrap_or("");
    field(
        out,
        "member type",
        &match MemberType::from_wire_ci(member_type) {
            Some(t) => format!("{} ({})", t.wire(), t.meaning()),
            None => or_dash(Some(member_type)),
        },
    );
    field(out, "port", &or_dash(d.port));
    field(
        out,
        "balance",
        &code_name(d.balance_strategy, |c| {
            BalanceStrategy::from_code(c).map(|s| s.name())
        }),
    );
    field(
        out,
        "status",
        &code_name(d.status, |c| ChannelStatus::from_code(c).map(|s| s.name())),
    );
    field(out, "created", &or_dash(d.create_time.as_deref()));
    if let Some(m) = d.microservice_info.as_ref().filter(|m| !m.is_empty()) {
        field(out, "microservice", &or_dash(m.service_type.as_deref()));
    }
}

fn health(out: &mut String, h: &VpcHealthConfigInfo) {
    let protocol = h.protocol.as_deref().unwrap_or("").to_ascii_uppercase();
    let mut first = or_dash(Some(protocol.clone()));
    if protocol != "TCP" {
        first.push_str(&format!(
            " {} {}",
            or_dash(h.method.as_deref()),
            or_dash(h.path.as_deref())
        ));
    }
    first.push_str(&format!(
        " port {}",
        h.port
            .filter(|p| *p != 0)
            .map_or("(channel port)".into(), |p| p.to_string())
    ));
    if let Some(codes) = h.http_code.as_deref().filter(|c| !c.is_empty()) {
        first.push_str(&format!(", http codes {codes}"));
    }
    field(out, "health check", &first);
    field(
        out,
        "",
        &format!(
            "every {} s, timeout {} s, healthy after {}, unhealthy after {}, client ssl {}",
            or_dash(h.time_interval),
            or_dash(h.timeout),
            or_dash(h.threshold_normal),
            or_dash(h.threshold_abnormal),
            if h.enable_client_ssl == Some(true) {
                "on"
            } else {
                "off"
            }
        ),
    );
    field(
        out,
        "",
        &format!(
            "status {}",
            code_name(h.status, |c| {
                HealthCheckStatus::from_code(c).map(|s| s.name())
            })
        ),
    );
}

fn groups(out: &mut String, d: &VpcChannel) {
    let groups = d.member_groups.as_deref().unwrap_or_default();
    out.push_str(&format!("groups ({})\n", groups.len()));
    if groups.is_empty() {
        return;
    }
    let rows: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            vec![
                or_dash(g.member_group_name.as_deref()),
                or_dash(g.member_group_weight),
                or_dash(g.member_group_remark.as_deref()),
                or_dash(g.member_group_id.as_deref()),
            ]
        })
        .collect();
    out.push_str(&table(&["NAME", "WEIGHT", "REMARK", "ID"], &rows));
}

fn members(out: &mut String, d: &VpcChannel, members: &[VpcMemberInfo]) {
    out.push_str(&format!("members ({})\n", members.len()));
    if members.is_empty() {
        return;
    }
    let is_ecs = d
        .member_type
        .as_deref()
        .is_some_and(crate::model::is_ecs_type);
    let channel_port = or_dash(d.port);
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            let address = if is_ecs {
                format!(
                    "{} ({})",
                    or_dash(m.ecs_name.as_deref()),
                    or_dash(m.ecs_id.as_deref())
                )
            } else {
                or_dash(m.host.as_deref())
            };
            let port = match m.port {
                Some(p) if p != 0 => p.to_string(),
                _ => format!("{channel_port}*"),
            };
            vec![
                address,
                port,
                or_dash(m.weight),
                or_dash(m.member_group_name.as_deref()),
                if m.is_backup == Some(true) {
                    "yes".into()
                } else {
                    "no".into()
                },
                code_name(m.status, |c| MemberStatus::from_code(c).map(|s| s.name())),
                or_dash(m.health_status.as_deref()),
            ]
        })
        .collect();
    let host = if is_ecs { "ECS" } else { "HOST" };
    out.push_str(&table(
        &[
            host, "PORT", "WEIGHT", "GROUP", "BACKUP", "STATUS", "HEALTH",
        ],
        &rows,
    ));
    if members.iter().any(|m| m.port.is_none_or(|p| p == 0)) {
        out.push_str("* the channel port\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The whole detail as one value, as `show --json` printed it before it streamed members.
    fn as_one_value(loaded: &Loaded) -> String {
        let mut v = serde_json::to_value(loaded.detail_with_members()).unwrap();
        crate::model::redact_secrets(&mut v);
        json_text(&v)
    }

    #[test]
    fn the_members_land_where_the_detail_has_them_and_secrets_stay_hidden() {
        let detail = json!({"id": "c1", "name": "n", "port": 80, "member_type": "ip",
            "microservice_info": {"service_type": "nacos", "password": "hunter2"},
            "vpc_health_config": {"protocol": "tcp", "port": 80},
            "unknown_later": {"sk": "s3cret"}});
        let members = json!([
            {"id": "m1", "host": "10.0.0.1", "weight": 1, "password": "p1"},
            {"id": "m2", "host": "10.0.0.2", "odd": "\u{1b}[31m"},
            {"id": "m3", "host": "10.0.0.3", "weight": 5, "status": 1, "port": 0,
                "member_group_name": "g\u{1b}]0;x\u{7}", "health_status": "normal"}
        ]);
        let loaded = Loaded {
            detail: serde_json::from_value(detail).unwrap(),
            members: serde_json::from_value(members).unwrap(),
        };
        let text = to_json(&loaded);
        assert_eq!(text, as_one_value(&loaded));
        assert!(!text.contains("hunter2") && !text.contains("s3cret") && !text.contains("p1"));
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
        assert!(text.contains("10.0.0.3"), "a member with known fields only");
        let empty = Loaded {
            detail: serde_json::from_value(json!({"id": "c2"})).unwrap(),
            members: Vec::new(),
        };
        assert_eq!(to_json(&empty), as_one_value(&empty));
    }
}
