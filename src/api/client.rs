//! The client's core: the HTTP setup, one try of a request (headers from `auth::prepare`),
//! the retry loop, and decoding answers into model types or an [`ApiError`]. The API calls
//! themselves are in `calls.rs`.

use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use super::auth::{self, Outgoing, RequestCredential, path_param};
use super::error::{excerpt, from_error_answer};
use super::iam::{self, IamToken, ProjectScope};
use super::read::{ReadError, read_capped};
use super::{ApiError, Auth, ClientConfig};

pub use crate::model::Loaded;

/// A cheap-to-clone handle; clones share the connection pool and the IAM token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: ClientConfig,
    http: reqwest::Client,
    /// `scheme://authority`.
    origin: String,
    /// Path the endpoint itself carries (usually empty).
    prefix: String,
    /// `host[:port]` as the Host header will carry it (default ports left out).
    host: String,
    /// Shared with the clients of the project's other gateways (see [`Client::for_gateway`]).
    token: Arc<tokio::sync::Mutex<Option<IamToken>>>,
}

/// A successful answer.
pub(crate) struct Answer {
    pub(super) status: u16,
    pub(super) request_id: Option<String>,
    pub(super) body: Vec<u8>,
}

pub(crate) fn request_id(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(crate::sanitize::line)
}

/// The reqwest error and its causes, without the URL.
pub(crate) fn describe_reqwest(e: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = s.source();
    }
    if parts.is_empty() {
        parts.push(e.to_string());
    }
    crate::sanitize::line(&parts.join(": "))
}

/// Whether every URL the client will call is plain `http://` (redirects are never followed).
fn speaks_plain_http_only(cfg: &ClientConfig) -> bool {
    let plain = |url: &str| {
        url.get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
    };
    let iam_plain = match &cfg.auth {
        super::Auth::Password { iam_endpoint, .. } => plain(iam_endpoint),
        _ => true,
    };
    plain(&super::normalize_endpoint(&cfg.endpoint)) && iam_plain
}

/// Connections kept open to a host between calls.
const IDLE_CONNECTIONS: usize = 2;

fn build_http(cfg: &ClientConfig) -> Result<reqwest::Client, ApiError> {
    crate::install_crypto();
    let mut b = reqwest::Client::builder()
        .connect_timeout(cfg.connect_timeout)
        .timeout(cfg.timeout)
        // The SDK does not follow redirects; neither does chanedit.
        .redirect(reqwest::redirect::Policy::none())
        .retry(reqwest::retry::never())
        // An idle connection keeps the read buffer its largest answer grew (a page of members
        // is 140 KB): a load puts every page in flight at once, and keeping all those
        // connections held 2.7 MB while a 10,000-member channel opened. A few carry the
        // editor's later calls; a reload opens the rest again.
        .pool_max_idle_per_host(IDLE_CONNECTIONS);
    if let Some(path) = &cfg.ca_cert {
        let pem = std::fs::read(path).map_err(|e| {
            ApiError::Config(format!("cannot read the CA file {}: {e}", path.display()))
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            ApiError::Config(format!(
                "{} is not a PEM certificate file: {e}",
                path.display()
            ))
        })?;
        if certs.is_empty() {
            return Err(ApiError::Config(format!(
                "{} holds no PEM certificate",
                path.display()
            )));
        }
        b = b.tls_certs_merge(certs);
    }
    if cfg.insecure {
        b = b.tls_danger_accept_invalid_certs(true);
    }
    if speaks_plain_http_only(cfg) && cfg.ca_cert.is_none() && !cfg.insecure {
        // Reading the system's CA roots costs a start-up several milliseconds; a client that
        // never opens TLS (the emulator, a test server) goes without them.
        b = b.tls_certs_only(std::iter::empty());
    }
    b.build()
        .map_err(|e| ApiError::Config(format!("cannot set up HTTP: {}", describe_reqwest(&e))))
}

