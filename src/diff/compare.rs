//! Comparing bodies: channel fields recursively, members and groups by identity.
//!
//! Members are compared in place ([`members_equal`]) rather than copied into their canonical
//! form, so a diff of 10,000 members copies only the few that changed.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

use serde_json::Value;

use super::hash::{Prehashed, Seeded};
use super::normalize::{
    MemberCtx, is_empty_value, member_changes, member_group, members_equal, normalize_channel,
    normalize_member, normalize_members,
};
use super::{ChangeKind, Diff, FieldChange, ItemChange};
use crate::model::{MemberKey, group_identity, member_key};

/// Members at the same place that are known to be equal (see [`super::diff_knowing`]).
pub(crate) type SameAt<'f> = &'f dyn Fn(usize) -> bool;

pub(crate) fn diff_bodies(base: &Value, draft: &Value, same_at: Option<SameAt<'_>>) -> Diff {
    let base_top = normalize_channel(base);
    let draft_top = normalize_channel(draft);
    let mut fields = Vec::new();
    let mut groups = Vec::new();
    match (&base_top, &draft_top) {
        (Value::Object(b), Value::Object(d)) => {
            let keys = b.keys().chain(d.keys().filter(|k| !b.contains_key(*k)));
            for key in keys {
                match (key.as_str(), b.get(key), d.get(key)) {
                    ("member_groups", Some(Value::Array(o)), Some(Value::Array(n))) => {
                        let sides = (group_side(o), group_side(n));
                        let same = |a: &Value, b: &Value| a == b;
                        groups = diff_items(sides, (true, None), same, None, String::clone);
                    }
                    (_, old, new) => diff_values(&mut vec![key.as_str()], old, new, &mut fields),
                }
            }
        }
        (old, new) => diff_values(&mut Vec::new(), Some(old), Some(new), &mut fields),
    }

    let (base_ctx, draft_ctx) = (MemberCtx::of(base), MemberCtx::of(draft));
    let members = match (member_list(base), member_list(draft)) {
        (Some(o), Some(n)) => diff_items(
            (member_side(o, &base_ctx), member_side(n, &draft_ctx)),
            // Equal members are the same member only when the channels agree on port and type.
            (
                base_ctx.port == draft_ctx.port && base_ctx.ecs == draft_ctx.ecs,
                same_at,
            ),
            |a, b| members_equal(a, &base_ctx, b, &draft_ctx),
            Some(&|a: &Value, b: &Value| {
                let fields = member_changes(a, &base_ctx, b, &draft_ctx);
                let group = (!fields.is_empty())
                    .then(|| member_group(b, &draft_ctx))
                    .flatten();
                (fields, group)
            }),
            |k| k.label(),
        ),
        // Not a list on one side: compare the whole value. Only the members are normalised
        // here; the channel fields were already compared above.
        _ => {
            let (o, n) = (normalize_members(base), normalize_members(draft));
            diff_values(&mut vec!["members"], o.as_ref(), n.as_ref(), &mut fields);
            Vec::new()
        }
    };
    let moves = super::explain::moves(&members, (base_ctx.ecs, draft_ctx.ecs));
    let renames = super::explain::renames(&groups, &moves);
    Diff {
        fields,
        groups,
        members,
        members_before: count(base),
        members_after: count(draft),
        base_ecs: base_ctx.ecs,
        draft_ecs: draft_ctx.ecs,
        moves,
        renames,
        group_weights: group_weights(&draft_top),
        tcp_ignored: tcp_ignored(&draft_top),
    }
}

/// The fields a TCP health check carries but does not use (docs/api.md §3.4).
fn tcp_ignored(top: &Value) -> Vec<&'static str> {
    let Some(h) = top.get("vpc_health_config") else {
        return Vec::new();
    };
    if h.get("protocol").and_then(Value::as_str) != Some("TCP") {
        return Vec::new();
    }
    ["path", "method", "http_code"]
        .into_iter()
        .filter(|k| h.get(*k).is_some())
        .collect()
}

