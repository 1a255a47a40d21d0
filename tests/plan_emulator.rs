//! Plans sent by the client to the emulator: each goes out as exactly one request (its access
//! log shows it), the channel read back is the reviewed draft, a change another client made
//! meanwhile where the request does not write survives and is told apart from a conflict, a
//! lost answer is settled by the re-read, and deleting a channel that APIs use is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod emulator_support;

use chanedit::api::plan::{Plan, Request, WriteMode, member_ids, plan};
use chanedit::api::{Client, Loaded, Sent, Verdict};
use chanedit::model::MemberInfo;
use emulator_support::*;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The access-log lines of requests that change something.
fn writes(log: &Lines) -> Vec<String> {
    log.all()
        .into_iter()
        .filter(|l| !l.starts_with("GET "))
        .collect()
}

async fn planned(c: &Client, edit: impl FnOnce(&mut Value)) -> (Loaded, Value, Value, Plan) {
    let loaded = c.load_channel(WEB).await.unwrap();
    let base = loaded.base();
    let mut draft = base.clone();
    edit(&mut draft);
    let p = plan(&base, &member_ids(&loaded), &draft, WriteMode::Narrowest);
    (loaded, base, draft, p)
}

fn index_of(body: &Value, host: &str) -> usize {
    body["members"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["host"] == host)
        .unwrap()
}

fn disable(host: &'static str) -> impl FnOnce(&mut Value) {
    move |d| {
        let i = index_of(d, host);
        d["members"][i]["status"] = json!(2);
    }
}

fn health_timeout(d: &mut Value) {
    d["vpc_health_config"]["timeout"] = json!(3);
}

/// A second client adds a member to the channel.
async fn someone_adds(emu: &Emu, host: &str) {
    let other = client(emu, INSTANCE);
    let m = MemberInfo {
        host: Some(host.into()),
        weight: Some(1),
        member_group_name: Some("green".into()),
        ..Default::default()
    };
    other.add_members(WEB, &[m]).await.unwrap();
}

#[tokio::test]
async fn disabling_one_member_sends_one_batch_disable_and_no_channel_put() {
    let (emu, log) = start_logged(demo_config()).await;
    let c = client(&emu, INSTANCE);
    let (_, base, draft, p) = planned(&c, disable("192.168.0.12")).await;
    assert_eq!(p.describe(), "POST .../members/batch-disable (1 member)");
    let before = log.all().len();

    assert!(matches!(c.send_plan(WEB, &p).await, Sent::Ok { .. }));
    let sent: Vec<String> = log.all()[before..].to_vec();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0].starts_with(&format!(
            "POST /v2/{PROJECT}/apigw/instances/{INSTANCE}/vpc-channels/{WEB}/members/batch-disable 204"
        )),
        "{sent:?}"
    );
    assert!(log.matching("PUT", WEB).is_empty());

    let (reread, _, now) = c.reread_plan(WEB, &p, &base, &draft).await.unwrap();
    assert!(
        reread.differs.is_empty(),
        "{}",
        reread.differs.render(false)
    );
    assert!(reread.elsewhere.is_empty());
    let i = index_of(&now.base(), "192.168.0.12");
    assert_eq!(now.base()["members"][i]["status"], 2);
    emu.stop().await;
}

#[tokio::test]
async fn a_health_check_change_sends_one_health_check_put() {
    let (emu, log) = start_logged(demo_config()).await;
    let c = client(&emu, INSTANCE);
    let (_, base, draft, p) = planned(&c, health_timeout).await;
    assert!(matches!(p.request(), Request::HealthCheck(_)));
    assert!(matches!(c.send_plan(WEB, &p).await, Sent::Ok { .. }));
    let w = writes(&log);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("PUT ") && w[0].contains(&format!("{WEB}/health-config 200")));
    let (reread, _, now) = c.reread_plan(WEB, &p, &base, &draft).await.unwrap();
    assert!(
        reread.differs.is_empty(),
        "{}",
        reread.differs.render(false)
    );
    assert_eq!(now.base()["vpc_health_config"]["timeout"], 3);
    emu.stop().await;
}

