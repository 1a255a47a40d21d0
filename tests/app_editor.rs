//! The editor's state machine driven by key sequences, with no terminal and no sockets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::Action;
use chanedit::app::effects::{BackendError, Effect, LoadPurpose};
use chanedit::app::state::{Pane, Popup, ReviewStage, View};
use common::{Harness, ID};
use crossterm::event::KeyCode;
use serde_json::json;

fn edit_member_weight(h: &mut Harness, row: usize, weight: &str) {
    h.key(KeyCode::Char('3'));
    if h.ed().members.form.is_some() {
        h.key(KeyCode::Esc);
    }
    h.key(KeyCode::Home);
    for _ in 0..row {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter); // open the member's form
    h.key(KeyCode::Home);
    h.key(KeyCode::Down); // port
    h.key(KeyCode::Down); // weight
    h.key(KeyCode::Enter);
    for _ in 0..6 {
        h.key(KeyCode::Backspace);
    }
    h.chars(weight);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc); // close the form
}

fn set_timeout(h: &mut Harness, value: &str) {
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::Home);
    for _ in 0..7 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.chars(value);
}

#[test]
fn opening_loads_the_channel_and_looks_for_a_draft() {
    let h = Harness::open(4);
    assert_eq!(h.state.view, View::Editor);
    let ed = h.ed();
    assert_eq!(*ed.draft, ed.base.value());
    assert!(!ed.dirty);
    assert_eq!(ed.member_total(), 4);
    assert!(h.effects.contains(&Effect::LookupDraft { id: ID.into() }));
    let health: Vec<Option<&str>> = ed
        .rows(chanedit::app::rows::RowKind::Members)
        .iter()
        .map(|m| {
            ed.health
                .get(&chanedit::model::member_identity(m, &ed.draft))
        })
        .collect();
    assert_eq!(
        health,
        [
            Some("unhealthy"),
            Some("healthy"),
            Some("healthy"),
            Some("healthy")
        ]
    );
}

#[test]
fn member_weight_is_edited_through_its_form_and_saved_as_a_draft() {
    let mut h = Harness::open(4);
    edit_member_weight(&mut h, 1, "42");
    assert_eq!(h.draft()["members"][1]["weight"], 42);
    assert_eq!(
        h.draft()["members"][0]["weight"],
        10,
        "other rows untouched"
    );
    assert!(h.ed().dirty);
    assert_eq!(h.saved_draft.as_ref().unwrap()["members"][1]["weight"], 42);
}

#[test]
fn number_fields_refuse_letters() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    h.chars("x5");
    let edit = h.ed().edit.as_ref().expect("editing");
    assert_eq!(edit.input.lines()[0], "105", "x refused, 5 taken");
    h.key(KeyCode::Char('y'));
    assert!(h.ed().edit.as_ref().unwrap().refused.is_some());
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["members"][0]["weight"], 105);
}

#[test]
fn each_keystroke_revalidates_and_review_is_refused_while_errors_remain() {
    let mut h = Harness::open(3);
    set_timeout(&mut h, "12");
    // Still typing: the draft already holds 12 and the error is on the field.
    assert_eq!(h.draft()["vpc_health_config"]["timeout"], 12);
    let path = "vpc_health_config.timeout";
    assert!(
        h.ed()
            .problems
            .iter()
            .any(|p| p.path == path && p.is_error())
    );
    assert!(h.ed().error_count >= 1);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('w'));
    assert!(h.state.popup.is_none(), "review refused");
    assert!(h.status().contains("Review refused"), "{}", h.status());
    // Fix it: the error goes away and review opens.
    set_timeout(&mut h, "3");
    h.key(KeyCode::Enter);
    assert_eq!(h.ed().error_count, 0);
    h.key(KeyCode::Char('w'));
    let Some(Popup::Review(rv)) = &h.state.popup else {
        panic!("review should open");
    };
    let lines = rv.diff.all_lines();
    let text: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
    assert!(text.iter().any(|t| t.contains("timeout")), "{text:?}");
}

