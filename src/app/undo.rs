//! Undo/redo as a stack of deltas: each step holds only what it changed (the old value of a
//! field, the members an action replaced), so a hundred edits of a 10,000-member channel cost
//! kilobytes, not a copy of the channel each. A step is exact: applying it to the state right
//! after its edit gives back the state right before, and yields the step that goes forward.

use std::sync::Arc;

use serde_json::Value;

use crate::model::Base;
use crate::path::Path;

/// Enough for a long session; the oldest states fall off.
const LIMIT: usize = 200;

/// One change of the draft that puts a state back.
#[derive(Debug, Clone, PartialEq)]
enum Op {
    /// Put this value (or its absence) at this path.
    Put { path: Path, old: Option<Value> },
    /// Replace `remove` members from `start` with these.
    Splice {
        start: usize,
        remove: usize,
        insert: Vec<Value>,
    },
    /// Replace the whole body (it was not an object).
    Whole(Value),
}

/// What one undo step puts back. Its ops touch disjoint parts of the body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delta {
    ops: Vec<Op>,
}

impl Delta {
    /// The step that takes `after` back to `before`: the top-level fields that differ, and
    /// the run of members between their common start and end. Empty when they are equal.
    pub fn between(before: &Value, after: &Value) -> Delta {
        let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
            let ops = if before == after {
                Vec::new()
            } else {
                vec![Op::Whole(before.clone())]
            };
            return Delta { ops };
        };
        let mut ops = Vec::new();
        let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
        for k in keys {
            let (old, new) = (b.get(k), a.get(k));
            if old == new {
                continue;
            }
            match (k.as_str(), old, new) {
                ("members", Some(Value::Array(old)), Some(Value::Array(new))) => {
                    ops.push(splice(old, new));
                }
                _ => ops.push(Op::Put {
                    path: Path::root().key(k.clone()),
                    old: old.cloned(),
                }),
            }
        }
        Delta { ops }
    }

    /// [`Delta::between`] from a compact copy of the state before: a change of unknown
    /// extent keeps that copy, not a second tree of every member, while it runs.
    pub fn since(before: &Base, after: &Value) -> Delta {
        let (Some(b), Some(a)) = (before.rest().as_object(), after.as_object()) else {
            let ops = if before.eq_body(after) {
                Vec::new()
            } else {
                vec![Op::Whole(before.value())]
            };
            return Delta { ops };
        };
        let mut ops = Vec::new();
        let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
        for k in keys {
            let new = a.get(k);
            if k == "members" && before.has_member_list() {
                let old_list = || Some(before.value()["members"].take());
                match new {
                    Some(Value::Array(new)) => {
                        if let Some(op) = splice_since(before, new) {
                            ops.push(op);
                        }
                    }
                    _ => ops.push(Op::Put {
                        path: Path::root().key(k.clone()),
                        old: old_list(),
                    }),
                }
                continue;
            }
            let old = b.get(k);
            if old != new {
                ops.push(Op::Put {
                    path: Path::root().key(k.clone()),
                    old: old.cloned(),
                });
            }
        }
        Delta { ops }
    }

    /// The step that puts `old` back at `path`.
    pub fn at(path: Path, old: Option<Value>) -> Delta {
        Delta {
            ops: vec![Op::Put { path, old }],
        }
    }

    /// Also put `old` back at `path`, in the same step.
    pub fn and(mut self, path: Path, old: Option<Value>) -> Delta {
        self.ops.push(Op::Put { path, old });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Apply to `body`; gives the step that undoes this one.
    fn apply(self, body: &mut Value) -> Delta {
        let mut back = Vec::with_capacity(self.ops.len());
        for op in self.ops {
            back.push(match op {
                Op::Whole(v) => Op::Whole(std::mem::replace(body, v)),
                Op::Put { path, old } => {
                    let now = path.get(body).cloned();
                    if let Err(e) = path.put(body, old) {
                        // Cannot happen for a step made on this very state; say so if it does.
                        tracing::warn!("undo cannot restore {path}: {e}");
                    }
                    Op::Put { path, old: now }
                }
                Op::Splice {
                    start,
                    remove,
                    insert,
                } => {
                    let Some(members) = body.get_mut("members").and_then(Value::as_array_mut)
                    else {
                        tracing::warn!("undo found no members to restore");
                        continue;
                    };
                    let end = (start + remove).min(members.len());
                    let start = start.min(end);
                    let added = insert.len();
                    let removed: Vec<Value> = members.splice(start..end, insert).collect();
                    Op::Splice {
                        start,
                        remove: added,
                        insert: removed,
                    }
                }
            });
        }
        Delta { ops: back }
    }
}

/// The members between the common start and the common end of `old` and `new`, as the
/// splice that turns `new` back into `old`.
fn splice(old: &[Value], new: &[Value]) -> Op {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - head;
    let tail = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    Op::Splice {
        start: head,
        remove: new.len() - head - tail,
        insert: old[head..old.len() - tail].to_vec(),
    }
}

