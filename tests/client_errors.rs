//! Error answers of every shape, slow and dropped answers, and the retry rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use axum::http::Method;
use chanedit::api::{ApiError, Client};
use support::*;

fn html_502() -> Fault {
    Fault::Answer {
        status: 502,
        content_type: "text/html",
        body: "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>"
            .into(),
    }
}

#[tokio::test]
async fn apig_error_bodies_from_the_api_reference_are_read() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    let client = Client::new(aksk_config(&server)).unwrap();
    for (status, file) in [
        (400, "error-400.json"),
        (401, "error-401.json"),
        (403, "error-403.json"),
        (404, "error-404.json"),
    ] {
        let body = std::fs::read_to_string(format!(
            "{}/tests/fixtures/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let expected: serde_json::Value = serde_json::from_str(&body).unwrap();
        server.fault(Method::GET, &id, 1, Fault::json(status, body));
        let err = client.get_channel(&id).await.unwrap_err();
        assert_eq!(err.status(), Some(status), "{file}");
        assert_eq!(err.error_code(), expected["error_code"].as_str(), "{file}");
        assert_eq!(err.error_msg(), expected["error_msg"].as_str(), "{file}");
    }
}

#[tokio::test]
async fn an_unknown_channel_is_apig_3023() {
    let server = TestServer::start().await;
    let client = Client::new(aksk_config(&server)).unwrap();
    let err = client.get_channel("nope").await.unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.3023"));
    assert!(
        err.to_string()
            .starts_with("APIG.3023 (404): The VPC channel does not exist"),
        "{err}"
    );
}

#[tokio::test]
async fn an_html_page_gives_status_and_excerpt_after_three_tries() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    server.fault(Method::GET, &id, 10, html_502());
    let client = Client::new(aksk_config(&server)).unwrap();
    let err = client.get_channel(&id).await.unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("HTTP 502 Bad Gateway"), "{text}");
    assert!(text.contains("<title>502 Bad Gateway</title>"), "{text}");
    assert!(!text.contains('\n'));
    assert_eq!(server.requests(&Method::GET, &id).len(), 3);
}

#[tokio::test]
async fn an_empty_502_is_explained() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    server.fault(
        Method::GET,
        &id,
        3,
        Fault::Answer {
            status: 502,
            content_type: "text/plain",
            body: String::new(),
        },
    );
    let err = Client::new(aksk_config(&server))
        .unwrap()
        .get_channel(&id)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("502") && err.to_string().contains("empty body"),
        "{err}"
    );
}

#[tokio::test]
async fn a_transient_failure_on_a_get_is_retried() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    server.fault(
        Method::GET,
        &id,
        1,
        Fault::json(
            429,
            r#"{"error_code":"APIG.1019","error_msg":"Too many requests"}"#,
        ),
    );
    server.fault(Method::GET, &id, 1, Fault::Drop);
    let client = Client::new(aksk_config(&server)).unwrap();
    let c = client.get_channel(&id).await.unwrap();
    assert_eq!(c.name.as_deref(), Some("alpha"));
    assert_eq!(server.requests(&Method::GET, &id).len(), 3);
}

#[tokio::test]
async fn a_throttled_request_is_backed_off_and_tried_up_to_eight_times_even_a_put() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 2);
    let client = Client::new(aksk_config(&server)).unwrap();
    let body = client.load_channel(&id).await.unwrap().base();
    let throttled = || {
        Fault::json(
            429,
            r#"{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached"}"#,
        )
    };
    // Throttled seven times, then let through: the eighth try lands.
    server.fault(Method::PUT, &id, 7, throttled());
    client.update_channel(&id, &body).await.unwrap();
    assert_eq!(server.requests(&Method::PUT, &id).len(), 8);

    server.fault(Method::PUT, &id, 8, throttled());
    let err = client.update_channel(&id, &body).await.unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.0308"));
    assert_eq!(
        server.requests(&Method::PUT, &id).len(),
        16,
        "eight tries, then the error"
    );
}

#[tokio::test]
async fn a_put_is_never_sent_twice_once_the_server_answered() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 2);
    let client = Client::new(aksk_config(&server)).unwrap();
    let body = client.load_channel(&id).await.unwrap().base();

    server.fault(
        Method::PUT,
        &id,
        1,
        Fault::json(
            503,
            r#"{"error_code":"APIG.9999","error_msg":"System error"}"#,
        ),
    );
    let err = client.update_channel(&id, &body).await.unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.9999"));
    assert_eq!(server.requests(&Method::PUT, &id).len(), 1);

    server.fault(Method::PUT, &id, 1, Fault::Drop);
    let err = client.update_channel(&id, &body).await.unwrap_err();
    assert!(matches!(err, ApiError::Transport { .. }), "{err}");
    assert_eq!(server.requests(&Method::PUT, &id).len(), 2);

    let put = &server.requests(&Method::PUT, &id)[0];
    assert_eq!(
        put.headers["content-type"],
        "application/json;charset=utf-8"
    );
}

#[tokio::test]
async fn a_slow_answer_times_out_without_retrying() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    server.fault(Method::GET, &id, 5, Fault::Delay(Duration::from_secs(30)));
    let mut cfg = aksk_config(&server);
    cfg.timeout = Duration::from_millis(300);
    let err = Client::new(cfg)
        .unwrap()
        .get_channel(&id)
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err}");
    assert!(err.to_string().contains("0.3 s"), "{err}");
    assert_eq!(server.requests(&Method::GET, &id).len(), 1);
}

#[tokio::test]
async fn nobody_listening_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let mut cfg = chanedit::api::ClientConfig::new(
        format!("http://{addr}"),
        PROJECT,
        INSTANCE,
        chanedit::api::Auth::Token(TOKEN.into()),
    );
    cfg.retry.base_delay = Duration::from_millis(1);
    let err = Client::new(cfg)
        .unwrap()
        .get_channel("x")
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Connect { .. }), "{err}");
}

#[tokio::test]
async fn success_bodies_of_the_wrong_shape_are_errors_not_panics() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    let client = Client::new(aksk_config(&server)).unwrap();
    for body in [
        "",
        "null",
        "[]",
        "{\"name\": 5}",
        "{\"members\": {}}",
        "{\"id\": \"x\"",
        "\u{1b}[2J<html>",
    ] {
        server.fault(Method::GET, &id, 1, Fault::json(200, body));
        let e = client.get_channel(&id).await.unwrap_err();
        assert!(
            matches!(e, ApiError::BadBody { status: 200, .. }),
            "{body:?}: {e}"
        );
        assert!(!e.to_string().chars().any(char::is_control), "{e}");
    }
}
