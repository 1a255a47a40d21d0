#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chanedit::diff::{ChangeKind, LineKind, Summary, diff};
use serde_json::{Value, json};

fn base() -> Value {
    json!({
        "name": "chan_a",
        "port": 80,
        "balance_strategy": 1,
        "member_type": "ip",
        "vpc_channel_type": "builtin",
        "member_groups": [
            {"member_group_name": "g1", "member_group_weight": 1},
            {"member_group_name": "g2", "member_group_weight": 2, "member_group_remark": "r"}
        ],
        "members": [
            {"host": "10.0.0.1", "weight": 1, "member_group_name": "g1", "port": 80},
            {"host": "10.0.0.2", "weight": 1, "member_group_name": "g1"},
            {"host": "10.0.0.1", "weight": 3, "member_group_name": "g2", "port": 8080}
        ],
        "vpc_health_config": {"protocol": "TCP", "threshold_normal": 2,
            "threshold_abnormal": 5, "time_interval": 10, "timeout": 5}
    })
}

fn texts(d: &chanedit::diff::Diff) -> Vec<String> {
    d.lines()
        .into_iter()
        .filter(|l| l.kind != LineKind::Header)
        .map(|l| l.text)
        .collect()
}

#[test]
fn same_body_is_empty() {
    let d = diff(&base(), &base());
    assert!(d.is_empty());
    assert!(d.lines().is_empty());
    assert_eq!(d.render(false), "no changes\n");
    assert_eq!(d.summary().to_string(), "0 changed, 0 added, 0 removed");
}

#[test]
fn scalar_changes_read_old_to_new() {
    let mut draft = base();
    draft["vpc_health_config"]["timeout"] = json!(8);
    draft["port"] = json!(8081);
    let d = diff(&base(), &draft);
    let lines = texts(&d);
    assert!(
        lines.contains(&"~ port: 80 -> 8081".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"~ vpc_health_config.timeout: 5 -> 8".to_string()),
        "{lines:?}"
    );
    // Members with explicit ports keep their identity when the channel port changes, but
    // 10.0.0.2 had none: it now is a member on the new port.
    assert_eq!(d.members_removed(), 1);
    assert_eq!(d.members_added(), 1);
    assert_eq!(
        d.summary(),
        Summary {
            changed: 2,
            added: 1,
            removed: 1
        }
    );
}

#[test]
fn reordering_members_and_groups_is_no_change() {
    let mut draft = base();
    draft["members"].as_array_mut().unwrap().reverse();
    draft["member_groups"].as_array_mut().unwrap().reverse();
    assert!(diff(&base(), &draft).is_empty());
}

#[test]
fn added_member_is_listed_with_its_fields() {
    let mut draft = base();
    draft["members"]
        .as_array_mut()
        .unwrap()
        .push(json!({"host": "10.0.0.9", "weight": 4, "member_group_name": "g2"}));
    let d = diff(&base(), &draft);
    assert_eq!(
        texts(&d),
        ["+ member 10.0.0.9:80 (group g2): weight 4, is_backup false, status 1"]
    );
    assert_eq!(d.summary().to_string(), "0 changed, 1 added, 0 removed");
    assert_eq!((d.members_before(), d.members_after()), (3, 4));
}

#[test]
fn removed_member_is_told_apart_by_port_and_group() {
    let mut draft = base();
    // Remove the 8080 one: the other 10.0.0.1 (port 80, g1) stays.
    draft["members"].as_array_mut().unwrap().remove(2);
    let d = diff(&base(), &draft);
    assert_eq!(d.members.len(), 1);
    assert_eq!(d.members[0].kind, ChangeKind::Removed);
    assert_eq!(d.members[0].label, "10.0.0.1:8080 (group g2)");
    assert_eq!(d.members[0].base_index, Some(2));
    assert_eq!(d.members_removed(), 1);
    assert!(texts(&d)[0].starts_with("- member 10.0.0.1:8080 (group g2): weight 3"));
}

#[test]
fn changed_member_lists_its_changed_fields() {
    let mut draft = base();
    draft["members"][0]["weight"] = json!(5);
    draft["members"][0]["status"] = json!(2);
    let d = diff(&base(), &draft);
    assert_eq!(
        texts(&d),
        // g1 has a weight of its own: the member's does not count.
        [
            "~ member 10.0.0.1:80 (group g1): weight 1 -> 5 (no effect: the group weight 1 applies), status 1 -> 2"
        ]
    );
    assert_eq!(
        d.summary(),
        Summary {
            changed: 1,
            added: 0,
            removed: 0
        }
    );
}

#[test]
fn moving_a_member_to_another_group_is_one_move() {
    let mut draft = base();
    draft["members"][1]["member_group_name"] = json!("g2");
    let d = diff(&base(), &draft);
    assert_eq!(
        d.summary(),
        Summary {
            changed: 1,
            added: 0,
            removed: 0
        }
    );
    assert_eq!(texts(&d), ["~ member 10.0.0.2:80 moved g1 -> g2"]);
    assert_eq!((d.members_added(), d.members_removed()), (0, 0));
    // The server still sees the old identity go and the new one come.
    let labels: Vec<_> = d.members.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["10.0.0.2:80 (group g2)", "10.0.0.2:80 (group g1)"]);
}

