//! Re-checking one part of a body cheaply enough for every keystroke at any channel size.
//!
//! A body holding only the edited member (or no members at all) is checked, and its findings
//! replace the old ones inside the edited part. Findings across members (duplicates, mixed
//! grouping) depend only on each member's identity, so they stay while the edit leaves the
//! identity alone; otherwise the caller checks the whole body again when the edit is kept.

use serde_json::{Map, Value};

use super::{Diagnostic, display_order, validate};
use crate::path::{Path, Step};

/// The findings that compare members with each other.
const ACROSS_MEMBERS: [&str; 2] = ["duplicate_member", "mixed_groups"];

/// True for a field of one member that is not part of its identity (`members[3].weight`):
/// changing it cannot change any finding across members, so [`revalidate_at`] is exact.
pub fn keeps_member_identity(path: &Path) -> bool {
    matches!(path.steps(),
        [Step::Key(top), Step::Index(_), Step::Key(field), ..] if top == "members"
            && !matches!(field.as_str(), "member_group_name" | "host" | "ecs_id" | "port"))
}

/// Replace the findings of `diags` inside the part of `body` that `path` names with fresh
/// ones. Returns false when the part cannot be checked alone: then check the whole body.
pub fn revalidate_at(body: &Value, path: &Path, diags: &mut Vec<Diagnostic>) -> bool {
    let (top, row) = match path.steps() {
        [Step::Key(k), Step::Index(i), ..] => (k.as_str(), Some(*i)),
        [Step::Key(k), ..] if k != "members" => (k.as_str(), None),
        _ => return false,
    };
    let Value::Object(map) = body else {
        return false;
    };
    let mut small = Map::new();
    for (k, v) in map {
        if k != "members" {
            small.insert(k.clone(), v.clone());
        }
    }
    let scope = match row {
        Some(i) => format!("{top}[{i}]"),
        None => Path::of_keys(&[top]).to_string(),
    };
    let member_row = row.filter(|_| top == "members");
    let members = match member_row {
        Some(i) => vec![body["members"].get(i).cloned().unwrap_or(Value::Null)],
        None => Vec::new(),
    };
    small.insert("members".into(), Value::Array(members));
    let fresh: Vec<Diagnostic> = validate(&Value::Object(small))
        .into_iter()
        .filter_map(|mut d| {
            if member_row.is_some() {
                // The lone member is members[0] in the small body.
                let rest = d.path.strip_prefix("members[0]")?;
                if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                    return None;
                }
                d.path = format!("{scope}{rest}");
            }
            within(&d.path, &scope).then_some(d)
        })
        .collect();
    let keep_across = keeps_member_identity(path);
    let mut across = Vec::new();
    diags.retain(|d| {
        if !within(&d.path, &scope) {
            return true;
        }
        if keep_across && ACROSS_MEMBERS.contains(&d.code) {
            across.push(d.clone());
        }
        false
    });
    diags.extend(fresh);
    // They go after the member's own findings, as the full check emits them.
    diags.extend(across);
    diags.sort_by(display_order);
    true
}

fn within(p: &str, scope: &str) -> bool {
    p.strip_prefix(scope)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body() -> Value {
        json!({"name": "abc", "port": 80, "balance_strategy": 1, "member_type": "ip",
            "members": [{"host": "10.0.0.1", "weight": 1}, {"host": "10.0.0.1", "weight": 1},
                {"host": "10.0.0.3", "weight": 1}]})
    }

    #[test]
    fn a_member_edit_matches_the_full_check() {
        let mut b = body();
        let mut diags = validate(&b);
        b["members"][2]["weight"] = json!(100_000);
        let path: Path = "members[2].weight".parse().unwrap();
        assert!(revalidate_at(&b, &path, &mut diags));
        assert_eq!(diags, validate(&b));
        assert!(diags.iter().any(|d| d.code == "duplicate_member"));
    }

    #[test]
    fn the_whole_member_list_cannot_be_checked_alone() {
        let b = body();
        let mut diags = validate(&b);
        assert!(!revalidate_at(&b, &"members".parse().unwrap(), &mut diags));
    }
}
