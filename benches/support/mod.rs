//! Bodies for the benchmarks, shared by every bench in `core.rs`.
// Test helpers may fail loudly: a broken fixture is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

/// A valid server channel body with `members` ip members spread over 4 groups, and an HTTP
/// health check: the size the budgets are set for (10,000 members).
pub fn channel_body(members: usize) -> Value {
    let groups: Vec<Value> = (0..4)
        .map(|g| json!({"member_group_name": format!("group_{g}"), "member_group_weight": 10}))
        .collect();
    let members: Vec<Value> = (0..members)
        .map(|i| {
            json!({
                "host": format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
                "weight": (i % 100) as i64,
                "is_backup": i % 10 == 0,
                "member_group_name": format!("group_{}", i % 4),
                "status": 1,
                "port": 8000 + (i % 3) as i64,
            })
        })
        .collect();
    json!({
        "name": "bench_channel",
        "port": 80,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "builtin",
        "member_groups": groups,
        "members": members,
        "vpc_health_config": {
            "protocol": "HTTP", "path": "/health", "method": "GET", "port": 0,
            "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10,
            "timeout": 5, "http_code": "200-299"
        }
    })
}
