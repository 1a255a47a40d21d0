//! What the draft changed, row by row and field by field, for the marks in tables and forms.
//! Only what is drawn is asked about: the base's rows are indexed by identity once per base,
//! so a mark costs one lookup and one row comparison, never a diff of the whole body.

use std::collections::HashMap;
use std::hash::BuildHasher;

use serde_json::Value;

use super::editor::Editor;
use super::rows::RowKind;
use crate::diff::hash::Seeded;
use crate::model::{KeyContext, MemberKey, group_identity, member_key_in};
use crate::path::{Path, Step};

/// The base's rows by identity (as the diff matches them), built when a base is loaded. Members
/// are held by the hash of their identity and address, not by copies of them, in lists sorted
/// by hash (12 bytes a member where a map took 28, 10,000 members in 0.3 MB instead of 0.7): a
/// hit is checked against the base member itself, so a collision finds nothing rather than
/// the wrong row.
#[derive(Debug, Default)]
pub struct BaseRows {
    seed: Seeded,
    /// The last base member with each identity (as a map collecting them would keep).
    members: Hashed,
    /// Members by address alone, [`SHARED`] where two share one: a form still marks only the
    /// fields an edit of port or group changed, though the member's identity moved.
    addresses: Hashed,
    groups: HashMap<String, usize>,
}

/// (hash, row) sorted by hash, one row a hash.
#[derive(Debug, Default)]
struct Hashed(Vec<(u64, u32)>);

/// In [`BaseRows::addresses`]: more than one member has the address.
const SHARED: u32 = u32::MAX;

impl Hashed {
    /// From (hash, row) in row order; `on_repeat` picks the row kept for a hash seen again.
    fn of(mut rows: Vec<(u64, u32)>, on_repeat: impl Fn(u32, u32) -> u32) -> Hashed {
        // Stable: rows of one hash stay in row order.
        rows.sort_by_key(|&(h, _)| h);
        rows.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = on_repeat(kept.1, later.1);
            }
            same
        });
        rows.shrink_to_fit();
        Hashed(rows)
    }

    fn get(&self, hash: u64) -> Option<usize> {
        let at = self.0.binary_search_by_key(&hash, |&(h, _)| h).ok()?;
        Some(self.0[at].1 as usize)
    }
}

impl BaseRows {
    pub fn of(base: &Value) -> BaseRows {
        let rows = |key: &str| base[key].as_array().map_or(&[][..], Vec::as_slice);
        let seed = Seeded::new();
        let ctx = KeyContext::of(base);
        let (members, addresses): (Vec<_>, Vec<_>) = rows("members")
            .iter()
            .zip(0u32..)
            .map(|(m, i)| {
                let key = ctx.key(m);
                ((seed.hash_one(&key), i), (seed.hash_one(key.address()), i))
            })
            .unzip();
        BaseRows {
            seed,
            members: Hashed::of(members, |_, later| later),
            addresses: Hashed::of(addresses, |_, _| SHARED),
            groups: rows("member_groups")
                .iter()
                .enumerate()
                .map(|(i, g)| (group_identity(g), i))
                .collect(),
        }
    }

    /// The base member whose identity hashes as `key`'s: the member with that identity, but
    /// for a hash collision.
    fn candidate(&self, key: &MemberKey<'_>) -> Option<usize> {
        self.members.get(self.seed.hash_one(key))
    }

    /// The base member with identity `key`.
    fn member(&self, ed: &Editor, key: &MemberKey<'_>) -> Option<usize> {
        let j = self.candidate(key)?;
        let found = ed.base.member(j)?;
        (member_key_in(&found, ed.base.rest()) == *key).then_some(j)
    }

    /// The one base member at `address`.
    fn at_address(&self, ed: &Editor, address: &str) -> Option<usize> {
        let j = self
            .addresses
            .get(self.seed.hash_one(address))
            .filter(|&j| j != SHARED as usize)?;
        let found = ed.base.member(j)?;
        (member_key_in(&found, ed.base.rest()).address() == address).then_some(j)
    }
}

