//! Text form of a diff: one line per changed field, group or member, with `~`/`+`/`-`
//! prefixes so that the kind reads without colour. Every value is sanitised and secrets are
//! shown as `***`.

use std::fmt::Write as _;

use serde_json::Value;

use super::{ChangeKind, Diff, FieldChange, ItemChange};
use crate::model::{BalanceStrategy, is_secret_key, redact_secrets};
use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Changed,
    Added,
    Removed,
    /// A section title (`channel`, `member groups`, `members`).
    Header,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: LineKind,
    pub text: String,
}

/// Longest rendering of one nested value before it is cut.
const MAX_VALUE: usize = 200;

impl Diff {
    /// The diff as lines: section headers, then one line per change. Empty when nothing
    /// changed.
    pub fn lines(&self) -> Vec<DiffLine> {
        let mut out = Vec::new();
        if !self.fields.is_empty() {
            out.push(header("channel".into()));
            out.extend(self.fields.iter().map(field_line));
        }
        if !self.groups.is_empty() {
            out.push(header("member groups".into()));
            out.extend(
                self.groups
                    .iter()
                    .map(|g| item_line("group", g, &["member_group_name"])),
            );
        }
        if !self.members.is_empty() {
            let title = if self.members_before == self.members_after {
                format!("members ({})", self.members_after)
            } else {
                format!(
                    "members ({} -> {})",
                    self.members_before, self.members_after
                )
            };
            out.push(header(title));
            for m in &self.members {
                let ecs = match m.kind {
                    ChangeKind::Removed => self.base_ecs,
                    _ => self.draft_ecs,
                };
                let addr = if ecs { "ecs_id" } else { "host" };
                out.push(item_line("member", m, &["member_group_name", "port", addr]));
            }
        }
        out
    }

    /// The diff as text, a summary line last (`no changes` when empty). ANSI colours only
    /// when `color`.
    pub fn render(&self, color: bool) -> String {
        if self.is_empty() {
            return "no changes\n".into();
        }
        let mut s = String::new();
        for line in self.lines() {
            let code = match line.kind {
                LineKind::Changed => "33",
                LineKind::Added => "32",
                LineKind::Removed => "31",
                LineKind::Header => "1",
            };
            if color {
                let _ = writeln!(s, "\x1b[{code}m{}\x1b[0m", line.text);
            } else {
                let _ = writeln!(s, "{}", line.text);
            }
        }
        let _ = writeln!(s, "{}", self.summary());
        s
    }
}

fn header(text: String) -> DiffLine {
    DiffLine {
        kind: LineKind::Header,
        text: sanitize::line(&text),
    }
}

fn kind_of(kind: ChangeKind) -> (LineKind, &'static str) {
    match kind {
        ChangeKind::Changed => (LineKind::Changed, "~"),
        ChangeKind::Added => (LineKind::Added, "+"),
        ChangeKind::Removed => (LineKind::Removed, "-"),
    }
}

fn field_line(c: &FieldChange) -> DiffLine {
    let (kind, sign) = kind_of(c.kind());
    let text = format!("{sign} {}: {}", c.path_text(), change_text(c));
    DiffLine {
        kind,
        text: sanitize::line(&text),
    }
}

/// `old -> new` for a change, the value alone for an addition or removal.
fn change_text(c: &FieldChange) -> String {
    let key = c.path.leaf().unwrap_or("");
    match (&c.old, &c.new) {
        (Some(o), Some(n)) => format!("{} -> {}", value_text(key, o), value_text(key, n)),
        (Some(v), None) | (None, Some(v)) => spread_text(key, v),
        (None, None) => String::new(),
    }
}

/// `old -> new`, with `(unset)` for a missing side: inside one line of a changed item there
/// is no sign to tell an addition from a removal.
fn old_new_text(c: &FieldChange) -> String {
    let key = c.path.leaf().unwrap_or("");
    let side = |v: &Option<Value>| {
        v.as_ref()
            .map_or_else(|| UNSET.to_string(), |v| value_text(key, v))
    };
    format!("{} -> {}", side(&c.old), side(&c.new))
}

const UNSET: &str = "(unset)";

fn item_line(noun: &str, item: &ItemChange, identity_fields: &[&str]) -> DiffLine {
    let (kind, sign) = kind_of(item.kind);
    let detail = match item.kind {
        ChangeKind::Changed => item
            .fields
            .iter()
            .map(|c| format!("{} {}", c.path_text(), old_new_text(c)))
            .collect::<Vec<_>>()
            .join(", "),
        ChangeKind::Added | ChangeKind::Removed => {
            let value = item.after.as_ref().or(item.before.as_ref());
            match value {
                Some(Value::Object(m)) => m
                    .iter()
                    .filter(|(k, _)| !identity_fields.contains(&k.as_str()))
                    .map(|(k, v)| format!("{} {}", key_text(k), value_text(k, v)))
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => String::new(),
            }
        }
    };
    let mut text = format!("{sign} {noun} {}", item.label);
    if !detail.is_empty() {
        text.push_str(": ");
        text.push_str(&detail);
    }
    DiffLine {
        kind,
        text: sanitize::line(&text),
    }
}

fn key_text(k: &str) -> String {
    crate::path::Path::root().key(k).to_string()
}

/// An object as `key value, key value`; anything else as [`value_text`].
fn spread_text(key: &str, v: &Value) -> String {
    match v {
        Value::Object(m) if !is_secret_key(key) => m
            .iter()
            .map(|(k, v)| format!("{} {}", key_text(k), value_text(k, v)))
            .collect::<Vec<_>>()
            .join(", "),
        _ => value_text(key, v),
    }
}

/// One value for display: plain words bare, other strings quoted, nested values as compact
/// JSON (cut when long), secrets as `***`.
fn value_text(key: &str, v: &Value) -> String {
    if is_secret_key(key) {
        return "***".into();
    }
    match v {
        // The strategy's number alone says little: name it.
        Value::Number(n) if key == "balance_strategy" => n
            .as_i64()
            .map_or_else(|| n.to_string(), BalanceStrategy::describe),
        Value::String(s) if is_plain(s) => s.clone(),
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Array(_) | Value::Object(_) => {
            let mut v = v.clone();
            redact_secrets(&mut v);
            sanitize::excerpt(&v.to_string(), MAX_VALUE)
        }
        other => other.to_string(),
    }
}

fn is_plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "_-./:@+*,".contains(c))
        && s != "->"
}
