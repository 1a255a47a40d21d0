//! The write planner (docs/api.md §5.6): one reviewed change becomes one
//! request, the narrowest that yields exactly the reviewed draft, or else the full channel
//! PUT. Never a sequence that could stop halfway.
//!
//! [`plan`] chooses (pure, from the base and the draft through `crate::diff::diff`);
//! [`Plan::describe`] is the line the review shows; [`Plan::concurrent`], [`Plan::verify`]
//! and [`Plan::settle`] judge a re-read against what the request writes (`scope.rs`);
//! [`crate::api::Client::send_plan`] sends it (`send.rs`).

mod choose;
mod ids;
mod scope;
mod send;

use std::collections::HashSet;

use serde_json::Value;

use crate::diff::hash::Seeded;
use crate::model::{MemberInfo, MemberKey, VpcHealthConfig};

pub use choose::{member_ids, plan, plan_with_diff};
pub use ids::{Ids, MemberIds};
pub use scope::{Concurrent, Reread};

/// Which request a reviewed change goes out as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WriteMode {
    /// The narrowest request that yields exactly the draft.
    #[default]
    Narrowest,
    /// Always the full channel PUT (`--write full`, the review's toggle).
    Full,
}

/// The one request a plan sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// E10: status 1 on these members (ids from the base).
    Enable { member_ids: Vec<String> },
    /// E11: status 2 on these members (ids from the base).
    Disable { member_ids: Vec<String> },
    /// E12: the draft's health check.
    HealthCheck(VpcHealthConfig),
    /// E7: the added and changed members, as the draft has them.
    AddMembers(Vec<MemberInfo>),
    /// E9: the one removed member; `label` is its identity for the review.
    DeleteMember { member_id: String, label: String },
    /// E8 with `member_group_name`: every member the draft has in `group`.
    ReplaceGroup {
        group: String,
        members: Vec<MemberInfo>,
    },
    /// E3: the complete draft (both arrays always). `forced` when chosen by [`WriteMode::Full`].
    Full { body: Value, forced: bool },
}

/// What a request writes; everything else on the server it leaves as it is.
#[derive(Debug, Clone, PartialEq)]
enum Scope {
    /// These members, by identity in the base's channel.
    Members(HashSet<MemberKey<'static>, Seeded>),
    /// Every member of this group.
    Group(String),
    /// `vpc_health_config`.
    Health,
    /// The whole channel.
    Everything,
}

/// A reviewed change as one request, and what that request writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    request: Request,
    scope: Scope,
}

impl Plan {
    /// The full channel PUT of `draft`.
    pub fn full(draft: &Value, forced: bool) -> Plan {
        Plan {
            request: Request::Full {
                body: super::write_body::full_put(draft).into_owned(),
                forced,
            },
            scope: Scope::Everything,
        }
    }

    pub fn request(&self) -> &Request {
        &self.request
    }

    pub fn is_full(&self) -> bool {
        matches!(self.request, Request::Full { .. })
    }

    /// The request in one line, as the review shows it, e.g.
    /// `POST .../members/batch-disable (2 members)`. Sanitized: ids and names may come from
    /// the server or a file.
    pub fn describe(&self) -> String {
        let line = match &self.request {
            Request::Enable { member_ids } => {
                format!(
                    "POST .../members/batch-enable ({})",
                    members(member_ids.len())
                )
            }
            Request::Disable { member_ids } => format!(
                "POST .../members/batch-disable ({})",
                members(member_ids.len())
            ),
            Request::HealthCheck(_) => "PUT .../health-config (the health check only)".into(),
            Request::AddMembers(m) => {
                format!("POST .../members ({} added or updated)", members(m.len()))
            }
            Request::DeleteMember { member_id, label } => {
                format!("DELETE .../members/{member_id} (1 member: {label})")
            }
            Request::ReplaceGroup { group, members: m } => format!(
                "PUT .../members (group {group}: {} after the change)",
                members(m.len())
            ),
            Request::Full { body, forced } => {
                let count = |k: &str| body.get(k).and_then(Value::as_array).map_or(0, Vec::len);
                let groups = count("member_groups");
                format!(
                    "PUT .../vpc-channels/{{id}} (the whole channel: {}, {groups} group{}{})",
                    members(count("members")),
                    if groups == 1 { "" } else { "s" },
                    if *forced { "; full write chosen" } else { "" }
                )
            }
        };
        crate::sanitize::line(&line)
    }
}

fn members(n: usize) -> String {
    if n == 1 {
        "1 member".into()
    } else {
        format!("{n} members")
    }
}