/// Base row `j` of `kind` equals `row`.
fn base_row_eq(ed: &Editor, kind: RowKind, j: usize, row: &Value) -> bool {
    match kind {
        RowKind::Members => ed.base.member_eq(j, row),
        RowKind::Groups => ed.base.field(kind.key()).and_then(|g| g.get(j)) == Some(row),
    }
}

/// The base member that a member of the draft is (same identity), if any.
pub fn base_member(ed: &Editor, member: &Value) -> Option<usize> {
    ed.base_rows.member(ed, &member_key_in(member, &ed.draft))
}

/// The base row that draft row `i` of `kind` is (same identity), if any.
fn base_row(ed: &Editor, kind: RowKind, i: usize) -> Option<usize> {
    let row = ed.rows(kind).get(i)?;
    match kind {
        RowKind::Members => base_member(ed, row),
        RowKind::Groups => ed.base_rows.groups.get(&group_identity(row)).copied(),
    }
}

/// Whether draft row `i` is new or differs from its base row.
pub fn row_changed(ed: &Editor, kind: RowKind, i: usize) -> bool {
    let Some(row) = ed.rows(kind).get(i) else {
        return false;
    };
    // Drawn rows only, but every frame: a member's hit is not checked by making the base
    // member, since a colliding member cannot equal this row anyway.
    let found = match kind {
        RowKind::Members => ed.base_rows.candidate(&member_key_in(row, &ed.draft)),
        RowKind::Groups => base_row(ed, kind, i),
    };
    match found {
        Some(j) => !base_row_eq(ed, kind, j, row),
        None => true,
    }
}

/// Whether the value at `path` (index form, as a form shows it) differs from the base: for a
/// row's field, from the same field of the base row with the same identity; a new row's
/// fields are all changed.
pub fn field_changed(ed: &Editor, path: &Path) -> bool {
    let now = path.get(&ed.draft);
    let row = RowKind::ALL
        .into_iter()
        .find_map(|k| path.row_of(k.key()).map(|i| (k, i)));
    let Some((kind, i)) = row else {
        // Outside the rows, the base's other fields are kept whole.
        return now != path.get(ed.base.rest());
    };
    // A member whose port or group changed has another identity: its fields are compared
    // with the base member of the same address, when only one has it.
    let same_address = || {
        let row = ed.rows(kind).get(i)?;
        let address = member_key_in(row, &ed.draft).address();
        ed.base_rows.at_address(ed, &address)
    };
    let found = base_row(ed, kind, i).or_else(|| match kind {
        RowKind::Members => same_address(),
        RowKind::Groups => None,
    });
    let Some(j) = found else {
        return now.is_some();
    };
    match kind {
        // The field, below `members[i]`, of the base member as a value of its own.
        RowKind::Members => {
            let member = ed.base.member(j);
            let within = Path::new(path.steps().get(2..).unwrap_or_default().to_vec());
            now != member.as_ref().and_then(|m| within.get(m))
        }
        RowKind::Groups => {
            let mut steps = path.steps().to_vec();
            if let Some(at) = steps.get_mut(1) {
                *at = Step::Index(j);
            }
            now != Path::new(steps).get(ed.base.rest())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_keeps_its_last_row_or_says_it_is_shared() {
        let rows = vec![(5, 0), (3, 1), (5, 2), (9, 3), (5, 4)];
        let last = Hashed::of(rows.clone(), |_, later| later);
        assert_eq!(last.get(5), Some(4));
        assert_eq!(last.get(3), Some(1));
        assert_eq!(last.get(9), Some(3));
        assert_eq!(last.get(4), None);
        let shared = Hashed::of(rows, |_, _| SHARED);
        assert_eq!(shared.get(5), Some(SHARED as usize));
        assert_eq!(shared.get(3), Some(1));
    }
}