impl Client {
    pub fn new(cfg: ClientConfig) -> Result<Client, ApiError> {
        let endpoint = super::normalize_endpoint(&cfg.endpoint);
        let url = reqwest::Url::parse(&endpoint).map_err(|e| {
            ApiError::Config(format!(
                "invalid endpoint {}: {e}",
                crate::sanitize::line(&endpoint)
            ))
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ApiError::Config(format!(
                "the endpoint must be http:// or https://, not {}",
                crate::sanitize::line(url.scheme())
            )));
        }
        let host_name = url
            .host_str()
            .ok_or_else(|| ApiError::Config("the endpoint has no host".into()))?;
        let host = match url.port() {
            Some(p) => format!("{host_name}:{p}"),
            None => host_name.to_string(),
        };
        let origin = format!("{}://{host}", url.scheme());
        let prefix = url.path().trim_end_matches('/').to_string();
        let http = build_http(&cfg)?;
        Ok(Client {
            inner: Arc::new(Inner {
                cfg,
                http,
                origin,
                prefix,
                host,
                token: Arc::new(tokio::sync::Mutex::new(None)),
            }),
        })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.inner.cfg
    }

    /// A client of another gateway of the same project: same credentials, connection pool
    /// and IAM token, so a search over many gateways logs in once.
    pub fn for_gateway(&self, instance_id: &str) -> Client {
        let mut cfg = self.inner.cfg.clone();
        cfg.instance_id = instance_id.to_string();
        Client {
            inner: Arc::new(Inner {
                cfg,
                http: self.inner.http.clone(),
                origin: self.inner.origin.clone(),
                prefix: self.inner.prefix.clone(),
                host: self.inner.host.clone(),
                token: self.inner.token.clone(),
            }),
        }
    }

    /// The project-scoped IAM token, logging in when there is none or it nears expiry.
    async fn iam_token(&self) -> Result<IamToken, ApiError> {
        let Auth::Password {
            iam_endpoint,
            user_name,
            password,
            domain_name,
            project_name,
        } = &self.inner.cfg.auth
        else {
            return Err(ApiError::Config("not a password login".into()));
        };
        let mut cached = self.inner.token.lock().await;
        if let Some(t) = cached.as_ref()
            && t.fresh_at(OffsetDateTime::now_utc())
        {
            return Ok(t.clone());
        }
        let scope = if !self.inner.cfg.project_id.is_empty() {
            ProjectScope::Id(self.inner.cfg.project_id.clone())
        } else if let Some(name) = project_name {
            ProjectScope::Name(name.clone())
        } else {
            return Err(ApiError::Config(
                "password login needs a project id or a region".into(),
            ));
        };
        let t = iam::password_login(
            &self.inner.http,
            iam_endpoint,
            user_name,
            password,
            domain_name,
            &scope,
        )
        .await?;
        *cached = Some(t.clone());
        Ok(t)
    }

    async fn project_id(&self) -> Result<String, ApiError> {
        match &self.inner.cfg.auth {
            Auth::Password { .. } => Ok(self.iam_token().await?.project_id),
            _ => Ok(self.inner.cfg.project_id.clone()),
        }
    }

    /// `/v2/{project_id}/apigw/instances`: the project's gateways.
    pub(super) async fn gateways_path(&self) -> Result<String, ApiError> {
        Ok(format!(
            "/v2/{}/apigw/instances",
            path_param(&self.project_id().await?)
        ))
    }

    /// `/v2/{project_id}/apigw/instances/{instance_id}`: this client's gateway.
    pub(super) async fn gateway_path(&self) -> Result<String, ApiError> {
        Ok(format!(
            "{}/{}",
            self.gateways_path().await?,
            path_param(&self.inner.cfg.instance_id)
        ))
    }

    /// `/v2/{project_id}/apigw/instances/{instance_id}/vpc-channels`
    pub(super) async fn channels_path(&self) -> Result<String, ApiError> {
        Ok(format!("{}/vpc-channels", self.gateway_path().await?))
    }

    pub(super) async fn channel_path(&self, id: &str) -> Result<String, ApiError> {
        Ok(format!(
            "{}/{}",
            self.channels_path().await?,
            path_param(id)
        ))
    }

