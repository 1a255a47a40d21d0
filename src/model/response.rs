//! Response objects (docs/api.md §3.9–§3.11) and the list/error envelopes.

use serde::{Deserialize, Serialize};

use super::microservice::{MicroServiceInfo, MicroserviceLabel};
use super::{Extra, null_as_empty};

/// The channel object: an item of E1, the answer of E2 (with `members` and
/// `vpc_health_config`), E3 and E4 (without them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcChannel {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_strategy: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_type: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dict_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_groups: Option<Vec<MemberGroupInfo>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microservice_info: Option<MicroServiceInfo>,
    /// E2 only; chanedit loads members through E6 instead (docs/api.md §2 E2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<VpcMemberInfo>>,
    /// E2 only; absent when no health check is configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_health_config: Option<VpcHealthConfigInfo>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl VpcChannel {
    pub fn channel_type(&self) -> super::VpcChannelType {
        super::effective_channel_type(
            self.vpc_channel_type.as_deref(),
            self.type_code,
            self.microservice_info
                .as_ref()
                .is_some_and(|m| !m.is_empty()),
        )
    }
}

/// A member group as stored (docs/api.md §3.2, response form).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberGroupInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_group_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_group_remark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_group_weight: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dict_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microservice_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microservice_port: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microservice_labels: Option<Vec<MicroserviceLabel>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_vpc_channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A member as stored (docs/api.md §3.10). Read by `member_de`, which has the derived
/// reader's outcome without its cost.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VpcMemberInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_backup: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_group_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecs_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecs_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_group_id: Option<String>,
    /// Read-only; only on gateways with the `vpc_health_status` feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_status: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Health check as stored (docs/api.md §3.11).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcHealthConfigInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_normal: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_abnormal: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_interval: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_client_ssl: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// E1 answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListVpcChannelsResponse {
    #[serde(default)]
    pub size: i64,
    #[serde(default)]
    pub total: i64,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub vpc_channels: Vec<VpcChannel>,
}

/// E6 / E7 / E8 answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListMembersResponse {
    #[serde(default)]
    pub size: i64,
    #[serde(default)]
    pub total: i64,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub members: Vec<VpcMemberInfo>,
}

/// E13 / E14 answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListMemberGroupsResponse {
    #[serde(default)]
    pub size: i64,
    #[serde(default)]
    pub total: i64,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub member_groups: Vec<MemberGroupInfo>,
}

/// Any non-2xx answer: `{"error_code": "APIG.xxxx", "error_msg": "..."}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error_code: String,
    pub error_msg: String,
}

impl ErrorBody {
    pub fn new(code: &str, msg: impl Into<String>) -> Self {
        ErrorBody {
            error_code: code.to_string(),
            error_msg: msg.into(),
        }
    }

    /// The parameter the message names (`parameterName:weight`, `parameter name:members`),
    /// so the error can be placed on a field; failing that, the field a code is always about
    /// (APIG.3208, duplicate channel name: `name`). None when neither tells.
    pub fn parameter_name(&self) -> Option<&str> {
        self.named_in_message().or(match self.error_code.as_str() {
            "APIG.3208" => Some("name"),
            _ => None,
        })
    }

    fn named_in_message(&self) -> Option<&str> {
        let msg = self.error_msg.as_str();
        for marker in [
            "parameterName:",
            "parameter name:",
            "parameterName: ",
            "parameter name: ",
        ] {
            if let Some(at) = msg.find(marker) {
                let rest = &msg[at + marker.len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if end > 0 {
                    return Some(&rest[..end]);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_name_is_found_in_both_spellings() {
        let e = ErrorBody::new(
            "APIG.2004",
            "value out of range,parameterName:weight. Please refer",
        );
        assert_eq!(e.parameter_name(), Some("weight"));
        let e = ErrorBody::new("APIG.2001", "must be specified, parameter name:members");
        assert_eq!(e.parameter_name(), Some("members"));
        let e = ErrorBody::new("APIG.9999", "System error");
        assert_eq!(e.parameter_name(), None);
        let e = ErrorBody::new("APIG.3208", "The VPC channel name already exists");
        assert_eq!(e.parameter_name(), Some("name"));
    }
}