#[test]
fn problems_list_jumps_to_the_field() {
    let mut h = Harness::open(3);
    set_timeout(&mut h, "20");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::Char('p'));
    assert!(matches!(h.state.popup, Some(Popup::Problems { .. })));
    h.key(KeyCode::Enter);
    assert_eq!(h.ed().pane, Pane::Health);
    assert_eq!(h.ed().health_form.focus, 7, "focus on timeout");
}

#[test]
fn send_rereads_first_then_puts_the_draft_then_shows_the_server_state() {
    let mut h = Harness::open(4);
    edit_member_weight(&mut h, 2, "7");
    h.key(KeyCode::Char('w'));
    h.auto = false;
    h.key(KeyCode::Char('y'));
    assert_eq!(
        h.effects.last(),
        Some(&Effect::Load {
            id: ID.into(),
            purpose: LoadPurpose::CheckBeforeSend
        }),
        "re-read before sending"
    );
    let Some(Popup::Review(rv)) = &h.state.popup else {
        panic!()
    };
    assert_eq!(rv.stage, ReviewStage::Checking);
    assert!(h.state.busy.is_some(), "spinner while checking");
    h.auto = true;
    h.act(Action::ChannelLoaded {
        id: ID.into(),
        purpose: LoadPurpose::CheckBeforeSend,
        result: Ok(Box::new(h.server.clone())),
    });
    assert_eq!(h.sent.len(), 1);
    assert_eq!(h.sent[0]["members"][2]["weight"], 7);
    assert_eq!(
        h.sent[0]["members"].as_array().unwrap().len(),
        4,
        "whole list sent"
    );
    assert!(h.sent[0]["member_groups"].is_array());
    // After the re-read the base is the server's new state and nothing is pending.
    assert!(h.state.popup.is_none());
    assert!(!h.ed().dirty);
    assert_eq!(h.ed().base.value()["members"][2]["weight"], 7);
    assert!(h.status().starts_with("Sent"), "{}", h.status());
    assert!(h.saved_draft.is_none(), "draft forgotten after success");
}

#[test]
fn the_journal_entry_of_a_send_carries_the_request_id_and_the_status_shows_it() {
    let mut h = Harness::open(4);
    h.request_id = Some("3a1f0c9e2b7d4e55a0c1d2e3f4a5b6c7".into());
    edit_member_weight(&mut h, 1, "9");
    let base_weight = h.ed().base.value()["members"][1]["weight"].clone();
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.sends(), 1);
    assert_eq!(h.journal.len(), 1, "one entry per applied update");
    let entry = &h.journal[0];
    assert_eq!(entry["request_id"], "3a1f0c9e2b7d4e55a0c1d2e3f4a5b6c7");
    assert_eq!(entry["channel"], ID);
    assert_eq!(entry["result"], "ok");
    assert_eq!(entry["sent"]["members"][1]["weight"], 9);
    assert_eq!(entry["base"]["members"][1]["weight"], base_weight);
    assert!(
        h.status()
            .contains("(request 3a1f0c9e2b7d4e55a0c1d2e3f4a5b6c7)"),
        "{}",
        h.status()
    );
}

#[test]
fn a_send_without_a_request_id_journals_null_and_names_none() {
    let mut h = Harness::open(4);
    edit_member_weight(&mut h, 1, "9");
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.journal.len(), 1);
    assert!(h.journal[0]["request_id"].is_null());
    assert!(!h.status().contains("request"), "{}", h.status());
}

