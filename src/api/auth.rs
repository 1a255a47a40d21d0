//! The headers of one request, exactly as the official SDK builds them
//! (docs/auth.md §1.1): Content-Type, User-Agent, X-Project-Id, then either
//! X-Security-Token + the AK/SK signature, or X-Auth-Token.

use crate::sign::{self, SignRequest};

/// The credential used for one request (a password login has already become a token).
#[derive(Clone, Copy)]
pub enum RequestCredential<'a> {
    AkSk {
        ak: &'a str,
        sk: &'a str,
        security_token: Option<&'a str>,
    },
    Token(&'a str),
}

/// What goes on the wire for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Path plus the canonical query string.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

/// One request, before credentials.
pub struct Outgoing<'a> {
    pub method: &'a str,
    /// `host[:port]` as in the Host header.
    pub host: &'a str,
    pub path: &'a str,
    pub query: &'a [(String, String)],
    /// `None` for calls without a body (GET, DELETE).
    pub body: Option<&'a [u8]>,
    pub project_id: Option<&'a str>,
    pub user_agent: &'a str,
    /// Pins the signing time (tests, vectors); the current time otherwise.
    pub sdk_date: Option<&'a str>,
}

/// The SDK's Content-Type: `application/json` without a body, the lower-cased
/// `application/json;charset=utf-8` with one.
pub fn content_type(has_body: bool) -> &'static str {
    if has_body {
        "application/json;charset=utf-8"
    } else {
        "application/json"
    }
}

pub fn prepare(req: &Outgoing<'_>, cred: RequestCredential<'_>) -> Prepared {
    let mut headers: Vec<(String, String)> = vec![
        (
            "Content-Type".into(),
            content_type(req.body.is_some()).into(),
        ),
        ("User-Agent".into(), req.user_agent.into()),
    ];
    if let Some(p) = req.project_id.filter(|p| !p.is_empty()) {
        headers.push(("X-Project-Id".into(), p.into()));
    }
    match cred {
        RequestCredential::AkSk {
            ak,
            sk,
            security_token,
        } => {
            if let Some(t) = security_token {
                headers.push(("X-Security-Token".into(), t.into()));
            }
            if let Some(d) = req.sdk_date {
                headers.push(("X-Sdk-Date".into(), d.into()));
            }
            let signed = sign::sign(
                &SignRequest {
                    method: req.method,
                    host: req.host,
                    path: req.path,
                    query: req.query,
                    headers: &headers,
                    body: req.body.unwrap_or_default(),
                },
                ak,
                sk,
            );
            Prepared {
                target: signed.request_target,
                headers: signed.headers,
            }
        }
        RequestCredential::Token(token) => {
            headers.push(("X-Auth-Token".into(), token.into()));
            Prepared {
                target: sign::request_target(req.path, req.query),
                headers,
            }
        }
    }
}

/// Encode a path parameter the way the SDK does: nothing left unencoded, so `/` is `%2F`.
pub fn path_param(value: &str) -> String {
    sign::encode(value.as_bytes())
}
