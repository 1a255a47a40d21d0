//! Choosing the request for a reviewed change (docs/api.md §5.6), in this order, each kind
//! only when the diff is exactly of that kind:
//! 1. member status changes only, all one way -> E10 or E11 (ids from the base);
//! 2. the health check only -> E12;
//! 3. members added or changed only (none removed, groups and channel fields untouched) -> E7;
//! 4. exactly one member removed and nothing else -> E9;
//! 5. the members of one group only -> E8 with `member_group_name`;
//! 6. anything else -> E3, the full PUT.
//!
//! Where a narrow request could come out other than the draft, the full PUT is chosen: a
//! member identity the base or the draft holds twice (E7 and E8 keep the first entry of a
//! repeated address, docs/api.md §5.3), a member without its channel's address field, a
//! reference channel (member writes are refused there, §5.5), a member id the load did not
//! give, a value the request's typed body cannot hold.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ids::{Ids, MemberIds};
use super::{Plan, Request, Scope, WriteMode};
use crate::diff::hash::Seeded;
use crate::diff::{ChangeKind, Diff, ItemChange, diff};
use crate::model::{
    KeyContext, Loaded, MemberKey, VpcChannelType, address_field, effective_channel_type, field,
    is_ecs,
};
use crate::path::Path;

/// The ids of a loaded channel's members, in the order of `loaded.base()["members"]`.
pub fn member_ids(loaded: &Loaded) -> MemberIds {
    MemberIds::of(loaded.members.iter().map(|m| m.id.as_deref()))
}

/// The request that turns `base` into `draft`. `member_ids[i]` is the id of
/// `base["members"][i]` (see [`member_ids`]); when the lists do not line up, no request that
/// names members by id is chosen.
pub fn plan(base: &Value, member_ids: &dyn Ids, draft: &Value, mode: WriteMode) -> Plan {
    if mode == WriteMode::Full {
        return Plan::full(draft, true);
    }
    plan_with_diff(base, member_ids, draft, mode, &diff(base, draft))
}

/// [`plan`] from the diff `base` -> `draft` already made (the review has one).
pub fn plan_with_diff(
    base: &Value,
    member_ids: &dyn Ids,
    draft: &Value,
    mode: WriteMode,
    d: &Diff,
) -> Plan {
    if mode == WriteMode::Narrowest
        && let Some(p) = narrow(base, member_ids, draft, d)
    {
        return p;
    }
    Plan::full(draft, mode == WriteMode::Full)
}

fn narrow(base: &Value, ids: &dyn Ids, draft: &Value, d: &Diff) -> Option<Plan> {
    if d.is_empty() || !d.groups.is_empty() {
        return None;
    }
    if !d.fields.is_empty() {
        return if d.members.is_empty() {
            health_only(d, draft)
        } else {
            None
        };
    }
    let m = Members::of(d, base, ids, draft)?;
    m.status_batch()
        .or_else(|| m.add_or_update())
        .or_else(|| m.delete_one())
        .or_else(|| m.one_group())
}

/// E12 when every change lies inside a health check that both sides have.
fn health_only(d: &Diff, draft: &Value) -> Option<Plan> {
    let health = Path::of_keys(&["vpc_health_config"]);
    // A longer path means both sides hold the object (the diff goes inside only then).
    let inside = d
        .fields
        .iter()
        .all(|f| f.path.starts_with(&health) && f.path.steps().len() > 1);
    if !inside {
        return None;
    }
    Some(Plan {
        request: Request::HealthCheck(typed(draft.get("vpc_health_config")?)?),
        scope: Scope::Health,
    })
}

/// A diff that changes members only, with what the member kinds need to know about it.
struct Members<'a> {
    d: &'a Diff,
    base: &'a Value,
    draft: &'a Value,
    /// Aligned with the base's members; None when they do not line up.
    ids: Option<&'a dyn Ids>,
    /// The identity of each member change, read from the side that holds the member.
    keys: Vec<MemberKey<'a>>,
}

impl<'a> Members<'a> {
    fn of(d: &'a Diff, base: &'a Value, ids: &'a dyn Ids, draft: &'a Value) -> Option<Self> {
        let kind = effective_channel_type(
            base.get("vpc_channel_type").and_then(Value::as_str),
            base.get("type").and_then(Value::as_i64),
            base.get("microservice_info")
                .and_then(|m| m.get("service_type"))
                .is_some(),
        );
        if kind == VpcChannelType::Reference {
            return None;
        }
        let base_list = list(base)?;
        let draft_list = list(draft)?;
        let ids = (ids.count() == base_list.len()).then_some(ids);
        let address = address_field(is_ecs(base));
        // What identity depends on, read once per body rather than once per member.
        let (base_ctx, draft_ctx) = (KeyContext::of(base), KeyContext::of(draft));
        let mut keys = Vec::with_capacity(d.members.len());
        for c in &d.members {
            let sides = [
                c.base_index.map(|i| (base_list.get(i), base_ctx)),
                c.draft_index.map(|i| (draft_list.get(i), draft_ctx)),
            ];
            let mut key = None;
            for (member, ctx) in sides.into_iter().flatten() {
                let member = member?;
                // The server matches by the channel's own address field (§5.3).
                field(member, address)
                    .and_then(Value::as_str)
                    .filter(|a| !a.is_empty())?;
                key.get_or_insert_with(|| ctx.key(member));
            }
            keys.push(key?);
        }
        let m = Members {
            d,
            base,
            draft,
            ids,
            keys,
        };
        let mut touched: HashSet<&MemberKey<'a>, Seeded> =
            HashSet::with_capacity_and_hasher(m.keys.len(), Seeded::new());
        touched.extend(&m.keys);
        m.unique(|k| touched.contains(k)).then_some(m)
    }

