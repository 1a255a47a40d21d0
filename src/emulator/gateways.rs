//! ListInstancesV2 (docs/api.md §2 E19): the gateways of the project, in the SDK's
//! `RespInstanceBase` shape.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde_json::{Value, json};

use super::App;
use super::channels::query;
use super::errors::ApiResult;
use super::pagination::{self, Page, matches, query_str};
use super::project::Gateway;

impl Gateway {
    pub fn to_json(&self, project_id: &str) -> Value {
        json!({
            "id": self.id,
            "project_id": project_id,
            "instance_name": self.instance_name,
            "status": self.status,
            "instance_status": status_code(&self.status),
            "type": "apig",
            "spec": self.spec,
            "create_time": self.create_time,
            "enterprise_project_id": "0",
            "eip_address": "",
            "charging_mode": 0,
            "loadbalancer_provider": "elb",
        })
    }
}

/// The numeric twin of `status`, from the SDK model's table (0 for a status it does not
/// list here).
fn status_code(status: &str) -> i64 {
    match status {
        "Creating" => 1,
        "CreateSuccess" => 2,
        "Running" => 6,
        "Frozen" => 37,
        "Unhealthy" => 40,
        _ => 0,
    }
}

/// ListInstancesV2 with its filters `instance_id` (exact), `instance_name` (substring) and
/// `status` (exact).
pub async fn list(
    State(app): State<Arc<App>>,
    q: Result<Query<pagination::Query>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let q = query(q)?;
    let page = Page::from_query(&q)?;
    let id = query_str(&q, "instance_id");
    let name = query_str(&q, "instance_name");
    let status = query_str(&q, "status");
    let v = app.store.read_project(|p| {
        let items: Vec<&Gateway> = p
            .gateways
            .iter()
            .filter(|g| {
                id.is_none_or(|v| g.id == v)
                    && name.is_none_or(|v| matches(&g.instance_name, v, false))
                    && status.is_none_or(|v| g.status == v)
            })
            .collect();
        page.answer("instances", &items, |g| g.to_json(&app.project_id))
    });
    Ok(Json(v))
}
