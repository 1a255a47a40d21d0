use criterion::{Criterion, criterion_group, criterion_main};

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

criterion_group!(benches, bench_sign);
criterion_main!(benches);
