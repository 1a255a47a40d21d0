#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chanedit::diff::{LineKind, diff};
use serde_json::{Value, json};

fn body(members: Value) -> Value {
    json!({"name": "chan", "port": 80, "member_type": "ip", "members": members})
}

#[test]
fn colour_only_when_asked_and_signs_either_way() {
    let a = body(json!([{"host": "10.0.0.1", "weight": 1}, {"host": "10.0.0.2"}]));
    let b = body(json!([{"host": "10.0.0.1", "weight": 2}, {"host": "10.0.0.3"}]));
    let d = diff(&a, &b);
    let plain = d.render(false);
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert_eq!(
        plain,
        "members (2)\n\
         ~ member 10.0.0.1:80: weight 1 -> 2\n\
         + member 10.0.0.3:80: is_backup false, status 1\n\
         - member 10.0.0.2:80: is_backup false, status 1\n\
         1 changed, 1 added, 1 removed\n"
    );
    let coloured = d.render(true);
    assert!(
        coloured.contains("\x1b[32m+ member 10.0.0.3:80"),
        "{coloured:?}"
    );
    assert!(
        coloured.contains("\x1b[31m- member 10.0.0.2:80"),
        "{coloured:?}"
    );
    assert!(
        coloured.contains("\x1b[33m~ member 10.0.0.1:80"),
        "{coloured:?}"
    );
    assert_eq!(coloured.matches("\x1b[0m").count(), 4);
}

#[test]
fn line_kinds_follow_the_change() {
    let a = body(json!([{"host": "10.0.0.1", "weight": 1}, {"host": "10.0.0.2"}]));
    let b = body(json!([{"host": "10.0.0.1", "weight": 2}, {"host": "10.0.0.3"}]));
    let kinds: Vec<LineKind> = diff(&a, &b).lines().iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            LineKind::Header,
            LineKind::Changed,
            LineKind::Added,
            LineKind::Removed
        ]
    );
}

#[test]
fn a_field_dropped_from_a_member_reads_unset() {
    let a = body(json!([{"host": "10.0.0.1", "weight": 1}]));
    let b = body(json!([{"host": "10.0.0.1"}]));
    let text = diff(&a, &b).render(false);
    assert!(
        text.contains("~ member 10.0.0.1:80: weight 1 -> (unset)"),
        "{text}"
    );
}

#[test]
fn strings_with_spaces_are_quoted() {
    let mut a = body(json!([]));
    a["member_groups"] = json!([{"member_group_name": "g1", "member_group_remark": "old"}]);
    let mut b = a.clone();
    b["member_groups"][0]["member_group_remark"] = json!("two words");
    let text = diff(&a, &b).render(false);
    assert!(
        text.contains(r#"~ group g1: member_group_remark old -> "two words""#),
        "{text}"
    );
}

#[test]
fn hostile_strings_cannot_reach_the_terminal() {
    let a = body(json!([]));
    let b = body(json!([{"host": "evil\u{1b}]0;pwned\u{7}\u{1b}[2J", "weight": 1}]));
    let mut c = a.clone();
    c["name\u{1b}[31m"] = json!("x\r\ny");
    for d in [diff(&a, &b), diff(&a, &c), diff(&b, &a)] {
        let text = d.render(false);
        assert!(
            !text.chars().any(|ch| ch.is_control() && ch != '\n'),
            "{text:?}"
        );
        for line in d.lines() {
            assert!(!line.text.chars().any(char::is_control), "{:?}", line.text);
        }
    }
}

#[test]
fn secrets_are_never_shown() {
    let nacos = |password: &str| {
        json!({"name": "chan", "port": 80, "vpc_channel_type": "microservice",
            "microservice_info": {"service_type": "NACOS", "nacos_info": {
                "namespace": "ns", "service_name": "svc",
                "user_info": {"user_name": "nacos", "password": password}}}})
    };
    let changed = diff(&nacos("hunter2"), &nacos("s3cret!"));
    let text = changed.render(false);
    assert!(
        text.contains("~ microservice_info.nacos_info.user_info.password: *** -> ***"),
        "{text}"
    );
    let added = diff(&json!({"name": "chan", "port": 80}), &nacos("s3cret!"));
    for d in [changed, added] {
        let text = d.render(true);
        assert!(
            !text.contains("hunter2") && !text.contains("s3cret"),
            "{text}"
        );
    }
}

#[test]
fn summary_line_closes_the_text() {
    let a = body(json!([{"host": "10.0.0.1"}]));
    let mut b = a.clone();
    b["port"] = json!(81);
    b["members"][0]["port"] = json!(80);
    let text = diff(&a, &b).render(false);
    assert_eq!(
        text,
        "channel\n~ port: 80 -> 81\n1 changed, 0 added, 0 removed\n"
    );
}
