//! A small APIG stand-in on 127.0.0.1:0 for the client and CLI tests: it checks AK/SK
//! signatures with `sign::verify` (or an X-Auth-Token), serves channels and paginated members,
//! acts as IAM for password logins, records every request, and plays scripted faults.
//!
//! Why not the emulator (src/emulator), which the emulator, SDK and editor tests use: these
//! tests need a server that is told, request by request, how to misbehave, and that reports
//! what it received. The emulator is a faithful gateway and should stay one:
//! - faults here are scripted for the next N requests of one method and path, with any
//!   status, content type and body (undocumented codes, a 200 that is not the documented
//!   body, HTML), an answer cut after its headers, or a stall; the emulator's faults are
//!   seeded dice over all requests (500 APIG.9999, one fixed HTML 502 page, or a connection
//!   closed with no answer): a test picks the rates, not which request meets which fault;
//! - it records every raw request (headers, query, body), so a test can check the signing
//!   headers, the security token, the Host sent through a proxy, the exact page queries and
//!   how many PUTs went out;
//! - it is also IAM (`POST /v3/auth/tokens`, with a settable token lifetime), another service;
//! - it breaks the list contract on demand: a page size below the documented 500
//!   (`page_cap`), a total that drifts between pages (`total_drift`), a detail whose embedded
//!   members are a partial copy, and member pages held until several are in flight
//!   (`hold_pages_until`).
#![allow(dead_code)]
// Test helpers may fail loudly: a broken fixture is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod files;
#[path = "../process/mod.rs"]
pub mod process;
mod routes;

#[allow(unused_imports)]
pub use cli::{Run, chanedit, chanedit_via};
#[allow(unused_imports)]
pub use files::{journal, write_json};

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use chanedit::sign;
use serde_json::{Value, json};

pub const PROJECT: &str = "0e0e1c8f5a0000b92f2ac0013ec0f8c3";
pub const INSTANCE: &str = "eddc4d25480b4cd6b512f270a1b8b341";
pub const AK: &str = "HPUAEXAMPLEAK1234567";
pub const SK: &str = "ExampleSecretKey0123456789abcdefghijKLMN";
pub const TOKEN: &str = "test-token-0123456789";
pub const USER: &str = "alice";
pub const PASSWORD: &str = "correct horse";
pub const DOMAIN: &str = "acme";

/// A scripted answer for the next `times` requests whose method and path match.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer with this status, content type and body.
    Answer {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// Send the status line and headers, then cut the connection mid-body.
    Drop,
    /// Wait this long before answering normally.
    Delay(Duration),
    /// Answer with this status and a body sent with `Content-Encoding: <encoding>`.
    Encoded {
        status: u16,
        encoding: &'static str,
        body: Vec<u8>,
    },
    /// Carry out the request, then play this fault instead of its answer (a write applied
    /// whose answer is lost, empty or garbled).
    AfterRoute(Box<Fault>),
}

impl Fault {
    /// A JSON answer with this status.
    pub fn json(status: u16, body: impl Into<String>) -> Fault {
        Fault::Answer {
            status,
            content_type: "application/json",
            body: body.into(),
        }
    }
}