#[test]
fn member_port_zero_absent_and_channel_port_are_the_same() {
    let mut draft = base();
    draft["members"][0].as_object_mut().unwrap().remove("port");
    draft["members"][1]["port"] = json!(0);
    assert!(diff(&base(), &draft).is_empty());
}

#[test]
fn groups_added_removed_and_changed() {
    let mut draft = base();
    let groups = draft["member_groups"].as_array_mut().unwrap();
    groups[0]["member_group_weight"] = json!(7);
    groups.remove(1);
    groups.push(json!({"member_group_name": "g3", "member_group_remark": "new group"}));
    // Keep the body consistent: g2's member goes too.
    draft["members"].as_array_mut().unwrap().remove(2);
    let d = diff(&base(), &draft);
    let lines = texts(&d);
    assert_eq!(
        lines[..3],
        [
            "~ group g1: member_group_weight 1 -> 7",
            "+ group g3: member_group_remark \"new group\"",
            "- group g2: member_group_weight 2, member_group_remark r",
        ]
    );
    assert_eq!(
        d.summary(),
        Summary {
            changed: 1,
            added: 1,
            removed: 2
        }
    );
}

#[test]
fn health_check_added_and_removed() {
    let mut without = base();
    without.as_object_mut().unwrap().remove("vpc_health_config");
    let d = diff(&without, &base());
    assert_eq!(
        d.summary(),
        Summary {
            changed: 0,
            added: 1,
            removed: 0
        }
    );
    let line = &texts(&d)[0];
    assert!(
        line.starts_with("+ vpc_health_config: protocol TCP, threshold_normal 2"),
        "{line}"
    );
    let d = diff(&base(), &without);
    assert_eq!(
        d.summary(),
        Summary {
            changed: 0,
            added: 0,
            removed: 1
        }
    );
    assert!(texts(&d)[0].starts_with("- vpc_health_config: "));
}

#[test]
fn protocol_case_is_no_change_but_protocol_is() {
    let mut draft = base();
    draft["vpc_health_config"]["protocol"] = json!("tcp");
    assert!(diff(&base(), &draft).is_empty());
    draft["vpc_health_config"]["protocol"] = json!("http");
    assert_eq!(
        texts(&diff(&base(), &draft)),
        ["~ vpc_health_config.protocol: TCP -> HTTP"]
    );
}

#[test]
fn empty_string_and_absent_are_the_same() {
    let mut draft = base();
    draft["dict_code"] = json!("");
    draft["members"][0]["member_group_name"] = json!("g1");
    draft["member_groups"][0]["member_group_remark"] = json!("");
    draft["vpc_health_config"]["path"] = json!("");
    assert!(diff(&base(), &draft).is_empty());
    let mut ungrouped = json!({"port": 80, "member_type": "ip",
        "members": [{"host": "10.0.0.1"}]});
    let mut echoed = ungrouped.clone();
    echoed["members"][0]["member_group_name"] = json!("");
    assert!(diff(&ungrouped, &echoed).is_empty());
    ungrouped["dict_code"] = json!("abc");
    assert_eq!(texts(&diff(&echoed, &ungrouped)), ["+ dict_code: abc"]);
}

#[test]
fn ecs_members_are_identified_by_ecs_id() {
    let body = json!({"port": 80, "member_type": "ecs", "members": [
        {"ecs_id": "i-1", "ecs_name": "web1", "host": "10.0.0.1"},
        {"ecs_id": "i-2", "ecs_name": "web2", "host": "10.0.0.1"}
    ]});
    let mut draft = body.clone();
    draft["members"][1]["ecs_name"] = json!("web2b");
    let d = diff(&body, &draft);
    assert_eq!(texts(&d), ["~ member i-2:80: ecs_name web2 -> web2b"]);
}

#[test]
fn ip_members_ignore_ecs_fields_copied_from_host() {
    let sent = json!({"port": 80, "member_type": "ip", "members": [{"host": "10.0.0.1"}]});
    let echoed = json!({"port": 80, "member_type": "ip", "members": [{"host": "10.0.0.1",
        "ecs_id": "10.0.0.1", "ecs_name": "10.0.0.1", "port": 80, "status": 1,
        "is_backup": false, "id": "m1", "health_status": "healthy", "member_group_id": "",
        "vpc_channel_id": "c1", "create_time": "2020-07-23T07:11:57Z"}]});
    assert!(diff(&sent, &echoed).is_empty());
    assert!(diff(&echoed, &sent).is_empty());
}

