//! The client's ListInstancesV2 (the project's gateways) and ListApisV2 (the APIs of a
//! gateway, and those that route through one channel), against the emulator's two demo
//! gateways.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::api::{ApiFilter, GatewayFilter};
use emulator_support::*;

#[tokio::test]
async fn the_project_lists_its_gateways_whatever_the_client_gateway() {
    let emu = start_demo().await;
    let c = client(&emu, STAGING);
    let all = c.list_gateways(&GatewayFilter::default()).await.unwrap();
    let ids: Vec<&str> = all.iter().filter_map(|g| g.id.as_deref()).collect();
    assert_eq!(ids, [INSTANCE, STAGING]);
    assert!(all.iter().all(|g| g.is_running()));
    assert_eq!(all[0].instance_name.as_deref(), Some("apig-demo-prod"));
    assert_eq!(all[0].project_id.as_deref(), Some(PROJECT));
    assert!(all[0].create_time.is_some_and(|t| t > 0));

    let by_name = c
        .list_gateways(&GatewayFilter {
            instance_name: Some("staging".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].id.as_deref(), Some(STAGING));
    let by_id = c
        .list_gateways(&GatewayFilter {
            instance_id: Some(INSTANCE.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_id.len(), 1);
    let frozen = c
        .list_gateways(&GatewayFilter {
            status: Some("Frozen".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(frozen.is_empty());
    emu.stop().await;
}

#[tokio::test]
async fn a_channel_lists_the_apis_that_route_through_it() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    let web = c.list_channel_apis(WEB, Some("web_backend")).await.unwrap();
    let mut names: Vec<&str> = web.iter().filter_map(|a| a.name.as_deref()).collect();
    names.sort();
    assert_eq!(names, ["create_order", "list_orders", "web_health"]);
    assert!(web.iter().all(|a| a.vpc_channel_id() == Some(WEB)));
    let list = web
        .iter()
        .find(|a| a.name.as_deref() == Some("list_orders"))
        .unwrap();
    assert_eq!(
        (list.req_method.as_deref(), list.req_uri.as_deref()),
        (Some("GET"), Some("/v1/orders"))
    );
    assert_eq!(list.environments(), ["RELEASE", "TEST"]);

    // By id alone, as a newer gateway filters.
    assert_eq!(c.list_channel_apis(WEB, None).await.unwrap().len(), 3);
    assert!(
        c.list_channel_apis(REFERENCE, Some("web_reference"))
            .await
            .unwrap()
            .is_empty()
    );
    let staging = client(&emu, STAGING)
        .list_channel_apis(PAYMENTS, Some("payments_backend"))
        .await
        .unwrap();
    assert_eq!(staging.len(), 1);
    emu.stop().await;
}

#[tokio::test]
async fn apis_are_filtered_by_name_method_uri_and_environment() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    let count = |f: ApiFilter| {
        let c = c.clone();
        async move { c.list_apis(&f).await.unwrap().len() }
    };
    assert_eq!(count(ApiFilter::default()).await, 5);
    assert_eq!(
        count(ApiFilter {
            req_method: Some("POST".into()),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ApiFilter {
            req_uri: Some("/v1/orders".into()),
            precise_search: vec!["req_uri"],
            ..Default::default()
        })
        .await,
        2
    );
    assert_eq!(
        count(ApiFilter {
            name: Some("order".into()),
            ..Default::default()
        })
        .await,
        2
    );
    assert_eq!(
        count(ApiFilter {
            env_id: Some("DEFAULT_ENVIRONMENT_RELEASE_ID".into()),
            ..Default::default()
        })
        .await,
        3
    );
    assert_eq!(
        count(ApiFilter {
            vpc_channel_name: Some("web".into()),
            ..Default::default()
        })
        .await,
        3
    );
    assert_eq!(
        count(ApiFilter {
            type_code: Some(2),
            ..Default::default()
        })
        .await,
        1
    );
    emu.stop().await;
}
