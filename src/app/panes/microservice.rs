//! Microservice pane: the service type picks which registry form is shown.

use serde_json::Value;

use super::{Choices, Field, Kind, field};
use crate::path::Path;

pub fn prefix() -> Path {
    Path::root().key("microservice_info")
}

/// No fields unless the body carries `microservice_info` (microservice channels only).
pub fn fields(draft: &Value) -> Vec<Field> {
    let info = &draft["microservice_info"];
    if !info.is_object() {
        return Vec::new();
    }
    let p = prefix();
    let mut out = vec![field(
        &p,
        "service_type",
        "Service type",
        Kind::Choice(Choices::ServiceType),
    )];
    let t = |k: &str, l| field(&p, k, l, Kind::Text);
    match info["service_type"]
        .as_str()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        Some("CSE") => out.extend([
            t("cse_info.engine_id", "Engine id"),
            t("cse_info.service_id", "Service id"),
        ]),
        Some("CCE") => out.extend([
            t("cce_info.cluster_id", "Cluster id"),
            t("cce_info.namespace", "Namespace"),
            field(
                &p,
                "cce_info.workload_type",
                "Workload type",
                Kind::Choice(Choices::Workload),
            ),
            t("cce_info.app_name", "App name"),
            t("cce_info.label_key", "Label key"),
            t("cce_info.label_value", "Label value"),
        ]),
        Some("CCE_SERVICE") => out.extend([
            t("cce_service_info.cluster_id", "Cluster id"),
            t("cce_service_info.namespace", "Namespace"),
            t("cce_service_info.service_name", "Service name"),
        ]),
        Some("NACOS") => out.extend([
            t("nacos_info.namespace", "Namespace"),
            t("nacos_info.cluster_name", "Cluster name"),
            t("nacos_info.group_name", "Group name"),
            t("nacos_info.service_name", "Service name"),
            field(
                &p,
                "nacos_info.server_config",
                "Servers (ip:port, …)",
                Kind::Servers,
            ),
            t("nacos_info.user_info.user_name", "User name"),
            field(
                &p,
                "nacos_info.user_info.password",
                "Password",
                Kind::Secret,
            ),
        ]),
        _ => {}
    }
    out
}
