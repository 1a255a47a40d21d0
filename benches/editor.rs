//! The editor's keystroke cost at 10,000 members: one digit typed into a member's weight
//! (write into the draft, re-validate, re-draw the screen at 80x24), and moving through the
//! member table.

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

fn bench(c: &mut Criterion) {
    let theme = Theme::plain();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();

    let mut state = opened(10_000);
    key(&mut state, KeyCode::Char('3'));
    key(&mut state, KeyCode::End);
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Enter);
    c.bench_function("keystroke: type a weight digit, 10k members", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            key(
                &mut state,
                if flip {
                    KeyCode::Char('5')
                } else {
                    KeyCode::Backspace
                },
            );
            term.draw(|f| ui::draw(f, &state, &theme)).unwrap();
        })
    });

    // Enter keeps the edit: full validation (rules across members), the exact
    // modified check and the draft save; then Enter again opens the field (undo snapshot).
    let mut state = opened(10_000);
    key(&mut state, KeyCode::Char('3'));
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Down);
    c.bench_function("keep an edit and reopen the field, 10k members", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            key(&mut state, KeyCode::Enter);
            key(
                &mut state,
                if flip {
                    KeyCode::Char('5')
                } else {
                    KeyCode::Backspace
                },
            );
            key(&mut state, KeyCode::Enter);
            term.draw(|f| ui::draw(f, &state, &theme)).unwrap();
        })
    });

    let mut state = opened(10_000);
    key(&mut state, KeyCode::Char('3'));
    c.bench_function("keystroke: move in the member table, 10k members", |b| {
        let mut down = false;
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
    });

    let mut small = opened(10);
    key(&mut small, KeyCode::Char('3'));
    key(&mut small, KeyCode::Enter);
    key(&mut small, KeyCode::Down);
    key(&mut small, KeyCode::Down);
    key(&mut small, KeyCode::Enter);
    c.bench_function("keystroke: type a weight digit, 10 members", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            key(
                &mut small,
                if flip {
                    KeyCode::Char('5')
                } else {
                    KeyCode::Backspace
                },
            );
            term.draw(|f| ui::draw(f, &small, &theme)).unwrap();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
