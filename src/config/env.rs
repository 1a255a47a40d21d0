//! Environment variables, the official SDK's names first, then Terraform's
//! (docs/auth.md §3 and §7). Empty values count as unset.

/// A source of variables: the process environment, or a map in tests.
pub type EnvFn<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

pub const AK: &[&str] = &["HUAWEICLOUD_SDK_AK", "HW_ACCESS_KEY"];
pub const SK: &[&str] = &["HUAWEICLOUD_SDK_SK", "HW_SECRET_KEY"];
pub const SECURITY_TOKEN: &[&str] = &["HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_SECURITY_TOKEN"];
pub const PROJECT_ID: &[&str] = &["HUAWEICLOUD_SDK_PROJECT_ID", "HW_PROJECT_ID"];
pub const REGION: &[&str] = &["HW_REGION_NAME"];
pub const AUTH_TOKEN: &[&str] = &["HW_AUTH_TOKEN"];
pub const USER_NAME: &[&str] = &["HW_USER_NAME"];
pub const PASSWORD: &[&str] = &["HW_USER_PASSWORD"];
pub const DOMAIN_NAME: &[&str] = &["HW_DOMAIN_NAME"];
pub const IAM_ENDPOINT: &[&str] = &["HUAWEICLOUD_SDK_IAM_ENDPOINT"];
pub const CREDENTIALS_FILE: &[&str] = &["HUAWEICLOUD_SDK_CREDENTIALS_FILE"];
/// chanedit's own: the gateway and endpoint, for scripts that cannot pass flags.
pub const ENDPOINT: &[&str] = &["CHANEDIT_ENDPOINT"];
pub const INSTANCE_ID: &[&str] = &["CHANEDIT_INSTANCE_ID"];

pub const REGIONS_FILE: &[&str] = &["HUAWEICLOUD_SDK_REGIONS_FILE"];

/// A setting read from the environment: its names, first one wins, and what it holds.
pub struct Variable {
    pub names: &'static [&'static str],
    pub what: &'static str,
}

const fn var(names: &'static [&'static str], what: &'static str) -> Variable {
    Variable { names, what }
}

/// Every credential variable, in the order they are tried: an AK/SK pair (the SDK's names,
/// then Terraform's), else a token, else a password login, else the credentials file. The one
/// list that `--help` and the man page print.
pub const CREDENTIALS: &[Variable] = &[
    var(AK, "access key (AK/SK signing)"),
    var(SK, "secret key"),
    var(SECURITY_TOKEN, "security token of a temporary AK/SK"),
    var(PROJECT_ID, "project id"),
    var(REGION, "region; picks the endpoint"),
    var(AUTH_TOKEN, "IAM token, sent as X-Auth-Token"),
    var(USER_NAME, "IAM user name (password login)"),
    var(PASSWORD, "IAM user password (password login)"),
    var(DOMAIN_NAME, "account (domain) name (password login)"),
    var(IAM_ENDPOINT, "IAM endpoint for the password login"),
    var(
        CREDENTIALS_FILE,
        "credentials file (default ~/.huaweicloud/credentials)",
    ),
];

/// The gateway, for scripts that cannot pass flags, and the SDK's regions file.
pub const GATEWAY: &[Variable] = &[
    var(ENDPOINT, "APIG endpoint (like --endpoint)"),
    var(INSTANCE_ID, "gateway id (like --instance-id)"),
    var(
        REGIONS_FILE,
        "the SDK's regions file (default ~/.huaweicloud/regions.yaml)",
    ),
];

/// `NAME, NAME  what`, one line per variable, indented for help text.
pub fn describe(vars: &[Variable]) -> String {
    vars.iter()
        .map(|v| format!("  {}: {}\n", v.names.join(", "), v.what))
        .collect()
}

/// The first non-empty variable of `names`, with its name.
pub fn first(env: EnvFn<'_>, names: &[&'static str]) -> Option<(&'static str, String)> {
    names.iter().find_map(|n| {
        env(n)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .map(|v| (*n, v))
    })
}

pub fn value(env: EnvFn<'_>, names: &[&'static str]) -> Option<String> {
    first(env, names).map(|(_, v)| v)
}

/// AK and SK from the environment, as a pair from one family (SDK or Terraform). One without
/// the other is an error that names the missing variable.
pub fn ak_sk(env: EnvFn<'_>) -> Result<Option<(String, String)>, String> {
    for (ak_name, sk_name) in AK.iter().zip(SK.iter()) {
        let ak = value(env, &[ak_name]);
        let sk = value(env, &[sk_name]);
        match (ak, sk) {
            (Some(a), Some(s)) => return Ok(Some((a, s))),
            (Some(_), None) => return Err(format!("{ak_name} is set but {sk_name} is not")),
            (None, Some(_)) => return Err(format!("{sk_name} is set but {ak_name} is not")),
            (None, None) => {}
        }
    }
    Ok(None)
}

/// Colour is wanted unless NO_COLOR is set to something non-empty (no-color.org). The one
/// reading of NO_COLOR for the whole program; `ui` is handed the answer.
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn sdk_names_win_over_terraform_names() {
        let e = env_of(&[
            ("HUAWEICLOUD_SDK_AK", "a1"),
            ("HUAWEICLOUD_SDK_SK", "s1"),
            ("HW_ACCESS_KEY", "a2"),
            ("HW_SECRET_KEY", "s2"),
        ]);
        assert_eq!(ak_sk(&e).unwrap(), Some(("a1".into(), "s1".into())));
        let e = env_of(&[("HW_ACCESS_KEY", "a2"), ("HW_SECRET_KEY", "s2")]);
        assert_eq!(ak_sk(&e).unwrap(), Some(("a2".into(), "s2".into())));
    }

    #[test]
    fn half_a_pair_is_an_error_and_empty_is_unset() {
        let e = env_of(&[("HUAWEICLOUD_SDK_AK", "a1"), ("HUAWEICLOUD_SDK_SK", "")]);
        assert!(ak_sk(&e).unwrap_err().contains("HUAWEICLOUD_SDK_SK"));
        let e = env_of(&[("HW_PROJECT_ID", "  ")]);
        assert_eq!(value(&e, PROJECT_ID), None);
    }
}
