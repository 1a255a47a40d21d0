//! The `:` command line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::state::{Pane, Popup};
use common::Harness;
use crossterm::event::KeyCode;
use serde_json::json;

#[test]
fn set_parses_json_values_and_falls_back_to_text() {
    let mut h = Harness::open(3);
    h.command("set vpc_health_config.timeout 7");
    assert_eq!(h.draft()["vpc_health_config"]["timeout"], 7);
    h.command("set vpc_health_config.path /ready");
    assert_eq!(h.draft()["vpc_health_config"]["path"], "/ready");
    h.command("set members[1].weight 33");
    assert_eq!(h.draft()["members"][1]["weight"], 33);
    assert_eq!(h.ed().pane, Pane::Members, "shows what was set");
}

#[test]
fn set_shows_the_validation_verdict() {
    let mut h = Harness::open(3);
    h.command("set vpc_health_config.timeout 12");
    assert!(h.ed().error_count >= 1);
    assert!(
        h.status().contains("vpc_health_config.timeout"),
        "{}",
        h.status()
    );
    assert_eq!(h.ed().pane, Pane::Health);
    assert_eq!(h.ed().health_form.focus, 7);
}

#[test]
fn add_unset_and_del() {
    let mut h = Harness::open(2);
    h.command("add member host=10.9.9.9 weight=4 port=8081");
    let m = &h.draft()["members"][2];
    assert_eq!(m["host"], "10.9.9.9");
    assert_eq!(m["weight"], 4);
    assert_eq!(
        m["member_group_name"], "default",
        "joins the existing group"
    );
    h.command("add group member_group_name=canary member_group_weight=5");
    assert_eq!(h.draft()["member_groups"][1]["member_group_name"], "canary");
    h.command("unset vpc_health_config.http_code");
    assert!(h.draft()["vpc_health_config"].get("http_code").is_none());
    h.command("del members[0]");
    assert_eq!(h.draft()["members"].as_array().unwrap().len(), 2);
    assert_eq!(h.draft()["members"][0]["host"], "10.0.0.2");
}

#[test]
fn errors_stay_on_the_command_line() {
    let mut h = Harness::open(2);
    h.command("frobnicate");
    let Some(Popup::Command { error, .. }) = &h.state.popup else {
        panic!("command line stays open")
    };
    assert!(error.as_deref().unwrap_or("").contains("unknown command"));
    h.key(KeyCode::Esc);
    h.command("set");
    assert!(matches!(
        h.state.popup,
        Some(Popup::Command { error: Some(_), .. })
    ));
    h.key(KeyCode::Esc);
    assert_eq!(*h.ed().draft, h.ed().base.value(), "nothing changed");
}

#[test]
fn tab_completes_the_command() {
    let mut h = Harness::open(1);
    h.key(KeyCode::Char(':'));
    h.chars("uns");
    h.key(KeyCode::Tab);
    let Some(Popup::Command { input, .. }) = &h.state.popup else {
        panic!()
    };
    assert_eq!(input.lines()[0], "unset ");
}

#[test]
fn w_reviews_and_q_quits() {
    let mut h = Harness::open(2);
    h.command("set port 81");
    h.command("w");
    assert!(matches!(h.state.popup, Some(Popup::Review(_))));
    h.key(KeyCode::Esc);
    h.command("q");
    assert!(!h.quit, "asks first");
    h.key(KeyCode::Esc);
    h.command("q!");
    assert!(h.quit);
    assert_eq!(h.saved_draft.as_ref().unwrap()["port"], json!(81));
}

#[test]
fn pasting_into_the_command_line_and_a_field() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Char(':'));
    h.act(chanedit::app::Action::Paste(
        "set vpc_health_config.path /ready\nignored second line".into(),
    ));
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["vpc_health_config"]["path"], "/ready");
    // Into the weight field: letters refused, digits kept.
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    h.act(chanedit::app::Action::Paste("7x5".into()));
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["members"][0]["weight"], 1075);
}

#[test]
fn set_of_one_field_undoes_and_redoes_exactly_a_new_key_included() {
    let mut h = Harness::open(3);
    let base = (*h.ed().draft).clone();
    h.command("set members[1].weight 7");
    h.command("set port 81");
    h.command("set members[0].member_group_remark \"x\"");
    let edited = (*h.ed().draft).clone();
    assert_eq!(edited["members"][1]["weight"], json!(7));
    assert_eq!(edited["members"][0]["member_group_remark"], json!("x"));
    for _ in 0..3 {
        h.key(KeyCode::Char('u'));
    }
    assert_eq!(*h.ed().draft, base, "every step undone, key order too");
    assert!(!h.ed().dirty);
    let ctrl_r = crossterm::event::KeyEvent::new(
        KeyCode::Char('r'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    for _ in 0..3 {
        chanedit::app::update(&mut h.state, chanedit::app::Action::Key(ctrl_r));
    }
    assert_eq!(*h.ed().draft, edited, "every step redone");
    // A field whose parent is missing is created with it, and undone whole.
    h.command("set vpc_health_config.nested.deep 1");
    h.key(KeyCode::Char('u'));
    assert_eq!(*h.ed().draft, edited);
}
