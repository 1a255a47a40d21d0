//! The review explains itself: renames, moves, weights the group overrides, health check
//! fields TCP ignores.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chanedit::diff::{LineKind, Summary, diff};
use serde_json::{Value, json};

/// Five members in `blue` (no group weight), one in `green` (weight 7).
fn base() -> Value {
    let mut members: Vec<Value> = (1..=5)
        .map(|i| json!({"host": format!("10.0.0.{i}"), "weight": 1, "member_group_name": "blue"}))
        .collect();
    members.push(json!({"host": "10.0.1.1", "weight": 1, "member_group_name": "green"}));
    json!({
        "name": "chan_a", "port": 80, "balance_strategy": 1, "member_type": "ip",
        "vpc_channel_type": "builtin",
        "member_groups": [
            {"member_group_name": "blue", "member_group_remark": "r"},
            {"member_group_name": "green", "member_group_weight": 7}
        ],
        "members": members,
        "vpc_health_config": {"protocol": "HTTP", "path": "/h", "method": "GET",
            "http_code": "200", "threshold_normal": 2, "threshold_abnormal": 5,
            "time_interval": 10, "timeout": 5}
    })
}

fn texts(d: &chanedit::diff::Diff) -> Vec<String> {
    d.lines().into_iter().map(|l| l.text).collect()
}

fn rename_blue(draft: &mut Value, to: &str) {
    draft["member_groups"][0]["member_group_name"] = json!(to);
    for m in draft["members"].as_array_mut().unwrap() {
        if m["member_group_name"] == "blue" {
            m["member_group_name"] = json!(to);
        }
    }
}

