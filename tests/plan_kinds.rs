//! The write planner, one kind of change at a time: each narrow request where the change is
//! exactly of its kind, and the full PUT for every mix that no single narrow request gives.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::api::plan::{Plan, Request, WriteMode, plan};
use serde_json::{Value, json};

fn member(host: &str, group: &str) -> Value {
    json!({"host": host, "weight": 1, "is_backup": false, "member_group_name": group,
        "status": 1, "port": 80})
}

/// A server channel with two groups of two members each and a health check, as a load gives
/// it (`Loaded::base`), and the ids of its members.
fn base() -> (Value, Vec<Option<String>>) {
    let body = json!({
        "name": "web", "port": 80, "balance_strategy": 1, "member_type": "ip",
        "vpc_channel_type": "builtin",
        "member_groups": [
            {"member_group_name": "blue", "member_group_weight": 1},
            {"member_group_name": "green", "member_group_weight": 1}
        ],
        "members": [
            member("10.0.0.1", "blue"), member("10.0.0.2", "blue"),
            member("10.0.0.3", "green"), member("10.0.0.4", "green")
        ],
        "vpc_health_config": {"protocol": "HTTP", "path": "/h", "method": "GET", "port": 0,
            "threshold_normal": 2, "threshold_abnormal": 3, "time_interval": 10,
            "timeout": 5, "http_code": "200", "status": 1}
    });
    let ids = (1..=4).map(|i| Some(format!("m{i}"))).collect();
    (body, ids)
}

fn planned(edit: impl FnOnce(&mut Value)) -> Plan {
    let (base, ids) = base();
    let mut draft = base.clone();
    edit(&mut draft);
    plan(&base, &ids, &draft, WriteMode::Narrowest)
}

fn hosts(members: &[chanedit::model::MemberInfo]) -> Vec<&str> {
    members.iter().map(|m| m.host.as_deref().unwrap()).collect()
}

fn assert_full(p: &Plan, why: &str) {
    assert!(
        matches!(p.request(), Request::Full { forced: false, .. }),
        "{why}: {}",
        p.describe()
    );
}

#[test]
fn disabling_members_is_one_batch_disable_with_their_ids() {
    let p = planned(|d| {
        d["members"][0]["status"] = json!(2);
        d["members"][2]["status"] = json!(2);
    });
    assert_eq!(
        p.request(),
        &Request::Disable {
            member_ids: vec!["m1".into(), "m3".into()]
        }
    );
    assert_eq!(p.describe(), "POST .../members/batch-disable (2 members)");
}

#[test]
fn enabling_a_member_is_one_batch_enable() {
    let (mut base, ids) = base();
    base["members"][3]["status"] = json!(2);
    let mut draft = base.clone();
    // Absent status means enabled (the server's default).
    draft["members"][3]
        .as_object_mut()
        .unwrap()
        .remove("status");
    let p = plan(&base, &ids, &draft, WriteMode::Narrowest);
    assert_eq!(
        p.request(),
        &Request::Enable {
            member_ids: vec!["m4".into()]
        }
    );
    assert_eq!(p.describe(), "POST .../members/batch-enable (1 member)");
}

#[test]
fn status_changes_both_ways_are_no_batch_but_one_members_post() {
    let (mut base, ids) = base();
    base["members"][1]["status"] = json!(2);
    let mut draft = base.clone();
    draft["members"][0]["status"] = json!(2);
    draft["members"][1]["status"] = json!(1);
    let p = plan(&base, &ids, &draft, WriteMode::Narrowest);
    let Request::AddMembers(m) = p.request() else {
        panic!("{}", p.describe());
    };
    assert_eq!(hosts(m), ["10.0.0.1", "10.0.0.2"]);
}

