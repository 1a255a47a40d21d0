//! What a plan's request writes, and what a re-read of the channel says about it.
//!
//! A narrow request leaves the rest of the channel as the server has it, so a change someone
//! else made there is no conflict (README, "The editor"): before sending it is reported
//! and the send goes on; after sending the server holds it beside the reviewed draft. Each
//! judgement compares only the part of the channel the request writes, by taking that part
//! from one body into another ([`Plan::scoped`]) and diffing; the full PUT writes everything.

use serde_json::Value;

use super::{Plan, Scope};
use crate::api::outcome::{Verdict, classify};
use crate::diff::{Diff, diff};
use crate::model::member_key_in;

/// The server's changes since load, seen from a plan about to be sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Concurrent {
    /// Changes where the request writes: sending would overwrite them, so nothing is sent.
    pub overlapping: Diff,
    /// Changes the request leaves alone: reported, and the send goes on.
    pub untouched: Diff,
}

impl Concurrent {
    pub fn is_clear(&self) -> bool {
        self.overlapping.is_empty()
    }
}

/// A re-read after a plan was sent, against the reviewed draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Reread {
    /// Where the request wrote: the server (old) against the draft (new). Empty when the
    /// server holds what was reviewed.
    pub differs: Diff,
    /// Changes made elsewhere that the request left alone: the draft (old) against the
    /// server (new). The server keeps them.
    pub elsewhere: Diff,
}

/// The fields a member's identity depends on (docs/api.md §5.3): a request that writes
/// members writes them in the channel as these fields make it.
const MEMBER_CONTEXT: [&str; 2] = ["port", "member_type"];

impl Plan {
    /// `base` is the channel the plan was made from, `remote` the channel as re-read just
    /// before sending.
    pub fn concurrent(&self, base: &Value, remote: &Value) -> Concurrent {
        let theirs_in_scope = self.scoped(remote, base);
        Concurrent {
            overlapping: diff(base, &theirs_in_scope),
            untouched: diff(&theirs_in_scope, remote),
        }
    }

    /// `now` is the channel re-read after the request was answered.
    pub fn verify(&self, draft: &Value, now: &Value) -> Reread {
        let server_in_scope = self.scoped(now, draft);
        Reread {
            differs: diff(&server_in_scope, draft),
            elsewhere: diff(&server_in_scope, now),
        }
    }

    /// What became of a request whose answer was lost: [`classify`] of the part of `now`
    /// that the request writes, so that a change made elsewhere does not hide the outcome.
    pub fn settle(&self, base: &Value, draft: &Value, now: &Value) -> Verdict {
        classify(&self.scoped(now, draft), &self.scoped(base, draft), draft)
    }

    /// `onto` with the part of the channel this plan writes taken from `from`.
    pub(super) fn scoped(&self, from: &Value, onto: &Value) -> Value {
        match &self.scope {
            Scope::Everything => from.clone(),
            Scope::Health => {
                let mut out = onto.clone();
                put(&mut out, "vpc_health_config", from.get("vpc_health_config"));
                out
            }
            Scope::Members(keys) => with_members(from, onto, |m, body| {
                keys.contains(&member_key_in(m, body).into_owned())
            }),
            Scope::Group(group) => {
                with_members(from, onto, |m, body| member_key_in(m, body).in_group(group))
            }
        }
    }
}

/// `onto` whose members `pick` selects are replaced by the members of `from` it selects.
fn with_members(from: &Value, onto: &Value, pick: impl Fn(&Value, &Value) -> bool) -> Value {
    let mut out = onto.clone();
    for key in MEMBER_CONTEXT {
        put(&mut out, key, from.get(key));
    }
    let kept = members_of(onto).iter().filter(|m| !pick(m, onto));
    let taken = members_of(from).iter().filter(|m| pick(m, from));
    let merged = Value::Array(kept.chain(taken).cloned().collect());
    if let Some(map) = out.as_object_mut() {
        map.insert("members".into(), merged);
    }
    out
}

fn members_of(body: &Value) -> &[Value] {
    body.get("members")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// Set or remove one top-level field.
fn put(body: &mut Value, key: &str, value: Option<&Value>) {
    let Some(map) = body.as_object_mut() else {
        return;
    };
    match value {
        Some(v) => {
            map.insert(key.to_string(), v.clone());
        }
        None => {
            map.shift_remove(key);
        }
    }
}
