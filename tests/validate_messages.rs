//! What a user reads: message wording, order, display form, and that secrets stay out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod validate_support;

use chanedit::validate::{Severity, validate};
use serde_json::json;
use validate_support::*;

fn message_at(body: &serde_json::Value, path: &str) -> String {
    let diags = validate(body);
    diags
        .iter()
        .find(|d| d.path == path)
        .map(|d| d.to_string())
        .unwrap_or_else(|| panic!("no diagnostic at {path}: {diags:#?}"))
}

#[test]
fn messages_state_what_is_allowed_and_what_was_given() {
    let b = put(server(), "/members/0/weight", json!(20000));
    assert_eq!(
        message_at(&b, "members[0].weight"),
        "error members[0].weight: must be 0..10000; got 20000"
    );
    let b = put(server(), "/vpc_health_config/timeout", json!(20));
    assert_eq!(
        message_at(&b, "vpc_health_config.timeout"),
        "error vpc_health_config.timeout: must be less than time_interval (10); got 20"
    );
    let b = put(server(), "/port", json!("80"));
    assert_eq!(
        message_at(&b, "port"),
        "error port: expected integer, got string"
    );
    let b = put(server(), "/balance_strategy", json!(7));
    assert_eq!(
        message_at(&b, "balance_strategy"),
        "error balance_strategy: must be one of 1 (WRR), 2 (WLC), 3 (SH), 4 (URI); got 7"
    );
    let b = put(server(), "/name", json!("ab"));
    assert_eq!(
        message_at(&b, "name"),
        "error name: must be 3..64 characters; got 2"
    );
    let b = put(server(), "/members/1/member_group_name", json!("nope"));
    assert_eq!(
        message_at(&b, "members[1].member_group_name"),
        "error members[1].member_group_name: must name a group in member_groups (known: \
         `blue`, `green`, `spare`); got `nope`"
    );
    let b = json!("just a string");
    assert_eq!(
        message_at(&b, ""),
        "error (body): expected object, got string"
    );
}

#[test]
fn unknown_fields_suggest_the_near_name() {
    let b = put(server(), "/members/0/wieght", json!(1));
    assert_eq!(
        message_at(&b, "members[0].wieght"),
        "warning members[0].wieght: unknown field; did you mean `weight`?"
    );
    let b = put(server(), "/vpc_health_config/Timeout", json!(1));
    assert!(message_at(&b, "vpc_health_config.Timeout").ends_with("did you mean `timeout`?"));
    // Nothing close: the known names are listed instead.
    let b = put(server(), "/members/0/zone", json!("az1"));
    let m = message_at(&b, "members[0].zone");
    assert!(m.contains("unknown field") && m.contains("host"), "{m}");
    assert!(!m.contains("did you mean"), "{m}");
}

#[test]
fn duplicates_name_the_first_occurrence() {
    let mut b = server();
    b["members"]
        .as_array_mut()
        .unwrap()
        .push(json!({"host": "10.0.0.2", "member_group_name": "green", "port": 80}));
    assert_eq!(
        message_at(&b, "members[2]"),
        "error members[2]: same address as members[1] (group `green`, `10.0.0.2`, port 80, \
         the channel port); the server keeps only the first"
    );
    let b = put(
        server(),
        "/member_groups/2/member_group_name",
        json!("blue"),
    );
    let m = message_at(&b, "member_groups[2].member_group_name");
    assert!(m.contains("member_groups[0]"), "{m}");
}

#[test]
fn errors_come_first_then_paths_with_numeric_indices() {
    let mut b = server();
    let members: Vec<serde_json::Value> = (0..12)
        .map(|i| json!({"host": format!("10.1.0.{i}"), "member_group_name": "blue"}))
        .collect();
    b["members"] = json!(members);
    b["members"][10]["weight"] = json!(-1);
    b["members"][2]["weight"] = json!(-1);
    b["members"][3]["wieght"] = json!(1);
    b["extra_field"] = json!(true);
    b["vpc_health_config"]["threshold_normal"] = json!(1); // below the console's range
    let got: Vec<(String, Severity)> = validate(&b)
        .into_iter()
        .map(|d| (d.path, d.severity))
        .collect();
    let want = [
        ("members[2].weight", Severity::Error),
        ("members[10].weight", Severity::Error),
        ("extra_field", Severity::Warning),
        ("members[3].wieght", Severity::Warning),
        ("vpc_health_config.threshold_normal", Severity::Warning),
    ];
    let want: Vec<(String, Severity)> = want.iter().map(|(p, s)| (p.to_string(), *s)).collect();
    assert_eq!(got, want);
}

#[test]
fn the_nacos_password_never_appears_in_a_message() {
    let secret = "hunter2-".repeat(10); // 80 characters: too long, so it is reported
    let mut b = put(
        nacos(),
        "/microservice_info/nacos_info/user_info/password",
        json!(secret),
    );
    b["microservice_info"]["nacos_info"]["user_info"]["passwrd"] = json!(secret);
    let diags = validate(&b);
    let password_at = "microservice_info.nacos_info.user_info.password";
    assert!(
        diags
            .iter()
            .any(|d| d.path == password_at && d.code == "length"),
        "{diags:#?}"
    );
    for d in &diags {
        assert!(!d.to_string().contains("hunter2"), "{d}");
    }
}

#[test]
fn values_from_the_file_are_shortened_and_made_terminal_safe() {
    let b = put(
        server(),
        "/member_type",
        json!(format!("\x1b[2J{}", "x".repeat(200))),
    );
    let m = message_at(&b, "member_type");
    assert!(!m.chars().any(|c| c.is_control()), "{m:?}");
    assert!(m.chars().count() < 120, "{m}");
}

#[test]
fn a_body_of_ten_thousand_members_reports_each_problem_once() {
    let mut b = server();
    let members: Vec<serde_json::Value> = (0..10_000)
        .map(|i| {
            json!({"host": format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
            "weight": 1, "member_group_name": "blue"})
        })
        .collect();
    b["members"] = json!(members);
    assert!(validate(&b).is_empty());
    b["members"][9999] = b["members"][0].clone();
    b["members"][5000]["port"] = json!(70000);
    let got = summary(&validate(&b));
    assert_eq!(
        got,
        vec![
            ("members[5000].port".to_string(), Severity::Error, "range"),
            (
                "members[9999]".to_string(),
                Severity::Error,
                "duplicate_member"
            ),
        ]
    );
}
