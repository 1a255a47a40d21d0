//! The "base": the PUT body that would leave a loaded channel unchanged.
//!
//! Built from the detail (E2) and every member page (E6). The conversion:
//! * response-only fields are dropped (ids, times, `vpc_channel_id`, `member_group_id`,
//!   `health_status`, `status` of the channel, the health check's `id`);
//! * `type` and `vpc_channel_type` are never both sent: the loaded `vpc_channel_type` wins,
//!   else a non-zero `type`;
//! * `""` strings the server uses for "unset" are dropped;
//! * the health check protocol is sent uppercase (the server echoes it lowercase);
//! * on `ip` members, `ecs_id`/`ecs_name` (copies of `host` made by the server) are dropped;
//! * group microservice fields are kept only on microservice channels, and
//!   `reference_vpc_channel_id` only on reference channels;
//! * the all-empty `microservice_info` of server channels is dropped; response-only parts of a
//!   real one (`id`, names, addresses, times) are dropped.
//!
//! Unknown fields are kept.

use super::*;

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|s| !s.is_empty()).cloned()
}

/// The PUT body equivalent to the loaded state. `members` is the complete E6 list.
pub fn base_body(detail: &VpcChannel, members: &[VpcMemberInfo]) -> VpcCreate {
    let kind = detail.channel_type();
    let is_ip = detail
        .member_type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("ip"));
    let (type_code, vpc_channel_type) = match non_empty(&detail.vpc_channel_type) {
        Some(t) => (None, Some(t)),
        None => (detail.type_code.filter(|t| *t != 0), None),
    };
    VpcCreate {
        name: detail.name.clone(),
        port: detail.port,
        balance_strategy: detail.balance_strategy,
        member_type: detail.member_type.clone(),
        type_code,
        vpc_channel_type,
        dict_code: non_empty(&detail.dict_code),
        member_groups: detail
            .member_groups
            .iter()
            .flatten()
            .map(|g| group_body(g, kind))
            .collect(),
        members: members.iter().map(|m| member_body(m, is_ip)).collect(),
        vpc_health_config: detail.vpc_health_config.as_ref().map(health_body),
        microservice_info: detail
            .microservice_info
            .as_ref()
            .filter(|m| !m.is_empty())
            .map(microservice_body),
        extra: detail.extra.clone(),
    }
}

/// [`base_body`] as JSON, the form the editor and the diff work on.
pub fn base_value(detail: &VpcChannel, members: &[VpcMemberInfo]) -> serde_json::Value {
    body_of(detail, members.iter())
}

/// [`base_value`] taking the members: each is freed once converted, so a big channel's typed
/// members and their JSON never sit in memory whole at once.
pub fn base_value_owned(detail: &VpcChannel, members: Vec<VpcMemberInfo>) -> serde_json::Value {
    let mut body = body_of(detail, FromBack(members));
    if let Some(list) = body
        .get_mut("members")
        .and_then(serde_json::Value::as_array_mut)
    {
        list.reverse();
    }
    body
}

/// Owned members taken from the back, the list giving its memory back as it empties: the
/// typed list (3.4 MB at 10,000 members) shrinks while their JSON grows, rather than staying
/// whole until the last one is converted.
struct FromBack(Vec<VpcMemberInfo>);

impl Iterator for FromBack {
    type Item = VpcMemberInfo;

    fn next(&mut self) -> Option<VpcMemberInfo> {
        let m = self.0.pop()?;
        if self.0.len() < self.0.capacity() / 2 {
            self.0.shrink_to_fit();
        }
        Some(m)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.0.len(), Some(self.0.len()))
    }
}

impl ExactSizeIterator for FromBack {}

fn body_of<M: std::borrow::Borrow<VpcMemberInfo>>(
    detail: &VpcChannel,
    members: impl ExactSizeIterator<Item = M>,
) -> serde_json::Value {
    let is_ip = detail
        .member_type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("ip"));
    let Ok(mut body) = serde_json::to_value(base_body(detail, &[])) else {
        return serde_json::Value::default();
    };
    match (members_value(members, is_ip), body.get_mut("members")) {
        (Some(list), Some(slot)) => *slot = list,
        _ => return serde_json::Value::default(),
    }
    body
}

/// `v` with each object's field list allocated to its length. Serialising a member grows
/// its map as fields come (room for 7 when it has 5); a 10,000-member draft keeps them all.
fn exact(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(m.into_iter().collect()),
        other => other,
    }
}