#[test]
fn a_change_on_the_server_since_load_stops_the_send() {
    let mut h = Harness::open(4);
    edit_member_weight(&mut h, 0, "3");
    // Someone else changes the port and the same member meanwhile.
    let mut other = h.ed().base.value();
    other["port"] = json!(81);
    other["members"][0]["weight"] = json!(50);
    h.apply(&other);
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.sends(), 0, "nothing sent");
    let Some(Popup::Review(rv)) = &h.state.popup else {
        panic!()
    };
    let ReviewStage::ServerChanged(sc) = &rv.stage else {
        panic!("{:?}", rv.stage)
    };
    assert!(
        sc.lines.iter().any(|(_, t)| t.contains("port")),
        "{:?}",
        sc.lines
    );
    let clash = sc.rebased.as_ref().unwrap_err();
    assert_eq!(clash.len(), 1, "{clash:?}");
    assert!(clash[0].contains("10.0.0.1"), "{clash:?}");
    assert_eq!(h.draft()["members"][0]["weight"], 3, "draft kept");
    // y neither sends nor rebases over a clash; r reloads.
    h.key(KeyCode::Char('y'));
    assert_eq!(h.sends(), 0);
    assert_eq!(h.draft()["members"][0]["weight"], 3);
    h.key(KeyCode::Char('r'));
    assert_eq!(h.ed().base.value()["port"], 81);
    assert_eq!(h.draft()["members"][0]["weight"], 50);
}

#[test]
fn an_api_error_lands_on_the_field_it_names_and_the_draft_survives() {
    let mut h = Harness::open(4);
    edit_member_weight(&mut h, 1, "9");
    h.fail_next_send = Some(BackendError {
        status: Some(400),
        error_code: Some("APIG.2004".into()),
        error_msg: "value out of range,parameterName:weight".into(),
        request_id: Some("req-1".into()),
        parameter: Some("weight".into()),
    });
    // Member 1 is still selected in the Members pane.
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    let ed = h.ed();
    let err = ed.server_error.as_ref().expect("server error kept");
    assert_eq!(err.code, "APIG.2004");
    assert_eq!(err.path.as_deref(), Some("members[1].weight"));
    assert_eq!(ed.pane, Pane::Members);
    assert_eq!(
        ed.members.form.map(|f| f.0),
        Some(1),
        "the member's form is open"
    );
    assert!(h.status().contains("APIG.2004"), "{}", h.status());
    assert_eq!(ed.draft["members"][1]["weight"], 9);
    assert!(ed.dirty);
    // Fix and resend.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.sent.len(), 1);
    assert!(h.ed().server_error.is_none());
}

#[test]
fn a_network_failure_keeps_the_draft() {
    let mut h = Harness::open(2);
    edit_member_weight(&mut h, 0, "5");
    h.fail_next_send = Some(BackendError::network("connection refused"));
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert!(h.status().contains("connection refused"), "{}", h.status());
    assert_eq!(h.draft()["members"][0]["weight"], 5);
    assert!(h.state.busy.is_none(), "spinner stops");
}

#[test]
fn removing_most_members_needs_the_channel_name() {
    let mut h = Harness::open(4);
    h.key(KeyCode::Char('3'));
    for _ in 0..3 {
        h.key(KeyCode::Char('d'));
    }
    assert_eq!(h.ed().member_total(), 1);
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    let stage = |h: &Harness| match &h.state.popup {
        Some(Popup::Review(rv)) => rv.stage.clone(),
        _ => panic!("review closed"),
    };
    assert_eq!(stage(&h), ReviewStage::ConfirmName);
    h.chars("wrong");
    h.key(KeyCode::Enter);
    assert_eq!(h.sends(), 0);
    assert_eq!(stage(&h), ReviewStage::ConfirmName);
    for _ in 0..5 {
        h.key(KeyCode::Backspace);
    }
    h.chars("VPC_demo");
    h.key(KeyCode::Enter);
    assert_eq!(h.sent.len(), 1);
    assert_eq!(h.sent[0]["members"].as_array().unwrap().len(), 1);
}

#[test]
fn undo_and_redo_walk_the_draft_history() {
    let mut h = Harness::open(3);
    edit_member_weight(&mut h, 0, "1");
    edit_member_weight(&mut h, 0, "2");
    assert_eq!(h.draft()["members"][0]["weight"], 2);
    h.key(KeyCode::Char('u'));
    assert_eq!(h.draft()["members"][0]["weight"], 1);
    h.key(KeyCode::Char('u'));
    assert_eq!(h.draft()["members"][0]["weight"], 10);
    assert!(!h.ed().dirty);
    h.ctrl('r');
    assert_eq!(h.draft()["members"][0]["weight"], 1);
}

