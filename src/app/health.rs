//! `health_status` of the loaded members by identity (read-only, not in the body): shown
//! beside a member, sorted by, and marked for a few refreshes when it changes. Held by the
//! hash of the identity and a number for the status: 10,000 members reporting their health
//! took 1.3 MB as identity and status strings, 0.3 MB this way. Two identities of one
//! channel sharing a 64-bit hash (seeded per editor) is not to be expected.

use std::collections::HashMap;
use std::hash::BuildHasher;

use serde_json::Value;

use crate::diff::hash::Seeded;
use crate::model::{Loaded, Names};

#[derive(Debug, Default)]
pub struct Health {
    seed: Seeded,
    /// Identity hash -> status number in `names`.
    of: HashMap<u64, u32>,
    names: Names,
}

/// The statuses of loaded members in their order, numbered: taken before the members are
/// made into the base (which frees them).
pub struct Statuses {
    /// Each member's status number in `names`; None where it reports none.
    numbers: Vec<Option<u32>>,
    names: Names,
}

impl Statuses {
    pub fn of(loaded: &Loaded) -> Statuses {
        let mut names = Names::default();
        let numbers = loaded
            .members
            .iter()
            .map(|m| {
                m.health_status
                    .as_deref()
                    .filter(|h| !h.is_empty())
                    .and_then(|h| names.id(h))
            })
            .collect();
        Statuses { numbers, names }
    }

    /// The statuses by identity; `base` is the body made of the members (same order).
    /// `like`: the health this replaces, whose hashes the new one's must match.
    pub fn by_identity(self, base: &Value, like: Option<&Health>) -> Health {
        let mut health = Health {
            seed: like.map_or_else(Seeded::new, |h| h.seed),
            of: HashMap::new(),
            names: self.names,
        };
        if let Some(ms) = base["members"].as_array() {
            for (m, &n) in ms.iter().zip(&self.numbers) {
                if let Some(n) = n {
                    let key = health.key(&crate::model::member_identity(m, base));
                    health.of.insert(key, n);
                }
            }
        }
        health.of.shrink_to_fit();
        health
    }
}

impl Health {
    /// The hash an identity is held by.
    pub fn key(&self, identity: &str) -> u64 {
        self.seed.hash_one(identity)
    }

    /// The health of the member with this identity.
    pub fn get(&self, identity: &str) -> Option<&str> {
        self.at(self.key(identity))
    }

    fn at(&self, key: u64) -> Option<&str> {
        Some(self.names.name(*self.of.get(&key)?))
    }

    /// The identities (as [`Health::key`]s) whose health differs in `now`, which must have
    /// been made `like` this one: changed, newly reported or no longer reported.
    pub fn changed_in(&self, now: &Health) -> Vec<u64> {
        now.of
            .keys()
            .filter(|&&k| now.at(k) != self.at(k))
            .chain(self.of.keys().filter(|k| !now.of.contains_key(k)))
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn loaded(statuses: &[&str]) -> (Loaded, Value) {
        let detail = serde_json::from_value(json!({"name": "web", "port": 80,
            "member_type": "ip"}))
        .unwrap();
        let members = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| {
                serde_json::from_value(json!({"host": format!("10.0.0.{i}"), "port": 80,
                    "health_status": s}))
                .unwrap()
            })
            .collect();
        let loaded = Loaded { detail, members };
        let base = loaded.base();
        (loaded, base)
    }

    fn identity(base: &Value, i: usize) -> String {
        crate::model::member_identity(&base["members"][i], base)
    }

    #[test]
    fn health_by_identity_and_what_a_refresh_changed() {
        let (l, base) = loaded(&["healthy", "", "unhealthy", "healthy"]);
        let before = Statuses::of(&l).by_identity(&base, None);
        assert_eq!(before.get(&identity(&base, 0)), Some("healthy"));
        assert_eq!(before.get(&identity(&base, 1)), None, "empty is none");
        assert_eq!(before.get(&identity(&base, 2)), Some("unhealthy"));
        assert_eq!(before.get("10.9.9.9:80"), None);
        assert_eq!(before.names.len(), 2, "each status once");
        let (l, now_base) = loaded(&["healthy", "healthy", "", "unhealthy"]);
        let now = Statuses::of(&l).by_identity(&now_base, Some(&before));
        let mut changed = before.changed_in(&now);
        changed.sort_unstable();
        let mut expected: Vec<u64> = [1, 2, 3]
            .iter()
            .map(|&i| now.key(&identity(&now_base, i)))
            .collect();
        expected.sort_unstable();
        assert_eq!(changed, expected, "reported, no longer reported, changed");
    }
}