/// The groups of a normalised body that set a weight, with it.
fn group_weights(top: &Value) -> Vec<(String, Value)> {
    let groups = top.get("member_groups").and_then(Value::as_array);
    groups
        .into_iter()
        .flatten()
        .filter_map(|g| {
            let w = g.get("member_group_weight")?;
            Some((group_identity(g), w.clone()))
        })
        .collect()
}

fn group_side(items: &[Value]) -> Side<'_, String> {
    Side {
        items,
        key: Box::new(group_identity),
        canon: Box::new(Value::clone),
    }
}

fn member_side<'a>(items: &'a [Value], ctx: &'a MemberCtx) -> Side<'a, MemberKey<'a>> {
    Side {
        items,
        key: Box::new(move |m| member_key(m, ctx.ecs, ctx.port.as_ref())),
        canon: Box::new(move |m| normalize_member(m, ctx)),
    }
}

fn count(body: &Value) -> usize {
    body.get("members")
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// The members of a body; absent, `null` and `""` are none. `None` when not a list.
fn member_list(body: &Value) -> Option<&[Value]> {
    match body.get("members") {
        Some(Value::Array(items)) => Some(items),
        Some(v) if !is_empty_value(v) => None,
        _ => Some(&[]),
    }
}

/// Field changes between two values; objects are compared key by key, anything else whole.
pub(crate) fn diff_values<'a>(
    path: &mut Vec<&'a str>,
    old: Option<&'a Value>,
    new: Option<&'a Value>,
    out: &mut Vec<FieldChange>,
) {
    match (old, new) {
        (Some(Value::Object(o)), Some(Value::Object(n))) => {
            let keys = o.keys().chain(n.keys().filter(|k| !o.contains_key(*k)));
            for key in keys {
                path.push(key);
                diff_values(path, o.get(key), n.get(key), out);
                path.pop();
            }
        }
        (o, n) if o == n => {}
        (o, n) => out.push(FieldChange {
            path: crate::path::Path::of_keys(path),
            old: o.cloned(),
            new: n.cloned(),
        }),
    }
}

/// One side of a keyed comparison: the items, how to get an item's identity, and its
/// canonical form.
struct Side<'a, K> {
    items: &'a [Value],
    key: Box<dyn Fn(&'a Value) -> K + 'a>,
    canon: Box<dyn Fn(&Value) -> Value + 'a>,
}

impl<'a, K> Side<'a, K> {
    /// The identity of every item but those `skip` names (`None` for them).
    fn keys_unless(&self, skip: impl Fn(usize) -> bool) -> Vec<Option<K>> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, item)| (!skip(i)).then(|| (self.key)(item)))
            .collect()
    }
}

/// The fields of a changed item and its group, worked out in place (members): no canonical
/// copy of either side is kept.
type InPlace<'f> = &'f dyn Fn(&Value, &Value) -> (Vec<FieldChange>, Option<String>);