#[test]
fn a_weight_change_beside_a_status_change_is_no_batch_but_one_members_post() {
    let p = planned(|d| {
        d["members"][0]["status"] = json!(2);
        d["members"][0]["weight"] = json!(7);
    });
    let Request::AddMembers(m) = p.request() else {
        panic!("{}", p.describe());
    };
    assert_eq!(m[0].weight, Some(7));
    assert_eq!(m[0].status, Some(2));
    assert_eq!(p.describe(), "POST .../members (1 member added or updated)");
}

#[test]
fn a_health_check_change_alone_is_one_health_check_put() {
    let p = planned(|d| {
        d["vpc_health_config"]["timeout"] = json!(3);
        d["vpc_health_config"]["path"] = json!("/ready");
    });
    let Request::HealthCheck(h) = p.request() else {
        panic!("{}", p.describe());
    };
    assert_eq!((h.timeout, h.path.as_deref()), (Some(3), Some("/ready")));
    assert_eq!(
        p.describe(),
        "PUT .../health-config (the health check only)"
    );
}

#[test]
fn removing_or_adding_the_whole_health_check_is_the_full_put() {
    assert_full(
        &planned(|d| {
            d.as_object_mut().unwrap().remove("vpc_health_config");
        }),
        "health check removed",
    );
    let (mut base, ids) = base();
    let draft = base.clone();
    base.as_object_mut().unwrap().remove("vpc_health_config");
    assert_full(
        &plan(&base, &ids, &draft, WriteMode::Narrowest),
        "health check added",
    );
}

#[test]
fn members_added_or_changed_are_one_members_post() {
    let p = planned(|d| {
        d["members"][1]["weight"] = json!(9);
        let m = d["members"].as_array_mut().unwrap();
        m.push(member("10.0.0.9", "green"));
    });
    let Request::AddMembers(m) = p.request() else {
        panic!("{}", p.describe());
    };
    assert_eq!(hosts(m), ["10.0.0.2", "10.0.0.9"]);
    assert_eq!(
        p.describe(),
        "POST .../members (2 members added or updated)"
    );
}

#[test]
fn one_member_removed_is_one_delete_by_its_id() {
    let p = planned(|d| {
        d["members"].as_array_mut().unwrap().remove(1);
    });
    assert_eq!(
        p.request(),
        &Request::DeleteMember {
            member_id: "m2".into(),
            label: "10.0.0.2:80 (group blue)".into()
        }
    );
    assert_eq!(
        p.describe(),
        "DELETE .../members/m2 (1 member: 10.0.0.2:80 (group blue))"
    );
}

#[test]
fn changes_within_one_group_are_one_members_put_of_that_group() {
    // Two removed: no single delete; removed and added: no POST.
    for edit in [
        (|d: &mut Value| {
            d["members"].as_array_mut().unwrap().drain(0..2);
        }) as fn(&mut Value),
        |d| {
            let m = d["members"].as_array_mut().unwrap();
            m.remove(2);
            m.push(member("10.0.0.7", "green"));
            m[2]["weight"] = json!(4);
        },
    ] {
        let (base, ids) = base();
        let mut draft = base.clone();
        edit(&mut draft);
        let p = plan(&base, &ids, &draft, WriteMode::Narrowest);
        let Request::ReplaceGroup { group, members } = p.request() else {
            panic!("{}", p.describe());
        };
        let expected: Vec<Value> = draft["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["member_group_name"] == *group)
            .cloned()
            .collect();
        let sent: Vec<Value> = members
            .iter()
            .map(|m| serde_json::to_value(m).unwrap())
            .collect();
        assert_eq!(sent, expected);
        assert!(
            p.describe().starts_with("PUT .../members (group "),
            "{}",
            p.describe()
        );
    }
}

#[test]
fn every_mix_no_single_narrow_request_gives_is_the_full_put() {
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit); 9] = [
        ("a status and the health check", |d| {
            d["members"][0]["status"] = json!(2);
            d["vpc_health_config"]["timeout"] = json!(3);
        }),
        ("a member and a channel field", |d| {
            d["members"][0]["weight"] = json!(3);
            d["balance_strategy"] = json!(2);
        }),
        ("a channel field alone", |d| {
            d["name"] = json!("web2");
        }),
        ("a group's weight", |d| {
            d["member_groups"][0]["member_group_weight"] = json!(5);
        }),
        ("a group added with a member in it", |d| {
            d["member_groups"]
                .as_array_mut()
                .unwrap()
                .push(json!({"member_group_name": "red"}));
            d["members"]
                .as_array_mut()
                .unwrap()
                .push(member("10.0.0.8", "red"));
        }),
        ("removals in two groups", |d| {
            let m = d["members"].as_array_mut().unwrap();
            m.remove(3);
            m.remove(0);
        }),
        ("a removal and a change in another group", |d| {
            d["members"][3]["weight"] = json!(6);
            d["members"].as_array_mut().unwrap().remove(0);
        }),
        ("a member moved to another group", |d| {
            d["members"][0]["member_group_name"] = json!("green");
        }),
        ("the channel port (every member's effective port)", |d| {
            d["port"] = json!(8080);
        }),
    ];
    for (why, edit) in cases {
        assert_full(&planned(edit), why);
    }
}

