//! Applying a diff to the base it was made from (the inverse check of [`super::diff`]).

use serde_json::Value;

use super::{ChangeKind, Diff, ItemChange};

/// `base` must be normalised: the diff's indexes and paths refer to that form.
pub(crate) fn apply(diff: &Diff, base: &Value) -> Value {
    let mut out = base.clone();
    for change in &diff.fields {
        let path = &change.path;
        // The paths come from comparing this very base, so every parent exists; a failure
        // here would mean a diff applied to another base, where leaving the field is safest.
        let _ = match &change.new {
            Some(v) if path.is_root() => {
                out = v.clone();
                Ok(())
            }
            Some(v) => path.set(&mut out, v.clone()),
            None => path.unset(&mut out).map(drop),
        };
    }
    for (key, items) in [("member_groups", &diff.groups), ("members", &diff.members)] {
        if items.is_empty() {
            continue;
        }
        // A body replaced whole (it was not an object) has no list yet.
        if let Value::Object(map) = &mut out {
            map.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        }
        if let Some(Value::Array(list)) = out.get_mut(key) {
            apply_items(list, items);
        }
    }
    out
}

fn apply_items(list: &mut Vec<Value>, changes: &[ItemChange]) {
    let mut keep = vec![true; list.len()];
    for c in changes {
        match (c.kind, c.base_index, &c.after) {
            (ChangeKind::Changed, Some(i), Some(after)) if i < list.len() => {
                list[i] = after.clone();
            }
            // A changed member carries its fields only; the list holds its canonical form.
            (ChangeKind::Changed, Some(i), None) if i < list.len() => {
                for f in &c.fields {
                    let _ = match &f.new {
                        Some(v) => f.path.set(&mut list[i], v.clone()),
                        None => f.path.unset(&mut list[i]).map(drop),
                    };
                }
            }
            (ChangeKind::Removed, Some(i), _) if i < keep.len() => keep[i] = false,
            _ => {}
        }
    }
    let mut flags = keep.into_iter();
    list.retain(|_| flags.next().unwrap_or(true));
    list.extend(
        changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Added)
            .filter_map(|c| c.after.clone()),
    );
}
