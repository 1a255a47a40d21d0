//! Interned strings, both ways: a handful of distinct names (member keys, group names, health
//! statuses) used by thousands of members are held once and named by number.

use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    list: Vec<Arc<str>>,
    index: HashMap<Arc<str>, u32>,
}

impl Names {
    /// The number of `s`, interned now if it is new; None past 2^32 names.
    pub fn id(&mut self, s: &str) -> Option<u32> {
        if let Some(&i) = self.index.get(s) {
            return Some(i);
        }
        let i = u32::try_from(self.list.len()).ok()?;
        let s: Arc<str> = Arc::from(s);
        self.list.push(Arc::clone(&s));
        self.index.insert(s, i);
        Some(i)
    }

    /// The number of `s`, if it is interned.
    pub fn find(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }

    /// Name number `i` ("" for a number never given).
    pub fn name(&self, i: u32) -> &str {
        self.list.get(i as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