/// The members as a body holds them, member by member: a typed copy of 10,000 members never
/// sits beside their JSON (an owned member is freed once converted).
fn members_value<M: std::borrow::Borrow<VpcMemberInfo>>(
    members: impl ExactSizeIterator<Item = M>,
    is_ip: bool,
) -> Option<serde_json::Value> {
    let mut list = Vec::with_capacity(members.len());
    for m in members {
        list.push(exact(
            serde_json::to_value(member_body(m.borrow(), is_ip)).ok()?,
        ));
    }
    Some(serde_json::Value::Array(list))
}

/// `body` (a base) with its members as re-read (E6): the channel's state after a write that
/// touched members only, without reading its detail again. None when `body` is no object.
pub fn with_members(
    body: &serde_json::Value,
    members: &[VpcMemberInfo],
) -> Option<serde_json::Value> {
    let is_ip = body
        .get("member_type")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("ip"));
    let mut out: serde_json::Map<String, serde_json::Value> = body
        .as_object()?
        .iter()
        .filter(|(k, _)| *k != "members")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.insert("members".into(), members_value(members.iter(), is_ip)?);
    Some(serde_json::Value::Object(out))
}

fn group_body(g: &MemberGroupInfo, kind: VpcChannelType) -> MemberGroupCreate {
    let micro = kind == VpcChannelType::Microservice;
    MemberGroupCreate {
        member_group_name: g.member_group_name.clone(),
        member_group_remark: non_empty(&g.member_group_remark),
        member_group_weight: g.member_group_weight,
        dict_code: non_empty(&g.dict_code),
        microservice_version: non_empty(&g.microservice_version).filter(|_| micro),
        microservice_port: g.microservice_port.filter(|_| micro),
        microservice_labels: g
            .microservice_labels
            .clone()
            .filter(|l| micro && !l.is_empty()),
        reference_vpc_channel_id: non_empty(&g.reference_vpc_channel_id)
            .filter(|_| kind == VpcChannelType::Reference),
        extra: g.extra.clone(),
    }
}

fn member_body(m: &VpcMemberInfo, is_ip: bool) -> MemberInfo {
    MemberInfo {
        host: non_empty(&m.host),
        weight: m.weight,
        is_backup: m.is_backup,
        member_group_name: non_empty(&m.member_group_name),
        status: m.status,
        port: m.port,
        ecs_id: non_empty(&m.ecs_id).filter(|_| !is_ip),
        ecs_name: non_empty(&m.ecs_name).filter(|_| !is_ip),
        extra: m.extra.clone(),
    }
}

fn health_body(h: &VpcHealthConfigInfo) -> VpcHealthConfig {
    VpcHealthConfig {
        protocol: h.protocol.as_ref().map(|p| p.to_ascii_uppercase()),
        path: non_empty(&h.path),
        method: non_empty(&h.method).map(|m| m.to_ascii_uppercase()),
        port: h.port,
        threshold_normal: h.threshold_normal,
        threshold_abnormal: h.threshold_abnormal,
        time_interval: h.time_interval,
        timeout: h.timeout,
        http_code: non_empty(&h.http_code),
        enable_client_ssl: h.enable_client_ssl,
        status: h.status,
        extra: h.extra.clone(),
    }
}

