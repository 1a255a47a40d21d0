//! Members packed one after another into one byte string. A member as a list of fields costs
//! a list, a box per string and the allocator's rounding: 260 bytes for a typical member,
//! 2.6 MB at 10,000. Packed, it is its bytes (about 26) and where it ends (4).
//!
//! A member is a kind byte, then either its field count and fields (key id, tag, payload, one
//! after another) or, for a member that is not an object, its JSON text. Numbers keep
//! serde_json's kind (1 and 1.0 differ), so what is unpacked compares and prints as what was
//! packed.

use serde_json::{Number, Value};

use super::back_to_back::BackToBack;

const OBJECT: u8 = 0;
const OTHER: u8 = 1;

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const POS: u8 = 3;
const NEG: u8 = 4;
const FLOAT: u8 = 5;
const STR: u8 = 6;
const GROUP: u8 = 7;
/// Anything nested (arrays, objects), as JSON text: rare in members.
const JSON: u8 = 8;

/// A packed field's value; strings borrow the packed bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(&'a str),
    /// An interned group name.
    Group(u32),
    /// Nested JSON, as text.
    Json(&'a str),
}

impl Field<'_> {
    /// The value, with `group` naming interned groups.
    pub fn value(&self, group: impl Fn(u32) -> String) -> Value {
        match self {
            Field::Null => Value::Null,
            Field::Bool(b) => Value::Bool(*b),
            Field::Num(n) => Value::Number(n.clone()),
            Field::Str(s) => Value::String((*s).to_string()),
            Field::Group(g) => Value::String(group(*g)),
            Field::Json(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        }
    }
}

