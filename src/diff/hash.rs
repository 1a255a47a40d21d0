//! A fast hasher for identity keys (the diff's member matching, the validator's duplicate and
//! group lookups): 10,000 members hash in well under a millisecond, where SipHash costs
//! several. Seeded from the standard library's random state for every map, so that crafted
//! addresses cannot be chosen to collide ahead of time.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};

const K: u64 = 0xf135_7aea_2e62_a9c5;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Seeded(u64);

impl Seeded {
    pub(crate) fn new() -> Self {
        Self(RandomState::new().hash_one(0x6368_616e_u64))
    }
}

impl Default for Seeded {
    fn default() -> Self {
        Self::new()
    }
}

/// A map keyed by identities, with a fresh seed per map.
pub(crate) type SeededHashMap<K, V> = HashMap<K, V, Seeded>;

impl BuildHasher for Seeded {
    type Hasher = Fast;
    fn build_hasher(&self) -> Fast {
        Fast(self.0)
    }
}

/// Multiply-rotate mixing of 8 bytes at a time.
pub(crate) struct Fast(u64);

impl Fast {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(K).rotate_left(26);
    }
}

impl Hasher for Fast {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // A last avalanche so that the low bits the table uses depend on every input bit.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// For maps keyed by a hash already made with [`Seeded`]: the key is its own hash.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Prehashed;

impl BuildHasher for Prehashed {
    type Hasher = Passed;
    fn build_hasher(&self) -> Passed {
        Passed(0)
    }
}

pub(crate) struct Passed(u64);

impl Hasher for Passed {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here; anything else is folded in, never lost.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keys_hash_apart_and_equal_keys_together() {
        let seeded = Seeded::new();
        let h = |v: &(&str, &str, i64)| seeded.hash_one(v);
        assert_eq!(h(&("g", "10.0.0.1", 80)), h(&("g", "10.0.0.1", 80)));
        assert_ne!(h(&("g", "10.0.0.1", 80)), h(&("g", "10.0.0.1", 81)));
        assert_ne!(h(&("g", "10.0.0.1", 80)), h(&("", "g10.0.0.1", 80)));
    }
}