    /// Whether no identity that `pick` selects appears twice on either side.
    fn unique(&self, pick: impl Fn(&MemberKey<'a>) -> bool) -> bool {
        [self.base, self.draft].into_iter().all(|body| {
            let members = list(body).unwrap_or_default();
            let mut seen = HashSet::with_capacity_and_hasher(
                members.len().min(self.keys.len()),
                Seeded::new(),
            );
            let ctx = KeyContext::of(body);
            members.iter().all(|m| {
                let k = ctx.key(m);
                !pick(&k) || seen.insert(k)
            })
        })
    }

    fn scope(&self) -> Scope {
        Scope::Members(self.keys.iter().map(|k| k.clone().into_owned()).collect())
    }

    fn id_of(&self, c: &ItemChange) -> Option<String> {
        self.ids?.id(c.base_index?).map(str::to_string)
    }

    fn draft_member<T: DeserializeOwned>(&self, c: &ItemChange) -> Option<T> {
        typed(list(self.draft)?.get(c.draft_index?)?)
    }

    /// E10/E11: every change is a member whose status alone changed, all to the same value.
    fn status_batch(&self) -> Option<Plan> {
        let mut to = None;
        let mut member_ids = Vec::with_capacity(self.d.members.len());
        for c in &self.d.members {
            let [f] = c.fields.as_slice() else {
                return None;
            };
            if c.kind != ChangeKind::Changed || f.path_text() != "status" {
                return None;
            }
            let new = f.new.as_ref()?.as_i64().filter(|s| matches!(s, 1 | 2))?;
            if *to.get_or_insert(new) != new {
                return None;
            }
            member_ids.push(self.id_of(c)?);
        }
        let request = match to? {
            1 => Request::Enable { member_ids },
            _ => Request::Disable { member_ids },
        };
        Some(Plan {
            request,
            scope: self.scope(),
        })
    }

    /// E7: members added or changed, none removed.
    fn add_or_update(&self) -> Option<Plan> {
        let members = self
            .d
            .members
            .iter()
            .map(|c| match c.kind {
                ChangeKind::Removed => None,
                _ => self.draft_member(c),
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Plan {
            request: Request::AddMembers(members),
            scope: self.scope(),
        })
    }

    /// E9: one member removed, nothing else.
    fn delete_one(&self) -> Option<Plan> {
        let [c] = self.d.members.as_slice() else {
            return None;
        };
        if c.kind != ChangeKind::Removed {
            return None;
        }
        Some(Plan {
            request: Request::DeleteMember {
                member_id: self.id_of(c)?,
                label: c.label.clone(),
            },
            scope: self.scope(),
        })
    }

    /// E8 for one group: every change is a member of that group, which the channel defines.
    fn one_group(&self) -> Option<Plan> {
        let group = self.keys.first()?.group()?;
        let of_group = |k: &MemberKey<'_>| k.in_group(&group);
        if !self.keys.iter().all(of_group) || !defines_group(self.draft, &group) {
            return None;
        }
        // E8 keeps the first of a repeated address in the group it replaces.
        if !self.unique(of_group) {
            return None;
        }
        let ctx = KeyContext::of(self.draft);
        let members = list(self.draft)?
            .iter()
            .filter(|m| of_group(&ctx.key(m)))
            .map(typed)
            .collect::<Option<Vec<_>>>()?;
        Some(Plan {
            request: Request::ReplaceGroup {
                group: group.clone(),
                members,
            },
            scope: Scope::Group(group),
        })
    }
}

/// The members of a body, when it has a list of them.
fn list(body: &Value) -> Option<&[Value]> {
    body.get("members")?.as_array().map(Vec::as_slice)
}

fn defines_group(body: &Value, name: &str) -> bool {
    body.get("member_groups")
        .and_then(Value::as_array)
        .is_some_and(|gs| {
            gs.iter()
                .any(|g| g.get("member_group_name").and_then(Value::as_str) == Some(name))
        })
}

/// A part of the draft as a request type; `None` when it does not fit one (the full PUT then
/// sends it as it is).
fn typed<T: DeserializeOwned>(v: &Value) -> Option<T> {
    // Read in place: a copy of each of 10,000 members costs as much as reading it.
    match T::deserialize(v) {
        Ok(t) => Some(t),
        Err(e) => {
            tracing::debug!("a narrow request cannot carry this part of the draft: {e}");
            None
        }
    }
}
