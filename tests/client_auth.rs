//! The client against a loopback server that checks every signature and token.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use axum::http::Method;
use chanedit::api::{ApiError, Auth, Client};
use support::*;

#[tokio::test]
async fn aksk_requests_carry_the_sdk_headers_and_pass_verification() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 3);
    let client = Client::new(aksk_config(&server)).unwrap();
    let channels = client.list_channels(None).await.unwrap();
    assert_eq!(channels.len(), 1);
    assert_eq!(channels[0].id.as_deref(), Some(id.as_str()));

    let get = &server.requests(&Method::GET, "/vpc-channels")[0];
    assert_eq!(get.headers["content-type"], "application/json");
    assert_eq!(get.headers["x-project-id"], PROJECT);
    assert!(get.headers.contains_key("x-sdk-date"));
    let auth = get.headers["authorization"].to_str().unwrap();
    assert!(
        auth.starts_with(&format!("SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=")),
        "{auth}"
    );
    // The query goes out in canonical form.
    assert_eq!(get.query, "limit=500&offset=0");
}

#[tokio::test]
async fn a_wrong_secret_key_is_refused_with_apig_1002() {
    let server = TestServer::start().await;
    server.add_channel("alpha", 1);
    let mut cfg = aksk_config(&server);
    cfg.auth = Auth::AkSk {
        ak: AK.into(),
        sk: "wrong-secret".into(),
        security_token: None,
    };
    let err = Client::new(cfg)
        .unwrap()
        .list_channels(None)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.error_code(), Some("APIG.1002"));
    assert!(err.request_id().is_some_and(|r| r.starts_with("req-401")));
    // Not retried: a 401 will not get better.
    assert_eq!(server.requests(&Method::GET, "/vpc-channels").len(), 1);
}

#[tokio::test]
async fn temporary_credentials_sign_the_security_token() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 2);
    let mut cfg = aksk_config(&server);
    cfg.auth = Auth::AkSk {
        ak: AK.into(),
        sk: SK.into(),
        security_token: Some("sec-token-+/==".into()),
    };
    Client::new(cfg).unwrap().get_channel(&id).await.unwrap();
    let req = &server.requests(&Method::GET, &id)[0];
    assert_eq!(req.headers["x-security-token"], "sec-token-+/==");
    let auth = req.headers["authorization"].to_str().unwrap();
    assert!(auth.contains("x-sdk-date;x-security-token"), "{auth}");
}

#[tokio::test]
async fn a_given_token_is_sent_as_x_auth_token_without_signing() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 2);
    let mut cfg = aksk_config(&server);
    cfg.auth = Auth::Token(TOKEN.into());
    Client::new(cfg.clone())
        .unwrap()
        .get_channel(&id)
        .await
        .unwrap();
    let req = &server.requests(&Method::GET, &id)[0];
    assert_eq!(req.headers["x-auth-token"], TOKEN);
    assert!(!req.headers.contains_key("authorization"));

    cfg.auth = Auth::Token("stale".into());
    let err = Client::new(cfg)
        .unwrap()
        .get_channel(&id)
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.1002"));
}

fn password_config(server: &TestServer, password: &str) -> chanedit::api::ClientConfig {
    let mut cfg = aksk_config(server);
    cfg.project_id = String::new();
    cfg.auth = Auth::Password {
        iam_endpoint: server.endpoint(),
        user_name: USER.into(),
        password: password.into(),
        domain_name: DOMAIN.into(),
        project_name: Some("cn-north-4".into()),
    };
    cfg
}

#[tokio::test]
async fn password_login_gets_a_project_token_once_and_reuses_it() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 2);
    let client = Client::new(password_config(&server, PASSWORD)).unwrap();
    client.get_channel(&id).await.unwrap();
    client.list_channels(None).await.unwrap();
    assert_eq!(server.requests(&Method::POST, "/v3/auth/tokens").len(), 1);
    let login = &server.requests(&Method::POST, "/v3/auth/tokens")[0];
    let body: serde_json::Value = serde_json::from_slice(&login.body).unwrap();
    assert_eq!(body["auth"]["scope"]["project"]["name"], "cn-north-4");
    // The project id learnt from the token fills the path and the header.
    let get = &server.requests(&Method::GET, &id)[0];
    assert_eq!(get.headers["x-auth-token"], "iam-token-1");
    assert_eq!(get.headers["x-project-id"], PROJECT);
}

#[tokio::test]
async fn a_token_near_expiry_is_renewed() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    // A short-lived token still serves for half its life.
    server.inner().token_lifetime = time::Duration::minutes(5);
    let client = Client::new(password_config(&server, PASSWORD)).unwrap();
    client.get_channel(&id).await.unwrap();
    client.get_channel(&id).await.unwrap();
    assert_eq!(server.requests(&Method::POST, "/v3/auth/tokens").len(), 1);

    // One that is already spent when it arrives is replaced for the next call.
    server.inner().token_lifetime = time::Duration::ZERO;
    let client = Client::new(password_config(&server, PASSWORD)).unwrap();
    client.get_channel(&id).await.unwrap();
    let logins = server.requests(&Method::POST, "/v3/auth/tokens").len();
    client.get_channel(&id).await.unwrap();
    assert!(server.requests(&Method::POST, "/v3/auth/tokens").len() > logins);
    let last = server.requests(&Method::GET, &id).pop().unwrap();
    assert_ne!(last.headers["x-auth-token"], "iam-token-1");
}

#[tokio::test]
async fn a_wrong_password_shows_the_iam_error() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    let err = Client::new(password_config(&server, "nope"))
        .unwrap()
        .get_channel(&id)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::Service { error_code, .. } if error_code == "IAM.0001"),
        "{err}"
    );
    assert!(!err.to_string().contains("nope"));
}
