//! The editor's keystroke cost at 10,000 members: one digit typed into a member's weight
//! (write into the draft, re-validate, re-draw the screen at 80x24), and moving through the
//! member table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::app::effects::{LoadPurpose, Loaded};
use chanedit::app::{Action, State, init, update};
use chanedit::model::{VpcChannel, VpcMemberInfo};
use chanedit::ui::{self, Theme};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

fn channel(n: usize) -> Loaded {
    let members: Vec<VpcMemberInfo> = (0..n)
        .map(|i| {
            serde_json::from_value(
                json!({"host": format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
                "weight": 10, "port": 8080, "status": 1, "member_group_name": "g1"}),
            )
            .unwrap()
        })
        .collect();
    let detail: VpcChannel = serde_json::from_value(json!({"id": "c1", "name": "big", "port": 80,
        "balance_strategy": 1, "member_type": "ip", "vpc_channel_type": "builtin",
        "member_groups": [{"member_group_name": "g1"}],
        "vpc_health_config": {"protocol": "TCP", "threshold_normal": 2, "threshold_abnormal": 5,
            "time_interval": 10, "timeout": 5}}))
    .unwrap();
    Loaded { detail, members }
}

fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn opened(n: usize) -> State {
    let mut state = State::new(false);
    init(&mut state, Some("c1".into()));
    update(
        &mut state,
        Action::ChannelLoaded {
            id: "c1".into(),
            purpose: LoadPurpose::Open,
            result: Ok(Box::new(channel(n))),
        },
    );
    state
}

fn press(state: &mut State, codes: &[KeyCode]) {
    for &code in codes {
        key(state, code);
    }
}

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

    // Enter keeps the edit: full validation (rules across members), the exact
    // modified check and the draft save; then Enter again opens the field (undo snapshot).
    let mut state = opened(10_000);
    press(&mut state, &[Char('3'), Enter, Down, Down]);
    alternating(
        c,
        "keep an edit and reopen the field, 10k members",
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
