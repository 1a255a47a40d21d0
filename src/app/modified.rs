//! Whether the draft differs from the base, kept from what each change touched: an edit of
//! one member re-compares that member only, so keeping an edit costs the same at 10 members
//! and at 10,000. Exact: it always says what comparing the whole bodies would. The members
//! holding a secret are kept the same way, so a save knows without a walk whether it must
//! blank one.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::model::Base;
use crate::path::{Path, Step};

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Modified {
    /// Something other than the member list differs.
    rest: bool,
    /// The draft's member count (None when its `members` is not a list).
    draft_len: Option<usize>,
    /// The positions, below both member counts, whose members differ.
    members: BTreeSet<usize>,
    /// The draft's members that hold a secret.
    secrets: BTreeSet<usize>,
}

fn members_of(draft: &Value) -> Option<&Vec<Value>> {
    draft.get("members").and_then(Value::as_array)
}

impl Modified {
    /// Compare the whole bodies.
    pub fn full(base: &Base, draft: &Value) -> Modified {
        let list = members_of(draft);
        let members = list
            .map(|ms| {
                ms.iter()
                    .take(base.member_count())
                    .enumerate()
                    .filter(|(i, m)| !base.member_eq(*i, m))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        let secrets = list
            .map(|ms| {
                ms.iter()
                    .enumerate()
                    .filter(|(_, m)| crate::model::has_secret(m))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        Modified {
            rest: !base.eq_rest(draft),
            draft_len: list.map(Vec::len),
            members,
            secrets,
        }
    }

    /// Whether the draft holds a secret (as `model::has_secret` would say of it).
    pub fn has_secret(&self, draft: &Value) -> bool {
        if !self.secrets.is_empty() {
            return true;
        }
        match draft {
            Value::Object(map) => map
                .iter()
                .filter(|(k, v)| *k != "members" || !v.is_array())
                .any(|(k, v)| {
                    (crate::model::is_secret_key(k) && !v.is_null()) || crate::model::has_secret(v)
                }),
            other => crate::model::has_secret(other),
        }
    }

    /// Whether the draft differs from the base.
    pub fn any(&self, base: &Base) -> bool {
        self.rest
            || self.draft_len.is_some_and(|n| n != base.member_count())
            || !self.members.is_empty()
    }

    /// Whether the members at position `i` of base and draft are equal; meaningful below
    /// both member counts (see [`crate::diff::diff_knowing`]).
    pub fn same_member_at(&self, i: usize) -> bool {
        !self.members.contains(&i)
    }

    /// Bring up to date after a change inside `path` only.
    pub fn touched(&mut self, base: &Base, draft: &Value, path: &Path) {
        let len = members_of(draft).map(Vec::len);
        match path.steps() {
            _ if len != self.draft_len => *self = Modified::full(base, draft),
            [Step::Key(k), Step::Index(i), ..] if k == "members" => {
                let i = *i;
                let member = members_of(draft).and_then(|ms| ms.get(i));
                if member.is_some_and(crate::model::has_secret) {
                    self.secrets.insert(i);
                } else {
                    self.secrets.remove(&i);
                }
                let same = member.is_none_or(|m| i >= base.member_count() || base.member_eq(i, m));
                if same {
                    self.members.remove(&i);
                } else {
                    self.members.insert(i);
                }
            }
            [Step::Key(k), ..] if k != "members" => self.rest = !base.eq_rest(draft),
            _ => *self = Modified::full(base, draft),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn body(n: usize) -> Value {
        let members: Vec<Value> = (0..n)
            .map(|i| json!({"host": format!("10.0.0.{i}"), "weight": 1, "member_group_name": "g"}))
            .collect();
        json!({"name": "a", "port": 80, "members": members})
    }

    /// One edit: a path and what to put there (None removes it).
    fn edit() -> impl Strategy<Value = (String, Option<Value>)> {
        let value = prop_oneof![
            Just(None),
            (0u64..3).prop_map(|n| Some(json!(n))),
            "[a-c]{0,2}".prop_map(|s| Some(json!(s))),
            Just(Some(json!(1.0))),
        ];
        let path = prop_oneof![
            (
                0usize..6,
                prop_oneof![Just("weight"), Just("host"), Just("x"), Just("password")]
            )
                .prop_map(|(i, f)| format!("members[{i}].{f}")),
            (0usize..6).prop_map(|i| format!("members[{i}]")),
            Just("name".to_string()),
            Just("port".to_string()),
            Just("sk".to_string()),
            Just("members".to_string()),
        ];
        (path, value)
    }

    proptest! {
        /// After any run of edits, the kept state says what comparing the bodies says.
        #[test]
        fn always_equals_the_full_comparison(edits in proptest::collection::vec(edit(), 1..30)) {
            let start = body(4);
            let base = Base::new(start.clone());
            let mut draft = start;
            let mut m = Modified::full(&base, &draft);
            for (path, value) in edits {
                let path: Path = path.parse().unwrap();
                let value = match (path.steps(), value) {
                    // Puts of a whole member or list keep the body's shape.
                    ([_, Step::Index(_)], Some(v)) => Some(json!({"host": v})),
                    ([_], Some(_)) if path.to_string() == "members" => Some(json!([{"host": "x"}])),
                    (_, v) => v,
                };
                if path.put(&mut draft, value).is_err() {
                    continue;
                }
                m.touched(&base, &draft, &path);
                prop_assert_eq!(&m, &Modified::full(&base, &draft));
                prop_assert_eq!(m.any(&base), base.value() != draft);
                prop_assert_eq!(m.has_secret(&draft), crate::model::has_secret(&draft));
            }
        }
    }
}
