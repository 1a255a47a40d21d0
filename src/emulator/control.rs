//! The emulator-only control call, not part of the real API: `POST /_emulator/health` with
//! `{"instance_id", "vpc_channel_id", "host", "port", "health_status"}` sets the simulated
//! health of the members at that address (`port` absent or 0: on every port), since the
//! emulator never sends traffic to member addresses. It needs the emulator's credentials like
//! every call. Answers `{"updated": N, "members": [...]}`; 404 APIG.3024 when no member
//! matches.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

use super::App;
use super::body::{parse_object, typed};
use super::channels::find;
use super::errors::{ApiError, ApiResult};
use crate::model::HealthStatus;

#[derive(Debug, Deserialize)]
struct SetHealth {
    #[serde(default)]
    instance_id: String,
    #[serde(default)]
    vpc_channel_id: String,
    #[serde(default)]
    host: String,
    #[serde(default)]
    port: Option<i64>,
    #[serde(default)]
    health_status: String,
}

pub async fn health(State(app): State<Arc<App>>, bytes: Bytes) -> ApiResult<Json<Value>> {
    let raw = parse_object(&bytes)?;
    let body: SetHealth = typed(&raw)?;
    for (field, value) in [
        ("instance_id", &body.instance_id),
        ("vpc_channel_id", &body.vpc_channel_id),
        ("host", &body.host),
        ("health_status", &body.health_status),
    ] {
        if value.is_empty() {
            return Err(ApiError::missing(field));
        }
    }
    if HealthStatus::from_wire(&body.health_status).is_none() {
        return Err(ApiError::invalid(
            "health_status",
            &format!("must be one of {}", HealthStatus::allowed()),
        ));
    }
    let port = body.port.filter(|p| *p != 0);
    let v = app
        .store
        .write(&body.instance_id, move |st| {
            let i = find(st, &body.vpc_channel_id)?;
            let ch = &mut st.channels[i];
            let at = |m: &super::state::Member| {
                (m.host == body.host || m.ecs_id == body.host) && port.is_none_or(|p| m.port == p)
            };
            let mut changed = Vec::new();
            for m in ch.members.iter_mut().filter(|m| at(m)) {
                m.health_status = Some(body.health_status.clone());
                changed.push(m.to_json(&ch.id));
            }
            if changed.is_empty() {
                return Err(ApiError::no_member(&body.host));
            }
            Ok(json!({"updated": changed.len(), "members": changed}))
        })
        .await?;
    Ok(Json(v))
}
