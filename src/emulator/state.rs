//! What an emulated gateway stores, and how each object is answered on the wire
//! (docs/api.md §3.9–§3.11: lowercase protocol, `""` for unset strings, ecs_id/ecs_name =
//! host on ip members, an all-empty `microservice_info` on server channels).

use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::apis::Api;

/// What one gateway holds: its channels, in creation order, and the APIs that route through
/// them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub channels: Vec<Channel>,
    /// Read-only here: ListApisV2 answers from them, and a channel they use cannot be deleted.
    pub apis: Vec<Api>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub port: i64,
    pub balance_strategy: i64,
    pub member_type: String,
    /// `builtin`, `microservice` or `reference`; fixed at creation.
    pub vpc_channel_type: String,
    pub dict_code: String,
    pub create_time: String,
    pub status: i64,
    pub member_groups: Vec<Group>,
    pub members: Vec<Member>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_health_config: Option<Health>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub microservice_info: Option<Microservice>,
    /// Seed files only: add this many generated ip members at load time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generate_members: Option<Generate>,
}

/// Seed-file directive for big channels: `count` ip members `first_host`, `first_host + 1`, ...
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Generate {
    pub count: u32,
    pub first_host: String,
    pub port: i64,
    pub weight: i64,
    /// Members go round-robin into these groups (which must exist); none = ungrouped.
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    pub member_group_id: String,
    pub member_group_name: String,
    pub member_group_remark: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_group_weight: Option<i64>,
    pub dict_code: String,
    pub microservice_version: String,
    pub microservice_port: i64,
    pub microservice_labels: Vec<Value>,
    pub reference_vpc_channel_id: String,
    pub create_time: String,
    pub update_time: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Member {
    pub id: String,
    pub host: String,
    pub weight: i64,
    pub is_backup: bool,
    pub member_group_name: String,
    pub member_group_id: String,
    pub status: i64,
    pub port: i64,
    pub ecs_id: String,
    pub ecs_name: String,
    pub create_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_status: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Health {
    pub id: String,
    pub protocol: String,
    pub path: String,
    pub method: String,
    pub port: i64,
    pub threshold_normal: i64,
    pub threshold_abnormal: i64,
    pub time_interval: i64,
    pub timeout: i64,
    pub http_code: String,
    pub enable_client_ssl: bool,
    pub status: i64,
    pub create_time: String,
}

/// A microservice channel's registry settings, as sent (`*_info` objects kept as JSON).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Microservice {
    pub id: String,
    pub service_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cse_info: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cce_info: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cce_service_info: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nacos_info: Option<Value>,
    pub create_time: String,
    pub update_time: String,
}

/// A fresh object id: 32 lowercase hex digits, like the service's.
pub fn new_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    hex::encode(bytes)
}

/// Now as RFC 3339 UTC with nanoseconds (`2020-07-23T07:11:57.244829604Z`).
pub fn now() -> String {
    const FMT: &[time::format_description::BorrowedFormatItem<'_>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z"
    );
    time::OffsetDateTime::now_utc()
        .format(FMT)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000000000Z".to_string())
}

impl Channel {
    pub fn is_reference(&self) -> bool {
        self.vpc_channel_type == "reference"
    }

    pub fn is_microservice(&self) -> bool {
        self.vpc_channel_type == "microservice"
    }

    /// The deprecated numeric `type`: 2 server, 3 microservice; reference channels have none (0).
    pub fn type_code(&self) -> i64 {
        match self.vpc_channel_type.as_str() {
            "microservice" => 3,
            "reference" => 0,
            _ => 2,
        }
    }

    pub fn group_by_name(&self, name: &str) -> Option<&Group> {
        self.member_groups
            .iter()
            .find(|g| g.member_group_name == name)
    }

    /// The channel as listed (E1) and as answered by E3/E4: no members, no health check.
    pub fn summary_json(&self, instance_id: &str) -> Value {
        let groups: Vec<Value> = self
            .member_groups
            .iter()
            .map(|g| g.to_json(&self.vpc_channel_type))
            .collect();
        json!({
            "name": self.name,
            "port": self.port,
            "balance_strategy": self.balance_strategy,
            "member_type": self.member_type,
            "dict_code": self.dict_code,
            "create_time": self.create_time,
            "id": self.id,
            "status": self.status,
            "member_groups": groups,
            "type": self.type_code(),
            "vpc_channel_type": self.vpc_channel_type,
            "microservice_info": microservice_json(self.microservice_info.as_ref(), instance_id),
        })
    }

    /// The channel as E2 answers it: with every member and the health check (when there is one).
    pub fn detail_json(&self, instance_id: &str) -> Value {
        let mut v = self.summary_json(instance_id);
        if let Value::Object(map) = &mut v {
            let members: Vec<Value> = self.members.iter().map(|m| m.to_json(&self.id)).collect();
            map.insert("members".into(), Value::Array(members));
            if let Some(h) = &self.vpc_health_config {
                map.insert("vpc_health_config".into(), h.to_json(&self.id));
            }
        }
        v
    }
}

