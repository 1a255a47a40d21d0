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

/// The field changes between two members, exactly as [`super::compare::diff_values`] gives
/// them for their canonical forms ([`normalize_member`]), without making those forms: only
/// the fields that differ are copied. A review of 10,000 changed members would otherwise copy
/// every one of them twice.
pub(crate) fn member_changes(
    a: &Value,
    a_ctx: &MemberCtx,
    b: &Value,
    b_ctx: &MemberCtx,
) -> Vec<super::FieldChange> {
    let mut out = Vec::new();
    let (Value::Object(am), Value::Object(bm)) = (a, b) else {
        let (x, y) = (normalize_member(a, a_ctx), normalize_member(b, b_ctx));
        super::compare::diff_values(&mut Vec::new(), Some(&x), Some(&y), &mut out);
        return out;
    };
    let same_ctx = a_ctx.ecs == b_ctx.ecs && a_ctx.port == b_ctx.port;
    if same_ctx && am.len() == bm.len() && am.keys().zip(bm.keys()).all(|(k, l)| k == l) {
        same_keys_changes(am, bm, a_ctx, &mut out);
        return out;
    }
    // The canonical forms' keys, in their order: the base's first, then the draft's others.
    let a_keys = canonical_keys(am, a_ctx);
    let b_keys = canonical_keys(bm, b_ctx);
    let draft_only = b_keys.iter().filter(|k| !a_keys.contains(k));
    for key in a_keys.iter().chain(draft_only) {
        let (x, y) = (member_field(am, key, a_ctx), member_field(bm, key, b_ctx));
        if let (Some(x), Some(y)) = (x, y)
            && eq_stripped(x, y)
        {
            continue;
        }
        let (x, y) = (x.map(stripped), y.map(stripped));
        super::compare::diff_values(&mut vec![*key], x.as_ref(), y.as_ref(), &mut out);
    }
    out
}

/// [`member_changes`] of two members with the same keys in the same order in one context
/// (an edit of values, the common case): walked side by side, each key found once. The
/// order is that of the canonical forms: the base's keys, then those only the draft's form
/// has.
fn same_keys_changes(
    am: &Map<String, Value>,
    bm: &Map<String, Value>,
    ctx: &MemberCtx,
    out: &mut Vec<super::FieldChange>,
) {
    const EXTRA: [&str; 3] = ["port", "is_backup", "status"];
    // What a key's canonical value depends on besides its own value.
    let special = |k: &str| EXTRA.contains(&k) || k == "ecs_id" || k == "ecs_name";
    let mut late: Vec<(&str, &Value)> = Vec::new();
    fn one<'a>(
        key: &'a str,
        (x, y): (Option<&'a Value>, Option<&'a Value>),
        late: &mut Vec<(&'a str, &'a Value)>,
        out: &mut Vec<super::FieldChange>,
    ) {
        match (x, y) {
            (None, None) => {}
            (Some(x), Some(y)) if eq_stripped(x, y) => {}
            (None, Some(y)) => late.push((key, y)),
            (x, y) => {
                let (x, y) = (x.map(stripped), y.map(stripped));
                super::compare::diff_values(&mut vec![key], x.as_ref(), y.as_ref(), out);
            }
        }
    }
    for ((k, v), w) in am.iter().zip(bm.values()) {
        if v == w && !special(k) {
            continue;
        }
        let sides = (member_field(am, k, ctx), member_field(bm, k, ctx));
        one(k, sides, &mut late, out);
    }
    for k in EXTRA.into_iter().filter(|k| find(am, k).is_none()) {
        let sides = (member_field(am, k, ctx), member_field(bm, k, ctx));
        one(k, sides, &mut late, out);
    }
    for (k, y) in late {
        super::compare::diff_values(&mut vec![k], None, Some(&stripped(y)), out);
    }
}

/// The keys of a member's canonical form, in its order (see [`normalize_member`]).
fn canonical_keys<'a>(m: &'a Map<String, Value>, ctx: &MemberCtx) -> Vec<&'a str> {
    let mut keys: Vec<&str> = Vec::with_capacity(m.len() + 3);
    for key in m
        .keys()
        .map(String::as_str)
        .chain(["port", "is_backup", "status"])
    {
        if !keys.contains(&key) && member_field(m, key, ctx).is_some() {
            keys.push(key);
        }
    }
    keys
}

/// A member's group as its canonical form holds it.
pub(crate) fn member_group(m: &Value, ctx: &MemberCtx) -> Option<String> {
    let Value::Object(map) = m else { return None };
    member_field(map, "member_group_name", ctx)
        .and_then(Value::as_str)
        .map(str::to_string)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// A member field: the keys the normalisation treats specially, plain ones, and values
    /// that are empty, zero, nested or plain.
    fn field() -> impl Strategy<Value = (String, Value)> {
        let key = prop::sample::select(vec![
            "host",
            "ecs_id",
            "ecs_name",
            "port",
            "status",
            "is_backup",
            "weight",
            "member_group_name",
            "health_status",
            "tags",
        ]);
        let value = prop::sample::select(vec![
            json!(""),
            Value::Null,
            json!(0),
            json!(80),
            json!(1),
            json!(2),
            json!(false),
            json!(true),
            json!("10.0.0.1"),
            json!("10.0.0.2"),
            json!({"a": "", "b": 1}),
            json!({"b": 2}),
        ]);
        (key, value).prop_map(|(k, v)| (k.to_string(), v))
    }

    fn member() -> impl Strategy<Value = Value> {
        prop::collection::vec(field(), 0..8).prop_map(|fs| Value::Object(fs.into_iter().collect()))
    }

    /// A draft member: a copy of `base` with some values changed (the same keys in the same
    /// order), or another member altogether.
    fn pair() -> impl Strategy<Value = (Value, Value)> {
        (
            member(),
            member(),
            prop::collection::vec(field(), 0..3),
            any::<bool>(),
        )
            .prop_map(|(base, other, edits, same_keys)| {
                if !same_keys {
                    return (base, other);
                }
                let mut draft = base.clone();
                if let Value::Object(m) = &mut draft {
                    for (k, v) in edits {
                        if let Some(slot) = m.get_mut(&k) {
                            *slot = v;
                        }
                    }
                }
                (base, draft)
            })
    }

    fn ctx(port: Option<i64>, ecs: bool) -> MemberCtx {
        MemberCtx {
            port: port.map(Value::from),
            ecs,
        }
    }

    proptest! {
        #[test]
        fn member_changes_are_those_of_the_canonical_forms(
            (a, b) in pair(),
            port in prop::option::of(prop::sample::select(vec![80i64, 443])),
            ecs in any::<bool>(),
            other_ctx in any::<bool>(),
        ) {
            let a_ctx = ctx(port, ecs);
            let b_ctx = if other_ctx { ctx(Some(8080), !ecs) } else { ctx(port, ecs) };
            let mut want = Vec::new();
            super::super::compare::diff_values(
                &mut Vec::new(),
                Some(&normalize_member(&a, &a_ctx)),
                Some(&normalize_member(&b, &b_ctx)),
                &mut want,
            );
            prop_assert_eq!(member_changes(&a, &a_ctx, &b, &b_ctx), want);
        }
    }
}
