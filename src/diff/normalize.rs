//! The canonical form of a channel body for comparison: what the server echoes differently
//! from what was sent compares equal (docs/api.md §3.9–§3.11, and `model::base`).
//!
//! * `""` and `null` are the same as absent, everywhere; an object left empty is absent too
//!   (the all-empty `microservice_info` of server channels);
//! * response-only fields go: `id`, `create_time`, `update_time`, channel `status`, member
//!   `vpc_channel_id`, `member_group_id`, `health_status`, the health check's ids, the
//!   microservice registry's echoed names and addresses;
//! * `type` / `vpc_channel_type` become one `vpc_channel_type` (the type an update cannot
//!   change anyway);
//! * health check `protocol` and `method` are uppercase; its `port` defaults to 0, `status`
//!   to 1 and `enable_client_ssl` to false;
//! * member `port` 0/absent is the channel port, `is_backup` defaults to false, `status` to 1;
//!   on ip channels `ecs_id`/`ecs_name` equal to `host` go;
//! * `members` / `member_groups` absent is an empty list;
//! * group `microservice_*` fields go on channels that are not microservice channels, and
//!   `reference_vpc_channel_id` on channels that are not reference channels.
//!
//! Normalising twice changes nothing more.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::model::{ServiceType, VpcChannelType, effective_channel_type};

const RESPONSE_ONLY: &[&str] = &["id", "create_time", "update_time"];
const MEMBER_RESPONSE_ONLY: &[&str] = &["vpc_channel_id", "member_group_id", "health_status"];
const MICRO_RESPONSE_ONLY: &[&str] = &["instance_id"];
const GROUP_MICRO_FIELDS: &[&str] = &[
    "microservice_version",
    "microservice_port",
    "microservice_labels",
];

/// The canonical form of `body` (see the module doc). A body that is not an object is
/// returned as it is, minus empty strings.
pub fn normalize(body: &Value) -> Value {
    let mut top = normalize_channel(body);
    if let (Value::Object(map), Some(members)) = (&mut top, normalize_members(body)) {
        map.insert("members".into(), members);
    }
    top
}

/// The canonical form of `body`'s `members` (what [`normalize`] puts there); `None` when
/// `body` is not an object.
pub(crate) fn normalize_members(body: &Value) -> Option<Value> {
    if !body.is_object() {
        return None;
    }
    let members = match body.get("members") {
        Some(Value::Array(items)) => {
            let ctx = MemberCtx::of(body);
            Value::Array(items.iter().map(|m| normalize_member(m, &ctx)).collect())
        }
        Some(other) if !is_empty_value(other) => stripped(other),
        _ => empty_list(),
    };
    Some(members)
}

/// What a member's canonical form depends on: the channel port and the member type.
pub(crate) struct MemberCtx {
    pub(crate) port: Option<Value>,
    pub(crate) ecs: bool,
}

impl MemberCtx {
    pub(crate) fn of(body: &Value) -> Self {
        Self {
            port: body
                .get("port")
                .filter(|p| !is_empty_value(p))
                .map(stripped),
            ecs: crate::model::is_ecs(body),
        }
    }
}

/// The canonical form of everything but `members` (which is left out).
pub(crate) fn normalize_channel(body: &Value) -> Value {
    let mut v = match body {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "members")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    };
    strip_empty(&mut v);
    let Value::Object(top) = &mut v else {
        return v;
    };
    for k in RESPONSE_ONLY.iter().chain(&["status"]) {
        top.shift_remove(*k);
    }
    if let Some(Value::Object(micro)) = top.get_mut("microservice_info") {
        normalize_microservice(micro);
        if micro.is_empty() {
            top.shift_remove("microservice_info");
        }
    }
    let kind = channel_type(top);
    top.shift_remove("type");
    top.insert("vpc_channel_type".into(), Value::String(kind.wire().into()));

    if let Some(Value::Object(h)) = top.get_mut("vpc_health_config") {
        normalize_health(h);
    }
    if let Value::Array(groups) = top.entry("member_groups").or_insert_with(empty_list) {
        groups
            .iter_mut()
            .filter_map(Value::as_object_mut)
            .for_each(|g| normalize_group(g, kind));
    }
    v
}

