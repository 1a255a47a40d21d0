//! The findings across members (`duplicate_member`, `mixed_groups`) kept up to date one
//! member at a time: an index of every member's identity (identity -> rows) and grouping,
//! updated from the edited member, so that an edit of a host, port or group name re-checks
//! only the members its old and new identity share, exactly as the full check would.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use super::channel;
use super::members::{duplicate_message, mixed_message};
use super::{Diagnostic, Severity, display_order};
use crate::model::{MemberKey, MemberType, VpcChannelType, address_field, field, member_key};

#[derive(Debug, Default)]
pub struct MemberIndex {
    /// Whether the full check compares members at all (not on a reference channel, nor
    /// when `members` is not a list).
    active: bool,
    ecs: bool,
    /// The channel's `port` as written (members without one use it) and as checked.
    channel_port: Option<Value>,
    port: Option<i64>,
    /// Each row's identity; `None` for a row that names no address (or is not an object).
    keys: Vec<Option<MemberKey<'static>>>,
    /// The rows of each identity, in order.
    rows: HashMap<MemberKey<'static>, Vec<usize>>,
    /// Whether each row names a group; rows that are objects without one.
    grouped: Vec<bool>,
    grouped_count: usize,
    ungrouped: BTreeSet<usize>,
}

impl MemberIndex {
    /// The index of `body`'s members as they are now.
    pub fn of(body: &Value) -> MemberIndex {
        let ch = channel::facts(body);
        let items = body.get("members").and_then(Value::as_array);
        let (Some(ch), Some(items)) = (ch, items) else {
            return MemberIndex::default();
        };
        let mut ix = MemberIndex {
            active: ch.kind != Some(VpcChannelType::Reference),
            ecs: ch.member_type == Some(MemberType::Ecs),
            channel_port: body.get("port").cloned(),
            port: ch.port,
            keys: Vec::with_capacity(items.len()),
            rows: HashMap::with_capacity(items.len()),
            grouped: Vec::with_capacity(items.len()),
            grouped_count: 0,
            ungrouped: BTreeSet::new(),
        };
        for (i, item) in items.iter().enumerate() {
            let key = ix.key_of(item);
            if let Some(k) = &key {
                ix.rows.entry(k.clone()).or_default().push(i);
            }
            ix.keys.push(key);
            let grouped = is_grouped(item);
            ix.grouped.push(grouped);
            ix.grouped_count += usize::from(grouped);
            if item.is_object() && !grouped {
                ix.ungrouped.insert(i);
            }
        }
        ix
    }

    /// A member's identity as the full check compares it: only a member naming its own
    /// address has one.
    fn key_of(&self, item: &Value) -> Option<MemberKey<'static>> {
        let named = field(item, address_field(self.ecs))
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty());
        (item.is_object() && named)
            .then(|| member_key(item, self.ecs, self.channel_port.as_ref()).into_owned())
    }

    /// Member `row` of `body` changed (nothing else did since the index was made or last
    /// updated): bring the index and the findings across members in `diags` up to date.
    /// False when the member list no longer matches the index: then check the whole body.
    pub fn update(&mut self, body: &Value, row: usize, diags: &mut Vec<Diagnostic>) -> bool {
        let Some(items) = body.get("members").and_then(Value::as_array) else {
            return false;
        };
        if !self.active {
            return true;
        }
        let Some(item) = items.get(row).filter(|_| items.len() == self.keys.len()) else {
            return false;
        };
        let new = self.key_of(item);
        let old = std::mem::replace(&mut self.keys[row], new.clone());
        if let Some(k) = &old
            && let Some(rows) = self.rows.get_mut(k)
        {
            rows.retain(|r| *r != row);
            if rows.is_empty() {
                self.rows.remove(k);
            }
        }
        if let Some(k) = &new {
            let rows = self.rows.entry(k.clone()).or_default();
            let at = rows.partition_point(|r| *r < row);
            rows.insert(at, row);
        }
        let grouped = is_grouped(item);
        self.grouped_count = self.grouped_count + usize::from(grouped)
            - usize::from(std::mem::replace(&mut self.grouped[row], grouped));
        if item.is_object() && !grouped {
            self.ungrouped.insert(row);
        } else {
            self.ungrouped.remove(&row);
        }

        // Every row sharing the old or the new identity may gain, lose or change its finding.
        let mut lists: Vec<&Vec<usize>> = Vec::new();
        for k in [&old, &new].into_iter().flatten() {
            if let Some(rows) = self.rows.get(k)
                && !lists.iter().any(|l| std::ptr::eq(*l, rows))
            {
                lists.push(rows);
            }
        }
        let mut affected: BTreeSet<usize> = lists.iter().flat_map(|l| l.iter().copied()).collect();
        affected.insert(row);
        let paths: std::collections::HashSet<String> =
            affected.iter().map(|r| format!("members[{r}]")).collect();
        diags.retain(|d| {
            !(d.code == "mixed_groups" || d.code == "duplicate_member" && paths.contains(&d.path))
        });
        for rows in lists {
            let Some((&first, rest)) = rows.split_first() else {
                continue;
            };
            for &r in rest {
                if let Some(Some(k)) = self.keys.get(r) {
                    diags.push(Diagnostic {
                        path: format!("members[{r}]"),
                        severity: Severity::Error,
                        code: "duplicate_member",
                        message: duplicate_message(k, first, self.port),
                    });
                }
            }
        }
        if let Some(&i) = self.ungrouped.first()
            && self.grouped_count > 0
        {
            diags.push(Diagnostic {
                path: format!("members[{i}].member_group_name"),
                severity: Severity::Warning,
                code: "mixed_groups",
                message: mixed_message(items.len() - self.grouped_count, items.len()),
            });
        }
        // Stable: fresh findings go after a member's own ones, as the full check emits them.
        diags.sort_by(display_order);
        true
    }
}

/// Whether a member names a group (an empty name is none).
fn is_grouped(item: &Value) -> bool {
    matches!(field(item, "member_group_name"), Some(Value::String(g)) if !g.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;
    use serde_json::json;

    #[test]
    fn a_host_edit_updates_the_duplicates_of_both_identities() {
        let mut b = json!({"name": "abc", "port": 80, "balance_strategy": 1, "member_type": "ip",
            "members": [{"host": "10.0.0.1", "member_group_name": "g"},
                {"host": "10.0.0.1", "member_group_name": "g"},
                {"host": "10.0.0.1", "member_group_name": "g"},
                {"host": "10.0.0.2"}]});
        let mut ix = MemberIndex::of(&b);
        let mut diags = validate(&b);
        for (row, field, value) in [
            (0, "host", json!("10.0.0.2")),
            (3, "member_group_name", json!("g")),
            (1, "port", json!(0)),
            (0, "host", json!("10.0.0.1")),
            (2, "member_group_name", json!("")),
        ] {
            b["members"][row][field] = value;
            assert!(ix.update(&b, row, &mut diags));
            assert_eq!(diags, validate(&b), "after members[{row}].{field}");
        }
        assert!(diags.iter().any(|d| d.code == "duplicate_member"));
        assert!(diags.iter().any(|d| d.code == "mixed_groups"));
    }
}
