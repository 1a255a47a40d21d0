//! Text form of a diff: one line per changed field, group or member, with `~`/`+`/`-`
//! prefixes so that the kind reads without colour. Every value is sanitised and secrets are
//! shown as `***`.

use std::fmt::Write as _;
use std::sync::Arc;

use serde_json::Value;

use super::{ChangeKind, Diff, FieldChange, ItemChange};
use crate::model::{BalanceStrategy, is_secret_key, redact_secrets};
use crate::path::Step;
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

/// Where one line of [`Diff::lines`] comes from. The index of a diff is cheap to make, so a
/// long diff formats only the lines shown ([`Lines`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    ChannelHeader,
    Field(usize),
    GroupHeader,
    Rename(usize),
    Group(usize),
    MembersHeader,
    Member(usize),
    /// A move into a group that was renamed: only what else changed is told.
    RenamedMove(usize),
    Move(usize),
}

/// The lines of a diff, each formatted when asked for; the same text as [`Diff::lines`].
#[derive(Debug, Clone, Default)]
pub struct Lines {
    diff: Arc<Diff>,
    index: Vec<Source>,
}

impl Lines {
    pub fn of(diff: Arc<Diff>) -> Lines {
        let index = diff.line_index();
        Lines { diff, index }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// The diff the lines show.
    pub fn diff(&self) -> &Diff {
        &self.diff
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Line `i`, formatted now.
    pub fn get(&self, i: usize) -> Option<DiffLine> {
        self.index.get(i).map(|s| self.diff.line(*s))
    }

    /// `n` lines from `start`, each formatted as it is taken.
    pub fn range(&self, start: usize, n: usize) -> impl Iterator<Item = DiffLine> + '_ {
        let shown = self.index.iter().skip(start).take(n);
        shown.map(|s| self.diff.line(*s))
    }

    /// Every line, formatted.
    pub fn all(&self) -> Vec<DiffLine> {
        self.range(0, self.len()).collect()
    }
}

impl Diff {
    /// The diff as lines: section headers, then one line per change. Empty when nothing
    /// changed.
    pub fn lines(&self) -> Vec<DiffLine> {
        self.line_index()
            .into_iter()
            .map(|s| self.line(s))
            .collect()
    }

    /// Where each line comes from, in order (see [`Diff::lines`]).
    fn line_index(&self) -> Vec<Source> {
        let mut out = Vec::new();
        if !self.fields.is_empty() {
            out.push(Source::ChannelHeader);
            out.extend((0..self.fields.len()).map(Source::Field));
        }
        let groups = self.group_index();
        if !groups.is_empty() {
            out.push(Source::GroupHeader);
            out.extend(groups);
        }
        let members = self.member_index();
        if !members.is_empty() {
            out.push(Source::MembersHeader);
            out.extend(members);
        }
        out
    }

    fn line(&self, source: Source) -> DiffLine {
        match source {
            Source::ChannelHeader => header("channel".into()),
            Source::Field(i) => self.field_line(&self.fields[i]),
            Source::GroupHeader => header("member groups".into()),
            Source::Rename(i) => self.rename_line(&self.renames[i]),
            Source::Group(i) => self.item_line("group", &self.groups[i], &["member_group_name"]),
            Source::MembersHeader => {
                let title = if self.members_before == self.members_after {
                    format!("members ({})", self.members_after)
                } else {
                    format!(
                        "members ({} -> {})",
                        self.members_before, self.members_after
                    )
                };
                header(title)
            }
            Source::Member(i) => self.member_line(&self.members[i]),
            Source::RenamedMove(i) => {
                let m = &self.moves[i];
                let detail = self.changed_fields(&m.fields, m.to.as_deref());
                let head = format!("member {} (group {})", m.label, group_text(&m.to));
                changed_line(&head, &detail)
            }
            Source::Move(i) => {
                let m = &self.moves[i];
                let detail = self.changed_fields(&m.fields, m.to.as_deref());
                let head = format!(
                    "member {} moved {} -> {}",
                    m.label,
                    group_text(&m.from),
                    group_text(&m.to)
                );
                changed_line(&head, &detail)
            }
        }
    }

    fn rename_line(&self, r: &super::Rename) -> DiffLine {
        let moved = match r.moved {
            0 => String::new(),
            1 => " (1 member moved)".into(),
            n => format!(" ({n} members moved)"),
        };
        let head = format!("group renamed {} -> {}{moved}", r.from, r.to);
        changed_line(&head, &self.changed_fields(&r.fields, None))
    }

    /// Renames first, then the other group changes.
    fn group_index(&self) -> Vec<Source> {
        let mut paired = vec![false; self.groups.len()];
        for r in &self.renames {
            paired[r.removed] = true;
            paired[r.added] = true;
        }
        let renames = (0..self.renames.len()).map(Source::Rename);
        let rest = paired.iter().enumerate().filter(|(_, p)| !**p);
        renames.chain(rest.map(|(i, _)| Source::Group(i))).collect()
    }

