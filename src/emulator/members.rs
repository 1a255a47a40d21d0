//! E6–E12: members of a channel (list, additive POST, overwriting PUT, delete, batch
//! enable/disable) and the health check alone.

use std::collections::HashSet;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::App;
use super::as_body::{channel_as_body, health_as_body};
use super::body::{check_health, check_member, check_rules, parse_object, typed};
use super::build::{build_health, build_member, key_index, member_key};
use super::channels::{ChannelPath, find, query};
use super::errors::{ApiError, ApiResult};
use super::pagination::{self, Page, matches, precise, query_str};
use super::state::{Channel, Member, now};
use crate::model::{MembersBatchEnableOrDisable, MembersBody, VpcHealthConfig};

#[derive(Debug, Deserialize)]
pub struct MemberPath {
    pub instance_id: String,
    pub vpc_channel_id: String,
    pub member_id: String,
}

/// E6.
pub async fn list(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    q: Result<Query<pagination::Query>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let page = Page::from_query(&q)?;
    let name = query_str(&q, "name");
    let name_exact = precise(&q, "name");
    let group_name = query_str(&q, "member_group_name");
    let group_exact = precise(&q, "member_group_name");
    let group_id = query_str(&q, "member_group_id");
    app.store.read(&p.instance_id, |st| {
        let ch = &st.channels[find(st, &p.vpc_channel_id)?];
        super::render::member_page(ch, page.offset, page.limit, |m| {
            name.is_none_or(|v| matches(&m.ecs_name, v, name_exact))
                && group_name.is_none_or(|v| matches(&m.member_group_name, v, group_exact))
                && group_id.is_none_or(|v| m.member_group_id == v)
        })
    })
}

/// Member writes are refused on reference channels (their members come from other channels).
fn writable(ch: &Channel) -> ApiResult<()> {
    if ch.is_reference() {
        return Err(ApiError::wrong_channel_type(
            "members of a reference channel cannot be changed",
        ));
    }
    Ok(())
}

/// The members body of E7/E8 with its required `members` list.
fn members_body(bytes: &[u8]) -> ApiResult<MembersBody> {
    let raw = parse_object(bytes)?;
    if raw.get("members").is_none_or(Value::is_null) {
        return Err(ApiError::missing("members"));
    }
    typed(&raw)
}

/// Check the channel as it would be after a member write, against the member rules only.
fn check_result(ch: &Channel) -> ApiResult<()> {
    check_rules(&channel_as_body(ch), |path| path.starts_with("members"))
}

fn list_answer(ch: &Channel, members: &[&Member]) -> Value {
    let items: Vec<Value> = members.iter().map(|m| m.to_json(&ch.id)).collect();
    json!({"size": items.len(), "total": items.len(), "members": items})
}