/// Match items by identity and report what changed: changed items in base order, then added
/// in draft order, then removed in base order.
///
/// When `trim` (the two channels agree on what identity depends on), items identical at the
/// same place, counted from the start and from the end, are paired first without hashing:
/// a draft with a few edits costs one cheap comparison per member, and none from the start
/// when `same_at` tells which are equal. The rest is matched through a hash map of
/// identities.
fn diff_items<'a, K: Hash + Eq>(
    (b, d): (Side<'a, K>, Side<'a, K>),
    (trim, same_at): (bool, Option<SameAt<'_>>),
    same: impl Fn(&Value, &Value) -> bool,
    in_place: Option<InPlace<'_>>,
    label: impl Fn(&K) -> String,
) -> Vec<ItemChange> {
    let (blen, dlen) = (b.items.len(), d.items.len());
    let mut pair: Vec<Option<usize>> = vec![None; dlen];
    let mut b_taken = vec![false; blen];
    if trim {
        let n = blen.min(dlen);
        if let Some(same_at) = same_at {
            for i in (0..n).filter(|&i| same_at(i)) {
                pair[i] = Some(i);
                b_taken[i] = true;
            }
        }
        // Compared in place from the start (unless told), and from the end when the lengths
        // differ (when they are equal those are the places already compared).
        let from_start = if same_at.is_some() { 0 } else { n };
        let from_end = if blen == dlen { 0 } else { n };
        let start = (0..from_start).map(|i| (i, i));
        let end = (0..from_end).map(|k| (dlen - 1 - k, blen - 1 - k));
        for (di, bi) in start.chain(end) {
            if pair[di].is_none() && !b_taken[bi] && identical(&b.items[bi], &d.items[di]) {
                pair[di] = Some(bi);
                b_taken[bi] = true;
            }
        }
    }
    let b_keys = b.keys_unless(|i| b_taken[i]);
    let d_keys = d.keys_unless(|j| pair[j].is_some());
    if trim {
        pair_by_place(&b_keys, &d_keys, &mut pair, &mut b_taken);
    }
    pair_up(&b, &d, &b_keys, &d_keys, &b_taken, &same, &mut pair);

    let mut matched = vec![false; blen];
    let mut changed = Vec::new();
    let mut added = Vec::new();
    for (di, item) in d.items.iter().enumerate() {
        match pair[di] {
            Some(bi) => {
                matched[bi] = true;
                // Pairs found by key may still differ; pairs found in place are identical.
                // A pair at one place was compared there already.
                let Some(key) = &d_keys[di] else { continue };
                if trim && bi != di && identical(&b.items[bi], item) {
                    continue;
                }
                let (fields, group, before, after) = match in_place {
                    Some(changes) => {
                        let (fields, group) = changes(&b.items[bi], item);
                        (fields, group, None, None)
                    }
                    None => {
                        // Each side normalised once: the canonical forms are equal exactly
                        // when the items are the `same`.
                        let before = (b.canon)(&b.items[bi]);
                        let after = (d.canon)(item);
                        let mut fields = Vec::new();
                        diff_values(&mut Vec::new(), Some(&before), Some(&after), &mut fields);
                        (fields, None, Some(before), Some(after))
                    }
                };
                if !fields.is_empty() {
                    changed.push(ItemChange {
                        kind: ChangeKind::Changed,
                        label: label(key),
                        base_index: Some(bi),
                        draft_index: Some(di),
                        before,
                        after,
                        fields,
                        group,
                    });
                }
            }
            None => added.push(ItemChange {
                kind: ChangeKind::Added,
                label: d_keys[di].as_ref().map(&label).unwrap_or_default(),
                base_index: None,
                draft_index: Some(di),
                before: None,
                after: Some((d.canon)(item)),
                fields: Vec::new(),
                group: None,
            }),
        }
    }
    changed.sort_by_key(|c| c.base_index);
    let removed = b
        .items
        .iter()
        .enumerate()
        .filter(|(bi, _)| !matched[*bi])
        .map(|(bi, item)| ItemChange {
            kind: ChangeKind::Removed,
            label: b_keys[bi].as_ref().map(&label).unwrap_or_default(),
            base_index: Some(bi),
            draft_index: None,
            before: Some((b.canon)(item)),
            after: None,
            fields: Vec::new(),
            group: None,
        });
    changed.extend(added);
    changed.extend(removed);
    changed
}

/// The same fields in the same order with equal values: certainly equal after
/// normalisation in the same channel, and checked without hashing.
fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, v), (l, w))| k == l && v == w)
        }
        _ => a == b,
    }
}