fn stripped(v: &Value) -> Value {
    let mut v = v.clone();
    strip_empty(&mut v);
    v
}

fn empty_list() -> Value {
    Value::Array(Vec::new())
}

/// Remove `""`, `null` and (after that) empty objects from every object, recursively.
fn strip_empty(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for child in map.values_mut() {
                strip_empty(child);
            }
            map.retain(|_, child| !is_empty_value(child));
        }
        Value::Array(items) => items.iter_mut().for_each(strip_empty),
        _ => {}
    }
}

/// What [`strip_empty`] removes: `null`, `""`, and objects holding nothing else.
pub(crate) fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Object(m) => m.values().all(is_empty_value),
        _ => false,
    }
}

fn channel_type(top: &Map<String, Value>) -> VpcChannelType {
    let has_micro = top
        .get("microservice_info")
        .and_then(|m| m.get("service_type"))
        .is_some();
    effective_channel_type(
        top.get("vpc_channel_type").and_then(Value::as_str),
        top.get("type").and_then(Value::as_i64),
        has_micro,
    )
}

fn normalize_microservice(micro: &mut Map<String, Value>) {
    for k in RESPONSE_ONLY.iter().chain(MICRO_RESPONSE_ONLY) {
        micro.shift_remove(*k);
    }
    let service = micro
        .get("service_type")
        .and_then(Value::as_str)
        .and_then(ServiceType::from_wire_ci);
    // Only the registry object of the service type is sent; the others are echoed empty.
    let sub_infos = [
        ("cse_info", ServiceType::Cse),
        ("cce_info", ServiceType::Cce),
        ("cce_service_info", ServiceType::CceService),
        ("nacos_info", ServiceType::Nacos),
    ];
    for (key, t) in sub_infos {
        if service != Some(t) {
            if service.is_some() {
                micro.shift_remove(key);
            }
            continue;
        }
        if let Some(Value::Object(info)) = micro.get_mut(key) {
            let echoed: &[&str] = match t {
                ServiceType::Cse => &[
                    "engine_name",
                    "service_name",
                    "register_address",
                    "cse_app_id",
                    "version",
                ],
                ServiceType::Cce | ServiceType::CceService => &["cluster_name"],
                _ => &[],
            };
            for k in echoed {
                info.shift_remove(*k);
            }
            if info.is_empty() {
                micro.shift_remove(key);
            }
        }
    }
}

fn upper(map: &mut Map<String, Value>, key: &str) {
    if let Some(Value::String(s)) = map.get_mut(key) {
        s.make_ascii_uppercase();
    }
}

fn default(map: &mut Map<String, Value>, key: &str, value: Value) {
    map.entry(key.to_string()).or_insert(value);
}

fn normalize_health(h: &mut Map<String, Value>) {
    for k in RESPONSE_ONLY.iter().chain(&["vpc_channel_id"]) {
        h.shift_remove(*k);
    }
    upper(h, "protocol");
    upper(h, "method");
    default(h, "port", Value::from(0));
    default(h, "status", Value::from(1));
    default(h, "enable_client_ssl", Value::Bool(false));
}

/// Fields of a member that only responses carry.
fn member_ignored(key: &str) -> bool {
    RESPONSE_ONLY.contains(&key) || MEMBER_RESPONSE_ONLY.contains(&key)
}

static ONE: LazyLock<Value> = LazyLock::new(|| Value::from(1));
static FALSE: Value = Value::Bool(false);

