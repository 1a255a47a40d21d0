//! The editor's keystroke cost at 10,000 members: one digit typed into a member's weight
//! (write into the draft, re-validate, re-draw the screen at 80x24), and moving through the
//! member table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/open.rs"]
mod open;

use chanedit::app::State;
use chanedit::ui::{self, Theme};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use open::{key, opened, press};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Times `step` (given a flag that flips every iteration, so an edit and its undoing
/// alternate) followed by a full re-draw at 80x24.
fn alternating(c: &mut Criterion, name: &str, mut state: State, step: impl Fn(&mut State, bool)) {
    let theme = Theme::plain();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut flip = false;
    c.bench_function(name, |b| {
        b.iter(|| {
            flip = !flip;
            step(&mut state, flip);
            term.draw(|f| ui::draw(f, &state, &theme)).unwrap();
        })
    });
}

fn digit_or_backspace(flip: bool) -> KeyCode {
    if flip {
        KeyCode::Char('5')
    } else {
        KeyCode::Backspace
    }
}

fn bench(c: &mut Criterion) {
    use KeyCode::{Char, Down, End, Enter};

    let mut state = opened(10_000);
    press(&mut state, &[Char('3'), End, Enter, Down, Down, Enter]);
    alternating(
        c,
        "keystroke: type a weight digit, 10k members",
        state,
        |s, flip| key(s, digit_or_backspace(flip)),
    );

    // Enter keeps the edit: the undo step, the modified check of the one member touched
    // and the draft save; then Enter again opens the field and a digit is typed.
    let mut state = opened(10_000);
    press(&mut state, &[Char('3'), Enter, Down, Down]);
    alternating(
        c,
        "keep an edit and reopen the field, 10k members",
        state,
        |s, flip| press(s, &[Enter, digit_or_backspace(flip), Enter]),
    );

    // The same with the first member's host: an identity, so the findings across members
    // (duplicates, mixed grouping) are re-checked for the members it shares an identity with.
    let mut state = opened(10_000);
    press(&mut state, &[Char('3'), Enter]);
    alternating(
        c,
        "keep a host edit and reopen the field, 10k members",
        state,
        |s, flip| press(s, &[Enter, digit_or_backspace(flip), Enter]),
    );

    let mut state = opened(10_000);
    key(&mut state, Char('3'));
    alternating(
        c,
        "keystroke: move in the member table, 10k members",
        state,
        |s, down| {
            key(
                s,
                if down {
                    KeyCode::PageDown
                } else {
                    KeyCode::PageUp
                },
            )
        },
    );

    // Sorting is worked out on a change, not per frame: S re-sorts 10,000 members each time.
    let mut state = opened(10_000);
    press(&mut state, &[Char('3'), Char('s')]);
    alternating(
        c,
        "sort: reverse the address sort and re-draw, 10k members",
        state,
        |s, _| key(s, Char('S')),
    );

    // With the table sorted by health (the dearest key), keeping an edit re-sorts it.
    let mut state = opened(10_000);
    press(&mut state, &[Char('3'), Char('S'), Char('S')]);
    for _ in 0..4 {
        key(&mut state, Char('s'));
    }
    press(&mut state, &[Enter, Down, Down]);
    alternating(
        c,
        "keep an edit and reopen the field, sorted by health, 10k members",
        state,
        |s, flip| press(s, &[Enter, digit_or_backspace(flip), Enter]),
    );

    // n after the filter is cleared: a scan of every row for the last search.
    let mut state = opened(10_000);
    press(
        &mut state,
        &[Char('3'), Char('/'), Char('.'), Char('7'), Char('7'), Enter],
    );
    press(&mut state, &[Char('/'), KeyCode::Esc]);
    alternating(
        c,
        "n: next match of the last search, 10k members",
        state,
        |s, _| key(s, Char('n')),
    );

    // Tab on the `:` line completing a member address: a fresh scan of every member each
    // time (the typed text changes between Tabs), listed on the hint line.
    let mut state = opened(10_000);
    press(&mut state, &[Char(':')]);
    for c in "goto 10.0.1".chars() {
        key(&mut state, Char(c));
    }
    alternating(
        c,
        "Tab: complete a member address, 10k members",
        state,
        |s, flip| {
            let edit = if flip { Char('2') } else { KeyCode::Backspace };
            press(s, &[edit, KeyCode::Tab]);
        },
    );

    let mut small = opened(10);
    press(&mut small, &[Char('3'), Enter, Down, Down, Enter]);
    alternating(
        c,
        "keystroke: type a weight digit, 10 members",
        small,
        |s, flip| key(s, digit_or_backspace(flip)),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
