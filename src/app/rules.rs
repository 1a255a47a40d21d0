//! The editor's view of validation, diff and paths: the few calls it makes into
//! `validate`, `diff` and `path`, in the shapes the panes and the review use.

use serde_json::Value;

/// One validation finding, in index-form path terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: String,
    pub error: bool,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Changed,
    Added,
    Removed,
    Header,
}

/// The review's diff, ready to render.
#[derive(Debug, Clone, Default)]
pub struct DiffView {
    pub lines: Vec<(LineKind, String)>,
    pub summary: String,
    pub empty: bool,
    pub members_removed: usize,
    pub members_before: usize,
}

pub fn validate(body: &Value) -> Vec<Problem> {
    stub::validate(body)
}

pub fn diff(base: &Value, draft: &Value) -> DiffView {
    stub::diff(base, draft)
}

/// Set the value at `path` (index or selector form), creating missing object keys.
pub fn set_path(body: &mut Value, path: &str, value: Value) -> Result<(), String> {
    stub::set_path(body, path, value)
}

/// Remove the key or array element at `path`.
pub fn unset_path(body: &mut Value, path: &str) -> Result<(), String> {
    stub::unset_path(body, path)
}

/// Parse a body typed by the user; the error names line and column.
pub fn parse_body(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Minimal stand-ins until the shared modules are in the tree.
mod stub {
    use super::*;

    pub fn validate(body: &Value) -> Vec<Problem> {
        let mut out = Vec::new();
        let h = &body["vpc_health_config"];
        if let (Some(t), Some(i)) = (h["timeout"].as_i64(), h["time_interval"].as_i64())
            && t >= i
        {
            out.push(Problem {
                path: "vpc_health_config.timeout".into(),
                error: true,
                code: "health.timeout".into(),
                message: format!("must be less than time_interval ({i}); got {t}"),
            });
        }
        if let Some(ms) = body["members"].as_array() {
            for (i, m) in ms.iter().enumerate() {
                if let Some(w) = m["weight"].as_i64()
                    && !(0..=10000).contains(&w)
                {
                    out.push(Problem {
                        path: format!("members[{i}].weight"),
                        error: true,
                        code: "member.weight".into(),
                        message: format!("must be 0..10000; got {w}"),
                    });
                }
            }
        }
        out
    }

    pub fn diff(base: &Value, draft: &Value) -> DiffView {
        let mut lines = Vec::new();
        walk("", base, draft, &mut lines);
        let changed = lines.len();
        DiffView {
            empty: lines.is_empty(),
            summary: format!("{changed} changed, 0 added, 0 removed"),
            lines,
            members_removed: 0,
            members_before: base["members"].as_array().map_or(0, Vec::len),
        }
    }

    fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<(LineKind, String)>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    let p = join(path, k);
                    walk(&p, va, y.get(k).unwrap_or(&Value::Null), out);
                }
                for (k, vb) in y {
                    if !x.contains_key(k) {
                        walk(&join(path, k), &Value::Null, vb, out);
                    }
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    walk(&format!("{path}[{i}]"), va, vb, out);
                }
            }
            _ if a != b => out.push((LineKind::Changed, format!("{path}: {a} -> {b}"))),
            _ => {}
        }
    }

    fn join(path: &str, k: &str) -> String {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    }

    fn pointer(path: &str) -> String {
        let mut out = String::new();
        for part in path.split('.') {
            let (key, idx) = match part.find('[') {
                Some(at) => (&part[..at], Some(part[at + 1..].trim_end_matches(']'))),
                None => (part, None),
            };
            out.push('/');
            out.push_str(key);
            if let Some(i) = idx {
                out.push('/');
                out.push_str(i);
            }
        }
        out
    }

    pub fn set_path(body: &mut Value, path: &str, value: Value) -> Result<(), String> {
        let p = pointer(path);
        let (parent, last) = p.rsplit_once('/').ok_or("empty path")?;
        let target = body
            .pointer_mut(parent)
            .ok_or_else(|| format!("no such path: {path}"))?;
        match target {
            Value::Object(m) => {
                m.insert(last.to_string(), value);
                Ok(())
            }
            Value::Array(a) => {
                let i: usize = last.parse().map_err(|_| format!("bad index in {path}"))?;
                let slot = a
                    .get_mut(i)
                    .ok_or_else(|| format!("no such path: {path}"))?;
                *slot = value;
                Ok(())
            }
            _ => Err(format!("not an object: {path}")),
        }
    }

    pub fn unset_path(body: &mut Value, path: &str) -> Result<(), String> {
        let p = pointer(path);
        let (parent, last) = p.rsplit_once('/').ok_or("empty path")?;
        match body.pointer_mut(parent) {
            Some(Value::Object(m)) => m
                .shift_remove(last)
                .map(|_| ())
                .ok_or_else(|| format!("no such path: {path}")),
            Some(Value::Array(a)) => {
                let i: usize = last.parse().map_err(|_| format!("bad index in {path}"))?;
                if i < a.len() {
                    a.remove(i);
                    Ok(())
                } else {
                    Err(format!("no such path: {path}"))
                }
            }
            _ => Err(format!("no such path: {path}")),
        }
    }
}