#[test]
fn escape_cancels_a_field_edit() {
    let mut h = Harness::open(2);
    set_timeout(&mut h, "29");
    h.key(KeyCode::Esc);
    assert_eq!(h.draft()["vpc_health_config"]["timeout"], 5);
    assert!(!h.ed().dirty);
    assert_eq!(h.ed().error_count, 0);
}

#[test]
fn choices_cycle_with_arrows() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Char('4')); // protocol is the first field
    h.key(KeyCode::Right);
    assert_eq!(h.draft()["vpc_health_config"]["protocol"], "HTTPS");
    h.key(KeyCode::Right);
    assert_eq!(h.draft()["vpc_health_config"]["protocol"], "TCP");
    h.key(KeyCode::Left);
    assert_eq!(h.draft()["vpc_health_config"]["protocol"], "HTTPS");
}

#[test]
fn quit_asks_only_when_edits_are_unsent() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Char('q'));
    assert!(h.quit);
    let mut h = Harness::open(2);
    edit_member_weight(&mut h, 0, "3");
    h.key(KeyCode::Char('q'));
    assert!(!h.quit);
    assert!(matches!(h.state.popup, Some(Popup::Confirm(_))));
    h.key(KeyCode::Char('n'));
    assert!(!h.quit);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('y'));
    assert!(h.quit);
    assert!(h.saved_draft.is_some(), "the draft stays saved");
}

#[test]
fn reload_asks_when_edits_are_unsent() {
    let mut h = Harness::open(2);
    edit_member_weight(&mut h, 0, "3");
    h.key(KeyCode::Char('r'));
    assert!(matches!(h.state.popup, Some(Popup::Confirm(_))));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.draft()["members"][0]["weight"], 10);
    assert!(!h.ed().dirty);
}

#[test]
fn a_saved_draft_is_offered_back_on_open() {
    let mut h = Harness::new(2, false);
    let mut d = common::loaded(2);
    d.members[0].weight = Some(77);
    h.saved_draft = Some(chanedit::model::base_value(&d.detail, &d.members));
    let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
    h.resolve(fx);
    assert!(matches!(h.state.popup, Some(Popup::Confirm(_))));
    assert_eq!(
        h.draft()["members"][0]["weight"],
        10,
        "not restored before asked"
    );
    h.key(KeyCode::Char('y'));
    assert_eq!(h.draft()["members"][0]["weight"], 77);
    assert!(h.ed().dirty);
}

#[test]
fn bad_json_from_the_editor_comes_back_with_the_error_and_the_draft_intact() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Char('e'));
    let text = h.editor_text.take().expect("editor opened");
    assert!(text.contains("\"members\""));
    h.act(Action::EditorClosed(Ok("{\"name\": ".into())));
    let Some(Popup::JsonError { error, .. }) = &h.state.popup else {
        panic!("error shown")
    };
    assert!(error.contains("line"), "{error}");
    assert_eq!(*h.ed().draft, h.ed().base.value());
    h.key(KeyCode::Char('e'));
    let again = h.editor_text.take().expect("reopened");
    assert!(again.starts_with("// "), "error shown in the file");
    assert!(again.contains("{\"name\": "), "the user's text is back");
    // A good edit replaces the draft.
    let mut v = h.draft().clone();
    v["port"] = json!(8081);
    h.act(Action::EditorClosed(Ok(format!("// note\n{v}"))));
    assert_eq!(h.draft()["port"], 8081);
}

