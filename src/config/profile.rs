//! `config.toml`: named profiles, each naming a gateway and how to authenticate. Secrets do
//! not belong here (they come from the environment or the credentials file), so unknown keys,
//! `sk` and `password` among them, are refused.
//!
//! ```toml
//! default_profile = "prod"
//! [profiles.prod]
//! region = "cn-north-4"          # or endpoint = "https://..."
//! project_id = "0e0e..."
//! instance_id = "eddc..."
//! auth = "aksk"                  # aksk | token | password
//! credentials_file = "~/.huaweicloud/credentials"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AuthKind {
    #[default]
    Aksk,
    Token,
    Password,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub region: Option<String>,
    pub endpoint: Option<String>,
    pub project_id: Option<String>,
    pub instance_id: Option<String>,
    pub auth: Option<AuthKind>,
    pub credentials_file: Option<PathBuf>,
    pub iam_endpoint: Option<String>,
    /// IAM user and account (domain) names for `auth = "password"`.
    pub user_name: Option<String>,
    pub domain_name: Option<String>,
    pub connect_timeout: Option<u64>,
    pub timeout: Option<u64>,
    pub insecure: Option<bool>,
    pub ca_cert: Option<PathBuf>,
    /// Pages in flight at once while a list is read.
    pub page_concurrency: Option<usize>,
    /// Channels find, drain and undrain read or write at once.
    pub search_concurrency: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    /// Read with their lines by `config::keys` and `config::theme`.
    #[serde(default)]
    pub keys: toml::Table,
    #[serde(default)]
    pub theme: toml::Table,
    #[serde(default)]
    pub ui: super::ui::UiConfig,
}

impl ConfigFile {
    pub fn parse(text: &str) -> anyhow::Result<ConfigFile> {
        // Only the message and the line: the error's own display quotes the source line,
        // which could carry a secret someone put there by mistake.
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| {
                let upto = &text.as_bytes()[..s.start.min(text.len())];
                upto.iter().filter(|b| **b == b'\n').count() + 1
            });
            let msg = crate::sanitize::line(e.message().trim_end());
            match line {
                Some(l) => anyhow::anyhow!("line {l}: {msg}"),
                None => anyhow::anyhow!("{msg}"),
            }
        })
    }

    /// A missing file is an empty configuration.
    pub fn load(path: &Path) -> anyhow::Result<ConfigFile> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                ConfigFile::parse(&text).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
            Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
        }
    }

    /// The chosen profile: the named one (an error if absent), else `default_profile`, else
    /// one called `default`, else none.
    pub fn select(&self, name: Option<&str>) -> anyhow::Result<Option<(String, Profile)>> {
        let wanted = name.or(self.default_profile.as_deref());
        match wanted {
            Some(n) => match self.profiles.get(n) {
                Some(p) => Ok(Some((n.to_string(), p.clone()))),
                None => {
                    let known: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
                    Err(anyhow::anyhow!(
                        "no profile {:?} in config.toml (known: {})",
                        crate::sanitize::line(n),
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ))
                }
            },
            None => Ok(self
                .profiles
                .get("default")
                .map(|p| ("default".to_string(), p.clone()))),
        }
    }
}

/// `~/x` -> home/x.
pub fn expand_home(p: &Path) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~")
        && let Some(d) = directories::BaseDirs::new()
    {
        return d.home_dir().join(rest);
    }
    p.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_parse_and_select() {
        let c = ConfigFile::parse(
            "default_profile = \"prod\"\n[profiles.prod]\nregion = \"cn-north-4\"\n\
             instance_id = \"i1\"\nauth = \"token\"\n[profiles.test]\nendpoint = \"http://x\"\n",
        )
        .unwrap();
        let (name, p) = c.select(None).unwrap().unwrap();
        assert_eq!(name, "prod");
        assert_eq!(p.auth, Some(AuthKind::Token));
        let (_, t) = c.select(Some("test")).unwrap().unwrap();
        assert_eq!(t.endpoint.as_deref(), Some("http://x"));
        let err = c.select(Some("nope")).unwrap_err().to_string();
        assert!(err.contains("prod") && err.contains("test"), "{err}");
    }

    #[test]
    fn secrets_in_the_config_file_are_refused() {
        let err = ConfigFile::parse("[profiles.p]\nsk = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("sk"), "{err}");
        let err = ConfigFile::parse("[profiles.p]\nsk = \"hunter2\"\n")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("hunter2"), "{err}");
    }
}
