//! `members[]` (docs/api.md §3.3, §5.2 items 7–9, §5.3, §5.4): each member's fields, the fields its
//! channel's `member_type` requires, group references, duplicates, and grouping.
//!
//! This is the part that grows with the channel (10,000 members must validate in a few
//! milliseconds), so each member's fields are read in one pass over its entries and a clean
//! member allocates nothing.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use serde_json::{Map, Value};

use crate::diff::hash::{Prehashed, Seeded, SeededHashMap};
use crate::model::{MemberKey, MemberStatus, MemberType, VpcChannelType, member_key};

use super::channel::Channel;
use super::fields::{Field, Need, Text, text, type_error};
use super::groups::Groups;
use super::patterns::{ECS_ID, ECS_NAME};
use super::report::{At, Report, quote};
use super::unknown;

/// A member's fields, `None` when absent or null.
#[derive(Default)]
struct Member<'v> {
    host: Option<&'v Value>,
    weight: Option<&'v Value>,
    is_backup: Option<&'v Value>,
    member_group_name: Option<&'v Value>,
    status: Option<&'v Value>,
    port: Option<&'v Value>,
    ecs_id: Option<&'v Value>,
    ecs_name: Option<&'v Value>,
}

impl<'v> Member<'v> {
    /// One pass over the entries; fields no member has are reported as unknown.
    fn read(r: &mut Report, map: &'v Map<String, Value>, at: &At) -> Self {
        let mut m = Member::default();
        for (key, value) in map {
            let slot = match key.as_str() {
                "host" => &mut m.host,
                "weight" => &mut m.weight,
                "is_backup" => &mut m.is_backup,
                "member_group_name" => &mut m.member_group_name,
                "status" => &mut m.status,
                "port" => &mut m.port,
                "ecs_id" => &mut m.ecs_id,
                "ecs_name" => &mut m.ecs_name,
                other => {
                    unknown::report(r, at, other, &unknown::MEMBER);
                    continue;
                }
            };
            *slot = Some(value).filter(|v| !v.is_null());
        }
        m
    }
}

pub(crate) fn check(r: &mut Report, o: super::fields::Obj, ch: &Channel, groups: &Groups) {
    let Some(items) = o.array(r, "members", Need::No) else {
        return;
    };
    let list_at = o.at.key("members");
    if ch.kind == Some(VpcChannelType::Reference) {
        // The service never reads them, so their fields are not checked either.
        if !items.is_empty() {
            r.warn(
                &list_at,
                "ignored",
                "ignored on a reference channel: its members come from the referenced channels"
                    .into(),
            );
        }
        return;
    }

    let ecs = ch.member_type == Some(MemberType::Ecs);
    let channel_port = o.map.get("port");
    let mut seen = Seen::with_capacity(items.len());
    let mut grouped = 0usize;
    let mut first_ungrouped = None;
    for (i, item) in items.iter().enumerate() {
        let at = list_at.index(i);
        let Value::Object(map) = item else {
            type_error(r, &at, "object", item);
            continue;
        };
        let m = Member::read(r, map, &at);
        let group = check_member(r, &m, &at, ch, groups);
        match group {
            Some(_) => grouped += 1,
            None => {
                first_ungrouped.get_or_insert(i);
            }
        }
        // A member that does not name its own address yet has no identity to compare.
        let named = if ecs { m.ecs_id } else { m.host };
        if named.and_then(Value::as_str).is_none_or(str::is_empty) {
            continue;
        }
        let id = member_key(item, ecs, channel_port);
        let key_of = |j: usize| member_key(&items[j], ecs, channel_port);
        if let Some(first) = seen.first_of(id, i, key_of) {
            let message = duplicate_message(&key_of(first), first, ch.port);
            r.error(&at, "duplicate_member", message);
        }
    }

    if let Some(i) = first_ungrouped
        && grouped > 0
    {
        r.warn(
            &list_at.index(i).key("member_group_name"),
            "mixed_groups",
            mixed_message(items.len() - grouped, items.len()),
        );
    }
}

/// The members seen so far by identity, held as the identity's hash and the first member
/// with it: at 10,000 members a map of whole identities would be 1.7 MB, most of the peak
/// memory of opening a channel besides the channel itself. A hash shared by two identities
/// (a collision) keeps the later one whole.
struct Seen<'a, S = Seeded> {
    hasher: S,
    first: HashMap<u64, usize, Prehashed>,
    collided: SeededHashMap<MemberKey<'a>, usize>,
}

impl Seen<'_> {
    fn with_capacity(n: usize) -> Self {
        Seen::hashed_by(Seeded::new(), n)
    }
}

impl<'a, S: BuildHasher> Seen<'a, S> {
    fn hashed_by(hasher: S, n: usize) -> Self {
        Seen {
            hasher,
            first: HashMap::with_capacity_and_hasher(n, Prehashed),
            collided: SeededHashMap::default(),
        }
    }

    /// Note member `i` with identity `id`; the first member that had it, if one did.
    /// `key_of(j)` gives member `j`'s identity again.
    fn first_of(
        &mut self,
        id: MemberKey<'a>,
        i: usize,
        key_of: impl Fn(usize) -> MemberKey<'a>,
    ) -> Option<usize> {
        match self.first.entry(self.hasher.hash_one(&id)) {
            Entry::Vacant(slot) => {
                slot.insert(i);
                None
            }
            Entry::Occupied(slot) if key_of(*slot.get()) == id => Some(*slot.get()),
            Entry::Occupied(_) => match self.collided.entry(id) {
                Entry::Vacant(slot) => {
                    slot.insert(i);
                    None
                }
                Entry::Occupied(slot) => Some(*slot.get()),
            },
        }
    }
}