#[test]
fn read_only_hides_every_write() {
    let mut h = Harness::new(3, true);
    let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
    h.resolve(fx);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('a'));
    assert_eq!(h.ed().member_total(), 3);
    h.key(KeyCode::Enter); // opens the form to look at
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    assert!(h.ed().edit.is_none(), "no editing");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('e'));
    assert!(h.editor_text.is_none());
    h.command("set port 81");
    assert_eq!(h.draft()["port"], 80);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('w'));
    assert!(h.state.popup.is_none());
    assert_eq!(h.sends(), 0);
    assert!(!h.ed().dirty);
}

#[test]
fn the_channel_list_filters_as_you_type_and_opens_with_enter() {
    let mut h = Harness::new(2, false);
    let fx = chanedit::app::init(&mut h.state, None);
    h.auto = false;
    h.resolve(fx);
    let mut other = h.server.detail.clone();
    other.id = Some("otherid".into());
    other.name = Some("payments".into());
    h.act(Action::ChannelsListed(Ok(vec![
        h.server.detail.clone(),
        other,
    ])));
    assert_eq!(h.state.list.visible.len(), 2);
    h.key(KeyCode::Char('/'));
    h.chars("pay");
    assert_eq!(h.state.list.visible.len(), 1);
    h.key(KeyCode::Enter); // ends the filter
    h.key(KeyCode::Enter); // opens
    assert_eq!(
        h.effects.last(),
        Some(&Effect::Load {
            id: "otherid".into(),
            purpose: LoadPurpose::Open
        })
    );
}

#[test]
fn member_filter_narrows_the_table() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('/'));
    h.chars("10.0.0.2");
    // 10.0.0.2 and 10.0.0.20..29
    assert_eq!(h.ed().members.len(30), 11);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    assert_eq!(
        h.ed().members.form.map(|f| f.0),
        Some(19),
        "second match is row 19"
    );
}

#[test]
fn typing_revalidates_the_field_and_keeps_findings_elsewhere() {
    let mut h = Harness::open(5);
    h.command("set members[3].weight 20000");
    let bad = |h: &Harness, p: &str| h.ed().problems.iter().any(|x| x.path == p && x.is_error());
    assert!(bad(&h, "members[3].weight"));
    // Typing a bad timeout adds its error and keeps the member's.
    set_timeout(&mut h, "12");
    assert!(bad(&h, "vpc_health_config.timeout"));
    assert!(bad(&h, "members[3].weight"));
    assert_eq!(h.ed().error_count, 2);
    h.key(KeyCode::Esc);
    assert!(!bad(&h, "vpc_health_config.timeout"), "cancel clears it");
    // Typing a good weight into member 3 clears its error before Enter.
    edit_member_weight_keep_open(&mut h, 3, "5");
    assert!(!bad(&h, "members[3].weight"));
    assert!(h.ed().bad_members.is_empty());
    // A rule across members is checked when the edit is kept: a duplicate address.
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    h.command("set members[4].host 10.0.0.1");
    assert!(
        h.ed()
            .problems
            .iter()
            .any(|p| p.path.starts_with("members[4]"))
    );
    assert_eq!(
        h.draft()["members"][3]["member_group_name"],
        "default",
        "nothing else moved"
    );
}

fn edit_member_weight_keep_open(h: &mut Harness, row: usize, weight: &str) {
    h.key(KeyCode::Char('3'));
    if h.ed().members.form.is_some() {
        h.key(KeyCode::Esc);
    }
    h.key(KeyCode::Home);
    for _ in 0..row {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    h.key(KeyCode::Home);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    for _ in 0..6 {
        h.key(KeyCode::Backspace);
    }
    h.chars(weight);
}

#[test]
fn edits_move_onto_a_server_change_elsewhere_then_send() {
    let mut h = Harness::open(4);
    edit_member_weight(&mut h, 0, "3");
    let mut other = h.ed().base.value();
    other["balance_strategy"] = json!(2);
    other["members"][2]["weight"] = json!(99);
    h.apply(&other);
    h.key(KeyCode::Char('w'));
    // As the full channel PUT, which would overwrite their change: it must not be sent.
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.sends(), 0);
    h.key(KeyCode::Char('y')); // rebase
    let Some(Popup::Review(rv)) = &h.state.popup else {
        panic!("the review opens again")
    };
    assert_eq!(rv.stage, ReviewStage::Ready);
    let lines = rv.diff.all_lines();
    let text: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
    assert!(
        text.iter().any(|t| t.contains("weight 10 -> 3")),
        "{text:?}"
    );
    assert!(
        !text.iter().any(|t| t.contains("balance")),
        "only my edit: {text:?}"
    );
    assert_eq!(h.sends(), 0, "nothing sent until y again");
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.sent.len(), 1);
    let sent = &h.sent[0];
    assert_eq!(sent["balance_strategy"], 2, "their change kept");
    assert_eq!(sent["members"][2]["weight"], 99);
    assert_eq!(sent["members"][0]["weight"], 3, "my change applied");
}

