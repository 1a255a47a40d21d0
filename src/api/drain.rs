//! The plan of a drain, shared by `chanedit drain` and the editor's `D`: which members of a
//! channel a search found are to be disabled, which are disabled already, and what the drain
//! would leave with no enabled member (which then takes the confirmation typed).

use serde_json::Value;

use super::search::Found;
use crate::model::Backend;
use crate::model::member_status::{self, Keys};

/// The word typed to confirm a drain that leaves a channel or group with no enabled member
/// (the host works too).
pub const CONFIRM_WORD: &str = "drain";

/// One channel's part of a drain.
#[derive(Debug, Clone)]
pub struct ChannelDrain {
    /// The channel as read by the search, as a PUT body.
    pub base: Value,
    /// Ids and identities of the members to disable (enabled now).
    pub ids: Vec<String>,
    pub keys: Keys,
    pub labels: Vec<String>,
    /// Members that are the backend but already disabled.
    pub already: usize,
    /// What the drain would leave with no enabled member.
    pub last: Vec<String>,
}

impl ChannelDrain {
    /// Enabled members now and after the drain.
    pub fn enabled_counts(&self) -> (usize, usize) {
        member_status::enabled_counts(&self.base, &self.keys)
    }

    /// `a, b; 2 already disabled`: what the drain does here.
    pub fn disables(&self) -> String {
        let mut out = self.labels.join(", ");
        if self.already > 0 {
            out.push_str(&format!(
                "{}{} already disabled",
                if out.is_empty() { "" } else { "; " },
                self.already
            ));
        }
        out
    }
}

pub fn plan(found: &Found) -> ChannelDrain {
    let base = found.loaded.base();
    let mut positions = Vec::new();
    let mut ids = Vec::new();
    let mut already = 0;
    for (i, m) in found.members() {
        match (m.status, m.id.as_deref().filter(|id| !id.is_empty())) {
            (Some(member_status::DISABLED), _) => already += 1,
            (_, Some(id)) => {
                positions.push(i);
                ids.push(id.to_string());
            }
            (_, None) => tracing::warn!(channel = %found.channel_id, "a member without an id"),
        }
    }
    let keys = member_status::keys_at(&base, &positions);
    let labels = positions
        .iter()
        .filter_map(|i| base["members"].get(*i))
        .map(|m| crate::model::member_identity(m, &base))
        .collect();
    let last = member_status::left_without_enabled(&base, &keys);
    ChannelDrain {
        base,
        ids,
        keys,
        labels,
        already,
        last,
    }
}

/// Whether the drain takes the confirmation typed: it would leave a channel or group with no
/// enabled member.
pub fn needs_typing<'a>(plans: impl IntoIterator<Item = &'a ChannelDrain>) -> bool {
    plans
        .into_iter()
        .any(|p| !p.ids.is_empty() && !p.last.is_empty())
}

/// Whether `typed` confirms draining `backend`: the word, the host, or `HOST:PORT`.
pub fn typed_confirms(backend: &Backend, typed: &str) -> bool {
    let t = typed.trim();
    t == CONFIRM_WORD || t == backend.host || t == backend.label()
}