/// A member as packed.
#[derive(Debug, Clone, PartialEq)]
pub enum Packed<'a> {
    Object(Fields<'a>),
    /// Not an object (an odd body): its JSON text.
    Other(&'a str),
}

/// The members, back to back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackedList(BackToBack);

impl PackedList {
    pub fn with_capacity(members: usize) -> PackedList {
        PackedList(BackToBack::with_capacity(members))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Add a member. `key` and `group` intern a key or a group name (None when no more can
    /// be); a group name is interned when `is_group(key)`. None when the member cannot be
    /// packed (nothing is added then).
    pub fn push(
        &mut self,
        m: &Value,
        mut key: impl FnMut(&str) -> Option<u32>,
        mut group: impl FnMut(&str) -> Option<u32>,
        is_group: impl Fn(&str) -> bool,
    ) -> Option<()> {
        self.0.push_with(|b| {
            let Value::Object(map) = m else {
                b.push(OTHER);
                b.extend_from_slice(serde_json::to_string(m).ok()?.as_bytes());
                return Some(());
            };
            b.push(OBJECT);
            varint(b, map.len() as u64);
            for (k, v) in map {
                varint(b, u64::from(key(k)?));
                pack_value(b, v, is_group(k), &mut group)?;
            }
            Some(())
        })
    }

    /// Give back what the list grew beyond its members.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    /// Member `i`.
    pub fn get(&self, i: usize) -> Option<Packed<'_>> {
        let (&kind, rest) = self.0.get(i)?.split_first()?;
        Some(match kind {
            OBJECT => {
                let mut fields = Fields { len: 0, rest };
                fields.len = usize::try_from(fields.varint()?).ok()?;
                Packed::Object(fields)
            }
            _ => Packed::Other(std::str::from_utf8(rest).unwrap_or("null")),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = Packed<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// Append one field's value (tag and payload).
fn pack_value(
    b: &mut Vec<u8>,
    v: &Value,
    is_group: bool,
    group: &mut impl FnMut(&str) -> Option<u32>,
) -> Option<()> {
    match v {
        Value::Null => b.push(NULL),
        Value::Bool(false) => b.push(FALSE),
        Value::Bool(true) => b.push(TRUE),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                b.push(POS);
                varint(b, u);
            } else if let Some(i) = n.as_i64() {
                b.push(NEG);
                // Negative: its complement is not (-1 is 0).
                varint(b, !i as u64);
            } else {
                b.push(FLOAT);
                b.extend_from_slice(&n.as_f64()?.to_le_bytes());
            }
        }
        Value::String(s) => match is_group.then(|| group(s)).flatten() {
            Some(g) => {
                b.push(GROUP);
                varint(b, u64::from(g));
            }
            None => {
                b.push(STR);
                varint(b, s.len() as u64);
                b.extend_from_slice(s.as_bytes());
            }
        },
        nested => {
            let text = serde_json::to_string(nested).ok()?;
            b.push(JSON);
            varint(b, text.len() as u64);
            b.extend_from_slice(text.as_bytes());
        }
    }
    Some(())
}

/// A packed object's fields in order: (key id, value).
#[derive(Debug, Clone, PartialEq)]
pub struct Fields<'a> {
    /// How many fields the object has.
    pub len: usize,
    rest: &'a [u8],
}

impl<'a> Iterator for Fields<'a> {
    type Item = (u32, Field<'a>);

    fn next(&mut self) -> Option<(u32, Field<'a>)> {
        let key = u32::try_from(self.varint()?).ok()?;
        let (&tag, rest) = self.rest.split_first()?;
        self.rest = rest;
        let field = match tag {
            NULL => Field::Null,
            FALSE => Field::Bool(false),
            TRUE => Field::Bool(true),
            POS => Field::Num(Number::from(self.varint()?)),
            NEG => Field::Num(Number::from(!(self.varint()? as i64))),
            FLOAT => {
                let (bytes, rest) = self.rest.split_first_chunk::<8>()?;
                self.rest = rest;
                Field::Num(Number::from_f64(f64::from_le_bytes(*bytes))?)
            }
            STR => Field::Str(self.text()?),
            GROUP => Field::Group(u32::try_from(self.varint()?).ok()?),
            JSON => Field::Json(self.text()?),
            _ => return None,
        };
        Some((key, field))
    }
}

impl<'a> Fields<'a> {
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for (i, &b) in self.rest.iter().enumerate().take(10) {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                self.rest = &self.rest[i + 1..];
                return Some(v);
            }
        }
        None
    }

    fn text(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.varint()?).ok()?;
        if n > self.rest.len() {
            return None;
        }
        let (text, rest) = self.rest.split_at(n);
        self.rest = rest;
        std::str::from_utf8(text).ok()
    }
}

/// LEB128: seven bits a byte, low first; most ids, weights and ports take one or two.
fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::HashMap;

    /// Pack `members` and unpack them again, as the compact base does.
    fn round_trip(members: &[Value]) -> Vec<Value> {
        let mut names: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |s: &str| {
            let n = ids.len() as u32;
            let id = *ids.entry(s.to_string()).or_insert(n);
            if id == n {
                names.push(s.to_string());
            }
            Some(id)
        };
        let mut list = PackedList::default();
        let mut keys: Vec<(String, u32)> = Vec::new();
        for m in members {
            list.push(
                m,
                |k| {
                    let id = keys.len() as u32;
                    Some(match keys.iter().find(|(n, _)| n == k) {
                        Some((_, i)) => *i,
                        None => {
                            keys.push((k.to_string(), id));
                            id
                        }
                    })
                },
                &mut intern,
                |k| k == "member_group_name",
            )
            .unwrap();
        }
        assert_eq!(list.len(), members.len());
        list.iter()
            .map(|p| match p {
                Packed::Other(text) => serde_json::from_str(text).unwrap(),
                Packed::Object(fields) => Value::Object(
                    fields
                        .map(|(k, f)| {
                            let key = keys.iter().find(|(_, i)| *i == k).unwrap().0.clone();
                            (key, f.value(|g| names[g as usize].clone()))
                        })
                        .collect(),
                ),
            })
            .collect()
    }

    #[test]
    fn members_come_back_exactly_numbers_keeping_their_kind() {
        let members = vec![
            json!({"host": "10.0.0.1", "weight": 1, "port": 65535, "member_group_name": "g1"}),
            json!({"weight": -1, "x": i64::MIN, "y": u64::MAX, "f": 1.0, "g": -2.5e300}),
            json!({"is_backup": false, "status": true, "name": null, "member_group_name": "g1"}),
            json!({"nested": [1, {"a": "ü"}], "text": "é\"\\\n", "member_group_name": 3}),
            json!(7),
            json!({}),
            json!("not a member"),
        ];
        let back = round_trip(&members);
        assert_eq!(back, members);
        for (b, m) in back.iter().zip(&members) {
            assert_eq!(b.to_string(), m.to_string(), "same text, keys in order");
        }
        assert_ne!(back[1]["f"], json!(1), "1.0 stays a float");
    }

    #[test]
    fn a_typical_member_takes_about_thirty_bytes() {
        let mut list = PackedList::default();
        let m = json!({"host": "10.20.0.1", "weight": 1, "is_backup": false,
            "member_group_name": "rack_a", "status": 1, "port": 0});
        let keys: Vec<&String> = m.as_object().unwrap().keys().collect();
        for _ in 0..100 {
            list.push(
                &m,
                |k| keys.iter().position(|n| *n == k).map(|i| i as u32),
                |_| Some(0),
                |k| k == "member_group_name",
            )
            .unwrap();
        }
        let bytes: usize = (0..100).map(|i| list.0.get(i).unwrap().len()).sum();
        assert!(bytes <= 100 * 30, "{bytes} bytes");
    }
}