#[test]
fn the_list_asks_for_member_counts_and_shows_them() {
    let mut h = Harness::new(2, false);
    let fx = chanedit::app::init(&mut h.state, None);
    h.auto = false;
    h.resolve(fx);
    let mut c = h.server.detail.clone();
    c.members = None;
    h.act(Action::ChannelsListed(Ok(vec![c])));
    assert_eq!(
        h.effects.last(),
        Some(&Effect::CountMembers {
            ids: vec![ID.to_string()]
        })
    );
    assert_eq!(h.state.list.rows[0].members, None);
    h.act(Action::MemberCount {
        id: ID.into(),
        count: 2000,
    });
    assert_eq!(h.state.list.rows[0].members, Some(2000));
}

#[test]
fn a_body_that_is_not_an_object_is_refused_and_the_draft_kept() {
    let mut h = Harness::open(2);
    h.act(Action::EditorClosed(Ok("[1, 2]".into())));
    let Some(Popup::JsonError { error, .. }) = &h.state.popup else {
        panic!("refused")
    };
    assert!(error.contains("object"), "{error}");
    h.key(KeyCode::Esc);
    assert!(h.draft().is_object());
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::Char('a'));
    assert!(h.draft()["vpc_health_config"].is_object());
}

#[test]
fn secrets_never_leave_for_the_editor_or_the_draft_file_and_come_back_intact() {
    let mut h = Harness::new(0, false);
    let mut d = h.server.detail.clone();
    d.vpc_channel_type = Some("microservice".into());
    d.microservice_info = serde_json::from_value(json!({"service_type": "NACOS",
        "nacos_info": {"service_name": "svc", "server_config": [{"ip_address": "10.0.0.9", "port": 8848}],
            "user_info": {"user_name": "nacos", "password": "hunter2"}}}))
    .unwrap();
    h.server.detail = d;
    let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
    h.resolve(fx);
    let pw = |v: &serde_json::Value| {
        v["microservice_info"]["nacos_info"]["user_info"]["password"].clone()
    };
    assert_eq!(pw(h.draft()), "hunter2");
    h.key(KeyCode::Char('e'));
    let text = h.editor_text.take().unwrap();
    assert!(!text.contains("hunter2"), "{text}");
    let mut back: serde_json::Value = serde_json::from_str(&text).unwrap();
    back["port"] = json!(81);
    h.act(Action::EditorClosed(Ok(back.to_string())));
    assert_eq!(pw(h.draft()), "hunter2", "the secret is put back");
    let saved = h.saved_draft.clone().unwrap();
    assert_eq!(pw(&saved), "***", "the draft file never holds it");
    // Reopening with that saved draft restores the real secret from the server's state.
    let mut again = Harness::new(0, false);
    again.server = h.server.clone();
    again.saved_draft = Some(saved);
    let fx = chanedit::app::init(&mut again.state, Some(ID.into()));
    again.resolve(fx);
    again.key(KeyCode::Char('y'));
    assert_eq!(again.draft()["port"], 81);
    assert_eq!(pw(again.draft()), "hunter2");
}

