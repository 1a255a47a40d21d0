//! Comparing bodies: channel fields recursively, members and groups by identity.
//!
//! Members are compared in place ([`members_equal`]) rather than copied into their canonical
//! form, so a diff of 10,000 members copies only the few that changed.

use std::collections::HashMap;
use std::hash::Hash;

use serde_json::Value;

use super::identity::{MemberKey, group_identity, member_key};
use super::normalize::{
    MemberCtx, is_empty_value, members_equal, normalize, normalize_channel, normalize_member,
};
use super::{ChangeKind, Diff, FieldChange, ItemChange};

pub(crate) fn diff_bodies(base: &Value, draft: &Value) -> Diff {
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
                        groups = diff_items(
                            o,
                            n,
                            group_side(o),
                            group_side(n),
                            |a, b| a == b,
                            String::clone,
                        );
                    }
                    (_, old, new) => diff_values(&mut vec![key.clone()], old, new, &mut fields),
                }
            }
        }
        (old, new) => diff_values(&mut Vec::new(), Some(old), Some(new), &mut fields),
    }

    let (base_ctx, draft_ctx) = (MemberCtx::of(base), MemberCtx::of(draft));
    let members = match (member_list(base), member_list(draft)) {
        (Some(o), Some(n)) => diff_items(
            o,
            n,
            member_side(o, &base_ctx),
            member_side(n, &draft_ctx),
            |a, b| members_equal(a, &base_ctx, b, &draft_ctx),
            |k| k.label(),
        ),
        // Not a list on one side: compare the whole value.
        _ => {
            let (o, n) = (normalize(base), normalize(draft));
            let key = "members".to_string();
            diff_values(
                &mut vec![key],
                o.get("members"),
                n.get("members"),
                &mut fields,
            );
            Vec::new()
        }
    };
    Diff {
        fields,
        groups,
        members,
        members_before: count(base),
        members_after: count(draft),
        base_ecs: base_ctx.ecs,
        draft_ecs: draft_ctx.ecs,
    }
}

fn group_side(items: &[Value]) -> Keyed<'static, String> {
    Keyed {
        keys: items.iter().map(group_identity).collect(),
        canon: Box::new(Value::clone),
    }
}

fn member_side<'a>(items: &'a [Value], ctx: &'a MemberCtx) -> Keyed<'a, MemberKey<'a>> {
    Keyed {
        keys: items
            .iter()
            .map(|m| member_key(m, ctx.ecs, ctx.port.as_ref()))
            .collect(),
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
pub(crate) fn diff_values(
    path: &mut Vec<String>,
    old: Option<&Value>,
    new: Option<&Value>,
    out: &mut Vec<FieldChange>,
) {
    match (old, new) {
        (Some(Value::Object(o)), Some(Value::Object(n))) => {
            let keys = o.keys().chain(n.keys().filter(|k| !o.contains_key(*k)));
            for key in keys {
                path.push(key.clone());
                diff_values(path, o.get(key), n.get(key), out);
                path.pop();
            }
        }
        (o, n) if o == n => {}
        (o, n) => out.push(FieldChange {
            path: path.clone(),
            old: o.cloned(),
            new: n.cloned(),
        }),
    }
}

/// One side of a keyed comparison: the identity of every item, and how to get an item's
/// canonical form.
struct Keyed<'a, K> {
    keys: Vec<K>,
    canon: Box<dyn Fn(&Value) -> Value + 'a>,
}