fn microservice_body(m: &MicroServiceInfo) -> MicroServiceCreate {
    let service = m
        .service_type
        .as_deref()
        .and_then(ServiceType::from_wire_ci);
    let keep = |t: ServiceType| service == Some(t);
    MicroServiceCreate {
        service_type: non_empty(&m.service_type),
        cse_info: m
            .cse_info
            .as_ref()
            .filter(|_| keep(ServiceType::Cse))
            .map(|c| CseInfo {
                engine_id: c.engine_id.clone(),
                service_id: c.service_id.clone(),
                extra: c.extra.clone(),
                ..Default::default()
            }),
        cce_info: m
            .cce_info
            .as_ref()
            .filter(|_| keep(ServiceType::Cce))
            .map(|c| CceInfo {
                cluster_name: None,
                app_name: non_empty(&c.app_name),
                label_key: non_empty(&c.label_key),
                label_value: non_empty(&c.label_value),
                ..c.clone()
            }),
        cce_service_info: m
            .cce_service_info
            .as_ref()
            .filter(|_| keep(ServiceType::CceService))
            .map(|c| CceServiceInfo {
                cluster_name: None,
                ..c.clone()
            }),
        nacos_info: m.nacos_info.clone().filter(|_| keep(ServiceType::Nacos)),
        extra: Extra::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base_of_a_server_channel_drops_response_only_fields() {
        let detail: VpcChannel = serde_json::from_value(json!({
            "id": "18174f5f4f1a4dc29f33aeadd9788e5f", "name": "VPC_demo", "port": 22,
            "balance_strategy": 2, "member_type": "ip", "dict_code": "", "type": 2,
            "vpc_channel_type": "builtin", "status": 1, "create_time": "2020-07-23T07:11:57Z",
            "member_groups": [{"member_group_id": "c1", "member_group_name": "test",
                "member_group_weight": 1, "member_group_remark": "", "microservice_port": 0,
                "create_time": "t", "update_time": "t"}],
            "microservice_info": {"id": "", "service_type": "", "cce_info": {"cluster_id": ""}},
            "vpc_health_config": {"protocol": "http", "path": "/h", "method": "", "port": 0,
                "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10,
                "timeout": 5, "http_code": "200", "id": "h1", "vpc_channel_id": "x",
                "create_time": "t", "status": 1}
        }))
        .unwrap();
        let members: Vec<VpcMemberInfo> = serde_json::from_value(json!([{
            "id": "m1", "host": "192.168.0.5", "ecs_id": "192.168.0.5",
            "ecs_name": "192.168.0.5", "weight": 1, "member_group_name": "test",
            "member_group_id": "c1", "port": 22, "status": 1, "is_backup": false,
            "vpc_channel_id": "x", "create_time": "t", "health_status": "healthy"
        }]))
        .unwrap();
        let body = base_value(&detail, &members);
        assert_eq!(
            body,
            json!({
                "name": "VPC_demo", "port": 22, "balance_strategy": 2, "member_type": "ip",
                "vpc_channel_type": "builtin",
                "member_groups": [{"member_group_name": "test", "member_group_weight": 1}],
                "members": [{"host": "192.168.0.5", "weight": 1, "is_backup": false,
                    "member_group_name": "test", "status": 1, "port": 22}],
                "vpc_health_config": {"protocol": "HTTP", "path": "/h", "port": 0,
                    "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10,
                    "timeout": 5, "http_code": "200", "status": 1}
            })
        );
    }

    #[test]
    fn base_keeps_type_when_vpc_channel_type_is_missing() {
        let detail: VpcChannel =
            serde_json::from_value(json!({"name": "abc", "type": 2, "port": 1})).unwrap();
        let body = base_body(&detail, &[]);
        assert_eq!(body.type_code, Some(2));
        assert_eq!(body.vpc_channel_type, None);
    }

    #[test]
    fn base_of_a_cce_channel_keeps_only_request_fields() {
        let detail: VpcChannel = serde_json::from_value(json!({
            "name": "VPC_demo", "type": 3, "port": 22,
            "member_groups": [{"member_group_name": "g1", "microservice_version": "v1",
                "microservice_port": 80}],
            "microservice_info": {"id": "9483", "instance_id": "i", "service_type": "CCE",
                "cse_info": {"engine_id": ""},
                "cce_info": {"cluster_id": "c", "cluster_name": "cce-test",
                    "namespace": "default", "workload_type": "deployment", "app_name": "a",
                    "label_key": "", "label_value": ""},
                "create_time": "t"}
        }))
        .unwrap();
        let body = base_value(&detail, &[]);
        assert_eq!(
            body["microservice_info"],
            json!({"service_type": "CCE", "cce_info": {"cluster_id": "c",
                "namespace": "default", "workload_type": "deployment", "app_name": "a"}})
        );
        assert_eq!(body["member_groups"][0]["microservice_port"], 80);
    }

    #[test]
    fn members_taken_from_the_back_keep_their_order() {
        let detail: VpcChannel =
            serde_json::from_value(json!({"name": "web", "port": 80, "member_type": "ip"}))
                .unwrap();
        let members: Vec<VpcMemberInfo> = (0..37)
            .map(|i| {
                serde_json::from_value(json!({"host": format!("10.0.0.{i}"), "weight": i % 7}))
                    .unwrap()
            })
            .collect();
        let owned = base_value_owned(&detail, members.clone());
        assert_eq!(owned, base_value(&detail, &members));
        assert_eq!(owned["members"][0]["host"], "10.0.0.0");
        assert_eq!(owned["members"][36]["host"], "10.0.0.36");
    }
}
