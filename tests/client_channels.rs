//! The client's ListVpcChannelsV2 with each of its filters, against the emulator's demo data.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::api::ChannelFilter;
use chanedit::model::VpcChannelType;
use emulator_support::*;

async fn names(emu: &Emu, filter: ChannelFilter) -> Vec<String> {
    let mut got: Vec<String> = client(emu, INSTANCE)
        .list_channels_where(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name.unwrap_or_default())
        .collect();
    got.sort();
    got
}

#[tokio::test]
async fn every_channel_filter_narrows_the_list() {
    let emu = start_demo().await;
    let all = names(&emu, ChannelFilter::default()).await;
    assert_eq!(all.len(), 6, "{all:?}");

    let by = |f: ChannelFilter| names(&emu, f);
    assert_eq!(
        by(ChannelFilter {
            id: Some(BILLING_ECS.into()),
            ..Default::default()
        })
        .await,
        ["billing_ecs"]
    );
    assert_eq!(
        by(ChannelFilter {
            name: Some("web".into()),
            ..Default::default()
        })
        .await,
        ["web_backend", "web_reference"]
    );
    assert!(
        by(ChannelFilter {
            name: Some("web".into()),
            precise_search: vec!["name"],
            ..Default::default()
        })
        .await
        .is_empty()
    );
    assert_eq!(
        by(ChannelFilter {
            member_host: Some("192.168.1.24".into()),
            ..Default::default()
        })
        .await,
        ["web_backend"]
    );
    assert_eq!(
        by(ChannelFilter {
            member_port: Some(8081),
            ..Default::default()
        })
        .await,
        ["web_backend"]
    );
    assert_eq!(
        by(ChannelFilter {
            member_group_name: Some("rack".into()),
            ..Default::default()
        })
        .await,
        ["bulk_2000"]
    );
    assert!(
        by(ChannelFilter {
            member_group_name: Some("rack".into()),
            precise_search: vec!["member_group_name"],
            ..Default::default()
        })
        .await
        .is_empty()
    );
    assert_eq!(
        by(ChannelFilter {
            member_group_id: Some("a1f0c3d2e4b5469788a9b0c1d2e3f402".into()),
            ..Default::default()
        })
        .await,
        ["web_backend"]
    );
    assert_eq!(
        by(ChannelFilter {
            vpc_channel_type: Some(VpcChannelType::Microservice),
            ..Default::default()
        })
        .await,
        ["catalog_nacos", "orders_cce"]
    );
    // dict_code is checked for its documented length even though it filters nothing.
    let err = client(&emu, INSTANCE)
        .list_channels_where(&ChannelFilter {
            dict_code: Some("ab".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.2012"), "{err}");
    emu.stop().await;
}

#[tokio::test]
async fn each_gateway_lists_its_own_channels() {
    let emu = start_demo().await;
    let staging = client(&emu, STAGING)
        .list_channels_where(&ChannelFilter::default())
        .await
        .unwrap();
    assert_eq!(staging.len(), 1);
    assert_eq!(staging[0].id.as_deref(), Some(PAYMENTS));
    // A channel of one gateway does not exist in another.
    let err = client(&emu, STAGING).get_channel(WEB).await.unwrap_err();
    assert_eq!(
        (err.status(), err.error_code()),
        (Some(404), Some("APIG.3023"))
    );
    let err = client(&emu, "0123456789abcdef0123456789abcdef")
        .list_channels_where(&ChannelFilter::default())
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.error_code()),
        (Some(404), Some("APIG.3030"))
    );
    emu.stop().await;
}