#[derive(Debug, Clone)]
struct Scripted {
    method: Method,
    path_suffix: String,
    /// Matching requests let through before the fault starts.
    skip: usize,
    times: usize,
    fault: Fault,
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Logged {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

#[derive(Default)]
pub struct Inner {
    /// channel id -> detail (without members)
    pub channels: BTreeMap<String, Value>,
    /// channel id -> members
    pub members: HashMap<String, Vec<Value>>,
    pub log: Vec<Logged>,
    faults: Vec<Scripted>,
    /// Largest page the server hands out.
    pub page_cap: usize,
    /// Delay on every answer (benches/client.rs: loading over a slow link).
    pub latency: Duration,
    /// IAM tokens issued (token -> project id) and their lifetime.
    pub issued: Vec<String>,
    pub token_lifetime: time::Duration,
    /// Added to `total` on member pages after the first (a list that changes mid-load).
    pub total_drift: i64,
    /// The `total` every member page claims, whatever the list holds.
    pub claimed_total: Option<i64>,
    /// Member pages ignore `offset` and always start at the first member.
    pub ignore_offset: bool,
    /// For this many member page requests with an offset, first delete the channel's second
    /// member and add a new one (the total stays the same).
    pub churn: usize,
    /// When set, member pages after the first are held until this many are in flight at
    /// once; then the gate stays open. A test proves that pages overlap without timing them.
    pub hold_pages_until: Option<usize>,
    /// The gate of `hold_pages_until`; opened by the count or, failing that, the deadline.
    gate: tokio::sync::watch::Sender<bool>,
    /// Whether the deadline, not the count, opened the gate.
    pub gate_timed_out: bool,
    /// Member pages after the first being answered right now, and the most seen at once.
    pub pages_in_flight: usize,
    pub peak_pages_in_flight: usize,
    next_id: u64,
}

impl Inner {
    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("{:032x}", self.next_id * 7919)
    }
}

#[derive(Clone)]
pub struct Shared(pub Arc<Mutex<Inner>>);

pub struct TestServer {
    pub addr: SocketAddr,
    pub state: Shared,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        chanedit::install_crypto();
        let state = Shared(Arc::new(Mutex::new(Inner {
            page_cap: 500,
            token_lifetime: time::Duration::hours(24),
            ..Default::default()
        })));
        let app = Router::new().fallback(handle).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        TestServer {
            addr,
            state,
            shutdown: Some(tx),
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.state.0.lock().unwrap()
    }

    /// Add a server channel with `n` ip members split over groups `g0`/`g1`; returns its id.
    pub fn add_channel(&self, name: &str, n: usize) -> String {
        let mut s = self.inner();
        let id = s.new_id();
        let groups: Vec<Value> = (0..2)
            .map(|g| {
                json!({"member_group_id": format!("grp{g}{id}"), "member_group_name": format!("group{g}"),
                       "member_group_weight": 1, "member_group_remark": "", "dict_code": "",
                       "create_time": "2024-01-02T03:04:05Z", "update_time": "2024-01-02T03:04:05Z"})
            })
            .collect();
        let detail = json!({
            "id": id, "name": name, "port": 8080, "balance_strategy": 2, "member_type": "ip",
            "type": 2, "vpc_channel_type": "builtin", "dict_code": "", "status": 1,
            "create_time": "2024-01-02T03:04:05Z", "member_groups": groups,
            "microservice_info": {"id": "", "authorization": ""},
            "vpc_health_config": {"protocol": "http", "path": "/health", "method": "GET",
                "port": 8080, "threshold_normal": 2, "threshold_abnormal": 3, "time_interval": 10,
                "timeout": 5, "http_code": "200", "enable_client_ssl": false, "status": 1,
                "id": format!("hc{id}"), "vpc_channel_id": id,
                "create_time": "2024-01-02T03:04:05Z"}
        });
        let members: Vec<Value> = (0..n)
            .map(|i| {
                json!({"id": format!("m{i:05}{id}"), "host": format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
                       "ecs_id": "", "ecs_name": "", "weight": 1 + (i % 5) as i64, "is_backup": i % 10 == 9,
                       "member_group_name": format!("group{}", i % 2), "member_group_id": format!("grp{}{id}", i % 2),
                       "status": 1, "port": 0, "vpc_channel_id": id, "create_time": "2024-01-02T03:04:05Z",
                       "health_status": if i % 7 == 0 { "unhealthy" } else { "healthy" }})
            })
            .collect();
        s.channels.insert(id.clone(), detail);
        s.members.insert(id.clone(), members);
        id
    }

    /// Script `fault` for the next `times` requests with this method whose path ends with
    /// `path_suffix`.
    pub fn fault(&self, method: Method, path_suffix: &str, times: usize, fault: Fault) {
        self.fault_after(method, path_suffix, 0, times, fault);
    }

