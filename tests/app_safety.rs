//! The editor under a hostile world: a draft that cannot be saved, a re-read that fails after
//! a send, messages about another channel, quitting while a send is in flight, pastes and
//! `:add` keys that do not fit, row findings, and changes that need a question first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::effects::{BackendError, LoadPurpose};
use chanedit::app::state::{Confirm, Popup};
use chanedit::app::{Action, Effect};
use common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

/// The re-read after the next send is lost.
fn reread_after_send_fails(h: &mut Harness) {
    h.fail_load = Some((
        LoadPurpose::AfterSend,
        BackendError::network("connection reset"),
    ));
}

fn send_port(h: &mut Harness, port: u16) {
    h.command(&format!("set port {port}"));
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
}

#[test]
fn a_draft_that_could_not_be_saved_is_not_called_saved_and_goes_to_a_fallback() {
    let mut h = Harness::open(3);
    h.command("set port 81");
    h.act(Action::DraftSaveFailed("read-only file system".into()));
    h.key(KeyCode::Char('q'));
    let Some(Popup::Confirm(c)) = &h.state.popup else {
        panic!("quit asks");
    };
    let q = c.question();
    assert!(
        q.contains("could NOT be saved") && q.contains("read-only file system"),
        "{q}"
    );
    assert!(!q.contains("stays saved"), "{q}");
    h.key(KeyCode::Char('y'));
    assert!(h.quit);
    assert_eq!(
        h.fallback.as_ref().unwrap()["port"],
        81,
        "the draft went to the fallback"
    );
}

#[test]
fn a_save_that_works_again_clears_the_warning() {
    let mut h = Harness::open(3);
    h.command("set port 81");
    h.act(Action::DraftSaveFailed("disk full".into()));
    h.act(Action::DraftSaved {
        id: common::ID.into(),
    });
    h.key(KeyCode::Char('q'));
    assert!(matches!(h.state.popup, Some(Popup::Confirm(Confirm::Quit))));
}

#[test]
fn after_a_send_whose_re_read_failed_sending_again_is_no_conflict_with_itself() {
    let mut h = Harness::open(3);
    reread_after_send_fails(&mut h);
    send_port(&mut h, 81);
    assert_eq!(h.sends(), 1);
    assert!(h.status().contains("re-read failed"), "{}", h.status());
    // The next change is checked against what was sent, which the server now holds.
    send_port(&mut h, 82);
    assert_eq!(h.sends(), 2, "sent again: {}", h.status());
    assert!(!h.status().contains("changed since load"), "{}", h.status());
    assert_eq!(h.server.detail.port, Some(82));
}

#[test]
fn a_message_about_one_channel_is_gone_when_another_is_shown() {
    let mut h = Harness::open(3);
    send_port(&mut h, 81);
    assert!(h.status().starts_with("Sent"), "{}", h.status());
    h.key(KeyCode::Esc);
    assert_eq!(
        h.status(),
        "",
        "the list does not show the channel's message"
    );
    // The message is kept for :messages, with its channel.
    h.command("messages");
    assert!(matches!(h.state.popup, Some(Popup::Messages { .. })));
    let sent = h
        .state
        .messages
        .iter()
        .find(|m| m.text.starts_with("Sent"))
        .unwrap();
    assert_eq!(sent.channel.as_deref(), Some(common::ID));
}

