//! The review in the editor: a rename is no mass delete, and the raw body reads in the
//! loaded channel's key order whatever order edits left.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::state::{Popup, Review, ReviewStage};
use common::Harness;
use crossterm::event::KeyCode;

fn review(h: &Harness) -> &Review {
    let Some(Popup::Review(rv)) = &h.state.popup else {
        panic!("the review is not open: {:?}", h.status());
    };
    rv
}

#[test]
fn renaming_the_group_of_every_member_is_no_mass_delete() {
    let mut h = Harness::open(4);
    h.command("set member_groups[0].member_group_name main");
    for i in 0..4 {
        h.command(&format!("set members[{i}].member_group_name main"));
    }
    h.key(KeyCode::Char('w'));
    let rv = review(&h);
    assert_eq!(rv.diff.mass_delete, None);
    let lines = rv.diff.all_lines();
    let texts: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "member groups",
            "~ group renamed default -> main (4 members moved)"
        ]
    );
    // `y` goes to the send, not to typing the channel name.
    h.auto = false;
    h.key(KeyCode::Char('y'));
    assert_ne!(review(&h).stage, ReviewStage::ConfirmName);
}

/// The keys of the object whose line `from` holds its first key, up to its closing brace.
fn keys_from(lines: &[String], from: usize) -> Vec<String> {
    lines[from..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('}'))
        .filter_map(|l| l.trim().split('"').nth(1).map(str::to_string))
        .collect()
}

fn line_of(lines: &[String], text: &str) -> usize {
    lines.iter().position(|l| l.contains(text)).unwrap()
}

#[test]
fn the_raw_body_keeps_the_loaded_key_order() {
    let mut h = Harness::open(3);
    // Unset then set again: the draft now holds `weight` and `timeout` last.
    h.command("unset members[1].weight");
    h.command("set members[1].weight 7");
    h.command("unset vpc_health_config.timeout");
    h.command("set vpc_health_config.timeout 3");
    let draft = h.draft().to_string();
    assert!(draft.contains(r#""port":8080,"weight":7}"#), "{draft}");
    assert!(draft.contains(r#""timeout":3}"#), "{draft}");
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('t'));
    let rv = review(&h);
    assert!(rv.show_raw);
    let base: Vec<String> = serde_json::to_string_pretty(&h.ed().base.value())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let host = r#""host": "10.0.0.2""#;
    let shown = keys_from(&rv.raw, line_of(&rv.raw, host));
    assert_eq!(shown, keys_from(&base, line_of(&base, host)));
    assert_eq!(shown[..2], ["host", "weight"]);
    let health = r#""protocol""#;
    assert_eq!(
        keys_from(&rv.raw, line_of(&rv.raw, health)),
        keys_from(&base, line_of(&base, health))
    );
    assert!(rv.raw.iter().any(|l| l.contains(r#""timeout": 3"#)));
}

/// The plan the review would send, as the effects show it.
fn sent_plan(h: &Harness) -> chanedit::api::plan::Plan {
    h.effects
        .iter()
        .rev()
        .find_map(|e| match e {
            chanedit::app::Effect::Send { plan, .. } => Some((**plan).clone()),
            _ => None,
        })
        .expect("nothing was sent")
}

#[test]
fn the_request_line_follows_f_and_y_sends_what_it_says() {
    let mut h = Harness::open(4);
    h.command("set members[1].weight 9");
    h.key(KeyCode::Char('w'));
    let screen = common::render(&h.state, 100, 30);
    assert!(
        screen.contains("Request: POST .../members (1 member added or updated)"),
        "{screen}"
    );
    h.key(KeyCode::Char('f'));
    let screen = common::render(&h.state, 100, 30);
    assert!(
        screen.contains("Request: PUT .../vpc-channels/{id} (the whole channel: 4 members"),
        "{screen}"
    );
    assert!(screen.contains("full write chosen"), "{screen}");
    h.key(KeyCode::Char('y'));
    let plan = sent_plan(&h);
    assert!(plan.is_full(), "{}", plan.describe());

    // Back to the narrow request: toggled twice, and sent without the review ever drawn.
    let mut h = Harness::open(4);
    h.command("set members[1].weight 9");
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('y'));
    let plan = sent_plan(&h);
    assert_eq!(
        plan.describe(),
        "POST .../members (1 member added or updated)"
    );
}
