//! Credentials, project and gateway scoping, unknown routes and the request id.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::sign::{SignRequest, format_sdk_date, sign};
use emulator_support::*;
use serde_json::{Value, json};

/// Send a request signed with `ak`/`sk` (and optionally a pinned X-Sdk-Date).
async fn signed(
    emu: &Emu,
    method: &str,
    tail: &str,
    body: Option<&Value>,
    sk: &str,
    date: Option<String>,
) -> Answer {
    let host = emu.handle.addr().to_string();
    let path = format!(
        "/v2/{PROJECT}/apigw/instances/{INSTANCE}{}",
        tail.split('?').next().unwrap()
    );
    let query: Vec<(String, String)> = tail
        .split_once('?')
        .map(|(_, q)| {
            q.split('&')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    (k.to_string(), v.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    let mut headers = vec![
        (
            "Content-Type".to_string(),
            if body.is_some() {
                "application/json;charset=utf-8"
            } else {
                "application/json"
            }
            .to_string(),
        ),
        ("X-Project-Id".to_string(), PROJECT.to_string()),
    ];
    if let Some(d) = date {
        headers.push(("X-Sdk-Date".to_string(), d));
    }
    let s = sign(
        &SignRequest {
            method,
            host: &host,
            path: &path,
            query: &query,
            headers: &headers,
            body: &bytes,
        },
        AK,
        sk,
    );
    let url = format!("{}{}", emu.handle.url(), s.request_target);
    let mut req = emu
        .http
        .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url);
    for (k, v) in &s.headers {
        if !k.eq_ignore_ascii_case("host") {
            req = req.header(k.as_str(), v.as_str());
        }
    }
    if body.is_some() {
        req = req.body(bytes);
    }
    Answer::read(req.send().await.unwrap()).await
}

#[tokio::test]
async fn token_must_match() {
    let emu = start_demo().await;
    assert_eq!(emu.get("/vpc-channels").await.status, 200);
    for headers in [vec![("X-Auth-Token", "wrong")], vec![]] {
        let a = emu.call_with("GET", "/vpc-channels", None, &headers).await;
        assert_eq!((a.status, a.code()), (401, "APIG.1002"));
        assert_eq!(a.msg(), "Incorrect token or token resolution failed");
        assert!(is_hex32(a.request_id()));
    }
    // Writes are refused too, and change nothing.
    let a = emu
        .call_with(
            "DELETE",
            &format!("/vpc-channels/{WEB}"),
            None,
            &[("X-Auth-Token", "wrong")],
        )
        .await;
    assert_eq!(a.status, 401);
    assert_eq!(emu.get(&format!("/vpc-channels/{WEB}")).await.status, 200);
    emu.stop().await;
}

#[tokio::test]
async fn aksk_signatures_are_verified() {
    let emu = start_demo().await;
    let a = signed(
        &emu,
        "GET",
        "/vpc-channels?limit=2&name=web",
        None,
        SK,
        None,
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.json["size"], 2);

    let body = fixture("request-server.json");
    let a = signed(
        &emu,
        "PUT",
        &format!("/vpc-channels/{WEB}"),
        Some(&body),
        SK,
        None,
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);

    let a = signed(&emu, "GET", "/vpc-channels", None, "not-the-secret", None).await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));

    // A stale X-Sdk-Date (20 minutes old) is refused even with the right key.
    let old = format_sdk_date(time::OffsetDateTime::now_utc() - time::Duration::minutes(20));
    let a = signed(&emu, "GET", "/vpc-channels", None, SK, Some(old)).await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));
    let recent = format_sdk_date(time::OffsetDateTime::now_utc() - time::Duration::minutes(5));
    let a = signed(&emu, "GET", "/vpc-channels", None, SK, Some(recent)).await;
    assert_eq!(a.status, 200);

    // A signature over one body does not cover another.
    let host = emu.handle.addr().to_string();
    let path = format!("/v2/{PROJECT}/apigw/instances/{INSTANCE}/vpc-channels/{WEB}");
    let headers = vec![(
        "Content-Type".to_string(),
        "application/json;charset=utf-8".to_string(),
    )];
    let s = sign(
        &SignRequest {
            method: "PUT",
            host: &host,
            path: &path,
            query: &[],
            headers: &headers,
            body: b"{}",
        },
        AK,
        SK,
    );
    let mut req = emu.http.put(format!("{}{}", emu.handle.url(), path));
    for (k, v) in &s.headers {
        if !k.eq_ignore_ascii_case("host") {
            req = req.header(k.as_str(), v.as_str());
        }
    }
    let resp = req.body(body.to_string()).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    emu.stop().await;
}

#[tokio::test]
async fn project_and_gateway_must_be_the_served_ones() {
    let emu = start_demo().await;
    let root = emu.handle.url();
    let a = emu
        .raw(
            "GET",
            &format!(
                "{root}/v2/{PROJECT}/apigw/instances/ffffffffffffffffffffffffffffffff/vpc-channels"
            ),
            None,
            &[("X-Auth-Token", TOKEN)],
        )
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.3030"));
    let a = emu
        .raw(
            "GET",
            &format!(
                "{root}/v2/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/apigw/instances/{INSTANCE}/vpc-channels"
            ),
            None,
            &[("X-Auth-Token", TOKEN)],
        )
        .await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));
    let a = emu
        .call_with(
            "GET",
            "/vpc-channels",
            None,
            &[("X-Auth-Token", TOKEN), ("X-Project-Id", "another")],
        )
        .await;
    assert_eq!((a.status, a.code()), (401, "APIG.1002"));
    let a = emu
        .call_with(
            "GET",
            "/vpc-channels",
            None,
            &[("X-Auth-Token", TOKEN), ("X-Project-Id", PROJECT)],
        )
        .await;
    assert_eq!(a.status, 200);
    emu.stop().await;
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_apig_0101() {
    let emu = start_demo().await;
    let a = emu.get("/vpc-channelz").await;
    assert_eq!((a.status, a.code()), (404, "APIG.0101"));
    let a = emu
        .call("PATCH", &format!("/vpc-channels/{WEB}"), Some(&json!({})))
        .await;
    assert_eq!((a.status, a.code()), (404, "APIG.0101"));
    assert!(is_hex32(a.request_id()));
    emu.stop().await;
}

#[tokio::test]
async fn every_answer_has_its_own_request_id() {
    let emu = start_demo().await;
    let a = emu.get("/vpc-channels").await;
    let b = emu.get("/vpc-channels").await;
    assert!(is_hex32(a.request_id()) && is_hex32(b.request_id()));
    assert_ne!(a.request_id(), b.request_id());
    emu.stop().await;
}

#[tokio::test]
async fn without_credentials_configured_everyone_is_let_in() {
    let cfg = chanedit::emulator::EmulatorConfig::new(
        PROJECT,
        INSTANCE,
        chanedit::emulator::State::demo().unwrap(),
    );
    let emu = start(cfg).await;
    let a = emu.call_with("GET", "/vpc-channels", None, &[]).await;
    assert_eq!(a.status, 200);
    emu.stop().await;
}