/// E7: add or update (by address); members not mentioned stay.
pub async fn add(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    bytes: Bytes,
) -> ApiResult<Response> {
    let body = members_body(&bytes)?;
    if body.members.is_empty() {
        return Err(ApiError::missing("members"));
    }
    let v = app
        .store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let mut ch = st.channels[i].clone();
            writable(&ch)?;
            for m in &body.members {
                check_member(m, &ch.member_type, |g| ch.group_by_name(g).is_some())?;
            }
            let t = now();
            let mut touched: Vec<usize> = Vec::new();
            let mut seen = HashSet::new();
            let mut index = key_index(&ch.members, &ch.member_type);
            for r in &body.members {
                let new = build_member(r, &ch, &t);
                let key = member_key(&new, &ch.member_type);
                if !seen.insert(key.clone()) {
                    continue;
                }
                match index.get(&key).copied() {
                    Some(at) => {
                        let old = &ch.members[at];
                        ch.members[at] = Member {
                            id: old.id.clone(),
                            create_time: old.create_time.clone(),
                            health_status: old.health_status.clone(),
                            ..new
                        };
                        touched.push(at);
                    }
                    None => {
                        ch.members.push(new);
                        index.insert(key, ch.members.len() - 1);
                        touched.push(ch.members.len() - 1);
                    }
                }
            }
            check_result(&ch)?;
            let picked: Vec<&Member> = touched.iter().map(|&at| &ch.members[at]).collect();
            let v = list_answer(&ch, &picked);
            st.channels[i] = ch;
            Ok(v)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// E8: overwrite all members, or only those of `member_group_name`.
pub async fn replace(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let body = members_body(&bytes)?;
    let v = app
        .store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let mut ch = st.channels[i].clone();
            writable(&ch)?;
            let group = body.member_group_name.clone().filter(|g| !g.is_empty());
            if let Some(g) = &group
                && ch.group_by_name(g).is_none()
            {
                return Err(ApiError::invalid(
                    "member_group_name",
                    "no member group of this name",
                ));
            }
            // With a group: entries of other groups are ignored; entries naming no group join it.
            let reqs: Vec<_> = match &group {
                None => body.members.clone(),
                Some(g) => body
                    .members
                    .iter()
                    .filter(|m| {
                        m.member_group_name
                            .as_deref()
                            .is_none_or(|n| n.is_empty() || n == g)
                    })
                    .cloned()
                    .map(|mut m| {
                        m.member_group_name = Some(g.clone());
                        m
                    })
                    .collect(),
            };
            for m in &reqs {
                check_member(m, &ch.member_type, |g| ch.group_by_name(g).is_some())?;
            }
            let t = now();
            let in_scope = |m: &Member| group.as_ref().is_none_or(|g| &m.member_group_name == g);
            let (old_scope, kept): (Vec<Member>, Vec<Member>) = std::mem::take(&mut ch.members)
                .into_iter()
                .partition(|m| in_scope(m));
            let old_index = key_index(&old_scope, &ch.member_type);
            let mut fresh: Vec<Member> = Vec::new();
            let mut seen = HashSet::new();
            for r in &reqs {
                let mut m = build_member(r, &ch, &t);
                let key = member_key(&m, &ch.member_type);
                if !seen.insert(key.clone()) {
                    continue;
                }
                if let Some(o) = old_index.get(&key).map(|&at| &old_scope[at]) {
                    m.id = o.id.clone();
                    m.create_time = o.create_time.clone();
                    m.health_status = o.health_status.clone();
                }
                fresh.push(m);
            }
            ch.members = kept;
            ch.members.extend(fresh);
            check_result(&ch)?;
            let picked: Vec<&Member> = ch.members.iter().filter(|m| in_scope(m)).collect();
            let v = list_answer(&ch, &picked);
            st.channels[i] = ch;
            Ok(v)
        })
        .await?;
    Ok(Json(v))
}

/// E9.
pub async fn remove(
    State(app): State<Arc<App>>,
    Path(p): Path<MemberPath>,
) -> ApiResult<StatusCode> {
    app.store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let ch = &mut st.channels[i];
            writable(ch)?;
            let at = ch
                .members
                .iter()
                .position(|m| m.id == p.member_id)
                .ok_or_else(|| ApiError::no_member(&p.member_id))?;
            ch.members.remove(at);
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// E10/E11. An id the channel does not have fails the whole call with 400 APIG.2012 naming
/// `id` (the documented answer of these pages), and nothing changes.
async fn set_status(
    app: Arc<App>,
    p: ChannelPath,
    bytes: Bytes,
    status: i64,
) -> ApiResult<StatusCode> {
    let raw = parse_object(&bytes)?;
    let body: MembersBatchEnableOrDisable = typed(&raw)?;
    if body.member_ids.is_empty() {
        return Err(ApiError::missing("member_ids"));
    }
    app.store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let ch = &mut st.channels[i];
            let wanted: HashSet<&str> = body.member_ids.iter().map(String::as_str).collect();
            let known: HashSet<&str> = ch.members.iter().map(|m| m.id.as_str()).collect();
            if let Some(unknown) = body
                .member_ids
                .iter()
                .find(|id| !known.contains(id.as_str()))
            {
                return Err(ApiError::unknown_member_id(unknown));
            }
            drop(known);
            for m in ch
                .members
                .iter_mut()
                .filter(|m| wanted.contains(m.id.as_str()))
            {
                m.status = status;
            }
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// E10.
pub async fn enable(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    bytes: Bytes,
) -> ApiResult<StatusCode> {
    set_status(app, p, bytes, 1).await
}

/// E11.
pub async fn disable(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    bytes: Bytes,
) -> ApiResult<StatusCode> {
    set_status(app, p, bytes, 2).await
}

/// E12: replace the health check only.
pub async fn health(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let raw = parse_object(&bytes)?;
    let body: VpcHealthConfig = typed(&raw)?;
    check_health(&body)?;
    let v = app
        .store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let ch = &mut st.channels[i];
            let h = build_health(&body, ch.vpc_health_config.as_ref(), &now());
            let mut check = channel_as_body(ch);
            if let Some(o) = check.as_object_mut() {
                o.insert("vpc_health_config".into(), health_as_body(&h));
            }
            check_rules(&check, |path| path.starts_with("vpc_health_config"))?;
            let v = h.to_json(&ch.id);
            ch.vpc_health_config = Some(h);
            Ok(v)
        })
        .await?;
    Ok(Json(v))
}