#[tokio::test]
async fn a_member_added_by_another_client_meanwhile_survives_both_narrow_writes() {
    for (edit, added) in [
        (
            Box::new(disable("192.168.1.21")) as Box<dyn FnOnce(&mut Value)>,
            "10.7.7.1",
        ),
        (Box::new(health_timeout), "10.7.7.2"),
    ] {
        let (emu, _log) = start_logged(demo_config()).await;
        let c = client(&emu, INSTANCE);
        let (_, base, draft, p) = planned(&c, edit).await;
        assert!(!p.is_full(), "{}", p.describe());
        someone_adds(&emu, added).await;

        let (seen, _) = c.check_plan(WEB, &p, &base).await.unwrap();
        assert!(seen.is_clear(), "{}", seen.overlapping.render(false));
        assert_eq!(seen.untouched.members_added(), 1);

        assert!(matches!(c.send_plan(WEB, &p).await, Sent::Ok { .. }));
        let (reread, verdict, now) = c.reread_plan(WEB, &p, &base, &draft).await.unwrap();
        assert!(
            reread.differs.is_empty(),
            "{}",
            reread.differs.render(false)
        );
        assert_eq!(verdict, Verdict::Applied);
        assert_eq!(reread.elsewhere.members_added(), 1);
        assert!(reread.elsewhere.render(false).contains(added));
        let hosts = now.base()["members"].to_string();
        assert!(hosts.contains(added), "{hosts}");
        emu.stop().await;
    }
}

#[tokio::test]
async fn a_change_meanwhile_where_the_request_writes_is_a_conflict() {
    let (emu, _log) = start_logged(demo_config()).await;
    let c = client(&emu, INSTANCE);
    // Narrow: someone reweighted the very member this change disables.
    let (_, base, _, p) = planned(&c, disable("192.168.0.13")).await;
    let other = client(&emu, INSTANCE);
    let mut m: MemberInfo =
        serde_json::from_value(base["members"][index_of(&base, "192.168.0.13")].clone()).unwrap();
    m.weight = Some(3);
    other.add_members(WEB, &[m]).await.unwrap();
    let (seen, _) = c.check_plan(WEB, &p, &base).await.unwrap();
    assert!(!seen.is_clear());
    assert!(seen.overlapping.render(false).contains("192.168.0.13"));

    // Full: the whole channel is written, so any change meanwhile would be undone.
    let (_, base, draft, _) = planned(&c, disable("192.168.0.14")).await;
    let full = plan(&base, &[], &draft, WriteMode::Full);
    someone_adds(&emu, "10.7.7.3").await;
    let (seen, _) = c.check_plan(WEB, &full, &base).await.unwrap();
    assert_eq!(seen.overlapping.members_added(), 1);
    emu.stop().await;
}

#[tokio::test]
async fn a_lost_answer_is_settled_by_what_the_request_writes() {
    let mut cfg = demo_config();
    cfg.faults.drop_after_apply_rate = 1.0;
    let (emu, _log) = start_logged(cfg).await;
    let c = client(&emu, INSTANCE);
    let (_, base, draft, p) = planned(&c, disable("192.168.0.11")).await;
    // Another client's write is applied too (its answer is lost as well).
    let other = client(&emu, INSTANCE);
    let m = MemberInfo {
        host: Some("10.7.7.4".into()),
        member_group_name: Some("blue".into()),
        ..Default::default()
    };
    assert!(other.add_members(WEB, &[m]).await.is_err());

    let sent = c.send_plan(WEB, &p).await;
    assert!(matches!(sent, Sent::Lost(_)), "{sent:?}");
    let (reread, verdict, _) = c.reread_plan(WEB, &p, &base, &draft).await.unwrap();
    // Applied, although the channel as a whole is neither the base nor the draft.
    assert_eq!(verdict, Verdict::Applied);
    assert_eq!(reread.elsewhere.members_added(), 1);
    let whole = chanedit::api::outcome::classify(&reread_now(&c).await, &base, &draft);
    assert_eq!(whole, Verdict::ChangedElsewhere);
    emu.stop().await;
}

