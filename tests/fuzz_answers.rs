//! Fuzzing the answer parser (channel detail, member page, channel list, error body) and the
//! assembly of member pages: arbitrary bytes and mutated real answers never panic, errors
//! never carry a control character, and an assembled member list never holds one id or one
//! identity twice. `cargo test` runs each target for proptest's default number of cases;
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz_answers` runs them longer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use chanedit::api::pages::{Page, Paging, fetch_all};
use chanedit::api::{ApiError, Limits, answers, member_check as members};
use chanedit::model::{VpcChannel, VpcMemberInfo};
use proptest::prelude::*;
use serde_json::{Value, json};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Real answers: a detail of each kind, a member page, a channel list page, error bodies.
fn seeds() -> Vec<Vec<u8>> {
    let detail: Value = serde_json::from_slice(&fixture("response-server.json")).unwrap();
    let members = detail["members"].clone();
    let count = members.as_array().map_or(0, Vec::len);
    let mut summary = detail.clone();
    summary.as_object_mut().unwrap().remove("members");
    vec![
        fixture("response-server.json"),
        fixture("response-microservice.json"),
        json!({"size": count, "total": count, "members": members})
            .to_string()
            .into_bytes(),
        json!({"size": 1, "total": 1, "vpc_channels": [summary]})
            .to_string()
            .into_bytes(),
        fixture("error-400.json"),
        fixture("error-401.json"),
        fixture("error-500.json"),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Truncate(usize),
    Repeat(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(vec![
        b'"', b'{', b'}', b'[', b']', b',', b':', b'\\', b'0', b'-', 0x1b, 0x80, 0xff, 0,
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), interesting).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Mutation::Repeat(i, n)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Flip(i, b) if !bytes.is_empty() => bytes[i % len] ^= b,
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Delete(i, n) if !bytes.is_empty() => {
                let start = i % len;
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
            Mutation::Repeat(i, n) if !bytes.is_empty() => {
                let start = i % len;
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            _ => {}
        }
    }
    bytes
}

fn clean(e: &ApiError) -> bool {
    !e.to_string().chars().any(char::is_control)
}

fn no_duplicates(detail: &VpcChannel, list: &[VpcMemberInfo]) -> bool {
    let ids: HashSet<&str> = list.iter().filter_map(|m| m.id.as_deref()).collect();
    let with_id = list.iter().filter(|m| m.id.is_some()).count();
    let channel = json!({"member_type": detail.member_type, "port": detail.port});
    let identities: HashSet<String> = list
        .iter()
        .map(|m| {
            let v = json!({"host": m.host, "ecs_id": m.ecs_id, "port": m.port,
                "member_group_name": m.member_group_name});
            chanedit::diff::member_identity(&v, &channel)
        })
        .collect();
    ids.len() == with_id && identities.len() == list.len()
}

/// Every parser on one body; none may panic, and no error may carry a control character.
fn parse_all(body: &[u8]) -> Result<(), TestCaseError> {
    if let Err(e) = answers::detail(body) {
        prop_assert!(clean(&e), "{e}");
    }
    if let Err(e) = answers::channel(body) {
        prop_assert!(clean(&e), "{e}");
    }
    match answers::members_page(body) {
        Err(e) => prop_assert!(clean(&e), "{e}"),
        Ok(page) => {
            // One page read alone never claims a list: assembled, it has no duplicates.
            // (Served for every offset, as by a server that ignores it.)
            let detail = VpcChannel::default();
            let step = page.items.len().max(1);
            if let Ok(list) = assemble(&detail, step, |_| Ok(page.clone())) {
                prop_assert!(no_duplicates(&detail, &list));
            }
        }
    }
    if let Err(e) = answers::channels_page(body) {
        prop_assert!(clean(&e), "{e}");
    }
    for status in [400, 401, 404, 500, 502] {
        let e = answers::error(status, body);
        prop_assert!(clean(&e), "{e}");
        prop_assert_eq!(e.status(), Some(status));
    }
    Ok(())
}

/// Read a list from `serve(offset)` (one page per call, `step` per page), assembled and
/// checked as a load checks it.
fn assemble(
    detail: &VpcChannel,
    step: usize,
    serve: impl Fn(u64) -> Result<Page<VpcMemberInfo>, ApiError>,
) -> Result<Vec<VpcMemberInfo>, ApiError> {
    let paging = Paging {
        limit: step.max(1) as u32,
        concurrency: 4,
        limits: Limits::default(),
        what: "members",
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let list = runtime.block_on(fetch_all(
        &paging,
        |offset, _limit| {
            let page = serve(offset);
            async move { page }
        },
        |m: &VpcMemberInfo| m.id.as_deref(),
    ))?;
    members::check(detail, None, &list)?;
    Ok(list)
}

fn member_json() -> impl Strategy<Value = Value> {
    (
        prop::option::of(0u8..12),
        0u8..6,
        prop::sample::select(vec![0i64, 80, 8080]),
        prop::sample::select(vec!["", "g1", "g2"]),
    )
        .prop_map(|(id, host, port, group)| {
            let mut m = json!({"host": format!("10.0.0.{host}"), "port": port,
                "member_group_name": group, "weight": 1});
            if let Some(id) = id {
                m["id"] = json!(format!("m{id}"));
            }
            m
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..2048)) {
        parse_all(&body)?;
    }

    #[test]
    fn mutated_real_answers_never_panic(
        seed in prop::sample::select(seeds()),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        parse_all(&mutate(seed, &mutations))?;
    }

    #[test]
    fn assembled_member_lists_never_hold_duplicates(
        members in prop::collection::vec(member_json(), 0..40),
        step in 1usize..12,
        claimed in prop::option::of(0i64..50),
        mutations in prop::collection::vec(mutation(), 0..3),
        ecs in any::<bool>(),
    ) {
        let total = claimed.unwrap_or(members.len() as i64);
        let detail: VpcChannel = serde_json::from_value(json!({"id": "c", "port": 80,
            "member_type": if ecs { "ecs" } else { "ip" }})).unwrap();
        // Each page is serialised and read back through the parser; the ones after the
        // first are mutated.
        let serve = |offset: u64| {
            let start = (offset as usize).min(members.len());
            let end = (start + step).min(members.len());
            let chunk = &members[start..end];
            let body = json!({"size": chunk.len(), "total": total, "members": chunk})
                .to_string()
                .into_bytes();
            let body = if offset > 0 { mutate(body, &mutations) } else { body };
            answers::members_page(&body)
        };
        if let Ok(list) = assemble(&detail, step, serve) {
            prop_assert!(no_duplicates(&detail, &list), "{list:?}");
            prop_assert_eq!(list.len() as i64, total);
        }
    }
}