#[test]
fn full_when_forced_and_its_line_says_so() {
    let (base, ids) = base();
    let mut draft = base.clone();
    draft["members"][0]["status"] = json!(2);
    draft.as_object_mut().unwrap().remove("member_groups");
    let p = plan(&base, &ids, &draft, WriteMode::Full);
    let Request::Full { body, forced } = p.request() else {
        panic!("{}", p.describe());
    };
    assert!(forced);
    // Both arrays always: an omitted one is not "keep" (docs/api.md §5.1).
    assert_eq!(body["member_groups"], json!([]));
    assert_eq!(body["members"][0]["status"], 2);
    assert_eq!(
        p.describe(),
        "PUT .../vpc-channels/{id} (the whole channel: 4 members, 0 groups; full write chosen)"
    );
}

#[test]
fn without_member_ids_nothing_is_named_by_id() {
    let (base, _) = base();
    let mut draft = base.clone();
    draft["members"][0]["status"] = json!(2);
    // Status changes then go out as members POST, which names members by address.
    let p = plan(&base, &[], &draft, WriteMode::Narrowest);
    assert!(
        matches!(p.request(), Request::AddMembers(_)),
        "{}",
        p.describe()
    );
    draft = base.clone();
    draft["members"].as_array_mut().unwrap().remove(0);
    let p = plan(&base, &[Some("m1".into())], &draft, WriteMode::Narrowest);
    assert!(
        matches!(p.request(), Request::ReplaceGroup { .. }),
        "{}",
        p.describe()
    );
}

#[test]
fn a_repeated_address_makes_the_full_put() {
    // E7 and E8 keep the first entry of an address named twice; only E3 replaces both.
    let (mut base, mut ids) = base();
    base["members"]
        .as_array_mut()
        .unwrap()
        .push(member("10.0.0.1", "blue"));
    ids.push(Some("m5".into()));
    let mut draft = base.clone();
    draft["members"][4]["weight"] = json!(8);
    assert_full(
        &plan(&base, &ids, &draft, WriteMode::Narrowest),
        "a repeated address",
    );
}

#[test]
fn member_writes_on_a_reference_channel_are_the_full_put() {
    let (mut base, ids) = base();
    base["vpc_channel_type"] = json!("reference");
    let mut draft = base.clone();
    draft["members"][0]["status"] = json!(2);
    assert_full(
        &plan(&base, &ids, &draft, WriteMode::Narrowest),
        "reference channel",
    );
}

#[test]
fn a_value_the_typed_body_cannot_hold_goes_out_as_written_in_the_full_put() {
    let p = planned(|d| {
        d["members"][0]["weight"] = json!("heavy");
    });
    assert_full(&p, "a weight that is not a number");
}

