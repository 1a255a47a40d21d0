//! Profiles, credentials, and files on disk (drafts, journal, logs).
//!
//! [`resolve`] turns the global flags, the environment and the chosen profile into a
//! [`ClientConfig`], in that order of precedence. Secrets come only from the environment or
//! the credentials file, never from flags or config.toml, and are never written anywhere.

pub mod credentials;
pub mod drafts;
pub mod drafts_lock;
pub mod env;
pub mod journal;
pub mod journal_lookup;
pub mod keys;
mod line_per_member;
pub mod paths;
pub mod profile;
pub mod regions;
pub mod regions_file;
pub mod sections;
pub mod theme;
pub mod ui;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};

use crate::api::{self, Auth, ClientConfig};
use crate::cli::GlobalArgs;
pub use drafts::{DraftText, delete_draft, draft_text, load_draft, save_draft_text};
pub use drafts_lock::{DraftLock, Holder, Saved};
use env::EnvFn;
pub use journal::{
    Gateway, Journal, JournalEntry, append_journal, read_journal, read_journal_with, unsettled,
};
pub use paths::{Paths, paths};
use profile::{AuthKind, ConfigFile, Profile};

/// A resolved configuration and the warnings to show the user (on stderr, before any
/// screen takes over).
#[derive(Debug, Clone)]
pub struct Resolved {
    pub config: ClientConfig,
    pub profile: Option<String>,
    /// What the journal records about where changes go.
    pub gateway: Gateway,
    pub warnings: Vec<String>,
}

/// Resolve from the real environment and files; print the warnings on stderr.
pub fn resolve(global: &GlobalArgs) -> anyhow::Result<ClientConfig> {
    resolve_gateway(global).map(|(config, _)| config)
}

/// [`resolve`], also giving the gateway for journal entries.
pub fn resolve_gateway(global: &GlobalArgs) -> anyhow::Result<(ClientConfig, Gateway)> {
    let paths = paths()?;
    let r = resolve_with(global, &env::process_env, &paths)?;
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    Ok((r.config, r.gateway))
}

/// [`resolve_gateway`] for commands that span the project's gateways (`find`, `drain`,
/// `revert`): no gateway id is needed, and the one given, if any, is left to the caller.
pub fn resolve_project(global: &GlobalArgs) -> anyhow::Result<(ClientConfig, Gateway)> {
    let paths = paths()?;
    let r = resolve_for(global, &env::process_env, &paths, false)?;
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    Ok((r.config, r.gateway))
}

/// The `[ui]` settings of config.toml (defaults when the file is absent).
pub fn ui_settings() -> anyhow::Result<ui::UiConfig> {
    Ok(ConfigFile::load(&paths()?.config_file)?.ui)
}

/// The profile names of config.toml, in order (`--all-profiles`).
pub fn profile_names() -> anyhow::Result<Vec<String>> {
    let file = ConfigFile::load(&paths()?.config_file)?;
    Ok(file.profiles.keys().cloned().collect())
}

/// [`resolve`] with an explicit environment and file locations (tests).
pub fn resolve_with(
    global: &GlobalArgs,
    env: EnvFn<'_>,
    paths: &Paths,
) -> anyhow::Result<Resolved> {
    resolve_for(global, env, paths, true)
}