#[test]
fn renaming_a_group_in_its_form_moves_its_members_along() {
    let mut h = Harness::open(3);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Enter); // the group's form, name focused
    h.key(KeyCode::Enter);
    for _ in 0.."default".len() {
        h.key(KeyCode::Backspace);
    }
    h.chars("blue");
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["member_groups"][0]["member_group_name"], "blue");
    for i in 0..3 {
        assert_eq!(h.draft()["members"][i]["member_group_name"], "blue");
    }
    assert_eq!(h.ed().error_count, 0, "{:?}", h.ed().problems);
    h.key(KeyCode::Char('u'));
    assert_eq!(
        h.draft()["members"][0]["member_group_name"],
        "default",
        "one undo step"
    );
    assert_eq!(
        h.draft()["member_groups"][0]["member_group_name"],
        "default"
    );
}

#[test]
fn a_field_stays_one_line() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::Down); // path
    h.key(KeyCode::Enter);
    h.key(KeyCode::Tab);
    h.ctrl('j');
    h.ctrl('m');
    h.chars("/x");
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["vpc_health_config"]["path"], "/health/x");
}

fn has_duplicate(h: &Harness, path: &str) -> bool {
    h.ed()
        .problems
        .iter()
        .any(|p| p.path == path && p.code == "duplicate_member")
}

#[test]
fn a_kept_weight_edit_keeps_findings_across_members_exactly_as_a_full_check() {
    let mut h = Harness::open(4);
    h.command("set members[1].host 10.0.0.1");
    assert!(has_duplicate(&h, "members[1]"), "{:?}", h.ed().problems);
    let full = |h: &Harness| chanedit::validate::validate(h.draft());

    // The weight is not part of the identity: the duplicate stays in view while typing.
    edit_member_weight_keep_open(&mut h, 1, "20");
    assert!(has_duplicate(&h, "members[1]"), "{:?}", h.ed().problems);
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["members"][1]["weight"], 20);
    assert_eq!(h.ed().problems, full(&h));
    assert!(has_duplicate(&h, "members[1]"));

    // Typing a new host clears it; Esc brings the old host and its duplicate back.
    h.key(KeyCode::Home); // host
    h.key(KeyCode::Enter);
    for _ in 0..12 {
        h.key(KeyCode::Backspace);
    }
    h.chars("10.9.9.9");
    assert!(!has_duplicate(&h, "members[1]"));
    h.key(KeyCode::Esc);
    assert_eq!(h.draft()["members"][1]["host"], "10.0.0.1");
    assert_eq!(h.ed().problems, full(&h));
    assert!(has_duplicate(&h, "members[1]"));

    // A kept new host is checked against every member.
    h.key(KeyCode::Enter);
    for _ in 0..12 {
        h.key(KeyCode::Backspace);
    }
    h.chars("10.0.0.3");
    h.key(KeyCode::Enter);
    assert_eq!(h.ed().problems, full(&h));
    assert!(has_duplicate(&h, "members[2]"), "{:?}", h.ed().problems);
}

#[test]
fn a_narrow_write_goes_out_beside_a_change_elsewhere_and_names_itself() {
    let mut h = Harness::open(4);
    edit_member_weight(&mut h, 0, "3");
    let mut other = h.ed().base.value();
    other["balance_strategy"] = json!(2);
    h.apply(&other);
    h.key(KeyCode::Char('w'));
    let screen = common::render(&h.state, 120, 40);
    assert!(screen.contains("Request: POST .../members"), "{screen}");
    h.auto = false;
    h.key(KeyCode::Char('y'));
    h.auto = true;
    let check = h.effects.pop().unwrap();
    h.resolve(vec![check]);
    let send = h
        .effects
        .iter()
        .rev()
        .find_map(|e| match e {
            chanedit::app::Effect::Send { plan, .. } => Some(plan.clone()),
            _ => None,
        })
        .expect("sent without asking");
    assert!(!send.is_full(), "{}", send.describe());
    assert!(
        h.state
            .messages
            .iter()
            .any(|m| m.text.contains("changed elsewhere")),
        "the change elsewhere is reported"
    );
}
