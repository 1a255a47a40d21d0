//! Region id -> APIG endpoint, as the SDK's region table (docs/auth.md §4).

/// Region ids of `huaweicloudsdkapig`'s table, in its order.
pub const REGIONS: &[&str] = &[
    "cn-north-4",
    "cn-north-1",
    "cn-east-2",
    "cn-east-3",
    "cn-south-1",
    "ap-southeast-2",
    "ap-southeast-1",
    "ap-southeast-3",
    "ru-northwest-2",
    "sa-brazil-1",
    "la-south-2",
    "la-north-2",
    "na-mexico-1",
    "af-south-1",
    "cn-north-9",
    "cn-southwest-2",
    "ap-southeast-4",
    "tr-west-1",
    "cn-north-2",
    "eu-west-101",
    "ae-ad-1",
    "me-east-1",
    "my-kualalumpur-1",
    "eu-west-0",
    "ru-moscow-1",
    "cn-south-4",
    "cn-east-5",
    "cn-north-12",
    "cn-east-4",
    "cn-southwest-3",
    "cn-south-2",
    "cn-north-11",
    "ap-southeast-5",
    "af-north-1",
];

/// The env variable that overrides one region's APIG endpoint:
/// `HUAWEICLOUD_SDK_REGION_APIG_CN_NORTH_4`.
pub fn override_var(region: &str) -> String {
    format!(
        "HUAWEICLOUD_SDK_REGION_APIG_{}",
        region.to_ascii_uppercase().replace('-', "_")
    )
}

/// The endpoint for a region, in the SDK's order: the env override (first of a comma list),
/// the regions file, the table.
pub fn endpoint_for(region: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    if let Some(list) = env(&override_var(region))
        && let Some(first) = list.split(',').map(str::trim).find(|e| !e.is_empty())
    {
        return Ok(crate::api::normalize_endpoint(first));
    }
    let file = super::env::value(env, super::env::REGIONS_FILE)
        .map(std::path::PathBuf::from)
        .or_else(super::regions_file::default_path);
    if let Some(e) = super::regions_file::apig_endpoint(file, region) {
        return Ok(crate::api::normalize_endpoint(&e));
    }
    if !REGIONS.contains(&region) {
        return Err(format!(
            "unknown region {:?}; supported: {}",
            crate::sanitize::line(region),
            REGIONS.join(", ")
        ));
    }
    let domain = if region == "eu-west-101" {
        "myhuaweicloud.eu"
    } else {
        "myhuaweicloud.com"
    };
    Ok(format!("https://apig.{region}.{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No variables, and a regions file that does not exist.
    fn no_env(k: &str) -> Option<String> {
        (k == "HUAWEICLOUD_SDK_REGIONS_FILE").then(|| "/nonexistent/regions.yaml".to_string())
    }

    #[test]
    fn table_endpoints() {
        assert_eq!(
            endpoint_for("cn-north-4", &no_env).unwrap(),
            "https://apig.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            endpoint_for("eu-west-101", &no_env).unwrap(),
            "https://apig.eu-west-101.myhuaweicloud.eu"
        );
        let err = endpoint_for("mars-1", &no_env).unwrap_err();
        assert!(err.contains("cn-north-4"), "{err}");
    }

    #[test]
    fn the_regions_file_comes_before_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("regions.yaml");
        std::fs::write(
            &f,
            "APIG:\n  - id: cn-north-4\n    endpoint: https://mine.example.com\n",
        )
        .unwrap();
        let path = f.display().to_string();
        let env = move |k: &str| (k == "HUAWEICLOUD_SDK_REGIONS_FILE").then(|| path.clone());
        assert_eq!(
            endpoint_for("cn-north-4", &env).unwrap(),
            "https://mine.example.com"
        );
        assert_eq!(
            endpoint_for("cn-east-3", &env).unwrap(),
            "https://apig.cn-east-3.myhuaweicloud.com"
        );
    }

    #[test]
    fn env_override_wins() {
        let env = |k: &str| {
            (k == "HUAWEICLOUD_SDK_REGION_APIG_CN_NORTH_4")
                .then(|| "apig.example.com, https://b.example.com".to_string())
        };
        assert_eq!(
            endpoint_for("cn-north-4", &env).unwrap(),
            "https://apig.example.com"
        );
    }
}
