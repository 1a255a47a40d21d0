//! Rebase: when the server changed since load, carry the user's edits over onto the server's
//! new state, as long as the two touch different fields, groups and members. Items are keyed
//! by identity (docs/api.md §5.3), so the work is linear in the channel's size.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{Diff, ItemChange, diff};
use crate::model::{group_identity, member_identity};

/// `draft` (edited from `base`) moved onto `remote`; Err lists what both sides changed.
pub fn rebase(base: &Value, draft: &Value, remote: &Value) -> Result<Value, Vec<String>> {
    let mine = diff(base, draft);
    let theirs = diff(base, remote);
    let mut clash = Vec::new();
    for f in &mine.fields {
        let hit = theirs
            .fields
            .iter()
            .any(|q| f.path.starts_with(&q.path) || q.path.starts_with(&f.path));
        if hit {
            clash.push(f.path_text());
        }
    }
    for (key, what) in [(GROUPS, "group"), (MEMBERS, "member")] {
        let taken: HashSet<String> = items(&theirs, key)
            .iter()
            .map(|c| identity(c, base, remote, key))
            .collect();
        for c in items(&mine, key) {
            if taken.contains(&identity(c, base, draft, key)) {
                clash.push(format!("{what} {}", crate::sanitize::line(&c.label)));
            }
        }
    }
    if !clash.is_empty() {
        return Err(clash);
    }
    Ok(apply(&mine, base, draft, remote))
}

const GROUPS: &str = "member_groups";
const MEMBERS: &str = "members";

fn items<'d>(d: &'d Diff, key: &str) -> &'d [ItemChange] {
    if key == MEMBERS {
        &d.members
    } else {
        &d.groups
    }
}

fn key_of(item: &Value, body: &Value, key: &str) -> String {
    if key == MEMBERS {
        member_identity(item, body)
    } else {
        group_identity(item)
    }
}

/// The identity of an item of a diff, read from the side that has it.
fn identity(c: &ItemChange, from: &Value, to: &Value, key: &str) -> String {
    match (c.base_index, c.draft_index) {
        (Some(i), _) => key_of(&from[key][i], from, key),
        (None, Some(i)) => key_of(&to[key][i], to, key),
        (None, None) => c.label.clone(),
    }
}

fn apply(mine: &Diff, base: &Value, draft: &Value, remote: &Value) -> Value {
    let mut out = remote.clone();
    for f in &mine.fields {
        // Both sides hold these paths' parents (the clash check ruled out overlaps), so a
        // failure can only be a parent that the server removed: the edit then has no place.
        let put = f.path.put(&mut out, f.path.get(draft).cloned());
        if let Err(e) = put {
            tracing::debug!("rebase: {} not carried over: {e}", f.path);
        }
    }
    for key in [GROUPS, MEMBERS] {
        let changes = items(mine, key);
        if changes.is_empty() {
            continue;
        }
        // One index of the server's items; positions stay valid because removals are only
        // marked until the end.
        let index: HashMap<String, usize> = out[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .enumerate()
                    .map(|(i, x)| (key_of(x, &out, key), i))
                    .collect()
            })
            .unwrap_or_default();
        let mut slots: Vec<Option<Value>> = match out[key].take() {
            Value::Array(a) => a.into_iter().map(Some).collect(),
            _ => Vec::new(),
        };
        for c in changes {
            let at = index.get(&identity(c, base, draft, key)).copied();
            let new = c.draft_index.and_then(|i| draft[key].get(i)).cloned();
            match (at, new) {
                (Some(i), new) => slots[i] = new,
                (None, Some(v)) => slots.push(Some(v)),
                (None, None) => {}
            }
        }
        out[key] = Value::Array(slots.into_iter().flatten().collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body() -> Value {
        json!({"name": "abc", "port": 80, "balance_strategy": 1, "member_type": "ip",
            "member_groups": [{"member_group_name": "g1"}],
            "members": [{"host": "10.0.0.1", "weight": 1, "member_group_name": "g1"},
                {"host": "10.0.0.2", "weight": 1, "member_group_name": "g1"}],
            "vpc_health_config": {"protocol": "TCP", "threshold_normal": 2,
                "threshold_abnormal": 5, "time_interval": 10, "timeout": 5}})
    }

    #[test]
    fn separate_edits_combine() {
        let base = body();
        let mut draft = base.clone();
        draft["members"][0]["weight"] = json!(7);
        draft["members"]
            .as_array_mut()
            .unwrap()
            .push(json!({"host": "10.0.0.9", "member_group_name": "g1"}));
        let mut remote = base.clone();
        remote["balance_strategy"] = json!(2);
        remote["members"][1]["weight"] = json!(3);
        let out = rebase(&base, &draft, &remote).unwrap();
        assert_eq!(out["balance_strategy"], 2);
        assert_eq!(out["members"][0]["weight"], 7);
        assert_eq!(out["members"][1]["weight"], 3);
        assert_eq!(out["members"][2]["host"], "10.0.0.9");
    }

    #[test]
    fn a_removal_lands_on_the_same_member_wherever_the_server_put_it() {
        let base = body();
        let mut draft = base.clone();
        draft["members"].as_array_mut().unwrap().remove(0);
        let mut remote = base.clone();
        remote["members"]
            .as_array_mut()
            .unwrap()
            .insert(0, json!({"host": "10.0.0.5", "member_group_name": "g1"}));
        let out = rebase(&base, &draft, &remote).unwrap();
        let hosts: Vec<&str> = out["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["host"].as_str().unwrap())
            .collect();
        assert_eq!(hosts, ["10.0.0.5", "10.0.0.2"]);
    }

    #[test]
    fn the_same_field_on_both_sides_is_refused() {
        let base = body();
        let mut draft = base.clone();
        draft["vpc_health_config"]["timeout"] = json!(3);
        draft["members"][1]["weight"] = json!(9);
        let mut remote = base.clone();
        remote["vpc_health_config"]["timeout"] = json!(4);
        remote["members"][1]["weight"] = json!(2);
        let clash = rebase(&base, &draft, &remote).unwrap_err();
        assert_eq!(clash.len(), 2, "{clash:?}");
        assert!(clash[0].contains("timeout"));
        assert!(clash[1].contains("10.0.0.2"));
    }
}