    /// Changed members, then moves, then additions and removals.
    fn member_index(&self) -> Vec<Source> {
        let mut paired = vec![false; self.members.len()];
        for m in &self.moves {
            paired[m.removed] = true;
            paired[m.added] = true;
        }
        let members = self.members.iter().enumerate();
        let mut out: Vec<Source> = members
            .clone()
            .filter(|(_, m)| m.kind == ChangeKind::Changed)
            .map(|(i, _)| Source::Member(i))
            .collect();
        for (i, m) in self.moves.iter().enumerate() {
            // A group's rename tells of its members' moves; only what else changed is left.
            match (self.moved_by_rename(m), m.fields.is_empty()) {
                (true, true) => {}
                (true, false) => out.push(Source::RenamedMove(i)),
                (false, _) => out.push(Source::Move(i)),
            }
        }
        out.extend(
            members
                .zip(&paired)
                .filter(|((_, m), p)| !**p && m.kind != ChangeKind::Changed)
                .map(|((i, _), _)| Source::Member(i)),
        );
        out
    }

    fn member_line(&self, m: &ItemChange) -> DiffLine {
        let ecs = match m.kind {
            ChangeKind::Removed => self.base_ecs,
            _ => self.draft_ecs,
        };
        let addr = if ecs { "ecs_id" } else { "host" };
        self.item_line("member", m, &["member_group_name", "port", addr])
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

const UNSET: &str = "(unset)";

impl Diff {
    fn field_line(&self, c: &FieldChange) -> DiffLine {
        let (kind, sign) = kind_of(c.kind());
        let text = format!(
            "{sign} {}: {}{}",
            c.path_text(),
            self.change_text(c),
            self.health_note(c)
        );
        DiffLine {
            kind,
            text: sanitize::line(&text),
        }
    }

    /// `old -> new` for a change, the value alone for an addition or removal.
    fn change_text(&self, c: &FieldChange) -> String {
        let key = c.path.leaf().unwrap_or("");
        match (&c.old, &c.new) {
            (Some(o), Some(n)) => format!("{} -> {}", value_text(key, o), value_text(key, n)),
            (Some(v), None) => spread_text(key, v, &[]),
            (None, Some(v)) if key == HEALTH => spread_text(key, v, &self.tcp_ignored),
            (None, Some(v)) => spread_text(key, v, &[]),
            (None, None) => String::new(),
        }
    }

    /// A TCP check probes the port only: say so of the HTTP fields it carries (docs/api.md
    /// §3.4).
    fn health_note(&self, c: &FieldChange) -> String {
        let ignored = &self.tcp_ignored;
        match c.path.steps() {
            [Step::Key(h), Step::Key(f)] if h == HEALTH && c.new.is_some() => match f.as_str() {
                k if ignored.contains(&k) => TCP_NOTE.into(),
                "protocol" if !ignored.is_empty() => {
                    format!(" ({} ignored for TCP)", ignored.join(", "))
                }
                _ => String::new(),
            },
            _ => String::new(),
        }
    }

    /// The fields of a changed item, `key old -> new`, each weight change that the member's
    /// group weight overrides marked so.
    fn changed_fields(&self, fields: &[FieldChange], group: Option<&str>) -> String {
        fields
            .iter()
            .map(|c| {
                let mut s = format!("{} {}", c.path_text(), old_new_text(c));
                if c.path_text() == "weight"
                    && let Some(w) = self.group_weight(group)
                {
                    let _ = write!(s, " (no effect: the group weight {w} applies)");
                }
                s
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The weight the draft gives the group `name`, which its members get instead of theirs.
    fn group_weight(&self, name: Option<&str>) -> Option<String> {
        let name = name?;
        self.group_weights
            .iter()
            .find(|(g, _)| g == name)
            .map(|(_, w)| value_text("member_group_weight", w))
    }

    fn item_line(&self, noun: &str, item: &ItemChange, identity_fields: &[&str]) -> DiffLine {
        let (kind, sign) = kind_of(item.kind);
        let detail = match item.kind {
            ChangeKind::Changed => {
                // Only members follow their group's weight.
                let group = item.group().filter(|_| noun == "member");
                self.changed_fields(&item.fields, group)
            }
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
}

const HEALTH: &str = "vpc_health_config";
const TCP_NOTE: &str = " (ignored for TCP)";

/// `~ head: detail`, or `~ head` when nothing else changed.
fn changed_line(head: &str, detail: &str) -> DiffLine {
    let mut text = format!("~ {head}");
    if !detail.is_empty() {
        text.push_str(": ");
        text.push_str(detail);
    }
    DiffLine {
        kind: LineKind::Changed,
        text: sanitize::line(&text),
    }
}

fn group_text(g: &Option<String>) -> String {
    g.clone().unwrap_or_else(|| "(no group)".into())
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

fn key_text(k: &str) -> String {
    crate::path::Path::root().key(k).to_string()
}

/// An object as `key value, key value`; anything else as [`value_text`]. The keys in
/// `ignored` (of a TCP health check) are marked so.
fn spread_text(key: &str, v: &Value, ignored: &[&str]) -> String {
    match v {
        Value::Object(m) if !is_secret_key(key) => m
            .iter()
            .map(|(k, v)| {
                let note = if ignored.contains(&k.as_str()) {
                    TCP_NOTE
                } else {
                    ""
                };
                format!("{} {}{note}", key_text(k), value_text(k, v))
            })
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
