//! Request bodies: `VpcCreate` (PUT/POST channel) and its parts (docs/api.md §3.1–§3.4).

use serde::{Deserialize, Serialize};

use super::microservice::{MicroServiceCreate, MicroserviceLabel};
use super::{Extra, null_as_empty};

/// Body of E3 (PUT channel) and E4 (POST channel).
///
/// `members` and `member_groups` are always serialised, even when empty: the server treats an
/// omitted array as a missing parameter, and an empty one as "delete all" (docs/api.md §5.1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_strategy: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_type: Option<String>,
    /// Deprecated; never sent together with `vpc_channel_type`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dict_code: Option<String>,
    // The fields below come in the order a channel detail has them, so that a body made
    // from a loaded channel (`show --body`, the review's raw body) reads in the same order.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub member_groups: Vec<MemberGroupCreate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microservice_info: Option<MicroServiceCreate>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub members: Vec<MemberInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_health_config: Option<VpcHealthConfig>,
    /// Fields this model does not know: kept so that load -> edit -> send loses nothing.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A member group in a request (docs/api.md §3.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberGroupCreate {
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
    #[serde(flatten)]
    pub extra: Extra,
}

/// A backend member in a request (docs/api.md §3.3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberInfo {
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
    #[serde(flatten)]
    pub extra: Extra,
}

/// Health check in a request (docs/api.md §3.4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VpcHealthConfig {
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
    #[serde(flatten)]
    pub extra: Extra,
}

/// Body of E7 (POST members, additive) and E8 (PUT members).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MembersBody {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub members: Vec<MemberInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_group_name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Body of E13 (POST member groups).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberGroupsBody {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub member_groups: Vec<MemberGroupCreate>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Body of E10/E11 (batch enable/disable).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MembersBatchEnableOrDisable {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub member_ids: Vec<String>,
}
