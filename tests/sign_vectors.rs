//! Every signing vector made by the official SDK (tests/fixtures/aksk-signing.json) through
//! `sign::sign`, and every signed case back through `sign::verify`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::sign::{self, SignRequest, VerifyError};
use serde_json::Value;

const SDK_UA_PREFIX: &str = "huaweicloud-usdk-python/3.0; ";

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/aksk-signing.json"
    ))
    .unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn opt(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// The headers the SDK's client and credentials layers put on a request before the signer
/// runs, in the SDK's order.
fn headers_before_signing(input: &Value) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    if input["layer"] == "client" {
        let method = input["method"].as_str().unwrap();
        let ct = if matches!(method, "PUT" | "POST") && !s(&input["body"]).is_empty() {
            "application/json;charset=utf-8"
        } else {
            "application/json"
        };
        headers.push(("Content-Type".into(), ct.into()));
    }
    for (k, v) in input["headers"].as_object().unwrap() {
        headers.push((k.clone(), s(v)));
    }
    if input["layer"] == "client" {
        let ua = format!(
            "{SDK_UA_PREFIX}{}",
            input["http_config_user_agent"].as_str().unwrap()
        );
        headers.push(("User-Agent".into(), ua));
    }
    if let Some(p) = opt(&input["project_id"]) {
        headers.push(("X-Project-Id".into(), p));
    }
    if let Some(d) = opt(&input["domain_id"]) {
        headers.push(("X-Domain-Id".into(), d));
    }
    if let Some(t) = opt(&input["security_token"]) {
        headers.push(("X-Security-Token".into(), t));
    }
    headers
}

fn query(input: &Value) -> Vec<(String, String)> {
    input["query"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (s(&p[0]), s(&p[1])))
        .collect()
}

fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.sort();
    v
}

fn signed_case(case: &Value) -> (sign::Signed, Vec<(String, String)>) {
    let input = &case["input"];
    let headers = headers_before_signing(input);
    let q = query(input);
    let body = s(&input["body"]);
    let req = SignRequest {
        method: input["method"].as_str().unwrap(),
        host: input["host"].as_str().unwrap(),
        path: input["path"].as_str().unwrap(),
        query: &q,
        headers: &headers,
        body: body.as_bytes(),
    };
    let signed = sign::sign(
        &req,
        input["ak"].as_str().unwrap(),
        input["sk"].as_str().unwrap(),
    );
    (signed, q)
}

#[test]
fn every_vector_signs_exactly_as_the_sdk() {
    let cases = cases();
    assert!(cases.len() >= 20, "expected the full vector set");
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let out = &case["output"];
        let (signed, q) = signed_case(case);
        let fields = [
            (
                "canonical_uri",
                sign::canonical_uri(input["path"].as_str().unwrap()),
            ),
            ("canonical_query_string", sign::canonical_query(&q)),
            ("payload_hash", signed.payload_hash.clone()),
            ("canonical_request", signed.canonical_request.clone()),
            ("string_to_sign", signed.string_to_sign.clone()),
            ("signature", signed.signature.clone()),
            ("signed_headers", signed.signed_headers.clone()),
            ("authorization", signed.authorization.clone()),
            ("request_target", signed.request_target.clone()),
        ];
        for (key, actual) in fields {
            assert_eq!(actual, out[key].as_str().unwrap(), "{name}: {key}");
        }
        let expected_headers: Vec<(String, String)> = out["headers_final"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (s(&h[0]), s(&h[1])))
            .collect();
        assert_eq!(
            sorted(signed.headers.clone()),
            sorted(expected_headers),
            "{name}: headers on the wire"
        );
    }
}

fn header_map(headers: &[(String, String)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        map.append(
            http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            http::HeaderValue::from_bytes(v.as_bytes()).unwrap(),
        );
    }
    map
}

fn split_target(target: &str) -> (&str, &str) {
    target.split_once('?').unwrap_or((target, ""))
}

