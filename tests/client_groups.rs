//! The client's member-group calls (POST upsert, filtered list, show, update or rename,
//! delete), each read back from the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::api::GroupFilter;
use chanedit::model::MemberGroupCreate;
use emulator_support::*;

const BLUE: &str = "a1f0c3d2e4b5469788a9b0c1d2e3f401";

fn group(name: &str, weight: i64) -> MemberGroupCreate {
    MemberGroupCreate {
        member_group_name: Some(name.into()),
        member_group_weight: Some(weight),
        ..Default::default()
    }
}

#[tokio::test]
async fn groups_are_created_listed_shown_renamed_and_deleted() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);

    let made = c
        .create_member_groups(WEB, &[group("canary", 3), group("blue", 9)])
        .await
        .unwrap();
    assert_eq!(made.value.len(), 2);
    let canary = made.value[0].member_group_id.clone().unwrap();
    assert!(is_hex32(&canary));
    assert_eq!(
        made.value[1].member_group_id.as_deref(),
        Some(BLUE),
        "an upsert by name"
    );

    let all = c.list_member_groups(WEB).await.unwrap();
    assert_eq!(all.len(), 3);
    let found = c
        .list_member_groups_where(
            WEB,
            &GroupFilter {
                member_group_name: Some("can".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let exact = c
        .list_member_groups_where(
            WEB,
            &GroupFilter {
                member_group_name: Some("can".into()),
                precise_search: vec!["member_group_name"],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(exact.is_empty());

    let blue = c.get_member_group(WEB, BLUE).await.unwrap();
    assert_eq!(blue.member_group_weight, Some(9));

    let renamed = c
        .update_member_group(WEB, &canary, &group("canary_two", 4))
        .await
        .unwrap();
    assert_eq!(
        renamed.value.member_group_name.as_deref(),
        Some("canary_two")
    );
    assert_eq!(
        c.get_member_group(WEB, &canary)
            .await
            .unwrap()
            .member_group_weight,
        Some(4)
    );

    c.delete_member_group(WEB, &canary).await.unwrap();
    assert_eq!(c.list_member_groups(WEB).await.unwrap().len(), 2);
    let err = c.get_member_group(WEB, &canary).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert!(c.create_member_groups(WEB, &[]).await.is_err());
    emu.stop().await;
}
