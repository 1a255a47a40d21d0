//! E1–E5: list, show, create, update and delete channels of one gateway.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;

use super::App;
use super::body::{check_channel, parse_object, requested_kind, typed};
use super::build::apply_channel;
use super::errors::{ApiError, ApiResult};
use super::pagination::{self, Page, matches, precise, query_int, query_str};
use super::state::{self, Channel, new_id, now};
use crate::model::VpcCreate;

/// The gateway a call is addressed to (the path's `{instance_id}`).
#[derive(Debug, Deserialize)]
pub struct GatewayPath {
    pub instance_id: String,
}

#[derive(Debug, Deserialize)]
pub struct ChannelPath {
    pub instance_id: String,
    pub vpc_channel_id: String,
}

/// The query of a list call, or 400 APIG.2012 when it cannot be read.
pub fn query(q: Result<Query<pagination::Query>, QueryRejection>) -> ApiResult<pagination::Query> {
    q.map(|Query(q)| q)
        .map_err(|_| ApiError::invalid("query", "the query string cannot be parsed"))
}

/// Index of a channel by id, or 404 APIG.3023.
pub fn find(st: &state::State, id: &str) -> ApiResult<usize> {
    st.channels
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| ApiError::no_channel(id))
}

fn check_dict_code(q: &pagination::Query) -> ApiResult<()> {
    if let Some(d) = query_str(q, "dict_code") {
        let n = d.chars().count();
        if !(3..=64).contains(&n) {
            return Err(ApiError::invalid("dict_code", "length must be 3 to 64"));
        }
    }
    Ok(())
}

/// E1.
pub async fn list(
    State(app): State<Arc<App>>,
    Path(gw): Path<GatewayPath>,
    q: Result<Query<pagination::Query>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let q = query(q)?;
    let page = Page::from_query(&q)?;
    check_dict_code(&q)?;
    let member_port = query_int(&q, "member_port")?;
    if let Some(p) = member_port
        && !(0..=65535).contains(&p)
    {
        return Err(ApiError::invalid("member_port", "must be 0 to 65535"));
    }
    let id = query_str(&q, "id");
    let name = query_str(&q, "name");
    let name_exact = precise(&q, "name");
    let host = query_str(&q, "member_host");
    let group_name = query_str(&q, "member_group_name");
    let group_exact = precise(&q, "member_group_name");
    let group_id = query_str(&q, "member_group_id");
    let kind = query_str(&q, "vpc_channel_type");
    let keep = |c: &Channel| {
        id.is_none_or(|v| c.id == v)
            && name.is_none_or(|v| matches(&c.name, v, name_exact))
            && kind.is_none_or(|v| c.vpc_channel_type == v)
            && host.is_none_or(|v| c.members.iter().any(|m| m.host == v))
            && member_port.is_none_or(|p| c.members.iter().any(|m| m.port == p))
            && group_name.is_none_or(|v| {
                c.member_groups
                    .iter()
                    .any(|g| matches(&g.member_group_name, v, group_exact))
            })
            && group_id.is_none_or(|v| c.member_groups.iter().any(|g| g.member_group_id == v))
    };
    let v = app.store.read(&gw.instance_id, |st| {
        let items: Vec<&Channel> = st.channels.iter().filter(|c| keep(c)).collect();
        Ok(page.answer("vpc_channels", &items, |c| c.summary_json(&gw.instance_id)))
    })?;
    Ok(Json(v))
}

/// E2.
pub async fn show(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
) -> ApiResult<axum::response::Response> {
    app.store.read(&p.instance_id, |st| {
        let i = find(st, &p.vpc_channel_id)?;
        super::render::detail(&st.channels[i], &p.instance_id)
    })
}

/// Parse a channel body; when it names no type, the stored one is assumed so that the shared
/// rules judge it as the channel it will update.
fn channel_body(bytes: &[u8], stored_kind: Option<&str>) -> ApiResult<(Value, VpcCreate)> {
    let mut raw = parse_object(bytes)?;
    let body: VpcCreate = typed(&raw)?;
    if let (Some(kind), Some(obj)) = (stored_kind, raw.as_object_mut())
        && body.vpc_channel_type.as_deref().is_none_or(str::is_empty)
        && body.type_code.is_none_or(|t| t == 0)
    {
        obj.insert("vpc_channel_type".into(), Value::String(kind.to_string()));
    }
    Ok((raw, body))
}