    /// [`TestServer::fault`], starting after `skip` matching requests went through.
    pub fn fault_after(
        &self,
        method: Method,
        path_suffix: &str,
        skip: usize,
        times: usize,
        fault: Fault,
    ) {
        self.inner().faults.push(Scripted {
            method,
            path_suffix: path_suffix.to_string(),
            skip,
            times,
            fault,
        });
    }

    pub fn requests(&self, method: &Method, path_suffix: &str) -> Vec<Logged> {
        self.inner()
            .log
            .iter()
            .filter(|l| l.method == *method && l.path.ends_with(path_suffix))
            .cloned()
            .collect()
    }

    pub fn member_count(&self, id: &str) -> usize {
        self.inner().members.get(id).map_or(0, Vec::len)
    }
}

fn json_answer(status: u16, v: &Value) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-request-id", format!("req-{status}-{}", rand_id()))
        .body(Body::from(v.to_string()))
        .unwrap()
}

fn rand_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(1);
    N.fetch_add(1, Ordering::SeqCst)
}

fn apig_error(status: u16, code: &str, msg: &str) -> Response {
    json_answer(status, &json!({"error_code": code, "error_msg": msg}))
}

fn query_pairs(q: &str) -> HashMap<String, String> {
    sign::parse_query(q).into_iter().collect()
}

async fn handle(
    State(state): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let raw_query = uri.query().unwrap_or("").to_string();
    let (fault, gate, latency) = {
        let mut s = state.0.lock().unwrap();
        s.log.push(Logged {
            method: method.clone(),
            path: path.clone(),
            query: raw_query.clone(),
            headers: headers.clone(),
            body: body.clone(),
        });
        let fault = s
            .faults
            .iter_mut()
            .find(|f| f.times > 0 && f.method == method && path.ends_with(&f.path_suffix))
            .and_then(|f| {
                if f.skip > 0 {
                    f.skip -= 1;
                    return None;
                }
                f.times -= 1;
                Some(f.fault.clone())
            });
        let gate = match s.hold_pages_until {
            Some(n) if is_later_member_page(&method, &path, &raw_query) => {
                s.pages_in_flight += 1;
                s.peak_pages_in_flight = s.peak_pages_in_flight.max(s.pages_in_flight);
                if s.pages_in_flight >= n {
                    s.gate.send_replace(true);
                }
                Some(s.gate.subscribe())
            }
            _ => None,
        };
        (fault, gate, s.latency)
    };
    let _page = gate.is_some().then(|| PageInFlight(state.clone()));
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(mut gate) = gate {
        let opened = tokio::time::timeout(GATE_DEADLINE, gate.wait_for(|open| *open)).await;
        if opened.is_err() {
            let mut s = state.0.lock().unwrap();
            s.gate_timed_out = true;
            s.gate.send_replace(true);
        }
    }
    let after = match fault {
        Some(Fault::AfterRoute(inner)) => Some(*inner),
        Some(f) => {
            if let Some(answer) = play(f).await {
                return answer;
            }
            None
        }
        None => None,
    };
    let answer = answer_normally(&state, &method, &path, &raw_query, &headers, &body);
    match after {
        Some(f) => play(f).await.unwrap_or(answer),
        None => answer,
    }
}

/// The answer a fault gives, or None when the request is then answered normally.
async fn play(fault: Fault) -> Option<Response> {
    match fault {
        Fault::Answer {
            status,
            content_type,
            body,
        } => Some(
            Response::builder()
                .status(status)
                .header("content-type", content_type)
                .body(Body::from(body))
                .unwrap(),
        ),
        Fault::Encoded {
            status,
            encoding,
            body,
        } => Some(
            Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .header("content-encoding", encoding)
                .body(Body::from(body))
                .unwrap(),
        ),
        Fault::Drop => {
            let stream = futures::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other("dropped on purpose"))
            });
            Some(
                Response::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .header("content-length", "1000")
                    .body(Body::from_stream(stream))
                    .unwrap(),
            )
        }
        Fault::Delay(d) => {
            tokio::time::sleep(d).await;
            None
        }
        Fault::AfterRoute(inner) => Box::pin(play(*inner)).await,
    }
}