/// Items at the same place with the same key, a key that no other unpaired item on either
/// side has, pair there: it is the pair [`pair_up`] would make, found without a map of keys
/// (every member of a review that changed them all). Whether a key is elsewhere is told by
/// its hash; a shared hash (a duplicate, or two keys that collide) leaves the items to
/// [`pair_up`].
fn pair_by_place<K: Hash + Eq>(
    b_keys: &[Option<K>],
    d_keys: &[Option<K>],
    pair: &mut [Option<usize>],
    b_taken: &mut [bool],
) {
    let n = b_keys.len().min(d_keys.len());
    let at_place: Vec<bool> = (0..n)
        .map(|i| matches!((&b_keys[i], &d_keys[i]), (Some(x), Some(y)) if x == y))
        .collect();
    let at_place = |i: usize| at_place.get(i).copied().unwrap_or(false);
    let seeded = Seeded::new();
    // The places where a pair may be, with its key's hash, and for each hash whether it is
    // found more than once.
    let places: Vec<(usize, u64)> = (0..n)
        .filter(|&i| at_place(i))
        .filter_map(|i| Some((i, seeded.hash_one(b_keys[i].as_ref()?))))
        .collect();
    if places.is_empty() {
        return;
    }
    let mut shared: HashMap<u64, bool, Prehashed> =
        HashMap::with_capacity_and_hasher(places.len(), Prehashed);
    for &(_, h) in &places {
        shared.entry(h).and_modify(|s| *s = true).or_insert(false);
    }
    let elsewhere = |keys: &[Option<K>], shared: &mut HashMap<u64, bool, Prehashed>| {
        for (i, k) in keys.iter().enumerate() {
            if let Some(k) = k
                && !at_place(i)
                && let Some(s) = shared.get_mut(&seeded.hash_one(k))
            {
                *s = true;
            }
        }
    };
    elsewhere(b_keys, &mut shared);
    elsewhere(d_keys, &mut shared);
    for (i, h) in places {
        if shared.get(&h) == Some(&false) {
            pair[i] = Some(i);
            b_taken[i] = true;
        }
    }
}

/// Pair the items that have keys (those not paired in place) by key. Items sharing a key
/// (duplicates, which validation reports) pair equal values first and the rest in order of
/// appearance, so that reordering them is no change.
fn pair_up<K: Hash + Eq>(
    b: &Side<'_, K>,
    d: &Side<'_, K>,
    b_keys: &[Option<K>],
    d_keys: &[Option<K>],
    b_taken: &[bool],
    same: &impl Fn(&Value, &Value) -> bool,
    pair: &mut [Option<usize>],
) {
    let b_left = b_keys
        .iter()
        .enumerate()
        .filter(|(bi, k)| k.is_some() && !b_taken[*bi]);
    let d_left = d_keys
        .iter()
        .enumerate()
        .filter(|(di, k)| k.is_some() && pair[*di].is_none());
    // One map for both sides; the common case (one item per key) allocates nothing per key.
    let keyed = b_left.clone().count() + d_left.clone().count();
    if keyed == 0 {
        return;
    }
    let mut by_key: HashMap<&K, (Indexes, Indexes), Seeded> =
        HashMap::with_capacity_and_hasher(keyed, Seeded::new());
    for (bi, k) in b_left {
        if let Some(k) = k {
            by_key.entry(k).or_default().0.push(bi);
        }
    }
    for (di, k) in d_left {
        if let Some(k) = k {
            by_key.entry(k).or_default().1.push(di);
        }
    }
    for (bs, ds) in by_key.values() {
        if let (Some(bi), Some(di)) = (bs.single(), ds.single()) {
            pair[di] = Some(bi);
        } else if bs.first.is_some() && ds.first.is_some() {
            for (di, bi) in pair_duplicates(b, d, same, bs, ds) {
                pair[di] = Some(bi);
            }
        }
    }
}

/// Item indexes sharing one key, in order; no allocation for the first.
#[derive(Default)]
struct Indexes {
    first: Option<usize>,
    more: Vec<usize>,
}

impl Indexes {
    fn push(&mut self, i: usize) {
        if self.first.is_none() {
            self.first = Some(i);
        } else {
            self.more.push(i);
        }
    }

