//! Emulator answer times over loopback for the 2,000-member demo channel: the detail (E2),
//! every member page by page (E6, limit 500), and a full PUT (E3); and a 10,000-member channel
//! served as 20 pages of 500, one after another (budget: 50 ms in all), and as its detail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::emulator::{EmulatorConfig, Project, State, serve};
use criterion::{Criterion, criterion_group, criterion_main};

const PROJECT: &str = "0e0e1c8f5a0000b92f2ac0013ec0f8c3";
const INSTANCE: &str = "eddc4d25480b4cd6b512f270a1b8b341";
const BULK: &str = "0d1e2f3a4b5c46d8e9f0a1b2c3d4e5f6";

fn bench(c: &mut Criterion) {
    chanedit::install_crypto();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (handle, http) = rt.block_on(async {
        let cfg = EmulatorConfig::new(PROJECT, INSTANCE, State::demo().unwrap());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let handle = serve(cfg, listener).await;
        (
            handle,
            reqwest::Client::builder().no_proxy().build().unwrap(),
        )
    });
    let base = format!(
        "{}/v2/{PROJECT}/apigw/instances/{INSTANCE}/vpc-channels/{BULK}",
        handle.url()
    );

    c.bench_function("emulator E2 detail, 2000 members", |b| {
        b.iter(|| {
            rt.block_on(async {
                let body = http.get(&base).send().await.unwrap().bytes().await.unwrap();
                assert!(body.len() > 100_000);
            })
        })
    });

    c.bench_function("emulator E6 all members, 4 pages of 500", |b| {
        b.iter(|| {
            rt.block_on(async {
                for offset in [0, 500, 1000, 1500] {
                    let url = format!("{base}/members?offset={offset}&limit=500");
                    let body = http.get(&url).send().await.unwrap().bytes().await.unwrap();
                    assert!(body.len() > 50_000);
                }
            })
        })
    });

    let detail: serde_json::Value =
        rt.block_on(async { http.get(&base).send().await.unwrap().json().await.unwrap() });
    let put_body = serde_json::json!({
        "name": detail["name"], "port": detail["port"],
        "balance_strategy": detail["balance_strategy"], "member_type": detail["member_type"],
        "member_groups": detail["member_groups"].as_array().unwrap().iter().map(|g| serde_json::json!({
            "member_group_name": g["member_group_name"], "member_group_remark": g["member_group_remark"]
        })).collect::<Vec<_>>(),
        "members": detail["members"].as_array().unwrap().iter().map(|m| serde_json::json!({
            "host": m["host"], "weight": m["weight"], "member_group_name": m["member_group_name"]
        })).collect::<Vec<_>>(),
    })
    .to_string();
    c.bench_function("emulator E3 PUT, 2000 members", |b| {
        b.iter(|| {
            rt.block_on(async {
                let r = http.put(&base).body(put_body.clone()).send().await.unwrap();
                assert_eq!(r.status().as_u16(), 200);
            })
        })
    });

    rt.block_on(handle.shutdown());
    bench_10k(c, &rt, &http);
}

/// One gateway with one channel of 10,000 generated members.
const BIG: &str = "0f0e0d0c0b0a49888776655443322110";

fn bench_10k(c: &mut Criterion, rt: &tokio::runtime::Runtime, http: &reqwest::Client) {
    let seed = serde_json::json!({"channels": [{
        "id": BIG, "name": "big", "port": 8080, "balance_strategy": 1, "member_type": "ip",
        "member_groups": [{"member_group_name": "rack_a"}, {"member_group_name": "rack_b"}],
        "members": [],
        "generate_members": {"count": 10000, "first_host": "10.20.0.1", "port": 0, "weight": 1,
                             "groups": ["rack_a", "rack_b"]}
    }]})
    .to_string();
    let handle = rt.block_on(async {
        let project = Project::from_seed(&seed, Some(INSTANCE)).unwrap();
        let cfg = EmulatorConfig::with_project(PROJECT, project);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        serve(cfg, listener).await
    });
    let base = format!(
        "{}/v2/{PROJECT}/apigw/instances/{INSTANCE}/vpc-channels/{BIG}",
        handle.url()
    );
    c.bench_function("emulator E6 10000 members, 20 pages of 500", |b| {
        b.iter(|| {
            rt.block_on(async {
                for page in 0..20 {
                    let url = format!("{base}/members?offset={}&limit=500", page * 500);
                    let body = http.get(&url).send().await.unwrap().bytes().await.unwrap();
                    assert!(body.len() > 100_000);
                }
            })
        })
    });
    c.bench_function("emulator E2 detail, 10000 members", |b| {
        b.iter(|| {
            rt.block_on(async {
                let body = http.get(&base).send().await.unwrap().bytes().await.unwrap();
                assert!(body.len() > 3_000_000);
            })
        })
    });
    rt.block_on(handle.shutdown());
}

criterion_group!(benches, bench);
criterion_main!(benches);
