//! Keys as data: help lists every binding, read-only removes the writes, and Esc typed
//! quickly before a key (Alt+key on the wire) still means both keys.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::keymap::{BINDINGS, KeyMap};
use chanedit::app::state::{Pane, Popup};
use chanedit::ui::{Theme, help};
use common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn help_text(read_only: bool) -> String {
    help::lines(&KeyMap::default(), read_only, &Theme::plain())
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn help_lists_every_binding_and_read_only_help_no_write() {
    let full = help_text(false);
    for b in BINDINGS {
        assert!(full.contains(b.desc), "help lacks {:?}", b.desc);
    }
    let ro = help_text(true);
    for b in BINDINGS {
        assert_eq!(ro.contains(b.desc), !b.writes, "{:?}", b.desc);
    }
    assert!(full.contains(":set PATH VALUE"));
    assert!(!ro.contains(":set PATH VALUE"));
}

#[test]
fn esc_typed_quickly_before_a_key_counts_as_both() {
    let mut h = Harness::open(3);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Enter);
    assert!(h.ed().members.form.is_some());
    // Esc + '4' arriving together is read by the terminal as Alt+4.
    h.act(chanedit::app::Action::Key(KeyEvent::new(
        KeyCode::Char('4'),
        KeyModifiers::ALT,
    )));
    assert!(h.ed().members.form.is_none(), "Esc closed the form");
    assert_eq!(h.ed().pane, Pane::Health, "then 4 switched pane");
}

#[test]
fn question_mark_opens_help_everywhere_and_any_key_closes_it() {
    let mut h = Harness::open(1);
    for pane in ['1', '2', '3', '4', '5'] {
        h.key(KeyCode::Char(pane));
        h.key(KeyCode::Char('?'));
        assert!(matches!(h.state.popup, Some(Popup::Help { .. })));
        h.key(KeyCode::Esc);
        assert!(h.state.popup.is_none());
    }
}

/// Keys that edit, navigate or open things in the editor.
const STRAY: &[char] = &['d', 'e', ':', 'a', 'w', 'u', '1', '3', 'x', 'Z', ' ', 'j'];

/// A state fingerprint a stray key must not change: the popup, the draft, the pane.
fn fingerprint(h: &Harness) -> String {
    format!(
        "{:?}|{}|{:?}",
        h.state.popup.as_ref().map(popup_kind),
        h.draft(),
        h.ed().pane
    )
}

fn popup_kind(p: &Popup) -> String {
    match p {
        Popup::Review(rv) => format!("review {:?}", std::mem::discriminant(&rv.stage)),
        other => format!("{:?}", std::mem::discriminant(other)),
    }
}

/// For each dialog: every key its scope lists is in help under that scope, and a key it does
/// not list changes nothing and asks for nothing (it never reaches the editor).
#[test]
fn every_dialog_takes_only_its_own_keys() {
    use chanedit::app::keymap::Scope;
    let map = KeyMap::default();
    type Opener = Box<dyn Fn(&mut Harness)>;
    let openers: Vec<(&str, Opener)> = vec![
        (
            "confirm",
            Box::new(|h: &mut Harness| {
                h.command("set port 81");
                h.key(KeyCode::Char('q'));
            }),
        ),
        (
            "help",
            Box::new(|h: &mut Harness| h.key(KeyCode::Char('?'))),
        ),
        (
            "yank",
            Box::new(|h: &mut Harness| h.key(KeyCode::Char('y'))),
        ),
        (
            "problems",
            Box::new(|h: &mut Harness| {
                h.command("set port 0");
                h.key(KeyCode::Char('p'));
            }),
        ),
        (
            "review",
            Box::new(|h: &mut Harness| {
                h.command("set port 81");
                h.key(KeyCode::Char('w'));
            }),
        ),
    ];
    let help = help_text(false);
    for (name, open) in openers {
        let mut h = Harness::open(3);
        open(&mut h);
        assert!(h.state.popup.is_some(), "{name} opened");
        let scopes = chanedit::app::scopes(&h.state);
        assert_eq!(
            scopes.len(),
            1,
            "{name}: a dialog's keys are its own scope's alone"
        );
        let scope: Scope = scopes[0];
        assert!(scope.is_dialog(), "{name}");
        assert!(
            help.contains(scope.title()),
            "{name}: help lists {:?}",
            scope.title()
        );
        for b in map.active(&[scope], false) {
            assert!(help.contains(b.desc), "{name}: help lacks {:?}", b.desc);
        }
        for &c in STRAY {
            let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            if map.lookup(&[scope], false, &ev).is_some() {
                continue;
            }
            let before = fingerprint(&h);
            let effects = h.effects.len();
            h.key(KeyCode::Char(c));
            assert_eq!(fingerprint(&h), before, "{name}: {c:?} acted");
            assert_eq!(
                h.effects.len(),
                effects,
                "{name}: {c:?} asked for an effect"
            );
        }
    }
}

#[test]
fn typing_ahead_after_esc_in_a_dialog_goes_to_the_editor_only_after_it_closed() {
    let mut h = Harness::open(3);
    h.command("set port 81");
    h.key(KeyCode::Char('q'));
    assert!(matches!(h.state.popup, Some(Popup::Confirm(_))));
    // Typed ahead while the question is up: none of it may act.
    h.chars(":del members[0]");
    h.key(KeyCode::Enter);
    h.chars("ddee");
    assert!(matches!(h.state.popup, Some(Popup::Confirm(_))));
    assert_eq!(h.draft()["members"].as_array().unwrap().len(), 3);
    assert!(h.editor_text.is_none(), "$EDITOR never opened");
    // Two Escs arriving together are two Escs: the first answers no, the second asks before
    // leaving the edited channel.
    h.act(chanedit::app::Action::Key(KeyEvent::new(
        KeyCode::Esc,
        KeyModifiers::ALT,
    )));
    assert!(!h.quit);
    assert!(matches!(
        h.state.popup,
        Some(Popup::Confirm(chanedit::app::state::Confirm::Leave))
    ));
    assert_eq!(h.draft()["port"], 81);
}
