//! Loading a channel (detail + every member page, fetched concurrently) from a loopback
//! server that answers each request after 50 ms and checks every AK/SK signature.
//! Budgets (README "Performance"): 10,000 members in 0.2 s, 100,000 in 1.5 s.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};

use chanedit::api::Client;

fn bench_load(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(support::TestServer::start());
    server.inner().latency = std::time::Duration::from_millis(50);
    let mut group = c.benchmark_group("load_channel_50ms_latency");
    group.sample_size(10);
    for n in [1_200usize, 10_000, 100_000] {
        let id = server.add_channel("bulk", n);
        let client = Client::new(support::aksk_config(&server)).unwrap();
        group.bench_function(format!("{n}_members"), |b| {
            b.iter(|| {
                let loaded = rt.block_on(client.load_channel(&id)).unwrap();
                assert_eq!(loaded.members.len(), n);
            })
        });
    }
    group.finish();
    drop(server);
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
