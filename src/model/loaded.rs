//! A channel as loaded for editing: the detail and the complete member list (every page).

use serde_json::Value;

use super::{VpcChannel, VpcMemberInfo};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub detail: VpcChannel,
    pub members: Vec<VpcMemberInfo>,
}

impl Loaded {
    /// The PUT body that would leave the channel unchanged.
    pub fn base(&self) -> Value {
        super::base_value(&self.detail, &self.members)
    }

    /// The detail with `members` replaced by the complete list (what `show --json` prints).
    pub fn detail_with_members(&self) -> VpcChannel {
        VpcChannel {
            members: Some(self.members.clone()),
            ..self.detail.clone()
        }
    }
}