#[test]
fn member_status_and_is_backup_defaults() {
    let a = json!({"port": 80, "member_type": "ip", "members": [{"host": "h1"}]});
    let b = json!({"port": 80, "member_type": "ip",
        "members": [{"host": "h1", "status": 1, "is_backup": false}]});
    assert!(diff(&a, &b).is_empty());
    let c = json!({"port": 80, "member_type": "ip",
        "members": [{"host": "h1", "is_backup": true}]});
    assert_eq!(
        texts(&diff(&a, &c)),
        ["~ member h1:80: is_backup false -> true"]
    );
}

#[test]
fn duplicate_members_pair_up_in_order() {
    let one = json!({"host": "10.0.0.1", "weight": 1});
    let a = json!({"port": 80, "member_type": "ip", "members": [one.clone(), one.clone()]});
    let b = json!({"port": 80, "member_type": "ip", "members": [one.clone()]});
    let d = diff(&a, &b);
    assert_eq!(d.members_removed(), 1);
    assert_eq!(d.members[0].base_index, Some(1));
    assert!(diff(&a, &a).is_empty());
}

#[test]
fn clearing_all_members_counts_every_removal() {
    let mut draft = base();
    draft["members"] = json!([]);
    let d = diff(&base(), &draft);
    assert_eq!(d.members_removed(), 3);
    assert_eq!((d.members_before(), d.members_after()), (3, 0));
    // An absent members list is sent as none at all: same as empty.
    draft.as_object_mut().unwrap().remove("members");
    assert_eq!(diff(&base(), &draft).members_removed(), 3);
}

#[test]
fn headers_separate_sections() {
    let mut draft = base();
    draft["name"] = json!("chan_b");
    draft["member_groups"][0]["member_group_weight"] = json!(3);
    draft["members"].as_array_mut().unwrap().pop();
    let kinds: Vec<_> = diff(&base(), &draft)
        .lines()
        .into_iter()
        .map(|l| (l.kind, l.text))
        .collect();
    assert_eq!(kinds[0], (LineKind::Header, "channel".to_string()));
    assert_eq!(kinds[2], (LineKind::Header, "member groups".to_string()));
    assert_eq!(kinds[4], (LineKind::Header, "members (3 -> 2)".to_string()));
    assert_eq!(kinds[5].0, LineKind::Removed);
}

#[test]
fn type_and_vpc_channel_type_mean_the_same_channel_type() {
    let a = json!({"port": 80, "type": 2});
    let b = json!({"port": 80, "vpc_channel_type": "builtin"});
    assert!(diff(&a, &b).is_empty());
}

#[test]
fn unknown_fields_are_compared_too() {
    let a = json!({"port": 80, "future": {"x": 1}});
    let b = json!({"port": 80, "future": {"x": 2}});
    assert_eq!(texts(&diff(&a, &b)), ["~ future.x: 1 -> 2"]);
}

#[test]
fn bodies_that_are_not_channels_do_not_panic() {
    for (a, b) in [
        (json!(null), json!({"members": 3})),
        (json!({"members": "x"}), json!({"members": [1, 2]})),
        (json!([1]), json!("s")),
        (
            json!({"members": [1, {"port": "x"}]}),
            json!({"members": [[], {"port": null}]}),
        ),
    ] {
        let d = diff(&a, &b);
        let _ = d.render(true);
        let _ = diff(&b, &a).render(false);
    }
}

#[test]
fn swapped_duplicates_and_field_order_are_no_change() {
    let a = json!({"port": 80, "member_type": "ip", "members": [
        {"host": "h", "weight": 1, "status": 1},
        {"host": "h", "weight": 2, "status": 1}
    ]});
    let b = json!({"port": 80, "member_type": "ip", "members": [
        {"status": 1, "weight": 2, "host": "h"},
        {"weight": 1, "host": "h", "status": 1}
    ]});
    assert!(diff(&a, &b).is_empty(), "{}", diff(&a, &b).render(false));
}

#[test]
fn edits_in_a_long_list_are_found_where_they_are() {
    let members: Vec<Value> = (0..100)
        .map(|i| json!({"host": format!("10.0.1.{i}"), "weight": 1}))
        .collect();
    let a = json!({"port": 80, "member_type": "ip", "members": members});
    let mut b = a.clone();
    b["members"][50]["weight"] = json!(2);
    b["members"].as_array_mut().unwrap().remove(70);
    b["members"]
        .as_array_mut()
        .unwrap()
        .insert(20, json!({"host": "10.0.2.1"}));
    let d = diff(&a, &b);
    let found: Vec<_> = d
        .members
        .iter()
        .map(|m| (m.kind, m.label.as_str(), m.base_index, m.draft_index))
        .collect();
    assert_eq!(
        found,
        [
            (ChangeKind::Changed, "10.0.1.50:80", Some(50), Some(51)),
            (ChangeKind::Added, "10.0.2.1:80", None, Some(20)),
            (ChangeKind::Removed, "10.0.1.70:80", Some(70), None),
        ]
    );
}

#[test]
fn balance_strategy_is_named() {
    let mut draft = base();
    draft["balance_strategy"] = json!(2);
    assert_eq!(
        texts(&diff(&base(), &draft)),
        ["~ balance_strategy: 1 (WRR) -> 2 (WLC)"]
    );
}