#[test]
fn verify_accepts_every_signed_vector_and_rejects_tampering() {
    for case in &cases() {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let (signed, _) = signed_case(case);
        let (path, raw_query) = split_target(&signed.request_target);
        let body = s(&input["body"]);
        let ak = input["ak"].as_str().unwrap();
        let sk = input["sk"].as_str().unwrap().to_string();
        let now = sign::parse_sdk_date(input["x_sdk_date"].as_str().unwrap()).unwrap();
        let map = header_map(&signed.headers);
        let method = input["method"].as_str().unwrap();
        let lookup = |a: &str| (a == ak).then(|| sk.clone());

        // The method and the signed headers stay fixed; each check below changes one input.
        let verify =
            |path: &str, query: &str, body: &[u8], sk: &dyn Fn(&str) -> Option<String>, now| {
                sign::verify_at(method, path, query, &map, body, sk, now)
            };
        let ok = verify(path, raw_query, body.as_bytes(), &lookup, now);
        assert_eq!(ok.as_deref(), Ok(ak), "{name}: verify");

        let wrong_sk = |_: &str| Some("not-the-secret".to_string());
        assert_eq!(
            verify(path, raw_query, body.as_bytes(), &wrong_sk, now),
            Err(VerifyError::SignatureMismatch),
            "{name}: wrong sk"
        );

        let tampered_query = if raw_query.is_empty() {
            "extra=1".to_string()
        } else {
            format!("{raw_query}&extra=1")
        };
        assert_eq!(
            verify(path, &tampered_query, body.as_bytes(), &lookup, now),
            Err(VerifyError::SignatureMismatch),
            "{name}: tampered query"
        );

        let tampered_path = format!("{path}x");
        assert_eq!(
            verify(&tampered_path, raw_query, body.as_bytes(), &lookup, now),
            Err(VerifyError::SignatureMismatch),
            "{name}: tampered path"
        );

        // An unsigned payload is not covered by the signature, by design of the protocol.
        if signed.payload_hash != sign::UNSIGNED_PAYLOAD {
            let tampered_body = format!("{body} ");
            assert_eq!(
                verify(path, raw_query, tampered_body.as_bytes(), &lookup, now),
                Err(VerifyError::SignatureMismatch),
                "{name}: tampered body"
            );
        }

        let late = now + time::Duration::minutes(16);
        assert_eq!(
            verify(path, raw_query, body.as_bytes(), &lookup, late),
            Err(VerifyError::ClockSkew),
            "{name}: clock skew"
        );
        let within = now - time::Duration::minutes(14);
        assert!(
            verify(path, raw_query, body.as_bytes(), &lookup, within).is_ok(),
            "{name}: 14 minutes of skew is accepted"
        );
    }
}

#[test]
fn verify_names_what_is_missing() {
    let case = &cases()[0];
    let input = &case["input"];
    let (signed, _) = signed_case(case);
    let (path, q) = split_target(&signed.request_target);
    let now = sign::parse_sdk_date(input["x_sdk_date"].as_str().unwrap()).unwrap();
    let any = |_: &str| Some(input["sk"].as_str().unwrap().to_string());

    let mut no_auth = signed.headers.clone();
    no_auth.retain(|(k, _)| k != "Authorization");
    assert_eq!(
        sign::verify_at("GET", path, q, &no_auth, b"", any, now),
        Err(VerifyError::MissingAuthorization)
    );

    let mut no_host = signed.headers.clone();
    no_host.retain(|(k, _)| k != "Host");
    assert_eq!(
        sign::verify_at("GET", path, q, &no_host, b"", any, now),
        Err(VerifyError::MissingSignedHeader("host".into()))
    );

    let mut bad_date = signed.headers.clone();
    for (k, v) in &mut bad_date {
        if k == "X-Sdk-Date" {
            *v = "yesterday".into();
        }
    }
    assert_eq!(
        sign::verify_at("GET", path, q, &bad_date, b"", any, now),
        Err(VerifyError::BadDate)
    );

    let nobody = |_: &str| None;
    assert_eq!(
        sign::verify_at("GET", path, q, &signed.headers, b"", nobody, now),
        Err(VerifyError::UnknownAccessKey)
    );

    // A request signed just now passes the real-clock check.
    let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    let req = SignRequest {
        method: "GET",
        host: "127.0.0.1:1",
        path: "/v2/p/x",
        query: &[],
        headers: &headers,
        body: b"",
    };
    let fresh = sign::sign(&req, "AK", "SK");
    let sk = |_: &str| Some("SK".to_string());
    assert_eq!(
        sign::verify("GET", "/v2/p/x", "", &fresh.headers, b"", sk).as_deref(),
        Ok("AK")
    );
}

/// The client-layer vectors again, this time through the headers chanedit's own client
/// builds (`api::auth::prepare`), so the client sends exactly what the SDK sends.
#[test]
fn client_layer_vectors_match_the_api_client_headers() {
    use chanedit::api::auth::{Outgoing, RequestCredential, prepare};
    let mut seen = 0;
    for case in cases().iter().filter(|c| c["input"]["layer"] == "client") {
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let out = &case["output"];
        let q = query(input);
        let body = s(&input["body"]);
        let ua = format!(
            "{SDK_UA_PREFIX}{}",
            input["http_config_user_agent"].as_str().unwrap()
        );
        let project = opt(&input["project_id"]);
        let token = opt(&input["security_token"]);
        let prepared = prepare(
            &Outgoing {
                method: input["method"].as_str().unwrap(),
                host: input["host"].as_str().unwrap(),
                path: input["path"].as_str().unwrap(),
                query: &q,
                body: (!body.is_empty()).then_some(body.as_bytes()),
                project_id: project.as_deref(),
                user_agent: &ua,
                sdk_date: input["x_sdk_date"].as_str(),
            },
            RequestCredential::AkSk {
                ak: input["ak"].as_str().unwrap(),
                sk: input["sk"].as_str().unwrap(),
                security_token: token.as_deref(),
            },
        );
        assert_eq!(
            prepared.target,
            out["request_target"].as_str().unwrap(),
            "{name}"
        );
        let expected: Vec<(String, String)> = out["headers_final"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (s(&h[0]), s(&h[1])))
            .collect();
        assert_eq!(sorted(prepared.headers), sorted(expected), "{name}");
    }
    assert!(seen >= 4, "the client-layer vectors are present");
}
