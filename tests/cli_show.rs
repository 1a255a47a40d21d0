//! `list` and `show` as a user runs them: the real binary, credentials in the official SDK's
//! environment variables, against a loopback server that verifies every signature.

mod support;

use axum::http::Method;
use chanedit::model::VpcChannel;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_json_prints_every_member_and_parses_back_into_the_model() {
    let server = TestServer::start().await;
    let id = server.add_channel("big_channel", 1200);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), SK, &["show", &id, "--json"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let channel: VpcChannel = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(channel.id.as_deref(), Some(id.as_str()));
    assert_eq!(channel.name.as_deref(), Some("big_channel"));
    let members = channel.members.unwrap();
    assert_eq!(members.len(), 1200);
    assert_eq!(members[1199].host.as_deref(), Some("10.0.4.175"));
    assert!(channel.vpc_health_config.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_prints_a_readable_channel() {
    let server = TestServer::start().await;
    let id = server.add_channel("web", 12);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), SK, &["show", &id], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("name          web"), "{out}");
    assert!(out.contains("balance       2 (WLC)"), "{out}");
    assert!(
        out.contains("HTTP GET /health port 8080, http codes 200"),
        "{out}"
    );
    assert!(out.contains("groups (2)"), "{out}");
    assert!(out.contains("members (12)"), "{out}");
    let header = out.lines().find(|l| l.starts_with("HOST")).unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        [
            "HOST", "PORT", "WEIGHT", "GROUP", "BACKUP", "STATUS", "HEALTH"
        ]
    );
    let row = out.lines().find(|l| l.starts_with("10.0.0.9 ")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        [
            "10.0.0.9",
            "8080*",
            "5",
            "group1",
            "yes",
            "1",
            "(enabled)",
            "healthy"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_shows_a_table_and_json() {
    let server = TestServer::start().await;
    let a = server.add_channel("alpha", 1);
    server.add_channel("beta", 1);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), SK, &["list"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.stdout.lines().find(|l| l.starts_with("alpha")).unwrap();
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        [
            "alpha",
            a.as_str(),
            "builtin",
            "ip",
            "8080",
            "WLC",
            "normal"
        ]
    );
    let run = chanedit(
        &server,
        home.path(),
        SK,
        &["list", "--json", "--name", "bet"],
        "",
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["vpc_channels"].as_array().unwrap().len(), 1);
    assert_eq!(v["vpc_channels"][0]["name"], "beta");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_secret_key_exits_1_with_apig_1002() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 1);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(
        &server,
        home.path(),
        "wrong-secret",
        &["show", &id, "--json"],
        "",
    )
    .await;
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("error: APIG.1002 (401): Incorrect IAM authentication information"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("[request id req-401-"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("wrong-secret"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_configuration_is_a_usage_error() {
    let server = TestServer::start().await;
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), "", &["list"], "").await;
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_standard_proxy_variables_are_honoured() {
    let server = TestServer::start().await;
    let id = server.add_channel("behind_proxy", 3);
    let home = tempfile::tempdir().unwrap();
    // The endpoint's host does not resolve: only the proxy (our server) can answer.
    let proxy = server.endpoint();
    let run = chanedit_via(
        "http://apig.example.invalid",
        &[("HTTP_PROXY", &proxy), ("NO_PROXY", "")],
        home.path(),
        SK,
        &["show", &id, "--json"],
        "",
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let get = &server.requests(&Method::GET, &id)[0];
    assert_eq!(get.headers["host"], "apig.example.invalid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insecure_warns_and_a_bad_ca_file_is_refused() {
    let server = TestServer::start().await;
    server.add_channel("alpha", 1);
    let home = tempfile::tempdir().unwrap();
    let run = chanedit(&server, home.path(), SK, &["--insecure", "list"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning: --insecure"), "{}", run.stderr);

    let missing = home.path().join("missing.pem");
    let run = chanedit(
        &server,
        home.path(),
        SK,
        &["--ca-cert", missing.to_str().unwrap(), "list"],
        "",
    )
    .await;
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read the CA file"),
        "{}",
        run.stderr
    );

    let not_pem = home.path().join("not.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let run = chanedit(
        &server,
        home.path(),
        SK,
        &["--ca-cert", not_pem.to_str().unwrap(), "list"],
        "",
    )
    .await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("PEM"), "{}", run.stderr);
}

#[test]
fn show_never_prints_the_nacos_password() {
    let home = tempfile::tempdir().unwrap();
    let nacos = "8b9c0d1e2f3a44b6c7d8e9f0a1b2c3d4"; // catalog_nacos in the demo data
    for json in [true, false] {
        let mut cmd = support::process::chanedit(home.path());
        cmd.args(["--demo", "show", nacos]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("catalog_nacos"), "{text}");
        assert!(
            !text.contains("demo-not-a-secret"),
            "password printed:\n{text}"
        );
        if json {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v["microservice_info"]["nacos_info"]["user_info"]["password"],
                "***"
            );
        }
    }
}
