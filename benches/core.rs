//! Benchmarks of the core: validate, diff and the write plan of a 10,000-member channel body,
//! and request signing. Budget: validate and diff each under 20 ms in release; the
//! plan is a diff and one pass over the members, so it opens the review within the same.
//! Run one group with e.g. `cargo bench --bench core -- validate`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use std::hint::black_box;

fn bench_validate(c: &mut Criterion) {
    let clean = support::channel_body(10_000);
    let mut broken = clean.clone();
    // One problem in every tenth member: the cost of reporting, not just of checking.
    for i in (0..10_000).step_by(10) {
        broken["members"][i]["weight"] = json!(20_000);
    }
    let mut group = c.benchmark_group("validate");
    group.bench_function("10k_members_clean", |b| {
        b.iter(|| chanedit::validate::validate(black_box(&clean)))
    });
    group.bench_function("10k_members_1k_errors", |b| {
        b.iter(|| chanedit::validate::validate(black_box(&broken)))
    });
    group.finish();
}

fn bench_diff(c: &mut Criterion) {
    let base = support::channel_body(10_000);
    // A few edits, as a user would make them.
    let mut draft = base.clone();
    draft["vpc_health_config"]["timeout"] = json!(8);
    let members = draft["members"].as_array_mut().expect("members");
    members[10]["weight"] = json!(5);
    members[5000]["status"] = json!(2);
    members.remove(7000);
    members.push(json!({"host": "172.16.0.1", "port": 8080, "member_group_name": "group_1"}));
    // The same edits with the member list in another order: every member is matched by
    // identity through the hash map.
    let mut reordered = draft.clone();
    reordered["members"]
        .as_array_mut()
        .expect("members")
        .reverse();

    let mut group = c.benchmark_group("diff");
    group.bench_function("10000_members", |b| {
        b.iter(|| chanedit::diff::diff(black_box(&base), black_box(&draft)))
    });
    group.bench_function("10000_members_reordered", |b| {
        b.iter(|| chanedit::diff::diff(black_box(&base), black_box(&reordered)))
    });
    group.bench_function("10000_members_render", |b| {
        b.iter(|| chanedit::diff::diff(black_box(&base), black_box(&draft)).render(false))
    });
    group.finish();
}

/// Choosing the request for a change of a 10,000-member channel: a narrow one (two members
/// disabled: a batch; a change in one group: that group's PUT) and the full PUT.
fn bench_plan(c: &mut Criterion) {
    use chanedit::api::plan::{WriteMode, plan};
    let base = support::channel_body(10_000);
    let ids: Vec<Option<String>> = (0..10_000).map(|i| Some(format!("m{i}"))).collect();
    let mut disabled = base.clone();
    disabled["members"][10]["status"] = json!(2);
    disabled["members"][5000]["status"] = json!(2);
    let mut one_group = base.clone();
    let members = one_group["members"].as_array_mut().expect("members");
    members.remove(8);
    members.remove(4);
    let mut mixed = disabled.clone();
    mixed["vpc_health_config"]["timeout"] = json!(8);
    let mut group = c.benchmark_group("plan");
    for (name, draft) in [
        ("10000_members_batch_disable", &disabled),
        ("10000_members_one_group", &one_group),
        ("10000_members_full", &mixed),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                plan(
                    black_box(&base),
                    &ids,
                    black_box(draft),
                    WriteMode::Narrowest,
                )
            })
        });
    }
    group.finish();
}

/// Signing one request: a GET with a query, and a PUT with a 10,000-member body.
fn bench_sign(c: &mut Criterion) {
    use chanedit::sign::{SignRequest, sign};
    let headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("User-Agent".to_string(), "chanedit/0.1.0".to_string()),
        (
            "X-Project-Id".to_string(),
            "0e0e1c8f5a0000b92f2ac0013ec0f8c3".to_string(),
        ),
        ("X-Sdk-Date".to_string(), "20240102T030405Z".to_string()),
    ];
    let query = vec![
        ("offset".to_string(), "500".to_string()),
        ("limit".to_string(), "500".to_string()),
    ];
    let path = "/v2/0e0e1c8f5a0000b92f2ac0013ec0f8c3/apigw/instances/eddc4d25480b4cd6b512f270a1b8b341/vpc-channels/18174f5f4f1a4dc29f33aeadd9788e5f/members";
    c.bench_function("sign_get_members_page", |b| {
        b.iter(|| {
            sign(
                &SignRequest {
                    method: "GET",
                    host: "apig.cn-north-4.myhuaweicloud.com",
                    path,
                    query: &query,
                    headers: &headers,
                    body: b"",
                },
                "HPUAEXAMPLEAK1234567",
                "ExampleSecretKey0123456789abcdefghijKLMN",
            )
        })
    });
    let members: Vec<_> = (0..10_000)
        .map(|i| serde_json::json!({"host": format!("10.0.{}.{}", i / 256, i % 256), "weight": 1}))
        .collect();
    let body = serde_json::to_vec(&serde_json::json!({"name": "bulk", "port": 80,
        "member_groups": [], "members": members}))
    .unwrap();
    c.bench_function("sign_put_10000_members", |b| {
        b.iter(|| {
            sign(
                &SignRequest {
                    method: "PUT",
                    host: "apig.cn-north-4.myhuaweicloud.com",
                    path,
                    query: &[],
                    headers: &headers,
                    body: &body,
                },
                "HPUAEXAMPLEAK1234567",
                "ExampleSecretKey0123456789abcdefghijKLMN",
            )
        })
    });
}

criterion_group!(benches, bench_validate, bench_diff, bench_plan, bench_sign);
criterion_main!(benches);
