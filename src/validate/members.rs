//! `members[]` (spec §3.3, §5.2 items 7–9, §5.3, §5.4): each member's fields, the fields its
//! channel's `member_type` requires, group references, duplicates, and grouping.

use std::collections::hash_map::Entry;

use serde_json::Value;

use crate::model::{MemberStatus, MemberType, VpcChannelType};

use super::channel::Channel;
use super::fields::{Need, Obj, Text, text, type_error};
use super::fxhash::FxHashMap;
use super::groups::Groups;
use super::patterns::{ECS_ID, ECS_NAME};
use super::report::{Report, quote};
use super::unknown;

/// How the server tells members apart (spec §5.3): group name or "", host (ip) or ecs_id
/// (ecs), and the effective port (0/absent = channel port).
type Identity<'v> = (&'v str, &'v str, i64);

pub(crate) fn check(r: &mut Report, o: Obj, ch: &Channel, groups: &Groups) {
    let Some(items) = o.array(r, "members", Need::No) else {
        return;
    };
    let list_at = o.at.key("members");
    if ch.kind == Some(VpcChannelType::Reference) && !items.is_empty() {
        r.warn(
            &list_at,
            "ignored",
            "ignored on a reference channel: its members come from the referenced channels".into(),
        );
    }

    let mut seen: FxHashMap<Identity, usize> =
        FxHashMap::with_capacity_and_hasher(items.len(), Default::default());
    let mut grouped = 0usize;
    let mut first_ungrouped = None;
    for (i, item) in items.iter().enumerate() {
        let at = list_at.index(i);
        let Value::Object(map) = item else {
            type_error(r, &at, "object", item);
            continue;
        };
        let m = Obj::new(map, &at);
        unknown::check(r, m, &unknown::MEMBER);
        let group = check_member(r, m, ch, groups);
        match group {
            Some(_) => grouped += 1,
            None => {
                first_ungrouped.get_or_insert(i);
            }
        }
        let Some(id) = identity(m, ch, group) else {
            continue;
        };
        match seen.entry(id) {
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
            Entry::Occupied(slot) => {
                let first = *slot.get();
                r.error(
                    &at,
                    "duplicate_member",
                    format!(
                        "same address as members[{first}] (group {}, {}, port {}); the server \
                     keeps only the first",
                        if id.0.is_empty() {
                            "none".to_string()
                        } else {
                            quote(id.0)
                        },
                        quote(id.1),
                        id.2
                    ),
                );
            }
        }
    }

    if let Some(i) = first_ungrouped
        && grouped > 0
    {
        let ungrouped = items.len() - grouped;
        r.warn(
            &list_at.index(i).key("member_group_name"),
            "mixed_groups",
            format!(
                "{ungrouped} of {} members have no group while the others do; the server may \
                 reject this (\"members must bound to member group or not\", spec §8.20)",
                items.len()
            ),
        );
    }
}

/// Check one member; returns its group name when it names one.
fn check_member<'v>(
    r: &mut Report,
    m: Obj<'v, '_>,
    ch: &Channel,
    groups: &Groups,
) -> Option<&'v str> {
    let ip = ch.member_type == Some(MemberType::Ip);
    let ecs = ch.member_type == Some(MemberType::Ecs);

    let host_need = if ip {
        Need::When("when member_type is ip")
    } else {
        Need::No
    };
    m.text(r, "host", host_need, Text::len(1, 255));
    m.int_range(r, "weight", Need::No, 0, 10000);
    m.boolean(r, "is_backup");
    m.int_enum(r, "status", Need::No, &[1, 2], MemberStatus::describe);
    m.int_range(r, "port", Need::No, 0, 65535);

    if ecs {
        ecs_id(r, m);
        m.text(
            r,
            "ecs_name",
            Need::When("when member_type is ecs"),
            Text::with(
                1,
                64,
                &ECS_NAME,
                "must contain only letters, digits, `-`, `_`, `.`",
            ),
        );
    } else {
        // On ip members the server copies host into these; they are ignored on input.
        m.string(r, "ecs_id", Need::No);
        m.string(r, "ecs_name", Need::No);
    }

    let group = m.string(r, "member_group_name", Need::No)?;
    if groups.known && !groups.names.contains_key(group) {
        r.error(
            &m.at.key("member_group_name"),
            "unknown_group",
            format!(
                "must name a group in member_groups ({}); got {}",
                known_groups(groups),
                quote(group)
            ),
        );
    }
    Some(group)
}

/// `ecs_id`: 1..64 in the text, 255 in the schema (spec §8.7): beyond 64 is a warning.
fn ecs_id(r: &mut Report, m: Obj) {
    let Some(id) = m.string(r, "ecs_id", Need::When("when member_type is ecs")) else {
        return;
    };
    let at = m.at.key("ecs_id");
    let n = id.chars().count();
    if n > 64 && n <= 255 {
        r.warn(
            &at,
            "length",
            format!("documented as 1..64 characters (the schema allows 255); got {n}"),
        );
    }
    text(
        r,
        &at,
        id,
        Text::with(
            1,
            255,
            &ECS_ID,
            "must contain only letters, digits, `-`, `_`",
        ),
    );
}

fn identity<'v>(m: Obj<'v, '_>, ch: &Channel, group: Option<&'v str>) -> Option<Identity<'v>> {
    let addr_key = match ch.member_type {
        Some(MemberType::Ecs) => "ecs_id",
        _ => "host",
    };
    let addr = m.get(addr_key)?.as_str().filter(|s| !s.is_empty())?;
    let channel_port = ch.port.unwrap_or(0);
    let port = match m.get("port").and_then(Value::as_i64) {
        None | Some(0) => channel_port,
        Some(p) => p,
    };
    Some((group.unwrap_or(""), addr, port))
}

fn known_groups(groups: &Groups) -> String {
    if groups.names.is_empty() {
        return "there are none".to_string();
    }
    let mut names: Vec<(&&str, &usize)> = groups.names.iter().collect();
    names.sort_by_key(|(_, i)| **i);
    let shown: Vec<String> = names.iter().take(5).map(|(n, _)| quote(n)).collect();
    let more = names.len().saturating_sub(5);
    if more > 0 {
        format!("known: {} and {more} more", shown.join(", "))
    } else {
        format!("known: {}", shown.join(", "))
    }
}
