//! Undo/redo as a stack of whole drafts: simple, and exact whatever the edit was. The
//! drafts are shared snapshots, so remembering one copies nothing.

use std::sync::Arc;

use serde_json::Value;

/// Enough for a long session; the oldest states fall off.
const LIMIT: usize = 200;

#[derive(Debug, Default, Clone)]
pub struct Undo {
    past: Vec<Arc<Value>>,
    future: Vec<Arc<Value>>,
}

impl Undo {
    /// Remember `before` as the state to return to; a new edit forgets the redo branch.
    pub fn record(&mut self, before: Arc<Value>) {
        if self.past.len() == LIMIT {
            self.past.remove(0);
        }
        self.past.push(before);
        self.future.clear();
    }

    /// Forget the last record (an edit that was cancelled or changed nothing).
    pub fn drop_last(&mut self) {
        self.past.pop();
    }

    pub fn undo(&mut self, current: &mut Arc<Value>) -> bool {
        match self.past.pop() {
            Some(prev) => {
                self.future.push(std::mem::replace(current, prev));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, current: &mut Arc<Value>) -> bool {
        match self.future.pop() {
            Some(next) => {
                self.past.push(std::mem::replace(current, next));
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

    #[test]
    fn undo_then_redo_returns_to_each_state() {
        let mut u = Undo::default();
        let mut v = Arc::new(json!(1));
        u.record(v.clone());
        v = Arc::new(json!(2));
        u.record(v.clone());
        v = Arc::new(json!(3));
        assert!(u.undo(&mut v));
        assert_eq!(*v, json!(2));
        assert!(u.undo(&mut v));
        assert_eq!(*v, json!(1));
        assert!(!u.undo(&mut v));
        assert!(u.redo(&mut v));
        assert_eq!(*v, json!(2));
        u.record(v.clone());
        v = Arc::new(json!(9));
        assert!(!u.redo(&mut v), "a new edit forgets the redo branch");
        assert_eq!(*v, json!(9));
    }
}