impl Group {
    pub fn to_json(&self, channel_type: &str) -> Value {
        let mut m = Map::new();
        m.insert("member_group_id".into(), json!(self.member_group_id));
        m.insert("member_group_name".into(), json!(self.member_group_name));
        if let Some(w) = self.member_group_weight {
            m.insert("member_group_weight".into(), json!(w));
        }
        m.insert(
            "member_group_remark".into(),
            json!(self.member_group_remark),
        );
        m.insert("create_time".into(), json!(self.create_time));
        m.insert("update_time".into(), json!(self.update_time));
        match channel_type {
            "microservice" => {
                m.insert(
                    "microservice_version".into(),
                    json!(self.microservice_version),
                );
                m.insert("microservice_port".into(), json!(self.microservice_port));
                if !self.microservice_labels.is_empty() {
                    m.insert(
                        "microservice_labels".into(),
                        json!(self.microservice_labels),
                    );
                }
            }
            "reference" => {
                m.insert(
                    "reference_vpc_channel_id".into(),
                    json!(self.reference_vpc_channel_id),
                );
            }
            _ => {}
        }
        Value::Object(m)
    }
}

impl Member {
    pub fn to_json(&self, channel_id: &str) -> Value {
        let mut v = json!({
            "host": self.host,
            "weight": self.weight,
            "is_backup": self.is_backup,
            "member_group_name": self.member_group_name,
            "status": self.status,
            "port": self.port,
            "ecs_id": self.ecs_id,
            "ecs_name": self.ecs_name,
            "id": self.id,
            "vpc_channel_id": channel_id,
            "create_time": self.create_time,
            "member_group_id": self.member_group_id,
        });
        if let (Some(h), Value::Object(map)) = (&self.health_status, &mut v) {
            map.insert("health_status".into(), json!(h));
        }
        v
    }
}

impl Health {
    pub fn to_json(&self, channel_id: &str) -> Value {
        json!({
            "protocol": self.protocol.to_ascii_lowercase(),
            "path": self.path,
            "method": self.method,
            "port": self.port,
            "threshold_normal": self.threshold_normal,
            "threshold_abnormal": self.threshold_abnormal,
            "time_interval": self.time_interval,
            "http_code": self.http_code,
            "enable_client_ssl": self.enable_client_ssl,
            "status": self.status,
            "timeout": self.timeout,
            "vpc_channel_id": channel_id,
            "id": self.id,
            "create_time": self.create_time,
        })
    }
}

/// Fill a template's keys with empty strings, then lay the stored object over it.
fn over_template(keys: &[&str], stored: Option<&Value>) -> Value {
    let mut m = Map::new();
    for k in keys {
        m.insert((*k).to_string(), json!(""));
    }
    if let Some(Value::Object(s)) = stored {
        for (k, v) in s {
            m.insert(k.clone(), v.clone());
        }
    }
    Value::Object(m)
}

const CSE_KEYS: &[&str] = &[
    "cse_app_id",
    "engine_id",
    "engine_name",
    "register_address",
    "service_id",
    "service_name",
];
const CCE_KEYS: &[&str] = &[
    "cluster_id",
    "cluster_name",
    "namespace",
    "workload_type",
    "app_name",
];

/// `microservice_info` as answered; server channels get the all-empty object the service sends.
pub fn microservice_json(ms: Option<&Microservice>, instance_id: &str) -> Value {
    match ms {
        None => json!({
            "id": "",
            "instance_id": "",
            "service_type": "",
            "cse_info": over_template(CSE_KEYS, None),
            "cce_info": over_template(CCE_KEYS, None),
            "create_time": "",
            "update_time": "",
        }),
        Some(ms) => {
            let mut m = Map::new();
            m.insert("id".into(), json!(ms.id));
            m.insert("instance_id".into(), json!(instance_id));
            m.insert("service_type".into(), json!(ms.service_type));
            m.insert(
                "cse_info".into(),
                over_template(CSE_KEYS, ms.cse_info.as_ref()),
            );
            m.insert(
                "cce_info".into(),
                over_template(CCE_KEYS, ms.cce_info.as_ref()),
            );
            if let Some(v) = &ms.cce_service_info {
                m.insert("cce_service_info".into(), v.clone());
            }
            if let Some(v) = &ms.nacos_info {
                m.insert("nacos_info".into(), v.clone());
            }
            m.insert("create_time".into(), json!(ms.create_time));
            m.insert("update_time".into(), json!(ms.update_time));
            Value::Object(m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_32_lowercase_hex() {
        let id = new_id();
        assert_eq!(id.len(), 32);
        assert!(
            id.chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        );
        assert_ne!(id, new_id());
    }

    #[test]
    fn times_carry_nanoseconds_and_parse_as_rfc3339() {
        let t = now();
        assert_eq!(t.len(), "2020-07-23T07:11:57.244829604Z".len());
        assert!(
            time::OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339).is_ok()
        );
    }

    #[test]
    fn server_channels_answer_the_empty_microservice_object() {
        let fixture: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/response-server.json"))
                .unwrap();
        assert_eq!(microservice_json(None, "x"), fixture["microservice_info"]);
    }
}