/// The canonical value of one member field (`None` = absent), without copying the member.
fn member_field<'a>(m: &'a Map<String, Value>, key: &str, ctx: &'a MemberCtx) -> Option<&'a Value> {
    if member_ignored(key) {
        return None;
    }
    let present = |k: &str| find(m, k).filter(|v| !is_empty_value(v));
    let v = present(key);
    match key {
        "port" if v.is_none_or(|p| p.as_f64() == Some(0.0)) => ctx.port.as_ref(),
        "is_backup" => v.or(Some(&FALSE)),
        "status" => v.or(Some(&ONE)),
        // The server copies host into both ecs fields of ip members.
        "ecs_id" | "ecs_name" if !ctx.ecs => match (v, present("host")) {
            (Some(v), Some(host)) if eq_stripped(v, host) => None,
            _ => v,
        },
        _ => v,
    }
}

/// Whether two members are the same after normalisation (each with its own channel).
pub(crate) fn members_equal(a: &Value, a_ctx: &MemberCtx, b: &Value, b_ctx: &MemberCtx) -> bool {
    let (Value::Object(am), Value::Object(bm)) = (a, b) else {
        return eq_stripped(a, b);
    };
    // Fast path: the same fields in the same order with the same values, in channels that
    // agree on what members depend on, normalise alike. Compared in order, without hashing.
    if a_ctx.ecs == b_ctx.ecs && a_ctx.port == b_ctx.port && am.len() == bm.len() {
        let in_order = am.iter().zip(bm).all(|((k, v), (l, w))| k == l && v == w);
        // Field order aside (a draft edited as text); a scan of a few keys beats hashing.
        if in_order || am.iter().all(|(k, v)| find(bm, k) == Some(v)) {
            return true;
        }
    }
    let same = |k: &str| match (member_field(am, k, a_ctx), member_field(bm, k, b_ctx)) {
        (None, None) => true,
        (Some(x), Some(y)) => eq_stripped(x, y),
        _ => false,
    };
    ["port", "is_backup", "status"].into_iter().all(same)
        && am.keys().all(|k| same(k))
        && bm.keys().filter(|k| find(am, k).is_none()).all(|k| same(k))
}

/// The canonical form of one member.
pub(crate) fn normalize_member(m: &Value, ctx: &MemberCtx) -> Value {
    let Value::Object(map) = m else {
        return stripped(m);
    };
    let mut out = Map::with_capacity(map.len() + 3);
    for key in map
        .keys()
        .map(String::as_str)
        .chain(["port", "is_backup", "status"])
    {
        if out.contains_key(key) {
            continue;
        }
        if let Some(v) = member_field(map, key, ctx) {
            out.insert(key.to_string(), stripped(v));
        }
    }
    Value::Object(out)
}

/// A field of a member: a scan of a few keys beats hashing the name; big objects hash.
fn find<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if m.len() <= 16 {
        m.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    } else {
        m.get(key)
    }
}

fn kept<'a>(m: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    m.get(k).filter(|v| !is_empty_value(v))
}

/// Equality of two values as if both had been through [`strip_empty`].
pub(crate) fn eq_stripped(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.iter()
                .filter(|(_, v)| !is_empty_value(v))
                .all(|(k, v)| kept(y, k).is_some_and(|w| eq_stripped(v, w)))
                && y.iter()
                    .filter(|(_, v)| !is_empty_value(v))
                    .all(|(k, _)| kept(x, k).is_some())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| eq_stripped(v, w))
        }
        _ => a == b,
    }
}

fn normalize_group(g: &mut Map<String, Value>, kind: VpcChannelType) {
    for k in RESPONSE_ONLY.iter().chain(&["member_group_id"]) {
        g.shift_remove(*k);
    }
    if kind != VpcChannelType::Microservice {
        for k in GROUP_MICRO_FIELDS {
            g.shift_remove(*k);
        }
    }
    if kind != VpcChannelType::Reference {
        g.shift_remove("reference_vpc_channel_id");
    }
    if g.get("microservice_labels")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        g.shift_remove("microservice_labels");
    }
}