#[test]
fn nothing_changed_is_no_narrow_request() {
    assert_full(&planned(|_| {}), "no change");
}

#[test]
fn the_line_is_sanitized() {
    // Names and ids come from the server or a file.
    let (mut base, mut ids) = base();
    let hostile = "blue\u{1b}[2J";
    base["member_groups"][0]["member_group_name"] = json!(hostile);
    for m in base["members"].as_array_mut().unwrap().iter_mut().take(2) {
        m["member_group_name"] = json!(hostile);
    }
    ids[3] = Some("m\u{1b}]0;x\u{7}4".into());
    let mut two_gone = base.clone();
    two_gone["members"].as_array_mut().unwrap().drain(0..2);
    let mut one_gone = base.clone();
    one_gone["members"].as_array_mut().unwrap().remove(3);
    for draft in [two_gone, one_gone] {
        let line = plan(&base, &ids, &draft, WriteMode::Narrowest).describe();
        assert!(
            !line.contains('\u{1b}') && !line.contains('\u{7}'),
            "{line}"
        );
        assert!(!line.starts_with("PUT .../vpc-channels"), "{line}");
    }
}

#[test]
fn a_change_on_the_server_counts_only_where_the_request_writes() {
    let (base, ids) = base();
    let mut disable = base.clone();
    disable["members"][0]["status"] = json!(2);
    let mut health = base.clone();
    health["vpc_health_config"]["timeout"] = json!(3);
    let batch = plan(&base, &ids, &disable, WriteMode::Narrowest);
    let health_put = plan(&base, &ids, &health, WriteMode::Narrowest);
    let full = plan(&base, &ids, &disable, WriteMode::Full);

    let mut reweighed = base.clone();
    reweighed["members"][0]["weight"] = json!(9);
    let mut added = base.clone();
    added["members"]
        .as_array_mut()
        .unwrap()
        .push(member("10.0.0.5", "green"));
    let mut ported = base.clone();
    ported["port"] = json!(81);

    // Elsewhere: kept, and no reason to stop.
    let seen = health_put.concurrent(&base, &reweighed);
    assert!(seen.is_clear() && seen.untouched.summary().changed == 1);
    let seen = batch.concurrent(&base, &added);
    assert!(seen.is_clear() && seen.untouched.members_added() == 1);
    // Where the request writes: the member itself, what its identity depends on, or, for
    // the full PUT, anything.
    assert!(!batch.concurrent(&base, &reweighed).is_clear());
    assert!(!batch.concurrent(&base, &ported).is_clear());
    assert!(!full.concurrent(&base, &added).is_clear());
}

#[test]
fn a_reread_is_judged_where_the_request_wrote() {
    use chanedit::api::Verdict;
    let (base, ids) = base();
    let mut draft = base.clone();
    draft["members"][0]["status"] = json!(2);
    let p = plan(&base, &ids, &draft, WriteMode::Narrowest);
    let theirs = |mut v: Value| {
        v["members"]
            .as_array_mut()
            .unwrap()
            .push(member("10.0.0.5", "green"));
        v
    };

    let applied = p.verify(&draft, &theirs(draft.clone()));
    assert!(applied.differs.is_empty());
    assert_eq!(applied.elsewhere.members_added(), 1);
    let missed = p.verify(&draft, &theirs(base.clone()));
    assert!(missed.differs.render(false).contains("status 1 -> 2"));

    assert_eq!(
        p.settle(&base, &draft, &theirs(draft.clone())),
        Verdict::Applied
    );
    assert_eq!(
        p.settle(&base, &draft, &theirs(base.clone())),
        Verdict::NotApplied
    );
    let mut other = base.clone();
    other["members"][0]["weight"] = json!(5);
    assert_eq!(p.settle(&base, &draft, &other), Verdict::ChangedElsewhere);
}
