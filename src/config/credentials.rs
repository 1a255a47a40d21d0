//! The SDK's credentials file (`~/.huaweicloud/credentials`, INI): `[basic]` with `ak`, `sk`,
//! `security_token`, `project_id`, `iam_endpoint`. It holds secrets, so it must not be
//! readable by group or others; chanedit warns when it is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Default, PartialEq, Eq)]
pub struct BasicCredentials {
    pub ak: Option<String>,
    pub sk: Option<String>,
    pub security_token: Option<String>,
    pub project_id: Option<String>,
    pub iam_endpoint: Option<String>,
}

impl std::fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("ak", &self.ak.as_ref().map(|_| "***"))
            .field("sk", &self.sk.as_ref().map(|_| "***"))
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .field("project_id", &self.project_id)
            .field("iam_endpoint", &self.iam_endpoint)
            .finish()
    }
}

/// Default location: `~/.huaweicloud/credentials`.
pub fn default_path() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().join(".huaweicloud").join("credentials"))
}

/// Sections of an INI text: lower-cased section -> lower-cased key -> value. `#` and `;`
/// start comment lines.
pub fn parse_ini(text: &str) -> HashMap<String, HashMap<String, String>> {
    let mut out: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut section = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_ascii_lowercase();
            continue;
        }
        if let Some((k, v)) = line.split_once('=').or_else(|| line.split_once(':')) {
            out.entry(section.clone())
                .or_default()
                .insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    out
}

pub fn parse_basic(text: &str) -> BasicCredentials {
    let sections = parse_ini(text);
    let basic = sections.get("basic");
    let get = |k: &str| {
        basic
            .and_then(|s| s.get(k))
            .filter(|v| !v.is_empty())
            .cloned()
    };
    BasicCredentials {
        ak: get("ak"),
        sk: get("sk"),
        security_token: get("security_token"),
        project_id: get("project_id"),
        iam_endpoint: get("iam_endpoint"),
    }
}

/// A warning when the file can be read by group or others.
pub fn permission_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return Some(format!(
                "the credentials file {} can be read by others (mode {:o}); run: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

/// Read the file. Missing file: `Ok(None)`.
pub fn load(path: &Path) -> anyhow::Result<Option<(BasicCredentials, Option<String>)>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some((parse_basic(&text), permission_warning(path)))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::anyhow!(
            "cannot read the credentials file {}: {e}",
            path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_section_is_read_and_others_ignored() {
        let c = parse_basic(
            "# comment\n[global]\nak = G\n[basic]\nak = AK1\nsk= SK1 \nproject_id=p1\n\
             security_token =\n",
        );
        assert_eq!(c.ak.as_deref(), Some("AK1"));
        assert_eq!(c.sk.as_deref(), Some("SK1"));
        assert_eq!(c.project_id.as_deref(), Some("p1"));
        assert_eq!(c.security_token, None);
        assert!(!format!("{c:?}").contains("SK1"));
    }

    #[cfg(unix)]
    #[test]
    fn readable_by_others_warns() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("credentials");
        std::fs::write(&p, "[basic]\nak=a\nsk=b\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(permission_warning(&p).unwrap().contains("chmod 600"));
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(permission_warning(&p), None);
    }
}
