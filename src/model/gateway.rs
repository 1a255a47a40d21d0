//! The gateways of a project (ListInstancesV2, docs/api.md §2 E19) and the APIs that route
//! through a channel (ListApisV2, E20), with the fields chanedit reads; everything else is
//! kept in `extra`. Field names and types follow the SDK models `RespInstanceBase` and
//! `ApiInfoPerPage`.

use serde::{Deserialize, Serialize};

use super::{Extra, null_as_empty};

/// The status of a gateway that can be searched and edited (SDK enum of
/// `RespInstanceBase.status`).
pub const GATEWAY_RUNNING: &str = "Running";

/// One gateway of the project (`RespInstanceBase`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstanceInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_name: Option<String>,
    /// `Running`, `Creating`, `Frozen`, `Unhealthy`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_status: Option<i64>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<String>,
    /// Milliseconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl InstanceInfo {
    /// Only a running gateway is worth searching: the others answer errors or stale data.
    pub fn is_running(&self) -> bool {
        self.status.as_deref() == Some(GATEWAY_RUNNING)
    }
}

/// ListInstancesV2 answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListInstancesResponse {
    #[serde(default)]
    pub size: i64,
    #[serde(default)]
    pub total: i64,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub instances: Vec<InstanceInfo>,
}

/// The channel an API's backend uses (`VpcInfo`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiVpcInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_port: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An API's backend (`BackendApi`), only as far as the channel goes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiBackend {
    /// 1: the backend goes through a channel; 2: it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_status: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_channel_info: Option<ApiVpcInfo>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One API of a gateway as listed (`ApiInfoPerPage`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub req_protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub req_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub req_uri: Option<String>,
    /// 1 public, 2 private.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_type: Option<String>,
    /// Environments where the API is published, joined with `|`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_env_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_env_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_api: Option<ApiBackend>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ApiInfo {
    /// The channel the answer says the backend uses, when it says.
    pub fn vpc_channel_id(&self) -> Option<&str> {
        self.backend_api
            .as_ref()?
            .vpc_channel_info
            .as_ref()?
            .vpc_channel_id
            .as_deref()
            .filter(|s| !s.is_empty())
    }

    /// The environments where the API is published (none when unpublished).
    pub fn environments(&self) -> Vec<&str> {
        self.run_env_name
            .as_deref()
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// ListApisV2 answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListApisResponse {
    #[serde(default)]
    pub size: i64,
    #[serde(default)]
    pub total: i64,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub apis: Vec<ApiInfo>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_api_names_its_channel_and_environments() {
        let a: ApiInfo = serde_json::from_value(json!({
            "id": "a1", "name": "list_orders", "req_method": "GET", "req_uri": "/orders",
            "run_env_name": "RELEASE|TEST",
            "backend_api": {"vpc_channel_status": 1,
                "vpc_channel_info": {"vpc_channel_id": "c1", "vpc_channel_proxy_host": ""}}
        }))
        .unwrap();
        assert_eq!(a.vpc_channel_id(), Some("c1"));
        assert_eq!(a.environments(), ["RELEASE", "TEST"]);
        let unpublished = ApiInfo::default();
        assert!(unpublished.environments().is_empty());
        assert_eq!(unpublished.vpc_channel_id(), None);
    }

    #[test]
    fn only_running_gateways_are_usable() {
        let g: InstanceInfo =
            serde_json::from_value(json!({"id": "i", "status": "Running", "create_time": 1}))
                .unwrap();
        assert!(g.is_running());
        let g = InstanceInfo {
            status: Some("Frozen".into()),
            ..g
        };
        assert!(!g.is_running());
    }
}