async fn reread_now(c: &Client) -> Value {
    c.load_channel(WEB).await.unwrap().base()
}

#[tokio::test]
async fn deleting_a_channel_that_apis_use_is_refused_and_shown() {
    let emu = start_demo().await;
    let c = client(&emu, INSTANCE);
    // catalog_nacos: one API routes through it, and no reference channel names it.
    let apis = c
        .list_channel_apis(CATALOG_NACOS, Some("catalog_nacos"))
        .await
        .unwrap();
    assert_eq!(apis.len(), 1);
    let e = c.delete_channel(CATALOG_NACOS).await.unwrap_err();
    assert_eq!(e.status(), Some(403));
    let shown = e.to_string();
    assert!(shown.contains("APIG.3414 (403)"), "{shown}");
    assert!(
        c.load_channel(CATALOG_NACOS).await.is_ok(),
        "the channel is still there"
    );
    emu.stop().await;
}

#[derive(Debug, Clone)]
enum Edit {
    Status(usize, i64),
    Weight(usize, i64),
    Remove(usize),
    Add(usize, bool),
    Timeout(i64),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..20, 1i64..=2).prop_map(|(i, s)| Edit::Status(i, s)),
        (0usize..20, 0i64..100).prop_map(|(i, w)| Edit::Weight(i, w)),
        (0usize..20).prop_map(Edit::Remove),
        (0usize..50, any::<bool>()).prop_map(|(n, g)| Edit::Add(n, g)),
        (1i64..5).prop_map(Edit::Timeout),
    ]
}

fn apply_edits(base: &Value, edits: &[Edit]) -> Value {
    let mut d = base.clone();
    for e in edits {
        let len = d["members"].as_array().unwrap().len();
        match *e {
            Edit::Status(i, s) if len > 0 => d["members"][i % len]["status"] = json!(s),
            Edit::Weight(i, w) if len > 0 => d["members"][i % len]["weight"] = json!(w),
            // Keep one: an emptied channel is a guarded change of its own.
            Edit::Remove(i) if len > 1 => {
                d["members"].as_array_mut().unwrap().remove(i % len);
            }
            Edit::Add(n, green) => {
                let host = format!("10.6.{}.{n}", u8::from(green));
                let list = d["members"].as_array_mut().unwrap();
                if !list.iter().any(|m| m["host"] == host) {
                    let group = if green { "green" } else { "blue" };
                    list.push(json!({"host": host, "weight": 4, "member_group_name": group}));
                }
            }
            Edit::Timeout(t) => d["vpc_health_config"]["timeout"] = json!(t),
            _ => {}
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the change, the channel read back after the one request is the draft.
    #[test]
    fn one_request_makes_the_server_hold_the_draft(edits in prop::collection::vec(edit(), 1..4)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let (emu, log) = start_logged(demo_config()).await;
            let c = client(&emu, INSTANCE);
            let (_, base, draft, p) = planned(&c, |d| *d = apply_edits(d, &edits)).await;
            if chanedit::diff::diff(&base, &draft).is_empty() {
                emu.stop().await;
                return Ok(());
            }
            let sent = c.send_plan(WEB, &p).await;
            prop_assert!(matches!(sent, Sent::Ok { .. }), "{}: {sent:?}", p.describe());
            prop_assert_eq!(writes(&log).len(), 1, "{}", p.describe());
            let now = c.load_channel(WEB).await.unwrap().base();
            let left = chanedit::diff::diff(&now, &draft);
            prop_assert!(left.is_empty(), "{}:\n{}", p.describe(), left.render(false));
            emu.stop().await;
            Ok(())
        })?;
    }
}