    fn single(&self) -> Option<usize> {
        self.first.filter(|_| self.more.is_empty())
    }

    fn iter(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.first.into_iter().chain(self.more.iter().copied())
    }
}

/// Several items with one key: equal values pair first (hashed by canonical text), the rest
/// in order of appearance. Returns (draft index, base index) pairs.
fn pair_duplicates<K>(
    b: &Side<'_, K>,
    d: &Side<'_, K>,
    same: &impl Fn(&Value, &Value) -> bool,
    bs: &Indexes,
    ds: &Indexes,
) -> Vec<(usize, usize)> {
    let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
    for bi in bs.iter().rev() {
        exact
            .entry(canonical_text(&(b.canon)(&b.items[bi])))
            .or_default()
            .push(bi);
    }
    let mut out = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let mut left = Vec::new();
    for di in ds.iter() {
        let text = canonical_text(&(d.canon)(&d.items[di]));
        match exact.get_mut(&text).and_then(Vec::pop) {
            Some(bi) if same(&b.items[bi], &d.items[di]) => {
                out.push((di, bi));
                taken.insert(bi);
            }
            Some(bi) => {
                exact.entry(text).or_default().push(bi);
                left.push(di);
            }
            None => left.push(di),
        }
    }
    let free = bs.iter().filter(|bi| !taken.contains(bi));
    out.extend(left.into_iter().zip(free));
    out
}

/// JSON text with object keys sorted: equal values (field order aside) give equal text.
fn canonical_text(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<_> = m.iter().collect();
            entries.sort_unstable_by_key(|(k, _)| k.as_str());
            out.push('{');
            for (k, v) in entries {
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
                out.push(',');
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for item in items {
                write_canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Items that are their own key: small numbers, so that keys repeat; `None` is an item
    /// already paired in place (it has no key).
    fn side(items: &[Value]) -> Side<'_, i64> {
        Side {
            items,
            key: Box::new(|v: &Value| v.as_i64().unwrap_or(-1)),
            canon: Box::new(Value::clone),
        }
    }

    fn pairs(b: &[Option<i64>], d: &[Option<i64>], by_place: bool) -> Vec<Option<usize>> {
        let items = |ks: &[Option<i64>]| -> Vec<Value> {
            ks.iter().map(|k| Value::from(k.unwrap_or(-1))).collect()
        };
        let (bi, di) = (items(b), items(d));
        let mut pair = vec![None; d.len()];
        let mut b_taken = vec![false; b.len()];
        if by_place {
            pair_by_place(b, d, &mut pair, &mut b_taken);
        }
        let same = |x: &Value, y: &Value| x == y;
        pair_up(&side(&bi), &side(&di), b, d, &b_taken, &same, &mut pair);
        pair
    }

    proptest! {
        /// Pairing at the same place first changes no pair: duplicates, keys found elsewhere
        /// and lists of different lengths all pair as the map of keys alone would.
        #[test]
        fn pairing_by_place_pairs_as_keys_do(
            b in prop::collection::vec(prop::option::weighted(0.9, 0i64..12), 0..16),
            d in prop::collection::vec(prop::option::weighted(0.9, 0i64..12), 0..16),
        ) {
            prop_assert_eq!(pairs(&b, &d, true), pairs(&b, &d, false));
        }
    }

    #[test]
    fn a_key_found_twice_is_not_paired_by_place() {
        // Key 1 is at place 0 on both sides but also at place 1 of the draft.
        let b = [Some(1), Some(2)];
        let d = [Some(1), Some(1)];
        let mut pair = vec![None; 2];
        let mut taken = vec![false; 2];
        pair_by_place(&b, &d, &mut pair, &mut taken);
        assert_eq!(pair, vec![None, None]);
        let d = [Some(1), Some(2)];
        pair_by_place(&b, &d, &mut pair, &mut taken);
        assert_eq!(pair, vec![Some(0), Some(1)]);
    }
}
