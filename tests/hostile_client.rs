//! The client in front of a server that misbehaves: answers too large to hold, paging that
//! would never end, member lists that change or repeat while they are read, writes whose
//! answer is lost, and bodies that must not leave the client.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashSet;
use std::time::Duration;

use axum::http::Method;
use chanedit::api::{ApiError, Client, Sent, Verdict};
use serde_json::{Value, json};
use support::*;

/// Bits of a deflate stream, least significant first; Huffman codes go most significant first.
struct Bits {
    out: Vec<u8>,
    acc: u8,
    n: u8,
}

impl Bits {
    fn bit(&mut self, b: u32) {
        self.acc |= ((b & 1) as u8) << self.n;
        self.n += 1;
        if self.n == 8 {
            self.out.push(self.acc);
            self.acc = 0;
            self.n = 0;
        }
    }
    fn value(&mut self, v: u32, n: u32) {
        (0..n).for_each(|i| self.bit(v >> i));
    }
    fn code(&mut self, c: u32, n: u32) {
        (0..n).rev().for_each(|i| self.bit(c >> i));
    }
}

/// A gzip body of `1 + 258 * copies` zero bytes, written by hand as one fixed-Huffman block
/// (a literal 0, then `copies` times "258 bytes from 1 back"): 13 bits per 258 bytes, so a
/// body under 1 MB inflates to more than 128 MiB. The trailer's CRC is left 0: a reader that
/// stops at its cap never gets there.
fn gzip_bomb(copies: usize) -> Vec<u8> {
    let mut w = Bits {
        out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff],
        acc: 0,
        n: 0,
    };
    w.value(1, 1); // last block
    w.value(1, 2); // fixed Huffman codes
    w.code(0x30, 8); // literal 0
    for _ in 0..copies {
        w.code(0xc5, 8); // length 258
        w.code(0, 5); // distance 1
    }
    w.code(0, 7); // end of block
    if w.n > 0 {
        w.out.push(w.acc);
    }
    let size = (1 + 258 * copies) as u32;
    w.out.extend_from_slice(&[0, 0, 0, 0]);
    w.out.extend_from_slice(&size.to_le_bytes());
    w.out
}