#[test]
fn a_group_rename_is_one_line_not_six_added_and_six_removed() {
    let mut draft = base();
    rename_blue(&mut draft, "blux");
    let d = diff(&base(), &draft);
    assert_eq!(
        texts(&d),
        [
            "member groups",
            "~ group renamed blue -> blux (5 members moved)"
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
    assert_eq!(d.renames().len(), 1);
    assert_eq!(d.moves().len(), 5);
    assert_eq!((d.members_added(), d.members_removed()), (0, 0));
    // What the server sees is unchanged: the write planner still gets removals and additions.
    assert_eq!(d.groups.len(), 2);
    assert_eq!(d.members.len(), 10);
}

#[test]
fn a_rename_of_most_members_is_no_mass_delete() {
    let mut draft = base();
    rename_blue(&mut draft, "blux");
    assert_eq!(diff(&base(), &draft).mass_delete(), None);
    // Dropping them for real still is one.
    let mut gone = base();
    gone["members"].as_array_mut().unwrap().truncate(1);
    assert!(diff(&base(), &gone).mass_delete().is_some());
}

#[test]
fn a_rename_says_what_else_changed_on_the_group_and_its_members() {
    let mut draft = base();
    rename_blue(&mut draft, "blux");
    draft["member_groups"][0]["member_group_remark"] = json!("s");
    draft["members"][2]["status"] = json!(2);
    let d = diff(&base(), &draft);
    assert_eq!(
        texts(&d),
        [
            "member groups",
            "~ group renamed blue -> blux (5 members moved): member_group_remark r -> s",
            "members (6)",
            "~ member 10.0.0.3:80 (group blux): status 1 -> 2",
        ]
    );
}

#[test]
fn an_empty_group_renamed_pairs_up_when_nothing_else_differs() {
    let mut b = base();
    b["member_groups"]
        .as_array_mut()
        .unwrap()
        .push(json!({"member_group_name": "spare", "member_group_weight": 3}));
    let mut draft = b.clone();
    draft["member_groups"][2]["member_group_name"] = json!("extra");
    assert_eq!(
        texts(&diff(&b, &draft)),
        ["member groups", "~ group renamed spare -> extra"]
    );
    // Another weight too: a different group, not a rename.
    draft["member_groups"][2]["member_group_weight"] = json!(4);
    let lines = texts(&diff(&b, &draft));
    assert!(
        lines.iter().any(|l| l.starts_with("+ group extra")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("- group spare")),
        "{lines:?}"
    );
}

#[test]
fn a_member_moved_between_groups_shows_as_moved() {
    let mut draft = base();
    draft["members"][0]["member_group_name"] = json!("green");
    draft["members"][0]["is_backup"] = json!(true);
    let d = diff(&base(), &draft);
    assert_eq!(
        texts(&d),
        [
            "members (6)",
            "~ member 10.0.0.1:80 moved blue -> green: is_backup false -> true"
        ]
    );
    let line = &d.lines()[1];
    assert_eq!(line.kind, LineKind::Changed);
    assert_eq!(d.summary().to_string(), "1 changed, 0 added, 0 removed");
}

#[test]
fn a_member_on_another_port_is_not_moved() {
    let mut draft = base();
    draft["members"][0]["member_group_name"] = json!("green");
    draft["members"][0]["port"] = json!(81);
    let d = diff(&base(), &draft);
    assert!(d.moves().is_empty());
    assert_eq!(d.summary().to_string(), "0 changed, 1 added, 1 removed");
}

#[test]
fn a_weight_the_group_weight_overrides_is_marked_no_effect() {
    let mut draft = base();
    draft["members"][5]["weight"] = json!(9); // green: group weight 7
    draft["members"][1]["weight"] = json!(4); // blue: no group weight
    let d = diff(&base(), &draft);
    assert_eq!(
        texts(&d),
        [
            "members (6)",
            "~ member 10.0.0.2:80 (group blue): weight 1 -> 4",
            "~ member 10.0.1.1:80 (group green): weight 1 -> 9 (no effect: the group weight 7 applies)",
        ]
    );
    // A move into a weighted group is marked the same way.
    let mut moved = base();
    moved["members"][0]["member_group_name"] = json!("green");
    moved["members"][0]["weight"] = json!(3);
    assert_eq!(
        texts(&diff(&base(), &moved))[1],
        "~ member 10.0.0.1:80 moved blue -> green: weight 1 -> 3 (no effect: the group weight 7 applies)"
    );
}

#[test]
fn tcp_health_check_marks_http_fields_ignored() {
    let mut draft = base();
    draft["vpc_health_config"]["protocol"] = json!("TCP");
    draft["vpc_health_config"]["path"] = json!("/ready");
    let d = diff(&base(), &draft);
    assert_eq!(
        texts(&d),
        [
            "channel",
            "~ vpc_health_config.protocol: HTTP -> TCP (path, method, http_code ignored for TCP)",
            "~ vpc_health_config.path: /h -> /ready (ignored for TCP)",
        ]
    );
    // An HTTP check's path is used: no mark.
    let mut http = base();
    http["vpc_health_config"]["path"] = json!("/ready");
    assert_eq!(
        texts(&diff(&base(), &http))[1],
        "~ vpc_health_config.path: /h -> /ready"
    );
    // A TCP check added whole marks its HTTP fields.
    let mut none = base();
    none.as_object_mut().unwrap().remove("vpc_health_config");
    let added = texts(&diff(&none, &draft));
    assert!(
        added[1].contains("path /ready (ignored for TCP)")
            && added[1].contains("method GET (ignored for TCP)")
            && !added[1].contains("timeout 5 (ignored"),
        "{added:?}"
    );
}

#[test]
fn the_cli_text_explains_the_same_way() {
    let mut draft = base();
    rename_blue(&mut draft, "blux");
    assert_eq!(
        diff(&base(), &draft).render(false),
        "member groups\n~ group renamed blue -> blux (5 members moved)\n1 changed, 0 added, 0 removed\n"
    );
}

/// The review formats only the lines in view: any window of them reads exactly as the CLI's
/// lines, with a field, a rename, a move, changed, added and removed members all present.
#[test]
fn the_review_shows_the_cli_lines_a_window_at_a_time() {
    let mut draft = base();
    rename_blue(&mut draft, "blux");
    draft["member_groups"][0]["member_group_remark"] = json!("s");
    draft["members"][2]["status"] = json!(2);
    draft["members"][5]["weight"] = json!(3);
    draft["members"][0]["member_group_name"] = json!("green");
    draft["members"][4]["host"] = json!("10.0.9.9");
    draft["name"] = json!("chan_b");
    let d = diff(&base(), &draft);
    let all = d.lines();
    let lines = chanedit::diff::Lines::of(std::sync::Arc::new(d));
    assert_eq!(lines.len(), all.len());
    assert_eq!(lines.all(), all);
    let kinds: Vec<LineKind> = all.iter().map(|l| l.kind).collect();
    for k in [
        LineKind::Header,
        LineKind::Changed,
        LineKind::Added,
        LineKind::Removed,
    ] {
        assert!(kinds.contains(&k), "no {k:?} line in {all:?}");
    }
    assert!(
        all.iter().any(|l| l.text.contains(" moved blue -> green")),
        "{all:?}"
    );
    for start in 0..=all.len() {
        for n in [0, 1, 3, all.len()] {
            let window: Vec<_> = lines.range(start, n).collect();
            assert_eq!(
                window,
                all.iter().skip(start).take(n).cloned().collect::<Vec<_>>()
            );
        }
        assert_eq!(lines.get(start), all.get(start).cloned());
    }
}