#[test]
fn quitting_while_a_send_is_in_flight_asks_and_keeps_the_draft() {
    let mut h = Harness::open(3);
    h.command("set port 81");
    h.key(KeyCode::Char('w'));
    h.auto = false;
    h.key(KeyCode::Char('y'));
    // The re-read before sending is in flight: q, Esc and Ctrl-C are not ignored.
    h.act(Action::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(matches!(
        h.state.popup,
        Some(Popup::Confirm(Confirm::QuitWhileSending))
    ));
    h.auto = true;
    h.key(KeyCode::Char('y'));
    assert!(h.quit);
    assert_eq!(h.saved_draft.as_ref().unwrap()["port"], 81);
}

#[test]
fn a_saved_draft_that_the_server_already_holds_is_reported_not_offered() {
    let mut h = Harness::new(3, false);
    let mut applied = h.server.base();
    applied["port"] = json!(81);
    h.apply(&applied);
    h.saved_draft = Some(applied);
    let fx = chanedit::app::init(&mut h.state, Some(common::ID.into()));
    h.resolve(fx);
    assert!(h.state.popup.is_none());
    assert!(h.status().contains("matches the server"), "{}", h.status());
    assert!(h.saved_draft.is_none(), "the stale draft is removed");
}

#[test]
fn a_saved_draft_with_its_secret_masked_still_matches_the_server() {
    let mut h = Harness::new(3, false);
    h.server.detail.vpc_channel_type = Some("microservice".into());
    h.server.detail.microservice_info = serde_json::from_value(json!({"service_type": "NACOS",
        "nacos_info": {"service_name": "svc", "user_info": {"user_name": "nacos",
            "password": "hunter2"}}}))
    .unwrap();
    let mut saved = h.server.base();
    chanedit::model::redact_secrets(&mut saved);
    assert_ne!(saved, h.server.base());
    h.saved_draft = Some(saved);
    let fx = chanedit::app::init(&mut h.state, Some(common::ID.into()));
    h.resolve(fx);
    assert!(h.state.popup.is_none(), "nothing to offer");
    assert!(h.status().contains("matches the server"), "{}", h.status());
}

#[test]
fn a_multi_line_paste_into_a_one_line_field_is_refused_with_a_message() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Enter); // the Name field
    h.act(Action::Paste("web\nsecond line".into()));
    let edit = h.ed().edit.as_ref().unwrap();
    assert!(
        edit.refused
            .as_deref()
            .is_some_and(|r| r.contains("2 lines")),
        "{:?}",
        edit.refused
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["name"], "VPC_demo", "nothing of it was kept");
}

#[test]
fn add_refuses_keys_the_object_does_not_have_and_knows_group() {
    let mut h = Harness::open(2);
    h.command("add member host=10.9.9.9 weght=7");
    let Some(Popup::Command { error, .. }) = &h.state.popup else {
        panic!("the command stays open with its error");
    };
    let e = error.as_deref().unwrap();
    assert!(
        e.contains("weght") && e.contains("did you mean weight"),
        "{e}"
    );
    assert_eq!(h.draft()["members"].as_array().unwrap().len(), 2);
    h.key(KeyCode::Esc);
    h.command("add member host=10.9.9.9 weight=7 group=default");
    let added = &h.draft()["members"][2];
    assert_eq!(added["member_group_name"], "default");
    assert_eq!(added["weight"], 7);
    assert!(added.get("group").is_none());
}

#[test]
fn a_rows_own_error_is_in_its_form_and_a_warning_row_is_not_an_error_row() {
    let mut h = Harness::open(3);
    // A duplicate of member 0: the finding is on the row itself.
    h.command("set members[2].host 10.0.0.1");
    let dup = h
        .ed()
        .problems
        .iter()
        .find(|p| p.code == "duplicate_member")
        .unwrap()
        .path
        .clone();
    assert_eq!(dup, "members[2]");
    assert!(h.ed().bad_members.contains(&2));
    let screen = common::render(&h.state, 120, 40);
    assert!(screen.contains("same address as members[0]"), "{screen}");
    h.command("set members[2].host 10.0.0.3");
    // A member without a group among grouped ones is a warning, not an error.
    h.command("unset members[1].member_group_name");
    assert!(h.ed().warn_members.contains(&1), "{:?}", h.ed().problems);
    assert!(!h.ed().bad_members.contains(&1));
    h.key(KeyCode::Esc);
    let screen = common::render(&h.state, 120, 40);
    let row = screen.lines().find(|l| l.contains("10.0.0.2")).unwrap();
    assert!(row.contains('!') && !row.contains('✗'), "{row}");
}