/// [`splice`] against a compact member list; None when the lists are equal.
fn splice_since(old: &Base, new: &[Value]) -> Option<Op> {
    let n = old.member_count();
    let head = new
        .iter()
        .take(n)
        .enumerate()
        .take_while(|(i, m)| old.member_eq(*i, m))
        .count();
    if head == n && head == new.len() {
        return None;
    }
    let room = n.min(new.len()) - head;
    let tail = (1..=room)
        .take_while(|j| old.member_eq(n - j, &new[new.len() - j]))
        .count();
    Some(Op::Splice {
        start: head,
        remove: new.len() - head - tail,
        insert: (head..n - tail).filter_map(|i| old.member(i)).collect(),
    })
}

#[derive(Debug, Default, Clone)]
pub struct Undo {
    past: Vec<Delta>,
    future: Vec<Delta>,
}

impl Undo {
    /// Remember the step back from the state just made; a new edit forgets the redo branch.
    pub fn record(&mut self, back: Delta) {
        if back.is_empty() {
            return;
        }
        if self.past.len() == LIMIT {
            self.past.remove(0);
        }
        self.past.push(back);
        self.future.clear();
    }

    pub fn undo(&mut self, current: &mut Arc<Value>) -> bool {
        match self.past.pop() {
            Some(back) => {
                self.future.push(back.apply(Arc::make_mut(current)));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, current: &mut Arc<Value>) -> bool {
        match self.future.pop() {
            Some(forward) => {
                self.past.push(forward.apply(Arc::make_mut(current)));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn edit(u: &mut Undo, v: &mut Arc<Value>, to: Value) {
        u.record(Delta::between(v, &to));
        *v = Arc::new(to);
    }

    #[test]
    fn undo_then_redo_returns_to_each_state() {
        let mut u = Undo::default();
        let s1 = json!({"name": "a", "members": [{"host": "1"}, {"host": "2"}, {"host": "3"}]});
        let s2 = json!({"name": "b", "members": [{"host": "1"}, {"host": "3"}]});
        let s3 = json!({"name": "b", "port": 1, "members": [{"host": "1"}, {"host": "9"},
            {"host": "8"}, {"host": "3"}]});
        let mut v = Arc::new(s1.clone());
        edit(&mut u, &mut v, s2.clone());
        edit(&mut u, &mut v, s3.clone());
        assert!(u.undo(&mut v));
        assert_eq!(*v, s2);
        assert!(u.undo(&mut v));
        assert_eq!(*v, s1);
        assert!(!u.undo(&mut v));
        assert!(u.redo(&mut v));
        assert_eq!(*v, s2);
        assert!(u.redo(&mut v));
        assert_eq!(*v, s3);
        assert!(u.undo(&mut v));
        edit(&mut u, &mut v, json!(9));
        assert!(!u.redo(&mut v), "a new edit forgets the redo branch");
        assert!(u.undo(&mut v));
        assert_eq!(*v, s2);
    }

    #[test]
    fn a_step_holds_only_the_members_it_changed() {
        let members: Vec<Value> = (0..1000).map(|i| json!({"host": i})).collect();
        let before = json!({ "members": members });
        let mut after = before.clone();
        after["members"][500]["weight"] = json!(3);
        let d = Delta::between(&before, &after);
        assert_eq!(
            d.ops,
            vec![Op::Splice {
                start: 500,
                remove: 1,
                insert: vec![json!({"host": 500})]
            }]
        );
    }

    /// Bodies that differ in fields, in runs of members and in shape.
    fn states() -> Vec<Value> {
        vec![
            json!({"name": "a", "members": [{"host": "1"}, {"host": "2"}, {"host": "3"}]}),
            json!({"name": "b", "members": [{"host": "1"}, {"host": "3"}]}),
            json!({"name": "b", "port": 1, "members": [{"host": "1"}, {"host": "9"},
                {"host": "8"}, {"host": "3"}]}),
            json!({"name": "b", "members": []}),
            json!({"name": "b", "members": 3}),
            json!({"name": "b"}),
            json!([1]),
            json!({"members": [{"host": "1", "weight": 1.0}, 5, {"host": "3"}]}),
        ]
    }

    #[test]
    fn a_step_from_the_compact_copy_is_the_step_from_the_tree() {
        for before in states() {
            for after in states() {
                let d = Delta::since(&Base::of(&before), &after);
                assert_eq!(d, Delta::between(&before, &after), "{before} -> {after}");
                let mut v = after.clone();
                d.apply(&mut v);
                assert_eq!(v, before);
            }
        }
    }

    #[test]
    fn equal_states_make_no_step() {
        let body = json!({"name": "a", "members": [{"host": "1"}]});
        assert!(Delta::between(&body, &body.clone()).is_empty());
        assert!(Delta::between(&json!(1), &json!(1)).is_empty());
        assert!(!Delta::between(&json!(1), &json!(2)).is_empty());
    }

    #[test]
    fn a_field_step_puts_back_absence_too() {
        let mut u = Undo::default();
        let mut v = Arc::new(json!({"name": "a"}));
        Arc::make_mut(&mut v)["port"] = json!(80);
        u.record(Delta::at(Path::root().key("port"), None));
        assert!(u.undo(&mut v));
        assert_eq!(*v, json!({"name": "a"}));
        assert!(u.redo(&mut v));
        assert_eq!(*v, json!({"name": "a", "port": 80}));
    }
}
