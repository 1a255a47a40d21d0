//! ListApisV2 (docs/api.md §2 E20): the APIs of a gateway as the data file describes them,
//! answered in the SDK's `ApiInfoPerPage` shape with the channel in
//! `backend_api.vpc_channel_info`. APIs are read-only here; they exist so that a channel's impact can be shown and so that
//! deleting a channel they use is refused (403 APIG.3414).

use std::sync::Arc;

use anyhow::bail;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::App;
use super::channels::{GatewayPath, query};
use super::errors::ApiResult;
use super::pagination::{self, Page, matches, precise, query_int, query_str};
use super::state::{Channel, new_id};

/// An API whose backend may route through a channel of the same gateway.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Api {
    pub id: String,
    pub name: String,
    pub group_id: String,
    pub group_name: String,
    pub req_protocol: String,
    pub req_method: String,
    pub req_uri: String,
    pub auth_type: String,
    /// 1 public, 2 private.
    #[serde(rename = "type")]
    pub type_code: i64,
    /// Environments where it is published, joined with `|` (names and ids in the same order).
    pub run_env_name: String,
    pub run_env_id: String,
    /// `""` for a backend that uses no channel.
    pub vpc_channel_id: String,
    pub register_time: String,
    pub update_time: String,
}

const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY",
];

impl Api {
    /// Fill in what a seed leaves out, and refuse what the service would not hold.
    pub fn fill(&mut self, now: &str, channels: &[Channel]) -> anyhow::Result<()> {
        if self.name.is_empty() {
            bail!("an API has no name");
        }
        if !METHODS.contains(&self.req_method.as_str()) {
            bail!(
                "API {:?}: req_method must be one of {}",
                self.name,
                METHODS.join(", ")
            );
        }
        if !self.req_uri.starts_with('/') {
            bail!("API {:?}: req_uri must start with /", self.name);
        }
        if !self.vpc_channel_id.is_empty() && !channels.iter().any(|c| c.id == self.vpc_channel_id)
        {
            bail!(
                "API {:?}: vpc_channel_id {:?} is no channel of this gateway",
                self.name,
                self.vpc_channel_id
            );
        }
        for (field, default) in [
            (&mut self.id, new_id()),
            (&mut self.group_id, new_id()),
            (&mut self.group_name, "DEFAULT".to_string()),
            (&mut self.req_protocol, "HTTPS".to_string()),
            (&mut self.auth_type, "APP".to_string()),
            (&mut self.register_time, now.to_string()),
        ] {
            if field.is_empty() {
                *field = default;
            }
        }
        if self.update_time.is_empty() {
            self.update_time = self.register_time.clone();
        }
        if self.type_code == 0 {
            self.type_code = 1;
        }
        Ok(())
    }

    /// The API as ListApisV2 lists it; `channel` is the one its backend uses.
    pub fn to_json(&self, channel: Option<&Channel>) -> Value {
        let backend = match channel {
            Some(c) => json!({
                "req_protocol": "HTTP", "req_method": self.req_method, "req_uri": self.req_uri,
                "timeout": 5000, "vpc_channel_status": 1,
                "vpc_channel_info": {"vpc_channel_id": c.id, "vpc_channel_port": c.port,
                    "vpc_channel_proxy_host": ""},
            }),
            None => json!({
                "req_protocol": "HTTP", "req_method": self.req_method, "req_uri": self.req_uri,
                "timeout": 5000, "vpc_channel_status": 2,
            }),
        };
        json!({
            "id": self.id,
            "name": self.name,
            "type": self.type_code,
            "version": "",
            "req_protocol": self.req_protocol,
            "req_method": self.req_method,
            "req_uri": self.req_uri,
            "auth_type": self.auth_type,
            "match_mode": "NORMAL",
            "backend_type": "HTTP",
            "remark": "",
            "group_id": self.group_id,
            "group_name": self.group_name,
            "group_version": "V1",
            "status": 1,
            "register_time": self.register_time,
            "update_time": self.update_time,
            "run_env_name": self.run_env_name,
            "run_env_id": self.run_env_id,
            "publish_id": "",
            "backend_api": backend,
        })
    }

    fn published_in(&self, env_id: &str) -> bool {
        self.run_env_id.split('|').any(|e| e.trim() == env_id)
    }
}

/// ListApisV2 with its filters: `id`, `name`, `group_id`, `req_protocol`, `req_method`,
/// `req_uri`, `auth_type`, `env_id`, `type`, `vpc_channel_id`, `vpc_channel_name`, and
/// `precise_search` for exact `name`, `req_uri` and `vpc_channel_name`.
pub async fn list(
    State(app): State<Arc<App>>,
    Path(p): Path<GatewayPath>,
    q: Result<Query<pagination::Query>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let q = query(q)?;
    let page = Page::from_query(&q)?;
    let type_code = query_int(&q, "type")?;
    let exact = |k: &str| query_str(&q, k).map(|v| (v, precise(&q, k)));
    let (name, uri, channel_name) = (exact("name"), exact("req_uri"), exact("vpc_channel_name"));
    let same = |k: &str| query_str(&q, k);
    let (id, group, protocol, method, auth, env, channel_id) = (
        same("id"),
        same("group_id"),
        same("req_protocol"),
        same("req_method"),
        same("auth_type"),
        same("env_id"),
        same("vpc_channel_id"),
    );
    let v = app.store.read(&p.instance_id, |st| {
        let channel_of = |a: &Api| st.channels.iter().find(|c| c.id == a.vpc_channel_id);
        let keep = |a: &Api| {
            let ch = channel_of(a);
            id.is_none_or(|v| a.id == v)
                && name.is_none_or(|(v, x)| matches(&a.name, v, x))
                && group.is_none_or(|v| a.group_id == v)
                && protocol.is_none_or(|v| a.req_protocol.eq_ignore_ascii_case(v))
                && method.is_none_or(|v| a.req_method.eq_ignore_ascii_case(v))
                && uri.is_none_or(|(v, x)| matches(&a.req_uri, v, x))
                && auth.is_none_or(|v| a.auth_type == v)
                && env.is_none_or(|v| a.published_in(v))
                && type_code.is_none_or(|t| a.type_code == t)
                && channel_id.is_none_or(|v| a.vpc_channel_id == v)
                && channel_name.is_none_or(|(v, x)| ch.is_some_and(|c| matches(&c.name, v, x)))
        };
        let items: Vec<&Api> = st.apis.iter().filter(|a| keep(a)).collect();
        Ok(page.answer("apis", &items, |a| a.to_json(channel_of(a))))
    })?;
    Ok(Json(v))
}
