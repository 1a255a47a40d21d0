//! Yank: `y`, then what to copy. The state machine asks for the clipboard with the exact text
//! (the runner's OSC 52 bytes are tested in `tui::clipboard` and end to end in `e2e_yank`);
//! secrets are masked, control characters escaped, and nothing over the cap is copied.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use chanedit::app::Effect;
use chanedit::app::keymap::KeyMap;
use chanedit::app::state::Popup;
use chanedit::app::yank::CAP;
use chanedit::config::keys::KeySetting;
use common::{Harness, ID};
use crossterm::event::KeyCode;
use serde_json::{Value, json};

/// The text of every clipboard request so far.
fn copied(h: &Harness) -> Vec<String> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Clipboard { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn yank(h: &mut Harness, what: char) {
    h.key(KeyCode::Char('y'));
    assert!(matches!(h.state.popup, Some(Popup::Yank)), "y waits");
    h.key(KeyCode::Char(what));
    assert!(h.state.popup.is_none(), "{what} closed the yank keys");
}

fn draft_mut(h: &mut Harness) -> &mut Value {
    Arc::make_mut(&mut h.state.editor.as_mut().unwrap().draft)
}

#[test]
fn host_and_id_of_the_selected_member() {
    let mut h = Harness::open(3);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Down);
    yank(&mut h, 'h');
    assert_eq!(copied(&h), vec!["10.0.0.2"]);
    assert!(
        h.status()
            .contains("copied 10.0.0.2: the host of member 10.0.0.2:8080"),
        "{}",
        h.status()
    );
    yank(&mut h, 'i');
    assert_eq!(copied(&h)[1], "m1");
    // With the member's form open, the same member.
    h.key(KeyCode::Enter);
    yank(&mut h, 'i');
    assert_eq!(copied(&h)[2], "m1");
}

#[test]
fn id_of_a_group_then_of_the_channel_and_host_needs_a_member() {
    let mut h = Harness::open(3);
    h.key(KeyCode::Char('2'));
    yank(&mut h, 'i');
    assert_eq!(copied(&h), vec!["g1id"]);
    h.key(KeyCode::Char('1'));
    yank(&mut h, 'i');
    assert_eq!(copied(&h)[1], ID);
    yank(&mut h, 'h');
    assert_eq!(copied(&h).len(), 2, "no host outside the members");
    assert!(h.status().contains("nothing copied"), "{}", h.status());
}

#[test]
fn a_new_member_has_no_id_to_copy() {
    let mut h = Harness::open(2);
    h.command("add member host=10.9.9.9 group=default");
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::End);
    yank(&mut h, 'h');
    assert_eq!(copied(&h), vec!["10.9.9.9"]);
    yank(&mut h, 'i');
    assert_eq!(copied(&h).len(), 1);
    assert!(h.status().contains("no id yet"), "{}", h.status());
}

#[test]
fn json_of_the_member_or_of_the_channel_with_secrets_masked() {
    let mut h = Harness::open(3);
    draft_mut(&mut h)["microservice_info"]["nacos_info"] = json!({"password": "hunter2"});
    h.key(KeyCode::Char('3'));
    yank(&mut h, 'j');
    let member: Value = serde_json::from_str(&copied(&h)[0]).unwrap();
    assert_eq!(member, h.draft()["members"][0]);
    h.key(KeyCode::Char('1'));
    yank(&mut h, 'j');
    let text = &copied(&h)[1];
    assert!(!text.contains("hunter2"), "the secret was copied");
    let channel: Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        channel["microservice_info"]["nacos_info"]["password"],
        "***"
    );
    assert_eq!(channel["members"], h.draft()["members"]);
    assert!(h.status().contains("the channel's JSON"), "{}", h.status());
}

#[test]
fn the_diff_of_the_unsent_edits() {
    let mut h = Harness::open(3);
    yank(&mut h, 'd');
    assert!(copied(&h).is_empty());
    assert!(h.status().contains("no unsent edits"), "{}", h.status());
    h.command("set port 81");
    yank(&mut h, 'd');
    let text = &copied(&h)[0];
    assert!(text.contains("port: 80 -> 81"), "{text}");
}

#[test]
fn control_characters_never_reach_the_clipboard() {
    let mut h = Harness::open(2);
    draft_mut(&mut h)["members"][0]["host"] = json!("10.0.0.1\u{1b}]52;c;ZXZpbA==\u{7}");
    h.key(KeyCode::Char('3'));
    yank(&mut h, 'h');
    let text = &copied(&h)[0];
    assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
    assert!(text.starts_with("10.0.0.1\\u{1b}"), "{text:?}");
}

#[test]
fn nothing_over_the_cap_is_copied_and_the_status_says_so() {
    let mut h = Harness::open(2000);
    yank(&mut h, 'j');
    assert!(copied(&h).is_empty());
    let s = h.status();
    assert!(s.contains(&format!("clipboard cap of {CAP} bytes")), "{s}");
}

#[test]
fn the_yank_keys_take_only_their_own_keys() {
    let mut h = Harness::open(3);
    let before = h.draft().clone();
    h.key(KeyCode::Char('y'));
    for c in ['a', 'w', 'x', 'q', '3'] {
        h.key(KeyCode::Char(c));
        assert!(matches!(h.state.popup, Some(Popup::Yank)), "{c} acted");
    }
    h.key(KeyCode::Esc);
    assert!(h.state.popup.is_none());
    assert!(copied(&h).is_empty());
    assert_eq!(h.draft(), &before);
    assert!(!h.state.quit && h.ed().pane == chanedit::app::state::Pane::Overview);
}

#[test]
fn the_channel_list_copies_the_selected_channel_id() {
    let mut h = Harness::new(1, false);
    let fx = chanedit::app::init(&mut h.state, None);
    h.resolve(fx);
    yank(&mut h, 'i');
    assert_eq!(copied(&h), vec![ID]);
    yank(&mut h, 'j');
    assert_eq!(copied(&h).len(), 1);
    assert!(
        h.status().contains("open a channel first"),
        "{}",
        h.status()
    );
}

#[test]
fn a_remapped_yank_key_works_and_the_old_one_does_not() {
    let mut h = Harness::open(3);
    h.state.keys = KeyMap::remap(&[
        KeySetting {
            action: "editor.yank".into(),
            keys: vec!["c".into()],
            line: 2,
        },
        KeySetting {
            action: "yank.host".into(),
            keys: vec!["C-h".into()],
            line: 3,
        },
    ])
    .unwrap();
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('y'));
    assert!(h.state.popup.is_none(), "y is no longer the yank key");
    h.key(KeyCode::Char('c'));
    assert!(matches!(h.state.popup, Some(Popup::Yank)));
    h.key(KeyCode::Char('h'));
    assert!(copied(&h).is_empty(), "h is no longer the host key");
    h.ctrl('h');
    assert_eq!(copied(&h), vec!["10.0.0.1"]);
    // The hint line and help show the new keys.
    let screen = common::render(&h.state, 80, 24);
    assert!(!screen.contains("C-h host"), "the yank keys are closed");
    h.key(KeyCode::Char('c'));
    let screen = common::render(&h.state, 80, 24);
    assert!(screen.contains("C-h host"), "{screen}");
}