/// The `duplicate_member` finding of a member whose identity `id` members[`first`] has too.
pub(super) fn duplicate_message(id: &MemberKey, first: usize, channel_port: Option<i64>) -> String {
    let group = id.group().map_or_else(|| "none".to_string(), |g| quote(&g));
    let port = match (channel_port, id.port()) {
        (Some(p), Some(q)) if p.to_string() == q => format!("port {p}, the channel port"),
        (_, None) => "the channel port".to_string(),
        (_, Some(q)) => format!("port {q}"),
    };
    format!(
        "same address as members[{first}] (group {group}, {}, {port}); the server keeps only \
         the first",
        quote(&id.address()),
    )
}

/// The `mixed_groups` finding when `ungrouped` of `total` members have no group.
pub(super) fn mixed_message(ungrouped: usize, total: usize) -> String {
    format!(
        "{ungrouped} of {total} members have no group while the others do; the server may \
         reject this (\"members must bound to member group or not\", docs/api.md §8.20)"
    )
}

/// Check one member; returns its group name when it names one.
fn check_member<'v>(
    r: &mut Report,
    m: &Member<'v>,
    at: &At,
    ch: &Channel,
    groups: &Groups,
) -> Option<&'v str> {
    let field = |key: &'static str, value| Field {
        parent: at,
        key,
        value,
    };
    let ip = ch.member_type == Some(MemberType::Ip);
    let ecs = ch.member_type == Some(MemberType::Ecs);

    let host_need = if ip {
        Need::When("when member_type is ip")
    } else {
        Need::No
    };
    field("host", m.host).text(r, host_need, Text::len(1, 255));
    field("weight", m.weight).int_range(r, Need::No, 0, 10000);
    field("is_backup", m.is_backup).boolean(r);
    field("status", m.status).int_enum(r, Need::No, &[1, 2], MemberStatus::describe);
    field("port", m.port).int_range(r, Need::No, 0, 65535);

    if ecs {
        ecs_id(r, field("ecs_id", m.ecs_id));
        field("ecs_name", m.ecs_name).text(
            r,
            Need::When("when member_type is ecs"),
            Text::with(
                1,
                64,
                &ECS_NAME,
                "must contain only letters, digits, `-`, `_`, `.`",
            ),
        );
    } else {
        // On ip members the server copies host into these; they are ignored on input.
        field("ecs_id", m.ecs_id).string(r, Need::No);
        field("ecs_name", m.ecs_name).string(r, Need::No);
    }

    let group_field = field("member_group_name", m.member_group_name);
    let group = group_field.string(r, Need::No)?;
    if groups.known && !groups.names.contains_key(group) {
        r.error(
            &group_field.at(),
            "unknown_group",
            format!(
                "must name a group in member_groups ({}); got {}",
                known_groups(groups),
                quote(group)
            ),
        );
    }
    Some(group)
}

/// `ecs_id`: 1..64 in the text, 255 in the schema (docs/api.md §8.7): beyond 64 is a warning.
fn ecs_id(r: &mut Report, f: Field) {
    let Some(id) = f.string(r, Need::When("when member_type is ecs")) else {
        return;
    };
    let at = f.at();
    let n = id.chars().count();
    if n > 64 && n <= 255 {
        r.warn(
            &at,
            "length",
            format!("documented as 1..64 characters (the schema allows 255); got {n}"),
        );
    }
    text(
        r,
        &at,
        id,
        Text::with(
            1,
            255,
            &ECS_ID,
            "must contain only letters, digits, `-`, `_`",
        ),
    );
}

fn known_groups(groups: &Groups) -> String {
    if groups.names.is_empty() {
        return "there are none".to_string();
    }
    let mut names: Vec<(&&str, &usize)> = groups.names.iter().collect();
    names.sort_by_key(|(_, i)| **i);
    let shown: Vec<String> = names.iter().take(5).map(|(n, _)| quote(n)).collect();
    let more = names.len().saturating_sub(5);
    if more > 0 {
        format!("known: {} and {more} more", shown.join(", "))
    } else {
        format!("known: {}", shown.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasherDefault, Hasher};

    use super::*;

    /// Every identity hashes alike: each lookup is a collision.
    #[derive(Default)]
    struct Colliding;

    impl Hasher for Colliding {
        fn write(&mut self, _: &[u8]) {}
        fn finish(&self) -> u64 {
            7
        }
    }

    #[test]
    fn identities_that_share_a_hash_are_told_apart() {
        let keys = [
            MemberKey::new("g", "10.0.0.1", 80),
            MemberKey::new("g", "10.0.0.2", 80),
            MemberKey::new("g", "10.0.0.1", 80),
            MemberKey::new("g", "10.0.0.2", 80),
            MemberKey::new("h", "10.0.0.1", 80),
        ];
        let mut seen = Seen::hashed_by(BuildHasherDefault::<Colliding>::default(), 4);
        let found: Vec<Option<usize>> = (0..keys.len())
            .map(|i| seen.first_of(keys[i].clone(), i, |j| keys[j].clone()))
            .collect();
        assert_eq!(found, [None, None, Some(0), Some(1), None]);
        let mut seen = Seen::with_capacity(4);
        let found: Vec<Option<usize>> = (0..keys.len())
            .map(|i| seen.first_of(keys[i].clone(), i, |j| keys[j].clone()))
            .collect();
        assert_eq!(found, [None, None, Some(0), Some(1), None]);
    }
}
