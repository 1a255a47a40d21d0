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

pub use crate::diff::LineKind;

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
    let d = crate::diff::diff(base, draft);
    DiffView {
        lines: d.lines().into_iter().map(|l| (l.kind, l.text)).collect(),
        summary: d.summary().to_string(),
        empty: d.is_empty(),
        members_removed: d.members_removed(),
        members_before: d.members_before(),
    }
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
