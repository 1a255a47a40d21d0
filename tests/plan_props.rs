//! The write planner on random channels (the generators of `body_gen`): the one request it
//! chooses, applied to the base as the emulator applies that call (a model of each call
//! below), gives exactly the draft; a narrow request is chosen only for a diff of exactly its
//! kind, and always for one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod body_gen;

use std::collections::HashSet;

use body_gen::body;
use chanedit::api::plan::{Plan, Request, WriteMode, plan};
use chanedit::diff::{ChangeKind, Diff, diff};
use chanedit::model::member_key_in;
use proptest::prelude::*;
use serde_json::{Value, json};

/// What each call does to the stored channel (docs/api.md §2, `emulator/members.rs`).
fn effect(base: &Value, ids: &[Option<String>], plan: &Plan) -> Value {
    let mut out = base.clone();
    let id_of = |i: usize| ids.get(i).cloned().flatten();
    let set_status = |out: &mut Value, member_ids: &[String], status: i64| {
        for (i, m) in out["members"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            if id_of(i).is_some_and(|id| member_ids.contains(&id)) {
                m["status"] = json!(status);
            }
        }
    };
    match plan.request() {
        Request::Full { body, .. } => return body.clone(),
        Request::Enable { member_ids } => set_status(&mut out, member_ids, 1),
        Request::Disable { member_ids } => set_status(&mut out, member_ids, 2),
        Request::HealthCheck(h) => out["vpc_health_config"] = serde_json::to_value(h).unwrap(),
        Request::AddMembers(members) => {
            // Upsert by address: the stored member is replaced by the entry, or the entry added.
            for m in members {
                let m = serde_json::to_value(m).unwrap();
                let key = member_key_in(&m, base).into_owned();
                let list = out["members"].as_array_mut().unwrap();
                match list
                    .iter()
                    .position(|s| member_key_in(s, base).into_owned() == key)
                {
                    Some(at) => list[at] = m,
                    None => list.push(m),
                }
            }
        }
        Request::DeleteMember { member_id, .. } => {
            let at = (0..ids.len())
                .find(|&i| id_of(i).as_deref() == Some(member_id))
                .unwrap();
            out["members"].as_array_mut().unwrap().remove(at);
        }
        Request::ReplaceGroup { group, members } => {
            let list = out["members"].as_array_mut().unwrap();
            list.retain(|m| m["member_group_name"].as_str() != Some(group));
            list.extend(members.iter().map(|m| serde_json::to_value(m).unwrap()));
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Edit {
    Status(usize, i64),
    Weight(usize),
    Remove(usize),
    Add(usize),
    Timeout(i64),
    GroupWeight(usize),
    Balance,
    /// In one group: its first member removed and a new one added.
    Churn(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0usize..20, 1i64..=2).prop_map(|(i, s)| Edit::Status(i, s)),
        2 => (0usize..20).prop_map(Edit::Weight),
        2 => (0usize..20).prop_map(Edit::Remove),
        2 => (0usize..4).prop_map(Edit::Add),
        2 => (1i64..6).prop_map(Edit::Timeout),
        1 => (0usize..4).prop_map(Edit::GroupWeight),
        1 => Just(Edit::Balance),
        2 => (0usize..4).prop_map(Edit::Churn),
    ]
}

/// Edits, often of one kind only (the narrow cases), sometimes mixed.
fn edits() -> impl Strategy<Value = Vec<Edit>> {
    (0u8..6, prop::collection::vec(edit(), 1..5)).prop_map(|(class, all)| {
        let keep = |e: &Edit| match class {
            0 => matches!(e, Edit::Status(..)),
            1 => matches!(e, Edit::Timeout(_)),
            2 => matches!(e, Edit::Weight(_) | Edit::Add(_)),
            3 => matches!(e, Edit::Remove(_)),
            4 => matches!(e, Edit::Churn(_)),
            _ => true,
        };
        let mut out: Vec<Edit> = all.into_iter().filter(keep).collect();
        if class == 3 {
            out.truncate(1);
        }
        out
    })
}

fn apply_edits(base: &Value, edits: &[Edit]) -> Value {
    let mut d = base.clone();
    let ecs = d["member_type"] == "ecs";
    for (n, e) in edits.iter().enumerate() {
        let len = d["members"].as_array().map_or(0, Vec::len);
        match *e {
            Edit::Status(i, s) if len > 0 => d["members"][i % len]["status"] = json!(s),
            Edit::Weight(i) if len > 0 => {
                let w = d["members"][i % len]["weight"].as_i64().unwrap_or(0);
                d["members"][i % len]["weight"] = json!(w + 1);
            }
            Edit::Remove(i) if len > 0 => {
                d["members"].as_array_mut().unwrap().remove(i % len);
            }
            Edit::Add(g) => {
                // A fresh address: never one the channel already has.
                let host = format!("10.9.0.{n}");
                let mut m = json!({"host": host, "weight": 1});
                if ecs {
                    m["ecs_id"] = json!(format!("i-new{n}"));
                    m["ecs_name"] = json!("vm");
                }
                if let Some(name) = d["member_groups"][g]["member_group_name"].as_str() {
                    m["member_group_name"] = json!(name);
                }
                d["members"].as_array_mut().unwrap().push(m);
            }
            Edit::Timeout(t) if d["vpc_health_config"].is_object() => {
                d["vpc_health_config"]["timeout"] = json!(t);
            }
            Edit::GroupWeight(i) => {
                let n = d["member_groups"].as_array().map_or(0, Vec::len);
                if n > 0 {
                    let w = d["member_groups"][i % n]["member_group_weight"]
                        .as_i64()
                        .unwrap_or(0);
                    d["member_groups"][i % n]["member_group_weight"] = json!(w + 1);
                }
            }
            Edit::Balance => d["balance_strategy"] = json!(2),
            Edit::Churn(g) => {
                let Some(name) = d["member_groups"][g]["member_group_name"].as_str() else {
                    continue;
                };
                let name = name.to_string();
                let list = d["members"].as_array_mut().unwrap();
                if let Some(at) = list.iter().position(|m| m["member_group_name"] == *name) {
                    list.remove(at);
                }
                let mut m = json!({"host": format!("10.8.0.{n}"), "weight": 2,
                    "member_group_name": name});
                if ecs {
                    m["ecs_id"] = json!(format!("i-churn{n}"));
                    m["ecs_name"] = json!("vm");
                }
                list.push(m);
            }
            _ => {}
        }
    }
    d
}

/// The base's members with every identity once (the narrow requests need that).
fn unique_members(mut body: Value) -> Value {
    let mut seen = HashSet::new();
    let members: Vec<Value> = body["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| seen.insert(member_key_in(m, &body).into_owned()))
        .cloned()
        .collect();
    body["members"] = Value::Array(members);
    body
}

fn ids_for(base: &Value) -> Vec<Option<String>> {
    let n = base["members"].as_array().map_or(0, Vec::len);
    (0..n).map(|i| Some(format!("id-{i}"))).collect()
}

/// The group of a member change, from the side that has the member.
fn group_of(c: &chanedit::diff::ItemChange) -> Option<String> {
    c.group().map(str::to_string)
}

/// The narrow kind a diff is exactly of, read from the diff alone; `None`: only the full PUT.
fn kind_of(d: &Diff, draft: &Value) -> Option<&'static str> {
    if d.is_empty() || !d.groups.is_empty() {
        return None;
    }
    if !d.fields.is_empty() {
        let health = d.members.is_empty()
            && d.fields.iter().all(|f| {
                let p = f.path_text();
                p.starts_with("vpc_health_config.")
            });
        return health.then_some("health");
    }
    let status_only = d.members.iter().all(|c| {
        c.kind == ChangeKind::Changed && c.fields.len() == 1 && c.fields[0].path_text() == "status"
    });
    let to: HashSet<Option<i64>> = d
        .members
        .iter()
        .map(|c| c.fields.first().and_then(|f| f.new.as_ref()?.as_i64()))
        .collect();
    if status_only && to.len() == 1 {
        return Some("status");
    }
    if d.members.iter().all(|c| c.kind != ChangeKind::Removed) {
        return Some("post");
    }
    if d.members.len() == 1 {
        return Some("delete");
    }
    let groups: HashSet<Option<String>> = d.members.iter().map(group_of).collect();
    let defined = |g: &str| {
        draft["member_groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["member_group_name"] == g)
    };
    match groups.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(g)] if defined(g) => Some("group"),
        _ => None,
    }
}

fn kind_of_plan(p: &Plan) -> Option<&'static str> {
    match p.request() {
        Request::Enable { .. } | Request::Disable { .. } => Some("status"),
        Request::HealthCheck(_) => Some("health"),
        Request::AddMembers(_) => Some("post"),
        Request::DeleteMember { .. } => Some("delete"),
        Request::ReplaceGroup { .. } => Some("group"),
        Request::Full { .. } => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_plan_applied_as_the_server_would_gives_the_draft(
        a in body(),
        b in body(),
        edits in edits(),
        (pair, once) in (prop::bool::weighted(0.2), any::<bool>()),
    ) {
        // Repeated addresses in the base (only the full PUT replaces both) or none.
        let a = if once { unique_members(a) } else { a };
        // Either an edited copy of the base, or an unrelated body (mostly the full PUT).
        let draft = if pair { b } else { apply_edits(&a, &edits) };
        let ids = ids_for(&a);
        let p = plan(&a, &ids, &draft, WriteMode::Narrowest);
        let after = effect(&a, &ids, &p);
        let left = diff(&after, &draft);
        prop_assert!(left.is_empty(), "{} left:\n{}", p.describe(), left.render(false));
        let forced = plan(&a, &ids, &draft, WriteMode::Full);
        prop_assert!(forced.is_full());
        prop_assert!(diff(&effect(&a, &ids, &forced), &draft).is_empty());
    }

    #[test]
    fn a_narrow_request_exactly_when_the_diff_is_of_its_kind(a in body(), edits in edits()) {
        let a = unique_members(a);
        let draft = apply_edits(&a, &edits);
        let p = plan(&a, &ids_for(&a), &draft, WriteMode::Narrowest);
        let d = diff(&a, &draft);
        prop_assert_eq!(kind_of_plan(&p), kind_of(&d, &draft), "{}\n{}", p.describe(), d.render(false));
    }
}
