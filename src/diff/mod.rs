//! Structural diff between two channel bodies (base -> draft), as the server will see it.
//!
//! Both sides are normalised first ([`normalize()`]) so that what the server merely echoes
//! differently (lowercase protocol, `""` for unset strings, ecs fields copied from `host`,
//! response-only fields, defaults) is no change. Channel fields are compared field by field;
//! members and member groups are matched by identity ([`member_identity`], group name), never
//! by position, so reordering is no change.
//!
//! `members` and `groups` are what the server sees: a member that changed group is removed
//! under its old identity and added under the new one. [`Diff::moves`] and [`Diff::renames`]
//! pair those up for the reader, the counts ([`Diff::summary`]) and the mass-delete guard.

mod apply;
mod compare;
mod explain;
pub(crate) mod hash;
mod normalize;
mod order;
mod rebase;
mod render;

use std::fmt;

use serde_json::Value;

pub use crate::model::{group_identity, member_identity};
pub use explain::{Move, Rename};
pub use normalize::normalize;
pub use order::ordered_like;
pub use rebase::rebase;
pub use render::{DiffLine, LineKind, Lines};

/// What happened to a field, a member or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One field that differs. `path` is relative to the body for channel fields and to the item
/// for member/group fields; `None` means absent on that side. Values are normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub path: crate::path::Path,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

impl FieldChange {
    pub fn kind(&self) -> ChangeKind {
        match (&self.old, &self.new) {
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        }
    }

    /// The path in the path syntax, e.g. `vpc_health_config.timeout`.
    pub fn path_text(&self) -> String {
        self.path.to_string()
    }
}

/// A member or group that was added, removed or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub kind: ChangeKind,
    /// Human form of the identity: `10.0.0.1:80 (group g1)` for a member, the name for a group.
    pub label: String,
    /// Position in the base's array (removed, changed).
    pub base_index: Option<usize>,
    /// Position in the draft's array (added, changed).
    pub draft_index: Option<usize>,
    /// The normalised item on each side; none for a changed member, whose `fields` say all
    /// that differs (10,000 changed members are not copied twice each).
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// For a changed item, the fields that differ.
    pub fields: Vec<FieldChange>,
    /// For a changed member, its group (the same on both sides: a member that changed group
    /// is a removal and an addition).
    group: Option<String>,
}

impl ItemChange {
    /// The member's group, from whichever side holds it; none when it has no group.
    pub fn group(&self) -> Option<&str> {
        let from_item = || {
            self.after
                .as_ref()
                .or(self.before.as_ref())?
                .get("member_group_name")?
                .as_str()
        };
        self.group
            .as_deref()
            .or_else(from_item)
            .filter(|g| !g.is_empty())
    }
}

/// The diff of two bodies. Build it with [`diff`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    /// Channel-level fields, health check and microservice info included.
    pub fields: Vec<FieldChange>,
    pub groups: Vec<ItemChange>,
    pub members: Vec<ItemChange>,
    members_before: usize,
    members_after: usize,
    /// Whether members are identified by `ecs_id` on each side (for display).
    base_ecs: bool,
    draft_ecs: bool,
    moves: Vec<Move>,
    renames: Vec<Rename>,
    /// The draft's groups that carry a weight, which overrides their members' (§5.4).
    group_weights: Vec<(String, Value)>,
    /// The HTTP fields (`path`, `method`, `http_code`) of the draft's health check when it
    /// is TCP, which ignores them.
    tcp_ignored: Vec<&'static str>,
}

/// Counts of changed, added and removed things (fields, groups and members together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} changed, {} added, {} removed",
            self.changed, self.added, self.removed
        )
    }
}

/// Diff `base` -> `draft`. Linear in the number of members (hash matching by identity).
pub fn diff(base: &Value, draft: &Value) -> Diff {
    compare::diff_bodies(base, draft, None)
}