fn client_with(server: &TestServer, f: impl FnOnce(&mut chanedit::api::ClientConfig)) -> Client {
    let mut cfg = aksk_config(server);
    f(&mut cfg);
    Client::new(cfg).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gzip_bomb_is_refused_at_the_decoded_size_cap() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 3);
    let bomb = gzip_bomb(520_200);
    assert!(bomb.len() < 1 << 20, "{} bytes on the wire", bomb.len());
    let cap = 4 << 20;
    let client = client_with(&server, |c| c.limits.max_answer_bytes = cap);
    server.fault(
        Method::GET,
        &id,
        1,
        Fault::Encoded {
            status: 200,
            encoding: "gzip",
            body: bomb,
        },
    );
    // Under the cap on the wire, 32 times over it once inflated.
    let err = client.get_channel(&id).await.unwrap_err();
    assert!(
        matches!(err, ApiError::TooLarge { status: 200, limit } if limit == cap),
        "{err}"
    );
    assert!(err.to_string().contains("4 MiB"), "{err}");
    assert!(err.to_string().contains("--max-answer-mib"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_answer_over_the_cap_is_refused() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 3);
    let client = client_with(&server, |c| c.limits.max_answer_bytes = 1 << 20);
    let padded = format!("{{\"id\": \"{id}\", \"pad\": \"{}\"}}", "x".repeat(2 << 20));
    server.fault(Method::GET, &id, 1, Fault::json(200, padded));
    let err = client.get_channel(&id).await.unwrap_err();
    assert!(matches!(err, ApiError::TooLarge { .. }), "{err}");
    // An error answer over the cap is refused the same way.
    let huge_error = format!(
        "{{\"error_code\": \"APIG.9999\", \"error_msg\": \"{}\"}}",
        "y".repeat(2 << 20)
    );
    server.fault(Method::GET, &id, 1, Fault::json(400, huge_error));
    let err = client.get_channel(&id).await.unwrap_err();
    assert!(
        matches!(err, ApiError::TooLarge { status: 400, .. }),
        "{err}"
    );
    // Under the cap, the same channel reads fine.
    assert!(client.get_channel(&id).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_million_members_at_one_per_page_are_refused_after_one_page() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 20);
    {
        let mut s = server.inner();
        s.page_cap = 1;
        s.claimed_total = Some(1_000_000);
    }
    let client = Client::new(aksk_config(&server)).unwrap();
    let err = client.load_channel(&id).await.unwrap_err();
    assert!(matches!(err, ApiError::Refused(_)), "{err}");
    assert!(err.to_string().contains("taken as broken"), "{err}");
    assert_eq!(server.requests(&Method::GET, "/members").len(), 1);

    // A total beyond the member cap is refused before any other page.
    {
        let mut s = server.inner();
        s.page_cap = 500;
        s.claimed_total = Some(1_000_001);
    }
    let err = client.load_channel(&id).await.unwrap_err();
    assert!(err.to_string().contains("more than the limit"), "{err}");
    assert_eq!(server.requests(&Method::GET, "/members").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_member_cap_is_configurable() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 30);
    let client = client_with(&server, |c| c.limits.max_items = 20);
    let err = client.load_channel(&id).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("30 members, more than the limit of 20"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_ignores_offset_is_read_again_then_refused() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 1200);
    server.inner().ignore_offset = true;
    let client = Client::new(aksk_config(&server)).unwrap();
    let err = client.load_channel(&id).await.unwrap_err();
    assert!(matches!(err, ApiError::Inconsistent(_)), "{err}");
    let text = err.to_string();
    assert!(text.contains("ignores offset"), "{text}");
    assert!(text.contains("read 3 times"), "{text}");
    // Three reads of three pages each: bounded, and never "1200 members" from one page.
    assert_eq!(server.requests(&Method::GET, "/members").len(), 9);
}

fn ids_of(members: &[Value]) -> HashSet<String> {
    members
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_swapped_between_pages_is_noticed_and_the_list_read_again() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 150);
    {
        let mut s = server.inner();
        s.page_cap = 60;
        s.churn = 1;
    }
    let client = Client::new(aksk_config(&server)).unwrap();
    let loaded = client.load_channel(&id).await.unwrap();
    // Same total before and after the swap: only the ids tell. The list is the server's.
    let got: HashSet<String> = loaded
        .members
        .iter()
        .map(|m| m.id.clone().unwrap())
        .collect();
    assert_eq!(got, ids_of(&server.inner().members[&id]));
    assert!(server.requests(&Method::GET, "/members").len() > 3);

    // A list that keeps changing is refused after three reads.
    server.inner().churn = 1000;
    let err = client.load_channel(&id).await.unwrap_err();
    assert!(matches!(err, ApiError::Inconsistent(_)), "{err}");
    assert!(err.to_string().contains("read 3 times"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_total_that_moves_between_pages_is_read_again() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 1200);
    server.inner().total_drift = 1;
    let client = Client::new(aksk_config(&server)).unwrap();
    let err = client.load_channel(&id).await.unwrap_err();
    assert!(err.to_string().contains("read 3 times"), "{err}");
    assert_eq!(server.requests(&Method::GET, "/members").len(), 9);
    server.inner().total_drift = 0;
    assert_eq!(client.load_channel(&id).await.unwrap().members.len(), 1200);
}

async fn loaded_base(client: &Client, id: &str) -> Value {
    client.load_channel(id).await.unwrap().base()
}