/// Match items by key and report what changed: changed items in base order, then added in
/// draft order, then removed in base order.
fn diff_items<K: Hash + Eq>(
    base: &[Value],
    draft: &[Value],
    b_side: Keyed<'_, K>,
    d_side: Keyed<'_, K>,
    same: impl Fn(&Value, &Value) -> bool,
    label: impl Fn(&K) -> String,
) -> Vec<ItemChange> {
    let pair = pair_up(base, draft, &b_side, &d_side, &same);
    let mut matched = vec![false; base.len()];
    let mut changed = Vec::new();
    let mut added = Vec::new();
    for (d, item) in draft.iter().enumerate() {
        match pair[d] {
            Some(b) => {
                matched[b] = true;
                if !same(&base[b], item) {
                    let before = (b_side.canon)(&base[b]);
                    let after = (d_side.canon)(item);
                    let mut fields = Vec::new();
                    diff_values(&mut Vec::new(), Some(&before), Some(&after), &mut fields);
                    changed.push(ItemChange {
                        kind: ChangeKind::Changed,
                        label: label(&d_side.keys[d]),
                        base_index: Some(b),
                        draft_index: Some(d),
                        before: Some(before),
                        after: Some(after),
                        fields,
                    });
                }
            }
            None => added.push(ItemChange {
                kind: ChangeKind::Added,
                label: label(&d_side.keys[d]),
                base_index: None,
                draft_index: Some(d),
                before: None,
                after: Some((d_side.canon)(item)),
                fields: Vec::new(),
            }),
        }
    }
    changed.sort_by_key(|c| c.base_index);
    let removed = base
        .iter()
        .enumerate()
        .filter(|(b, _)| !matched[*b])
        .map(|(b, item)| ItemChange {
            kind: ChangeKind::Removed,
            label: label(&b_side.keys[b]),
            base_index: Some(b),
            draft_index: None,
            before: Some((b_side.canon)(item)),
            after: None,
            fields: Vec::new(),
        });
    changed.extend(added);
    changed.extend(removed);
    changed
}

/// For each draft item, the base item it is (by key). Items sharing a key (duplicates, which
/// validation reports) pair equal values first and the rest in order of appearance, so that
/// reordering them is no change.
fn pair_up<K: Hash + Eq>(
    base: &[Value],
    draft: &[Value],
    b_side: &Keyed<'_, K>,
    d_side: &Keyed<'_, K>,
    same: &impl Fn(&Value, &Value) -> bool,
) -> Vec<Option<usize>> {
    // One map for both sides; the common case (one item per key) allocates nothing per key.
    let mut by_key: HashMap<&K, (Indexes, Indexes)> =
        HashMap::with_capacity(base.len().max(draft.len()));
    for (b, k) in b_side.keys.iter().enumerate() {
        by_key.entry(k).or_default().0.push(b);
    }
    for (d, k) in d_side.keys.iter().enumerate() {
        by_key.entry(k).or_default().1.push(d);
    }
    let mut pair = vec![None; draft.len()];
    for (bs, ds) in by_key.values() {
        if let (Some(b), Some(d)) = (bs.single(), ds.single()) {
            pair[d] = Some(b);
        } else if bs.first.is_some() && ds.first.is_some() {
            pair_duplicates(base, draft, b_side, d_side, same, bs, ds, &mut pair);
        }
    }
    pair
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
/// in order of appearance.
#[allow(clippy::too_many_arguments)]
fn pair_duplicates<K>(
    base: &[Value],
    draft: &[Value],
    b_side: &Keyed<'_, K>,
    d_side: &Keyed<'_, K>,
    same: &impl Fn(&Value, &Value) -> bool,
    bs: &Indexes,
    ds: &Indexes,
    pair: &mut [Option<usize>],
) {
    let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
    for b in bs.iter().rev() {
        exact
            .entry(canonical_text(&(b_side.canon)(&base[b])))
            .or_default()
            .push(b);
    }
    let mut taken = std::collections::HashSet::new();
    let mut left = Vec::new();
    for d in ds.iter() {
        let text = canonical_text(&(d_side.canon)(&draft[d]));
        match exact.get_mut(&text).and_then(Vec::pop) {
            Some(b) if same(&base[b], &draft[d]) => {
                pair[d] = Some(b);
                taken.insert(b);
            }
            Some(b) => {
                exact.entry(text).or_default().push(b);
                left.push(d);
            }
            None => left.push(d),
        }
    }
    let free = bs.iter().filter(|b| !taken.contains(b));
    for (d, b) in left.into_iter().zip(free) {
        pair[d] = Some(b);
    }
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
