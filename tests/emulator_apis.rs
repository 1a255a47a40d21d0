//! ListApisV2 as the SDK's models read it, and the APIs' hold on the channels they use.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use emulator_support::*;

#[tokio::test]
async fn apis_answer_their_channel_in_the_backend() {
    let emu = start_demo().await;
    let a = emu
        .get(&format!("/apis?vpc_channel_id={WEB}&limit=2"))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(
        (a.json["size"].as_i64(), a.json["total"].as_i64()),
        (Some(2), Some(3))
    );
    let api = &a.json["apis"][0];
    assert_eq!(api["backend_api"]["vpc_channel_status"], 1);
    assert_eq!(
        api["backend_api"]["vpc_channel_info"]["vpc_channel_id"],
        WEB
    );
    assert_eq!(
        api["backend_api"]["vpc_channel_info"]["vpc_channel_port"],
        8080
    );
    for key in [
        "id",
        "name",
        "group_id",
        "group_name",
        "req_method",
        "req_uri",
        "run_env_name",
    ] {
        assert!(api[key].is_string(), "{key}: {api}");
    }
    let a = emu
        .get("/apis?vpc_channel_name=web_back&precise_search=vpc_channel_name")
        .await;
    assert_eq!(a.json["total"], 0);
    let a = emu.get("/apis?vpc_channel_name=web_back").await;
    assert_eq!(a.json["total"], 3);
    let a = emu.get("/apis?type=x").await;
    assert_eq!((a.status, a.code()), (400, "APIG.2012"));
    emu.stop().await;
}

#[tokio::test]
async fn a_channel_apis_use_cannot_be_deleted_one_without_can() {
    let emu = start_demo().await;
    let a = emu.delete(&format!("/vpc-channels/{BILLING_ECS}")).await;
    // billing_ecs is also referenced by web_reference: that answer comes first.
    assert_eq!((a.status, a.code()), (409, "APIG.3719"));
    let a = emu.delete(&format!("/vpc-channels/{CATALOG_NACOS}")).await;
    assert_eq!((a.status, a.code()), (403, "APIG.3414"));
    assert_eq!(
        emu.get(&format!("/vpc-channels/{CATALOG_NACOS}"))
            .await
            .status,
        200
    );
    assert_eq!(
        emu.delete(&format!("/vpc-channels/{BULK}")).await.status,
        204
    );

    // The same rule holds in the second gateway, for its own APIs only.
    let url = format!(
        "{}/v2/{PROJECT}/apigw/instances/{STAGING}/vpc-channels/{PAYMENTS}",
        emu.handle.url()
    );
    let a = emu
        .raw("DELETE", &url, None, &[("X-Auth-Token", TOKEN)])
        .await;
    assert_eq!((a.status, a.code()), (403, "APIG.3414"));
    emu.stop().await;
}
