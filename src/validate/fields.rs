//! Typed reads of one JSON object's fields, reporting absent, mistyped and out-of-range values.
//!
//! `null` counts as absent (the Go SDK reads it as an unset pointer). An empty string in an
//! optional field counts as absent too: the server echoes `""` for unset strings (docs/api.md §3.7,
//! §3.10), so a body built from a response carries them.

use regex::Regex;
use serde_json::{Map, Value};

use super::report::{At, Report, quote};

/// Whether a field must be present.
#[derive(Clone, Copy)]
pub(crate) enum Need {
    No,
    Yes,
    /// Required, with the condition for the message (`"when member_type is ip"`).
    When(&'static str),
}

impl Need {
    fn required(self) -> Option<String> {
        match self {
            Need::No => None,
            Need::Yes => Some("required".to_string()),
            Need::When(why) => Some(format!("required {why}")),
        }
    }
}

/// The JSON type of a value, as named in messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub(crate) fn type_error(r: &mut Report, at: &At, expected: &str, got: &Value) {
    let got_name = type_name(got);
    let message = match got {
        // A float is the one case where the value itself explains the problem.
        Value::Number(n) if got_name == "number" => {
            format!("expected {expected}, got number {n}")
        }
        _ => format!("expected {expected}, got {got_name}"),
    };
    r.error(at, "type", message);
}

/// A string's constraints: inclusive length in characters and an optional pattern with its
/// description for messages.
#[derive(Clone, Copy)]
pub(crate) struct Text {
    pub min: usize,
    pub max: usize,
    pub pattern: Option<(&'static Regex, &'static str)>,
}

impl Text {
    pub const fn len(min: usize, max: usize) -> Text {
        Text {
            min,
            max,
            pattern: None,
        }
    }

    pub const fn with(min: usize, max: usize, re: &'static Regex, what: &'static str) -> Text {
        Text {
            min,
            max,
            pattern: Some((re, what)),
        }
    }
}

/// Up to this many fields, a lookup scans instead of hashing.
const SCAN_LIMIT: usize = 16;

/// One object of the body and its path.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'v, 'a> {
    pub map: &'v Map<String, Value>,
    pub at: &'a At<'a>,
}

impl<'v, 'a> Obj<'v, 'a> {
    pub fn new(map: &'v Map<String, Value>, at: &'a At<'a>) -> Self {
        Obj { map, at }
    }

    /// The value of `key`, `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        // Body objects have a handful of fields: a scan of the ordered entries beats hashing
        // the key.
        let found = if self.map.len() <= SCAN_LIMIT {
            self.map
                .iter()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, v)| v)
        } else {
            self.map.get(key)
        };
        found.filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The field `key` of this object, for the typed reads below.
    pub fn field(&self, key: &'a str) -> Field<'v, 'a> {
        Field {
            parent: self.at,
            key,
            value: self.get(key),
        }
    }

    pub fn int(&self, r: &mut Report, key: &'a str, need: Need) -> Option<i64> {
        self.field(key).int(r, need)
    }

    pub fn int_range(
        &self,
        r: &mut Report,
        key: &'a str,
        need: Need,
        lo: i64,
        hi: i64,
    ) -> Option<i64> {
        self.field(key).int_range(r, need, lo, hi)
    }

    pub fn int_enum(
        &self,
        r: &mut Report,
        key: &'a str,
        need: Need,
        allowed: &[i64],
        describe: fn(i64) -> String,
    ) -> Option<i64> {
        self.field(key).int_enum(r, need, allowed, describe)
    }

    pub fn string(&self, r: &mut Report, key: &'a str, need: Need) -> Option<&'v str> {
        self.field(key).string(r, need)
    }

    pub fn text(&self, r: &mut Report, key: &'a str, need: Need, rule: Text) -> Option<&'v str> {
        self.field(key).text(r, need, rule)
    }

    pub fn str_enum(
        &self,
        r: &mut Report,
        key: &'a str,
        need: Need,
        allowed: &[&str],
    ) -> Option<&'v str> {
        self.field(key).str_enum(r, need, allowed)
    }

    pub fn boolean(&self, r: &mut Report, key: &'a str) -> Option<bool> {
        self.field(key).boolean(r)
    }

    pub fn array(&self, r: &mut Report, key: &'a str, need: Need) -> Option<&'v [Value]> {
        self.field(key).array(r, need)
    }

    pub fn object(
        &self,
        r: &mut Report,
        key: &'a str,
        need: Need,
    ) -> Option<&'v Map<String, Value>> {
        self.field(key).object(r, need)
    }
}

/// One field of an object: its path and its value (`None` when absent or null). Each read
/// reports what is wrong and returns the value only when it is usable.
#[derive(Clone, Copy)]
pub(crate) struct Field<'v, 'a> {
    pub parent: &'a At<'a>,
    pub key: &'a str,
    pub value: Option<&'v Value>,
}

