//! Shared by the emulator tests: start an emulator on 127.0.0.1:0 and talk to it over HTTP.
#![allow(dead_code)]
// Test helpers may fail loudly: a broken fixture is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};

use chanedit::api::{Auth, Client, ClientConfig, RetryPolicy};
use chanedit::emulator::{AccessLog, EmulatorConfig, EmulatorHandle, Project, serve};
use reqwest::Method;
use serde_json::Value;

pub const PROJECT: &str = "0e0e1c8f5a0000b92f2ac0013ec0f8c3";
pub const INSTANCE: &str = "eddc4d25480b4cd6b512f270a1b8b341";
pub const TOKEN: &str = "test-token-7f3a";
pub const AK: &str = "HPUAEXAMPLEAK1234567";
pub const SK: &str = "ExampleSecretKey0123456789abcdefghijKLMN";

/// Demo channel ids (assets/demo.json).
pub const WEB: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11";
pub const BILLING_ECS: &str = "5e6d7c8b9a0f4e1d2c3b4a5968778695";
pub const ORDERS_CCE: &str = "7a8b9c0d1e2f43a5b6c7d8e9f0a1b2c3";
pub const CATALOG_NACOS: &str = "8b9c0d1e2f3a44b6c7d8e9f0a1b2c3d4";
pub const REFERENCE: &str = "9c0d1e2f3a4b45c7d8e9f0a1b2c3d4e5";
pub const BULK: &str = "0d1e2f3a4b5c46d8e9f0a1b2c3d4e5f6";

pub struct Emu {
    pub handle: EmulatorHandle,
    pub http: reqwest::Client,
}

pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Answer {
    /// Keep what a test looks at; a body that is not JSON becomes `Null`.
    pub async fn read(resp: reqwest::Response) -> Answer {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            text,
            json,
        }
    }
    pub fn code(&self) -> &str {
        self.json["error_code"].as_str().unwrap_or("")
    }
    pub fn msg(&self) -> &str {
        self.json["error_msg"].as_str().unwrap_or("")
    }
    pub fn request_id(&self) -> &str {
        self.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// The demo's second gateway (assets/demo.json) and its one channel.
pub const STAGING: &str = "f1e2d3c4b5a6470889a0b1c2d3e4f5a6";
pub const PAYMENTS: &str = "6f708192a3b4c5d6e7f8091a2b3c4d5e";

/// A config with the demo data (both gateways), accepting TOKEN and AK/SK.
pub fn demo_config() -> EmulatorConfig {
    let mut cfg = EmulatorConfig::with_project(PROJECT, Project::demo(None).unwrap());
    cfg.auth.token = Some(TOKEN.into());
    cfg.auth.ak = Some(AK.into());
    cfg.auth.sk = Some(SK.into());
    cfg
}

pub async fn start(cfg: EmulatorConfig) -> Emu {
    chanedit::install_crypto();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let handle = serve(cfg, listener).await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    Emu { handle, http }
}

pub async fn start_demo() -> Emu {
    start(demo_config()).await
}

/// An access log kept in memory, to count the requests a test made.
#[derive(Clone, Default)]
pub struct Lines(pub Arc<Mutex<Vec<String>>>);

impl Lines {
    pub fn sink(&self) -> AccessLog {
        let lines = self.0.clone();
        Arc::new(move |l: &str| lines.lock().unwrap().push(l.to_string()))
    }

    pub fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    /// Lines that start with `METHOD ` and whose path ends with `tail`.
    pub fn matching(&self, method: &str, tail: &str) -> Vec<String> {
        self.all()
            .into_iter()
            .filter(|l| {
                let mut words = l.split(' ');
                words.next() == Some(method)
                    && words
                        .next()
                        .is_some_and(|t| t.split('?').next().unwrap_or("").ends_with(tail))
            })
            .collect()
    }
}

/// The demo emulator with its access log kept in memory.
pub async fn start_logged(mut cfg: EmulatorConfig) -> (Emu, Lines) {
    let lines = Lines::default();
    cfg.access_log = Some(lines.sink());
    (start(cfg).await, lines)
}

/// A client of one gateway of the emulator, with the token and quick retries.
pub fn client(emu: &Emu, instance: &str) -> Client {
    let mut cfg = ClientConfig::new(
        emu.handle.url(),
        PROJECT,
        instance,
        Auth::Token(TOKEN.into()),
    );
    cfg.retry = RetryPolicy {
        attempts: 3,
        throttled_attempts: 6,
        base_delay: std::time::Duration::from_millis(1),
        max_delay: std::time::Duration::from_millis(5),
    };
    Client::new(cfg).unwrap()
}

pub fn is_hex32(s: &str) -> bool {
    s.len() == 32
        && s.chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

impl Emu {
    pub fn base(&self) -> String {
        format!(
            "{}/v2/{PROJECT}/apigw/instances/{INSTANCE}",
            self.handle.url()
        )
    }

    /// `tail` is the path after the instance, e.g. `/vpc-channels?limit=5`.
    pub async fn call(&self, method: &str, tail: &str, body: Option<&Value>) -> Answer {
        self.call_with(method, tail, body, &[("X-Auth-Token", TOKEN)])
            .await
    }

    pub async fn call_with(
        &self,
        method: &str,
        tail: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let url = format!("{}{tail}", self.base());
        self.raw(
            method,
            &url,
            body.map(|b| b.to_string().into_bytes()),
            headers,
        )
        .await
    }

    pub async fn raw(
        &self,
        method: &str,
        url: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = self
            .http
            .request(Method::from_bytes(method.as_bytes()).unwrap(), url);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req
                .header("Content-Type", "application/json;charset=UTF-8")
                .body(b);
        }
        Answer::read(req.send().await.unwrap()).await
    }

    pub async fn get(&self, tail: &str) -> Answer {
        self.call("GET", tail, None).await
    }

    pub async fn put(&self, tail: &str, body: &Value) -> Answer {
        self.call("PUT", tail, Some(body)).await
    }

    pub async fn post(&self, tail: &str, body: &Value) -> Answer {
        self.call("POST", tail, Some(body)).await
    }

    pub async fn delete(&self, tail: &str) -> Answer {
        self.call("DELETE", tail, None).await
    }

    /// Every member of a channel, page by page (limit 100).
    pub async fn all_members(&self, channel: &str) -> Vec<Value> {
        let mut out = Vec::new();
        loop {
            let a = self
                .get(&format!(
                    "/vpc-channels/{channel}/members?offset={}&limit=100",
                    out.len()
                ))
                .await;
            assert_eq!(a.status, 200, "{}", a.text);
            let page = a.json["members"].as_array().unwrap().clone();
            if page.is_empty() {
                break;
            }
            out.extend(page);
            if out.len() as i64 >= a.json["total"].as_i64().unwrap() {
                break;
            }
        }
        out
    }

    pub async fn stop(self) {
        self.handle.shutdown().await;
    }
}

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