    /// One try of one request.
    async fn attempt(
        &self,
        method: &Method,
        path: &str,
        query: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<Answer, ApiError> {
        let cfg = &self.inner.cfg;
        let token;
        let project_id;
        let cred = match &cfg.auth {
            Auth::AkSk {
                ak,
                sk,
                security_token,
            } => {
                project_id = cfg.project_id.clone();
                RequestCredential::AkSk {
                    ak,
                    sk,
                    security_token: security_token.as_deref(),
                }
            }
            Auth::Token(t) => {
                project_id = cfg.project_id.clone();
                RequestCredential::Token(t)
            }
            Auth::Password { .. } => {
                let t = self.iam_token().await?;
                project_id = t.project_id;
                token = t.token;
                RequestCredential::Token(&token)
            }
        };
        let full_path = format!("{}{path}", self.inner.prefix);
        let prepared = auth::prepare(
            &Outgoing {
                method: method.as_str(),
                host: &self.inner.host,
                path: &full_path,
                query,
                body,
                project_id: Some(&project_id),
                user_agent: &cfg.user_agent,
                sdk_date: None,
            },
            cred,
        );
        let url = format!("{}{}", self.inner.origin, prepared.target);
        let mut req = self.inner.http.request(method.clone(), &url);
        for (k, v) in &prepared.headers {
            // hyper writes Host (HTTP/1) or :authority (HTTP/2) from the URL: the same value.
            if !k.eq_ignore_ascii_case("host") {
                req = req.header(k.as_str(), v.as_str());
            }
        }
        if let Some(b) = body {
            req = req.body(b.to_vec());
        }
        let response = req.send().await.map_err(|e| self.send_error(&e))?;
        let status = response.status().as_u16();
        let request_id = request_id(response.headers());
        let limit = cfg.limits.max_answer_bytes;
        let bytes = read_capped(response, limit).await.map_err(|e| match e {
            ReadError::TooLarge => ApiError::TooLarge { status, limit },
            ReadError::Http(e) if e.is_timeout() => self.timeout_error(method, path),
            ReadError::Http(e) => ApiError::Transport {
                detail: format!(
                    "the answer (HTTP {status}) was cut off: {}",
                    describe_reqwest(&e)
                ),
            },
        })?;
        if status >= 400 {
            return Err(from_error_answer(status, request_id, &bytes));
        }
        if !(200..300).contains(&status) {
            return Err(ApiError::BadBody {
                status,
                reason: "an unexpected status for this call".into(),
                excerpt: excerpt(&bytes),
                request_id,
            });
        }
        Ok(Answer {
            status,
            request_id,
            body: bytes,
        })
    }

    fn timeout_error(&self, method: &Method, path: &str) -> ApiError {
        ApiError::Timeout {
            after: self.inner.cfg.timeout,
            what: format!("{method} {}", crate::sanitize::line(path)),
        }
    }

    fn send_error(&self, e: &reqwest::Error) -> ApiError {
        if e.is_connect() {
            ApiError::Connect {
                endpoint: self.inner.origin.clone(),
                detail: describe_reqwest(e),
            }
        } else if e.is_timeout() {
            ApiError::Timeout {
                after: self.inner.cfg.timeout,
                what: "waiting for the answer".into(),
            }
        } else if e.is_builder() {
            ApiError::Config(format!("cannot build the request: {}", describe_reqwest(e)))
        } else {
            ApiError::Transport {
                detail: describe_reqwest(e),
            }
        }
    }

    /// Send with the retry policy: GETs retry transient failures, writes only failures to
    /// connect.
    pub(super) async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<Answer, ApiError> {
        let policy = self.inner.cfg.retry;
        let idempotent = method == Method::GET;
        let mut attempt = 1;
        loop {
            let started = std::time::Instant::now();
            match self.attempt(&method, path, query, body).await {
                Ok(a) => {
                    tracing::debug!(
                        %method, path, status = a.status, request_id = a.request_id.as_deref(),
                        ms = started.elapsed().as_millis() as u64, "answered"
                    );
                    return Ok(a);
                }
                Err(e) if policy.should_retry(idempotent, attempt, &e) => {
                    tracing::info!(%method, attempt, error = %e, "retrying");
                    tokio::time::sleep(policy.delay(attempt)).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

pub(super) fn decode<T: DeserializeOwned>(a: &Answer, what: &str) -> Result<T, ApiError> {
    super::answers::parse(a.status, a.request_id.as_deref(), &a.body, what)
}
