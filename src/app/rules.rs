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
    crate::validate::validate(body)
        .into_iter()
        .map(|d| Problem {
            error: d.is_error(),
            path: d.path,
            code: d.code.to_string(),
            message: d.message,
        })
        .collect()
}

pub fn diff(base: &Value, draft: &Value) -> DiffView {
    stub::diff(base, draft)
}

/// Set the value at `path` (index or selector form), creating missing object keys.
pub fn set_path(body: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let p = crate::path::parse(path).map_err(|e| e.to_string())?;
    p.set(body, value).map_err(|e| e.to_string())
}

/// Remove the key or array element at `path`.
pub fn unset_path(body: &mut Value, path: &str) -> Result<(), String> {
    let p = crate::path::parse(path).map_err(|e| e.to_string())?;
    p.unset(body).map(|_| ()).map_err(|e| e.to_string())
}

/// Parse a body typed by the user; the error names line and column.
pub fn parse_body(text: &str) -> Result<Value, String> {
    crate::validate::parse_body(text).map_err(|e| e.to_string())
}

/// A leaf-by-leaf diff, used until the structural diff is in the tree.
mod stub {
    use super::*;

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
}
