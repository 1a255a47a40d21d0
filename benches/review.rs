//! The review at 10,000 members with every weight changed: building the diff, opening the
//! review (diff, request, raw body, first frame at 80x24), and scrolling it, whose cost must
//! not grow with the channel (compared against 100 members).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/open.rs"]
mod open;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chanedit::app::State;
use chanedit::ui::{self, Theme};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use open::{channel, command, key, open_loaded, press};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A channel of `n` members open on the Members pane with every weight changed. Its group is
/// renamed to a valid name first, so that the review is not refused.
fn every_weight_changed(n: usize) -> State {
    let mut loaded = channel(n);
    let blue = Some("blue".to_string());
    for g in loaded.detail.member_groups.iter_mut().flatten() {
        g.member_group_name = blue.clone();
    }
    for m in &mut loaded.members {
        m.member_group_name = blue.clone();
    }
    let mut state = open_loaded(loaded);
    press(&mut state, &[KeyCode::Char('3'), KeyCode::Char('*')]);
    command(&mut state, "weight 20");
    assert_eq!(state.editor.as_ref().unwrap().error_count, 0);
    state
}

fn bench(c: &mut Criterion) {
    let theme = Theme::plain();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();

    let mut state = every_weight_changed(10_000);
    let ed = state.editor.as_ref().unwrap();
    let (base, draft) = (ed.base.value(), ed.draft.clone());
    assert_eq!(chanedit::diff::diff(&base, &draft).members.len(), 10_000);
    c.bench_function(
        "review: diff and its lines, 10k members, every weight changed",
        |b| b.iter(|| chanedit::diff::diff(black_box(&base), black_box(&draft)).lines()),
    );

    // Opening and closing are timed apart: the bench opens the review, draws it and closes
    // it again, so that the next `w` opens it anew.
    let mut open_and_close = |c: &mut Criterion, name: &str, timed_open: bool| {
        c.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    key(&mut state, KeyCode::Char('w'));
                    term.draw(|f| ui::draw(f, &state, &theme)).unwrap();
                    if timed_open {
                        spent += t.elapsed();
                    }
                    let t = Instant::now();
                    key(&mut state, KeyCode::Esc);
                    if !timed_open {
                        spent += t.elapsed();
                    }
                }
                spent
            })
        });
    };
    open_and_close(
        c,
        "review: open (w) and draw at 80x24, 10k members, every weight changed",
        true,
    );
    open_and_close(
        c,
        "review: close (Esc), 10k members, every weight changed",
        false,
    );

    for n in [100, 10_000] {
        let mut state = every_weight_changed(n);
        key(&mut state, KeyCode::Char('w'));
        assert!(state.popup.is_some(), "the review did not open");
        // Half way down, so that a page moves either way.
        for _ in 0..n / 40 {
            key(&mut state, KeyCode::PageDown);
        }
        let mut down = false;
        c.bench_function(
            &format!("review: scroll a page and draw at 80x24, {n} members"),
            |b| {
                b.iter(|| {
                    down = !down;
                    key(
                        &mut state,
                        if down {
                            KeyCode::PageDown
                        } else {
                            KeyCode::PageUp
                        },
                    );
                    term.draw(|f| ui::draw(f, &state, &theme)).unwrap();
                })
            },
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