fn reweighted(base: &Value, weight: i64) -> Value {
    let mut v = base.clone();
    v["members"][0]["weight"] = json!(weight);
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_is_unknown_and_a_reread_settles_it() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 4);
    let client = Client::new(aksk_config(&server)).unwrap();
    let base = loaded_base(&client, &id).await;

    let cases: Vec<(Fault, Verdict)> = vec![
        (Fault::AfterRoute(Box::new(Fault::Drop)), Verdict::Applied),
        (
            Fault::AfterRoute(Box::new(Fault::json(200, ""))),
            Verdict::Applied,
        ),
        (
            Fault::AfterRoute(Box::new(Fault::Answer {
                status: 200,
                content_type: "text/html",
                body: "<html>ok</html>".into(),
            })),
            Verdict::Applied,
        ),
        (
            Fault::AfterRoute(Box::new(Fault::json(200, "{\"status\": \"queued\"}"))),
            Verdict::Applied,
        ),
        (
            Fault::AfterRoute(Box::new(Fault::json(204, ""))),
            Verdict::Applied,
        ),
        (Fault::Drop, Verdict::NotApplied),
    ];
    for (i, (fault, expected)) in cases.into_iter().enumerate() {
        let before = loaded_base(&client, &id).await;
        let body = reweighted(&before, 100 + i as i64);
        server.fault(Method::PUT, &id, 1, fault);
        let sent = client.send_update(&id, &body).await;
        assert!(matches!(sent, Sent::Lost(_)), "case {i}: {sent:?}");
        assert_eq!(sent.word(), "unknown");
        let (verdict, now) = client.confirm(&id, &before, &body).await.unwrap();
        assert_eq!(verdict, expected, "case {i}");
        let held = if expected == Verdict::Applied {
            &body
        } else {
            &before
        };
        assert!(
            chanedit::diff::diff(&now.base(), held).is_empty(),
            "case {i}"
        );
    }
    // A documented answer is applied, and an error answer failed: neither is unknown.
    let body = reweighted(&base, 7);
    assert!(matches!(
        client.send_update(&id, &body).await,
        Sent::Ok { .. }
    ));
    server.fault(
        Method::PUT,
        &id,
        1,
        Fault::json(
            400,
            r#"{"error_code":"APIG.2004","error_msg":"parameterName:weight"}"#,
        ),
    );
    assert!(matches!(
        client.send_update(&id, &reweighted(&base, 8)).await,
        Sent::Failed(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_after_the_write_is_unknown() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 2);
    let client = client_with(&server, |c| c.timeout = Duration::from_millis(500));
    let before = loaded_base(&client, &id).await;
    let body = reweighted(&before, 42);
    server.fault(
        Method::PUT,
        &id,
        1,
        Fault::AfterRoute(Box::new(Fault::Delay(Duration::from_secs(20)))),
    );
    let sent = client.send_update(&id, &body).await;
    assert!(
        matches!(&sent, Sent::Lost(ApiError::Timeout { .. })),
        "{sent:?}"
    );
    let (verdict, _) = client.confirm(&id, &before, &body).await.unwrap();
    assert_eq!(verdict, Verdict::Applied);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_masked_secret_never_leaves_the_client() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 2);
    let client = Client::new(aksk_config(&server)).unwrap();
    let mut body = loaded_base(&client, &id).await;
    body["microservice_info"] = json!({"service_type": "NACOS", "nacos_info": {"user_info": {"user_name": "n", "password": "***"}}});
    let err = client.update_channel(&id, &body).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("microservice_info.nacos_info.user_info.password holds the mask"),
        "{err}"
    );
    assert!(matches!(
        client.send_update(&id, &body).await,
        Sent::Failed(ApiError::Config(_))
    ));
    assert!(client.create_channel(&body).await.is_err());
    assert!(server.requests(&Method::PUT, &id).is_empty());
    assert!(server.requests(&Method::POST, "/vpc-channels").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_full_put_always_carries_both_arrays() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 2);
    let client = Client::new(aksk_config(&server)).unwrap();
    let mut body = loaded_base(&client, &id).await;
    body.as_object_mut().unwrap().remove("member_groups");
    body["members"] = Value::Null;
    client.update_channel(&id, &body).await.unwrap();
    let put = &server.requests(&Method::PUT, &id)[0];
    let sent: Value = serde_json::from_slice(&put.body).unwrap();
    assert_eq!(sent["members"], json!([]));
    assert_eq!(sent["member_groups"], json!([]));
}