impl<'v, 'a> Field<'v, 'a> {
    pub fn at(&self) -> At<'_> {
        self.parent.key(self.key)
    }

    fn absent(&self, r: &mut Report, need: Need) {
        if let Some(msg) = need.required() {
            r.error(&self.at(), "required", msg);
        }
    }

    /// An integer; `None` when absent or not an integer (reported).
    pub fn int(&self, r: &mut Report, need: Need) -> Option<i64> {
        let Some(v) = self.value else {
            self.absent(r, need);
            return None;
        };
        match v {
            Value::Number(n) if n.is_i64() => n.as_i64(),
            // Beyond i64: certainly out of any documented range.
            Value::Number(n) if n.is_u64() => Some(i64::MAX),
            _ => {
                type_error(r, &self.at(), "integer", v);
                None
            }
        }
    }

    /// An integer in `lo..=hi`; `None` unless present and valid.
    pub fn int_range(&self, r: &mut Report, need: Need, lo: i64, hi: i64) -> Option<i64> {
        let v = self.int(r, need)?;
        range(r, &self.at(), v, lo, hi).then_some(v)
    }

    /// An integer from a fixed set; `describe` names a value (`2 (WLC)`).
    pub fn int_enum(
        &self,
        r: &mut Report,
        need: Need,
        allowed: &[i64],
        describe: fn(i64) -> String,
    ) -> Option<i64> {
        let v = self.int(r, need)?;
        if allowed.contains(&v) {
            return Some(v);
        }
        let list: Vec<String> = allowed.iter().map(|a| describe(*a)).collect();
        let message = format!("must be one of {}; got {v}", list.join(", "));
        r.error(&self.at(), "enum", message);
        None
    }

    /// A string; an empty optional string counts as absent, an empty required one is
    /// reported as missing.
    pub fn string(&self, r: &mut Report, need: Need) -> Option<&'v str> {
        let Some(v) = self.value else {
            self.absent(r, need);
            return None;
        };
        match v {
            Value::String(s) if s.is_empty() => {
                if let Some(msg) = need.required() {
                    r.error(
                        &self.at(),
                        "required",
                        format!("{msg}; got an empty string"),
                    );
                }
                None
            }
            Value::String(s) => Some(s),
            _ => {
                type_error(r, &self.at(), "string", v);
                None
            }
        }
    }

    /// A string with length and pattern rules; `None` unless present and valid.
    pub fn text(&self, r: &mut Report, need: Need, rule: Text) -> Option<&'v str> {
        let s = self.string(r, need)?;
        text(r, &self.at(), s, rule).then_some(s)
    }

    /// A string from a fixed set (exact match).
    pub fn str_enum(&self, r: &mut Report, need: Need, allowed: &[&str]) -> Option<&'v str> {
        let s = self.string(r, need)?;
        if allowed.contains(&s) {
            return Some(s);
        }
        let message = format!("must be one of {}; got {}", allowed.join(", "), quote(s));
        r.error(&self.at(), "enum", message);
        None
    }

    pub fn boolean(&self, r: &mut Report) -> Option<bool> {
        match self.value? {
            Value::Bool(b) => Some(*b),
            v => {
                type_error(r, &self.at(), "boolean", v);
                None
            }
        }
    }

    pub fn array(&self, r: &mut Report, need: Need) -> Option<&'v [Value]> {
        let Some(v) = self.value else {
            self.absent(r, need);
            return None;
        };
        match v {
            Value::Array(a) => Some(a),
            _ => {
                type_error(r, &self.at(), "array", v);
                None
            }
        }
    }

    pub fn object(&self, r: &mut Report, need: Need) -> Option<&'v Map<String, Value>> {
        let Some(v) = self.value else {
            self.absent(r, need);
            return None;
        };
        match v {
            Value::Object(m) => Some(m),
            _ => {
                type_error(r, &self.at(), "object", v);
                None
            }
        }
    }
}

/// `lo <= v <= hi`, else an error `must be lo..hi; got v`.
pub(crate) fn range(r: &mut Report, at: &At, v: i64, lo: i64, hi: i64) -> bool {
    if (lo..=hi).contains(&v) {
        return true;
    }
    r.error(at, "range", format!("must be {lo}..{hi}; got {}", shown(v)));
    false
}

/// An integer for a message: values beyond i64 were clamped on read.
fn shown(v: i64) -> String {
    if v == i64::MAX {
        "a number beyond 2^63".to_string()
    } else {
        v.to_string()
    }
}

/// Length (in characters) and pattern of a string.
pub(crate) fn text(r: &mut Report, at: &At, s: &str, rule: Text) -> bool {
    let n = s.chars().count();
    if n < rule.min || n > rule.max {
        let message = if rule.min == 0 || rule.min == 1 && n > rule.max {
            format!("must be at most {} characters; got {n}", rule.max)
        } else {
            format!("must be {}..{} characters; got {n}", rule.min, rule.max)
        };
        r.error(at, "length", message);
        return false;
    }
    if let Some((re, what)) = rule.pattern
        && !re.is_match(s)
    {
        r.error(at, "pattern", format!("{what}; got {}", quote(s)));
        return false;
    }
    true
}
