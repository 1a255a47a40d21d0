//! Benchmarks of the core (budgets in design.md: validate and diff of a 10,000-member body
//! under 20 ms each). Run one group with `cargo bench --bench core -- validate`.

mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench_validate(c: &mut Criterion) {
    let clean = support::channel_body(10_000);
    let mut broken = clean.clone();
    // One problem in every tenth member: the cost of reporting, not just of checking.
    for i in (0..10_000).step_by(10) {
        broken["members"][i]["weight"] = serde_json::json!(20_000);
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

criterion_group!(benches, bench_validate);
criterion_main!(benches);