/// Reference channels point at channels that exist and are not references themselves.
fn check_references(st: &state::State, body: &VpcCreate, own_id: &str) -> ApiResult<()> {
    for g in &body.member_groups {
        let Some(r) = g
            .reference_vpc_channel_id
            .as_deref()
            .filter(|r| !r.is_empty())
        else {
            continue;
        };
        match st.channels.iter().find(|c| c.id == r) {
            Some(c) if c.id != own_id && !c.is_reference() => {}
            Some(_) => {
                return Err(ApiError::invalid(
                    "reference_vpc_channel_id",
                    "a reference channel cannot point at itself or another reference channel",
                ));
            }
            None => return Err(ApiError::no_channel(r)),
        }
    }
    Ok(())
}

/// E4.
pub async fn create(
    State(app): State<Arc<App>>,
    Path(gw): Path<GatewayPath>,
    bytes: Bytes,
) -> ApiResult<Response> {
    let (raw, body) = channel_body(&bytes, None)?;
    let kind = requested_kind(&body)?;
    check_channel(&raw, &body, kind, false)?;
    let quota = app.channel_quota;
    let instance = gw.instance_id.clone();
    let v = app
        .store
        .write(&gw.instance_id, move |st| {
            let name = body.name.clone().unwrap_or_default();
            if st.channels.iter().any(|c| c.name == name) {
                return Err(ApiError::duplicate_name(&name));
            }
            if st.channels.len() >= quota {
                return Err(ApiError::channel_quota(quota));
            }
            if kind == "reference" {
                check_references(st, &body, "")?;
            }
            let t = now();
            let mut ch = Channel {
                id: new_id(),
                vpc_channel_type: kind.to_string(),
                create_time: t.clone(),
                status: 1,
                ..Default::default()
            };
            apply_channel(&mut ch, &raw, &body, &t);
            let v = ch.summary_json(&instance);
            st.channels.push(ch);
            Ok(v)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// E3: full overwrite (docs/api.md §5.1).
pub async fn update(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let id = p.vpc_channel_id;
    let instance = p.instance_id;
    let stored_kind = app.store.read(&instance, |st| {
        find(st, &id).map(|i| st.channels[i].vpc_channel_type.clone())
    })?;
    let (raw, body) = channel_body(&bytes, Some(&stored_kind))?;
    check_channel(&raw, &body, &stored_kind, true)?;
    let shown_as = &instance;
    let v = app
        .store
        .write(&instance, move |st| {
            let i = find(st, &id)?;
            let name = body.name.clone().unwrap_or_default();
            if st.channels.iter().any(|c| c.name == name && c.id != id) {
                return Err(ApiError::duplicate_name(&name));
            }
            if st.channels[i].is_reference() {
                check_references(st, &body, &id)?;
            }
            // Every check is done, so the stored channel is edited in place without a copy.
            let ch = &mut st.channels[i];
            apply_channel(ch, &raw, &body, &now());
            Ok(ch.summary_json(shown_as))
        })
        .await?;
    Ok(Json(v))
}

/// E5: refused while a reference channel points at the channel (409 APIG.3719) or an API
/// routes through it (403 APIG.3414).
pub async fn delete(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
) -> ApiResult<StatusCode> {
    let id = p.vpc_channel_id;
    app.store
        .write(&p.instance_id, move |st| {
            let i = find(st, &id)?;
            let referenced = st.channels.iter().any(|c| {
                c.is_reference()
                    && c.member_groups
                        .iter()
                        .any(|g| g.reference_vpc_channel_id == id)
            });
            if referenced {
                return Err(ApiError::referenced(&id));
            }
            let apis = st.apis.iter().filter(|a| a.vpc_channel_id == id).count();
            if apis > 0 {
                return Err(ApiError::in_use_by_apis(&id, apis));
            }
            st.channels.remove(i);
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
