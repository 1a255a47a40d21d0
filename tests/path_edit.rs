#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chanedit::path::{PathError, parse, resolve_index_form};
use serde_json::{Value, json};

fn body() -> Value {
    json!({
        "name": "chan",
        "port": 80,
        "member_groups": [
            {"member_group_name": "test", "member_group_weight": 1},
            {"member_group_name": "other", "member_group_weight": 2}
        ],
        "members": [
            {"host": "192.168.0.5", "port": 80, "weight": 1, "member_group_name": "test"},
            {"host": "192.168.0.6", "port": "8080", "weight": 2},
            {"host": "192.168.0.7", "weight": 3, "member_group_name": ""},
            {"host": "a b", "weight": 4, "is_backup": true}
        ],
        "vpc_health_config": {"protocol": "TCP", "timeout": 5}
    })
}

fn p(text: &str) -> chanedit::path::Path {
    parse(text).unwrap()
}

#[test]
fn get_follows_keys_indexes_and_selectors() {
    let b = body();
    assert_eq!(p("vpc_health_config.timeout").get(&b), Some(&json!(5)));
    assert_eq!(p("members[1].weight").get(&b), Some(&json!(2)));
    assert_eq!(
        p("members[host=192.168.0.5].weight").get(&b),
        Some(&json!(1))
    );
    assert_eq!(
        p("member_groups[member_group_name=other].member_group_weight").get(&b),
        Some(&json!(2))
    );
    assert_eq!(p(r#"members[host="a b"].weight"#).get(&b), Some(&json!(4)));
    assert_eq!(p("members[2]").get(&b), Some(&b["members"][2]));
    assert_eq!(p("vpc_health_config.path").get(&b), None);
    assert_eq!(p("members[9]").get(&b), None);
}

#[test]
fn selectors_compare_numbers_and_strings_by_value() {
    let b = body();
    // 80 is a number in the body, "8080" a string: both match unquoted or quoted selectors.
    assert_eq!(p("members[port=80].weight").get(&b), Some(&json!(1)));
    assert_eq!(p(r#"members[port="80"].weight"#).get(&b), Some(&json!(1)));
    assert_eq!(p("members[port=8080].weight").get(&b), Some(&json!(2)));
    assert_eq!(p("members[is_backup=true].weight").get(&b), Some(&json!(4)));
    assert_eq!(p("members[port=80.0].weight").get(&b), Some(&json!(1)));
    // Strings compare exactly: an address is not a number.
    assert_eq!(p("members[port=8080.0].weight").get(&b), None);
    assert_eq!(p("members[host=192.168.0.05].weight").get(&b), None);
}

#[test]
fn ambiguous_selector_is_an_error_that_counts_matches() {
    let b = body();
    // members[2] has "" and members[1], members[3] have no group: three ungrouped members.
    let err = p("members[member_group_name=].weight")
        .try_get(&b)
        .unwrap_err();
    assert_eq!(
        err,
        PathError::Ambiguous {
            at: "members".into(),
            selector: "member_group_name=".into(),
            count: 3
        }
    );
    assert!(err.to_string().contains("matches 3 elements"), "{err}");
}

#[test]
fn set_replaces_existing_values() {
    let mut b = body();
    p("members[host=192.168.0.6].weight")
        .set(&mut b, json!(9))
        .unwrap();
    assert_eq!(b["members"][1]["weight"], 9);
    p("members[0]").set(&mut b, json!({"host": "h"})).unwrap();
    assert_eq!(b["members"][0], json!({"host": "h"}));
}

#[test]
fn set_creates_missing_object_keys() {
    let mut b = json!({"name": "x"});
    p("vpc_health_config.timeout")
        .set(&mut b, json!(8))
        .unwrap();
    assert_eq!(b["vpc_health_config"], json!({"timeout": 8}));
    p("members[0].weight").set(&mut b, json!(1)).unwrap_err();
    p("extra.deep.field").set(&mut b, json!("v")).unwrap();
    assert_eq!(b["extra"]["deep"]["field"], "v");
}

#[test]
fn set_keeps_field_order() {
    let mut b = json!({"a": 1, "b": 2, "c": 3});
    p("b").set(&mut b, json!(5)).unwrap();
    assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"a":1,"b":5,"c":3}"#);
}

#[test]
fn set_errors_name_what_is_wrong() {
    let mut b = body();
    let e = p("members[host=10.9.9.9].weight")
        .set(&mut b, json!(1))
        .unwrap_err();
    assert_eq!(e.to_string(), "members: no element matches [host=10.9.9.9]");
    let e = p("members[4].weight").set(&mut b, json!(1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "members: index 4 is out of range (4 elements)"
    );
    let e = p("name.first").set(&mut b, json!(1)).unwrap_err();
    assert_eq!(e.to_string(), "name: is a string, not an object");
    let e = p("port[0]").set(&mut b, json!(1)).unwrap_err();
    assert_eq!(e.to_string(), "port: is a number, not an array");
    assert_eq!(b, body(), "a failed set changes nothing");
}

#[test]
fn append_adds_to_an_array_and_creates_it() {
    let mut b = body();
    let at = p("members").append(&mut b, json!({"host": "h"})).unwrap();
    assert_eq!(at, 4);
    assert_eq!(b["members"][4]["host"], "h");
    let mut empty = json!({});
    assert_eq!(p("members").append(&mut empty, json!(1)).unwrap(), 0);
    assert_eq!(empty, json!({"members": [1]}));
    assert!(p("name").append(&mut b, json!(1)).is_err());
}

#[test]
fn unset_removes_keys_and_elements_and_returns_them() {
    let mut b = body();
    let removed = p("members[host=192.168.0.5]").unset(&mut b).unwrap();
    assert_eq!(removed["weight"], 1);
    assert_eq!(b["members"].as_array().unwrap().len(), 3);
    assert_eq!(b["members"][0]["host"], "192.168.0.6");

    let removed = p("vpc_health_config.timeout").unset(&mut b).unwrap();
    assert_eq!(removed, json!(5));
    assert_eq!(b["vpc_health_config"], json!({"protocol": "TCP"}));

    let removed = p("members[0]").unset(&mut b).unwrap();
    assert_eq!(removed["host"], "192.168.0.6");
}

#[test]
fn unset_keeps_the_order_of_remaining_fields() {
    let mut b = json!({"a": 1, "b": 2, "c": 3, "d": 4});
    p("b").unset(&mut b).unwrap();
    assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"a":1,"c":3,"d":4}"#);
}

#[test]
fn unset_of_something_absent_is_an_error() {
    let mut b = body();
    assert_eq!(
        p("vpc_health_config.path").unset(&mut b).unwrap_err(),
        PathError::Missing {
            at: "vpc_health_config.path".into()
        }
    );
    assert!(matches!(
        p("members[7]").unset(&mut b).unwrap_err(),
        PathError::OutOfRange {
            index: 7,
            len: 4,
            ..
        }
    ));
    assert_eq!(
        chanedit::path::Path::root().unset(&mut b).unwrap_err(),
        PathError::RemoveRoot
    );
    assert_eq!(b, body());
}

#[test]
fn resolve_index_form_replaces_selectors_by_indexes() {
    let b = body();
    let r = resolve_index_form(&p("members[host=192.168.0.7].weight"), &b).unwrap();
    assert_eq!(r.to_string(), "members[2].weight");
    let r = resolve_index_form(
        &p("member_groups[member_group_name=other].member_group_weight"),
        &b,
    )
    .unwrap();
    assert_eq!(r.to_string(), "member_groups[1].member_group_weight");
    // Fields that do not exist yet stay as written.
    let r = resolve_index_form(&p("members[host=a b].port"), &b).unwrap();
    assert_eq!(r.to_string(), "members[3].port");
}

#[test]
fn resolve_index_form_reports_missing_and_ambiguous_selectors() {
    let b = body();
    assert!(matches!(
        resolve_index_form(&p("members[host=nope].weight"), &b).unwrap_err(),
        PathError::NoMatch { .. }
    ));
    assert!(matches!(
        resolve_index_form(&p("members[member_group_name=]"), &b).unwrap_err(),
        PathError::Ambiguous { count: 3, .. }
    ));
    assert!(matches!(
        resolve_index_form(&p("nothing[host=x]"), &b).unwrap_err(),
        PathError::Missing { .. }
    ));
}