/// [`resolve_with`]; without `need_gateway` a missing gateway id is left empty.
fn resolve_for(
    global: &GlobalArgs,
    env: EnvFn<'_>,
    paths: &Paths,
    need_gateway: bool,
) -> anyhow::Result<Resolved> {
    let file = ConfigFile::load(&paths.config_file)?;
    let selected = file.select(global.profile.as_deref())?;
    let (profile_name, profile) = match selected {
        Some((n, p)) => (Some(n), p),
        None => (None, Profile::default()),
    };
    let mut warnings = Vec::new();

    let region = global
        .region
        .clone()
        .or_else(|| env::value(env, env::REGION))
        .or_else(|| profile.region.clone());
    let endpoint = match (&global.endpoint, &global.region) {
        (Some(e), _) => api::normalize_endpoint(e),
        (None, Some(r)) => regions::endpoint_for(r, env).map_err(|e| anyhow!(e))?,
        (None, None) => match env::value(env, env::ENDPOINT).or(profile.endpoint.clone()) {
            Some(e) => api::normalize_endpoint(&e),
            None => match &region {
                Some(r) => regions::endpoint_for(r, env).map_err(|e| anyhow!(e))?,
                None => bail!(
                    "no endpoint: pass --endpoint or --region, set HW_REGION_NAME, or add a \
                     profile to {}",
                    paths.config_file.display()
                ),
            },
        },
    };

    let instance_id = match global.instance_id.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        _ if !need_gateway => None,
        many => bail!(
            "--instance-id given {} times; this command works on one gateway",
            many.len()
        ),
    };
    let instance_id = instance_id
        .or_else(|| env::value(env, env::INSTANCE_ID))
        .or(profile.instance_id.clone());
    let instance_id = match instance_id {
        Some(id) => id,
        None if !need_gateway => String::new(),
        None => bail!(
            "no gateway id: pass --instance-id, set CHANEDIT_INSTANCE_ID, or set instance_id in the profile"
        ),
    };

    let mut project_id = global
        .project_id
        .clone()
        .or_else(|| env::value(env, env::PROJECT_ID))
        .or(profile.project_id.clone());

    let iam_override = env::value(env, env::IAM_ENDPOINT).or(profile.iam_endpoint.clone());
    let auth = match env::ak_sk(env).map_err(|e| anyhow!(e))? {
        Some((ak, sk)) => Auth::AkSk {
            ak,
            sk,
            security_token: env::value(env, env::SECURITY_TOKEN),
        },
        None => match env::value(env, env::AUTH_TOKEN) {
            Some(token) => Auth::Token(token),
            None if env::value(env, env::PASSWORD).is_some()
                || profile.auth == Some(AuthKind::Password) =>
            {
                password_auth(env, &profile, iam_override.as_deref(), region.as_deref())?
            }
            None if profile.auth == Some(AuthKind::Token) => {
                bail!("the profile uses token auth: set HW_AUTH_TOKEN")
            }
            None => {
                let (auth, file_project, warning) = file_credentials(env, &profile)?;
                warnings.extend(warning);
                project_id = project_id.or(file_project);
                auth
            }
        },
    };
    let project_id = match (&auth, project_id) {
        (_, Some(p)) => p,
        // A password login learns the project id from its token.
        (Auth::Password { .. }, None) => String::new(),
        (_, None) => bail!(
            "no project id: pass --project-id or set HUAWEICLOUD_SDK_PROJECT_ID (or HW_PROJECT_ID)"
        ),
    };

    let mut cfg = ClientConfig::new(endpoint, project_id, instance_id, auth);
    if let Some(s) = global.connect_timeout.or(profile.connect_timeout) {
        cfg.connect_timeout = Duration::from_secs(s.max(1));
    }
    if let Some(s) = global.timeout.or(profile.timeout) {
        cfg.timeout = Duration::from_secs(s.max(1));
    }
    apply_limits(&mut cfg, global);
    if let Some(n) = global.page_concurrency.or(profile.page_concurrency) {
        cfg.page_concurrency = n.max(1);
    }
    if let Some(n) = global.search_concurrency.or(profile.search_concurrency) {
        cfg.search_concurrency = n.max(1);
    }
    cfg.insecure = global.insecure || profile.insecure.unwrap_or(false);
    cfg.ca_cert = global
        .ca_cert
        .clone()
        .or(profile.ca_cert.as_deref().map(profile::expand_home));
    if cfg.insecure {
        warnings.push("--insecure: TLS certificates are not verified".into());
    }
    let gateway = Gateway {
        region,
        profile: profile_name.clone(),
        ..Gateway::of(&cfg)
    };
    Ok(Resolved {
        config: cfg,
        profile: profile_name,
        gateway,
        warnings,
    })
}

/// The caps set by `--max-answer-mib` and `--max-members` (or their variables).
pub fn apply_limits(cfg: &mut ClientConfig, global: &GlobalArgs) {
    if let Some(mib) = global.max_answer_mib {
        cfg.limits.max_answer_bytes = mib.max(1).saturating_mul(1 << 20);
    }
    if let Some(n) = global.max_members {
        cfg.limits.max_items = n.max(1);
    }
}

