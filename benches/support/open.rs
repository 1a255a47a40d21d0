//! An editor with a channel open, as the state machine holds it after a load: shared by the
//! editor benches.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use chanedit::app::effects::{LoadPurpose, Loaded};
use chanedit::app::{Action, State, init, update};
use chanedit::model::{VpcChannel, VpcMemberInfo};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

pub fn channel(n: usize) -> Loaded {
    let members: Vec<VpcMemberInfo> = (0..n)
        .map(|i| {
            serde_json::from_value(
                json!({"host": format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
                "weight": 10, "port": 8080, "status": 1, "member_group_name": "g1",
                "id": format!("{i:032x}"), "member_group_id": "7a1e0c2b9d8f4e6a8b3c5d7e9f0a1b2c",
                "vpc_channel_id": "c1", "create_time": "2026-11-02T08:15:00Z",
                "health_status": "normal"}),
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

pub fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn opened(n: usize) -> State {
    open_loaded(channel(n))
}

/// An editor with `loaded` open, as after its load.
pub fn open_loaded(loaded: Loaded) -> State {
    let mut state = State::new(false);
    init(&mut state, Some("c1".into()));
    update(
        &mut state,
        Action::ChannelLoaded {
            id: "c1".into(),
            purpose: LoadPurpose::Open,
            result: Ok(Box::new(loaded)),
        },
    );
    state
}

pub fn press(state: &mut State, codes: &[KeyCode]) {
    for &code in codes {
        key(state, code);
    }
}

/// Type a command line and run it.
pub fn command(state: &mut State, line: &str) {
    key(state, KeyCode::Char(':'));
    for c in line.chars() {
        key(state, KeyCode::Char(c));
    }
    key(state, KeyCode::Enter);
}