/// [`diff`], told which members are equal at the same place (what the editor keeps as edits
/// are made, `app/modified.rs`): those pair without being compared, and the others are not
/// compared in place. `same_at(i)` must say, for every `i` below both member counts, whether
/// the two members there are equal JSON values; the result is then [`diff`]'s.
pub fn diff_knowing(base: &Value, draft: &Value, same_at: &dyn Fn(usize) -> bool) -> Diff {
    #[cfg(debug_assertions)]
    if let (Some(Value::Array(b)), Some(Value::Array(d))) =
        (base.get("members"), draft.get("members"))
    {
        for (i, (x, y)) in b.iter().zip(d).enumerate() {
            debug_assert_eq!(same_at(i), x == y, "members[{i}]: told wrong");
        }
    }
    compare::diff_bodies(base, draft, Some(same_at))
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.groups.is_empty() && self.members.is_empty()
    }

    /// Counts with each move and rename one change, not a removal and an addition.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        let kinds = self
            .fields
            .iter()
            .map(FieldChange::kind)
            .chain(self.groups.iter().map(|g| g.kind))
            .chain(self.members.iter().map(|m| m.kind));
        for kind in kinds {
            match kind {
                ChangeKind::Changed => s.changed += 1,
                ChangeKind::Added => s.added += 1,
                ChangeKind::Removed => s.removed += 1,
            }
        }
        let paired = self.moves.len() + self.renames.len();
        // A move its group's rename tells of, with nothing else changed, has no line of its
        // own: the rename's "(N members moved)" counts it.
        let told = self.moves.iter().filter(|m| self.told_by_rename(m)).count();
        s.changed += paired - told;
        s.added -= paired;
        s.removed -= paired;
        s
    }

    /// Whether `m` went along with its group's rename (from the old name to the new).
    pub fn moved_by_rename(&self, m: &Move) -> bool {
        self.renames.iter().any(|r| {
            Some(r.from.as_str()) == m.from.as_deref() && Some(r.to.as_str()) == m.to.as_deref()
        })
    }

    /// Whether the rename's line is all there is to say of `m`.
    pub fn told_by_rename(&self, m: &Move) -> bool {
        self.moved_by_rename(m) && m.fields.is_empty()
    }

    /// Members that changed group (each also a removal and an addition in `members`).
    pub fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// Groups renamed (each also a removal and an addition in `groups`).
    pub fn renames(&self) -> &[Rename] {
        &self.renames
    }

    /// Why this change needs the channel name typed (editor) or `--allow-mass-delete` (CLI):
    /// it empties the member list, or removes more than half of it. The one mass-delete rule.
    pub fn mass_delete(&self) -> Option<String> {
        let (before, removed) = (self.members_before, self.members_removed());
        if before == 0 {
            return None;
        }
        if self.members_after == 0 {
            return Some(format!("this update removes all {before} members"));
        }
        if removed * 2 > before {
            return Some(format!(
                "this update removes {removed} of {before} members (more than half)"
            ));
        }
        None
    }

    /// Members of the base that the draft no longer has (a member moved to another group
    /// is still there).
    pub fn members_removed(&self) -> usize {
        self.count_members(ChangeKind::Removed) - self.moves.len()
    }

    /// Members of the draft that the base did not have (moves aside).
    pub fn members_added(&self) -> usize {
        self.count_members(ChangeKind::Added) - self.moves.len()
    }

    fn count_members(&self, kind: ChangeKind) -> usize {
        self.members.iter().filter(|m| m.kind == kind).count()
    }

    /// Number of members in the base.
    pub fn members_before(&self) -> usize {
        self.members_before
    }

    /// Number of members in the draft.
    pub fn members_after(&self) -> usize {
        self.members_after
    }

    /// The draft as this diff describes it: `base` (normalised) with every change applied.
    /// Equal to the normalised draft up to member and group order.
    pub fn apply(&self, base: &Value) -> Value {
        apply::apply(self, &normalize(base))
    }
}

/// [`Diff::apply`] as a function.
pub fn apply_diff(base: &Value, diff: &Diff) -> Value {
    diff.apply(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn with_members(n: usize) -> Value {
        let members: Vec<Value> = (0..n)
            .map(|i| json!({"host": format!("10.0.0.{i}"), "weight": 1}))
            .collect();
        json!({"name": "c", "port": 80, "member_type": "ip", "members": members})
    }

    #[test]
    fn mass_delete_is_emptying_or_more_than_half() {
        let base = with_members(10);
        let all = diff(&base, &with_members(0)).mass_delete();
        assert!(all.is_some_and(|w| w.contains("all 10")));
        let six = diff(&base, &with_members(4)).mass_delete();
        assert_eq!(
            six.as_deref(),
            Some("this update removes 6 of 10 members (more than half)")
        );
        assert_eq!(diff(&base, &with_members(5)).mass_delete(), None);
        assert_eq!(diff(&with_members(0), &with_members(0)).mass_delete(), None);
        assert_eq!(diff(&with_members(0), &with_members(3)).mass_delete(), None);
    }
}
