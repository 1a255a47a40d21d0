//! Byte strings one after another in one buffer, found by where each ends: 4 bytes of
//! overhead an entry, where a list of boxed strings costs a pointer, a length and the
//! allocator's rounding (16-40 bytes) each. Packed members and member ids are held this way.

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BackToBack {
    bytes: Vec<u8>,
    /// Where each entry ends in `bytes`.
    ends: Vec<u32>,
}

impl BackToBack {
    pub fn with_capacity(entries: usize) -> BackToBack {
        BackToBack {
            bytes: Vec::new(),
            ends: Vec::with_capacity(entries),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Add the entry `write` appends to the buffer. None, and nothing added, when `write`
    /// gives up or the buffer would pass 4 GB.
    pub fn push_with(&mut self, write: impl FnOnce(&mut Vec<u8>) -> Option<()>) -> Option<()> {
        let start = self.bytes.len();
        match write(&mut self.bytes).and_then(|()| u32::try_from(self.bytes.len()).ok()) {
            Some(end) => {
                self.ends.push(end);
                Some(())
            }
            None => {
                self.bytes.truncate(start);
                None
            }
        }
    }

    /// Entry `i`.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.bytes.get(start..end)
    }

    /// Give back what the buffers grew beyond their entries.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_by_position_and_a_refused_one_leaves_nothing() {
        let mut list = BackToBack::default();
        for s in ["ab", "", "cde"] {
            list.push_with(|b| {
                b.extend_from_slice(s.as_bytes());
                Some(())
            })
            .unwrap();
        }
        assert_eq!(
            list.push_with(|b| {
                b.extend_from_slice(b"half written");
                None
            }),
            None
        );
        assert_eq!(list.len(), 3);
        assert_eq!(list.get(0), Some(&b"ab"[..]));
        assert_eq!(list.get(1), Some(&b""[..]));
        assert_eq!(list.get(2), Some(&b"cde"[..]));
        assert_eq!(list.get(3), None);
    }
}
