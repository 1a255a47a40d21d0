//! The client's member calls (filtered list, POST upsert, PUT of all or of one group, delete,
//! batch enable/disable) and the health check alone, each read back from the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::api::MemberFilter;
use chanedit::model::{MemberInfo, VpcHealthConfig, VpcMemberInfo};
use emulator_support::*;

fn ip(host: &str, group: &str) -> MemberInfo {
    MemberInfo {
        host: Some(host.into()),
        member_group_name: Some(group.into()),
        weight: Some(7),
        ..Default::default()
    }
}

fn hosts(members: &[VpcMemberInfo]) -> Vec<String> {
    let mut h: Vec<String> = members
        .iter()
        .map(|m| m.host.clone().unwrap_or_default())
        .collect();
    h.sort();
    h
}

fn id_of(members: &[VpcMemberInfo], host: &str) -> String {
    members
        .iter()
        .find(|m| m.host.as_deref() == Some(host))
        .and_then(|m| m.id.clone())
        .unwrap()
}

#[tokio::test]
async fn members_are_listed_by_name_group_and_group_id() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    let all = c
        .list_members_where(WEB, &MemberFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 10);
    let green = c
        .list_members_where(
            WEB,
            &MemberFilter {
                member_group_name: Some("gree".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(green.len(), 5);
    let exact = c
        .list_members_where(
            WEB,
            &MemberFilter {
                member_group_name: Some("gree".into()),
                precise_search: vec!["member_group_name"],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(exact.is_empty());
    let blue = c
        .list_members_where(
            WEB,
            &MemberFilter {
                member_group_id: Some("a1f0c3d2e4b5469788a9b0c1d2e3f401".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(blue.len(), 5);
    let ecs = c
        .list_members_where(
            BILLING_ECS,
            &MemberFilter {
                name: Some("billing-ecs-02".into()),
                precise_search: vec!["name"],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(ecs.len(), 1);
    assert_eq!(ecs[0].ecs_name.as_deref(), Some("billing-ecs-02"));
    emu.stop().await;
}

#[tokio::test]
async fn add_upserts_and_leaves_the_others() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    let mut changed = ip("192.168.0.11", "blue");
    changed.weight = Some(42);
    let a = c
        .add_members(WEB, &[ip("192.168.9.1", "green"), changed])
        .await
        .unwrap();
    assert_eq!(hosts(&a.value), ["192.168.0.11", "192.168.9.1"]);
    assert!(a.request_id.as_deref().is_some_and(is_hex32));
    let now = c.list_all_members(WEB).await.unwrap();
    assert_eq!(now.len(), 11);
    let m = now
        .iter()
        .find(|m| m.host.as_deref() == Some("192.168.0.11"))
        .unwrap();
    assert_eq!(m.weight, Some(42));
    let err = c.add_members(WEB, &[]).await.unwrap_err();
    assert!(
        !err.server_answered(),
        "an empty add is refused before sending"
    );
    emu.stop().await;
}

#[tokio::test]
async fn replace_overwrites_all_members_or_one_group() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    let a = c
        .replace_members(
            WEB,
            &[ip("192.168.5.1", "green"), ip("192.168.5.2", "green")],
            Some("green"),
        )
        .await
        .unwrap();
    assert_eq!(hosts(&a.value), ["192.168.5.1", "192.168.5.2"]);
    let now = c.list_all_members(WEB).await.unwrap();
    assert_eq!(now.len(), 7, "the five blue members stay");

    let a = c
        .replace_members(WEB, &[ip("192.168.6.1", "blue")], None)
        .await
        .unwrap();
    assert_eq!(hosts(&a.value), ["192.168.6.1"]);
    assert_eq!(
        hosts(&c.list_all_members(WEB).await.unwrap()),
        ["192.168.6.1"]
    );
    emu.stop().await;
}

#[tokio::test]
async fn delete_enable_and_disable_act_on_member_ids() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    let all = c.list_all_members(WEB).await.unwrap();
    let two = vec![id_of(&all, "192.168.0.11"), id_of(&all, "192.168.0.12")];
    c.disable_members(WEB, &two).await.unwrap();
    let status = |ms: &[VpcMemberInfo], host: &str| {
        ms.iter()
            .find(|m| m.host.as_deref() == Some(host))
            .and_then(|m| m.status)
    };
    let now = c.list_all_members(WEB).await.unwrap();
    assert_eq!(status(&now, "192.168.0.11"), Some(2));
    assert_eq!(status(&now, "192.168.0.12"), Some(2));
    assert_eq!(status(&now, "192.168.0.13"), Some(1));
    c.enable_members(WEB, &two[..1]).await.unwrap();
    let now = c.list_all_members(WEB).await.unwrap();
    assert_eq!(status(&now, "192.168.0.11"), Some(1));
    assert_eq!(status(&now, "192.168.0.12"), Some(2));

    let err = c
        .enable_members(WEB, &["0123456789abcdef0123456789abcdef".into()])
        .await
        .unwrap_err();
    assert_eq!(
        (
            err.status(),
            err.error_code(),
            err.parameter_name().as_deref()
        ),
        (Some(400), Some("APIG.2012"), Some("id"))
    );
    assert!(c.disable_members(WEB, &[]).await.is_err());

    c.delete_member(WEB, &two[0]).await.unwrap();
    let now = c.list_all_members(WEB).await.unwrap();
    assert_eq!(now.len(), 9);
    assert_eq!(status(&now, "192.168.0.11"), None);
    let err = c.delete_member(WEB, &two[0]).await.unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.3024"));
    emu.stop().await;
}

#[tokio::test]
async fn the_health_check_is_replaced_alone() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    let before = c.load_channel(WEB).await.unwrap();
    let health = VpcHealthConfig {
        protocol: Some("HTTP".into()),
        path: Some("/ready".into()),
        method: Some("HEAD".into()),
        threshold_normal: Some(3),
        threshold_abnormal: Some(4),
        time_interval: Some(20),
        timeout: Some(6),
        http_code: Some("200,204".into()),
        ..Default::default()
    };
    let a = c.update_health_check(WEB, &health).await.unwrap();
    assert_eq!(a.value.protocol.as_deref(), Some("http"));
    assert_eq!(a.value.path.as_deref(), Some("/ready"));
    let after = c.load_channel(WEB).await.unwrap();
    let h = after.detail.vpc_health_config.clone().unwrap();
    assert_eq!(
        (h.method.as_deref(), h.time_interval, h.timeout),
        (Some("HEAD"), Some(20), Some(6))
    );
    assert_eq!(after.members, before.members, "members are untouched");

    let bad = VpcHealthConfig {
        timeout: Some(25),
        ..health
    };
    let err = c.update_health_check(WEB, &bad).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");
    emu.stop().await;
}

#[tokio::test]
async fn a_write_the_server_answered_is_never_sent_twice() {
    let mut cfg = demo_config();
    cfg.faults.error_rate = 1.0;
    cfg.seed = Some(1);
    let (emu, log) = start_logged(cfg).await;
    let c = client(&emu, INSTANCE);
    let err = c
        .disable_members(WEB, &["0123456789abcdef0123456789abcdef".into()])
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.9999"));
    assert_eq!(log.matching("POST", "/members/batch-disable").len(), 1);
    // A read of the same failing server is tried again.
    assert!(
        c.list_members_where(WEB, &MemberFilter::default())
            .await
            .is_err()
    );
    assert_eq!(log.matching("GET", "/members").len(), 3);
    emu.stop().await;
}
