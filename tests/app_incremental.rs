//! What the editor keeps from each change (the modified flag, the findings, the draft a save
//! writes) equals what the full computation over the whole body gives, after any run of
//! typed, kept, cancelled, `:set`, undone and redone edits, with the member table in the
//! draft's order or sorted and filtered.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::effects::Effect;
use common::Harness;
use crossterm::event::KeyCode;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    /// Type into a member's field (0 host, 1 port, 2 weight), then keep it (Enter) or not
    /// (Esc).
    Field {
        row: usize,
        field: usize,
        text: String,
        keep: bool,
    },
    Set(String),
    /// Step a member's choice or yes/no field (3 group, 4 backup, 5 status) with Right.
    Cycle {
        row: usize,
        field: usize,
    },
    /// Keys in the member table (`s` sorts by the next column, `S` reverses).
    Keys(Vec<KeyCode>),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (
            0usize..4,
            0usize..3,
            "[0-9]{0,2}|10\\.0\\.0\\.[1-3]|80|8080",
            any::<bool>()
        )
            .prop_map(|(row, field, text, keep)| Step::Field {
                row,
                field,
                text,
                keep
            }),
        (0usize..4, 0u32..3).prop_map(|(r, w)| Step::Set(format!("set members[{r}].weight {w}"))),
        (0usize..4).prop_map(|r| Step::Set(format!("set members[{r}].host 10.0.0.1"))),
        (0usize..4, prop_oneof![Just("default"), Just("other")])
            .prop_map(|(r, g)| Step::Set(format!("set members[{r}].member_group_name {g}"))),
        (0usize..4).prop_map(|r| Step::Set(format!("unset members[{r}].member_group_name"))),
        (0usize..4, 3usize..6).prop_map(|(row, field)| Step::Cycle { row, field }),
        Just(Step::Keys(vec![KeyCode::Char('s')])),
        Just(Step::Keys(vec![KeyCode::Char('S')])),
        Just(Step::Keys(vec![
            KeyCode::Char('/'),
            KeyCode::Char('1'),
            KeyCode::Enter
        ])),
        Just(Step::Keys(vec![KeyCode::Char('/'), KeyCode::Esc])),
        Just(Step::Set("set name other".into())),
        Just(Step::Set("set name c1-name".into())),
        Just(Step::Undo),
        Just(Step::Redo),
    ]
}

/// Open the form of the `row`-th member shown and focus its `field`-th field; false when no
/// form opened (an Esc would then leave the channel).
fn open_field(h: &mut Harness, row: usize, field: usize) -> bool {
    h.key(KeyCode::Char('3'));
    if h.ed().members.form.is_some() {
        h.key(KeyCode::Esc);
    }
    if h.ed().members.visible.as_ref().is_some_and(Vec::is_empty) {
        return false;
    }
    h.key(KeyCode::Home);
    for _ in 0..row {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    if h.ed().members.form.is_none() {
        return false;
    }
    h.key(KeyCode::Home);
    for _ in 0..field {
        h.key(KeyCode::Down);
    }
    true
}

fn run(h: &mut Harness, s: &Step) {
    match s {
        Step::Field {
            row,
            field,
            text,
            keep,
        } => {
            if !open_field(h, *row, *field) {
                return;
            }
            h.key(KeyCode::Enter);
            for _ in 0..16 {
                h.key(KeyCode::Backspace);
            }
            h.chars(text);
            h.key(if *keep { KeyCode::Enter } else { KeyCode::Esc });
            h.key(KeyCode::Esc);
        }
        Step::Cycle { row, field } => {
            if !open_field(h, *row, *field) {
                return;
            }
            h.key(KeyCode::Right);
            h.key(KeyCode::Esc);
        }
        Step::Set(line) => h.command(line),
        Step::Keys(keys) => {
            h.key(KeyCode::Char('3'));
            if h.ed().members.form.is_some() {
                h.key(KeyCode::Esc);
            }
            for k in keys {
                h.key(*k);
            }
        }
        Step::Undo => h.key(KeyCode::Char('u')),
        Step::Redo => h.ctrl('r'),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn kept_state_equals_the_full_computation(steps in proptest::collection::vec(step(), 1..12)) {
        let mut h = Harness::open(4);
        for s in &steps {
            run(&mut h, s);
            let ed = h.ed();
            let base = ed.base.value();
            prop_assert_eq!(ed.dirty, *ed.draft != base, "dirty after {:?}", s);
            prop_assert_eq!(&ed.problems, &chanedit::validate::validate(&ed.draft), "after {:?}", s);
            prop_assert_eq!(ed.draft_has_secret(), chanedit::model::has_secret(&ed.draft));
            // The member table's order, kept from the edited row, equals a fresh filter and sort.
            let kept = ed.members.visible.clone();
            let ed = h.state.editor.as_mut().unwrap();
            ed.refilter();
            prop_assert_eq!(&kept, &ed.members.visible, "order after {:?}", s);
        }
        // A save after the run writes the draft as it is, or forgets it when it equals the base.
        let fx = chanedit::app::update(&mut h.state, chanedit::app::Action::Key(
            crossterm::event::KeyEvent::from(KeyCode::Char('u'))));
        let ed = h.ed();
        for e in fx {
            match e {
                Effect::SaveDraft { id } => prop_assert!(ed.dirty && id == ed.id),
                Effect::DeleteDraft { .. } => prop_assert!(!ed.dirty),
                _ => {}
            }
        }
    }
}
