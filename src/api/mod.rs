//! Async APIG client: every VPC-channel operation of the SDK plus the project's gateways and
//! a gateway's APIs; auth (token, AK/SK via `sign`, IAM password login), errors, retries,
//! concurrent pagination checked for consistency, caps on what a server may send, and the
//! outcome of a write whose answer was lost.

pub mod answers;
mod apis;
pub mod auth;
mod calls;
mod channels;
mod client;
pub mod drain;
pub mod error;
pub mod filters;
mod gateways;
mod groups;
pub mod iam;
pub mod limits;
mod lists;
pub mod member_check;
mod members;
pub mod outcome;
pub mod pages;
pub mod plan;
mod read;
pub mod retry;
pub mod search;
mod sent;
pub mod write_body;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

pub use client::{Client, Loaded};
pub use error::ApiError;
pub use filters::{ApiFilter, ChannelFilter, GatewayFilter, GroupFilter, MemberFilter};
pub use limits::Limits;
pub use outcome::{Sent, SentPlan, Verdict};
pub use retry::RetryPolicy;
pub use sent::Answered;

/// Largest page the API serves (docs/api.md §1: `limit` 1..500).
pub const MAX_PAGE_LIMIT: u32 = 500;

/// How the client proves who it is.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// AK/SK signing (SDK-HMAC-SHA256); with a security token for temporary credentials.
    AkSk {
        ak: String,
        sk: String,
        security_token: Option<String>,
    },
    /// A ready IAM token sent as `X-Auth-Token`.
    Token(String),
    /// IAM password login: a project-scoped token is obtained and reused until it nears
    /// expiry.
    Password {
        iam_endpoint: String,
        user_name: String,
        password: String,
        domain_name: String,
        /// Project name to scope to (the region id) when no project id is known.
        project_name: Option<String>,
    },
}

impl Auth {
    pub fn kind(&self) -> &'static str {
        match self {
            Auth::AkSk {
                security_token: Some(_),
                ..
            } => "aksk+security-token",
            Auth::AkSk { .. } => "aksk",
            Auth::Token(_) => "token",
            Auth::Password { .. } => "password",
        }
    }
}

/// Secrets never appear in debug output.
impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::AkSk { security_token, .. } => f
                .debug_struct("AkSk")
                .field("ak", &"***")
                .field("sk", &"***")
                .field("security_token", &security_token.as_ref().map(|_| "***"))
                .finish(),
            Auth::Token(_) => f.write_str("Token(***)"),
            Auth::Password {
                iam_endpoint,
                user_name,
                domain_name,
                project_name,
                ..
            } => f
                .debug_struct("Password")
                .field("iam_endpoint", iam_endpoint)
                .field("user_name", user_name)
                .field("password", &"***")
                .field("domain_name", domain_name)
                .field("project_name", project_name)
                .finish(),
        }
    }
}

/// Everything the client needs to talk to one gateway.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// `https://apig.<region>.myhuaweicloud.com`, or `http://127.0.0.1:PORT` for loopback.
    pub endpoint: String,
    pub project_id: String,
    pub instance_id: String,
    pub auth: Auth,
    pub connect_timeout: Duration,
    /// Whole request, from connect to the last body byte.
    pub timeout: Duration,
    pub ca_cert: Option<PathBuf>,
    pub insecure: bool,
    pub user_agent: String,
    pub retry: RetryPolicy,
    /// Pages in flight at once while a list is read (after its first page).
    pub page_concurrency: usize,
    /// Channels a search over gateways (find, drain, undrain) reads or writes at once.
    pub search_concurrency: usize,
    pub page_limit: u32,
    /// Caps on answer size, list length and re-reads (see [`limits`]).
    pub limits: Limits,
}

pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Pages in flight: a 10,000-member channel (21 pages of 500) is read in two round trips.
pub const DEFAULT_PAGE_CONCURRENCY: usize = 32;
/// Channels at once in a search over gateways.
pub const DEFAULT_SEARCH_CONCURRENCY: usize = 64;

pub fn default_user_agent() -> String {
    format!("chanedit/{}", env!("CARGO_PKG_VERSION"))
}

impl ClientConfig {
    pub fn new(
        endpoint: impl Into<String>,
        project_id: impl Into<String>,
        instance_id: impl Into<String>,
        auth: Auth,
    ) -> Self {
        ClientConfig {
            endpoint: endpoint.into(),
            project_id: project_id.into(),
            instance_id: instance_id.into(),
            auth,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            ca_cert: None,
            insecure: false,
            user_agent: default_user_agent(),
            retry: RetryPolicy::default(),
            page_concurrency: DEFAULT_PAGE_CONCURRENCY,
            search_concurrency: DEFAULT_SEARCH_CONCURRENCY,
            page_limit: MAX_PAGE_LIMIT,
            limits: Limits::default(),
        }
    }
}

/// An endpoint without a scheme gets `https://` (as the SDK does); a trailing `/` is dropped.
pub fn normalize_endpoint(endpoint: &str) -> String {
    let e = endpoint.trim().trim_end_matches('/');
    if e.contains("://") {
        e.to_string()
    } else {
        format!("https://{e}")
    }
}
