//! Select and act: marks in the Members table, bulk actions as one undoable change, and the
//! `[*]` step of `:set`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Harness;
use crossterm::event::KeyCode;
use serde_json::json;

fn statuses(h: &Harness) -> Vec<i64> {
    h.draft()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_i64().unwrap())
        .collect()
}

#[test]
fn marked_members_are_disabled_together_and_undone_together() {
    let mut h = Harness::open(5);
    h.key(KeyCode::Char('3'));
    // Space marks and moves on: rows 0 and 1; row 3 after skipping row 2.
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    assert_eq!(h.ed().members.marked.len(), 3);
    let screen = common::render(&h.state, 80, 24);
    assert!(screen.contains("3 marked"), "{screen}");
    h.key(KeyCode::Char('D'));
    assert_eq!(statuses(&h), [2, 2, 1, 2, 1]);
    assert!(h.status().contains("Disabled: 3 rows"), "{}", h.status());
    h.key(KeyCode::Char('u'));
    assert_eq!(statuses(&h), [1, 1, 1, 1, 1], "one undo step");
    // Esc clears the marks before it leaves anything.
    h.key(KeyCode::Esc);
    assert!(h.ed().members.marked.is_empty());
    assert!(h.state.editor.is_some());
}

#[test]
fn a_range_and_all_shown_rows_can_be_marked_and_weighted() {
    let mut h = Harness::open(6);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('V'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    assert_eq!(
        h.ed().members.marked.iter().copied().collect::<Vec<_>>(),
        [1, 2, 3]
    );
    h.key(KeyCode::Char('V'));
    h.key(KeyCode::Char('W'));
    // The command line opens with `weight `; type the number.
    h.chars("7");
    h.key(KeyCode::Enter);
    let weights: Vec<i64> = h.draft()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["weight"].as_i64().unwrap())
        .collect();
    assert_eq!(weights, [10, 7, 7, 7, 10, 10]);
    // `*` marks what the filter shows.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('/'));
    h.chars("10.0.0.5");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('*'));
    assert_eq!(
        h.ed().members.marked.iter().copied().collect::<Vec<_>>(),
        [4]
    );
}

#[test]
fn deleting_marked_rows_is_one_change() {
    let mut h = Harness::open(4);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char('d'));
    let hosts: Vec<&str> = h.draft()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["host"].as_str().unwrap())
        .collect();
    assert_eq!(hosts, ["10.0.0.3", "10.0.0.4"]);
    h.key(KeyCode::Char('u'));
    assert_eq!(h.draft()["members"].as_array().unwrap().len(), 4);
}

#[test]
fn set_with_an_every_step_changes_each_match_and_without_it_refuses() {
    let mut h = Harness::open(3);
    h.command("set members[member_group_name=default].status 2");
    assert!(
        matches!(&h.state.popup, Some(chanedit::app::state::Popup::Command { error: Some(e), .. }) if e.contains("3 elements")),
        "several matches without [*] stay an error"
    );
    h.key(KeyCode::Esc);
    h.command("set members[member_group_name=default][*].status 2");
    assert_eq!(statuses(&h), [2, 2, 2]);
    assert!(h.status().contains("set 3 fields"), "{}", h.status());
    h.command("set members[*].weight 4");
    assert!(
        h.draft()["members"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["weight"] == json!(4))
    );
}

#[test]
fn goto_jumps_to_a_member_and_the_title_says_where_the_selection_is() {
    let mut h = Harness::open(1200);
    h.command("goto 10.0.4.100:8080");
    assert_eq!(h.ed().pane, chanedit::app::Pane::Members);
    let i = h.ed().members.selected;
    assert_eq!(h.draft()["members"][i]["host"], "10.0.4.100");
    let screen = common::render(&h.state, 80, 24);
    assert!(
        screen.contains(&format!("Members 1,{:03}/1,200", i + 1 - 1000)),
        "{screen}"
    );
    h.command("goto 10.9.9.9");
    assert!(
        matches!(&h.state.popup, Some(chanedit::app::state::Popup::Command { error: Some(e), .. }) if e.contains("no member")),
    );
}

#[test]
fn history_lists_the_channels_sends_and_r_reverts_one_through_the_review() {
    let mut h = Harness::open(3);
    h.command("set port 81");
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.server.detail.port, Some(81));
    h.key(KeyCode::Char('H'));
    let Some(chanedit::app::state::Popup::History { rows, .. }) = &h.state.popup else {
        panic!("the history opens: {:?}", h.state.popup);
    };
    assert_eq!(rows.len(), 1);
    assert!(rows[0].summary.contains("1 changed"), "{}", rows[0].summary);
    h.key(KeyCode::Enter);
    let screen = common::render(&h.state, 120, 40);
    assert!(screen.contains("port: 80 -> 81"), "{screen}");
    // A stray key does nothing; R loads the revert into the draft and opens the review.
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('R'));
    assert_eq!(h.draft()["port"], 80);
    assert!(matches!(
        h.state.popup,
        Some(chanedit::app::state::Popup::Review(_))
    ));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.server.detail.port, Some(80), "reverted on the server");
    assert_eq!(h.journal.len(), 2, "the revert is journaled too");
}

#[test]
fn the_filter_and_the_place_in_the_table_survive_a_send_and_a_reload() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('/'));
    h.chars("10.0.0.2");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Down);
    let before = (h.ed().members.filter_text.clone(), h.ed().members.selected);
    h.command("set port 81");
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.server.detail.port, Some(81));
    assert_eq!(
        (h.ed().members.filter_text.clone(), h.ed().members.selected),
        before,
        "after the send"
    );
    h.key(KeyCode::Char('r'));
    assert_eq!(
        (h.ed().members.filter_text.clone(), h.ed().members.selected),
        before,
        "after the reload"
    );
}
