//! Benchmarks of the core: diff (and validate) of a 10,000-member channel body.
//! Budget (design.md): each under 20 ms in release.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

/// A server channel with `n` ip members spread over ten groups, and an HTTP health check.
fn big_body(n: usize) -> Value {
    let groups: Vec<Value> = (0..10)
        .map(|g| json!({"member_group_name": format!("group_{g}"), "member_group_weight": 1}))
        .collect();
    let members: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "host": format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
                "port": 8080,
                "weight": 1,
                "is_backup": false,
                "status": 1,
                "member_group_name": format!("group_{}", i % 10),
            })
        })
        .collect();
    json!({
        "name": "bench_channel",
        "port": 8080,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "builtin",
        "member_groups": groups,
        "members": members,
        "vpc_health_config": {"protocol": "HTTP", "path": "/health", "method": "GET",
            "port": 0, "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10,
            "timeout": 5, "http_code": "200", "status": 1}
    })
}

fn bench_diff(c: &mut Criterion) {
    let base = big_body(10_000);
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

criterion_group!(benches, bench_diff);
criterion_main!(benches);
