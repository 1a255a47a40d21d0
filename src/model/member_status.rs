//! Member statuses in a channel body, for a drain or undrain (CLI or editor): which members
//! change, the body the channel is expected to be afterwards (what the journal records as
//! sent), and whether the change leaves a channel or a group with no enabled member.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::{MemberKey, MemberStatus, member_key_in};

/// Member identities, owned (they outlive the body they were read from).
pub type Keys = HashSet<MemberKey<'static>>;

pub const ENABLED: i64 = 1;
pub const DISABLED: i64 = 2;

fn members(body: &Value) -> &[Value] {
    body.get("members")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A member's status; none means enabled (the API's default).
pub fn status(member: &Value) -> i64 {
    member
        .get("status")
        .and_then(Value::as_i64)
        .unwrap_or(MemberStatus::Enabled.code())
}

/// The identities of the members at these positions of `body["members"]`.
pub fn keys_at(body: &Value, positions: &[usize]) -> Keys {
    let all = members(body);
    positions
        .iter()
        .filter_map(|i| all.get(*i))
        .map(|m| member_key_in(m, body).into_owned())
        .collect()
}

/// Whether the member's identity is one of `keys`.
pub fn is_one_of(member: &Value, body: &Value, keys: &Keys) -> bool {
    keys.contains(&member_key_in(member, body))
}

/// `body` with the members named by `keys` set to `status`: what the server should hold
/// after the batch write.
pub fn with_status(body: &Value, keys: &Keys, status: i64) -> Value {
    let mut out = body.clone();
    let names: Vec<bool> = members(body)
        .iter()
        .map(|m| is_one_of(m, body, keys))
        .collect();
    if let Some(list) = out.get_mut("members").and_then(Value::as_array_mut) {
        for (m, named) in list.iter_mut().zip(names) {
            if let (true, Some(obj)) = (named, m.as_object_mut()) {
                obj.insert("status".into(), Value::from(status));
            }
        }
    }
    out
}

/// The members a journaled drain disabled: disabled in what it sent, not in its base.
pub fn disabled_by(base: &Value, sent: &Value) -> Keys {
    let before: HashSet<MemberKey<'_>> = members(base)
        .iter()
        .filter(|m| status(m) != DISABLED)
        .map(|m| member_key_in(m, base))
        .collect();
    members(sent)
        .iter()
        .filter(|m| status(m) == DISABLED)
        .map(|m| member_key_in(m, sent))
        .filter(|k| before.contains(k))
        .map(MemberKey::into_owned)
        .collect()
}

/// What disabling `keys` would leave without an enabled member: the channel itself, and
/// each group of those members. Empty when some member stays enabled everywhere.
pub fn left_without_enabled(body: &Value, keys: &Keys) -> Vec<String> {
    let all = members(body);
    let enabled = |m: &&Value| status(m) != DISABLED;
    let stays = |m: &&Value| !is_one_of(m, body, keys);
    let mut out = Vec::new();
    if all.iter().any(|m| enabled(&m)) && !all.iter().filter(enabled).any(|m| stays(&m)) {
        out.push("the channel's last enabled member".to_string());
    }
    let groups: BTreeSet<String> = keys.iter().filter_map(MemberKey::group).collect();
    for g in groups {
        let of_group = |m: &&Value| m.get("member_group_name").and_then(Value::as_str) == Some(&g);
        let in_group: Vec<&Value> = all.iter().filter(of_group).collect();
        let enabled_now = in_group.iter().filter(|m| enabled(m)).count();
        let enabled_after = in_group.iter().filter(|m| enabled(m) && stays(m)).count();
        if enabled_now > 0 && enabled_after == 0 {
            out.push(format!("the last enabled member of group {g}"));
        }
    }
    out
}

/// Enabled members now and after disabling `keys`.
pub fn enabled_counts(body: &Value, keys: &Keys) -> (usize, usize) {
    let all = members(body);
    let now = all.iter().filter(|m| status(m) != DISABLED).count();
    let after = all
        .iter()
        .filter(|m| status(m) != DISABLED && !is_one_of(m, body, keys))
        .count();
    (now, after)
}

/// The members of `body` named by `keys` whose status is not yet `target`.
pub fn still_to_change(body: &Value, keys: &Keys, target: i64) -> usize {
    members(body)
        .iter()
        .filter(|m| is_one_of(m, body, keys) && status(m) != target)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body() -> Value {
        json!({"port": 80, "member_type": "ip", "members": [
            {"host": "10.0.0.1", "member_group_name": "a"},
            {"host": "10.0.0.2", "member_group_name": "a", "status": 1},
            {"host": "10.0.0.1", "member_group_name": "b", "status": 1},
            {"host": "10.0.0.3", "member_group_name": "b", "status": 2},
        ]})
    }

    #[test]
    fn draining_sets_the_status_of_exactly_the_named_members() {
        let b = body();
        let keys = keys_at(&b, &[0, 2]);
        let after = with_status(&b, &keys, DISABLED);
        let statuses: Vec<i64> = after["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(status)
            .collect();
        assert_eq!(statuses, [2, 1, 2, 2]);
        assert_eq!(disabled_by(&b, &after), keys);
        assert_eq!(still_to_change(&after, &keys, DISABLED), 0);
        assert_eq!(still_to_change(&b, &keys, DISABLED), 2);
        assert_eq!(enabled_counts(&b, &keys), (3, 1));
    }

    #[test]
    fn the_last_enabled_member_of_a_group_or_channel_is_named() {
        let b = body();
        // Group b keeps no enabled member (10.0.0.3 is already disabled); group a keeps one.
        let keys = keys_at(&b, &[0, 2]);
        assert_eq!(
            left_without_enabled(&b, &keys),
            ["the last enabled member of group b"]
        );
        let every = keys_at(&b, &[0, 1, 2]);
        let why = left_without_enabled(&b, &every);
        assert!(
            why.contains(&"the channel's last enabled member".to_string()),
            "{why:?}"
        );
        assert!(left_without_enabled(&b, &keys_at(&b, &[1])).is_empty());
    }
}
