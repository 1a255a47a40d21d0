//! E13–E17: member groups of a channel.

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
use super::as_body::channel_as_body;
use super::body::{check_rules, parse_object, typed};
use super::build::build_group;
use super::channels::{ChannelPath, find, query};
use super::errors::{ApiError, ApiResult};
use super::pagination::{self, Page, matches, precise, query_str};
use super::state::{Channel, Group, now};
use crate::model::{MemberGroupCreate, MemberGroupsBody};

#[derive(Debug, Deserialize)]
pub struct GroupPath {
    pub instance_id: String,
    pub vpc_channel_id: String,
    pub member_group_id: String,
}

/// Check the channel as it would be after a group write, against the group rules only.
fn check_result(ch: &Channel) -> ApiResult<()> {
    check_rules(&channel_as_body(ch), |path| {
        path.starts_with("member_groups")
    })
}

fn group_index(ch: &Channel, id: &str) -> ApiResult<usize> {
    ch.member_groups
        .iter()
        .position(|g| g.member_group_id == id)
        .ok_or_else(|| ApiError::no_group(id))
}

fn check_name(g: &MemberGroupCreate) -> ApiResult<String> {
    match g.member_group_name.as_deref().filter(|n| !n.is_empty()) {
        Some(n) => Ok(n.to_string()),
        None => Err(ApiError::missing("member_group_name")),
    }
}

/// E14.
pub async fn list(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    q: Result<Query<pagination::Query>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let q = query(q)?;
    let page = Page::from_query(&q)?;
    let name = query_str(&q, "member_group_name");
    let exact = precise(&q, "member_group_name");
    app.store.read(&p.instance_id, |st| {
        let ch = &st.channels[find(st, &p.vpc_channel_id)?];
        let items: Vec<&Group> = ch
            .member_groups
            .iter()
            .filter(|g| name.is_none_or(|v| matches(&g.member_group_name, v, exact)))
            .collect();
        Ok(Json(page.answer("member_groups", &items, |g| {
            g.to_json(&ch.vpc_channel_type)
        })))
    })
}

/// E15.
pub async fn show(State(app): State<Arc<App>>, Path(p): Path<GroupPath>) -> ApiResult<Json<Value>> {
    app.store.read(&p.instance_id, |st| {
        let ch = &st.channels[find(st, &p.vpc_channel_id)?];
        let g = &ch.member_groups[group_index(ch, &p.member_group_id)?];
        Ok(Json(g.to_json(&ch.vpc_channel_type)))
    })
}

/// E13: add or update groups by name (first of repeated names wins).
pub async fn add(
    State(app): State<Arc<App>>,
    Path(p): Path<ChannelPath>,
    bytes: Bytes,
) -> ApiResult<Response> {
    let raw = parse_object(&bytes)?;
    let body: MemberGroupsBody = typed(&raw)?;
    if body.member_groups.is_empty() {
        return Err(ApiError::missing("member_groups"));
    }
    for g in &body.member_groups {
        check_name(g)?;
    }
    let v = app
        .store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let mut ch = st.channels[i].clone();
            let t = now();
            let mut touched: Vec<usize> = Vec::new();
            for g in &body.member_groups {
                let name = g.member_group_name.clone().unwrap_or_default();
                match ch
                    .member_groups
                    .iter()
                    .position(|o| o.member_group_name == name)
                {
                    Some(at) if touched.contains(&at) => {}
                    Some(at) => {
                        ch.member_groups[at] = build_group(g, Some(&ch.member_groups[at]), &t);
                        touched.push(at);
                    }
                    None => {
                        ch.member_groups.push(build_group(g, None, &t));
                        touched.push(ch.member_groups.len() - 1);
                    }
                }
            }
            check_result(&ch)?;
            let items: Vec<Value> = touched
                .iter()
                .map(|&at| ch.member_groups[at].to_json(&ch.vpc_channel_type))
                .collect();
            st.channels[i] = ch;
            Ok(json!({"size": items.len(), "total": items.len(), "member_groups": items}))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// E16: update one group; a new name renames it (its members follow).
pub async fn update(
    State(app): State<Arc<App>>,
    Path(p): Path<GroupPath>,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let raw = parse_object(&bytes)?;
    let body: MemberGroupCreate = typed(&raw)?;
    let name = check_name(&body)?;
    app.store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let mut ch = st.channels[i].clone();
            let at = group_index(&ch, &p.member_group_id)?;
            if ch
                .member_groups
                .iter()
                .any(|g| g.member_group_name == name && g.member_group_id != p.member_group_id)
            {
                return Err(ApiError::invalid(
                    "member_group_name",
                    "another member group has this name",
                ));
            }
            let old_name = ch.member_groups[at].member_group_name.clone();
            ch.member_groups[at] = build_group(&body, Some(&ch.member_groups[at]), &now());
            for m in ch
                .members
                .iter_mut()
                .filter(|m| m.member_group_name == old_name)
            {
                m.member_group_name = name.clone();
            }
            check_result(&ch)?;
            let v = ch.member_groups[at].to_json(&ch.vpc_channel_type);
            st.channels[i] = ch;
            Ok(Json(v))
        })
        .await
}

/// E17: delete one group and the members in it (the sources leave this open, docs/api.md §8.14).
pub async fn delete(
    State(app): State<Arc<App>>,
    Path(p): Path<GroupPath>,
) -> ApiResult<StatusCode> {
    app.store
        .write(&p.instance_id, move |st| {
            let i = find(st, &p.vpc_channel_id)?;
            let ch = &mut st.channels[i];
            let at = group_index(ch, &p.member_group_id)?;
            let g = ch.member_groups.remove(at);
            ch.members
                .retain(|m| m.member_group_id != g.member_group_id);
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
