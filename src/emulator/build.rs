//! Stored objects from checked request bodies: ids, times, the channel port for port 0,
//! ecs_id/ecs_name = host on ip members, and identities kept across overwrites.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::state::{Channel, Group, Health, Member, Microservice, new_id};
use crate::model::{MemberGroupCreate, MemberInfo, VpcCreate, VpcHealthConfig};

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

/// A member's identity (docs/api.md §5.3), owned so that it outlives edits of the list.
pub type MemberKey = crate::model::MemberKey<'static>;

pub fn member_key(m: &Member, member_type: &str) -> MemberKey {
    let addr = if crate::model::is_ecs_type(member_type) {
        &m.ecs_id
    } else {
        &m.host
    };
    crate::model::MemberKey::new(&m.member_group_name, addr, m.port).into_owned()
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
    let (ecs_id, ecs_name) = if !crate::model::is_ecs_type(&ch.member_type) {
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
/// definition, members and groups (docs/api.md §5.1). The type never changes; members are
/// ignored on reference channels; an absent health check or microservice block keeps the
/// stored one (docs/api.md §8.22).
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
