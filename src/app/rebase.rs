//! Rebase: when the server changed since load, carry the user's edits over onto the server's
//! new state, as long as the two touch different fields, groups and members.

use std::collections::HashSet;

use serde_json::Value;

use crate::diff::{Diff, ItemChange, group_identity, member_identity};
use crate::path::Path;

/// The identity of an item of a diff, read from the side that has it.
fn identity(c: &ItemChange, from: &Value, to: &Value, key: &str) -> String {
    let (body, item) = match (c.base_index, c.draft_index) {
        (Some(i), _) => (from, &from[key][i]),
        (None, Some(i)) => (to, &to[key][i]),
        (None, None) => return c.label.clone(),
    };
    if key == "members" {
        member_identity(item, body)
    } else {
        group_identity(item)
    }
}

fn overlaps(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b}.")) || b.starts_with(&format!("{a}."))
}

/// `draft` (edited from `base`) moved onto `remote`; Err lists what both sides changed.
pub fn rebase(base: &Value, draft: &Value, remote: &Value) -> Result<Value, Vec<String>> {
    let mine = crate::diff::diff(base, draft);
    let theirs = crate::diff::diff(base, remote);
    let mut clash = Vec::new();
    let their_fields: Vec<String> = theirs.fields.iter().map(|f| f.path_text()).collect();
    for f in &mine.fields {
        let p = f.path_text();
        if their_fields.iter().any(|q| overlaps(&p, q)) {
            clash.push(p);
        }
    }
    for (key, mine_items, their_items, what) in [
        ("member_groups", &mine.groups, &theirs.groups, "group"),
        ("members", &mine.members, &theirs.members, "member"),
    ] {
        let taken: HashSet<String> = their_items
            .iter()
            .map(|c| identity(c, base, remote, key))
            .collect();
        for c in mine_items {
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

fn apply(mine: &Diff, base: &Value, draft: &Value, remote: &Value) -> Value {
    let mut out = remote.clone();
    for f in &mine.fields {
        let path = f.path.iter().fold(Path::root(), |p, k| p.key(k.as_str()));
        let _ = match path.get(draft) {
            Some(v) => path.set(&mut out, v.clone()),
            None => path.unset(&mut out).map(|_| ()),
        };
    }
    for (key, items) in [("member_groups", &mine.groups), ("members", &mine.members)] {
        for c in items {
            let id = identity(c, base, draft, key);
            let snapshot = out.clone();
            let at = out[key].as_array().and_then(|a| {
                a.iter().position(|x| {
                    let xid = if key == "members" {
                        member_identity(x, &snapshot)
                    } else {
                        group_identity(x)
                    };
                    xid == id
                })
            });
            let new = c.draft_index.and_then(|i| draft[key].get(i)).cloned();
            if !out[key].is_array() {
                out[key] = Value::Array(Vec::new());
            }
            let Some(arr) = out[key].as_array_mut() else {
                continue;
            };
            match (at, new) {
                (Some(i), Some(v)) => arr[i] = v,
                (Some(i), None) => {
                    arr.remove(i);
                }
                (None, Some(v)) => arr.push(v),
                (None, None) => {}
            }
        }
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