#[test]
fn switching_member_type_and_deleting_a_used_group_ask_first() {
    let mut h = Harness::open(3);
    // Overview: Name, Port, Balance strategy, Member type.
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Right);
    let Some(Popup::Confirm(c @ Confirm::MemberType { .. })) = &h.state.popup else {
        panic!("asks before switching member type");
    };
    assert!(c.question().contains("3 members"), "{}", c.question());
    h.key(KeyCode::Char('n'));
    assert_eq!(h.draft()["member_type"], "ip");
    h.key(KeyCode::Right);
    h.key(KeyCode::Char('y'));
    assert_eq!(h.draft()["member_type"], "ecs");
    h.key(KeyCode::Char('u'));
    // The only group holds all three members.
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('d'));
    let Some(Popup::Confirm(c @ Confirm::DeleteGroup { .. })) = &h.state.popup else {
        panic!("asks before deleting a group with members");
    };
    assert!(c.question().contains("3 members"), "{}", c.question());
    h.key(KeyCode::Char('y'));
    assert_eq!(h.draft()["member_groups"].as_array().unwrap().len(), 0);
    assert_eq!(h.draft()["members"].as_array().unwrap().len(), 0);
    assert!(h.effects.iter().all(|e| !matches!(e, Effect::Send { .. })));
}

#[test]
fn a_lost_answer_is_reported_as_what_the_re_read_showed() {
    use chanedit::api::Verdict;
    let mut h = Harness::open(3);
    h.lose_next_send = Some(Some(Verdict::Applied));
    send_port(&mut h, 81);
    assert!(h.status().contains("WAS applied"), "{}", h.status());
    assert!(!h.ed().dirty, "the server's state is the new base");

    h.lose_next_send = Some(Some(Verdict::NotApplied));
    send_port(&mut h, 82);
    assert!(h.status().contains("NOT applied"), "{}", h.status());
    assert!(h.ed().dirty, "the draft is kept to send again");
    assert_eq!(h.server.detail.port, Some(81));
}

#[test]
fn an_unknown_outcome_is_settled_by_the_next_check_not_taken_for_a_conflict() {
    let mut h = Harness::open(3);
    h.lose_next_send = Some(None);
    send_port(&mut h, 81);
    assert!(h.status().contains("UNKNOWN"), "{}", h.status());
    // The update did land; the next send's check finds the server holding it.
    send_port(&mut h, 82);
    assert!(!h.status().contains("changed since load"), "{}", h.status());
    assert_eq!(h.server.detail.port, Some(82));
}

#[test]
fn a_draft_held_by_another_editor_is_never_shared_silently() {
    let mut h = Harness::new(3, false);
    h.draft_holder = Some("process 4242 on web-1 (since 2026-12-02T10:00:00Z)".into());
    let fx = chanedit::app::init(&mut h.state, Some(common::ID.into()));
    h.resolve(fx);
    let Some(Popup::Confirm(c @ Confirm::DraftHeld { .. })) = &h.state.popup else {
        panic!("asks: {:?}", h.state.popup);
    };
    assert!(c.question().contains("process 4242 on web-1"));
    // Stray keys do nothing; r opens it read-only.
    h.key(KeyCode::Char('d'));
    assert!(h.state.popup.is_some());
    h.key(KeyCode::Char('r'));
    assert!(h.state.read_only);
    h.command("set port 81");
    assert_eq!(h.draft()["port"], 80, "read-only: no edits");

    // Taking over asks the backend, which copies the other editor's draft aside first.
    let mut h = Harness::new(3, false);
    h.draft_holder = Some("process 4242 on web-1".into());
    let fx = chanedit::app::init(&mut h.state, Some(common::ID.into()));
    h.resolve(fx);
    h.key(KeyCode::Char('t'));
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::TakeOverDraft { .. }))
    );
    assert!(h.state.popup.is_none());
    assert!(!h.state.read_only);
}

