//! Keys as data: help lists every binding, read-only removes the writes, and Esc typed
//! quickly before a key (Alt+key on the wire) still means both keys.

mod common;

use chanedit::app::keymap::BINDINGS;
use chanedit::app::state::{Pane, Popup};
use chanedit::ui::{Theme, help};
use common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn help_text(read_only: bool) -> String {
    help::lines(read_only, &Theme::plain())
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
    assert!(h.ed().member_form.is_some());
    // Esc + '4' arriving together is read by the terminal as Alt+4.
    h.act(chanedit::app::Action::Key(KeyEvent::new(
        KeyCode::Char('4'),
        KeyModifiers::ALT,
    )));
    assert!(h.ed().member_form.is_none(), "Esc closed the form");
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
