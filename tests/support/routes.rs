//! The API routes of the test server: channels, members and groups, stored as JSON values.

use axum::body::Body;
use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};

use super::{INSTANCE, Inner, PROJECT, Shared, apig_error, json_answer, query_pairs};

pub(super) fn route(
    state: &Shared,
    method: &Method,
    path: &str,
    raw_query: &str,
    body: &[u8],
) -> Response {
    let prefix = format!("/v2/{PROJECT}/apigw/instances/{INSTANCE}/vpc-channels");
    let Some(rest) = path.strip_prefix(&prefix) else {
        return apig_error(
            404,
            "APIG.0101",
            "The API does not exist or has not been published",
        );
    };
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    let q = query_pairs(raw_query);
    let offset: usize = q.get("offset").and_then(|o| o.parse().ok()).unwrap_or(0);
    let limit: usize = q.get("limit").and_then(|o| o.parse().ok()).unwrap_or(20);
    let mut s = state.0.lock().unwrap();
    let limit = limit.clamp(1, s.page_cap);
    match (method.as_str(), parts.as_slice()) {
        ("GET", []) => {
            let name = q.get("name").cloned().unwrap_or_default();
            let all: Vec<Value> = s
                .channels
                .values()
                .filter(|c| c["name"].as_str().unwrap_or("").contains(&name))
                .map(|c| {
                    let mut c = c.clone();
                    c.as_object_mut().unwrap().remove("vpc_health_config");
                    c
                })
                .collect();
            let page: Vec<Value> = all.iter().skip(offset).take(limit).cloned().collect();
            json_answer(
                200,
                &json!({"size": page.len(), "total": all.len(), "vpc_channels": page}),
            )
        }
        ("POST", []) => {
            let v: Value = match serde_json::from_slice(body) {
                Ok(v) => v,
                Err(_) => return apig_error(400, "APIG.2011", "Invalid request body"),
            };
            let id = s.new_id();
            store(&mut s, &id, &v);
            let answer = answer_of(&s.channels[&id]);
            json_answer(201, &answer)
        }
        (m, [id, rest @ ..]) => {
            let id = id.to_string();
            if !s.channels.contains_key(&id) {
                return apig_error(
                    404,
                    "APIG.3023",
                    &format!("The VPC channel does not exist,id:{id}"),
                );
            }
            match (m, rest) {
                ("GET", []) => {
                    // The embedded member copy is deliberately partial: the client must use E6.
                    let mut d = s.channels[&id].clone();
                    let few: Vec<Value> = s.members[&id].iter().take(3).cloned().collect();
                    d["members"] = Value::Array(few);
                    json_answer(200, &d)
                }
                ("PUT", []) => {
                    let v: Value = match serde_json::from_slice(body) {
                        Ok(v) => v,
                        Err(_) => return apig_error(400, "APIG.2011", "Invalid request body"),
                    };
                    if !v["members"].is_array() {
                        return apig_error(
                            400,
                            "APIG.2001",
                            "The request parameters must be specified, parameter name:members",
                        );
                    }
                    store(&mut s, &id, &v);
                    let answer = answer_of(&s.channels[&id]);
                    json_answer(200, &answer)
                }
                ("DELETE", []) => {
                    s.channels.remove(&id);
                    s.members.remove(&id);
                    Response::builder().status(204).body(Body::empty()).unwrap()
                }
                ("GET", ["members"]) => {
                    if offset > 0 && s.churn > 0 {
                        s.churn -= 1;
                        churn(&mut s, &id);
                    }
                    let drift = if offset > 0 { s.total_drift } else { 0 };
                    let offset = if s.ignore_offset { 0 } else { offset };
                    let all = &s.members[&id];
                    let page: Vec<Value> = all.iter().skip(offset).take(limit).cloned().collect();
                    let total = s.claimed_total.unwrap_or(all.len() as i64 + drift);
                    json_answer(
                        200,
                        &json!({"size": page.len(), "total": total, "members": page}),
                    )
                }
                ("GET", ["member-groups"]) => {
                    let groups = s.channels[&id]["member_groups"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    let page: Vec<Value> =
                        groups.iter().skip(offset).take(limit).cloned().collect();
                    json_answer(
                        200,
                        &json!({"size": page.len(), "total": groups.len(), "member_groups": page}),
                    )
                }
                _ => apig_error(
                    404,
                    "APIG.0101",
                    "The API does not exist or has not been published",
                ),
            }
        }
        _ => apig_error(
            404,
            "APIG.0101",
            "The API does not exist or has not been published",
        ),
    }
}

/// Someone else's change between two pages: the second member goes, a new one comes.
fn churn(s: &mut Inner, id: &str) {
    let n = s.new_id();
    let k = s.next_id;
    let members = s.members.get_mut(id).unwrap();
    if members.len() > 1 {
        members.remove(1);
    }
    members.push(json!({"id": format!("new{n}"), "host": format!("172.16.{}.{}", (k / 250) % 250, k % 250 + 1),
        "ecs_id": "", "ecs_name": "", "weight": 1, "is_backup": false,
        "member_group_name": "group0", "member_group_id": format!("grp0{id}"), "status": 1,
        "port": 0, "vpc_channel_id": id, "create_time": "2024-01-02T03:04:05Z"}));
}

/// The PUT/POST answer: the channel without members and health check.
fn answer_of(detail: &Value) -> Value {
    let mut a = detail.clone();
    let o = a.as_object_mut().unwrap();
    o.remove("vpc_health_config");
    o.remove("members");
    a
}

/// Replace a channel's definition with a PUT/POST body, as the real service does.
fn store(s: &mut Inner, id: &str, body: &Value) {
    let old = s.channels.get(id).cloned().unwrap_or(json!({}));
    let mut d = json!({
        "id": id, "name": body["name"], "port": body["port"],
        "balance_strategy": body["balance_strategy"], "member_type": body["member_type"],
        "type": 2, "vpc_channel_type": "builtin", "dict_code": "", "status": 1,
        "create_time": old.get("create_time").cloned().unwrap_or(json!("2024-01-02T03:04:05Z")),
        "microservice_info": {"id": "", "authorization": ""},
    });
    let groups: Vec<Value> = body["member_groups"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut g| {
            let gid = format!("grp-{}", g["member_group_name"].as_str().unwrap_or(""));
            g["member_group_id"] = json!(gid);
            g
        })
        .collect();
    d["member_groups"] = Value::Array(groups);
    if let Some(h) = body.get("vpc_health_config").filter(|h| h.is_object()) {
        let mut h = h.clone();
        h["protocol"] = json!(h["protocol"].as_str().unwrap_or("").to_ascii_lowercase());
        h["id"] = json!(format!("hc{id}"));
        h["vpc_channel_id"] = json!(id);
        d["vpc_health_config"] = h;
    }
    let members: Vec<Value> = body["members"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, mut m)| {
            m["id"] = json!(format!("m{i:05}{id}"));
            m["vpc_channel_id"] = json!(id);
            if m.get("status").is_none() {
                m["status"] = json!(1);
            }
            if m.get("port").is_none() {
                m["port"] = json!(0);
            }
            m["health_status"] = json!("unknown");
            m
        })
        .collect();
    s.channels.insert(id.to_string(), d);
    s.members.insert(id.to_string(), members);
}