fn password_auth(
    env: EnvFn<'_>,
    profile: &Profile,
    iam_override: Option<&str>,
    region: Option<&str>,
) -> anyhow::Result<Auth> {
    let password = env::value(env, env::PASSWORD)
        .ok_or_else(|| anyhow!("password login needs HW_USER_PASSWORD"))?;
    let user_name = env::value(env, env::USER_NAME)
        .or(profile.user_name.clone())
        .ok_or_else(|| anyhow!("password login needs HW_USER_NAME or user_name in the profile"))?;
    let domain_name = env::value(env, env::DOMAIN_NAME)
        .or(profile.domain_name.clone())
        .ok_or_else(|| {
            anyhow!("password login needs HW_DOMAIN_NAME or domain_name in the profile")
        })?;
    Ok(Auth::Password {
        iam_endpoint: api::iam::iam_endpoint(iam_override, region),
        user_name,
        password,
        domain_name,
        project_name: region.map(str::to_string),
    })
}

fn credentials_path(env: EnvFn<'_>, profile: &Profile) -> Option<PathBuf> {
    profile
        .credentials_file
        .as_deref()
        .map(profile::expand_home)
        .or_else(|| env::value(env, env::CREDENTIALS_FILE).map(PathBuf::from))
        .or_else(credentials::default_path)
}