fn answer_normally(
    state: &Shared,
    method: &Method,
    path: &str,
    raw_query: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    if method == Method::POST && path == "/v3/auth/tokens" {
        return iam_login(state, body);
    }
    if let Err(resp) = authenticate(state, method, path, raw_query, headers, body) {
        return *resp;
    }
    routes::route(state, method, path, raw_query, body)
}

/// How long held pages wait for the others before the gate opens anyway, so a client that
/// never overlaps pages fails its test instead of hanging. A test that holds pages gives its
/// client a longer timeout, so no held request is retried.
const GATE_DEADLINE: Duration = Duration::from_secs(10);

/// `GET .../members` past the first page.
fn is_later_member_page(method: &Method, path: &str, raw_query: &str) -> bool {
    let offset = query_pairs(raw_query)
        .get("offset")
        .and_then(|o| o.parse::<u64>().ok())
        .unwrap_or(0);
    *method == Method::GET && path.ends_with("/members") && offset > 0
}

/// Counts a held member page out when its answer is done.
struct PageInFlight(Shared);

impl Drop for PageInFlight {
    fn drop(&mut self) {
        if let Ok(mut s) = self.0.0.lock() {
            s.pages_in_flight -= 1;
        }
    }
}

fn authenticate(
    state: &Shared,
    method: &Method,
    path: &str,
    raw_query: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), Box<Response>> {
    let denied = |why: &str| {
        Err(Box::new(apig_error(
            401,
            "APIG.1002",
            &format!("Incorrect IAM authentication information: {why}"),
        )))
    };
    if let Some(t) = headers.get("x-auth-token") {
        let t = t.to_str().unwrap_or("");
        let s = state.0.lock().unwrap();
        if t == TOKEN || s.issued.iter().any(|i| i == t) {
            return Ok(());
        }
        return denied("token is invalid");
    }
    match sign::verify(method.as_str(), path, raw_query, headers, body, |ak| {
        (ak == AK).then(|| SK.to_string())
    }) {
        Ok(_) => Ok(()),
        Err(e) => denied(&e.to_string()),
    }
}

fn iam_login(state: &Shared, body: &[u8]) -> Response {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let user = &v["auth"]["identity"]["password"]["user"];
    if user["name"] != USER || user["password"] != PASSWORD || user["domain"]["name"] != DOMAIN {
        return json_answer(
            401,
            &json!({"error": {"code": "IAM.0001", "message": "The username or password is wrong."}}),
        );
    }
    let mut s = state.0.lock().unwrap();
    let token = format!("iam-token-{}", s.issued.len() + 1);
    s.issued.push(token.clone());
    let expires = time::OffsetDateTime::now_utc() + s.token_lifetime;
    let expires = expires
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    Response::builder()
        .status(201)
        .header("content-type", "application/json")
        .header("x-subject-token", token)
        .body(Body::from(
            json!({"token": {"expires_at": expires, "project": {"id": PROJECT, "name": "cn-north-4"}}})
                .to_string(),
        ))
        .unwrap()
}

/// A client config for this server with AK/SK and fast retries.
pub fn aksk_config(server: &TestServer) -> chanedit::api::ClientConfig {
    let mut cfg = chanedit::api::ClientConfig::new(
        server.endpoint(),
        PROJECT,
        INSTANCE,
        chanedit::api::Auth::AkSk {
            ak: AK.into(),
            sk: SK.into(),
            security_token: None,
        },
    );
    cfg.retry.base_delay = Duration::from_millis(5);
    cfg.retry.max_delay = Duration::from_millis(20);
    cfg.timeout = Duration::from_secs(10);
    cfg
}

/// The channel as the test server holds it now, as the PUT body that keeps it.
pub async fn base_of(server: &TestServer, id: &str) -> Value {
    chanedit::api::Client::new(aksk_config(server))
        .unwrap()
        .load_channel(id)
        .await
        .unwrap()
        .base()
}
