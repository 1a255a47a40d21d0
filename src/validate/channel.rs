//! The body's own fields (docs/api.md §3.1) and the channel facts other rules depend on.

use serde_json::Value;

use crate::model::{BalanceStrategy, ChannelTypeCode, MemberType, ServiceType, VpcChannelType};

use super::fields::{Need, Obj, type_error};
use super::patterns::{dict_code_rule, name_rule};
use super::report::{At, Report, quote};
use super::{groups, health, members, microservice, unknown};

/// What the rules for groups, members and the health check need to know about the channel.
/// `None` where the body does not say or says something invalid (already reported), so that
/// one mistake does not set off a cascade of others.
pub(crate) struct Channel {
    pub kind: Option<VpcChannelType>,
    pub member_type: Option<MemberType>,
    pub port: Option<i64>,
    pub service: Option<ServiceType>,
}

pub(crate) fn check(r: &mut Report, body: &Value) {
    let root = At::Root;
    let Value::Object(map) = body else {
        type_error(r, &root, "object", body);
        return;
    };
    let o = Obj::new(map, &root);
    unknown::check(r, o, &unknown::CHANNEL);
    let ch = facts_of(r, o);

    for key in ["member_groups", "members"] {
        if !o.map.contains_key(key) {
            r.warn(
                &root.key(key),
                "missing_array",
                format!(
                    "always send `{key}`: a PUT overwrites the channel, an empty array deletes \
                     them all, and omitting it is undocumented (docs/api.md §5.1)"
                ),
            );
        }
    }

    let groups = groups::check(r, o, &ch);
    members::check(r, o, &ch, &groups);
    health::check(r, o);
}

/// The channel facts of `body` alone, its findings dropped: what the findings across
/// members need when they are kept up to date one member at a time.
pub(crate) fn facts(body: &Value) -> Option<Channel> {
    let Value::Object(map) = body else {
        return None;
    };
    Some(facts_of(&mut Report::default(), Obj::new(map, &At::Root)))
}

/// Check the body's own fields (in the full check's order) and give the channel facts.
fn facts_of(r: &mut Report, o: Obj) -> Channel {
    o.text(r, "name", Need::Yes, name_rule());
    let port = o.int_range(r, "port", Need::Yes, 1, 65535);
    o.int_enum(
        r,
        "balance_strategy",
        Need::Yes,
        &[1, 2, 3, 4],
        BalanceStrategy::describe,
    );
    let member_type = o
        .str_enum(r, "member_type", Need::Yes, &["ip", "ecs"])
        .and_then(MemberType::from_wire);
    o.text(r, "dict_code", Need::No, dict_code_rule());
    let kind = channel_kind(r, o);

    let mut ch = Channel {
        kind,
        member_type,
        port,
        service: None,
    };
    ch.service = microservice::check_channel(r, o, &ch);
    ch
}

/// The declared channel type from `vpc_channel_type` and the deprecated `type`
/// (docs/api.md §4.3, §5.5), with the rules on sending both.
fn channel_kind(r: &mut Report, o: Obj) -> Option<VpcChannelType> {
    let type_code = o.int(r, "type", Need::No);
    let from_code = match type_code {
        None | Some(0) => Ok(None),
        Some(2) => Ok(Some(VpcChannelType::Builtin)),
        Some(3) => Ok(Some(VpcChannelType::Microservice)),
        Some(1) => {
            r.warn(
                &o.at.key("type"),
                "deprecated",
                "1 (ELB channel) is historical and deprecated; use 2 (server) or 3 \
                 (microservice), or vpc_channel_type"
                    .into(),
            );
            Ok(Some(VpcChannelType::Builtin))
        }
        Some(other) => {
            r.error(
                &o.at.key("type"),
                "enum",
                format!("must be one of 2 (server), 3 (microservice); got {other}"),
            );
            Err(())
        }
    };
    // `""` is how the server leaves it unset: then `type` decides.
    let declared = match o.string(r, "vpc_channel_type", Need::No) {
        None => Ok(None),
        Some(s) => match VpcChannelType::from_wire(s) {
            Some(t) => Ok(Some(t)),
            None => {
                r.error(
                    &o.at.key("vpc_channel_type"),
                    "enum",
                    format!(
                        "must be one of {}; got {}",
                        VpcChannelType::allowed(),
                        quote(s)
                    ),
                );
                Err(())
            }
        },
    };
    match (from_code, declared) {
        (Ok(Some(by_code)), Ok(Some(by_name))) => {
            let code = type_code.unwrap_or_default();
            if by_code == by_name && code != 1 {
                r.warn(
                    &o.at.key("type"),
                    "type_conflict",
                    format!(
                        "do not send the deprecated `type` together with vpc_channel_type; \
                         remove `type` ({})",
                        ChannelTypeCode::describe(code)
                    ),
                );
            } else {
                r.error(
                    &o.at.key("type"),
                    "type_conflict",
                    format!(
                        "{} disagrees with vpc_channel_type {}; send only vpc_channel_type",
                        ChannelTypeCode::describe(code),
                        quote(by_name.wire())
                    ),
                );
            }
            Some(by_name)
        }
        (_, Ok(Some(by_name))) => Some(by_name),
        (Ok(by_code), Ok(None)) => Some(by_code.unwrap_or(VpcChannelType::Builtin)),
        _ => None,
    }
}

/// `null`, `""`, `0`, `[]`, or an object of such: what the server echoes for "unset"
/// (docs/api.md §3.7: a server channel's `microservice_info` comes back full of empty strings).
pub(crate) fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_i64() == Some(0),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.values().all(is_blank),
        Value::Bool(_) => false,
    }
}
