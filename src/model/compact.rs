//! The base held compactly: a 10,000-member channel open in the editor keeps its base (what
//! the server holds) beside the draft, and a JSON tree per member would double the memory of
//! every open channel. Members are packed into bytes (`packed.rs`) with their keys and group
//! names interned; the rest of the body stays JSON (it is small). The compact form is exact: it
//! turns back into the very body it was made from (same keys, order and numbers), and
//! compares with a draft member as `Value`'s own equality would.

use serde_json::{Map, Value};

use super::names::Names;
use super::packed::{Field, Packed, PackedList};

const GROUP_KEY: &str = "member_group_name";

/// A channel body with its members held compactly. Reading a top-level field other than
/// `members` is free; the whole body is made on demand ([`Base::value`]) for the diff, the
/// plan and the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    /// The body, with an empty array where the members were (it keeps their place).
    rest: Value,
    /// Some when the body's `members` is an array.
    members: Option<PackedList>,
    keys: Names,
    groups: Names,
}

impl Default for Base {
    fn default() -> Base {
        Base::new(Value::Object(Map::new()))
    }
}

impl Base {
    pub fn new(body: Value) -> Base {
        Base::of(&body)
    }

    /// The compact form of `body`, copying member by member (never the whole body at once).
    pub fn of(body: &Value) -> Base {
        let mut keys = Names::default();
        let mut groups = Names::default();
        let members = match body.get("members") {
            Some(Value::Array(items)) => pack(items, &mut keys, &mut groups),
            _ => None,
        };
        let rest = match body {
            Value::Object(map) if members.is_some() => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        // Its place in the key order stays; the members live in `members`.
                        let v = if k == "members" {
                            Value::Array(Vec::new())
                        } else {
                            v.clone()
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        Base {
            rest,
            members,
            keys,
            groups,
        }
    }

    /// The whole body, as it was given.
    pub fn value(&self) -> Value {
        let mut body = self.rest.clone();
        if let (Some(ms), Some(slot)) = (&self.members, body.get_mut("members")) {
            *slot = Value::Array(ms.iter().map(|m| self.unpack(&m)).collect());
        }
        body
    }

    /// The body with an empty list in place of the members when it has a member list
    /// (see [`Base::has_member_list`]).
    pub fn rest(&self) -> &Value {
        &self.rest
    }

    /// Whether the body's `members` is a list (held compactly).
    pub fn has_member_list(&self) -> bool {
        self.members.is_some()
    }

    /// A top-level field other than `members` (those are only in [`Base::value`]).
    pub fn field(&self, key: &str) -> Option<&Value> {
        if key == "members" && self.members.is_some() {
            return None;
        }
        self.rest.get(key)
    }

    /// How many members the body has (0 when `members` is not a list).
    pub fn member_count(&self) -> usize {
        self.members.as_ref().map_or(0, PackedList::len)
    }

    /// Member `i` as JSON.
    pub fn member(&self, i: usize) -> Option<Value> {
        let m = self.members.as_ref()?.get(i)?;
        Some(self.unpack(&m))
    }

    /// Whether `draft` equals the body (as `Value`'s `==` would say), without making it.
    pub fn eq_body(&self, draft: &Value) -> bool {
        if !self.eq_rest(draft) {
            return false;
        }
        match (&self.members, draft.get("members")) {
            (Some(ms), Some(Value::Array(ds))) => {
                ms.len() == ds.len() && ms.iter().zip(ds).all(|(m, d)| self.eq_member(&m, d))
            }
            (Some(_), _) => false,
            (None, _) => true,
        }
    }

    /// Whether `draft` equals the body in everything but the member list, and has a member
    /// list exactly when the body does.
    pub fn eq_rest(&self, draft: &Value) -> bool {
        let (Value::Object(b), Value::Object(d)) = (&self.rest, draft) else {
            return self.members.is_none() && self.rest == *draft;
        };
        if b.len() != d.len() {
            return false;
        }
        b.iter().all(|(k, v)| match d.get(k) {
            None => false,
            Some(dv) if k == "members" && self.members.is_some() => dv.is_array(),
            Some(dv) => v == dv,
        })
    }

    /// Whether member `i` of the body equals `draft_member`.
    pub fn member_eq(&self, i: usize, draft_member: &Value) -> bool {
        self.members
            .as_ref()
            .and_then(|ms| ms.get(i))
            .is_some_and(|m| self.eq_member(&m, draft_member))
    }

    fn eq_member(&self, m: &Packed<'_>, d: &Value) -> bool {
        match (m, d) {
            (Packed::Other(text), d) => serde_json::from_str::<Value>(text).is_ok_and(|v| v == *d),
            (Packed::Object(fields), Value::Object(map)) => {
                fields.len == map.len()
                    && fields.clone().all(|(k, f)| {
                        map.get(self.keys.name(k))
                            .is_some_and(|v| self.eq_field(&f, v))
                    })
            }
            _ => false,
        }
    }

    fn eq_field(&self, f: &Field<'_>, v: &Value) -> bool {
        match (f, v) {
            (Field::Null, Value::Null) => true,
            (Field::Bool(a), Value::Bool(b)) => a == b,
            (Field::Num(a), Value::Number(b)) => a == b,
            (Field::Str(a), Value::String(b)) => a == b,
            (Field::Group(g), Value::String(b)) => self.groups.name(*g) == b,
            (Field::Json(text), b) => serde_json::from_str::<Value>(text).is_ok_and(|a| a == *b),
            _ => false,
        }
    }

    fn unpack(&self, m: &Packed<'_>) -> Value {
        match m {
            Packed::Other(text) => serde_json::from_str(text).unwrap_or(Value::Null),
            Packed::Object(fields) => {
                let mut map = Map::with_capacity(fields.len);
                for (k, f) in fields.clone() {
                    let v = f.value(|g| self.groups.name(g).to_string());
                    map.insert(self.keys.name(k).to_string(), v);
                }
                Value::Object(map)
            }
        }
    }

    /// Whether the body names this group on some member (interned names only grow).
    pub fn knows_group(&self, name: &str) -> bool {
        self.groups.find(name).is_some()
    }
}

/// The members packed; None when one cannot be (past 2^32 distinct keys or 4 GB of
/// members, never in practice): the caller keeps the whole body as JSON instead.
fn pack(items: &[Value], keys: &mut Names, groups: &mut Names) -> Option<PackedList> {
    let mut list = PackedList::with_capacity(items.len());
    for m in items {
        list.push(m, |k| keys.id(k), |g| groups.id(g), |k| k == GROUP_KEY)?;
    }
    list.shrink_to_fit();
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body() -> Value {
        json!({"name": "a", "port": 80, "members": [
            {"host": "10.0.0.1", "weight": 1, "member_group_name": "g1"},
            {"weight": -2, "host": "10.0.0.2", "member_group_name": "g1", "x": [1, {"y": null}]},
            7, {"port": 1.5, "status": true, "member_group_name": null}
        ], "member_groups": [{"member_group_name": "g1"}]})
    }

    #[test]
    fn gives_back_the_body_it_was_made_from_keys_in_order() {
        let b = Base::new(body());
        let v = b.value();
        assert_eq!(v, body());
        assert_eq!(v.to_string(), body().to_string(), "same key order");
        assert!(b.eq_body(&body()));
        assert_eq!(b.field("name"), Some(&json!("a")));
        assert_eq!(b.field("members"), None);
        assert_eq!(b.member_count(), 4);
        assert_eq!(b.member(2), Some(json!(7)));
    }

    #[test]
    fn compares_as_json_does() {
        let b = Base::new(body());
        let mut d = body();
        d["members"][0]["weight"] = json!(1.0);
        assert!(!b.eq_body(&d), "1.0 is not 1 to serde_json");
        assert!(!b.member_eq(0, &d["members"][0]));
        assert!(b.member_eq(1, &d["members"][1]));
        let mut d = body();
        d["members"][0]["member_group_name"] = json!("g2");
        assert!(!b.eq_body(&d));
        let mut d = body();
        d["name"] = json!("b");
        assert!(!b.eq_rest(&d));
        let mut d = body();
        d.as_object_mut().unwrap().remove("members");
        assert!(!b.eq_body(&d));
        let odd = Base::new(json!([1, 2]));
        assert!(odd.eq_body(&json!([1, 2])));
        assert_eq!(odd.value(), json!([1, 2]));
        let no_list = Base::new(json!({"members": 3}));
        assert!(no_list.eq_body(&json!({"members": 3})));
        assert!(!no_list.eq_body(&json!({"members": []})));
    }
}
