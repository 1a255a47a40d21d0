//! Checking an assembled member list before anyone edits it: a PUT with a member list that
//! the server never held deletes the members it lacks. The pages are already checked to add
//! up and to hold each id once (`pages`); here the list is checked against the member
//! identity the server goes by, and against the copy the channel detail embeds.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::ApiError;
use crate::model::{MemberKey, VpcChannel, VpcMemberInfo};

/// What the channel detail (E2) says about its members: how many it embeds, and their ids.
/// The embedded copy may be partial on large channels (spec §8.17), never larger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Embedded {
    pub count: usize,
    pub ids: Vec<String>,
}

/// Any sign that `members` is not a set the server held: two members with one identity, or
/// a list that disagrees with the detail read beside it (more members there, or one there
/// that the list lacks). Each is [`ApiError::Inconsistent`]: the load reads again.
pub fn check(
    detail: &VpcChannel,
    embedded: Option<&Embedded>,
    members: &[VpcMemberInfo],
) -> Result<(), ApiError> {
    check_identities(detail, members)?;
    if let Some(e) = embedded {
        check_against_detail(e, members)?;
    }
    Ok(())
}

fn check_identities(detail: &VpcChannel, members: &[VpcMemberInfo]) -> Result<(), ApiError> {
    let ecs = detail
        .member_type
        .as_deref()
        .is_some_and(crate::model::is_ecs_type);
    let mut seen: HashMap<MemberKey, usize> = HashMap::with_capacity(members.len());
    for (i, m) in members.iter().enumerate() {
        let key = crate::model::member_key_of(m, ecs, detail.port);
        match seen.entry(key) {
            Entry::Occupied(first) => {
                return Err(ApiError::Inconsistent(format!(
                    "two members are {} (items {} and {}): the list changed while it was read",
                    crate::sanitize::excerpt(&first.key().label(), 120),
                    first.get() + 1,
                    i + 1
                )));
            }
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    Ok(())
}

fn check_against_detail(e: &Embedded, members: &[VpcMemberInfo]) -> Result<(), ApiError> {
    if e.count > members.len() {
        return Err(ApiError::Inconsistent(format!(
            "the channel detail holds {} members but the member list {}",
            e.count,
            members.len()
        )));
    }
    let listed: HashSet<&str> = members.iter().filter_map(|m| m.id.as_deref()).collect();
    if let Some(missing) = e.ids.iter().find(|id| !listed.contains(id.as_str())) {
        return Err(ApiError::Inconsistent(format!(
            "member {} is in the channel detail but not in the member list",
            crate::sanitize::excerpt(missing, 80)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn member(id: &str, host: &str, port: i64, group: &str) -> VpcMemberInfo {
        serde_json::from_value(json!({"id": id, "host": host, "port": port,
            "member_group_name": group}))
        .unwrap()
    }

    fn detail() -> VpcChannel {
        serde_json::from_value(json!({"id": "c", "port": 80, "member_type": "ip"})).unwrap()
    }

    #[test]
    fn one_identity_twice_is_a_change() {
        let ms = vec![
            member("a", "10.0.0.1", 0, "g"),
            member("b", "10.0.0.1", 80, "g"),
        ];
        let err = check(&detail(), None, &ms).unwrap_err();
        assert!(err.to_string().contains("10.0.0.1:80 (group g)"), "{err}");
        let ok = vec![
            member("a", "10.0.0.1", 0, "g"),
            member("b", "10.0.0.1", 81, "g"),
        ];
        assert!(check(&detail(), None, &ok).is_ok());
    }

    #[test]
    fn the_detail_must_agree() {
        let ms = vec![
            member("a", "10.0.0.1", 0, ""),
            member("b", "10.0.0.2", 0, ""),
        ];
        let partial = Embedded {
            count: 1,
            ids: vec!["a".into()],
        };
        assert!(check(&detail(), Some(&partial), &ms).is_ok());
        let more = Embedded {
            count: 3,
            ids: vec![],
        };
        assert!(check(&detail(), Some(&more), &ms).is_err());
        let other = Embedded {
            count: 2,
            ids: vec!["a".into(), "c".into()],
        };
        let err = check(&detail(), Some(&other), &ms).unwrap_err();
        assert!(err.to_string().contains("member c"), "{err}");
    }
}
