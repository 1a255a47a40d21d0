//! Who may call: `X-Auth-Token` equal to `--token`, or an SDK-HMAC-SHA256 signature made with
//! `--ak`/`--sk` and a fresh `X-Sdk-Date` (at most 15 minutes off; docs/auth.md §1.10).
//! Anything else is 401 APIG.1002. With neither a token nor keys configured, every caller is
//! let in.

use axum::http::HeaderMap;
use axum::http::request::Parts;
use subtle::ConstantTimeEq;

use super::errors::ApiError;

#[derive(Clone, Default)]
pub struct AuthConfig {
    pub token: Option<String>,
    pub ak: Option<String>,
    pub sk: Option<String>,
}

impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthConfig")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("ak", &self.ak.as_ref().map(|_| "***"))
            .field("sk", &self.sk.as_ref().map(|_| "***"))
            .finish()
    }
}

impl AuthConfig {
    pub fn is_open(&self) -> bool {
        self.token.is_none() && (self.ak.is_none() || self.sk.is_none())
    }

    /// Words for the start line: which kinds of credentials are accepted (never their values).
    pub fn describe(&self) -> &'static str {
        match (self.token.is_some(), self.ak.is_some() && self.sk.is_some()) {
            (true, true) => "token, AK/SK",
            (true, false) => "token",
            (false, true) => "AK/SK",
            (false, false) => "none (every request accepted)",
        }
    }
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Check the caller's credentials and, when sent, that `X-Project-Id` is the served project.
pub fn check(
    cfg: &AuthConfig,
    parts: &Parts,
    body: &[u8],
    project_id: &str,
) -> Result<(), ApiError> {
    if let Some(p) = header(&parts.headers, "x-project-id")
        && p != project_id
    {
        return Err(ApiError::bad_credentials());
    }
    if cfg.is_open() {
        return Ok(());
    }
    if let Some(t) = header(&parts.headers, "x-auth-token") {
        return match &cfg.token {
            Some(want) if same(t, want) => Ok(()),
            _ => Err(ApiError::bad_credentials()),
        };
    }
    let signed =
        header(&parts.headers, "authorization").is_some_and(|a| a.starts_with("SDK-HMAC-SHA256"));
    if signed && signature_ok(cfg, parts, body) {
        return Ok(());
    }
    Err(ApiError::bad_credentials())
}

fn signature_ok(cfg: &AuthConfig, parts: &Parts, body: &[u8]) -> bool {
    let (Some(ak), Some(sk)) = (&cfg.ak, &cfg.sk) else {
        return false;
    };
    let lookup = |access: &str| same(access, ak).then(|| sk.clone());
    crate::sign::verify(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query().unwrap_or(""),
        &parts.headers,
        body,
        lookup,
    )
    .is_ok()
}