/// AK/SK from the credentials file: (auth, project id, permission warning).
fn file_credentials(
    env: EnvFn<'_>,
    profile: &Profile,
) -> anyhow::Result<(Auth, Option<String>, Option<String>)> {
    let none = || {
        anyhow!(
            "no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or HW_ACCESS_KEY and \
             HW_SECRET_KEY, or HW_AUTH_TOKEN), or put them in the [basic] section of \
             ~/.huaweicloud/credentials"
        )
    };
    let path = credentials_path(env, profile).ok_or_else(none)?;
    let Some((c, warning)) = credentials::load(&path)? else {
        return Err(none());
    };
    match (c.ak, c.sk) {
        (Some(ak), Some(sk)) => Ok((
            Auth::AkSk {
                ak,
                sk,
                security_token: c.security_token,
            },
            c.project_id,
            warning,
        )),
        _ => Err(none()).with_context(|| format!("{} has no ak/sk in [basic]", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Fixture {
        dir: tempfile::TempDir,
        env: HashMap<String, String>,
    }

    impl Fixture {
        fn new(config_toml: &str) -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("config.toml"), config_toml).unwrap();
            let mut env = HashMap::new();
            // Never fall through to the real ~/.huaweicloud files.
            env.insert(
                "HUAWEICLOUD_SDK_CREDENTIALS_FILE".to_string(),
                dir.path().join("credentials").display().to_string(),
            );
            env.insert(
                "HUAWEICLOUD_SDK_REGIONS_FILE".to_string(),
                dir.path().join("regions.yaml").display().to_string(),
            );
            Fixture { dir, env }
        }
        fn set(&mut self, k: &str, v: &str) -> &mut Self {
            self.env.insert(k.into(), v.into());
            self
        }
        fn resolve(&self, g: &GlobalArgs) -> anyhow::Result<Resolved> {
            let env = |k: &str| self.env.get(k).cloned();
            resolve_with(g, &env, &Paths::under(self.dir.path()))
        }
    }

    const PROFILE: &str = "default_profile = \"p\"\n[profiles.p]\nregion = \"cn-east-3\"\n\
        project_id = \"proj-profile\"\ninstance_id = \"inst-profile\"\ntimeout = 7\n";

    #[test]
    fn flags_beat_env_beat_profile() {
        let mut f = Fixture::new(PROFILE);
        f.set("HUAWEICLOUD_SDK_AK", "AK")
            .set("HUAWEICLOUD_SDK_SK", "SK")
            .set("HUAWEICLOUD_SDK_PROJECT_ID", "proj-env");
        let r = f.resolve(&GlobalArgs::default()).unwrap();
        assert_eq!(
            r.config.endpoint,
            "https://apig.cn-east-3.myhuaweicloud.com"
        );
        assert_eq!(r.config.project_id, "proj-env");
        assert_eq!(r.config.instance_id, "inst-profile");
        assert_eq!(r.config.timeout, Duration::from_secs(7));
        assert!(matches!(r.config.auth, Auth::AkSk { .. }));

        let g = GlobalArgs {
            region: Some("cn-north-4".into()),
            project_id: Some("proj-flag".into()),
            instance_id: vec!["inst-flag".into()],
            timeout: Some(3),
            ..Default::default()
        };
        let r = f.resolve(&g).unwrap();
        assert_eq!(
            r.config.endpoint,
            "https://apig.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(r.config.project_id, "proj-flag");
        assert_eq!(r.config.instance_id, "inst-flag");
        assert_eq!(r.config.timeout, Duration::from_secs(3));

        let g = GlobalArgs {
            endpoint: Some("127.0.0.1:9".into()),
            region: Some("cn-north-4".into()),
            ..Default::default()
        };
        assert_eq!(
            f.resolve(&g).unwrap().config.endpoint,
            "https://127.0.0.1:9"
        );
    }

    #[test]
    fn the_gateway_names_endpoint_region_project_instance_and_profile() {
        let mut f = Fixture::new(PROFILE);
        f.set("HUAWEICLOUD_SDK_AK", "AK")
            .set("HUAWEICLOUD_SDK_SK", "SK");
        let r = f.resolve(&GlobalArgs::default()).unwrap();
        assert_eq!(
            r.gateway,
            Gateway {
                endpoint: "https://apig.cn-east-3.myhuaweicloud.com".into(),
                region: Some("cn-east-3".into()),
                project_id: "proj-profile".into(),
                instance_id: "inst-profile".into(),
                profile: Some("p".into()),
            }
        );
    }

    #[test]
    fn credentials_file_is_the_fallback_and_warns_when_readable() {
        let f = Fixture::new(PROFILE);
        let cred = f.dir.path().join("credentials");
        std::fs::write(
            &cred,
            "[basic]\nak = FAK\nsk = FSK\nproject_id = proj-file\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&cred, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        let r = f.resolve(&GlobalArgs::default()).unwrap();
        match &r.config.auth {
            Auth::AkSk { ak, .. } => assert_eq!(ak, "FAK"),
            other => panic!("{other:?}"),
        }
        // The profile's project id wins over the file's.
        assert_eq!(r.config.project_id, "proj-profile");
        #[cfg(unix)]
        assert!(
            r.warnings.iter().any(|w| w.contains("chmod 600")),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn token_and_password_auth_from_env() {
        let mut f = Fixture::new(PROFILE);
        f.set("HW_AUTH_TOKEN", "tok");
        assert_eq!(
            f.resolve(&GlobalArgs::default()).unwrap().config.auth,
            Auth::Token("tok".into())
        );
        let mut f = Fixture::new(PROFILE);
        f.set("HW_USER_PASSWORD", "pw")
            .set("HW_USER_NAME", "alice")
            .set("HW_DOMAIN_NAME", "acme")
            .set("HUAWEICLOUD_SDK_IAM_ENDPOINT", "http://127.0.0.1:1");
        match f.resolve(&GlobalArgs::default()).unwrap().config.auth {
            Auth::Password {
                iam_endpoint,
                user_name,
                project_name,
                ..
            } => {
                assert_eq!(iam_endpoint, "http://127.0.0.1:1");
                assert_eq!(user_name, "alice");
                assert_eq!(project_name.as_deref(), Some("cn-east-3"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_pieces_are_named() {
        let f = Fixture::new("");
        let err = f.resolve(&GlobalArgs::default()).unwrap_err().to_string();
        assert!(err.contains("--endpoint"), "{err}");
        let g = GlobalArgs {
            endpoint: Some("http://127.0.0.1:1".into()),
            instance_id: vec!["i".into()],
            project_id: Some("p".into()),
            ..Default::default()
        };
        let err = format!("{:#}", f.resolve(&g).unwrap_err());
        assert!(err.contains("HUAWEICLOUD_SDK_AK"), "{err}");
        let mut f = Fixture::new("");
        f.set("HUAWEICLOUD_SDK_AK", "a")
            .set("HUAWEICLOUD_SDK_SK", "s");
        let g = GlobalArgs {
            endpoint: Some("http://127.0.0.1:1".into()),
            ..Default::default()
        };
        let err = f.resolve(&g).unwrap_err().to_string();
        assert!(err.contains("--instance-id"), "{err}");
    }

    #[test]
    fn insecure_always_warns() {
        let mut f = Fixture::new(PROFILE);
        f.set("HW_AUTH_TOKEN", "t");
        let g = GlobalArgs {
            insecure: true,
            ..Default::default()
        };
        let r = f.resolve(&g).unwrap();
        assert!(r.config.insecure);
        assert!(r.warnings.iter().any(|w| w.contains("insecure")));
    }
}
