//! Microservice channel objects (docs/api.md §3.5–§3.7).

use serde::{Deserialize, Serialize};

use super::Extra;

/// A label on a microservice member group (docs/api.md §3.6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MicroserviceLabel {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_value: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `microservice_info` in a request (docs/api.md §3.5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MicroServiceCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cse_info: Option<CseInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cce_info: Option<CceInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cce_service_info: Option<CceServiceInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nacos_info: Option<NacosInfo>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `microservice_info` in a response (docs/api.md §3.7). For a server channel the server sends it
/// with empty strings everywhere; [`MicroServiceInfo::is_empty`] tells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MicroServiceInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cse_info: Option<CseInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cce_info: Option<CceInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cce_service_info: Option<CceServiceInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nacos_info: Option<NacosInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MicroServiceInfo {
    /// True for the all-empty object the server returns on server channels.
    pub fn is_empty(&self) -> bool {
        self.service_type.as_deref().unwrap_or("").is_empty()
    }
}

/// CSE registry (request base + response-only fields; docs/api.md §3.5, §3.7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CseInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// Response only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_name: Option<String>,
    /// Response only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// Response only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_address: Option<String>,
    /// Response only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cse_app_id: Option<String>,
    /// Response only, deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// CCE workload (docs/api.md §3.5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CceInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_value: Option<String>,
    /// Response only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// CCE Service (docs/api.md §3.5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CceServiceInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// Response only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Nacos registry (docs/api.md §3.5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NacosInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_config: Option<Vec<NacosServerConfig>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_info: Option<NacosUserInfo>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NacosServerConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc_port: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Nacos credentials. The password is a secret: never displayed, logged or journaled
/// (see [`crate::model::redact_secrets`]).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NacosUserInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl std::fmt::Debug for NacosUserInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NacosUserInfo")
            .field("user_name", &self.user_name)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}
