//! Error answers as the error appendix lists them (docs/api.md §6): a malformed body is the generic
//! parameter error APIG.2000, a string too short APIG.2005 and too long APIG.2006, each
//! naming the parameter, and nothing changes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use emulator_support::*;
use serde_json::json;

#[tokio::test]
async fn a_malformed_body_is_the_generic_parameter_error_on_every_write() {
    let emu = start_demo().await;
    let token = [("X-Auth-Token", TOKEN)];
    let calls = [
        ("POST", format!("/vpc-channels/{WEB}/members")),
        ("PUT", format!("/vpc-channels/{WEB}/members")),
        ("POST", format!("/vpc-channels/{WEB}/members/batch-disable")),
        ("PUT", format!("/vpc-channels/{WEB}/health-config")),
        ("POST", format!("/vpc-channels/{WEB}/member-groups")),
        ("PUT", format!("/vpc-channels/{WEB}")),
        ("POST", "/vpc-channels".to_string()),
    ];
    for (method, tail) in &calls {
        for body in [&b""[..], b"{\"members\": [", b"[1]", b"\"text\""] {
            let url = format!("{}{tail}", emu.base());
            let a = emu.raw(method, &url, Some(body.to_vec()), &token).await;
            assert_eq!(
                (a.status, a.code()),
                (400, "APIG.2000"),
                "{method} {tail} {:?}: {}",
                String::from_utf8_lossy(body),
                a.text
            );
        }
    }
    assert_eq!(emu.all_members(WEB).await.len(), 10);
    emu.stop().await;
}

#[tokio::test]
async fn strings_too_short_and_too_long_have_their_own_codes() {
    let emu = start_demo().await;
    let put = |name: serde_json::Value| {
        let mut b = fixture("request-server.json");
        b["name"] = name;
        b
    };
    let a = emu
        .put(&format!("/vpc-channels/{WEB}"), &put(json!("ab")))
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2005"));
    assert!(a.msg().ends_with("parameterName:name"), "{}", a.msg());
    let a = emu
        .put(&format!("/vpc-channels/{WEB}"), &put(json!("a".repeat(65))))
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2006"));
    assert!(a.msg().ends_with("parameterName:name"), "{}", a.msg());

    let a = emu
        .post(
            &format!("/vpc-channels/{WEB}/members"),
            &json!({"members": [{"host": "h".repeat(256), "member_group_name": "blue"}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2006"));
    assert!(a.msg().ends_with("parameterName:host"), "{}", a.msg());
    let a = emu
        .post(
            &format!("/vpc-channels/{WEB}/member-groups"),
            &json!({"member_groups": [{"member_group_name": "g1"}]}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "APIG.2005"));
    assert!(
        a.msg().ends_with("parameterName:member_group_name"),
        "{}",
        a.msg()
    );
    assert_eq!(
        emu.get(&format!("/vpc-channels/{WEB}")).await.json["name"],
        "web_backend"
    );
    assert_eq!(emu.all_members(WEB).await.len(), 10);
    emu.stop().await;
}