#[test]
fn a_watch_refresh_moves_the_base_keeps_the_draft_and_marks_health_changes() {
    let mut h = Harness::open(3);
    h.state.watch = Some(1);
    h.command("set port 81");
    h.key(KeyCode::Char('3'));
    // Meanwhile on the server: a member turns unhealthy, another gets a new weight.
    h.server.members[1].health_status = Some("unhealthy".into());
    h.server.members[2].weight = Some(55);
    h.act(Action::WatchTick);
    assert_eq!(h.draft()["port"], 81, "the draft's edit stays");
    assert_eq!(
        h.draft()["members"][2]["weight"],
        55,
        "the server's change is in"
    );
    assert_eq!(
        h.ed().base.value()["members"][2]["weight"],
        55,
        "the base moved"
    );
    assert_eq!(h.ed().health_changed.len(), 1);
    let screen = common::render(&h.state, 120, 40);
    let row = screen.lines().find(|l| l.contains("10.0.0.2")).unwrap();
    assert!(row.contains("● unhealthy"), "{row}");
    // Nothing happens while a dialog is open.
    h.key(KeyCode::Char('?'));
    let before = h.effects.len();
    h.act(Action::WatchTick);
    assert_eq!(h.effects.len(), before);
}

#[test]
fn one_line_fields_take_the_readline_keys() {
    let mut h = Harness::open(1);
    h.key(KeyCode::Enter); // Name: VPC_demo
    h.ctrl('u');
    h.chars("web");
    h.ctrl('a');
    h.chars("x");
    h.ctrl('e');
    h.chars(" two");
    assert_eq!(h.draft()["name"], "xweb two");
    h.ctrl('w');
    assert_eq!(h.draft()["name"], "xweb ");
    h.key(KeyCode::Esc);
    assert_eq!(
        h.draft()["name"],
        "VPC_demo",
        "Esc still puts the old value back"
    );
}

#[test]
fn a_long_value_shows_whole_when_the_pane_is_wide_enough() {
    let mut h = Harness::open(1);
    let id = "6f1d0c5e-2b3a-4c8d-9e7f-0a1b2c3d4e5f-prod-cluster";
    h.command(&format!(
        r#"set microservice_info {{"service_type":"CCE","cce_info":{{"cluster_id":"{id}","namespace":"default","workload_type":"deployment","app_name":"shop"}}}}"#
    ));
    h.key(KeyCode::Char('5'));
    let wide = common::render(&h.state, 120, 40);
    assert!(wide.contains(id), "{wide}");
    let narrow = common::render(&h.state, 80, 24);
    assert!(
        narrow.contains(&id[..40]),
        "at 80 columns it still shows most of it: {narrow}"
    );
}

#[test]
fn unsetting_the_member_list_is_a_mass_delete_that_asks_for_the_name() {
    let mut h = Harness::open(4);
    h.command("unset members");
    h.key(KeyCode::Char('w'));
    let Some(Popup::Review(rv)) = &h.state.popup else {
        panic!("the review opens");
    };
    assert!(
        rv.diff
            .mass_delete
            .as_deref()
            .is_some_and(|m| m.contains("all 4")),
        "{:?}",
        rv.diff.mass_delete
    );
    h.key(KeyCode::Char('y'));
    assert!(matches!(
        &h.state.popup,
        Some(Popup::Review(rv)) if rv.stage == chanedit::app::state::ReviewStage::ConfirmName
    ));
    assert_eq!(h.sends(), 0, "nothing is sent before the name is typed");
}

#[test]
fn the_overview_and_the_review_say_which_apis_route_through_the_channel() {
    let mut h = Harness::open(2);
    let overview = common::render(&h.state, 120, 40);
    assert!(
        overview.contains("1 API routes through this channel"),
        "{overview}"
    );
    assert!(
        overview.contains("GET /orders  list_orders  [RELEASE]"),
        "{overview}"
    );
    h.command("set port 81");
    h.key(KeyCode::Char('w'));
    let review = common::render(&h.state, 120, 40);
    assert!(
        review.contains("1 API routes through this channel"),
        "{review}"
    );
}

#[test]
fn after_a_send_whose_re_read_failed_no_row_is_marked_changed() {
    let mut h = Harness::open(3);
    reread_after_send_fails(&mut h);
    h.command("del members[0]");
    h.command("set members[1].weight 9");
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert!(h.status().contains("re-read failed"), "{}", h.status());
    // What was sent is the base now: the members moved up a place, and none differs from it.
    let ed = h.ed();
    let kind = chanedit::app::rows::RowKind::Members;
    assert_eq!(ed.member_total(), 2);
    assert!(
        (0..2).all(|i| !chanedit::app::changes::row_changed(ed, kind, i)),
        "a mark on an unchanged row"
    );
}
