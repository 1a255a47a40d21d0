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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loaded, VpcChannel, VpcMemberInfo};
    use serde_json::json;

    /// A channel where 10.0.0.1 is member 0 (enabled) and member 2 (disabled), with groups
    /// `a` (10.0.0.1 and 10.0.0.2) and `solo` (10.0.0.1 alone).
    fn found() -> Found {
        let members = json!([
            {"id": "m0", "host": "10.0.0.1", "port": 80, "member_group_name": "solo", "status": 1},
            {"id": "m1", "host": "10.0.0.2", "port": 80, "member_group_name": "a", "status": 1},
            {"id": "m2", "host": "10.0.0.1", "port": 81, "member_group_name": "a", "status": 2},
        ]);
        let detail: VpcChannel = serde_json::from_value(json!({
            "id": "c1", "name": "web", "port": 80, "balance_strategy": 1, "member_type": "ip",
            "type": 2, "member_groups": [{"member_group_name": "a"}, {"member_group_name": "solo"}],
        }))
        .unwrap();
        let members: Vec<VpcMemberInfo> = serde_json::from_value(members).unwrap();
        Found {
            gateway: 0,
            channel_id: "c1".into(),
            loaded: Loaded { detail, members },
            positions: vec![0, 2],
        }
    }

    #[test]
    fn the_plan_disables_only_enabled_members_and_names_what_it_empties() {
        let p = plan(&found());
        assert_eq!(p.ids, ["m0"]);
        assert_eq!(p.already, 1);
        assert_eq!(p.enabled_counts(), (2, 1));
        assert!(
            p.disables().ends_with("; 1 already disabled"),
            "{}",
            p.disables()
        );
        assert!(p.last.iter().any(|w| w.contains("solo")), "{:?}", p.last);
        assert!(needs_typing([&p]));
        let mut nothing_to_do = p.clone();
        nothing_to_do.ids.clear();
        assert!(
            !needs_typing([&nothing_to_do]),
            "nothing sent, nothing to confirm"
        );
    }

    #[test]
    fn the_word_or_the_host_confirms() {
        let b = Backend::parse("10.0.0.1:80").unwrap();
        for ok in ["drain", " drain ", "10.0.0.1", "10.0.0.1:80"] {
            assert!(typed_confirms(&b, ok), "{ok}");
        }
        for no in ["", "y", "yes", "10.0.0.2", "Drain"] {
            assert!(!typed_confirms(&b, no), "{no}");
        }
    }
}
