//! What the identity diff means to a reader: a member removed from one group and added to
//! another at the same address and port was moved; a group removed and another added that
//! took its members was renamed. The server sees both as a removal and an addition (docs/api.md
//! §5.3, §5.4), so `Diff::members` and `Diff::groups` keep them so for the write planner; these
//! pairings are for the review, the counts and the mass-delete guard.

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

use super::compare::diff_values;
use super::{ChangeKind, FieldChange, ItemChange};
use crate::model::member_key;

/// A member moved between groups: the same address and port, another group.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Index of the removal in `Diff::members`.
    pub removed: usize,
    /// Index of the addition in `Diff::members`.
    pub added: usize,
    /// `10.0.0.1:80`: the identity without the group.
    pub label: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// What else changed, the group name aside.
    pub fields: Vec<FieldChange>,
}

/// A group renamed: removed under one name, added under another, its members moved along.
#[derive(Debug, Clone, PartialEq)]
pub struct Rename {
    /// Index of the removal in `Diff::groups`.
    pub removed: usize,
    /// Index of the addition in `Diff::groups`.
    pub added: usize,
    pub from: String,
    pub to: String,
    /// Members moved from the old name to the new one.
    pub moved: usize,
    /// What else changed, the name aside.
    pub fields: Vec<FieldChange>,
}

const GROUP: &str = "member_group_name";

fn group_of(item: Option<&Value>) -> Option<String> {
    item.and_then(|v| v.get(GROUP))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The fields that differ between two normalised items, the group name aside.
fn other_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let strip = |v: Option<&Value>| {
        let mut v = v.cloned().unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.shift_remove(GROUP);
        }
        v
    };
    let mut out = Vec::new();
    diff_values(
        &mut Vec::new(),
        Some(&strip(before)),
        Some(&strip(after)),
        &mut out,
    );
    out
}

/// Pair removed and added members with the same address and effective port (the identity
/// without the group), in order. `ecs` is each side's member type. Costs one pass over the
/// changes, not over the channel.
pub(crate) fn moves(members: &[ItemChange], (base_ecs, draft_ecs): (bool, bool)) -> Vec<Move> {
    // Normalised members carry their effective port, so no channel port is needed here.
    let place = |v: &Value, ecs: bool| {
        let k = member_key(v, ecs, None);
        k.has_address()
            .then(|| (k.address(), k.port().unwrap_or_default()))
    };
    let mut removed: HashMap<(String, String), VecDeque<usize>> = HashMap::new();
    for (i, c) in members.iter().enumerate() {
        if c.kind == ChangeKind::Removed
            && let Some(p) = c.before.as_ref().and_then(|v| place(v, base_ecs))
        {
            removed.entry(p).or_default().push_back(i);
        }
    }
    if removed.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, c) in members.iter().enumerate() {
        if c.kind != ChangeKind::Added {
            continue;
        }
        let Some(p) = c.after.as_ref().and_then(|v| place(v, draft_ecs)) else {
            continue;
        };
        let Some(r) = removed.get_mut(&p).and_then(VecDeque::pop_front) else {
            continue;
        };
        let before = members[r].before.as_ref();
        let (addr, port) = p;
        let addr = if addr.contains(':') {
            format!("[{addr}]")
        } else {
            addr
        };
        out.push(Move {
            removed: r,
            added: i,
            label: format!("{addr}:{port}"),
            from: group_of(before),
            to: group_of(c.after.as_ref()),
            fields: other_fields(before, c.after.as_ref()),
        });
    }
    out
}

/// Pair removed and added groups: a removed group whose moved members mostly went to one
/// added group was renamed to it. A group without members moved is paired only when it is
/// the one group removed and the one added left, with nothing else changed.
pub(crate) fn renames(groups: &[ItemChange], moves: &[Move]) -> Vec<Rename> {
    let name = |c: &ItemChange| {
        c.before
            .as_ref()
            .or(c.after.as_ref())
            .and_then(|v| v.get(GROUP))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let of_kind = |kind| {
        groups
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.kind == kind)
            .map(|(i, c)| (i, name(c)))
            .collect::<Vec<_>>()
    };
    let (removed, added) = (of_kind(ChangeKind::Removed), of_kind(ChangeKind::Added));
    if removed.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let mut flows: HashMap<(&str, &str), usize> = HashMap::new();
    for m in moves {
        if let (Some(f), Some(t)) = (&m.from, &m.to) {
            *flows.entry((f.as_str(), t.as_str())).or_default() += 1;
        }
    }
    let mut taken = vec![false; added.len()];
    let mut out = Vec::new();
    let mut unpaired = Vec::new();
    for (r, from) in &removed {
        let best = added
            .iter()
            .enumerate()
            .filter(|(k, _)| !taken[*k])
            .map(|(k, (_, to))| (k, flows.get(&(from.as_str(), to.as_str())).copied()))
            .filter_map(|(k, n)| n.map(|n| (k, n)))
            .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)));
        match best {
            Some((k, moved)) => {
                taken[k] = true;
                out.push(rename(groups, *r, added[k].0, moved));
            }
            None => unpaired.push(*r),
        }
    }
    let left: Vec<usize> = (0..added.len()).filter(|k| !taken[*k]).collect();
    if let ([r], [k]) = (unpaired.as_slice(), left.as_slice()) {
        let candidate = rename(groups, *r, added[*k].0, 0);
        if candidate.fields.is_empty() {
            out.push(candidate);
        }
    }
    out.sort_by_key(|r| r.added);
    out
}

fn rename(groups: &[ItemChange], removed: usize, added: usize, moved: usize) -> Rename {
    let (before, after) = (
        groups[removed].before.as_ref(),
        groups[added].after.as_ref(),
    );
    Rename {
        removed,
        added,
        from: group_of(before).unwrap_or_default(),
        to: group_of(after).unwrap_or_default(),
        moved,
        fields: other_fields(before, after),
    }
}
