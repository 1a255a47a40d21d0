//! Health check pane: one form over `vpc_health_config`.

use serde_json::{Value, json};

use super::{Choices, Field, Kind, field};
use crate::path::Path;

pub fn prefix() -> Path {
    Path::root().key("vpc_health_config")
}

/// No fields when the channel has no health check (`a` adds one).
pub fn fields(draft: &Value) -> Vec<Field> {
    if !draft["vpc_health_config"].is_object() {
        return Vec::new();
    }
    let p = prefix();
    let n = |min, max| Kind::Number { min, max };
    vec![
        field(&p, "protocol", "Protocol", Kind::Choice(Choices::Protocol)),
        field(&p, "path", "Path", Kind::Text),
        field(&p, "method", "Method", Kind::Choice(Choices::Method)),
        field(&p, "port", "Port (0 = channel)", n(0, 65535)),
        field(&p, "threshold_normal", "Healthy threshold", n(1, 10)),
        field(&p, "threshold_abnormal", "Unhealthy threshold", n(1, 10)),
        field(&p, "time_interval", "Interval (s)", n(1, 300)),
        field(&p, "timeout", "Timeout (s)", n(1, 30)),
        field(&p, "http_code", "HTTP codes", Kind::Text),
        field(&p, "enable_client_ssl", "Client SSL", Kind::Bool),
        field(&p, "status", "Status", Kind::Choice(Choices::HealthStatus)),
    ]
}

/// The console's defaults for a new check.
pub fn default_check() -> Value {
    json!({"protocol": "TCP", "port": 0, "threshold_normal": 2, "threshold_abnormal": 5,
        "time_interval": 10, "timeout": 5})
}
